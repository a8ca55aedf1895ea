#include "core/io/exporter.h"
#include "core/model/networkpart.h"
#include "core/store/projectlock.h"
#include "core/store/projectstore.h"
#include "mainwindow.h"
#include "report/report.h"
#include "planners/resilience/resilience.h"
#include "reportdialog.h"
#include "scaleout.h"
#include "sessionbus.h"
#include "widgets/basemap.h"
#include "widgets/commands.h"
#include "widgets/configexportdialog.h"
#include "widgets/document.h"
#include "widgets/inspector.h"
#include "widgets/layerspanel.h"
#include "widgets/linkitem.h"
#include "widgets/mapcanvas.h"
#include "widgets/networklayers.h"
#include "widgets/plannerform.h"
#include "widgets/resultsview.h"
#include "widgets/satelliteoverlay.h"
#include "widgets/satellitepanel.h"
#include "widgets/siteitem.h"
#include "widgets/taskbar.h"
#include "widgets/taskmanager.h"

#include <QAbstractButton>
#include <QAbstractItemModel>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialog>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGraphicsItem>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace nqi;
using namespace nqi::core;
using widgets::MapCanvas;

// The workbench driven as a user drives it: mouse clicks on the map, typing in the inspector,
// saving, dropping files. Runs on the offscreen platform.
class TestWorkbench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sessionBusIsNeverStartedFromTheWorkbench();
    void drawSitesAndLinksThenUndoAndRedo();
    void moveSiteUpdatesLinkLength();
    void inspectorRefusesBadValues();
    void statusBarGivesHemispheresAsLetters();
    void findZoomsToARegionalScale();
    void layersExportFromTheFileMenu();
    void toolbarButtonsStayWhereTheyAre();
    void languageMenuTicksTheLanguageInUse();
    void saveAndReopen();
    void droppedFilesAreImportedAsOneStep();
    void failedImportChangesNothing();
    void sampleProjectRendersOverTheBasemap();
    void sampleMatchesTheControlImage();
    void autosaveIsOfferedBackAfterACrash();
    void drawRegionNameItThenUndo();
    void largeNetworksAreDrawnOffTheGuiThread();
    void simplifiedChineseInterface();
    void unreadableBasemapIsReportedNotThrown();
    void vectorLayersOverTheBasemap();
    void copyAndPasteSitesWithTheirLinks();
    void copyAndPasteKeepsEveryFieldOfWhatIsAmongTheSelection();
    void pasteOfDamagedOrForeignDataChangesNothing_data();
    void pasteOfDamagedOrForeignDataChangesNothing();
    void deletingASiteDeletesItsLinksAndDemandsInOneStep();
    void demandsAsFlowLines();
    void plannersFromThePlanMenu();
    void computePlannersForTheSelection();
    void capacityFormTakesModulePrices();
    void preferencesApplyToPlanners();
    void deviceConfigurationsDialog();
    void manyLinksAreDrawnOnBothCores();
    void linkHitTestMatchesItsShape();
    void constellationOverTheMapWithCoverage();
    void reportFromTheFileMenuWithPreview();
    void openingTheReportDialogChangesNothing();
    void reportDialogComputesWhatTheUserAsksFor();
    void lockedProjectOpensReadOnlyAndSaysWhoHoldsIt();
    void plannersRunAsBackgroundTasks();
    void editDuringARunLeavesItsResultStale();
    void closingAsksAboutRunningTasks();
    void clusterResultIsImportedOnlyAsItsJobs();

private:
    static bool runToEnd(widgets::Task *task);
    static void waitForTasks(app::MainWindow &window);
    void clickMap(MapCanvas *canvas, const QPoint &at);
    void clickSite(MapCanvas *canvas, SiteId id);
    QTemporaryDir m_dir;
};

void TestWorkbench::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

// Waits for a task to end; true when it finished (a planner's result is then stored).
bool TestWorkbench::runToEnd(widgets::Task *task)
{
    if (!task)
        return false;
    QSignalSpy finished(task, &widgets::Task::finished);
    QSignalSpy ended(task, &widgets::Task::ended);
    return ended.wait(120000) && finished.size() == 1;
}

// Waits until the planners the window started (from a menu or a form) have ended.
void TestWorkbench::waitForTasks(app::MainWindow &window)
{
    QTRY_VERIFY_WITH_TIMEOUT(widgets::TaskManager::instance()->tasks(&window).isEmpty(), 120000);
}

void TestWorkbench::clickMap(MapCanvas *canvas, const QPoint &at)
{
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, Qt::NoModifier, at);
}

void TestWorkbench::clickSite(MapCanvas *canvas, SiteId id)
{
    widgets::SiteItem *item = canvas->siteItem(id);
    QVERIFY(item);
    clickMap(canvas, canvas->mapFromScene(item->pos()));
}

void TestWorkbench::drawSitesAndLinksThenUndoAndRedo()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapCanvas *canvas = window.canvas();
    const Network empty = window.document()->network();

    canvas->setTool(MapCanvas::Tool::AddSite);
    const QPoint centre = canvas->viewport()->rect().center();
    clickMap(canvas, centre + QPoint(-150, 0));
    clickMap(canvas, centre + QPoint(0, -100));
    clickMap(canvas, centre + QPoint(150, 40));
    QCOMPARE(window.document()->network().sites().size(), std::size_t(3));
    QVERIFY(window.isWindowModified());

    canvas->setTool(MapCanvas::Tool::AddLink);
    clickSite(canvas, 1);
    clickSite(canvas, 2);
    clickSite(canvas, 2); // keeps the first link's capacity as offered
    clickSite(canvas, 3);
    QTest::keyClick(canvas, Qt::Key_Return); // and the second's
    const Network &network = window.document()->network();
    QCOMPARE(network.links().size(), std::size_t(2));
    QCOMPARE(network.links()[0].siteA, SiteId(1));
    QCOMPARE(network.links()[0].siteB, SiteId(2));
    QCOMPARE(network.links()[1].siteB, SiteId(3));
    QVERIFY(canvas->linkItem(1));

    canvas->setTool(MapCanvas::Tool::AddDemand);
    clickSite(canvas, 1);
    clickSite(canvas, 3);
    QTest::keyClick(canvas, Qt::Key_Return); // the rate and class offered
    QCOMPARE(network.demands().size(), std::size_t(1));

    const Network drawn = network;
    QUndoStack *undo = window.document()->undoStack();
    QCOMPARE(undo->count(), 6);
    QCOMPARE(undo->undoText(), u"Add Demand S1 to S3"_qs);
    while (undo->canUndo())
        undo->undo();
    QVERIFY(window.document()->network() == empty);
    QVERIFY(!window.isWindowModified());
    QVERIFY(!canvas->siteItem(1));
    while (undo->canRedo())
        undo->redo();
    QVERIFY(window.document()->network() == drawn);
    QVERIFY(canvas->siteItem(3) && canvas->linkItem(2));
    window.document()->undoStack()->setClean(); // no "save changes?" when the window closes
}

void TestWorkbench::moveSiteUpdatesLinkLength()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapCanvas *canvas = window.canvas();
    canvas->setTool(MapCanvas::Tool::AddSite);
    const QPoint centre = canvas->viewport()->rect().center();
    clickMap(canvas, centre);
    clickMap(canvas, centre + QPoint(100, 0));
    canvas->setTool(MapCanvas::Tool::AddLink);
    clickSite(canvas, 1);
    clickSite(canvas, 2);
    QTest::keyClick(canvas, Qt::Key_Return); // the capacity offered
    const Network &network = window.document()->network();
    const double before = network.lengthKm(network.links().front());

    canvas->setTool(MapCanvas::Tool::MoveSite);
    const QPoint from = canvas->mapFromScene(canvas->siteItem(2)->pos());
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(100, 0)),
                     canvas->viewport()->mapToGlobal(QPointF(from + QPoint(100, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &move);
    QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, Qt::NoModifier, from + QPoint(100, 0));
    const double after = network.lengthKm(network.links().front());
    QVERIFY2(after > 1.8 * before, qPrintable(u"%1 -> %2 km"_qs.arg(before).arg(after)));
    QCOMPARE(window.document()->undoStack()->undoText(), u"Move Site S2"_qs);
    window.document()->undoStack()->undo();
    QCOMPARE(network.lengthKm(network.links().front()), before);
    window.document()->undoStack()->setClean();
}

void TestWorkbench::inspectorRefusesBadValues()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapCanvas *canvas = window.canvas();
    canvas->setTool(MapCanvas::Tool::AddSite);
    clickMap(canvas, canvas->viewport()->rect().center());
    canvas->setTool(MapCanvas::Tool::Select);
    clickSite(canvas, 1);
    QCOMPARE(canvas->selectedSites(), QList<SiteId>{1});

    widgets::Inspector *inspector = window.inspector();
    const Network before = window.document()->network();
    const int commands = window.document()->undoStack()->count();
    auto type = [](QLineEdit *edit, const QString &text) {
        // QTest types ASCII only: put the text in, then press Return as the user does.
        edit->setFocus();
        edit->setText(text);
        QTest::keyClick(edit, Qt::Key_Return);
    };
    QLineEdit *latitude = inspector->siteField(u"lat"_qs);
    type(latitude, u"95"_qs);
    QVERIFY2(inspector->message().contains(u"latitude 95 is out of range"_qs),
             qPrintable(inspector->message()));
    QVERIFY(window.document()->network() == before);
    QCOMPARE(latitude->text(), u"95"_qs); // kept, marked, to be corrected

    type(latitude, u"north"_qs);
    QVERIFY(inspector->message().contains(u"not a valid number"_qs));
    type(inspector->siteField(u"code"_qs), u"两个字"_qs);
    QVERIFY(inspector->message().contains(u"is not valid"_qs));
    QVERIFY(window.document()->network() == before);
    QCOMPARE(window.document()->undoStack()->count(), commands);

    type(inspector->siteField(u"name"_qs), u"北京 Beijing"_qs);
    QCOMPARE(window.document()->network().sites().front().name, u"北京 Beijing"_qs);
    QCOMPARE(window.document()->undoStack()->undoText(), u"Update Site S1"_qs);
    QVERIFY(inspector->message().isEmpty());
    window.document()->undoStack()->setClean();
}

// The cursor's position in the status bar: "40.0343°N 116.3930°E", not the letters' codes.
void TestWorkbench::statusBarGivesHemispheresAsLetters()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    Q_EMIT window.canvas()->cursorMoved(40.0343, 116.393);
    QLabel *label = nullptr;
    for (QLabel *candidate : window.statusBar()->findChildren<QLabel *>())
        if (candidate->text().startsWith(u"40.0343°"_qs))
            label = candidate;
    QVERIFY(label);
    QCOMPARE(label->text(), u"40.0343°N 116.3930°E"_qs);
    Q_EMIT window.canvas()->cursorMoved(-33.8688, -70.6693);
    QCOMPARE(label->text(), u"33.8688°S 70.6693°W"_qs);
}

