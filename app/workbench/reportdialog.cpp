#include "reportdialog.h"

#include "core/model/diagnostic.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSettings>

namespace nqi::app {

namespace {

/// Section names as the reader sees them, in report order.
QString sectionTitle(const QString &name)
{
    static const QHash<QString, const char *> titles{
        {u"cover"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Cover")},
        {u"summary"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Executive summary")},
        {u"map"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Maps")},
        {u"sites"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Sites")},
        {u"links"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Links and utilisation")},
        {u"demands"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Demands, latency and SLA")},
        {u"failures"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "The ten worst failures")},
        {u"capacity"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Capacity to add")},
        {u"methods"_qs, QT_TRANSLATE_NOOP("nqi::app::ReportDialog", "Methods and assumptions")}};
    return QCoreApplication::translate("nqi::app::ReportDialog", titles.value(name));
}

} // namespace

ReportDialog::ReportDialog(const core::Network &network,
                           const QString &suggestedPath,
                           QWidget *parent)
    : QDialog(parent)
    , m_network(network)
{
    setWindowTitle(tr("Report"));
    auto *form = new QFormLayout(this);

    auto *outputRow = new QHBoxLayout;
    m_output = new QLineEdit(suggestedPath, this);
    m_output->setToolTip(tr("The format follows the extension: .pdf, .odt (LibreOffice, Word) or "
                            ".html (one self-contained file)"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    outputRow->addWidget(m_output, 1);
    outputRow->addWidget(browse);
    form->addRow(tr("File"), outputRow);

    m_language = new QComboBox(this);
    m_language->addItem(u"English"_qs, u"en"_qs);
    m_language->addItem(u"简体中文"_qs, u"zh"_qs);
    // The interface's language by default.
    setLanguage(QLocale().language() == QLocale::Chinese ? u"zh"_qs : u"en"_qs);
    form->addRow(tr("Language"), m_language);

    m_sections = new QListWidget(this);
    for (const QString &name : report::sectionNames()) {
        auto *item = new QListWidgetItem(sectionTitle(name), m_sections);
        item->setData(Qt::UserRole, name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_sections->setMinimumHeight(m_sections->sizeHintForRow(0) * 9 + 8);
    form->addRow(tr("Sections"), m_sections);

    m_author = new QLineEdit(QSettings().value(u"report/author"_qs).toString(), this);
    form->addRow(tr("Author"), m_author);
    auto *logoRow = new QHBoxLayout;
    m_logo = new QLineEdit(QSettings().value(u"report/logo"_qs).toString(), this);
    m_logo->setPlaceholderText(tr("An image for the cover (optional)"));
    auto *browseLogo = new QPushButton(tr("Browse…"), this);
    logoRow->addWidget(m_logo, 1);
    logoRow->addWidget(browseLogo);
    form->addRow(tr("Logo"), logoRow);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *previewButton = buttons->addButton(tr("Preview…"), QDialogButtonBox::ActionRole);
    QPushButton *write = buttons->addButton(tr("Write Report"), QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel);
    write->setDefault(true);
    form->addRow(buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Report"), m_output->text(),
            tr("PDF (*.pdf);;OpenDocument text (*.odt);;Web page (*.html)"));
        if (!path.isEmpty())
            m_output->setText(path);
    });
    connect(browseLogo, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Logo"), m_logo->text(),
                                                          tr("Images (*.png *.jpg *.jpeg *.svg)"));
        if (!path.isEmpty())
            m_logo->setText(path);
    });
    connect(previewButton, &QPushButton::clicked, this, &ReportDialog::preview);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (writeReport())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ReportDialog::outputPath() const
{
    return m_output->text().trimmed();
}

void ReportDialog::setOutputPath(const QString &path)
{
    m_output->setText(path);
}

void ReportDialog::setLanguage(const QString &language)
{
    m_language->setCurrentIndex(std::max(0, m_language->findData(language)));
}

report::Options ReportDialog::options() const
{
    report::Options options;
    options.language = m_language->currentData().toString();
    for (int i = 0; i < m_sections->count(); ++i)
        if (m_sections->item(i)->checkState() == Qt::Checked)
            options.sections.append(m_sections->item(i)->data(Qt::UserRole).toString());
    options.author = m_author->text().trimmed();
    options.logo = m_logo->text().trimmed();
    options.version = QCoreApplication::applicationVersion();
    options.inputs = m_inputs;
    if (!options.logo.isEmpty())
        options.inputs << options.logo;
    return options;
}

void ReportDialog::preview()
{
    const report::Options chosen = options();
    if (chosen.sections.isEmpty()) {
        QMessageBox::information(this, tr("Report"), tr("Choose at least one section."));
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    QPrintPreviewDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Report Preview"));
    dialog.resize(900, 1000);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this, [this, chosen](QPrinter *p) {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        try {
            m_notes = report::print(m_network, chosen, p);
        } catch (const core::Failure &failure) {
            QApplication::restoreOverrideCursor();
            QMessageBox::warning(this, tr("Report"), failure.diagnostic().toString());
            return;
        }
        QApplication::restoreOverrideCursor();
    });
    dialog.exec();
}

bool ReportDialog::writeReport()
{
    const report::Options chosen = options();
    if (chosen.sections.isEmpty()) {
        QMessageBox::information(this, tr("Report"), tr("Choose at least one section."));
        return false;
    }
    if (outputPath().isEmpty() || !report::formatOf(outputPath())) {
        QMessageBox::warning(this, tr("Report"),
                             tr("Give a file ending in .pdf, .odt or .html for the report."));
        return false;
    }
    QSettings().setValue(u"report/author"_qs, chosen.author);
    QSettings().setValue(u"report/logo"_qs, chosen.logo);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        m_notes = report::write(m_network, outputPath(), chosen);
    } catch (const core::Failure &failure) {
        QApplication::restoreOverrideCursor();
        QMessageBox::warning(this, tr("Report"), failure.diagnostic().toString());
        return false;
    }
    QApplication::restoreOverrideCursor();
    return true;
}

} // namespace nqi::app
