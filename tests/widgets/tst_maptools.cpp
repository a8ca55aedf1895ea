#include "core/geo/geodesy.h"
#include "core/model/physics.h"
#include "core/store/projectstore.h"
#include "widgets/basemap.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptools/measuretool.h"
#include "widgets/maptools/sitepairtool.h"
#include "widgets/maptools/valuespopup.h"
#include "widgets/maptransform.h"
#include "widgets/siteitem.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGraphicsPathItem>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <memory>

using namespace nqi;
using namespace nqi::core;
using widgets::MapCanvas;

// The map tools driven as a user drives them (clicks and keys on the canvas, answers typed into
// the popups), on the offscreen platform.
class TestMapTools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void measureDrawsTheGeodesicWithItsLength();
    void newLinkAsksForItsCapacityAndRemembersIt();
    void newDemandAsksForRateAndClass();
    void unroutableDemandIsWarnedOnTheMap();
    void findShowsTheSiteWithItsNeighbours();
    void singleSiteSelectionZoomsToTheRegionalScale();
    void legendListsTheSiteKindsPresent();
    void zoomToFitKeepsSitesClearOfTheLegends_data();
    void zoomToFitKeepsSitesClearOfTheLegends();

private:
    // A canvas of 960 x 600 on a document holding @p network, shown.
    struct Map
    {
        widgets::Document document;
        std::unique_ptr<MapCanvas> canvas;
    };
    static std::unique_ptr<Map> showMap(Network network, const QSize &size = {960, 600});
    static void click(MapCanvas *canvas, const QPointF &scenePos);
    static void clickSite(MapCanvas *canvas, SiteId id);
    static widgets::ValuesPopup *popup(MapCanvas *canvas, const QString &name);
    static void checkSitesClearOfTheLegends(MapCanvas *canvas, const Network &network);
};

namespace {

Site site(const QString &code, SiteKind kind, double latitudeDeg, double longitudeDeg)
{
    Site s;
    s.code = code;
    s.name = code;
    s.kind = kind;
    s.latitudeDeg = latitudeDeg;
    s.longitudeDeg = longitudeDeg;
    return s;
}

// Four sites around Beijing and Shanghai: 1-2 linked, 3 and 4 on their own.
Network fourSites()
{
    Network network;
    network.addSite(site(u"BJ"_qs, SiteKind::NationalHub, 39.9, 116.4));
    network.addSite(site(u"TJ"_qs, SiteKind::MetroDc, 39.1, 117.2));
    network.addSite(site(u"SH"_qs, SiteKind::MetroDc, 31.2, 121.5));
    network.addSite(site(u"HZ"_qs, SiteKind::EdgeDc, 30.3, 120.2));
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    network.addLink(link);
    return network;
}

// Pixels of the measurement's red in a picture of the view.
int measureRedPixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - 198) < 25 && std::abs(c.green() - 40) < 25 &&
                std::abs(c.blue() - 40) < 25)
                ++count;
        }
    }
    return count;
}

} // namespace

void TestMapTools::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

std::unique_ptr<TestMapTools::Map> TestMapTools::showMap(Network network, const QSize &size)
{
    auto map = std::make_unique<Map>();
    map->canvas = std::make_unique<MapCanvas>(&map->document);
    map->canvas->resize(size);
    map->canvas->show();
    if (!QTest::qWaitForWindowExposed(map->canvas.get()))
        return nullptr;
    map->document.reset(std::move(network), {});
    return map;
}

void TestMapTools::click(MapCanvas *canvas, const QPointF &scenePos)
{
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, Qt::NoModifier,
                      canvas->mapFromScene(scenePos));
}

void TestMapTools::clickSite(MapCanvas *canvas, SiteId id)
{
    widgets::SiteItem *item = canvas->siteItem(id);
    QVERIFY(item);
    click(canvas, item->pos());
}

widgets::ValuesPopup *TestMapTools::popup(MapCanvas *canvas, const QString &name)
{
    // Answered ones are gone once the event loop deletes them.
    for (widgets::ValuesPopup *found : canvas->findChildren<widgets::ValuesPopup *>(name)) {
        if (found->isVisible() && !found->isAnswered())
            return found;
    }
    return nullptr;
}

