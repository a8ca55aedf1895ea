#include "mainwindow.h"
#include "scaleout.h"
#include "slurmjob.h"

#include "core/io/exporter.h"
#include "core/io/importer.h"
#include "core/io/outputfile.h"
#include "core/model/networkpart.h"
#include "core/model/physics.h"
#include "core/store/projectstore.h"
#include "language.h"
#include "planners/capacity/capacity.h"
#include "planners/registry.h"
#include "reportdialog.h"
#include "widgets/basemap.h"
#include "widgets/commands.h"
#include "widgets/configexportdialog.h"
#include "widgets/document.h"
#include "widgets/inspector.h"
#include "widgets/kindnames.h"
#include "widgets/layerspanel.h"
#include "widgets/linkitem.h"
#include "widgets/mapcanvas.h"
#include "widgets/plannerform.h"
#include "widgets/projectdock.h"
#include "widgets/resultsview.h"
#include "widgets/satelliteoverlay.h"
#include "widgets/satellitepanel.h"
#include "widgets/siteitem.h"
#include "widgets/taskbar.h"
#include "widgets/taskmanager.h"

#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <boost/version.hpp>
#include <gdal_version.h>

#include <optional>

namespace nqi::app {

using namespace nqi::core;
using widgets::MapCanvas;

namespace {

constexpr int kMaxRecent = 8;
constexpr int kAutosaveMinutes = 3;

// Runs work as a task the user waits for, behind a window-modal progress dialog (opening,
// saving, importing: what the window cannot be used without). A Failure in the work is thrown
// again here.
template <typename Result>
Result runBlocking(QWidget *parent, const QString &label, const std::function<Result()> &work)
{
    std::optional<Result> result;
    Diagnostic error;
    // The work is waited for: it may use what this frame holds.
    const widgets::RunOutcome outcome = widgets::TaskManager::instance()->runBlocking(
        parent, label, [&result, &work](planners::Progress &) { result = work(); }, &error, false);
    if (outcome != widgets::RunOutcome::Done)
        throw Failure(error);
    return std::move(*result);
}

// The desktop theme's icon where there is one, else the workbench's own.
QIcon actionIcon(const QString &themeName, const QString &ownName)
{
    const QIcon own(u":/nqi/icons/actions/"_qs + ownName + u".svg"_qs);
    return themeName.isEmpty() ? own : QIcon::fromTheme(themeName, own);
}

QString fileFilter()
{
    return QObject::tr("NQI projects (*.gpkg)");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_document(new widgets::Document(this))
    , m_canvas(new MapCanvas(m_document, this))
{
    setObjectName(u"MainWindow"_qs);
    setCentralWidget(m_canvas);
    setAcceptDrops(true);
    createDocks();
    createDockContents();
    createActions();

    m_cursorLabel = new QLabel(this);
    m_cursorLabel->setObjectName(u"CursorPosition"_qs);
    m_scaleLabel = new QLabel(this);
    m_selectionLabel = new QLabel(this);
    for (QLabel *label : {m_selectionLabel, m_scaleLabel, m_cursorLabel}) {
        label->setMinimumWidth(140);
        statusBar()->addPermanentWidget(label);
    }
    // Says, for as long as it holds, why the open project cannot be saved in place.
    m_readOnlyLabel = new QLabel(this);
    m_readOnlyLabel->setObjectName(u"readOnlyLabel"_qs);
    m_readOnlyLabel->setTextFormat(Qt::PlainText); // a lock file's text is never markup
    m_readOnlyLabel->setStyleSheet(u"QLabel { color: #b00020; font-weight: bold; }"_qs);
    m_readOnlyLabel->setVisible(false);
    statusBar()->insertPermanentWidget(0, m_readOnlyLabel, 1);
    createTaskBar();
    connect(m_canvas, &MapCanvas::cursorMoved, this, [this](double lat, double lon) {
        m_cursorLabel->setText(tr("%1°%2 %3°%4")
                                   .arg(std::abs(lat), 0, 'f', 4)
                                   .arg(QChar(lat >= 0 ? u'N' : u'S'))
                                   .arg(std::abs(lon), 0, 'f', 4)
                                   .arg(QChar(lon >= 0 ? u'E' : u'W')));
    });
    // A demand added between sites no path joins: said here too, beside the map's own banner.
    connect(m_canvas, &MapCanvas::warning, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_canvas, &MapCanvas::scaleChanged, this, &MainWindow::showScale);
    connect(m_canvas, &MapCanvas::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_canvas, &MapCanvas::measured, this, [this](double km, double ms) {
        statusBar()->showMessage(
            tr("Geodesic %1 km; in fibre at route factor %2: %3 km, %4 ms "
               "one way")
                .arg(km, 0, 'f', 1)
                .arg(m_document->network().settings().routeFactor)
                .arg(km * m_document->network().settings().routeFactor, 0, 'f', 1)
                .arg(ms * m_document->network().settings().routeFactor, 0, 'f', 2));
    });
    connect(m_canvas, &MapCanvas::selectionChanged, this, &MainWindow::syncSelectionFromMap);
    connect(m_canvas, &MapCanvas::regionDrawn, this, &MainWindow::nameRegion);
    connect(m_document, &widgets::Document::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &widgets::Document::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_document, &widgets::Document::networkReset, this, &MainWindow::updateTitle);

    m_autosaveTimer.setInterval(
        std::clamp(QSettings().value(u"autosave/minutes"_qs, kAutosaveMinutes).toInt(), 1, 60) *
        60 * 1000);
    connect(&m_autosaveTimer, &QTimer::timeout, this, &MainWindow::autosave);
    m_autosaveTimer.start();

    // Without a window manager the window must still open at a useful size.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    resize(std::min(1600, available.width() * 9 / 10), std::min(1000, available.height() * 9 / 10));
    move(available.topLeft() +
         QPoint((available.width() - width()) / 2, (available.height() - height()) / 2));
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_qs).toByteArray());
    restoreState(settings.value(u"window/state"_qs).toByteArray());
    updateTitle();
    updateRecentMenu();
    connect(Language::instance(), &Language::changed, this, &MainWindow::retranslate);
}

MainWindow::~MainWindow()
{
    // The map's items go with it and the scene reports the selection emptied as they do:
    // nothing must reach the docks, which may be gone already.
    m_canvas->blockSignals(true);
    m_canvas->scene()->blockSignals(true);
    // Nothing is left to store their results in.
    widgets::TaskManager::instance()->cancelAll(this);
}

void MainWindow::createDocks()
{
    m_projectFrame = new QDockWidget(this);
    m_projectFrame->setObjectName(u"ProjectDock"_qs);
    addDockWidget(Qt::LeftDockWidgetArea, m_projectFrame);

    m_inspectorDock = new QDockWidget(this);
    m_inspectorDock->setObjectName(u"InspectorDock"_qs);
    // Scrolls rather than forcing its full height on the window (the link form is long).
    m_inspectorScroll = new QScrollArea(m_inspectorDock);
    m_inspectorScroll->setWidgetResizable(true);
    m_inspectorScroll->setFrameShape(QFrame::NoFrame);
    m_inspectorDock->setWidget(m_inspectorScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

    m_layersDock = new QDockWidget(this);
    m_layersDock->setObjectName(u"LayersDock"_qs);
    addDockWidget(Qt::RightDockWidgetArea, m_layersDock);
    m_resultsDock = new QDockWidget(this);
    m_resultsDock->setObjectName(u"ResultsDock"_qs);
    addDockWidget(Qt::BottomDockWidgetArea, m_resultsDock);
    m_resultsDock->hide(); // shown when a planner has run or a project brings results
    // Satellites: the constellation over the map at a time, and coverage of an area. The panel
    // keeps what it computed when the language changes: it translates itself.
    m_satelliteOverlay = new widgets::SatelliteOverlay;
    m_canvas->scene()->addItem(m_satelliteOverlay);
    m_satellitePanel = new widgets::SatellitePanel(m_document, m_satelliteOverlay, this);
    m_satellitesDock = new QDockWidget(this);
    m_satellitesDock->setObjectName(u"SatellitesDock"_qs);
    auto *satelliteScroll = new QScrollArea(m_satellitesDock);
    satelliteScroll->setWidget(m_satellitePanel);
    satelliteScroll->setWidgetResizable(true);
    satelliteScroll->setFrameShape(QFrame::NoFrame);
    m_satellitesDock->setWidget(satelliteScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_satellitesDock);
    tabifyDockWidget(m_layersDock, m_satellitesDock);
    m_layersDock->raise();
    connect(m_satellitePanel, &widgets::SatellitePanel::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    resizeDocks({m_projectFrame, m_inspectorDock}, {340, 300}, Qt::Horizontal);
    setDockTitles();
}

void MainWindow::setDockTitles()
{
    m_projectFrame->setWindowTitle(tr("Project"));
    m_inspectorDock->setWindowTitle(tr("Inspector"));
    m_layersDock->setWindowTitle(tr("Layers"));
    m_resultsDock->setWindowTitle(tr("Results"));
    m_satellitesDock->setWindowTitle(tr("Satellites"));
}

namespace {

// What a dock's previous contents showed that its new contents show too: the check boxes' and
// tabs' states and the text fields' texts, matched in the order the widget made them.
template <typename Widget, typename Copy>
void handOver(const QWidget *from, QWidget *to, Copy copy)
{
    const QList<Widget *> before = from->findChildren<Widget *>();
    const QList<Widget *> after = to->findChildren<Widget *>();
    for (qsizetype i = 0; i < std::min(before.size(), after.size()); ++i)
        copy(before[i], after[i]);
}

} // namespace

void MainWindow::createDockContents()
{
    const QPointer<widgets::ProjectDock> oldProject = m_projectDock;
    const QPointer<widgets::Inspector> oldInspector = m_inspector;
    const QPointer<widgets::LayersPanel> oldLayers = m_layersPanel;
    const QPointer<widgets::ResultsView> oldResults = m_resultsView;

    m_projectDock = new widgets::ProjectDock(m_document, m_projectFrame);
    m_projectFrame->setWidget(m_projectDock);
    m_inspector = new widgets::Inspector(m_document, m_inspectorScroll);
    if (QWidget *previous = m_inspectorScroll->takeWidget())
        previous->deleteLater();
    m_inspectorScroll->setWidget(m_inspector);
    m_layersPanel = new widgets::LayersPanel(m_canvas, m_layersDock);
    m_layersDock->setWidget(m_layersPanel);
    m_resultsView = new widgets::ResultsView(m_document, m_resultsDock);
    m_resultsDock->setWidget(m_resultsView);

    connect(m_projectDock, &widgets::ProjectDock::selectionChanged, this,
            [this](const QList<SiteId> &sites, const QList<LinkId> &links) {
                if (m_syncing)
                    return;
                m_syncing = true;
                m_canvas->selectObjects(sites, links);
                m_inspector->setSelection(sites, links);
                m_syncing = false;
            });
    connect(m_projectDock, &widgets::ProjectDock::activated, m_canvas, &MapCanvas::zoomToSelection);
    connect(m_resultsView, &widgets::ResultsView::linkColouring, m_canvas,
            &MapCanvas::setLinkUtilization);
    // A site's or link's own result (GPU fabric, ingest, DCI) selects it on the map; the
    // Inspector lists the selected object's results and opens them here.
    connect(m_resultsView, &widgets::ResultsView::subjectShown, m_canvas,
            &MapCanvas::selectObjects);
    connect(m_inspector, &widgets::Inspector::resultRequested, this, [this](const QString &key) {
        m_resultsDock->show();
        m_resultsDock->raise();
        m_resultsView->showPlanner(key);
    });

    if (oldProject) {
        handOver<QTabWidget>(oldProject, m_projectDock, [](QTabWidget *a, QTabWidget *b) {
            b->setCurrentIndex(a->currentIndex());
        });
        handOver<QLineEdit>(oldProject, m_projectDock,
                            [](QLineEdit *a, QLineEdit *b) { b->setText(a->text()); });
        oldProject->hide();
        oldProject->deleteLater();
    }
    if (oldInspector)
        oldInspector->hide();
    if (oldLayers) {
        // What the map shows (the panel's check boxes apply their state to the canvas).
        handOver<QCheckBox>(oldLayers, m_layersPanel,
                            [](QCheckBox *a, QCheckBox *b) { b->setChecked(a->isChecked()); });
        oldLayers->hide();
        oldLayers->deleteLater();
    }
    if (oldResults) {
        const QString planner = oldResults->currentPlanner();
        const qsizetype table = oldResults->tableNames().indexOf(oldResults->currentTable());
        const int row = oldResults->table()->currentIndex().row();
        // The map's colouring comes from the result that last coloured it, which need not be
        // the one shown (a fabric colours no links): sent again first, in the new language.
        if (const QString colouring = oldResults->colouringResult();
            !colouring.isEmpty() && colouring != planner)
            m_resultsView->showPlanner(colouring);
        if (!planner.isEmpty()) {
            m_resultsView->showPlanner(planner);
            if (table >= 0 && table < m_resultsView->tableNames().size())
                m_resultsView->showTable(m_resultsView->tableNames().at(table));
            if (row >= 0)
                m_resultsView->selectRow(row);
        }
        oldResults->hide();
        oldResults->deleteLater();
    }
    const QList<SiteId> sites = m_canvas->selectedSites();
    const QList<LinkId> links = m_canvas->selectedLinks();
    m_syncing = true;
    m_projectDock->setSelection(sites, links);
    m_inspector->setSelection(sites, links);
    m_syncing = false;
}

void MainWindow::createTaskBar()
{
    // Planners and other long work run in the background: each shows here with its progress
    // and Cancel, the window usable meanwhile.
    // In a place of its own in the status bar, which keeps the other widgets' order as a new
    // one replaces it.
    if (!m_taskBarPlace) {
        m_taskBarPlace = new QWidget(this);
        new QHBoxLayout(m_taskBarPlace);
        m_taskBarPlace->layout()->setContentsMargins(0, 0, 0, 0);
        statusBar()->insertPermanentWidget(1, m_taskBarPlace);
    }
    if (m_taskBar) {
        m_taskBar->hide();
        m_taskBar->deleteLater();
    }
    m_taskBar = new widgets::TaskBar(widgets::TaskManager::instance(), m_taskBarPlace);
    m_taskBarPlace->layout()->addWidget(m_taskBar);
}

void MainWindow::showScale(double metresPerPixel)
{
    // 1 px = 0.28 mm (the OGC standard rendering pixel).
    const double denominator = metresPerPixel / 0.00028;
    m_scaleLabel->setText(tr("1:%L1").arg(qint64(std::round(denominator / 1000.0)) * 1000));
}

void MainWindow::setLanguage(const QString &choice)
{
    QSettings().setValue(u"language"_qs, choice);
    Language::instance()->apply(choice); // retranslate() when it changes
}

void MainWindow::retranslate()
{
    // The toolbar is made anew: its place comes back from the window's state.
    const QByteArray state = saveState();
    if (m_toolBar) {
        removeToolBar(m_toolBar);
        m_toolBar->deleteLater();
        m_toolBar = nullptr;
    }
    // The menu bar goes (later: an action of it may be the one that changed the language) with
    // the menus and their actions; the shared actions with it.
    setMenuBar(new QMenuBar(this));
    if (m_actions)
        m_actions->deleteLater();
    setDockTitles();
    createDockContents();
    createActions();
    restoreState(state);
    updateRecentMenu();
    createTaskBar();
    showScale(m_canvas->metresPerPixel());
    syncSelectionFromMap();
    updateTitle();
    // The map's tooltips name site kinds and link media in the language in use.
    const Network &network = m_document->network();
    for (const Site &site : network.sites())
        if (widgets::SiteItem *item = m_canvas->siteItem(site.id))
            item->setSite(site);
    for (const Link &link : network.links())
        if (widgets::LinkItem *item = m_canvas->linkItem(link.id))
            item->setLink(network, link);
}

widgets::Task *MainWindow::runPlanner(const QString &planner, const QJsonObject &givenOptions)
{
    QJsonObject options = givenOptions;
    // The device latency per hop of Preferences, for the planners that take one.
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    if (!options.contains(u"perHopMs"_qs) && descriptor && descriptor->option(u"perHopMs"_qs))
        options.insert(u"perHopMs"_qs, QSettings().value(u"planners/perHopMs"_qs, 0.0).toDouble());
    const QString key = planners::resultKey(planner, options).toString();
    const QString title = widgets::ResultsView::title(key);
    widgets::TaskManager *tasks = widgets::TaskManager::instance();
    if (tasks->task(key, this)) {
        statusBar()->showMessage(
            tr("%1 is already running: it goes on (cancel it in the status bar to start over).")
                .arg(title),
            8000);
        return nullptr;
    }
    // The planner reads a copy: the network may be edited while it runs.
    auto snapshot = std::make_shared<const Network>(m_document->network());
    // Made whole in the worker; the GUI thread only hands it to the document.
    auto result = std::make_shared<PlannerResult>();
    widgets::Task *task = tasks->start(
        title,
        [planner, key, options, snapshot, result](planners::Progress &progress) {
            const QJsonObject json = planners::runPlanner(planner, *snapshot, options, progress);
            result->planner = key;
            // As `nqi plan --save` stores them: every kept option, defaults filled in, so that
            // the runs table says the same of the same run whichever made it.
            QJsonObject stored = options;
            if (const planners::PlannerDescriptor *described =
                    planners::plannerDescriptor(planner);
                described && planners::checkOptions(*described, stored, snapshot.get()).isEmpty())
                stored = planners::storedOptions(*described, stored);
            result->options =
                QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
            result->json = QJsonDocument(json).toJson(QJsonDocument::Compact);
            // What it read: an edit made during the run leaves the result stale, and it says so.
            result->inputDigest = snapshot->digest();
        },
        this, key);
    const quint64 generation = m_generation;
    connect(task, &widgets::Task::finished, this, [this, key, result, generation] {
        if (generation != m_generation) // another project is open now
            return;
        result->createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        if (const auto problem =
                widgets::pushCommand(std::make_unique<widgets::SetPlannerResultCommand>(
                    m_document, std::move(*result),
                    tr("Run %1").arg(widgets::ResultsView::title(key))))) {
            showTaskFailure(tr("Planner"), problem->toString());
            return;
        }
        if (!m_resultsDock->isVisible()) {
            m_resultsDock->show();
            resizeDocks({m_resultsDock}, {height() / 3}, Qt::Vertical);
        }
        m_resultsDock->raise();
        // The view turns to a result as it lands: shown again only if it did not.
        if (m_resultsView->currentPlanner() != key)
            m_resultsView->showPlanner(key);
        statusBar()->showMessage(tr("%1: done.").arg(widgets::ResultsView::title(key)), 5000);
    });
    connect(task, &widgets::Task::failed, this,
            [this](const Diagnostic &error) { showTaskFailure(tr("Planner"), error.toString()); });
    connect(task, &widgets::Task::cancelled, this, [this, title] {
        statusBar()->showMessage(tr("%1 was cancelled; nothing changed.").arg(title), 5000);
    });
    return task;
}

widgets::Task *MainWindow::computeResult(const QString &key)
{
    // Again with the options it ran with (module prices, target, ...), in the configuration and
    // for the subject the key names.
    const planners::ResultKey parsed = planners::ResultKey::parse(key);
    const QJsonObject options = planners::optionsForKey(m_document->network(), key);
    return runPlanner(parsed.planner, options);
}

// A background task's failure is said without stopping what the user is doing meanwhile: the
// message blocks nothing (other tasks may be running, the map in use).
void MainWindow::showTaskFailure(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->show();
}

namespace {

QDoubleSpinBox *
numberField(QWidget *parent, double value, double minimum, double maximum, int decimals = 0)
{
    auto *field = new QDoubleSpinBox(parent);
    field->setRange(minimum, maximum);
    field->setDecimals(decimals);
    field->setValue(value);
    field->setGroupSeparatorShown(true);
    return field;
}

// Ends a form with OK and Cancel and runs it; true when accepted.
bool execForm(QDialog &dialog, QFormLayout *form)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace

bool MainWindow::planWithForm(const QString &planner, const QJsonObject &preset)
{
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    if (!descriptor)
        return false;
    const Network &network = m_document->network();
    QJsonObject initial;
    // The subject selected on the map (a site for fabric and ingest, a link for dci).
    const QList<SiteId> sites = m_canvas->selectedSites();
    const QList<LinkId> links = m_canvas->selectedLinks();
    const Site *site = sites.size() == 1 ? network.site(sites.front()) : nullptr;
    if (descriptor->reads == planners::Reads::Site && site) {
        initial.insert(descriptor->subjectOption, site->code);
    } else if (descriptor->reads == planners::Reads::Link && links.size() == 1) {
        initial.insert(descriptor->subjectOption, qint64(links.front()));
    }
    // The options of the last run of this planner (and subject), so a form opens as it was
    // left; then what the menu entry presets (a run configuration).
    QJsonObject keyed = initial;
    for (auto it = preset.constBegin(); it != preset.constEnd(); ++it)
        keyed.insert(it.key(), it.value());
    const QString key = planners::resultKey(planner, keyed).toString();
    if (network.plannerResult(key)) {
        const QJsonObject previous = planners::optionsForKey(network, key);
        for (auto it = previous.constBegin(); it != previous.constEnd(); ++it)
            initial.insert(it.key(), it.value());
    }
    for (auto it = preset.constBegin(); it != preset.constEnd(); ++it)
        initial.insert(it.key(), it.value());
    // A site's own accelerators are the size of its fabric.
    if (const planners::OptionDescriptor *gpus = descriptor->option(u"gpus"_qs);
        gpus && site && site->gpus && !initial.contains(u"gpus"_qs))
        initial.insert(u"gpus"_qs, qint64(*site->gpus));
    if (!initial.contains(u"perHopMs"_qs) && descriptor->option(u"perHopMs"_qs))
        initial.insert(u"perHopMs"_qs,
                       QSettings().value(u"planners/perHopMs"_qs, 0.0).toDouble());
    widgets::PlannerForm form(*descriptor, &network, initial, this);
    if (form.exec() != QDialog::Accepted)
        return false;
    return runPlanner(planner, form.options()) != nullptr;
}

void MainWindow::runConfiguration(const QString &planner, const QJsonObject &configuration)
{
    // The options of the configuration's last run (its sizes, lists and limits), else the
    // planner's defaults; the configuration's own option last.
    QJsonObject options = planners::optionsForKey(
        m_document->network(), planners::resultKey(planner, configuration).toString());
    for (auto it = configuration.constBegin(); it != configuration.constEnd(); ++it)
        options.insert(it.key(), it.value());
    runPlanner(planner, options);
}

void MainWindow::preferences()
{
    QSettings settings;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Preferences"));
    auto *form = new QFormLayout(&dialog);
    auto *language = new QComboBox(&dialog);
    language->addItem(tr("The system's language"), QString());
    language->addItem(u"English"_qs, u"en"_qs);
    language->addItem(u"简体中文"_qs, u"zh"_qs);
    language->setCurrentIndex(
        std::max(0, language->findData(settings.value(u"language"_qs).toString())));
    auto *autosave = new QSpinBox(&dialog);
    autosave->setRange(1, 60);
    autosave->setSuffix(tr(" min"));
    autosave->setValue(m_autosaveTimer.interval() / 60000);
    auto *perHop =
        numberField(&dialog, settings.value(u"planners/perHopMs"_qs, 0.0).toDouble(), 0, 100, 3);
    perHop->setSuffix(tr(" ms"));
    form->addRow(tr("Language:"), language);
    form->addRow(tr("Autosave every:"), autosave);
    form->addRow(tr("Device latency per hop:"), perHop);
    if (!execForm(dialog, form))
        return;
    const QString previousLanguage = settings.value(u"language"_qs).toString();
    settings.setValue(u"autosave/minutes"_qs, autosave->value());
    m_autosaveTimer.setInterval(autosave->value() * 60 * 1000);
    settings.setValue(u"planners/perHopMs"_qs, perHop->value());
    // Last: the window is shown again in the new language.
    if (language->currentData().toString() != previousLanguage)
        setLanguage(language->currentData().toString());
}

void MainWindow::createActions()
{
    m_actions = new QObject(this);
    // File
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(QIcon::fromTheme(u"document-new"_qs), tr("&New"), QKeySequence::New, this,
                    &MainWindow::newProject);
    file->addAction(actionIcon(u"document-open"_qs, u"open"_qs), tr("&Open…"), QKeySequence::Open,
                    this, &MainWindow::open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(actionIcon(u"document-save"_qs, u"save"_qs), tr("&Save"), QKeySequence::Save,
                    this, &MainWindow::save);
    file->addAction(actionIcon(u"document-save-as"_qs, u"save"_qs), tr("Save &As…"),
                    QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(actionIcon(u"document-import"_qs, u"import"_qs), tr("&Import…"),
                    QKeySequence(tr("Ctrl+I")), this, &MainWindow::importDialog);
    QMenu *exportMenu = file->addMenu(QIcon::fromTheme(u"document-export"_qs), tr("&Export"));
    // A layer as a file other tools open, through the exporter `nqi export` uses.
    exportMenu->addAction(tr("&Sites…"), this, [this] { exportLayer(core::ExportLayer::Sites); });
    exportMenu->addAction(tr("&Links…"), this, [this] { exportLayer(core::ExportLayer::Links); });
    exportMenu->addAction(tr("De&mands…"), this,
                          [this] { exportLayer(core::ExportLayer::Demands); });
    exportMenu->addSeparator();
    exportMenu->addAction(QIcon::fromTheme(u"network-wired"_qs), tr("&Device Configurations…"),
                          this, &MainWindow::exportConfigurations);
    file->addAction(QIcon::fromTheme(u"x-office-document"_qs), tr("Re&port…"),
                    QKeySequence(tr("Ctrl+Shift+P")), this, [this] { writeReport(); });
    file->addSeparator();
    file->addAction(QIcon::fromTheme(u"application-exit"_qs), tr("&Quit"), QKeySequence::Quit, this,
                    &QWidget::close);

    // Edit: the undo stack's actions name what they undo ("Undo Add Site S3").
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_document->undoStack()->createUndoAction(m_actions, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setIcon(actionIcon(u"edit-undo"_qs, u"undo"_qs));
    QAction *redo = m_document->undoStack()->createRedoAction(m_actions, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setIcon(actionIcon(u"edit-redo"_qs, u"redo"_qs));
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction *remove = edit->addAction(actionIcon(u"edit-delete"_qs, u"delete"_qs), tr("&Delete"),
                                      this, &MainWindow::deleteSelection);
    remove->setShortcuts({QKeySequence::Delete, QKeySequence(Qt::Key_Backspace)});
    edit->addAction(actionIcon(u"edit-copy"_qs, u"copy"_qs), tr("&Copy"), QKeySequence::Copy, this,
                    &MainWindow::copySelection);
    edit->addAction(actionIcon(u"edit-paste"_qs, u"paste"_qs), tr("&Paste"), QKeySequence::Paste,
                    this, &MainWindow::paste);
    edit->addAction(actionIcon(u"edit-select-all"_qs, u"select"_qs), tr("Select &All Sites"),
                    QKeySequence::SelectAll, this, [this] {
                        QList<SiteId> ids;
                        for (const Site &site : m_document->network().sites())
                            ids << site.id;
                        m_canvas->selectObjects(ids, {});
                    });
    edit->addAction(QIcon::fromTheme(u"preferences-system"_qs), tr("Pr&eferences…"),
                    QKeySequence(tr("Ctrl+,")), this, &MainWindow::preferences);
    edit->addAction(actionIcon(u"edit-find"_qs, u"find"_qs), tr("&Find…"), QKeySequence::Find, this,
                    &MainWindow::find);

    // View
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(actionIcon(u"zoom-in"_qs, u"zoom-in"_qs), tr("Zoom &In"),
                          QKeySequence::ZoomIn, m_canvas, [this] { m_canvas->zoomBy(1.5); });
    m_viewMenu->addAction(actionIcon(u"zoom-out"_qs, u"zoom-out"_qs), tr("Zoom &Out"),
                          QKeySequence::ZoomOut, m_canvas, [this] { m_canvas->zoomBy(1 / 1.5); });
    m_viewMenu->addAction(actionIcon(u"zoom-fit-best"_qs, u"zoom-fit"_qs), tr("Zoom to &Fit"),
                          QKeySequence(tr("Ctrl+0")), m_canvas, &MapCanvas::zoomToFit);
    m_viewMenu->addAction(actionIcon(u"zoom-select"_qs, u"zoom-fit"_qs), tr("Zoom to &Selection"),
                          QKeySequence(tr("Ctrl+J")), m_canvas, &MapCanvas::zoomToSelection);
    QAction *graticule = m_viewMenu->addAction(tr("&Graticule"));
    graticule->setCheckable(true);
    graticule->setChecked(m_canvas->isGraticuleVisible());
    connect(graticule, &QAction::toggled, m_canvas, &MapCanvas::setGraticuleVisible);
    QMenu *languages = m_viewMenu->addMenu(tr("&Language"));
    auto *languageGroup = new QActionGroup(m_actions);
    // The language in use (--lang, the saved choice or the system's), not only a saved choice.
    const QString current = Language::instance()->current();
    for (const auto &[code, name] :
         {std::pair{u"en"_qs, u"English"_qs}, std::pair{u"zh"_qs, u"简体中文"_qs}}) {
        QAction *action = languages->addAction(name);
        action->setCheckable(true);
        action->setChecked(current == code);
        languageGroup->addAction(action);
        action->setObjectName(u"language_"_qs + code);
        connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
    }
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());

    // Plan: the planners of this build, from their descriptors (the same as `nqi plan`).
    QMenu *plan = menuBar()->addMenu(tr("&Plan"));
    const QString language = widgets::interfaceLanguage();
    QMenu *withOptions = nullptr;
    bool subjects = false;
    for (const planners::PlannerDescriptor &planner : planners::plannerDescriptors()) {
        const QString name = planner.name;
        if (planner.reads != planners::Reads::Network && !subjects) {
            plan->addSeparator(); // the compute planners, for a selected site or link
            subjects = true;
        }
        if (planner.asks) {
            plan->addAction(planner.menuText.in(language), this, [this, name] {
                planWithForm(name);
            });
            continue;
        }
        // Each run configuration at once, with the options of its last run.
        const std::vector<planners::ConfigurationDescriptor> configurations =
            planner.configurations.empty()
                ? std::vector<planners::ConfigurationDescriptor>{{}}
                : planner.configurations;
        for (const planners::ConfigurationDescriptor &configuration : configurations) {
            const bool first = configuration.suffix.isEmpty();
            QAction *action = plan->addAction(
                first || configuration.menuText.isEmpty() ? planner.menuText.in(language)
                                                          : configuration.menuText.in(language));
            if (first && !planner.shortcut.isEmpty())
                action->setShortcut(QKeySequence(planner.shortcut));
            const QJsonObject preset =
                configuration.option.isEmpty()
                    ? QJsonObject()
                    : QJsonObject{{configuration.option, configuration.value}};
            connect(action, &QAction::triggered, this,
                    [this, name, preset] { runConfiguration(name, preset); });
        }
        if (!withOptions)
            withOptions = new QMenu(tr("Run &With Options"), plan);
        withOptions->addAction(planner.title.in(language) + u"…"_qs, this,
                               [this, name] { planWithForm(name); });
    }
    if (withOptions) {
        plan->addSeparator();
        plan->addMenu(withOptions);
    }
    plan->addSeparator();
    plan->addAction(tr("Satellite C&overage…"), this, [this] {
        m_satellitesDock->show();
        m_satellitesDock->raise();
    });
    plan->addSeparator();
    // The failure sweep on a cluster the desktop does not reach (docs/scale-out.md).
    plan->addAction(tr("Export Sweep as Slurm &Job…"), this, [this] {
        // The sweep's options first, asked as the planner's own form asks them (N-1 or N-2,
        // worst scenarios kept, latency per hop), from its last N-1 run.
        const Network &network = m_document->network();
        QJsonObject initial = planners::optionsForKey(network, u"resilience"_qs);
        if (!initial.contains(u"perHopMs"_qs))
            initial.insert(u"perHopMs"_qs,
                           QSettings().value(u"planners/perHopMs"_qs, 0.0).toDouble());
        widgets::PlannerForm form(*planners::plannerDescriptor(u"resilience"_qs), &network,
                                  initial, this);
        form.setWindowTitle(tr("Export Sweep as Slurm Job"));
        if (form.exec() != QDialog::Accepted)
            return;
        planners::resilience::Options options = scaleout::optionsFromJson(form.options());
        workbench::exportSlurmJobDialog(this, *m_document, options);
    });
    plan->addAction(tr("I&mport Cluster Result…"), this, [this] {
        const QString key = workbench::importClusterResultDialog(this, m_document);
        if (!key.isEmpty()) {
            m_resultsDock->show();
            m_resultsDock->raise();
            m_resultsView->showPlanner(key);
        }
    });
    plan->addSeparator();
    plan->addAction(tr("Show R&esults"), this, [this] {
        m_resultsDock->show();
        m_resultsDock->raise();
    });

    // Tools
    QMenu *tools = menuBar()->addMenu(tr("&Tools"));
    QToolBar *toolbar = m_toolBar = addToolBar(tr("Tools"));
    toolbar->setObjectName(u"ToolsToolBar"_qs);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(undo);
    toolbar->addAction(redo);
    // Undo and Redo name what they undo ("Undo Run the route Planner"): on the toolbar that
    // text would move every button after them at each edit, so they show their icons there
    // (the tooltip and the Edit menu give the text).
    for (QAction *action : {undo, redo})
        if (auto *button = qobject_cast<QToolButton *>(toolbar->widgetForAction(action)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolbar->addSeparator();
    m_tools = new QActionGroup(m_actions);
    struct ToolSpec
    {
        MapCanvas::Tool tool;
        QString text;
        QString shortcut;
        QString icon;
    };
    const ToolSpec specs[] = {
        {MapCanvas::Tool::Select, tr("&Select"), u"S"_qs, u"select"_qs},
        {MapCanvas::Tool::Pan, tr("&Pan"), u"P"_qs, u"pan"_qs},
        {MapCanvas::Tool::MoveSite, tr("&Move Site"), u"M"_qs, u"move-site"_qs},
        {MapCanvas::Tool::AddSite, tr("&Add Site"), u"A"_qs, u"add-site"_qs},
        {MapCanvas::Tool::AddLink, tr("Add &Link"), u"L"_qs, u"add-link"_qs},
        {MapCanvas::Tool::AddDemand, tr("Add &Demand"), u"D"_qs, u"add-demand"_qs},
        {MapCanvas::Tool::DrawRegion, tr("Draw &Region"), u"R"_qs, u"draw-region"_qs},
        {MapCanvas::Tool::Measure, tr("M&easure"), u"G"_qs, u"measure"_qs},
    };
    for (const ToolSpec &spec : specs) {
        QAction *action = tools->addAction(actionIcon({}, spec.icon), spec.text);
        action->setShortcut(QKeySequence(spec.shortcut));
        action->setCheckable(true);
        action->setData(int(spec.tool));
        action->setObjectName(u"tool_"_qs + QString::number(int(spec.tool)));
        m_tools->addAction(action);
        toolbar->addAction(action);
        connect(action, &QAction::triggered, m_canvas,
                [this, tool = spec.tool] { m_canvas->setTool(tool); });
        if (spec.tool == m_canvas->tool())
            action->setChecked(true);
    }
    m_kindBox = new QComboBox(toolbar);
    m_kindBox->setToolTip(tr("Kind of the sites the Add Site tool places"));
    for (const QString &kind : siteKindNames()) {
        const SiteKind value = *siteKindFromString(kind);
        m_kindBox->addItem(QIcon(widgets::SiteItem::icon(value, 16, devicePixelRatioF())),
                           widgets::siteKindTitle(value), int(value));
    }
    m_kindBox->setCurrentIndex(m_kindBox->findData(int(m_canvas->newSiteKind())));
    connect(m_kindBox, &QComboBox::currentIndexChanged, this,
            [this] { m_canvas->setNewSiteKind(SiteKind(m_kindBox->currentData().toInt())); });
    toolbar->addWidget(m_kindBox);
    toolbar->addSeparator();
    toolbar->addAction(m_viewMenu->actions().value(2)); // zoom to fit
    connect(m_canvas, &MapCanvas::toolChanged, m_tools, [this](MapCanvas::Tool tool) {
        for (QAction *action : m_tools->actions())
            action->setChecked(action->data().toInt() == int(tool));
    });

    // Help
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(QIcon::fromTheme(u"help-about"_qs), tr("&About NQI Workbench"), this,
                    &MainWindow::about);
}

void MainWindow::updateTitle()
{
    QString file = m_document->filePath().isEmpty()
                       ? tr("unsaved")
                       : QDir::toNativeSeparators(m_document->filePath());
    if (isReadOnly())
        file = tr("%1, read-only").arg(file);
    setWindowTitle(tr("%1[*] (%2) — NQI Workbench").arg(m_document->displayName(), file));
    setWindowModified(m_document->isModified());
    m_readOnlyLabel->setText(
        isReadOnly() ? tr("Read-only: %1. Save As keeps your changes.").arg(m_readOnlyReason)
                     : QString());
    m_readOnlyLabel->setToolTip(m_readOnlyReason.toHtmlEscaped());
    m_readOnlyLabel->setVisible(isReadOnly());
}

bool MainWindow::writeReport(const QString &path)
{
    const QFileInfo project(m_document->filePath());
    const QString suggested =
        !path.isEmpty() ? path
        : m_document->filePath().isEmpty()
            ? QDir::home().filePath(u"report.pdf"_qs)
            : project.absoluteDir().filePath(project.completeBaseName() + u"-report.pdf"_qs);
    ReportDialog dialog(m_document, this, suggested, this);
    if (!m_document->filePath().isEmpty())
        dialog.setInputs({m_document->filePath()});
    // Computing a result the report uses is the user's choice, made in the dialog.
    connect(&dialog, &ReportDialog::computeRequested, this, &MainWindow::computeResult);
    m_reportDialog = &dialog;
    const bool written = dialog.exec() == QDialog::Accepted;
    m_reportDialog = nullptr;
    if (written) {
        QString message = tr("Report written to %1.").arg(dialog.outputPath());
        if (!dialog.notes().isEmpty())
            message += u' ' + dialog.notes().join(u' ');
        statusBar()->showMessage(message, 10000);
    }
    return written;
}

void MainWindow::exportLayer(core::ExportLayer layer, const QString &givenPath)
{
    const QString name = layer == core::ExportLayer::Sites   ? u"sites"_qs
                         : layer == core::ExportLayer::Links ? u"links"_qs
                                                             : u"demands"_qs;
    const QString title = layer == core::ExportLayer::Sites   ? tr("Export Sites")
                          : layer == core::ExportLayer::Links ? tr("Export Links")
                                                              : tr("Export Demands");
    const QFileInfo project(m_document->filePath());
    const QString folder =
        m_document->filePath().isEmpty() ? QDir::homePath() : project.absolutePath();
    const QString base =
        m_document->filePath().isEmpty() ? name : project.completeBaseName() + u'-' + name;
    // Each filter and the extension it gives a name that has none of its own.
    const QList<std::pair<QString, QString>> formats{
        {tr("CSV (*.csv)"), u".csv"_qs},
        {tr("GeoJSON (*.geojson)"), u".geojson"_qs},
        {tr("GeoPackage (*.gpkg)"), u".gpkg"_qs},
        {tr("KML (*.kml)"), u".kml"_qs},
        {tr("Shapefile (*.shp)"), u".shp"_qs},
        {tr("MapInfo TAB (*.tab)"), u".tab"_qs},
        {tr("FlatGeobuf (*.fgb)"), u".fgb"_qs},
    };
    QStringList filters;
    for (const auto &[filterText, extension] : formats)
        filters << filterText;
    QString filter = filters.constFirst();
    QString path = givenPath;
    if (path.isEmpty())
        path = QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(base + u".csv"_qs),
                                            filters.join(u";;"_qs), &filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty()) {
        for (const auto &[filterText, extension] : formats)
            if (filter == filterText)
                path += extension;
        if (QFileInfo(path).suffix().isEmpty())
            path += u".csv"_qs;
    }
    const Network snapshot = m_document->network();
    const QStringList inputs =
        m_document->filePath().isEmpty() ? QStringList() : QStringList{m_document->filePath()};
    try {
        runBlocking<bool>(this, tr("Exporting %1…").arg(QFileInfo(path).fileName()),
                          [&snapshot, layer, path, inputs] {
                              core::refuseOutputThatIsInput(path, inputs, u"the export"_qs);
                              core::Exporter::exportLayer(snapshot, layer, path, inputs);
                              return true;
                          });
        statusBar()->showMessage(tr("Exported to %1.").arg(QDir::toNativeSeparators(path)), 10000);
    } catch (const Failure &failure) {
        QMessageBox::warning(this, title, failure.diagnostic().toString());
    }
}

void MainWindow::exportConfigurations()
{
    widgets::ConfigExportDialog dialog(m_document, this);
    dialog.exec();
}

void MainWindow::syncSelectionFromMap()
{
    if (m_syncing)
        return;
    m_syncing = true;
    const QList<SiteId> sites = m_canvas->selectedSites();
    const QList<LinkId> links = m_canvas->selectedLinks();
    m_projectDock->setSelection(sites, links);
    m_inspector->setSelection(sites, links);
    m_selectionLabel->setText(tr("%n site(s)", nullptr, int(sites.size())) + u", "_qs +
                              tr("%n link(s)", nullptr, int(links.size())));
    m_syncing = false;
}

bool MainWindow::finishTasks()
{
    widgets::TaskManager *tasks = widgets::TaskManager::instance();
    const QList<widgets::Task *> running = tasks->tasks(this);
    if (running.isEmpty())
        return true;
    QStringList names;
    for (const widgets::Task *task : running)
        names << task->description();
    QMessageBox box(QMessageBox::Question, tr("Tasks are running"),
                    tr("%n task(s) still running for %1: %2.", nullptr, int(running.size()))
                        .arg(m_document->displayName(), names.join(tr(", "))),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Cancel them? What they have computed so far is lost."));
    QPushButton *cancelTasks = box.addButton(tr("Cancel the Tasks"), QMessageBox::AcceptRole);
    box.addButton(tr("Keep Them Running"), QMessageBox::RejectRole);
    box.setDefaultButton(cancelTasks);
    box.exec();
    if (box.clickedButton() != cancelTasks)
        return false;
    tasks->cancelAll(this);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    tasks->waitForAll(this); // a planner stops at its next look at its progress
    QApplication::restoreOverrideCursor();
    return true;
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("%1 has changes that are not saved. Save them?").arg(m_document->displayName()),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::newProject()
{
    if (!finishTasks() || !maybeSave())
        return;
    QFile::remove(recoveryPath());
    m_lock.reset();
    m_stamp = {};
    m_readOnlyReason.clear();
    ++m_generation;
    m_document->reset(Network(), QString());
}

void MainWindow::open()
{
    if (!finishTasks() || !maybeSave())
        return;
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Project"), settings.value(u"paths/projects"_qs).toString(), fileFilter());
    if (!path.isEmpty())
        openProject(path);
}

bool MainWindow::openProject(const QString &path)
{
    if (!finishTasks())
        return false;
    // Locked for writing for as long as it is open. Held by another program, or not writable
    // here: opened read-only, and the window says why.
    std::unique_ptr<ProjectLock> lock;
    bool reused = false;
    try {
        QString readOnly;
        if (m_lock && m_lock->lockFile() == ProjectLock::lockFileFor(path)) {
            lock = std::move(m_lock); // the same project again: this window holds it already
            reused = true;
        } else if (QFileInfo::exists(path)) {
            const std::optional<LockHolder> holder = ProjectLock::holder(path);
            try {
                lock = std::make_unique<ProjectLock>(path,
                                                     ProjectLock::Options{u"nqi-workbench"_qs, 0});
            } catch (const Failure &failure) {
                readOnly = holder ? tr("locked for writing by %1").arg(holder->toString())
                                  : failure.diagnostic().message;
            }
            const QFileInfo info(path);
            if (readOnly.isEmpty() &&
                (!info.isWritable() ||
                 !(info.permissions() & (QFileDevice::WriteOwner | QFileDevice::WriteGroup |
                                         QFileDevice::WriteOther)))) {
                readOnly = tr("the file is read-only");
                lock.reset();
            }
        }
        auto [network, stamp] =
            runBlocking<std::pair<Network, FileStamp>>(this, tr("Opening %1…").arg(path), [path] {
                FileStamp read;
                Network loaded = ProjectStore::load(path, read);
                return std::pair{std::move(loaded), read};
            });
        QFile::remove(recoveryPath());
        m_lock = std::move(lock);
        m_stamp = stamp;
        m_readOnlyReason = readOnly;
        ++m_generation;
        m_document->reset(std::move(network), QFileInfo(path).absoluteFilePath());
        updateTitle();
        if (!m_document->network().plannerResults().empty() && !m_resultsDock->isVisible()) {
            m_resultsDock->show();
            // Once the window has its size (it may not be shown yet).
            QTimer::singleShot(0, this, [this] {
                resizeDocks({m_resultsDock}, {std::max(240, height() * 2 / 5)}, Qt::Vertical);
            });
        }
        addRecent(QFileInfo(path).absoluteFilePath());
        QSettings().setValue(u"paths/projects"_qs, QFileInfo(path).absolutePath());
        // A stale lock taken over is said, as the command line says it.
        const QString note =
            m_lock && !m_lock->note().isEmpty() ? tr(" (%1)").arg(m_lock->note()) : QString();
        statusBar()->showMessage(isReadOnly() ? tr("Opened %1 read-only").arg(path)
                                              : tr("Opened %1%2").arg(path, note),
                                 note.isEmpty() ? 4000 : 15000);
        return true;
    } catch (const Failure &failure) {
        if (reused)
            m_lock = std::move(lock); // the project still open keeps its lock
        QMessageBox::critical(this, tr("Cannot open project"), failure.diagnostic().toString());
        return false;
    }
}

bool MainWindow::save()
{
    if (m_document->filePath().isEmpty() || isReadOnly())
        return saveAs();
    return saveProject(m_document->filePath());
}

bool MainWindow::saveAs()
{
    QSettings settings;
    QString path = QFileDialog::getSaveFileName(
        this, tr("Save Project As"), settings.value(u"paths/projects"_qs).toString(), fileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += u".gpkg"_qs;
    return saveProject(path);
}

bool MainWindow::saveProject(const QString &path)
{
    const Network snapshot = m_document->network(); // the worker saves a copy
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // In place: under the lock held since it was opened. Elsewhere (Save As): that file's lock
    // first, which then stays with the window. Over the file it was read from, with the lock
    // or without (it opened read-only and the holder has finished since), only if nobody
    // changed that file meanwhile.
    const bool inPlace = m_lock && absolute == m_document->filePath();
    const bool ownFile = absolute == m_document->filePath() && !m_stamp.isNull();
    try {
        std::unique_ptr<ProjectLock> lock;
        if (!inPlace)
            lock =
                std::make_unique<ProjectLock>(path, ProjectLock::Options{u"nqi-workbench"_qs, 0});
        const FileStamp expected = m_stamp;
        const FileStamp written = runBlocking<FileStamp>(
            this, tr("Saving %1…").arg(path), [snapshot, path, ownFile, expected] {
                FileStamp stamp = expected;
                if (ownFile) {
                    ProjectStore::save(snapshot, path, stamp);
                } else {
                    ProjectStore::save(snapshot, path);
                    stamp = ProjectStore::stamp(path);
                }
                return stamp;
            });
        if (lock)
            m_lock = std::move(lock);
        m_stamp = written;
        m_readOnlyReason.clear();
    } catch (const Failure &failure) {
        QMessageBox::critical(this, tr("Cannot save project"),
                              failure.diagnostic().toString() +
                                  tr("\n\nThe file on disk was not changed."));
        return false;
    }
    QFile::remove(recoveryPath());
    m_document->markSaved(absolute);
    updateTitle();
    addRecent(absolute);
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::importDialog()
{
    QSettings settings;
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import"), settings.value(u"paths/import"_qs).toString(),
        tr("Network data (*.graphml *.csv *.geojson *.json *.gpkg *.shp *.kml *.fgb);;All files "
           "(*)"));
    if (paths.isEmpty())
        return;
    settings.setValue(u"paths/import"_qs, QFileInfo(paths.constFirst()).absolutePath());
    importFiles(paths);
}

bool MainWindow::importFiles(const QStringList &paths)
{
    const Network current = m_document->network();
    struct Outcome
    {
        Network network;
        ImportReport report;
    };
    try {
        const Outcome outcome = runBlocking<Outcome>(
            this, tr("Importing %n file(s)…", nullptr, int(paths.size())), [current, paths] {
                Outcome result{current, {}};
                result.report = Importer::importFiles(result.network, paths);
                return result;
            });
        auto command = std::make_unique<widgets::ImportCommand>(
            m_document, outcome.network,
            tr("Import %1")
                .arg(paths.size() == 1 ? QFileInfo(paths.constFirst()).fileName()
                                       : tr("%n files", nullptr, int(paths.size()))));
        if (!command->isEmpty()) {
            if (const auto problem = widgets::pushCommand(std::move(command)))
                throw Failure(*problem);
            m_canvas->zoomToFit();
        }
        QString summary = tr("Imported %1 sites, %2 links, %3 demands.")
                              .arg(outcome.report.sitesAdded)
                              .arg(outcome.report.linksAdded)
                              .arg(outcome.report.demandsAdded);
        if (!outcome.report.warnings.isEmpty()) {
            QStringList lines;
            for (const Diagnostic &warning : outcome.report.warnings)
                lines << warning.toString();
            QMessageBox box(QMessageBox::Information, tr("Import"), summary, QMessageBox::Ok, this);
            box.setInformativeText(
                tr("%n warning(s): see the details.", nullptr, int(lines.size())));
            box.setDetailedText(lines.join(u'\n'));
            box.exec();
        } else {
            statusBar()->showMessage(summary, 6000);
        }
        return true;
    } catch (const Failure &failure) {
        QMessageBox::critical(this, tr("Cannot import"),
                              failure.diagnostic().toString() +
                                  tr("\n\nNothing was imported; the project is unchanged."));
        return false;
    }
}

void MainWindow::deleteSelection()
{
    const QList<SiteId> sites = m_canvas->selectedSites();
    const QList<LinkId> links = m_canvas->selectedLinks();
    const QList<RegionId> regions = m_canvas->selectedRegions();
    if (sites.isEmpty() && links.isEmpty() && regions.isEmpty())
        return;
    if (const auto problem = widgets::pushCommand(std::make_unique<widgets::RemoveCommand>(
            m_document, sites, links, QList<DemandId>(), regions)))
        statusBar()->showMessage(tr("Cannot delete: %1").arg(problem->message), 6000);
}

namespace {
constexpr auto kClipboardFormat = "application/x-nqi-network";
}

// What a copy or paste carries, in words: "3 sites with the 2 links and 1 demand among them".
QString MainWindow::partText(const QString &pattern, qsizetype sites, qsizetype links,
                             qsizetype demands) const
{
    const QString siteText = tr("%n site(s)", nullptr, int(sites));
    QString text;
    if (links > 0 && demands > 0)
        text = tr("%1 with the %2 and %3 among them")
                   .arg(siteText, tr("%n link(s)", nullptr, int(links)),
                        tr("%n demand(s)", nullptr, int(demands)));
    else if (links > 0)
        text = tr("%1 with the %2 among them").arg(siteText, tr("%n link(s)", nullptr, int(links)));
    else if (demands > 0)
        text = tr("%1 with the %2 among them")
                   .arg(siteText, tr("%n demand(s)", nullptr, int(demands)));
    else
        text = siteText;
    return pattern.arg(text);
}

// Copies the selected sites with the links and demands among them, every field as the model
// holds it (core::toJson of the part); the plain text is the sites table, for spreadsheets.
void MainWindow::copySelection()
{
    const NetworkPart part = extractPart(m_document->network(), m_canvas->selectedSites());
    if (part.sites.empty())
        return;
    Network sheet;
    for (const Site &site : part.sites)
        sheet.addSite(site);
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kClipboardFormat),
                  QJsonDocument(toJson(part)).toJson(QJsonDocument::Compact));
    mime->setText(QString::fromUtf8(Exporter::csv(sheet, ExportLayer::Sites)));
    QGuiApplication::clipboard()->setMimeData(mime);
    statusBar()->showMessage(partText(tr("Copied %1."), part.sites.size(), part.links.size(),
                                      part.demands.size()),
                             6000);
}

// Pastes what copySelection put on the clipboard as new objects (new ids, new codes where
// taken), a little to the south-east of the originals, as one undoable step. Data this version
// cannot read (another version's, damaged) changes nothing and the status bar says why.
void MainWindow::paste()
{
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || !mime->hasFormat(QString::fromLatin1(kClipboardFormat)))
        return;
    const double offsetDeg = m_canvas->metresPerPixel() * 30.0 / 111320.0;
    Network merged = m_document->network();
    AddedPart added;
    try {
        const NetworkPart part = networkPartFromJson(mime->data(QString::fromLatin1(kClipboardFormat)));
        added = addPart(merged, part, {offsetDeg, offsetDeg});
    } catch (const Failure &failure) {
        statusBar()->showMessage(tr("Cannot paste: %1").arg(failure.diagnostic().toString()),
                                 10000);
        return;
    }
    if (added.sites.isEmpty())
        return;
    const QString what = partText(QStringLiteral("%1"), added.sites.size(), added.links.size(),
                                  added.demands.size());
    if (const auto problem = widgets::pushCommand(
            std::make_unique<widgets::ImportCommand>(m_document, merged, tr("Paste %1").arg(what)))) {
        statusBar()->showMessage(tr("Cannot paste: %1").arg(problem->toString()), 10000);
        return;
    }
    m_canvas->selectObjects(added.sites, added.links);
    statusBar()->showMessage(tr("Pasted %1.").arg(what), 6000);
}

void MainWindow::nameRegion(const QList<LatLon> &ring)
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("New Region"),
                              tr("Name of the region (e.g. a province that data must not leave):"),
                              QLineEdit::Normal,
                              tr("Region %1").arg(m_document->network().nextRegionId()), &ok)
            .trimmed();
    if (!ok || name.isEmpty())
        return;
    Region region;
    region.name = name;
    region.purpose = RegionPurpose::Both;
    region.rings = {ring};
    if (const auto problem =
            widgets::pushCommand(std::make_unique<widgets::AddRegionCommand>(m_document, region)))
        QMessageBox::warning(this, tr("Cannot add the region"), problem->message);
}

void MainWindow::find()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Find"), tr("Site name or code:"),
                                               QLineEdit::Normal, QString(), &ok)
                             .trimmed();
    if (!ok || text.isEmpty())
        return;
    QList<SiteId> found;
    for (const Site &site : m_document->network().sites()) {
        if (site.code.compare(text, Qt::CaseInsensitive) == 0 ||
            site.name.contains(text, Qt::CaseInsensitive)) {
            found << site.id;
        }
    }
    if (found.isEmpty()) {
        statusBar()->showMessage(tr("No site matches \"%1\".").arg(text), 5000);
        return;
    }
    m_canvas->selectObjects(found, {});
    m_canvas->zoomToSites(found); // with their neighbours, at a regional scale at least
    statusBar()->showMessage(tr("%n site(s) found.", nullptr, int(found.size())), 5000);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About NQI Workbench"),
        tr("<h3>NQI Workbench %1</h3><p>新质互联网规划工作台 — planning networks of compute hubs, "
           "data centres, ingest sites and satellites.</p>"
           "<p>Qt %2 · GDAL %3 · Boost %4.%5.%6</p>"
           "<p>Basemap: Natural Earth (public domain), via QGIS's world map.</p>")
            .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                 QString::fromLatin1(GDAL_RELEASE_NAME))
            .arg(BOOST_VERSION / 100000)
            .arg(BOOST_VERSION / 100 % 1000)
            .arg(BOOST_VERSION % 100));
}

void MainWindow::addRecent(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(u"recentFiles"_qs).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    settings.setValue(u"recentFiles"_qs, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(u"recentFiles"_qs).toStringList();
    for (const QString &path : recent) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            if (finishTasks() && maybeSave())
                openProject(path);
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

QString MainWindow::recoveryPath() const
{
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/recovery"_qs;
    const QString key = m_document->filePath().isEmpty() ? u"untitled"_qs : m_document->filePath();
    return folder + u'/' +
           QString::fromLatin1(
               QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16)) +
           u".gpkg"_qs;
}

void MainWindow::autosave()
{
    if (!m_document->isModified())
        return;
    const QString path = recoveryPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    Network snapshot = m_document->network();
    ProjectSettings settings = snapshot.settings();
    // Remember which file this recovers, for the offer after a crash.
    settings.description = u"recovery-of:"_qs + m_document->filePath();
    snapshot.setSettings(settings);
    (void)QtConcurrent::run([snapshot = std::move(snapshot), path] {
        try {
            ProjectStore::save(snapshot, path);
        } catch (const Failure &) {
            // An autosave that fails leaves the last one; the next timer tick tries again.
        }
    });
}

void MainWindow::offerRecovery()
{
    const QDir folder(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                      u"/recovery"_qs);
    for (const QFileInfo &file : folder.entryInfoList({u"*.gpkg"_qs}, QDir::Files, QDir::Time)) {
        Network recovered;
        try {
            recovered = ProjectStore::load(file.filePath());
        } catch (const Failure &) {
            QFile::remove(file.filePath());
            continue;
        }
        QString original = recovered.settings().description;
        original.remove(0, QStringLiteral("recovery-of:").size());
        const auto answer = QMessageBox::question(
            this, tr("Recover unsaved work"),
            tr("NQI Workbench did not close normally. Unsaved work on %1 from %2 was kept. "
               "Recover it?")
                .arg(original.isEmpty() ? tr("an untitled project") : original,
                     QLocale().toString(file.lastModified(), QLocale::ShortFormat)),
            QMessageBox::Yes | QMessageBox::Discard, QMessageBox::Yes);
        if (answer == QMessageBox::Yes) {
            ProjectSettings settings = recovered.settings();
            settings.description.clear();
            recovered.setSettings(settings);
            ++m_generation;
            m_document->reset(Network(), original);
            if (const auto problem = widgets::pushCommand(std::make_unique<widgets::ImportCommand>(
                    m_document, recovered, tr("Recover Unsaved Work"))))
                QMessageBox::warning(this, tr("Recover unsaved work"), problem->toString());
            m_canvas->zoomToFit();
            return;
        }
        QFile::remove(file.filePath());
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!finishTasks() || !maybeSave()) {
        event->ignore();
        return;
    }
    QFile::remove(recoveryPath());
    QSettings settings;
    settings.setValue(u"window/geometry"_qs, saveGeometry());
    settings.setValue(u"window/state"_qs, saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(paths);
}

} // namespace nqi::app
