#pragma once

#include "report/report.h"
#include "widgets/taskmanager.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace nqi::widgets {
class Document;
} // namespace nqi::widgets

namespace nqi::app {

/**
 * File > Report…: where the report goes (PDF, ODT or HTML by extension), its language, sections,
 * author and logo, with a print preview of the pages before writing.
 *
 * Opening it runs nothing and changes nothing: it lists the planner results the report uses,
 * each current, stale (and why) or missing, and offers Compute for a stale or missing one (a
 * background task the window runs: computeRequested), following it until it lands. The report is
 * written from what the project holds; writing is a background task too (in the status bar and
 * the dialog, with progress and Cancel, which leaves every file as it was): a result it needs
 * that is stale or missing is computed there, and its maps drawn there, the window usable.
 */
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    /// taskOwner: whose tasks compute the results (the window's), to show their progress.
    ReportDialog(widgets::Document *document,
                 const QObject *taskOwner,
                 const QString &suggestedPath,
                 QWidget *parent = nullptr);

    QString outputPath() const;
    void setOutputPath(const QString &path);
    report::Options options() const;
    void setLanguage(const QString &language);
    /// Files the report must never replace (the open project).
    void setInputs(const QStringList &inputs) { m_inputs = inputs; }

    /// The results the report uses ("route", "latency", "resilience", "capacity") and every
    /// other result the project held when the dialog opened ("resilience+n2", "fabric:ZJK").
    QStringList resultKeys() const;
    enum class ResultState { Current, Stale, Missing, Computing };
    ResultState resultState(const QString &key) const;
    /// The state as the dialog says it ("stale: the network changed since it ran").
    QString resultStateText(const QString &key) const;
    /// The result's Compute button (Cancel while it is computed).
    QPushButton *computeButton(const QString &key) const;

    /// Opens the print preview of the report as it stands (modal).
    void preview();
    /// Writes the report in a background task and waits for it in an event loop (the window
    /// stays usable); false (with a message) when refused, failed or cancelled. Notes go to
    /// notes().
    bool writeReport();
    /// The task writing the report, while it runs.
    widgets::Task *writingTask() const { return m_writing; }
    const QStringList &notes() const { return m_notes; }
    /// While the report is written: cancels the writing (the dialog stays open).
    void reject() override;

Q_SIGNALS:
    /// The user asks for a result (a key of resultKeys()) to be computed and stored.
    void computeRequested(const QString &key);

private:
    void refreshResults();
    widgets::Task *runningTask(const QString &key) const;
    void setWriting(bool writing);

    widgets::Document *m_document;
    const QObject *m_taskOwner;
    QStringList m_inputs;
    QLineEdit *m_output;
    QComboBox *m_language;
    QListWidget *m_sections;
    QLineEdit *m_author;
    QLineEdit *m_logo;
    QStringList chooseResultKeys() const;
    QStringList m_keys; ///< the results listed, chosen when the dialog opens
    QGridLayout *m_results;  ///< a row per result: title, state, Compute
    QList<QWidget *> m_form; ///< what writing disables
    QWidget *m_progressRow;
    QPushButton *m_cancelWriting;
    QProgressBar *m_writingBar;
    QPointer<widgets::Task> m_writing;
    QStringList m_notes;
};

} // namespace nqi::app
