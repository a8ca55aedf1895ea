#include "widgets/configexportdialog.h"

#include "planners/addressing/addressing.h"
#include "planners/configgen/configgen.h"
#include "widgets/commands.h"
#include "widgets/document.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace nqi::widgets {

namespace addressing = planners::addressing;
namespace configgen = planners::configgen;

ConfigExportDialog::ConfigExportDialog(Document *document, QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_network(document->network())
    , m_dialect(new QComboBox(this))
    , m_router(new QComboBox(this))
    , m_preview(new QPlainTextEdit(this))
    , m_addresses(new QStandardItemModel(this))
    , m_table(new QTableView(this))
    , m_status(new QLabel(this))
    , m_export(new QPushButton(tr("&Export…"), this))
{
    setWindowTitle(tr("Device Configurations"));
    m_dialect->addItem(tr("FRR (frr.conf)"), int(addressing::Dialect::Frr));
    m_dialect->addItem(tr("Huawei VRP"), int(addressing::Dialect::Vrp));
    m_dialect->addItem(tr("Cisco IOS XR"), int(addressing::Dialect::IosXr));
    m_dialect->addItem(tr("Juniper Junos"), int(addressing::Dialect::Junos));
    m_preview->setReadOnly(true);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_preview->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_table->setModel(m_addresses);
    m_table->setSortingEnabled(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_status->setWordWrap(true);

    auto *choices = new QFormLayout;
    choices->addRow(tr("Dialect"), m_dialect);
    choices->addRow(tr("Preview of router"), m_router);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_preview);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &ConfigExportDialog::chooseFolder);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(choices);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(900, 700);

    // The address plan the configurations use: the stored one, extended to new sites and links.
    try {
        const addressing::Result plan = addressing::plan(m_network);
        m_planChanged = !(plan.plan == m_network.addressPlan());
        m_network.setAddressPlan(plan.plan);
    } catch (const core::Failure &failure) {
        m_status->setText(
            tr("The address plan cannot be made: %1").arg(failure.diagnostic().message));
    }
    for (core::SiteId id : addressing::routers(m_network))
        m_router->addItem(m_network.site(id)->code, id);
    connect(m_dialect, &QComboBox::currentIndexChanged, this, &ConfigExportDialog::regenerate);
    connect(m_router, &QComboBox::currentIndexChanged, this, &ConfigExportDialog::showRouter);
    regenerate();
}

ConfigExportDialog::~ConfigExportDialog() = default;

QString ConfigExportDialog::preview() const
{
    return m_preview->toPlainText();
}

QString ConfigExportDialog::errorText() const
{
    return m_export->isEnabled() ? QString() : m_status->text();
}

void ConfigExportDialog::regenerate()
{
    const auto dialect = addressing::Dialect(m_dialect->currentData().toInt());
    m_configs.clear();
    m_addresses->clear();
    m_export->setEnabled(false);
    if (m_router->count() == 0) {
        m_status->setText(tr("No site has links: there is no router to configure."));
        m_preview->clear();
        return;
    }
    if (m_network.addressPlan().isEmpty())
        return; // the message of the failed plan stays
    try {
        configgen::Options options;
        options.dialect = dialect;
        options.version = QCoreApplication::applicationVersion();
        // The built-in templates: a folder that merely lies beside the project is never used
        // (`nqi config --templates DIR` takes the user's own).
        m_configs = configgen::generate(m_network, options);
    } catch (const core::Failure &failure) {
        const core::Diagnostic &d = failure.diagnostic();
        m_status->setText(d.line > 0 ? tr("%1, line %2: %3").arg(d.file).arg(d.line).arg(d.message)
                                     : d.message);
        m_preview->clear();
        return;
    }
    m_addresses->setHorizontalHeaderLabels({tr("Site"), tr("Interface"), tr("Address"),
                                            tr("Length"), tr("Link"), tr("Peer site"),
                                            tr("Peer interface")});
    for (const addressing::Interface &row :
         addressing::interfaces(m_network, m_network.addressPlan(), dialect)) {
        QList<QStandardItem *> items{
            new QStandardItem(m_network.site(row.site)->code),
            new QStandardItem(row.interface),
            new QStandardItem(row.address),
            new QStandardItem(QString::number(row.prefixLength)),
            new QStandardItem(row.link ? QString::number(row.link) : QString()),
            new QStandardItem(row.peer ? m_network.site(row.peer)->code : QString()),
            new QStandardItem(row.peerInterface)};
        for (QStandardItem *item : items)
            item->setEditable(false);
        m_addresses->appendRow(items);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(
        tr("%n router(s); address plan %1%2.", nullptr, int(m_configs.size()))
            .arg(m_network.addressPlan().projectPrefix,
                 m_planChanged ? tr(" (new blocks: stored in the project on export)") : QString()));
    m_export->setEnabled(true);
    showRouter();
}

void ConfigExportDialog::showRouter()
{
    const core::SiteId id = m_router->currentData().toLongLong();
    for (const configgen::RouterConfig &config : m_configs) {
        if (config.site == id) {
            m_preview->setPlainText(config.text);
            return;
        }
    }
    m_preview->clear();
}

void ConfigExportDialog::chooseFolder()
{
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Folder for the Configurations"),
                                          QFileInfo(m_document->filePath()).absolutePath());
    if (folder.isEmpty())
        return;
    const QString target = QDir(folder).filePath(
        u"configs-"_qs +
        addressing::toString(addressing::Dialect(m_dialect->currentData().toInt())));
    if (QFileInfo::exists(target) &&
        QMessageBox::question(this, tr("Replace Folder"),
                              tr("%1 exists. Replace it?").arg(QDir::toNativeSeparators(target))) !=
            QMessageBox::Yes) {
        return;
    }
    if (exportTo(target))
        m_status->setText(tr("Written to %1.").arg(QDir::toNativeSeparators(target)));
}

bool ConfigExportDialog::exportTo(const QString &folder)
{
    try {
        configgen::Options options;
        options.dialect = addressing::Dialect(m_dialect->currentData().toInt());
        options.version = QCoreApplication::applicationVersion();
        QStringList inputs;
        if (!m_document->filePath().isEmpty())
            inputs << m_document->filePath();
        const QStringList notes =
            configgen::writeFolder(m_network, options, m_configs, folder, true, inputs);
        if (!notes.isEmpty())
            QMessageBox::information(this, tr("Device Configurations"), notes.join(u'\n'));
    } catch (const core::Failure &failure) {
        const core::Diagnostic &d = failure.diagnostic();
        QMessageBox::warning(this, tr("Export Failed"),
                             tr("%1: %2").arg(QDir::toNativeSeparators(d.file), d.message));
        return false;
    }
    if (m_planChanged) {
        if (const auto problem = pushCommand(std::make_unique<SetAddressPlanCommand>(
                m_document, m_network.addressPlan(), tr("Allocate Address Plan"))))
            QMessageBox::warning(this, tr("Address Plan"), problem->message);
        m_planChanged = false;
    }
    return true;
}

} // namespace nqi::widgets