// Edit > Find shows a found site with its neighbours at a regional scale (it zoomed to about
// 1:47,000 on an empty basemap).
void TestWorkbench::findZoomsToARegionalScale()
{
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    QTimer::singleShot(0, this, [] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        QVERIFY(dialog);
        dialog->setTextValue(u"Harbin"_qs);
        dialog->accept();
    });
    QAction *find = nullptr;
    for (QAction *action : window.findChildren<QAction *>())
        if (action->shortcut() == QKeySequence(QKeySequence::Find))
            find = action;
    QVERIFY(find);
    find->trigger();
    const QList<SiteId> selected = window.canvas()->selectedSites();
    QCOMPARE(selected.size(), 1);
    // Never closer than 1:2,000,000 (560 m per pixel).
    QVERIFY2(window.canvas()->metresPerPixel() >= 560.0 - 1e-6,
             qPrintable(QString::number(window.canvas()->metresPerPixel())));
}

// File > Export > Sites, Links, Demands: the layer as CSV, GeoJSON, GeoPackage or KML, through
// the exporter `nqi export` uses; never over the open project.
void TestWorkbench::layersExportFromTheFileMenu()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(window.openProject(project));
    QStringList texts;
    for (QAction *action : window.menuBar()->actions().constFirst()->menu()->actions())
        if (action->menu())
            for (QAction *inner : action->menu()->actions())
                texts << inner->text();
    QVERIFY2(texts.contains(u"&Sites…"_qs) && texts.contains(u"&Links…"_qs) &&
                 texts.contains(u"De&mands…"_qs),
             qPrintable(texts.join(u", "_qs)));

    const Network &network = window.document()->network();
    const QString csv = dir.filePath(u"links.csv"_qs);
    window.exportLayer(core::ExportLayer::Links, csv);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), core::Exporter::csv(network, core::ExportLayer::Links));
    const QString geojson = dir.filePath(u"sites.geojson"_qs);
    window.exportLayer(core::ExportLayer::Sites, geojson);
    QFile json(geojson);
    QVERIFY(json.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(json.readAll())[u"features"_qs].toArray().size(),
             qsizetype(network.sites().size()));
    for (const QString &name : {u"demands.gpkg"_qs, u"demands.kml"_qs}) {
        window.exportLayer(core::ExportLayer::Demands, dir.filePath(name));
        QVERIFY2(QFileInfo(dir.filePath(name)).size() > 0, qPrintable(name));
    }

    // Over the open project: refused with a message, the project as it was.
    QFile before(project);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray bytes = before.readAll();
    before.close();
    QString said;
    QTimer answer; // the message comes after the export's progress dialog
    connect(&answer, &QTimer::timeout, this, [&said] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            said = box->text();
            box->accept();
        }
    });
    answer.start(20);
    window.exportLayer(core::ExportLayer::Sites, project);
    answer.stop();
    QVERIFY2(said.contains(u"the export"_qs), qPrintable(said));
    QFile after(project);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), bytes);
}

// The toolbar's buttons stay where they are when Undo's text changes with each edit.
void TestWorkbench::toolbarButtonsStayWhereTheyAre()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    auto *toolbar = window.findChild<QToolBar *>(u"ToolsToolBar"_qs);
    QVERIFY(toolbar);
    auto positions = [toolbar] {
        QList<int> xs;
        for (QAction *action : toolbar->actions())
            if (QWidget *button = toolbar->widgetForAction(action))
                xs << button->x();
        return xs;
    };
    const QList<int> before = positions();
    widgets::Task *task = window.runPlanner(u"route"_qs, {});
    QVERIFY(runToEnd(task));
    QCoreApplication::processEvents();
    QVERIFY(window.document()->undoStack()->undoText().startsWith(u"Run Routing"_qs));
    QCOMPARE(positions(), before);
    window.document()->undoStack()->setClean();
}

// View > Language ticks the language the window is in (from --lang or the system), whatever the
// saved choice says.
void TestWorkbench::languageMenuTicksTheLanguageInUse()
{
    const QLocale before;
    QSettings().setValue(u"language"_qs, u"en"_qs);
    QLocale::setDefault(QLocale(QLocale::Chinese, QLocale::China)); // as main() does for zh
    QStringList ticked;
    {
        app::MainWindow window;
        for (QAction *action : window.findChildren<QAction *>())
            if (action->isCheckable() && action->isChecked() &&
                (action->text() == u"English"_qs || action->text() == u"简体中文"_qs))
                ticked << action->text();
    }
    QLocale::setDefault(before);
    QSettings().remove(u"language"_qs);
    QCOMPARE(ticked, QStringList{u"简体中文"_qs});
}

void TestWorkbench::saveAndReopen()
{
    const QString path = m_dir.filePath(u"drawn.gpkg"_qs);
    Network saved;
    {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MapCanvas *canvas = window.canvas();
        canvas->setTool(MapCanvas::Tool::AddSite);
        clickMap(canvas, canvas->viewport()->rect().center());
        clickMap(canvas, canvas->viewport()->rect().center() + QPoint(80, 60));
        canvas->setTool(MapCanvas::Tool::AddLink);
        clickSite(canvas, 1);
        clickSite(canvas, 2);
        QTest::keyClick(canvas, Qt::Key_Return); // the capacity offered
        QVERIFY(window.saveProject(path));
        QVERIFY(!window.isWindowModified());
        QVERIFY(window.windowTitle().contains(u"drawn.gpkg"_qs));
        saved = window.document()->network();
    }
    app::MainWindow window;
    QVERIFY(window.openProject(path));
    QVERIFY(window.document()->network() == saved);
    QCOMPARE(window.document()->filePath(), QFileInfo(path).absoluteFilePath());
    QVERIFY(window.canvas()->linkItem(1));
}

void TestWorkbench::droppedFilesAreImportedAsOneStep()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QString folder =
        QStringLiteral(NQI_SOURCE_DIR "/resources/samples/east-data-west-computing/");
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(folder + u"links.csv"_qs),
                  QUrl::fromLocalFile(folder + u"sites.csv"_qs)});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    const Network &network = window.document()->network();
    QCOMPARE(network.sites().size(), std::size_t(59));
    QCOMPARE(network.links().size(), std::size_t(87));
    QCOMPARE(window.document()->undoStack()->count(), 1);
    QVERIFY(window.canvas()->siteItem(1));
    window.document()->undoStack()->undo();
    QVERIFY(network.sites().empty());
    QVERIFY(!window.canvas()->siteItem(1));
}

void TestWorkbench::failedImportChangesNothing()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network before = window.document()->network();
    const QString bad = m_dir.filePath(u"bad-links.csv"_qs);
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("a,b,capacity_gbps\nBJ,NOWHERE,100\n");
    file.close();
    // The error box is modal: close it as a user would, and keep what it said.
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->close();
        }
    });
    closer.start(50);
    QVERIFY(!window.importFiles({bad}));
    QVERIFY2(shown.contains(u"bad-links.csv:2: column b: unknown site code \"NOWHERE\""_qs),
             qPrintable(shown));
    QVERIFY(shown.contains(u"Nothing was imported"_qs));
    QVERIFY(window.document()->network() == before);
    QCOMPARE(window.document()->undoStack()->count(), 0);
}

// A Walker shell added from the Satellites dock: satellites and footprints over the map at the
// chosen time, the slider moves them, coverage of a box fills the heat map and the chart, and
// undo takes the constellation away again. NQI_SCREENSHOT_DIR saves the window for the docs.
void TestWorkbench::constellationOverTheMapWithCoverage()
{
    app::MainWindow window;
    window.resize(1500, 950);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    widgets::SatellitePanel *panel = window.satellitePanel();
    widgets::SatelliteOverlay *overlay = window.satelliteOverlay();
    QVERIFY(panel && overlay);
    window.satellitesDock()->show();
    window.satellitesDock()->raise();
    panel->setStartTime(QDateTime(QDate(2024, 1, 13), QTime(0, 0), Qt::UTC));
    const int undoBefore = window.document()->undoStack()->count();
    QVERIFY(panel->addWalker(u"1584/72/17:53:550"_qs, u"Starlink shell 1"_qs, 25.0));
    QCOMPARE(window.document()->network().constellations().size(), size_t(1));
    QCOMPARE(window.document()->undoStack()->count(), undoBefore + 1);
    QCOMPARE(overlay->satelliteCount(), 1584);
    QCOMPARE(overlay->subPoints().size(), 1584);
    // Every satellite of a 53-degree shell at 550 km stays within 53 degrees of latitude; the
    // footprint at 25 degrees is about 8.5 degrees of arc.
    for (const core::LatLon &p : overlay->subPoints())
        QVERIFY(std::fabs(p.latitudeDeg) < 53.5);
    QVERIFY(std::fabs(overlay->footprintAngles().constFirst() * 180.0 / M_PI - 8.46) < 0.3);
    const core::LatLon first = overlay->subPoints().constFirst();
    panel->setMinutes(10);
    QCOMPARE(panel->shownTime(), QDateTime(QDate(2024, 1, 13), QTime(0, 10), Qt::UTC));
    QVERIFY(overlay->subPoints().constFirst() != first); // ten minutes on, it has moved
    // A bad shell is refused with a message and changes nothing.
    QTimer::singleShot(0, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
            box->accept();
    });
    QVERIFY(!panel->addWalker(u"72/22/1:53:550"_qs, {}, 25.0));
    QCOMPARE(window.document()->network().constellations().size(), size_t(1));

    panel->setArea(u"73,18,135,54"_qs);
    QVERIFY(panel->computeCoverage());
    QVERIFY(panel->coverage().has_value());
    QCOMPARE(panel->coverage()->cells, 62 * 36);
    QCOMPARE(panel->coverage()->minPercent, 100.0);
    QVERIFY(panel->summary().contains(u"2232 cells"_qs));
    QVERIFY(panel->chartPoints() > 100);
    // Beijing to the Kashgar ground station: bent pipe, inter-satellite links, fibre.
    panel->setPathEnds(u"BJ"_qs, u"GS-KS"_qs, true);
    QVERIFY(panel->computePath());
    QVERIFY(panel->path().has_value());
    QVERIFY(panel->path()->hasIsl);
    QCOMPARE(panel->path()->isl.availablePercent, 100.0);
    QVERIFY2(panel->pathSummary().contains(u"Terrestrial fibre"_qs),
             qPrintable(panel->pathSummary()));
    QTRY_VERIFY_WITH_TIMEOUT(window.canvas()->isBasemapCurrent(), 30000);
    if (const QByteArray dir = qgetenv("NQI_SCREENSHOT_DIR"); !dir.isEmpty()) {
        panel->resize(420, 1150);
        panel->grab().save(QString::fromLocal8Bit(dir) + u"/satellites-panel.png"_qs);
        // For the picture, a sparse shell whose coverage varies over the area and the day.
        QVERIFY(panel->addWalker(u"60/6/1:53:1000"_qs, u"Sparse shell"_qs, 25.0));
        QVERIFY(panel->computeCoverage());
        panel->setMinutes(95);
        if (auto *inspector = window.findChild<QDockWidget *>(u"InspectorDock"_qs))
            inspector->hide();
        QTest::qWait(200);
        window.grab().save(QString::fromLocal8Bit(dir) + u"/workbench-satellites.png"_qs);
        window.document()->undoStack()->undo();
    }

    window.document()->undoStack()->undo();
    QVERIFY(window.document()->network().constellations().empty());
    QCOMPARE(overlay->satelliteCount(), 0);
    window.document()->undoStack()->redo();
    QCOMPARE(overlay->satelliteCount(), 1584);
}

