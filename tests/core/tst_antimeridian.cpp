#include "core/geo/antimeridian.h"
#include "core/geo/geodesy.h"

#include <QTest>

#include <cmath>

using namespace nqi::core;

Q_DECLARE_METATYPE(QList<QList<nqi::core::LatLon>>)

namespace {

using Rings = QList<QList<LatLon>>;

bool insideRings(const Rings &rings, double lat, double lon)
{
    bool inside = false;
    for (const QList<LatLon> &ring : rings) {
        for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            const LatLon &p = ring[i];
            const LatLon &q = ring[j];
            if ((p.latitudeDeg > lat) != (q.latitudeDeg > lat)) {
                const double crossing = p.longitudeDeg + (lat - p.latitudeDeg) *
                                                             (q.longitudeDeg - p.longitudeDeg) /
                                                             (q.latitudeDeg - p.latitudeDeg);
                if (lon < crossing)
                    inside = !inside;
            }
        }
    }
    return inside;
}

bool withinWorld(const QList<LatLon> &points)
{
    for (const LatLon &p : points) {
        if (!(p.longitudeDeg >= -180.0 && p.longitudeDeg <= 180.0))
            return false;
    }
    return true;
}

Rings box(double south, double west, double north, double east)
{
    return {{{south, west}, {north, west}, {north, east}, {south, east}}};
}

} // namespace

// Lines and polygons that cross the antimeridian, cut there for GIS formats.
class TestAntimeridian : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fijiToSamoaIsCutOnTheGeodesic();
    void linesAreCutOnlyWhereTheyCross_data();
    void linesAreCutOnlyWhereTheyCross();
    void lineFromASiteOnTheAntimeridian();
    void polygonsCoverTheSameGround_data();
    void polygonsCoverTheSameGround();
    void regionsWithinTheWorldKeepTheirRings();
};

void TestAntimeridian::fijiToSamoaIsCutOnTheGeodesic()
{
    // Suva (178.4419 E) to Apia (171.7667 W): the short way crosses 180.
    const QList<QList<LatLon>> parts = geo::geodesicParts(-18.1416, 178.4419, -13.8333, -171.7667);
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts[0].constFirst(), (LatLon{-18.1416, 178.4419}));
    QCOMPARE(parts[1].constLast(), (LatLon{-13.8333, -171.7667})); // the site, exactly
    QCOMPARE(parts[0].constLast().longitudeDeg, 180.0);
    QCOMPARE(parts[1].constFirst().longitudeDeg, -180.0);
    QCOMPARE(parts[0].constLast().latitudeDeg, parts[1].constFirst().latitudeDeg);
    for (const QList<LatLon> &part : parts) {
        QVERIFY(part.size() >= 2);
        QVERIFY(withinWorld(part));
    }
    // The cut lies on the geodesic: going through it is no longer than the geodesic itself.
    const LatLon cut = parts[0].constLast();
    const double direct = geo::geodesicDistanceKm(-18.1416, 178.4419, -13.8333, -171.7667);
    const double viaCut = geo::geodesicDistanceKm(-18.1416, 178.4419, cut.latitudeDeg, 180.0) +
                          geo::geodesicDistanceKm(cut.latitudeDeg, 180.0, -13.8333, -171.7667);
    QVERIFY2(std::abs(viaCut - direct) < 1e-6, qPrintable(QString::number(viaCut - direct)));
    // And not where a straight line in degrees would cross (about -17.17 there).
    QVERIFY(std::abs(cut.latitudeDeg - (-17.174)) > 0.01);
    // Every vertex of the continuous path is kept, brought within -180..180.
    const QList<LatLon> path = geo::geodesicPath(-18.1416, 178.4419, -13.8333, -171.7667);
    QCOMPARE(parts[0].size() + parts[1].size(), path.size() + 2);
}

void TestAntimeridian::linesAreCutOnlyWhereTheyCross_data()
{
    QTest::addColumn<double>("lat1");
    QTest::addColumn<double>("lon1");
    QTest::addColumn<double>("lat2");
    QTest::addColumn<double>("lon2");
    QTest::newRow("Beijing-Shanghai") << 39.9075 << 116.3972 << 31.2222 << 121.4581;
    QTest::newRow("Auckland-Los Angeles, across") << -36.85 << 174.76 << 34.05 << -118.24;
    QTest::newRow("to the antimeridian, not across") << -18.0 << 170.0 << -17.0 << 180.0;
    QTest::newRow("along the antimeridian") << -18.0 << 180.0 << 10.0 << 180.0;
    QTest::newRow("same place") << 52.1 << 5.1 << 52.1 << 5.1;
}

void TestAntimeridian::linesAreCutOnlyWhereTheyCross()
{
    QFETCH(double, lat1);
    QFETCH(double, lon1);
    QFETCH(double, lat2);
    QFETCH(double, lon2);
    const QList<LatLon> path = geo::geodesicPath(lat1, lon1, lat2, lon2);
    const QList<QList<LatLon>> parts = geo::geodesicParts(lat1, lon1, lat2, lon2);
    for (const QList<LatLon> &part : parts)
        QVERIFY(withinWorld(part));
    if (geo::beyondAntimeridian(path)) {
        // Auckland to Los Angeles crosses the Pacific: two parts.
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts[0].constLast().longitudeDeg, 180.0);
        QCOMPARE(parts[1].constFirst().longitudeDeg, -180.0);
    } else {
        QCOMPARE(parts.size(), 1);
        QCOMPARE(parts[0], path);
    }
}

