#include "reportdialog.h"

#include "core/io/outputfile.h"
#include "core/model/diagnostic.h"
#include "planners/registry.h"
#include "widgets/document.h"
#include "widgets/kindnames.h"
#include "widgets/resultsview.h"
#include "widgets/taskmanager.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEventLoop>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>

#include <memory>
#include <vector>

namespace nqi::app {

namespace {

/**
 * Writes the report and the tables beside it into a scratch folder, then, unless the task was
 * cancelled meanwhile, puts each file in its place through OutputFile (the report last), every
 * target checked before the first is replaced: a cancelled or failed report changes no file.
 * Runs in the task's worker; cancelling throws planners::Cancelled, nothing written.
 */
QStringList writeReportFiles(const core::Network &network,
                             const QString &output,
                             const report::Options &options,
                             planners::Progress &progress)
{
    const QFileInfo target(output);
    QTemporaryDir scratch;
    if (!scratch.isValid())
        throw core::Failure(core::makeError(
            output, 0, {},
            QCoreApplication::translate("nqi::app::ReportDialog",
                                        "cannot make a scratch folder for the report: %1")
                .arg(scratch.errorString())));
    const QString draft = scratch.filePath(target.fileName());
    QStringList notes;
    try {
        notes = report::write(network, draft, options, &progress);
    } catch (const core::Failure &failure) {
        // Said of the file the user named, not of the scratch copy.
        core::Diagnostic error = failure.diagnostic();
        if (error.file == draft)
            error.file = output;
        error.message.replace(scratch.path() + u'/', target.absolutePath() + u'/');
        throw core::Failure(error);
    }
    if (progress.isCancelled())
        throw planners::Cancelled{};
    QStringList names = QDir(scratch.path()).entryList(QDir::Files, QDir::Name);
    names.removeOne(target.fileName());
    std::vector<std::pair<QString, QString>> files; // scratch file, target
    for (const QString &name : names)
        files.emplace_back(scratch.filePath(name), target.absoluteDir().filePath(name));
    files.emplace_back(draft, output);
    std::vector<std::unique_ptr<core::OutputFile>> outputs;
    for (const auto &[from, to] : files) {
        core::refuseOutputThatIsInput(to, options.inputs, u"the report"_qs);
        outputs.push_back(std::make_unique<core::OutputFile>(to));
    }
    for (size_t i = 0; i < files.size(); ++i) {
        QFile written(files[i].first);
        if (!written.open(QIODevice::ReadOnly))
            throw core::Failure(core::makeError(files[i].first, 0, {}, written.errorString()));
        outputs[i]->writeAll(written.readAll());
    }
    // The last moment Cancel changes anything: after it, every file is put in place.
    if (progress.isCancelled())
        throw planners::Cancelled{};
    for (const auto &file : outputs)
        file->commit();
    return notes;
}

} // namespace

ReportDialog::ReportDialog(widgets::Document *document,
                           const QObject *taskOwner,
                           const QString &suggestedPath,
                           QWidget *parent)
    : QDialog(parent)
    , m_document(document)
    , m_taskOwner(taskOwner)
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
    setLanguage(widgets::interfaceLanguage());
    form->addRow(tr("Language"), m_language);

    m_sections = new QListWidget(this);
    for (const QString &name : report::sectionNames()) {
        auto *item = new QListWidgetItem(
            report::sectionTitle(name, widgets::interfaceLanguage()),
            m_sections);
        item->setData(Qt::UserRole, name);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
    }
    m_sections->setMinimumHeight(m_sections->sizeHintForRow(0) * 10 + 8);
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

    // The results the report prints, and whether each is current: nothing runs unless asked.
    auto *results = new QGroupBox(tr("Planner results"), this);
    m_results = new QGridLayout(results);
    m_keys = chooseResultKeys();
    for (int row = 0; row < int(m_keys.size()); ++row) {
        auto *title = new QLabel(results);
        auto *state = new QLabel(results);
        state->setTextFormat(Qt::PlainText);
        state->setWordWrap(true);
        auto *button = new QPushButton(results);
        m_results->addWidget(title, row, 0);
        m_results->addWidget(state, row, 1);
        m_results->addWidget(button, row, 2);
        connect(button, &QPushButton::clicked, this, [this, row] {
            const QString key = resultKeys().value(row);
            if (widgets::Task *task = runningTask(key))
                task->cancel();
            else
                Q_EMIT computeRequested(key);
            refreshResults();
        });
    }
    m_results->setColumnStretch(1, 1);
    auto *explanation = new QLabel(
        tr("A stale or missing result is computed for the report while it is written, and not "
           "kept. Compute keeps it in the project (in the background; it can be undone)."),
        results);
    explanation->setWordWrap(true);
    m_results->addWidget(explanation, int(m_keys.size()), 0, 1, 3);
    form->addRow(results);