// File > Report…: the dialog previews the pages and writes the chosen format, from what the
// project holds: results it does not hold are computed for the report only, never stored.
void TestWorkbench::reportFromTheFileMenuWithPreview()
{
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const QString output = m_dir.filePath(u"sample-report.pdf"_qs);
    bool previewed = false, written = false;
    QStringList notes;
    // Polled, not waited for: the dialog runs its own event loop.
    QTimer poll;
    poll.setInterval(100);
    connect(&poll, &QTimer::timeout, &window, [&] {
        app::ReportDialog *dialog = window.reportDialog();
        if (!dialog || QApplication::activeModalWidget() != dialog)
            return;
        poll.stop();
        dialog->setOutputPath(output);
        dialog->setLanguage(u"zh"_qs);
        // The preview lays the pages out (as the PDF would) in a modal print preview.
        QTimer closer;
        closer.setInterval(100);
        connect(&closer, &QTimer::timeout, dialog, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && modal != dialog) {
                closer.stop();
                previewed = true;
                modal->close();
            }
        });
        closer.start();
        dialog->preview();
        written = dialog->writeReport();
        notes = dialog->notes();
        dialog->accept();
    });
    poll.start();
    QVERIFY(window.writeReport(output));
    QVERIFY(previewed);
    QVERIFY(written);
    QVERIFY2(notes.join(u' ').contains(u"计算"_qs), qPrintable(notes.join(u' ')));
    QVERIFY(window.document()->network().plannerResults().empty());
    QCOMPARE(window.document()->undoStack()->count(), 0);
    QFile pdf(output);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    QVERIFY(pdf.size() > 100000);
}

// Opening File > Report… runs no planner and changes nothing: the sample project holds no
// results, and holds none after the dialog was opened and closed.
void TestWorkbench::openingTheReportDialogChangesNothing()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    QVERIFY(network.plannerResults().empty());
    bool opened = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &window, [&] {
        app::ReportDialog *dialog = window.reportDialog();
        if (!dialog || QApplication::activeModalWidget() != dialog)
            return;
        poll.stop();
        opened = true;
        dialog->reject();
    });
    poll.start(50);
    QVERIFY(!window.writeReport(m_dir.filePath(u"never-written.pdf"_qs)));
    QVERIFY(opened);
    QCOMPARE(window.document()->undoStack()->count(), 0);
    QVERIFY(network.plannerResults().empty());
    QVERIFY(!window.isWindowModified());

    // Every result the project holds is listed, N-2 and a site's fabric beside the four the
    // report's chapters need (they were left out, so they could not be computed from here).
    QVERIFY(runToEnd(window.runPlanner(u"resilience"_qs, {{u"n2"_qs, true}})));
    QVERIFY(runToEnd(window.runPlanner(u"fabric"_qs, {{u"gpus"_qs, 64}, {u"site"_qs, u"ZJK"_qs}})));
    QStringList listed;
    QTimer again;
    connect(&again, &QTimer::timeout, &window, [&] {
        app::ReportDialog *dialog = window.reportDialog();
        if (!dialog || QApplication::activeModalWidget() != dialog)
            return;
        again.stop();
        listed = dialog->resultKeys();
        QVERIFY(dialog->computeButton(u"fabric:ZJK"_qs));
        dialog->reject();
    });
    again.start(50);
    QVERIFY(!window.writeReport(m_dir.filePath(u"never-written.pdf"_qs)));
    QVERIFY2(listed.contains(u"resilience+n2"_qs) && listed.contains(u"fabric:ZJK"_qs),
             qPrintable(listed.join(u", "_qs)));
    window.document()->undoStack()->setClean();
}

// The report dialog says which results are missing or stale; Compute runs one in the background
// and the dialog follows it until it is current. Writing is a task with Cancel, which leaves no
// file behind.
void TestWorkbench::reportDialogComputesWhatTheUserAsksFor()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    // A stale route result: computed, then the network edited.
    QVERIFY(runToEnd(window.runPlanner(u"route"_qs, {})));
    Link link = *network.link(1);
    link.capacityGbps *= 2;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::UpdateLinksCommand>(
        window.document(), QList<Link>{*network.link(1)}, QList<Link>{link}, u"Update"_qs)));
    const int edits = window.document()->undoStack()->count();
    const QString output = m_dir.filePath(u"asked-report.html"_qs);
    QFile::remove(output);

    bool checked = false, cancelled = true, written = false;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &window, [&] {
        app::ReportDialog *dialog = window.reportDialog();
        if (!dialog || QApplication::activeModalWidget() != dialog)
            return;
        poll.stop();
        using State = app::ReportDialog::ResultState;
        QCOMPARE(dialog->resultKeys(),
                 (QStringList{u"route"_qs, u"latency"_qs, u"resilience"_qs, u"capacity"_qs}));
        QCOMPARE(dialog->resultState(u"route"_qs), State::Stale);
        QVERIFY2(dialog->resultStateText(u"route"_qs).contains(u"changed since"_qs),
                 qPrintable(dialog->resultStateText(u"route"_qs)));
        QCOMPARE(dialog->resultState(u"latency"_qs), State::Missing);
        QVERIFY(dialog->resultStateText(u"latency"_qs).startsWith(u"missing"_qs));
        QPushButton *compute = dialog->computeButton(u"latency"_qs);
        QVERIFY(compute && compute->isVisible());
        QCOMPARE(window.document()->undoStack()->count(), edits); // nothing ran
        // Compute: a background task the dialog follows until the result is current.
        compute->click();
        QCOMPARE(dialog->resultState(u"latency"_qs), State::Computing);
        QCOMPARE(compute->text(), u"Cancel"_qs);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->resultState(u"latency"_qs), State::Current, 60000);
        QVERIFY(!compute->isVisible());
        QVERIFY(network.plannerResult(u"latency"_qs));
        QCOMPARE(window.document()->undoStack()->count(), edits + 1);
        QCOMPARE(dialog->resultState(u"route"_qs), State::Stale); // only what was asked for

        // Writing, cancelled while the map figure renders: no file is written.
        dialog->setOutputPath(output);
        QTimer dismiss; // the message saying it was cancelled
        connect(&dismiss, &QTimer::timeout, dialog, [dialog] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget()))
                box->accept();
        });
        dismiss.start(50);
        QTimer::singleShot(0, dialog, [dialog] {
            QVERIFY(dialog->writingTask());
            QVERIFY(!dialog->isEnabled() || !dialog->computeButton(u"route"_qs)->isEnabled());
            dialog->findChild<QPushButton *>(u"cancelWriting"_qs)->click();
        });
        cancelled = !dialog->writeReport();
        QVERIFY(!QFileInfo::exists(output));
        dismiss.stop();
        // And written.
        written = dialog->writeReport();
        QVERIFY(!dialog->writingTask());
        checked = true;
        dialog->accept();
    });
    poll.start(50);
    QVERIFY(window.writeReport(output));
    QVERIFY(checked);
    QVERIFY(cancelled);
    QVERIFY(written);
    QFile html(output);
    QVERIFY(html.open(QIODevice::ReadOnly));
    QVERIFY(html.readAll().contains("<html"));
    // The report computed the stale and missing results for itself; the project is as it was.
    QCOMPARE(window.document()->undoStack()->count(), edits + 1);
    QVERIFY(!network.isCurrent(*network.plannerResult(u"route"_qs)));
    QVERIFY(!network.plannerResult(u"resilience"_qs));
    window.document()->undoStack()->setClean();
}

// Planners run as background tasks, each in the status bar with its progress and Cancel; the
// same planner in the same configuration is not started twice, another configuration runs
// beside it; a task cancelled stores nothing.
void TestWorkbench::plannersRunAsBackgroundTasks()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    widgets::TaskManager *tasks = widgets::TaskManager::instance();
    widgets::TaskBar *bar = window.taskBar();
    const int barHeight = bar->height();

    widgets::Task *n1 = window.runPlanner(u"resilience"_qs, {});
    QVERIFY(n1);
    QVERIFY(!QApplication::activeModalWidget());
    // Again while it runs: refused, and said.
    QVERIFY(!window.runPlanner(u"resilience"_qs, {}));
    QVERIFY2(window.statusBar()->currentMessage().contains(u"already running"_qs),
             qPrintable(window.statusBar()->currentMessage()));
    // N-2 is another configuration: it runs beside N-1, stored under its own key.
    widgets::Task *n2 = window.runPlanner(u"resilience"_qs, {{u"n2"_qs, true}});
    QVERIFY(n2);
    QCOMPARE(n2->key(), u"resilience+n2"_qs);
    widgets::Task *latency = window.runPlanner(u"latency"_qs, {});
    QVERIFY(latency);
    QCOMPARE(tasks->tasks(&window).size(), 3);

    // The status bar: the newest task with its bar and Cancel, and how many run.
    QVERIFY(bar->isVisible());
    QCOMPARE(bar->height(), barHeight); // the map keeps its size
    QVERIFY(bar->countButton()->isVisible());
    QVERIFY(bar->countButton()->text().contains(u'3'));
    QCOMPARE(bar->findChildren<QProgressBar *>(u"taskProgress"_qs).size(), 1);
    bar->countButton()->click();
    QVERIFY(bar->list());
    const QList<QWidget *> rows = bar->list()->findChildren<QWidget *>(u"taskRow"_qs);
    QCOMPARE(rows.size(), 3);
    // Cancel the latency task from the list: it ends cancelled, nothing is stored. (A task is
    // deleted once it has ended: every spy is made before any is waited for.)
    QSignalSpy n1Finished(n1, &widgets::Task::finished);
    QSignalSpy n2Finished(n2, &widgets::Task::finished);
    QSignalSpy cancelled(latency, &widgets::Task::cancelled);
    rows.last()->findChild<QToolButton *>(u"cancelTask"_qs)->click();
    QTRY_VERIFY_WITH_TIMEOUT(tasks->tasks(&window).isEmpty(), 60000);
    QCOMPARE(n1Finished.size(), 1);
    QCOMPARE(n2Finished.size(), 1);
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!network.plannerResult(u"latency"_qs));
    QVERIFY(network.plannerResult(u"resilience"_qs));
    QVERIFY(network.plannerResult(u"resilience+n2"_qs));
    QVERIFY(network.isCurrent(*network.plannerResult(u"resilience+n2"_qs)));
    QVERIFY(!bar->countButton()->isVisible());
    QTRY_VERIFY(bar->findChildren<QWidget *>(u"taskRow"_qs).isEmpty());
    window.document()->undoStack()->setClean();
}