// Two clicks leave the geodesic and a label with its length and fibre latency on the map, until
// the next measurement, Esc or another tool. Along a parallel the geodesic bows towards the pole.
void TestMapTools::measureDrawsTheGeodesicWithItsLength()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    canvas->centreOn(40.0, 100.0, 6000.0);
    canvas->setTool(MapCanvas::Tool::Measure);
    auto *tool = qobject_cast<widgets::MeasureTool *>(canvas->activeTool());
    QVERIFY(tool);
    QSignalSpy measured(canvas, &MapCanvas::measured);
    // The basemap and the icons may have some red of their own.
    QTRY_VERIFY_WITH_TIMEOUT(
        widgets::Basemap::defaultPath().isEmpty() || canvas->isBasemapCurrent(), 30000);
    const int redBefore = measureRedPixels(canvas->viewport()->grab().toImage());
    const QPointF from = widgets::mercator::toScene(40.0, 85.0);
    const QPointF to = widgets::mercator::toScene(40.0, 115.0);
    click(canvas, from);
    QVERIFY(tool->isMeasuring());
    click(canvas, to);
    QCOMPARE(measured.size(), 1);
    const double km = geo::geodesicDistanceKm(40.0, 85.0, 40.0, 115.0);
    QVERIFY2(std::abs(measured.at(0).at(0).toDouble() - km) < 5.0,
             qPrintable(u"%1 km, %2 km expected"_qs.arg(measured.at(0).at(0).toDouble()).arg(km)));

    // Still on the map after the second click, as a geodesic (north of the 40th parallel
    // half-way) and not as the straight line on the projection.
    const QGraphicsPathItem *line = tool->lineItem();
    QVERIFY(line && line->scene() == canvas->scene() && line->isVisible());
    const QPainterPath path = line->path();
    QVERIFY2(path.elementCount() > 10, qPrintable(QString::number(path.elementCount())));
    const LatLon middle = widgets::mercator::fromScene(path.elementAt(path.elementCount() / 2));
    QVERIFY2(middle.latitudeDeg > 40.5, qPrintable(QString::number(middle.latitudeDeg)));
    // The length, and light's time in a fibre 1.5 times as long (the project's route factor).
    const QString label = tool->labelText();
    const double measuredKm = measured.at(0).at(0).toDouble();
    QVERIFY2(label.contains(QLocale().toString(measuredKm, 'f', 1) + u" km"_qs), qPrintable(label));
    QVERIFY2(label.contains(QLocale().toString(physics::fibreLatencyMs(1.5 * measuredKm), 'f', 2) +
                            u" ms"_qs),
             qPrintable(label));
    QTRY_VERIFY(measureRedPixels(canvas->viewport()->grab().toImage()) > redBefore + 300);

    // Moving the mouse afterwards leaves it as it is; Esc clears it.
    QTest::mouseMove(canvas->viewport(), canvas->viewport()->rect().center() + QPoint(0, 150));
    QCOMPARE(tool->lineItem()->path(), path);
    QTest::keyClick(canvas, Qt::Key_Escape);
    QVERIFY(!tool->lineItem());
    QTRY_COMPARE(measureRedPixels(canvas->viewport()->grab().toImage()), redBefore);

    // The next measurement replaces the last; another tool clears it.
    click(canvas, from);
    click(canvas, to);
    click(canvas, widgets::mercator::toScene(35.0, 100.0));
    QVERIFY(tool->isMeasuring());
    QCOMPARE(canvas->scene()->items().count(tool->lineItem()), 1);
    canvas->setTool(MapCanvas::Tool::Select);
    QVERIFY(!tool->lineItem());
}