void TestAntimeridian::lineFromASiteOnTheAntimeridian()
{
    // A site at -180 going west: one part, drawn on the +180 side where it runs.
    const QList<QList<LatLon>> parts = geo::geodesicParts(-16.0, -180.0, -17.0, 175.0);
    QCOMPARE(parts.size(), 1);
    QVERIFY(withinWorld(parts[0]));
    QCOMPARE(parts[0].constFirst().longitudeDeg, 180.0);
    QCOMPARE(parts[0].constLast(), (LatLon{-17.0, 175.0}));
    // Straight edges cut where the line in degrees crosses.
    const QList<QList<LatLon>> straight =
        geo::splitLine({{0.0, 170.0}, {10.0, 190.0}, {20.0, 170.0}}, geo::Edge::Straight);
    QCOMPARE(straight.size(), 3);
    QCOMPARE(straight[0], (QList<LatLon>{{0.0, 170.0}, {5.0, 180.0}}));
    QCOMPARE(straight[1], (QList<LatLon>{{5.0, -180.0}, {10.0, -170.0}, {15.0, -180.0}}));
    QCOMPARE(straight[2], (QList<LatLon>{{15.0, 180.0}, {20.0, 170.0}}));
}

void TestAntimeridian::polygonsCoverTheSameGround_data()
{
    QTest::addColumn<Rings>("rings");
    QTest::addColumn<int>("polygons");
    QTest::newRow("box across 180") << box(-20, 170, -10, 190) << 2;
    QTest::newRow("box across -180") << box(-20, -190, -10, -170) << 2;
    QTest::newRow("box beyond 180, not across") << box(-20, 185, -10, 195) << 1;
    Rings withHole = box(-20, 170, 20, 190);
    withHole << QList<LatLon>{{-5, 175}, {5, 175}, {5, 185}, {-5, 185}};   // cut too
    withHole << QList<LatLon>{{10, 172}, {12, 172}, {12, 174}, {10, 174}}; // west only
    QTest::newRow("hole across, hole beside") << withHole << 2;
    // A "C" open to the east crossing 180 twice: two pieces east, one west.
    QTest::newRow("concave, crossing twice") << Rings{{{-30, 170},
                                                       {30, 170},
                                                       {30, 190},
                                                       {20, 190},
                                                       {20, 175},
                                                       {-20, 175},
                                                       {-20, 190},
                                                       {-30, 190}}}
                                             << 3;
    // Two outer rings (a region of islands), one across, one not.
    QTest::newRow("two islands") << Rings{box(-20, 170, -10, 190)[0], box(0, 160, 10, 165)[0]} << 3;
    // A vertex on the antimeridian, the ring otherwise west of it, beside a ring across.
    QTest::newRow("ring touching 180")
        << Rings{box(-20, 170, -10, 190)[0], {{0, 170}, {5, 180}, {10, 170}}} << 3;
    QTest::newRow("wider than a world") << box(-10, -200, 10, 200) << 3;
}

// Whatever the shape, a point is inside the cut polygons exactly when the region, with its
// continuous longitudes, holds it (at its longitude or 360 degrees either side).
void TestAntimeridian::polygonsCoverTheSameGround()
{
    QFETCH(Rings, rings);
    QFETCH(int, polygons);
    const QList<geo::PolygonRings> cut = geo::splitPolygon(rings);
    QCOMPARE(cut.size(), polygons);
    for (const geo::PolygonRings &polygon : cut) {
        for (const QList<LatLon> &ring : polygon) {
            QVERIFY(ring.size() >= 3);
            QVERIFY2(withinWorld(ring), "a longitude beyond -180..180");
            QVERIFY(ring.constFirst() != ring.constLast()); // open, as the model keeps rings
        }
    }
    for (double lat = -34.95; lat < 35.0; lat += 0.7) {
        for (double lon = -179.93; lon < 180.0; lon += 0.7) {
            bool expected = false;
            for (double shift : {-360.0, 0.0, 360.0})
                expected = expected || insideRings(rings, lat, lon + shift);
            bool actual = false;
            for (const geo::PolygonRings &polygon : cut)
                actual = actual || insideRings(polygon, lat, lon);
            QVERIFY2(
                actual == expected,
                qPrintable(
                    u"(%1, %2): inside %3, cut %4"_qs.arg(lat).arg(lon).arg(expected).arg(actual)));
        }
    }
    // Holes stay holes of their polygon: each polygon's first ring is its outer ring.
    for (const geo::PolygonRings &polygon : cut) {
        for (qsizetype h = 1; h < polygon.size(); ++h) {
            const LatLon &p = polygon[h].constFirst();
            QVERIFY(insideRings({polygon[0]}, p.latitudeDeg, p.longitudeDeg) ||
                    polygon[0].contains(p));
        }
    }
}

void TestAntimeridian::regionsWithinTheWorldKeepTheirRings()
{
    // Outer ring, its hole, then a second outer ring: one polygon with its hole, then another;
    // every vertex as it was, in its order.
    const Rings rings{box(20, 100, 30, 120)[0], box(22, 105, 25, 110)[0], box(0, 100, 5, 105)[0]};
    const QList<geo::PolygonRings> polygons = geo::splitPolygon(rings);
    QCOMPARE(polygons.size(), 2);
    QCOMPARE(polygons[0].size(), 2);
    QCOMPARE(geo::flattenPolygons(polygons), rings);
    // Touching the antimeridian is not crossing it.
    const Rings touching = box(-20, 170, -10, 180);
    QCOMPARE(geo::flattenPolygons(geo::splitPolygon(touching)), touching);
    QVERIFY(!geo::beyondAntimeridian(touching[0]));
}

QTEST_GUILESS_MAIN(TestAntimeridian)
#include "tst_antimeridian.moc"