// The planner reads a snapshot: an edit made while it runs is kept, and the result, which
// describes the network as it was, lands stale and the Results dock says so.
void TestWorkbench::editDuringARunLeavesItsResultStale()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    widgets::Task *task = window.runPlanner(u"route"_qs, {});
    QVERIFY(task);
    // The window takes edits meanwhile (its end reaches the window only through the event loop):
    // one link, then every link at once (a batch, which the views take in as a whole).
    Link link = *network.link(1);
    link.capacityGbps *= 2;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::UpdateLinksCommand>(
        window.document(), QList<Link>{*network.link(1)}, QList<Link>{link}, u"Update"_qs)));
    QList<Link> before, after;
    for (const Link &each : network.links()) {
        before << each;
        after << each;
        after.back().capacityGbps += 1;
    }
    QVERIFY(after.size() > 50);
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::UpdateLinksCommand>(
        window.document(), before, after, u"Update All"_qs)));
    QVERIFY(runToEnd(task));
    const PlannerResult *stored = network.plannerResult(u"route"_qs);
    QVERIFY(stored);
    QVERIFY(!network.isCurrent(*stored));
    QCOMPARE(network.link(1)->capacityGbps, link.capacityGbps + 1);
    QCOMPARE(window.resultsView()->currentPlanner(), u"route"_qs);
    QVERIFY2(window.resultsView()->statusText().contains(u"changed since"_qs),
             qPrintable(window.resultsView()->statusText()));
    // The links as they were make it current again: it is the network it was computed on.
    for (Link &each : before)
        if (each.id == link.id)
            each.capacityGbps = link.capacityGbps / 2;
    QVERIFY(!widgets::pushCommand(std::make_unique<widgets::UpdateLinksCommand>(
        window.document(), after, before, u"Update All"_qs)));
    QVERIFY(network.isCurrent(*network.plannerResult(u"route"_qs)));
    window.document()->undoStack()->setClean();
}

// Closing the window (or opening another project) while a task runs asks; "keep them" keeps the
// window open and the project as it is, "cancel" stops the tasks, waits for them and closes.
// Import Cluster Result stores a result.json under its job folder's configuration: one made by
// another run (other options, another network, or saying nothing of its run) used to be stored
// under the job's key, N-1 figures labelled N-2.
void TestWorkbench::clusterResultIsImportedOnlyAsItsJobs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    core::FileStamp stamp;
    const core::Network network =
        core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT), stamp);
    planners::resilience::Options n2;
    n2.linkPairs = true;
    scaleout::SlurmJob job;
    job.options = n2;
    job.tasks = 2;
    const QString folder = dir.filePath(u"job"_qs);
    // The project holds an earlier N-2 result; the job's copy must not, or finding one there
    // would not tell that the job ran.
    core::Network withOld = network;
    core::PlannerResult old;
    old.planner = u"resilience+n2"_qs;
    old.json = "{}";
    withOld.setPlannerResult(old);
    const scaleout::SlurmJobFolder paths =
        scaleout::writeSlurmJob(withOld, u"sample"_qs, job, folder);
    {
        core::FileStamp copyStamp;
        const core::Network copy = core::ProjectStore::load(paths.project, copyStamp);
        QVERIFY(!copy.plannerResult(u"resilience+n2"_qs));
    }
    const auto write = [&](const QJsonObject &json) {
        QFile file(QDir(folder).filePath(u"result.json"_qs));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(json).toJson(QJsonDocument::Compact));
    };
    const QString result = QDir(folder).filePath(u"result.json"_qs);
    const auto refusal = [&]() -> QString {
        try {
            scaleout::readJobResult(result, network);
        } catch (const core::Failure &failure) {
            return failure.diagnostic().toString();
        }
        return {};
    };
    planners::Progress progress;
    const auto resultOf = [&](const core::Network &of, const planners::resilience::Options &o) {
        return planners::resilience::toJson(of, planners::resilience::run(of, o, progress));
    };

    // N-1 figures in an N-2 job.
    write(resultOf(network, planners::resilience::Options{}));
    QVERIFY2(refusal().contains(u"made with other options (N-1, --top 10, --per-hop-ms 0) than "
                                "the job folder's (N-2, --top 10, --per-hop-ms 0)"_qs),
             qPrintable(refusal()));
    // N-2 with another top-k.
    planners::resilience::Options top3 = n2;
    top3.topK = 3;
    write(resultOf(network, top3));
    QVERIFY2(refusal().contains(u"made with other options"_qs), qPrintable(refusal()));
    // The job's options on another network.
    core::Network other = network;
    core::Link link = other.links().front();
    link.capacityGbps = link.capacityGbps * 2.0;
    other.updateLink(link);
    write(resultOf(other, n2));
    QVERIFY2(refusal().contains(u"computed on another network"_qs), qPrintable(refusal()));
    // A result that does not say which run made it.
    QJsonObject silent = resultOf(network, n2);
    silent.remove(u"run"_qs);
    write(silent);
    QVERIFY2(refusal().contains(u"does not say which run made it"_qs), qPrintable(refusal()));

    // The job's own result is taken, made when the merge wrote it.
    write(resultOf(network, n2));
    {
        QFile touched(result);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC),
                                    QFileDevice::FileModificationTime));
    }
    const core::PlannerResult stored = scaleout::readJobResult(result, network);
    QCOMPARE(stored.planner, u"resilience+n2"_qs);
    QCOMPARE(stored.createdUtc, u"2026-01-02T03:04:05Z"_qs);
}

void TestWorkbench::closingAsksAboutRunningTasks()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    widgets::TaskManager *tasks = widgets::TaskManager::instance();
    widgets::Task *task = tasks->start(
        u"Long work"_qs,
        [](planners::Progress &progress) {
            while (!progress.isCancelled())
                QThread::msleep(5);
            throw planners::Cancelled{};
        },
        &window, u"long"_qs);
    QVERIFY(task);
    QSignalSpy cancelled(task, &widgets::Task::cancelled);
    QString asked;
    QString answer = u"Keep Them Running"_qs;
    QTimer poll;
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box)
            return;
        asked = box->text();
        for (QAbstractButton *button : box->buttons())
            if (button->text() == answer)
                button->click();
    });
    poll.start(50);
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QVERIFY2(asked.contains(u"Long work"_qs), qPrintable(asked));
    QVERIFY(task->isRunning());
    // Opening another project asks the same.
    asked.clear();
    QVERIFY(!window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    QVERIFY2(asked.contains(u"Long work"_qs), qPrintable(asked));
    QVERIFY(window.document()->network().sites().empty());
    QVERIFY(task->isRunning());
    answer = u"Cancel the Tasks"_qs;
    QVERIFY(window.close());
    poll.stop();
    QCOMPARE(cancelled.size(), 1);
    QVERIFY(tasks->tasks(&window).isEmpty());
}

void TestWorkbench::sampleProjectRendersOverTheBasemap()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QElapsedTimer opening;
    opening.start();
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    MapCanvas *canvas = window.canvas();
    if (widgets::Basemap::defaultPath().isEmpty())
        QSKIP("no basemap installed (qgis-common)");
    QTRY_VERIFY_WITH_TIMEOUT(canvas->isBasemapCurrent(), 30000);
    qInfo("map with basemap shown %lld ms after opening started", opening.elapsed());
    const QImage image = canvas->viewport()->grab().toImage();
    QVERIFY(!image.isNull());
    // Not blank: the land, the sea, the link and site colours are all there.
    QSet<QRgb> colours;
    int land = 0;
    int sea = 0;
    int link = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            const QRgb pixel = image.pixel(x, y);
            colours.insert(pixel);
            if (pixel == qRgb(246, 244, 238))
                ++land;
            else if (pixel == qRgb(214, 230, 240))
                ++sea;
            else if (pixel == qRgb(21, 101, 192))
                ++link;
        }
    }
    const int samples = (image.width() / 2) * (image.height() / 2);
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
    QVERIFY2(land > samples / 5, qPrintable(u"land %1 of %2"_qs.arg(land).arg(samples)));
    QVERIFY2(sea > samples / 50, qPrintable(u"sea %1 of %2"_qs.arg(sea).arg(samples)));
    QVERIFY2(link > 100, qPrintable(u"link pixels %1"_qs.arg(link)));
    image.save(m_dir.filePath(u"sample.png"_qs));
}

// The sample at 960x600, fitted, over the basemap, against tests/data/render/sample-960x600.png
// (regenerate it with NQI_UPDATE_CONTROL_IMAGES=1 after an intended change, and look at it).
// A pixel differs when a channel is off by more than 48; at most 0.2% may differ (font
// antialiasing), while losing the links, the sites or their labels changes several percent.
void TestWorkbench::sampleMatchesTheControlImage()
{
    if (widgets::Basemap::defaultPath().isEmpty())
        QSKIP("no basemap installed (qgis-common)");
    widgets::Document document;
    MapCanvas canvas(&document);
    canvas.resize(960, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    document.reset(ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT)), {});
    canvas.zoomToFit();
    QTRY_VERIFY_WITH_TIMEOUT(canvas.isBasemapCurrent(), 30000);
    QTest::qWait(50);
    const QImage actual = canvas.viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32);
    const QString controlPath = QStringLiteral(NQI_TEST_DATA_DIR "/render/sample-960x600.png");
    if (qEnvironmentVariableIsSet("NQI_UPDATE_CONTROL_IMAGES")) {
        QVERIFY(actual.save(controlPath));
        QSKIP("control image written");
    }
    const QImage control = QImage(controlPath).convertToFormat(QImage::Format_RGB32);
    QVERIFY2(!control.isNull(), qPrintable(controlPath));
    QCOMPARE(actual.size(), control.size());
    QImage diff(actual.size(), QImage::Format_RGB32);
    diff.fill(Qt::white);
    qint64 differing = 0;
    for (int y = 0; y < actual.height(); ++y) {
        for (int x = 0; x < actual.width(); ++x) {
            const QRgb a = actual.pixel(x, y);
            const QRgb c = control.pixel(x, y);
            const int delta =
                std::max({std::abs(qRed(a) - qRed(c)), std::abs(qGreen(a) - qGreen(c)),
                          std::abs(qBlue(a) - qBlue(c))});
            if (delta > 48) {
                ++differing;
                diff.setPixel(x, y, qRgb(220, 0, 0));
            }
        }
    }
    const double share = double(differing) / double(actual.width() * actual.height());
    qInfo("%lld pixels (%.3f%%) differ from the control image", differing, share * 100.0);
    if (share > 0.002) {
        actual.save(m_dir.filePath(u"sample-actual.png"_qs));
        diff.save(m_dir.filePath(u"sample-diff.png"_qs));
        m_dir.setAutoRemove(false);
        QFAIL(qPrintable(u"%1% of the pixels differ from %2; see %3"_qs.arg(share * 100.0)
                             .arg(controlPath, m_dir.path())));
    }
}

void TestWorkbench::autosaveIsOfferedBackAfterACrash()
{
    Network drawn;
    QString recovery;
    {
        app::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        MapCanvas *canvas = window.canvas();
        canvas->setTool(MapCanvas::Tool::AddSite);
        clickMap(canvas, canvas->viewport()->rect().center());
        clickMap(canvas, canvas->viewport()->rect().center() + QPoint(50, 50));
        window.autosave();
        recovery = window.recoveryPath();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recovery), 10000);
        drawn = window.document()->network();
        // A crash: the window goes away without closing, so the recovery file stays.
        window.document()->undoStack()->setClean();
        window.hide();
    }
    QVERIFY(QFile::exists(recovery));

    app::MainWindow window;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            if (box->text().contains(u"did not close normally"_qs))
                box->button(QMessageBox::Yes)->click();
        }
    });
    answer.start(50);
    window.offerRecovery();
    QCOMPARE(window.document()->network().sites(), drawn.sites());
    QVERIFY(window.isWindowModified()); // recovered work is unsaved until the user saves it
    QCOMPARE(window.document()->undoStack()->undoText(), u"Recover Unsaved Work"_qs);
    window.document()->undoStack()->setClean();
}