// The second site opens a popup asking for the capacity, prefilled with the last one entered;
// Enter adds the link with it, Esc adds nothing.
void TestMapTools::newLinkAsksForItsCapacityAndRemembersIt()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    const Network &network = map->document.network();
    canvas->zoomToFit();
    canvas->setTool(MapCanvas::Tool::AddLink);
    clickSite(canvas, 2);
    clickSite(canvas, 3);
    widgets::ValuesPopup *asked = popup(canvas, u"newLinkPopup"_qs);
    QVERIFY(asked);
    QCOMPARE(network.links().size(), std::size_t(1)); // nothing added yet
    auto *capacity = asked->findChild<QDoubleSpinBox *>(u"capacityGbps"_qs);
    QVERIFY(capacity);
    QVERIFY(capacity->hasFocus());
    QTest::keyClicks(capacity, u"400"_qs); // replaces the selected text
    QTest::keyClick(capacity, Qt::Key_Return);
    QCOMPARE(network.links().size(), std::size_t(2));
    QCOMPARE(network.links().back().siteA, SiteId(2));
    QCOMPARE(network.links().back().siteB, SiteId(3));
    QCOMPARE(network.links().back().capacityGbps, 400.0);
    QVERIFY(!popup(canvas, u"newLinkPopup"_qs));
    QCOMPARE(map->document.undoStack()->undoText(), u"Add Link TJ-SH"_qs);

    // Esc: no link.
    clickSite(canvas, 3);
    clickSite(canvas, 4);
    asked = popup(canvas, u"newLinkPopup"_qs);
    QVERIFY(asked);
    QCOMPARE(asked->number(u"capacityGbps"_qs), 400.0);
    QTest::keyClick(asked->findChild<QDoubleSpinBox *>(u"capacityGbps"_qs), Qt::Key_Escape);
    QVERIFY(!popup(canvas, u"newLinkPopup"_qs));
    QCOMPARE(network.links().size(), std::size_t(2));

    // The next one offers 400 again; Enter on the map accepts it as it is.
    clickSite(canvas, 3);
    clickSite(canvas, 4);
    asked = popup(canvas, u"newLinkPopup"_qs);
    QVERIFY(asked);
    QCOMPARE(asked->number(u"capacityGbps"_qs), 400.0);
    QTest::keyClick(canvas, Qt::Key_Return);
    QCOMPARE(network.links().size(), std::size_t(3));
    QCOMPARE(network.links().back().capacityGbps, 400.0);

    // A click elsewhere, or another tool, keeps the values shown; the right button drops them.
    clickSite(canvas, 1);
    clickSite(canvas, 3);
    QVERIFY(popup(canvas, u"newLinkPopup"_qs));
    canvas->setTool(MapCanvas::Tool::Select);
    QCOMPARE(network.links().size(), std::size_t(4));
    canvas->setTool(MapCanvas::Tool::AddLink);
    clickSite(canvas, 1);
    clickSite(canvas, 4);
    QVERIFY(popup(canvas, u"newLinkPopup"_qs));
    QTest::mouseClick(canvas->viewport(), Qt::RightButton, Qt::NoModifier,
                      canvas->viewport()->rect().center());
    QVERIFY(!popup(canvas, u"newLinkPopup"_qs));
    QCOMPARE(network.links().size(), std::size_t(4));
}

void TestMapTools::newDemandAsksForRateAndClass()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    const Network &network = map->document.network();
    canvas->zoomToFit();
    canvas->setTool(MapCanvas::Tool::AddDemand);
    clickSite(canvas, 1);
    clickSite(canvas, 2);
    widgets::ValuesPopup *asked = popup(canvas, u"newDemandPopup"_qs);
    QVERIFY(asked);
    QCOMPARE(asked->number(u"rateGbps"_qs), 10.0);
    QCOMPARE(asked->choice(u"demandClass"_qs).toInt(), int(DemandClass::BestEffort));
    auto *rate = asked->findChild<QDoubleSpinBox *>(u"rateGbps"_qs);
    auto *demandClass = asked->findChild<QComboBox *>(u"demandClass"_qs);
    QVERIFY(rate && demandClass);
    QTest::keyClicks(rate, u"25"_qs);
    demandClass->setCurrentIndex(demandClass->findData(int(DemandClass::TrainingSync)));
    QTest::keyClick(demandClass, Qt::Key_Enter);
    QCOMPARE(network.demands().size(), std::size_t(1));
    QCOMPARE(network.demands().back().rateGbps, std::optional<double>(25.0));
    QCOMPARE(int(network.demands().back().demandClass), int(DemandClass::TrainingSync));
    QCOMPARE(map->document.undoStack()->undoText(), u"Add Demand BJ to TJ"_qs);
    QVERIFY(canvas->warningText().isEmpty()); // BJ and TJ are linked

    clickSite(canvas, 2);
    clickSite(canvas, 1);
    asked = popup(canvas, u"newDemandPopup"_qs);
    QVERIFY(asked);
    QCOMPARE(asked->number(u"rateGbps"_qs), 25.0);
    QCOMPARE(asked->choice(u"demandClass"_qs).toInt(), int(DemandClass::TrainingSync));
    QTest::keyClick(canvas, Qt::Key_Escape);
    QCOMPARE(network.demands().size(), std::size_t(1));
}