    // While the report is written: that it is, and Cancel.
    m_progressRow = new QWidget(this);
    auto *progressLayout = new QHBoxLayout(m_progressRow);
    progressLayout->setContentsMargins(0, 0, 0, 0);
    m_writingBar = new QProgressBar(m_progressRow);
    m_writingBar->setObjectName(u"writingProgress"_qs);
    m_writingBar->setRange(0, 100);
    QProgressBar *writingBar = m_writingBar;
    m_cancelWriting = new QPushButton(tr("Cancel Writing"), m_progressRow);
    m_cancelWriting->setObjectName(u"cancelWriting"_qs);
    progressLayout->addWidget(new QLabel(tr("Writing the report…"), m_progressRow));
    progressLayout->addWidget(writingBar, 1);
    progressLayout->addWidget(m_cancelWriting);
    m_progressRow->hide();
    form->addRow(m_progressRow);
    connect(m_cancelWriting, &QPushButton::clicked, this, [this] {
        if (m_writing)
            m_writing->cancel();
        m_cancelWriting->setEnabled(false);
    });

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
    m_form = {m_output, browse,     m_language, m_sections, m_author,
              m_logo,   browseLogo, buttons,    results};

    // Results land, edits make them stale, tasks start, progress and end: the list follows.
    connect(document, &widgets::Document::plannerResultChanged, this,
            &ReportDialog::refreshResults);
    connect(document, &widgets::Document::networkReset, this, &ReportDialog::refreshResults);
    for (auto signal : {&widgets::Document::siteChanged, &widgets::Document::linkChanged,
                        &widgets::Document::siteAdded, &widgets::Document::linkAdded,
                        &widgets::Document::siteRemoved, &widgets::Document::linkRemoved})
        connect(document, signal, this, &ReportDialog::refreshResults);
    connect(document, &widgets::Document::demandsChanged, this, &ReportDialog::refreshResults);
    widgets::TaskManager *tasks = widgets::TaskManager::instance();
    connect(tasks, &widgets::TaskManager::countChanged, this, &ReportDialog::refreshResults);
    auto follow = [this](widgets::Task *task) {
        connect(task, &widgets::Task::progressChanged, this, &ReportDialog::refreshResults);
    };
    connect(tasks, &widgets::TaskManager::taskAdded, this, follow);
    for (widgets::Task *task : tasks->tasks(taskOwner))
        follow(task);
    refreshResults();
}

QStringList ReportDialog::chooseResultKeys() const
{
    // As the report chooses them: those its chapters and maps need, then every other result the
    // project holds (N-2, TE, a fabric at a site, ...), which the report prints when current.
    const core::Network &network = m_document->network();
    QStringList keys = report::requiredResults(network);
    for (const auto &[key, stored] : network.plannerResults())
        if (!keys.contains(key) && planners::plannerDescriptor(key))
            keys << key;
    return keys;
}

QStringList ReportDialog::resultKeys() const
{
    return m_keys;
}

widgets::Task *ReportDialog::runningTask(const QString &key) const
{
    return widgets::TaskManager::instance()->task(key, m_taskOwner);
}

ReportDialog::ResultState ReportDialog::resultState(const QString &key) const
{
    if (runningTask(key))
        return ResultState::Computing;
    const planners::StoredResult read = planners::readStoredResult(m_document->network(), key);
    if (!read.stored)
        return ResultState::Missing;
    return read.current ? ResultState::Current : ResultState::Stale;
}

QString ReportDialog::resultStateText(const QString &key) const
{
    if (const widgets::Task *task = runningTask(key))
        return task->isCancelRequested()
                   ? tr("cancelling…")
                   : tr("computing… %1 %").arg(qRound(task->fraction() * 100));
    const planners::StoredResult read = planners::readStoredResult(m_document->network(), key);
    if (!read.stored)
        return tr("missing: not computed yet");
    if (!read.problem.isEmpty())
        return tr("stale: it cannot be used (%1)").arg(read.problem);
    if (!read.current)
        return tr("stale: the network changed since it ran");
    return tr("current (computed %1)").arg(read.stored->createdUtc);
}

QPushButton *ReportDialog::computeButton(const QString &key) const
{
    const qsizetype row = resultKeys().indexOf(key);
    if (row < 0)
        return nullptr;
    return qobject_cast<QPushButton *>(m_results->itemAtPosition(int(row), 2)->widget());
}