void TestWorkbench::drawRegionNameItThenUndo()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapCanvas *canvas = window.canvas();
    canvas->setTool(MapCanvas::Tool::DrawRegion);
    QTimer answer; // names the region in the dialog that follows
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            dialog->setTextValue(u"广东 Guangdong"_qs);
            dialog->accept();
        }
    });
    answer.start(50);
    const QPoint centre = canvas->viewport()->rect().center();
    clickMap(canvas, centre + QPoint(-60, -40));
    clickMap(canvas, centre + QPoint(60, -40));
    clickMap(canvas, centre + QPoint(0, 60));
    QTest::keyClick(canvas, Qt::Key_Return);
    const Network &network = window.document()->network();
    QCOMPARE(network.regions().size(), std::size_t(1));
    const Region &region = network.regions().front();
    QCOMPARE(region.name, u"广东 Guangdong"_qs);
    QCOMPARE(region.rings.constFirst().size(), 3);
    QVERIFY(region.rings.constFirst()[0].latitudeDeg > region.rings.constFirst()[2].latitudeDeg);
    QCOMPARE(window.document()->undoStack()->undoText(), u"Draw Region 广东 Guangdong"_qs);
    QCOMPARE(canvas->regionItemCount(), 1); // on the map at once, not after a reload
    window.document()->undoStack()->undo();
    QVERIFY(network.regions().empty());
    QCOMPARE(canvas->regionItemCount(), 0);
    window.document()->undoStack()->setClean();
}

void TestWorkbench::largeNetworksAreDrawnOffTheGuiThread()
{
    Network network;
    for (int i = 0; i < 1500; ++i) {
        Site site;
        site.code = u"S"_qs + QString::number(i + 1);
        site.latitudeDeg = 20.0 + (i / 50) * 0.6;
        site.longitudeDeg = 90.0 + (i % 50) * 0.6;
        network.addSite(site);
    }
    for (int i = 1; i < 1500; ++i) {
        Link link;
        link.siteA = i;
        link.siteB = i + 1;
        link.capacityGbps = 100;
        network.addLink(link);
    }
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.document()->reset(network, {});
    MapCanvas *canvas = window.canvas();
    QVERIFY(canvas->isLayered());
    QTRY_VERIFY_WITH_TIMEOUT(canvas->isLayerImageCurrent(), 30000);
    QVERIFY(canvas->siteItem(1)->isDrawnByLayer());
    QVERIFY(canvas->siteItem(1)->flags() & QGraphicsItem::ItemHasNoContents);
    const QImage image = canvas->viewport()->grab().toImage();
    int link = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            link += image.pixel(x, y) == qRgb(21, 101, 192) ? 1 : 0;
    }
    QVERIFY2(link > 500, qPrintable(QString::number(link)));

    // A selected item paints itself (its highlight) over the image.
    canvas->selectObjects({1}, {});
    QVERIFY(!(canvas->siteItem(1)->flags() & QGraphicsItem::ItemHasNoContents));
    canvas->selectObjects({}, {});
    // An edited item shows at once, then the next image takes it over.
    canvas->setTool(MapCanvas::Tool::AddSite);
    clickMap(canvas, canvas->viewport()->rect().center());
    const SiteId added = window.document()->network().sites().back().id;
    QVERIFY(!(canvas->siteItem(added)->flags() & QGraphicsItem::ItemHasNoContents));
    QTRY_VERIFY_WITH_TIMEOUT(canvas->siteItem(added)->flags() & QGraphicsItem::ItemHasNoContents,
                             30000);
    window.document()->undoStack()->setClean();
}

void TestWorkbench::simplifiedChineseInterface()
{
    QTranslator translator;
    QVERIFY(translator.load(u":/nqi/translations/nqi_zh_CN.qm"_qs));
    QApplication::installTranslator(&translator);
    {
        app::MainWindow window;
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{u"文件(&F)"_qs, u"编辑(&E)"_qs, u"视图(&V)"_qs, u"规划(&P)"_qs,
                                     u"工具(&T)"_qs, u"帮助(&H)"_qs}));
        // Undo names the edit in Chinese too.
        window.canvas()->setTool(MapCanvas::Tool::AddSite);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        clickMap(window.canvas(), window.canvas()->viewport()->rect().center());
        QCOMPARE(window.document()->undoStack()->undoText(), u"添加站点 S1"_qs);
        window.document()->undoStack()->setClean();
    }
    QApplication::removeTranslator(&translator);
}

void TestWorkbench::unreadableBasemapIsReportedNotThrown()
{
    const QString path = m_dir.filePath(u"not-a-map.gpkg"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a GeoPackage\n");
    file.close();
    widgets::Basemap basemap;
    QString message;
    connect(&basemap, &widgets::Basemap::failed, this,
            [&message](const QString &text) { message = text; });
    basemap.load(path);
    QTRY_VERIFY_WITH_TIMEOUT(!message.isEmpty(), 10000);
    QVERIFY2(message.contains(path), qPrintable(message));
    QVERIFY(!basemap.isLoaded());
}

void TestWorkbench::vectorLayersOverTheBasemap()
{
    if (widgets::Basemap::defaultPath().isEmpty())
        QSKIP("no basemap installed (qgis-common)");
    app::MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    MapCanvas *canvas = window.canvas();
    canvas->centreOn(24.0, 105.0, 1500.0);
    widgets::Basemap *basemap = canvas->basemap();
    const QString data = QStringLiteral(NQI_TEST_DATA_DIR "/import/");
    window.layersPanel()->addLayerFromFile(data + u"cables.geojson"_qs);
    window.layersPanel()->addLayerFromFile(data + u"pops.geojson"_qs);
    QCOMPARE(basemap->overlays().size(), 2); // in the order added, while they load
    QTRY_VERIFY(!basemap->overlays()[0].loading && !basemap->overlays()[1].loading);
    QListWidget *list = window.layersPanel()->overlayList();
    QCOMPARE(list->count(), 2);
    QVERIFY(list->item(0)->text().startsWith(u"pops.geojson"_qs)); // the last added on top
    basemap->setOverlayStyle(0, QColor(255, 0, 255), 4.0, 1.0);    // cables, in magenta
    auto magentaPixels = [canvas] {
        const QImage image = canvas->viewport()->grab().toImage();
        int count = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                count += image.pixel(x, y) == qRgb(255, 0, 255) ? 1 : 0;
        }
        return count;
    };
    QTRY_VERIFY_WITH_TIMEOUT(magentaPixels() > 50, 20000);
    list->item(1)->setCheckState(Qt::Unchecked); // hide the cables
    QVERIFY(!basemap->overlays()[0].visible);
    QTRY_COMPARE_WITH_TIMEOUT(magentaPixels(), 0, 20000);
    basemap->moveOverlay(0, +1);
    QVERIFY(basemap->overlays()[1].title.startsWith(u"cables.geojson"_qs));
    basemap->removeOverlay(0);
    QCOMPARE(list->count(), 1);
}

void TestWorkbench::copyAndPasteSitesWithTheirLinks()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Network before = window.document()->network();
    const Site *beijing = before.siteByCode(u"BJ"_qs);
    const Site *tianjin = before.siteByCode(u"TJ"_qs);
    window.canvas()->selectObjects({beijing->id, tianjin->id}, {});
    QTest::keySequence(&window, QKeySequence::Copy);
    QTest::keySequence(&window, QKeySequence::Paste);
    const Network &after = window.document()->network();
    QCOMPARE(after.sites().size(), before.sites().size() + 2);
    QCOMPARE(after.links().size(), before.links().size() + 1); // BJ-TJ comes along
    const Site &pasted = after.sites()[after.sites().size() - 2];
    QCOMPARE(pasted.code, u"BJ-2"_qs);
    QCOMPARE(pasted.name, beijing->name);
    QVERIFY(pasted.latitudeDeg < beijing->latitudeDeg);
    QCOMPARE(window.canvas()->selectedSites().size(), 2);
    QCOMPARE(window.document()->undoStack()->undoText(), u"Paste 2 site(s) with the 1 link(s) among them"_qs);
    window.document()->undoStack()->undo();
    QVERIFY(window.document()->network() == before);
}