// A demand between sites no chain of links joins gets a warning over the map (and warning()).
void TestMapTools::unroutableDemandIsWarnedOnTheMap()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    canvas->zoomToFit();
    QSignalSpy warned(canvas, &MapCanvas::warning);
    canvas->setTool(MapCanvas::Tool::AddDemand);
    clickSite(canvas, 1);
    clickSite(canvas, 3);
    QTest::keyClick(canvas, Qt::Key_Return);
    QCOMPARE(map->document.network().demands().size(), std::size_t(1));
    QCOMPARE(warned.size(), 1);
    const QString text = canvas->warningText();
    QVERIFY2(text.contains(u"BJ"_qs) && text.contains(u"SH"_qs) &&
                 text.contains(u"cannot be routed"_qs),
             qPrintable(text));
    auto *banner = canvas->findChild<QWidget *>(u"mapWarning"_qs);
    QVERIFY(banner && banner->isVisible());
    QVERIFY(canvas->viewport()->rect().contains(banner->geometry()));

    // A link that joins them ends the warning.
    canvas->setTool(MapCanvas::Tool::AddLink);
    clickSite(canvas, 2);
    clickSite(canvas, 3);
    QTest::keyClick(canvas, Qt::Key_Return);
    QVERIFY(canvas->warningText().isEmpty());
    QVERIFY(!banner->isVisible());
    canvas->setTool(MapCanvas::Tool::AddDemand);
    clickSite(canvas, 1);
    clickSite(canvas, 3);
    QTest::keyClick(canvas, Qt::Key_Return);
    QCOMPARE(warned.size(), 1);
    QVERIFY(canvas->warningText().isEmpty());
}

// Find shows the site with the sites linked to it, at the regional scale or smaller (the
// basemap has no more detail closer), none of them under a legend.
void TestMapTools::findShowsTheSiteWithItsNeighbours()
{
    auto map = showMap(ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT)), {1100, 700});
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    const Network &network = map->document.network();
    for (const Site &found : network.sites()) {
        QList<SiteId> shown{found.id};
        for (const Link &link : network.links()) {
            if (link.siteA == found.id)
                shown << link.siteB;
            else if (link.siteB == found.id)
                shown << link.siteA;
        }
        canvas->zoomToSites({found.id});
        QVERIFY2(canvas->metresPerPixel() >= MapCanvas::kRegionalMetresPerPixel * 0.99,
                 qPrintable(u"%1: %2 m/px"_qs.arg(found.code).arg(canvas->metresPerPixel())));
        const QList<QRect> legends = canvas->legendRects();
        for (SiteId id : std::as_const(shown)) {
            const QPoint at = canvas->mapFromScene(canvas->siteItem(id)->pos());
            QVERIFY2(
                canvas->viewport()->rect().contains(at),
                qPrintable(u"%1 finds %2 off the map"_qs.arg(found.code, network.site(id)->code)));
            for (const QRect &legend : legends)
                QVERIFY2(!legend.contains(at), qPrintable(network.site(id)->code));
        }
        // A site with few neighbours close by is near the middle.
        if (shown.size() == 1) {
            const QPoint at = canvas->mapFromScene(canvas->siteItem(found.id)->pos());
            QVERIFY((at - canvas->viewport()->rect().center()).manhattanLength() < 60);
        }
    }
}

// Zoom to Selection on one site (the Project dock's double-click) did show 1:47,000 of an empty
// basemap.
void TestMapTools::singleSiteSelectionZoomsToTheRegionalScale()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    canvas->selectObjects({3}, {});
    canvas->zoomToSelection();
    QVERIFY2(canvas->metresPerPixel() >= MapCanvas::kRegionalMetresPerPixel * 0.99,
             qPrintable(QString::number(canvas->metresPerPixel())));
    const QPoint at = canvas->mapFromScene(canvas->siteItem(3)->pos());
    QVERIFY((at - canvas->viewport()->rect().center()).manhattanLength() < 60);
    // Two sites: fitted, closer than that.
    canvas->selectObjects({3, 4}, {});
    canvas->zoomToSelection();
    QVERIFY(canvas->metresPerPixel() < MapCanvas::kRegionalMetresPerPixel);
}

