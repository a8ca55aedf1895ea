#pragma once

#include "core/model/network.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QScrollArea;
class QStackedWidget;

namespace nqi::widgets {

class Document;
class MessageBar;

/**
 * Edits the selected sites or links. A value that does not parse or that the model refuses is
 * not applied: the message bar at the top says why in the model's words, and the field keeps
 * the text, marked and selected, until it is corrected, Esc restores the stored value, the
 * message is closed, another edit is applied or the selection changes. The form scrolls below
 * the message bar. Ctrl+Z and Ctrl+Shift+Z in a field with nothing of its own to undo undo and
 * redo the document.
 */
class Inspector : public QWidget
{
    Q_OBJECT

public:
    explicit Inspector(Document *document, QWidget *parent = nullptr);
    ~Inspector() override;

    void setSelection(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);
    /// The message shown at the top; empty when none is.
    QString message() const;

    QLineEdit *siteField(const QString &name) const;
    QLineEdit *linkField(const QString &name) const;
    /// The stored planner results of the selected site or link (GPU fabric, ingest, DCI).
    QListWidget *resultsList() const { return m_results; }
    /// The message bar's height at the width and the least of the form, which scrolls: a scroll
    /// area around the Inspector (the dock's) must not scroll the message bar away.
    int heightForWidth(int width) const override;

Q_SIGNALS:
    /// The user asked to see a stored result (its key, as in Network::plannerResults()).
    void resultRequested(const QString &key);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showPage(int page);
    void refresh();
    void refreshResults();
    void applySiteField(const QString &name);
    void applySiteKind();
    void applyLinkField(const QString &name);
    void applyLinkMedium();
    /// Shows why an edit was refused; the field (nullptr for the combo boxes, which return to the
    /// stored value) keeps its text, marked.
    void refuse(QLineEdit *field, const QString &text);
    /// Ends a refusal: the message goes and the fields show the stored values.
    void endRefusal();
    void unmarkField();
    /// After an edit was applied, or found to change nothing.
    void editDone(QLineEdit *field, bool applied);
    template <typename T>
    bool collectEdit(QLineEdit *field,
                     const T &original,
                     const T &changed,
                     bool parsed,
                     const QString &text,
                     QList<T> &before,
                     QList<T> &after);

    Document *m_document;
    QList<core::SiteId> m_sites;
    QList<core::LinkId> m_links;
    MessageBar *m_messageBar;
    QLayout *m_messageBarLayout;
    QScrollArea *m_scroll;
    QStackedWidget *m_pages;
    QLabel *m_summary;
    QHash<QString, QLineEdit *> m_siteFields;
    QComboBox *m_kind;
    QHash<QString, QLineEdit *> m_linkFields;
    QComboBox *m_medium;
    QLabel *m_linkDerived;
    QLabel *m_resultsTitle;
    QListWidget *m_results;
    QPointer<QLineEdit> m_refusedField;
    bool m_refreshing = false;
};

} // namespace nqi::widgets