// Copy and paste carry every field of the selected sites and of the links and demands among them
// as the model holds it, also what a CSV round trip changes (spaces round names and SRLGs, an
// empty name), and leave the links and demands to sites outside the selection behind.
void TestWorkbench::copyAndPasteKeepsEveryFieldOfWhatIsAmongTheSelection()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    widgets::Document *document = window.document();
    const Network &network = document->network();
    QList<SiteId> chosen;
    for (const QString &code : {u"BJ"_qs, u"TJ"_qs, u"ZJK"_qs})
        chosen << network.siteByCode(code)->id;
    std::sort(chosen.begin(), chosen.end());
    const auto among = [&chosen](SiteId a, SiteId b) {
        return chosen.contains(a) && chosen.contains(b);
    };
    Site tianjin = *network.siteByCode(u"TJ"_qs);
    tianjin.name.clear();
    tianjin.role = u" core "_qs;
    document->updateSite(tianjin);
    const auto trunk =
        std::find_if(network.links().cbegin(), network.links().cend(), [&](const Link &link) {
            return among(link.siteA, link.siteB) && link.siteA != tianjin.id &&
                   link.siteB != tianjin.id;
        });
    QVERIFY(trunk != network.links().cend());
    Link edited = *trunk;
    edited.name = u"  Jing–Zhang trunk  "_qs;
    edited.srlgs = {u" JING-ZHANG"_qs, u"mountain "_qs};
    edited.cost = 0.0;
    document->updateLink(edited);
    const auto inference = std::find_if(
        network.demands().cbegin(), network.demands().cend(),
        [&](const Demand &demand) { return among(demand.source, demand.destination); });
    QVERIFY(inference != network.demands().cend());
    Demand demand = *inference;
    demand.name = u" Beijing inference "_qs;
    demand.allowedRegions = {u"Beijing"_qs, u" Hebei"_qs};
    document->updateDemand(demand);
    const Network before = network;
    std::vector<Link> links;
    std::copy_if(before.links().cbegin(), before.links().cend(), std::back_inserter(links),
                 [&](const Link &link) { return among(link.siteA, link.siteB); });
    std::vector<Demand> demands;
    std::copy_if(before.demands().cbegin(), before.demands().cend(), std::back_inserter(demands),
                 [&](const Demand &d) { return among(d.source, d.destination); });
    QVERIFY(links.size() >= 2);
    QVERIFY(demands.size() >= 2);
    QVERIFY(demands.size() <
            std::size_t(std::count_if(
                before.demands().cbegin(), before.demands().cend(), [&](const Demand &d) {
                    return chosen.contains(d.source) || chosen.contains(d.destination);
                })));

    window.canvas()->selectObjects(chosen, {});
    QTest::keySequence(&window, QKeySequence::Copy);
    const int steps = document->undoStack()->count();
    QTest::keySequence(&window, QKeySequence::Paste);
    QCOMPARE(document->undoStack()->count(), steps + 1);
    // What was pasted is said in full, links and demands too (they came silently before).
    const QString what = u"3 site(s) with the %1 link(s) and %2 demand(s) among them"_qs
                             .arg(links.size())
                             .arg(demands.size());
    QCOMPARE(document->undoStack()->undoText(), u"Paste "_qs + what);
    QCOMPARE(window.statusBar()->currentMessage(), u"Pasted "_qs + what + u'.');
    QCOMPARE(window.canvas()->selectedLinks().size(), qsizetype(links.size()));
    QList<SiteId> pasted = window.canvas()->selectedSites();
    std::sort(pasted.begin(), pasted.end());
    QCOMPARE(pasted.size(), chosen.size());
    QCOMPARE(network.sites().size(), before.sites().size() + 3);
    QCOMPARE(network.links().size(), before.links().size() + links.size());
    QCOMPARE(network.demands().size(), before.demands().size() + demands.size());
    QHash<SiteId, SiteId> originalOf;
    for (qsizetype i = 0; i < chosen.size(); ++i) {
        originalOf.insert(pasted[i], chosen[i]);
        const Site &original = *before.site(chosen[i]);
        Site copy = *network.site(pasted[i]);
        QVERIFY(copy.code != original.code);
        QVERIFY(copy.latitudeDeg < original.latitudeDeg);
        QVERIFY(copy.longitudeDeg > original.longitudeDeg);
        copy.id = original.id;
        copy.code = original.code;
        copy.latitudeDeg = original.latitudeDeg;
        copy.longitudeDeg = original.longitudeDeg;
        QCOMPARE(copy, original);
    }
    for (std::size_t i = 0; i < links.size(); ++i) {
        Link copy = network.links()[before.links().size() + i];
        QVERIFY(!before.link(copy.id));
        copy.id = links[i].id;
        copy.siteA = originalOf.value(copy.siteA);
        copy.siteB = originalOf.value(copy.siteB);
        QCOMPARE(copy, links[i]);
    }
    for (std::size_t i = 0; i < demands.size(); ++i) {
        Demand copy = network.demands()[before.demands().size() + i];
        QVERIFY(!before.demand(copy.id));
        copy.id = demands[i].id;
        copy.source = originalOf.value(copy.source);
        copy.destination = originalOf.value(copy.destination);
        QCOMPARE(copy, demands[i]);
    }
    // The plain text is the sites table, for spreadsheets.
    QVERIFY(QGuiApplication::clipboard()->text().startsWith(u"id,code,name,kind,lat,lon"_qs));
    document->undoStack()->undo();
    QVERIFY(network == before);
}

void TestWorkbench::pasteOfDamagedOrForeignDataChangesNothing_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expectedMessage"); // a part of it

    QTest::newRow("damaged JSON")
        << QByteArray(R"({"format": "nqi-network-part", "version": 1, "sites": [)")
        << u"Cannot paste: the data is not valid JSON"_qs;
    QTest::newRow("CSV text, as earlier versions copied")
        << QByteArray(R"({"sites": "code,name,lat,lon\nBJ,Beijing,39.9,116.4\n",)"
                      R"( "links": "", "demands": ""})")
        << u"Cannot paste: the data is not an NQI network part"_qs;
    QTest::newRow("a newer version")
        << QByteArray(R"({"format": "nqi-network-part", "version": 2, "sites": [], "links": [],)"
                      R"( "demands": []})")
        << u"of version 2, written by another NQI version"_qs;
    NetworkPart part;
    Site site;
    site.id = 1;
    site.code = u"X"_qs;
    part.sites = {site};
    Link link;
    link.id = 1;
    link.siteA = 1;
    link.siteB = 99;
    link.capacityGbps = 10;
    part.links = {link};
    QTest::newRow("a link to a site it does not hold")
        << QJsonDocument(toJson(part)).toJson()
        << u"link #1: end B is site #99, which is not in the part"_qs;
    part.links.clear();
    part.sites[0].latitudeDeg = 200;
    QTest::newRow("a site the model refuses")
        << QJsonDocument(toJson(part)).toJson() << u"latitude 200 is out of range"_qs;
}

// Clipboard data this version cannot read, or a part that does not fit, changes nothing and
// the status bar says why.
void TestWorkbench::pasteOfDamagedOrForeignDataChangesNothing()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expectedMessage);
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Network before = window.document()->network();
    auto *mime = new QMimeData;
    mime->setData(u"application/x-nqi-network"_qs, data);
    QGuiApplication::clipboard()->setMimeData(mime);
    QTest::keySequence(&window, QKeySequence::Paste);
    QVERIFY(window.document()->network() == before);
    QCOMPARE(window.document()->undoStack()->count(), 0);
    QVERIFY(!window.document()->isModified());
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(expectedMessage), qPrintable(message));
}

// Edit > Delete on a site with links and demands removes them with it, as one undoable step
// whose text says what went.
void TestWorkbench::deletingASiteDeletesItsLinksAndDemandsInOneStep()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const Network before = window.document()->network();
    const SiteId beijing = before.siteByCode(u"BJ"_qs)->id;
    const auto links =
        std::count_if(before.links().cbegin(), before.links().cend(), [&](const Link &link) {
            return link.siteA == beijing || link.siteB == beijing;
        });
    const auto demands = std::count_if(
        before.demands().cbegin(), before.demands().cend(), [&](const Demand &demand) {
            return demand.source == beijing || demand.destination == beijing;
        });
    QVERIFY(links > 1 && demands > 1);
    window.canvas()->setDemandsVisible(true);
    const int demandLines = window.canvas()->demandLineCount();
    window.canvas()->selectObjects({beijing}, {});
    QTest::keySequence(&window, QKeySequence::Delete);

    const Network &after = window.document()->network();
    QVERIFY(!after.site(beijing));
    QCOMPARE(after.links().size(), before.links().size() - size_t(links));
    QCOMPARE(after.demands().size(), before.demands().size() - size_t(demands));
    QCOMPARE(window.canvas()->demandLineCount(), demandLines - int(demands));
    QUndoStack *stack = window.document()->undoStack();
    QCOMPARE(stack->count(), 1);
    QCOMPARE(stack->undoText(),
             u"Remove Site BJ and its %1 link(s), %2 demand(s)"_qs.arg(links).arg(demands));
    stack->undo();
    QVERIFY(window.document()->network() == before);
    QCOMPARE(window.canvas()->demandLineCount(), demandLines);
    stack->setClean();
}

void TestWorkbench::demandsAsFlowLines()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    MapCanvas *canvas = window.canvas();
    QCOMPARE(canvas->demandLineCount(), 0);
    canvas->setDemandsVisible(true);
    QCOMPARE(canvas->demandLineCount(), 44);
    window.document()->undoStack()->push(new widgets::RemoveCommand(
        window.document(), {}, {}, {window.document()->network().demands().front().id}));
    QCOMPARE(canvas->demandLineCount(), 43);
    window.document()->undoStack()->undo();
    QCOMPARE(canvas->demandLineCount(), 44);
    canvas->setDemandsVisible(false);
    QCOMPARE(canvas->demandLineCount(), 0);
    window.document()->undoStack()->setClean();
}

void TestWorkbench::plannersFromThePlanMenu()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    QVERIFY(network.plannerResults().empty());

    // The Plan menu runs the route planner in the background and shows its result.
    QAction *route = nullptr;
    for (QAction *action : window.menuBar()->actions()) {
        if (!action->menu() || action->text() != u"&Plan")
            continue;
        for (QAction *item : action->menu()->actions())
            if (item->text() == u"&Route Demands (IGP/ECMP)")
                route = item;
    }
    QVERIFY(route);
    route->trigger();
    waitForTasks(window);
    QVERIFY(network.plannerResult(u"route"_qs));
    QVERIFY(network.isCurrent(*network.plannerResult(u"route"_qs)));
    widgets::ResultsView *results = window.resultsView();
    QVERIFY(results->isVisible());
    QCOMPARE(results->currentPlanner(), u"route"_qs);
    QCOMPARE(results->currentTable(), u"Links"_qs);
    QCOMPARE(results->table()->model()->rowCount(), 87);
    QVERIFY(results->tableNames().contains(u"Demands"_qs));
    results->showTable(u"Demands"_qs);
    QCOMPARE(results->table()->model()->rowCount(), 44);
    for (const QString &chart : results->chartNames()) {
        results->showChart(chart);
        QVERIFY2(results->chartSeriesCount() > 0, qPrintable(chart));
    }

    // The map is coloured by utilisation: the busiest link in the ramp's colour for it.
    MapCanvas *canvas = window.canvas();
    QCOMPARE(canvas->linkUtilization().size(), qsizetype(87));
    const auto busiest =
        std::max_element(canvas->linkUtilization().cbegin(), canvas->linkUtilization().cend());
    QCOMPARE(canvas->linkItem(busiest.key())->colour(), MapCanvas::utilizationColour(*busiest));

    // Storing the result is one undoable step.
    QCOMPARE(window.document()->undoStack()->undoText(),
             u"Run Routing — IGP shortest paths, ECMP"_qs);
    window.document()->undoStack()->undo();
    QVERIFY(!network.plannerResult(u"route"_qs));
    QVERIFY(canvas->linkUtilization().isEmpty());
    window.document()->undoStack()->redo();
    QVERIFY(network.plannerResult(u"route"_qs));

    // Resilience: worst-case figures and the failures behind them.
    QVERIFY(runToEnd(window.runPlanner(u"resilience"_qs, {})));
    QCOMPARE(results->currentPlanner(), u"resilience"_qs);
    QCOMPARE(results->table()->model()->headerData(7, Qt::Horizontal).toString(), u"Worst when"_qs);
    QVERIFY(results->tableNames().contains(u"Failures that cut traffic"_qs));

    // An edit makes the stored results stale, and the view says so.
    Link link = *network.link(1);
    link.capacityGbps *= 2;
    window.document()->undoStack()->push(new widgets::UpdateLinksCommand(
        window.document(), {*network.link(1)}, {link}, u"Update"_qs));
    QVERIFY2(results->statusText().contains(u"changed since"_qs),
             qPrintable(results->statusText()));

    // Results travel with the project.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"with-results.gpkg"_qs);
    QVERIFY(window.saveProject(path));
    app::MainWindow reopened;
    QVERIFY(reopened.openProject(path));
    QCOMPARE(reopened.document()->network().plannerResults().size(), size_t(2));
    QVERIFY(!reopened.resultsView()->currentPlanner().isEmpty());
}