void TestMapTools::legendListsTheSiteKindsPresent()
{
    auto map = showMap(fourSites());
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    QVERIFY(canvas->legendSiteKinds() ==
            (QList<SiteKind>{SiteKind::NationalHub, SiteKind::MetroDc, SiteKind::EdgeDc}));
    QCOMPARE(canvas->legendRects().size(), 1);
    const QRect legend = canvas->legendRects().constFirst();
    QVERIFY(canvas->viewport()->rect().contains(legend));
    // On screen: a light box with the kinds' icons in it.
    canvas->zoomToFit();
    const QImage image = canvas->viewport()->grab().toImage();
    int light = 0;
    for (int y = legend.top() + 2; y < legend.bottom() - 2; ++y) {
        for (int x = legend.left() + 2; x < legend.right() - 2; ++x)
            light += qGray(image.pixel(x, y)) > 235;
    }
    QVERIFY2(light > legend.width() * legend.height() / 2, qPrintable(QString::number(light)));
    for (SiteKind kind : canvas->legendSiteKinds())
        QVERIFY(!MapCanvas::siteKindTitle(kind).isEmpty());

    // A kind added shows; one gone goes.
    canvas->setTool(MapCanvas::Tool::AddSite);
    canvas->setNewSiteKind(SiteKind::GroundStation);
    click(canvas, widgets::mercator::toScene(35.0, 110.0));
    QVERIFY(canvas->legendSiteKinds() ==
            (QList<SiteKind>{SiteKind::NationalHub, SiteKind::MetroDc, SiteKind::EdgeDc,
                             SiteKind::GroundStation}));
    QVERIFY(canvas->legendRects().constFirst().height() > legend.height());
    map->document.undoStack()->undo();
    QCOMPARE(canvas->legendSiteKinds().size(), 3);
    map->document.reset(Network(), {});
    QVERIFY(canvas->legendRects().isEmpty());
}

void TestMapTools::zoomToFitKeepsSitesClearOfTheLegends_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("colouredLinks");
    QTest::newRow("960x600") << QSize(960, 600) << false;
    QTest::newRow("960x600, utilisation") << QSize(960, 600) << true;
    QTest::newRow("600x700, utilisation") << QSize(600, 700) << true;
    QTest::newRow("1400x500, utilisation") << QSize(1400, 500) << true;
}

// Zoom to Fit leaves every site clear of the legends (the site kinds bottom right, the link
// colouring top right) and of the scale bar.
void TestMapTools::zoomToFitKeepsSitesClearOfTheLegends()
{
    QFETCH(QSize, size);
    QFETCH(bool, colouredLinks);
    auto map = showMap(ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT)), size);
    QVERIFY(map);
    MapCanvas *canvas = map->canvas.get();
    if (colouredLinks) {
        QHash<LinkId, double> utilization;
        for (const Link &link : map->document.network().links())
            utilization.insert(link.id, double(link.id % 10) / 8.0);
        canvas->setLinkUtilization(utilization, u"Utilisation, normal state"_qs);
    }
    canvas->zoomToFit();
    QCOMPARE(canvas->legendRects().size(), colouredLinks ? 2 : 1);
    checkSitesClearOfTheLegends(canvas, map->document.network());
    if (QTest::currentTestFailed())
        return;
    // Fitted, the view stays so as the window's docks take room from it.
    canvas->resize(size.width() * 3 / 4, size.height() * 4 / 5);
    QTRY_VERIFY(canvas->viewport()->width() < size.width() * 3 / 4 + 1);
    checkSitesClearOfTheLegends(canvas, map->document.network());
}

void TestMapTools::checkSitesClearOfTheLegends(MapCanvas *canvas, const Network &network)
{
    const QList<QRect> legends = canvas->legendRects();
    for (const Site &site : network.sites()) {
        const widgets::SiteItem *item = canvas->siteItem(site.id);
        const QPoint at = canvas->mapFromScene(item->pos());
        const int half = item->iconSize() / 2;
        const QRect icon(at - QPoint(half, half), QSize(2 * half, 2 * half));
        QVERIFY2(canvas->viewport()->rect().contains(icon), qPrintable(site.code));
        for (const QRect &legend : legends) {
            QVERIFY2(!legend.intersects(icon),
                     qPrintable(u"%1 at %2,%3 under the legend"_qs.arg(site.code).arg(at.x()).arg(
                         at.y())));
        }
    }
    QVERIFY(network.sites().size() > 20);
    // The fit still uses the view: the sites span most of its width or height.
    QRect spanned;
    for (const Site &site : network.sites())
        spanned |= QRect(canvas->mapFromScene(canvas->siteItem(site.id)->pos()), QSize(1, 1));
    const QSize size = canvas->viewport()->size();
    QVERIFY2(spanned.width() > size.width() / 2 || spanned.height() > size.height() / 2,
             qPrintable(u"%1x%2"_qs.arg(spanned.width()).arg(spanned.height())));
}

QTEST_MAIN(TestMapTools)
#include "tst_maptools.moc"
