#pragma once

#include "report/report.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;

namespace nqi::app {

/**
 * File > Report…: where the report goes (PDF, ODT or HTML by extension), its language, sections,
 * author and logo, with a print preview of the pages before writing.
 */
class ReportDialog : public QDialog
{
    Q_OBJECT

public:
    ReportDialog(const core::Network &network,
                 const QString &suggestedPath,
                 QWidget *parent = nullptr);

    QString outputPath() const;
    void setOutputPath(const QString &path);
    report::Options options() const;
    void setLanguage(const QString &language);
    /// Files the report must never replace (the open project).
    void setInputs(const QStringList &inputs) { m_inputs = inputs; }

    /// Opens the print preview of the report as it stands (modal).
    void preview();
    /// Writes the report; false (with a message) when refused. Notes go to notes().
    bool writeReport();
    const QStringList &notes() const { return m_notes; }

private:
    const core::Network &m_network;
    QStringList m_inputs;
    QLineEdit *m_output;
    QComboBox *m_language;
    QListWidget *m_sections;
    QLineEdit *m_author;
    QLineEdit *m_logo;
    QStringList m_notes;
};

} // namespace nqi::app