void TestWorkbench::computePlannersForTheSelection()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    widgets::ResultsView *results = window.resultsView();

    // Fabric for the selected site, through its form (accepted as filled in).
    const Site *zjk = network.siteByCode(u"ZJK"_qs);
    QVERIFY(zjk);
    window.canvas()->selectObjects({zjk->id}, {});
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *form = qobject_cast<widgets::PlannerForm *>(QApplication::activeModalWidget())) {
            if (auto *gpus = qobject_cast<QSpinBox *>(form->editor(u"gpus"_qs)))
                gpus->setValue(1016);
            form->accept();
        }
    });
    answer.start(50);
    QVERIFY(window.planWithForm(u"fabric"_qs));
    answer.stop();
    waitForTasks(window);
    QVERIFY(network.plannerResult(u"fabric:ZJK"_qs));
    QCOMPARE(results->currentPlanner(), u"fabric:ZJK"_qs);
    QCOMPARE(results->currentTable(), u"Summary"_qs);
    const QAbstractItemModel *model = results->table()->model();
    QString leaves;
    for (int row = 0; row < model->rowCount(); ++row)
        if (model->index(row, 0).data().toString() == u"Leaf switches")
            leaves = model->index(row, 1).data().toString();
    QCOMPARE(leaves, u"32"_qs);
    results->showChart(u"Switches and cables per tier"_qs);
    QCOMPARE(results->chartSeriesCount(), 2);

    // Ingest for a site with volume demands, and a link between data centres.
    QVERIFY(runToEnd(window.runPlanner(u"ingest"_qs, {{u"site"_qs, u"ING-CAR-SH"_qs}})));
    QVERIFY(network.plannerResult(u"ingest:ING-CAR-SH"_qs));
    QVERIFY(results->tableNames().contains(u"Lines"_qs));
    results->showTable(u"Lines"_qs);
    QCOMPARE(results->table()->model()->rowCount(), 4);
    results->showChart(u"Transfer time against line rate"_qs);
    QCOMPARE(results->chartSeriesCount(), 2);
    QVERIFY(runToEnd(window.runPlanner(u"dci"_qs, {{u"link"_qs, 5}, {u"bufferMb"_qs, 64.0}})));
    QVERIFY(network.plannerResult(u"dci:5"_qs));
    QVERIFY(results->table()->model()->rowCount() >= 8);

    // A link's result selects the link on the map, and the Inspector lists it.
    QCOMPARE(window.canvas()->selectedLinks(), QList<LinkId>{5});
    QListWidget *stored = window.inspector()->resultsList();
    QCOMPARE(stored->count(), 1);
    QCOMPARE(stored->item(0)->data(Qt::UserRole).toString(), u"dci:5"_qs);
    // Selecting ZJK on the map lists its fabric; activating it shows it in the Results dock.
    window.canvas()->selectObjects({zjk->id}, {});
    QCOMPARE(stored->count(), 1);
    QCOMPARE(stored->item(0)->data(Qt::UserRole).toString(), u"fabric:ZJK"_qs);
    Q_EMIT stored->itemActivated(stored->item(0));
    QCOMPARE(results->currentPlanner(), u"fabric:ZJK"_qs);
    QVERIFY(window.resultsView()->isVisible());
    // Choosing a site's result in the Results dock selects that site on the map.
    results->showPlanner(u"ingest:ING-CAR-SH"_qs);
    QCOMPARE(window.canvas()->selectedSites(),
             QList<SiteId>{network.siteByCode(u"ING-CAR-SH"_qs)->id});
    // A site with no volume demands gets a message (blocking nothing), and nothing is stored.
    QVERIFY(!runToEnd(window.runPlanner(u"ingest"_qs, {{u"site"_qs, u"BJ"_qs}})));
    auto *box = window.findChild<QMessageBox *>();
    QVERIFY(box && box->isVisible());
    QVERIFY(!box->isModal());
    QVERIFY2(box->text().contains(u"BJ"_qs), qPrintable(box->text()));
    box->accept();
    QVERIFY(!network.plannerResult(u"ingest:BJ"_qs));
    window.document()->undoStack()->setClean();
}

// Plan > Capacity Upgrades asks (its form generated from the capacity planner's descriptor) for
// the target and every module's price; the run keeps them
// (the form opens with them next time) and a report computing the result again uses them.
void TestWorkbench::capacityFormTakesModulePrices()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    const Network &network = window.document()->network();
    QStringList shown;
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [&shown] {
        auto *form = qobject_cast<widgets::PlannerForm *>(QApplication::activeModalWidget());
        if (!form) // not the progress
            return;
        auto *target = qobject_cast<QDoubleSpinBox *>(form->editor(u"target"_qs));
        auto *modules = qobject_cast<QLineEdit *>(form->editor(u"modules"_qs));
        QVERIFY(target && modules);
        shown = QStringList{QString::number(target->value()), modules->text()};
        target->setValue(60);
        modules->setText(u"100:20000, 400:50000, 800:80000"_qs);
        QVERIFY2(form->okButton()->isEnabled(), qPrintable(form->problem()));
        form->accept();
    });
    answer.start(50);
    QVERIFY(window.planWithForm(u"capacity"_qs));
    waitForTasks(window);
    QCOMPARE(shown, (QStringList{u"70"_qs, u"100:1,400:3,800:5"_qs})); // the defaults at first
    const PlannerResult *stored = network.plannerResult(u"capacity"_qs);
    QVERIFY(stored);
    const QJsonObject json = QJsonDocument::fromJson(stored->json).object();
    QCOMPARE(json[u"targetUtilization"_qs].toDouble(), 0.6);
    const QJsonArray modules = json[u"modules"_qs].toArray();
    QCOMPARE(modules.size(), 3);
    QCOMPARE(modules[1][u"cost"_qs].toDouble(), 50000.0);
    double cost = 0;
    for (const QJsonValue &link : json[u"links"_qs].toArray()) {
        const QJsonArray counts = link[u"modules"_qs].toArray();
        for (qsizetype m = 0; m < counts.size(); ++m)
            cost += counts[m].toInt() * modules[m][u"cost"_qs].toDouble();
    }
    QVERIFY(cost > 0);
    QCOMPARE(json[u"totalCost"_qs].toDouble(), cost);
    // The table's cost column names the project's currency (its descriptor says "{currency}").
    widgets::ResultsView *results = window.resultsView();
    results->showPlanner(u"capacity"_qs);
    results->showTable(u"Upgrades"_qs);
    QStringList headers;
    const QAbstractItemModel *model = results->table()->model();
    for (int column = 0; column < model->columnCount(); ++column)
        headers << model->headerData(column, Qt::Horizontal).toString();
    QVERIFY2(headers.contains(u"Cost (%1)"_qs.arg(network.settings().currency)),
             qPrintable(headers.join(u", "_qs)));

    // The form opens with the last run's values.
    QVERIFY(window.planWithForm(u"capacity"_qs));
    answer.stop();
    waitForTasks(window);
    QCOMPARE(shown, (QStringList{u"60"_qs, u"100:20000,400:50000,800:80000"_qs}));

    // Stale after an edit: the report computes it again with the same prices.
    Network edited = network;
    Link link = *edited.link(5);
    link.capacityGbps += 100;
    edited.updateLink(link);
    QVERIFY(!edited.isCurrent(*edited.plannerResult(u"capacity"_qs)));
    QTemporaryDir dir;
    const QString html = dir.filePath(u"report.html"_qs);
    report::Options options;
    options.sections = {u"capacity"_qs};
    const QStringList notes = report::write(edited, html, options);
    QVERIFY2(notes.join(u' ').contains(u"result stored in the project was stale"_qs),
             qPrintable(notes.join(u' ')));
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(page.readAll());
    QVERIFY2(text.contains(u"Cost (CNY)"_qs), "the prices were not used again");
    QVERIFY(text.contains(u"50,000"_qs));
    window.document()->undoStack()->setClean();
}

void TestWorkbench::preferencesApplyToPlanners()
{
    app::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    QTimer answer;
    connect(&answer, &QTimer::timeout, this, [] {
        if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            dialog->findChild<QSpinBox *>()->setValue(7);
            dialog->findChild<QDoubleSpinBox *>()->setValue(0.25);
            dialog->accept();
        }
    });
    answer.start(50);
    window.preferences();
    answer.stop();
    QCOMPARE(QSettings().value(u"autosave/minutes"_qs).toInt(), 7);
    QCOMPARE(QSettings().value(u"planners/perHopMs"_qs).toDouble(), 0.25);

    // The route planner run from the menu now adds 0.25 ms per hop to every path.
    QVERIFY(runToEnd(window.runPlanner(u"route"_qs, {})));
    const PlannerResult *stored = window.document()->network().plannerResult(u"route"_qs);
    QVERIFY(stored);
    QCOMPARE(QJsonDocument::fromJson(stored->options.toUtf8()).object()[u"perHopMs"_qs].toDouble(),
             0.25);
    const QJsonObject demand =
        QJsonDocument::fromJson(stored->json).object()[u"demands"_qs].toArray().first().toObject();
    QVERIFY(demand[u"latencyMs"_qs].toDouble() >= 0.25 * demand[u"hops"_qs].toInt());
    QSettings().remove(u"planners/perHopMs"_qs);
    QSettings().remove(u"autosave/minutes"_qs);
    window.document()->undoStack()->setClean();
}

// A click on a link is answered from its segments (fast), not from its stroked shape: both must
// agree on every point and rectangle not within a hair of the hit area's edge.
void TestWorkbench::linkHitTestMatchesItsShape()
{
    Network network;
    const QList<std::pair<double, double>> places{{39.9, 116.4},  {31.2, 121.5}, {-33.9, 151.2},
                                                  {37.8, -122.4}, {64.1, -21.9}, {1.3, 103.8}};
    for (const auto &[lat, lon] : places) {
        Site site;
        site.code = u"S"_qs + QString::number(network.sites().size() + 1);
        site.latitudeDeg = lat;
        site.longitudeDeg = lon;
        network.addSite(site);
    }
    // Short, long (a geodesic of many vertices) and across the antimeridian.
    for (const auto &[a, b] :
         {std::pair{1, 2}, std::pair{1, 5}, std::pair{3, 4}, std::pair{2, 6}, std::pair{4, 5}}) {
        Link link;
        link.siteA = a;
        link.siteB = b;
        link.capacityGbps = 100;
        network.addLink(link);
    }
    std::mt19937 random(7);
    int hits = 0, misses = 0;
    for (const double unitsPerPixel : {50.0, 2000.0, 20000.0}) {
        widgets::LinkItem::setSceneUnitsPerPixel(unitsPerPixel);
        const double reach = 4 * unitsPerPixel;
        for (const Link &link : network.links()) {
            const widgets::LinkItem item(network, link);
            const QPainterPath shape = item.shape();
            const QPainterPath line = item.path();
            // The distance to the line, by sampling every segment finely.
            auto distance = [&line](const QPointF &p) {
                double best = std::numeric_limits<double>::infinity();
                for (int i = 1; i < line.elementCount(); ++i) {
                    if (line.elementAt(i).type != QPainterPath::LineToElement)
                        continue;
                    const QPointF a = line.elementAt(i - 1), b = line.elementAt(i);
                    for (int k = 0; k <= 400; ++k) {
                        const QPointF q = a + (b - a) * (k / 400.0);
                        best = std::min(best, std::hypot(p.x() - q.x(), p.y() - q.y()));
                    }
                }
                return best;
            };
            const QRectF box =
                line.boundingRect().adjusted(-3 * reach, -3 * reach, 3 * reach, 3 * reach);
            std::uniform_real_distribution<double> x(box.left(), box.right());
            std::uniform_real_distribution<double> y(box.top(), box.bottom());
            // Points near the line: pick a vertex and move up to 2 reaches away.
            std::uniform_int_distribution<int> vertex(0, line.elementCount() - 1);
            std::uniform_real_distribution<double> offset(-2 * reach, 2 * reach);
            for (int n = 0; n < 300; ++n) {
                const QPointF p = n % 2 ? QPointF(x(random), y(random))
                                        : QPointF(line.elementAt(vertex(random))) +
                                              QPointF(offset(random), offset(random));
                const double d = distance(p);
                if (std::abs(d - reach) < 0.05 * reach)
                    continue; // on the edge: flattening of the stroke's round ends decides
                const bool inside = d < reach;
                QCOMPARE(item.contains(p), inside);
                QCOMPARE(shape.contains(p), inside);
                // A one-pixel rectangle there, as a click asks.
                QPainterPath pixel;
                pixel.addRect(QRectF(p, QSizeF(unitsPerPixel, unitsPerPixel)));
                if (std::abs(d - reach) > 2 * unitsPerPixel)
                    QCOMPARE(item.collidesWithPath(pixel), d < reach);
                inside ? ++hits : ++misses;
            }
        }
    }
    QVERIFY(hits > 300 && misses > 300);
    widgets::LinkItem::setSceneUnitsPerPixel(1000.0);
}