void ReportDialog::refreshResults()
{
    const QStringList keys = resultKeys();
    for (int row = 0; row < int(keys.size()); ++row) {
        const QString &key = keys[row];
        auto *title = qobject_cast<QLabel *>(m_results->itemAtPosition(row, 0)->widget());
        auto *state = qobject_cast<QLabel *>(m_results->itemAtPosition(row, 1)->widget());
        auto *button = qobject_cast<QPushButton *>(m_results->itemAtPosition(row, 2)->widget());
        title->setText(widgets::ResultsView::title(key));
        state->setText(resultStateText(key));
        const ResultState now = resultState(key);
        state->setStyleSheet(now == ResultState::Current ? QString()
                                                         : u"QLabel { color: #b00020; }"_qs);
        button->setObjectName(u"compute_"_qs + key);
        button->setText(now == ResultState::Computing ? tr("Cancel") : tr("Compute"));
        button->setToolTip(now == ResultState::Computing
                               ? tr("Stop computing it; nothing changes")
                               : tr("Compute it now in the background and keep it in the project"));
        button->setVisible(now != ResultState::Current);
        button->setEnabled(now != ResultState::Computing || !runningTask(key)->isCancelRequested());
    }
}

void ReportDialog::setWriting(bool writing)
{
    for (QWidget *widget : std::as_const(m_form))
        widget->setEnabled(!writing);
    m_progressRow->setVisible(writing);
    m_cancelWriting->setEnabled(writing);
}

void ReportDialog::reject()
{
    // Closing while the report is written cancels the writing first.
    if (m_writing) {
        m_writing->cancel();
        m_cancelWriting->setEnabled(false);
        return;
    }
    QDialog::reject();
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
    // A copy: results computed meanwhile may land in the document while pages are laid out.
    const core::Network network = m_document->network();
    QPrinter printer(QPrinter::HighResolution);
    QPrintPreviewDialog dialog(&printer, this);
    dialog.setWindowTitle(tr("Report Preview"));
    dialog.resize(900, 1000);
    connect(&dialog, &QPrintPreviewDialog::paintRequested, this,
            [this, &network, chosen](QPrinter *p) {
                QApplication::setOverrideCursor(Qt::WaitCursor);
                try {
                    m_notes = report::print(network, chosen, p);
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
    const QString output = outputPath();
    // A background task like the planners (in the status bar, with progress and Cancel): the
    // results the report needs, its maps and its files are made in the worker, from a copy of
    // the network (results computed meanwhile may land in the document). The window stays
    // usable; this waits in an event loop for the task to end.
    auto network = std::make_shared<const core::Network>(m_document->network());
    auto notes = std::make_shared<QStringList>();
    widgets::Task *task = widgets::TaskManager::instance()->start(
        tr("Writing the report %1").arg(QFileInfo(output).fileName()),
        [network, output, chosen, notes](planners::Progress &progress) {
            *notes = writeReportFiles(*network, output, chosen, progress);
        },
        m_taskOwner, u"report:"_qs + QFileInfo(output).absoluteFilePath());
    if (!task) {
        QMessageBox::information(this, tr("Report"),
                                 tr("%1 is being written already.").arg(output));
        return false;
    }
    m_writing = task;
    setWriting(true);
    m_writingBar->setValue(0);
    QEventLoop loop;
    widgets::Task::State outcome = widgets::Task::State::Running;
    core::Diagnostic error;
    connect(task, &widgets::Task::progressChanged, m_writingBar,
            [this](double fraction) { m_writingBar->setValue(qRound(fraction * 100)); });
    connect(task, &widgets::Task::finished, &loop, [&] {
        outcome = widgets::Task::State::Finished;
        loop.quit();
    });
    connect(task, &widgets::Task::failed, &loop, [&](const core::Diagnostic &why) {
        outcome = widgets::Task::State::Failed;
        error = why;
        loop.quit();
    });
    connect(task, &widgets::Task::cancelled, &loop, [&] {
        outcome = widgets::Task::State::Cancelled;
        loop.quit();
    });
    loop.exec();
    setWriting(false);
    m_writing = nullptr;
    switch (outcome) {
    case widgets::Task::State::Finished:
        m_notes = *notes;
        return true;
    case widgets::Task::State::Failed:
        QMessageBox::warning(this, tr("Report"), error.toString());
        return false;
    default:
        QMessageBox::information(this, tr("Report"),
                                 tr("Writing the report was cancelled; no file was changed."));
        return false;
    }
}

} // namespace nqi::app