void TestWorkbench::manyLinksAreDrawnOnBothCores()
{
    // 10,000 horizontal links, one per row pair, red in the first half and blue in the second:
    // the second half is drawn on another thread into its own image and composited.
    widgets::NetworkSnapshot snapshot;
    const int count = 10000;
    for (int i = 0; i < count; ++i) {
        widgets::NetworkSnapshot::LinkShape link;
        const double y = 1.5 + (i % 500) * 2.0; // pixel centres: crisp one-pixel lines
        const double x = (i / 500) * 50.0;
        link.path.moveTo(x, y);
        link.path.lineTo(x + 40.0, y);
        link.bounds = link.path.controlPointRect().adjusted(0, -0.5, 0, 0.5);
        link.colour = i < count / 2 ? QColor(255, 0, 0) : QColor(0, 0, 255);
        link.widthPx = 1.0;
        snapshot.links.append(link);
    }
    QImage image(1000, 1000, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    widgets::NetworkLayers::draw(painter, snapshot, QRectF(0, 0, 1000, 1000), 1.0);
    painter.end();
    int red = 0, blue = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += c.red() > c.blue() + 100 ? 1 : 0;
            blue += c.blue() > c.red() + 100 ? 1 : 0;
        }
    }
    // Each half covers 10 columns of 50 px x 500 rows, 40 px long lines.
    QVERIFY2(red > 150000 && blue > 150000, qPrintable(u"red %1, blue %2"_qs.arg(red).arg(blue)));
}

void TestWorkbench::deviceConfigurationsDialog()
{
    app::MainWindow window;
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));
    QVERIFY(window.document()->network().addressPlan().isEmpty());
    widgets::ConfigExportDialog dialog(window.document(), &window);
    QVERIFY2(dialog.errorText().isEmpty(), qPrintable(dialog.errorText()));
    QCOMPARE(dialog.routerChoice()->count(), 59);
    QVERIFY(dialog.preview().contains(u"router isis core"_qs));
    QCOMPARE(dialog.addressTable()->rowCount(), 59 + 2 * 87);
    dialog.routerChoice()->setCurrentIndex(dialog.routerChoice()->findText(u"ZJK"_qs));
    QVERIFY(dialog.preview().contains(u"hostname ZJK"_qs));
    dialog.dialectChoice()->setCurrentIndex(3); // Junos
    QVERIFY(dialog.preview().contains(u"host-name ZJK;"_qs));
    QCOMPARE(dialog.addressTable()->index(0, 1).data().toString(), u"lo0"_qs);

    QTemporaryDir dir;
    const QString folder = dir.filePath(u"configs"_qs);
    QVERIFY(dialog.exportTo(folder));
    QVERIFY(QFileInfo::exists(folder + u"/ZJK/junos.conf"_qs));
    QVERIFY(QFileInfo::exists(folder + u"/addresses.csv"_qs));
    // The plan made for the export is stored in the document, as one undoable step.
    // 59 loopbacks, locators, site blocks and router IDs, and 87 link /127s.
    QCOMPARE(window.document()->network().addressPlan().allocations.size(), size_t(4 * 59 + 87));
    QCOMPARE(window.document()->undoStack()->undoText(), u"Allocate Address Plan"_qs);
    window.document()->undoStack()->undo();
    QVERIFY(window.document()->network().addressPlan().isEmpty());
    window.document()->undoStack()->setClean();
}

void TestWorkbench::lockedProjectOpensReadOnlyAndSaysWhoHoldsIt()
{
    const QString project = m_dir.filePath(u"locked.gpkg"_qs);
    QFile::remove(project);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                       QFileDevice::ReadGroup | QFileDevice::ReadOther);
    auto fileHash = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly)
                   ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                   : QByteArray();
    };
    // Message boxes are modal: close them as a user would, and keep what they said.
    QString shown;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&shown] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            shown = box->text();
            box->close();
        }
    });
    closer.start(50);
    {
        // Another program writes the project: it opens read-only, and the window says who.
        auto other = std::make_unique<core::ProjectLock>(
            project, core::ProjectLock::Options{u"nqi import"_qs, 0});
        app::MainWindow window;
        QVERIFY(window.openProject(project));
        QVERIFY(window.isReadOnly());
        QVERIFY2(window.readOnlyReason().contains(u"locked for writing by"_qs),
                 qPrintable(window.readOnlyReason()));
        QVERIFY2(window.readOnlyReason().contains(u"nqi import"_qs),
                 qPrintable(window.readOnlyReason()));
        QVERIFY2(window.windowTitle().contains(u"read-only"_qs), qPrintable(window.windowTitle()));
        const auto *label = window.findChild<QLabel *>(u"readOnlyLabel"_qs);
        QVERIFY(label);
        QVERIFY2(label->isVisibleTo(&window) && label->text().contains(u"nqi import"_qs),
                 qPrintable(label->text()));
        // Saving over it is refused while the other program holds it; the file stays.
        const QByteArray before = fileHash(project);
        QVERIFY(!window.saveProject(project));
        QVERIFY2(shown.contains(u"is locked for writing by"_qs), qPrintable(shown));
        QCOMPARE(fileHash(project), before);
        // The other program stores its work and lets go: saving over the file it wrote is
        // still refused (the window read the file before that), so its work is not lost.
        core::Network theirs = core::ProjectStore::load(project);
        core::ProjectSettings named = theirs.settings();
        named.name = u"Written by the import"_qs;
        theirs.setSettings(named);
        core::ProjectStore::save(theirs, project);
        other.reset();
        const QByteArray imported = fileHash(project);
        shown.clear();
        QVERIFY(!window.saveProject(project));
        QVERIFY2(shown.contains(u"changed on disk since it was opened"_qs), qPrintable(shown));
        QCOMPARE(fileHash(project), imported);
        // Save As elsewhere keeps the work, and that file is the window's now.
        QVERIFY(window.saveProject(m_dir.filePath(u"saved-as.gpkg"_qs)));
        QVERIFY(!window.isReadOnly());
        QVERIFY(!label->isVisibleTo(&window));
    }
    QVERIFY(!core::ProjectLock::holder(m_dir.filePath(u"saved-as.gpkg"_qs)));
    {
        // Nobody else: the window holds the lock while the project is open.
        app::MainWindow window;
        QVERIFY(window.openProject(project));
        QVERIFY(!window.isReadOnly());
        const std::optional<core::LockHolder> holder = core::ProjectLock::holder(project);
        QVERIFY(holder);
        QCOMPARE(holder->program, u"nqi-workbench"_qs);
        // Opened again in the same window (File > Open, Recent): still this window's.
        QVERIFY(window.openProject(project));
        QVERIFY2(!window.isReadOnly(), qPrintable(window.readOnlyReason()));
        QVERIFY(window.saveProject(project));
        // Another program changes the file without asking for the lock (a GIS editing the
        // GeoPackage): the next save refuses rather than overwriting its change.
        core::Network changed = core::ProjectStore::load(project);
        core::ProjectSettings settings = changed.settings();
        settings.name = u"Changed elsewhere"_qs;
        changed.setSettings(settings);
        core::ProjectStore::save(changed, project);
        const QByteArray theirs = fileHash(project);
        shown.clear();
        QVERIFY(!window.saveProject(project));
        QVERIFY2(shown.contains(u"changed on disk since it was opened"_qs), qPrintable(shown));
        QCOMPARE(fileHash(project), theirs);
    }
    QVERIFY(!core::ProjectLock::holder(project));
    QVERIFY(!QFileInfo::exists(core::ProjectLock::lockFileFor(project)));
}

// Without DBUS_SESSION_BUS_ADDRESS, libdbus forked the workbench at start-up to start a bus while
// the basemap loader held PROJ's lock; the child hung in PROJ's fork handler and the window never
// showed (4-5 of 20 starts under a bare Xvfb on a busy machine). The variable is now set before
// anything runs: to the user's bus when its socket exists, else to an address nothing answers.
void TestWorkbench::sessionBusIsNeverStartedFromTheWorkbench()
{
    const QByteArray savedAddress = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    const bool hadAddress = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
    const QByteArray savedRuntime = qgetenv("XDG_RUNTIME_DIR");
    const bool hadRuntime = qEnvironmentVariableIsSet("XDG_RUNTIME_DIR");
    const auto restore = qScopeGuard([&] {
        if (hadAddress)
            qputenv("DBUS_SESSION_BUS_ADDRESS", savedAddress);
        else
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        if (hadRuntime)
            qputenv("XDG_RUNTIME_DIR", savedRuntime);
        else
            qunsetenv("XDG_RUNTIME_DIR");
    });
    QTemporaryDir runtime;
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime.path()));
    // No bus: an address where nothing answers (no autolaunch).
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    app::avoidSessionBusAutolaunch();
    const QByteArray none = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY2(none.startsWith("unix:path=/nonexistent/"), none.constData());
    QVERIFY(!QFileInfo::exists(QFile::decodeName(none.mid(10))));
    // The user's bus, where libdbus would look first.
    const QByteArray bus = QFile::encodeName(runtime.filePath(u"bus"_qs));
    const int socket = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(socket >= 0);
    sockaddr_un address = {};
    address.sun_family = AF_UNIX;
    QVERIFY(size_t(bus.size()) < sizeof address.sun_path);
    std::memcpy(address.sun_path, bus.constData(), size_t(bus.size()));
    QCOMPARE(::bind(socket, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    app::avoidSessionBusAutolaunch();
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("unix:path=") + bus);
    ::close(socket);
    // An address given is kept.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus,guid=0123");
    app::avoidSessionBusAutolaunch();
    QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"),
             QByteArray("unix:path=/run/user/1000/bus,guid=0123"));
}

QTEST_MAIN(TestWorkbench)
#include "tst_workbench.moc"
