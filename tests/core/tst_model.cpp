#include "core/geo/geodesy.h"
#include "core/model/limits.h"
#include "core/model/network.h"
#include "core/model/networkpart.h"
#include "core/model/numbers.h"
#include "core/model/physics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <functional>
#include <limits>

using namespace nqi::core;

Q_DECLARE_METATYPE(nqi::core::NetworkPart)

namespace {

Site makeSite(const QString &code, double lat, double lon)
{
    Site site;
    site.code = code;
    site.name = code;
    site.latitudeDeg = lat;
    site.longitudeDeg = lon;
    return site;
}

Network twoSites()
{
    Network network;
    network.addSite(makeSite(u"BJ"_qs, 39.9075, 116.3972));
    network.addSite(makeSite(u"SH"_qs, 31.2222, 121.4581));
    return network;
}

} // namespace

class TestModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void digestFollowsWhatPlannersRead();
    void siteValidation_data();
    void siteValidation();
    void linkValidation_data();
    void linkValidation();
    void demandValidation_data();
    void demandValidation();
    void failedAddChangesNothing();
    void idsAreStableAndNeverReused();
    void codesAreUniqueIgnoringCase();
    void removeSiteRemovesItsLinksAndDemands();
    void objectsStayInIdOrder();
    void updateValidates();
    void linkLengthAndLatency();
    void geodesicPathAcrossAntimeridian();
    void volumeDemandRate();
    void numbersRoundTrip_data();
    void numbersRoundTrip();
    void constellationAndRegionValidation();
    void settingsValidation();
    void idOfInt64MaxIsRefusedNotOverflowed_data();
    void idOfInt64MaxIsRefusedNotOverflowed();
    void largestIdIsAcceptedAndTheNextIsRefused();
    void reservedNextIdsBeyondTheLargestAreRefused();
    void parallelCountIsBounded_data();
    void parallelCountIsBounded();
    void messagesShowNumbersAsGiven();
    void constellationOfTwoBillionSatellitesIsRefused();
    void constellationRulesAreBounded_data();
    void constellationRulesAreBounded();
    void parseIntegerRefusesFractionsAndOutOfRange_data();
    void parseIntegerRefusesFractionsAndOutOfRange();
    void excerptCutsLongTextToAReadableLength();
    void extractPartHoldsWhatIsAmongItsSitesOnly();
    void networkPartJsonKeepsEveryField_data();
    void networkPartJsonKeepsEveryField();
    void networkPartJsonRefusesDamagedOrForeignData_data();
    void networkPartJsonRefusesDamagedOrForeignData();
    void addPartAddsNewObjectsMoved();
    void addPartRefusedChangesNothing_data();
    void addPartRefusedChangesNothing();
};

void TestModel::siteValidation_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("lon");
    QTest::addColumn<QString>("expectedMessage"); // empty: valid

    QTest::newRow("valid") << u"PEK-1"_qs << 39.9 << 116.4 << QString();
    QTest::newRow("valid extremes") << u"P0"_qs << -90.0 << 180.0 << QString();
    QTest::newRow("latitude above 90")
        << u"X"_qs << 90.5 << 0.0 << u"latitude 90.5 is out of range"_qs;
    QTest::newRow("latitude below -90")
        << u"X"_qs << -91.0 << 0.0 << u"latitude -91 is out of range"_qs;
    QTest::newRow("longitude above 180")
        << u"X"_qs << 0.0 << 181.0 << u"longitude 181 is out of range"_qs;
    QTest::newRow("latitude NaN") << u"X"_qs << qQNaN() << 0.0
                                  << u"latitude nan is out of range"_qs;
    QTest::newRow("empty code") << QString() << 0.0 << 0.0 << u"code \"\" is not valid"_qs;
    QTest::newRow("non-ASCII code") << u"北京"_qs << 0.0 << 0.0 << u"is not valid"_qs;
    QTest::newRow("code with space") << u"A B"_qs << 0.0 << 0.0 << u"is not valid"_qs;
    QTest::newRow("code starting with dash") << u"-A"_qs << 0.0 << 0.0 << u"is not valid"_qs;
    QTest::newRow("duplicate code") << u"BJ"_qs << 0.0 << 0.0 << u"already used by site #1"_qs;
}

void TestModel::siteValidation()
{
    QFETCH(QString, code);
    QFETCH(double, lat);
    QFETCH(double, lon);
    QFETCH(QString, expectedMessage);

    Network network = twoSites();
    const Diagnostics problems = network.check(makeSite(code, lat, lon));
    if (expectedMessage.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
    } else {
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.constFirst().message.contains(expectedMessage),
                 qPrintable(problems.constFirst().toString()));
    }
}

void TestModel::linkValidation_data()
{
    QTest::addColumn<qint64>("siteA");
    QTest::addColumn<qint64>("siteB");
    QTest::addColumn<double>("capacityGbps");
    QTest::addColumn<double>("lengthKm");  // 0: not given
    QTest::addColumn<qint64>("igpMetric"); // 0: not given
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("valid") << qint64(1) << qint64(2) << 400.0 << 0.0 << qint64(0) << QString();
    QTest::newRow("unknown end") << qint64(1) << qint64(5) << 400.0 << 0.0 << qint64(0)
                                 << u"end B refers to unknown site #5"_qs;
    QTest::newRow("self-loop") << qint64(1) << qint64(1) << 400.0 << 0.0 << qint64(0)
                               << u"self-loop"_qs;
    QTest::newRow("zero capacity") << qint64(1) << qint64(2) << 0.0 << 0.0 << qint64(0)
                                   << u"capacity 0 Gbps must be positive"_qs;
    QTest::newRow("negative capacity")
        << qint64(1) << qint64(2) << -1.0 << 0.0 << qint64(0) << u"must be positive"_qs;
    QTest::newRow("negative length") << qint64(1) << qint64(2) << 10.0 << -5.0 << qint64(0)
                                     << u"length -5 km must be positive"_qs;
    QTest::newRow("metric too large")
        << qint64(1) << qint64(2) << 10.0 << 0.0 << qint64(16777216) << u"IGP metric 16777216"_qs;
    // A given length was unbounded: 1e300 km went on into latencies of 4.9e297 ms.
    QTest::newRow("longest length")
        << qint64(1) << qint64(2) << 10.0 << 100000.0 << qint64(0) << QString();
    QTest::newRow("length past the bound")
        << qint64(1) << qint64(2) << 10.0 << 100000.5 << qint64(0)
        << u"length 100000.5 km is longer than 100000 km, the longest a link may be (2.5 times "
           "round the equator); give the route length in km"_qs;
    QTest::newRow("length 1e300") << qint64(1) << qint64(2) << 10.0 << 1e300 << qint64(0)
                                  << u"length 1e+300 km is longer than 100000 km"_qs;
}

void TestModel::linkValidation()
{
    QFETCH(qint64, siteA);
    QFETCH(qint64, siteB);
    QFETCH(double, capacityGbps);
    QFETCH(double, lengthKm);
    QFETCH(qint64, igpMetric);
    QFETCH(QString, expectedMessage);

    Network network = twoSites();
    Link link;
    link.siteA = siteA;
    link.siteB = siteB;
    link.capacityGbps = capacityGbps;
    if (lengthKm != 0.0)
        link.lengthKm = lengthKm;
    if (igpMetric != 0)
        link.igpMetric = igpMetric;
    const Diagnostics problems = network.check(link);
    if (expectedMessage.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
    } else {
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.constFirst().message.contains(expectedMessage),
                 qPrintable(problems.constFirst().toString()));
    }
}

void TestModel::demandValidation_data()
{
    QTest::addColumn<qint64>("source");
    QTest::addColumn<qint64>("destination");
    QTest::addColumn<double>("rateGbps"); // 0: not given
    QTest::addColumn<double>("volumeTb");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("rate") << qint64(1) << qint64(2) << 10.0 << 0.0 << QString();
    QTest::newRow("volume") << qint64(1) << qint64(2) << 0.0 << 15.0 << QString();
    QTest::newRow("neither") << qint64(1) << qint64(2) << 0.0 << 0.0 << u"needs a rate"_qs;
    QTest::newRow("negative rate")
        << qint64(1) << qint64(2) << -3.0 << 0.0 << u"rate -3 Gbps must be positive"_qs;
    QTest::newRow("same ends") << qint64(2) << qint64(2) << 1.0 << 0.0
                               << u"source and destination are the same"_qs;
    QTest::newRow("unknown source")
        << qint64(9) << qint64(2) << 1.0 << 0.0 << u"source is unknown site #9"_qs;
}

void TestModel::demandValidation()
{
    QFETCH(qint64, source);
    QFETCH(qint64, destination);
    QFETCH(double, rateGbps);
    QFETCH(double, volumeTb);
    QFETCH(QString, expectedMessage);

    Network network = twoSites();
    Demand demand;
    demand.source = source;
    demand.destination = destination;
    if (rateGbps != 0.0)
        demand.rateGbps = rateGbps;
    if (volumeTb != 0.0) {
        demand.volumeTb = volumeTb;
        demand.windowHours = 24;
    }
    const Diagnostics problems = network.check(demand);
    if (expectedMessage.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
    } else {
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.constFirst().message.contains(expectedMessage),
                 qPrintable(problems.constFirst().toString()));
    }
}

void TestModel::failedAddChangesNothing()
{
    Network network = twoSites();
    const Network before = network;
    Link bad;
    bad.siteA = 1;
    bad.siteB = 1;
    bad.capacityGbps = 10;
    QVERIFY_THROWS_EXCEPTION(Failure, network.addLink(bad));
    QVERIFY_THROWS_EXCEPTION(Failure, network.addSite(makeSite(u"bj"_qs, 1, 1)));
    QCOMPARE(network, before);
    QCOMPARE(network.nextLinkId(), before.nextLinkId());
}

void TestModel::idsAreStableAndNeverReused()
{
    Network network = twoSites();
    const SiteId third = network.addSite(makeSite(u"GZ"_qs, 23.1, 113.3));
    QCOMPARE(third, SiteId(3));
    network.removeSite(third);
    QCOMPARE(network.addSite(makeSite(u"SZ"_qs, 22.5, 114.1)), SiteId(4));
    Site given = makeSite(u"CD"_qs, 30.7, 104.1);
    given.id = 100;
    QCOMPARE(network.addSite(given), SiteId(100));
    QCOMPARE(network.addSite(makeSite(u"CQ"_qs, 29.6, 106.6)), SiteId(101));
    Site duplicate = makeSite(u"WH"_qs, 30.6, 114.3);
    duplicate.id = 100;
    QVERIFY_THROWS_EXCEPTION(Failure, network.addSite(duplicate));
}

void TestModel::codesAreUniqueIgnoringCase()
{
    Network network = twoSites();
    QVERIFY(network.siteByCode(u"bj"_qs));
    QCOMPARE(network.siteByCode(u"bj"_qs)->id, SiteId(1));
    try {
        network.addSite(makeSite(u"Sh"_qs, 0, 0));
        QFAIL("a code differing only in case was accepted");
    } catch (const Failure &failure) {
        QVERIFY(failure.diagnostic().message.contains(u"ignoring case"_qs));
    }
    // Renaming a site's code keeps the index right.
    Site renamed = *network.site(2);
    renamed.code = u"SHA"_qs;
    network.updateSite(renamed);
    QVERIFY(!network.siteByCode(u"SH"_qs));
    QCOMPARE(network.siteByCode(u"sha"_qs)->id, SiteId(2));
}

void TestModel::removeSiteRemovesItsLinksAndDemands()
{
    Network network = twoSites();
    network.addSite(makeSite(u"GZ"_qs, 23.1, 113.3));
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    network.addLink(link);
    link.siteB = 3;
    network.addLink(link);
    Demand demand;
    demand.source = 2;
    demand.destination = 3;
    demand.rateGbps = 1;
    network.addDemand(demand);
    network.removeSite(2);
    QCOMPARE(network.sites().size(), std::size_t(2));
    QCOMPARE(network.links().size(), std::size_t(1));
    QCOMPARE(network.links().front().siteB, SiteId(3));
    QVERIFY(network.demands().empty());
    QVERIFY(network.link(2));
    QVERIFY(!network.link(1));
}

void TestModel::objectsStayInIdOrder()
{
    Network network = twoSites();
    network.addSite(makeSite(u"GZ"_qs, 23.1, 113.3));
    const Network before = network;
    const Site removed = *network.site(2);
    network.removeSite(2);
    network.addSite(removed); // as undo does
    QVERIFY(network == before);
    QCOMPARE(network.site(2)->code, u"SH"_qs);
    QCOMPARE(network.siteByCode(u"gz"_qs)->id, SiteId(3));
    QCOMPARE(network.sites()[1].id, SiteId(2));
}

void TestModel::updateValidates()
{
    Network network = twoSites();
    Site moved = *network.site(1);
    moved.latitudeDeg = 95;
    QVERIFY_THROWS_EXCEPTION(Failure, network.updateSite(moved));
    QCOMPARE(network.site(1)->latitudeDeg, 39.9075);
}

void TestModel::linkLengthAndLatency()
{
    Network network = twoSites();
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    network.addLink(link);
    const Link &stored = network.links().front();
    // Reference facts: Beijing-Shanghai 1,066.8 km geodesic; at route factor 1.5, 7.8 ms one way.
    QVERIFY(qAbs(network.geodesicKm(stored) - 1066.8) < 0.1);
    QVERIFY(qAbs(network.lengthKm(stored) - 1.5 * network.geodesicKm(stored)) < 1e-9);
    QVERIFY(qAbs(network.latencyMs(stored) - 7.8) < 0.05);

    Link withFactor = stored;
    withFactor.routeFactor = 1.3;
    network.updateLink(withFactor);
    QVERIFY(qAbs(network.lengthKm(network.links().front()) - 1.3 * 1066.8) < 0.2);

    Link given = network.links().front();
    given.lengthKm = 1200.0;
    network.updateLink(given);
    QCOMPARE(network.lengthKm(network.links().front()), 1200.0);
    QVERIFY(qAbs(network.latencyMs(network.links().front()) - 1200.0 * 0.0048967) < 1e-4);

    ProjectSettings settings = network.settings();
    settings.routeFactor = 2.0;
    network.setSettings(settings);
    QCOMPARE(network.lengthKm(network.links().front()), 1200.0); // a given length wins
    QCOMPARE(network.totalFiberKm(), 1200.0);

    // Beijing-Zhangjiakou: 163.3 km geodesic -> 1.2 ms at factor 1.5 (reference facts).
    QVERIFY(qAbs(geo::geodesicDistanceKm(39.9075, 116.3972, 40.81, 114.88) - 163.3) < 0.1);
    QVERIFY(qAbs(physics::fibreLatencyMs(1.5 * 163.3) - 1.2) < 0.01);
    // The fibre constant, exactly: group index 1.468, 1.468 / c = 4.896 720 917 508 872... us/km
    // (digits by exact decimal division), as docs/planners.md states it.
    QCOMPARE(physics::kFibreGroupIndex, 1.468);
    QVERIFY(qAbs(physics::kFibreMicrosPerKm - 4.8967209175088721) < 1e-15);
}

void TestModel::geodesicPathAcrossAntimeridian()
{
    const QList<LatLon> path = geo::geodesicPath(-18.1416, 178.4419, -13.8333, -171.7667, 50);
    QVERIFY(path.size() > 10);
    QCOMPARE(path.constFirst().longitudeDeg, 178.4419);
    QCOMPARE(path.constLast().longitudeDeg, -171.7667 + 360.0);
    for (qsizetype i = 1; i < path.size(); ++i)
        QVERIFY(qAbs(path[i].longitudeDeg - path[i - 1].longitudeDeg) < 1.0);
    const double segment = geo::geodesicDistanceKm(path[0].latitudeDeg, path[0].longitudeDeg,
                                                   path[1].latitudeDeg, path[1].longitudeDeg);
    QVERIFY(segment <= 50.0 + 1e-6);
}

void TestModel::volumeDemandRate()
{
    Demand demand;
    demand.volumeTb = 160;
    demand.windowHours = 24;
    // 160 TB in a day = 160e12 * 8 bit / 86400 s = 14.81 Gbps
    QVERIFY(qAbs(demand.effectiveRateGbps() - 14.8148148) < 1e-6);
    demand.rateGbps = 20;
    QCOMPARE(demand.effectiveRateGbps(), 20.0);
}

void TestModel::numbersRoundTrip_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("integer") << 400.0 << u"400"_qs;
    QTest::newRow("tenth") << 0.1 << u"0.1"_qs;
    QTest::newRow("length") << 1066.8 << u"1066.8"_qs;
    QTest::newRow("coordinate") << 116.3972 << u"116.3972"_qs;
    QTest::newRow("large") << 1.25e6 << u"1250000"_qs;
    QTest::newRow("third") << 1.0 / 3.0 << u"0.3333333333333333"_qs;
    QTest::newRow("negative") << -171.7667 << u"-171.7667"_qs;
}

void TestModel::numbersRoundTrip()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(formatNumber(value), text);
    QCOMPARE(formatNumber(value).toDouble(), value);
}

void TestModel::constellationAndRegionValidation()
{
    Network network;
    Constellation walker;
    walker.name = u"bad"_qs;
    walker.shells = {{100, 7, 1, 53, 550}};
    QVERIFY(network.check(walker).constFirst().message.contains(u"multiple of P"_qs));
    walker.shells = {{72, 6, 6, 53, 550}};
    QVERIFY(network.check(walker).constFirst().message.contains(u"F must be in 0..P-1"_qs));
    walker.shells = {{72, 6, 1, 53, 550}};
    QVERIFY(network.check(walker).isEmpty());

    Region region;
    region.name = u"r"_qs;
    region.rings = {{{0, 0}, {1, 1}}};
    QVERIFY(network.check(region).constFirst().message.contains(u"fewer than 3"_qs));
    region.rings = {{{0, 0}, {1, 1}, {0, 1}, {0, 0}}};
    network.addRegion(region);
    QCOMPARE(network.regions().front().rings.constFirst().size(), 3); // kept open
}

void TestModel::settingsValidation()
{
    Network network;
    ProjectSettings settings;
    settings.routeFactor = 0.9;
    QVERIFY_THROWS_EXCEPTION(Failure, network.setSettings(settings));
    QCOMPARE(network.settings().routeFactor, 1.5);
}

void TestModel::digestFollowsWhatPlannersRead()
{
    Network network;
    for (const char *code : {"A", "B"}) {
        Site site;
        site.code = QString::fromLatin1(code);
        site.latitudeDeg = 30;
        site.longitudeDeg = code[0] == 'A' ? 110 : 111;
        network.addSite(site);
    }
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    network.addLink(link);
    const QByteArray before = network.digest();
    QCOMPARE(before.size(), 64); // SHA-256 in hex
    Network copy = network;
    QCOMPARE(copy.digest(), before);

    // Storing a result does not change what planners read.
    PlannerResult result;
    result.planner = u"route"_qs;
    result.inputDigest = before;
    result.json = "{}";
    copy.setPlannerResult(result);
    QCOMPARE(copy.digest(), before);
    QVERIFY(copy.isCurrent(*copy.plannerResult(u"route"_qs)));

    // Nor do the project's name or a constellation, which no stored planner reads.
    ProjectSettings renamed = copy.settings();
    renamed.name = u"Renamed"_qs;
    copy.setSettings(renamed);
    Constellation shell;
    shell.name = u"Shell"_qs;
    shell.shells.push_back({1584, 72, 1, 53.0, 550.0});
    shell.gslMaxRangeKm = 1089.686;
    shell.gslMinElevation = false;
    shell.islPattern = IslPattern::Hypatia;
    shell.islShift = 1;
    copy.addConstellation(shell);
    QCOMPARE(copy.digest(), before);

    // Any routing input does.
    Link faster = *copy.link(1);
    faster.igpMetric = 7;
    copy.updateLink(faster);
    QVERIFY(copy.digest() != before);
    QVERIFY(!copy.isCurrent(*copy.plannerResult(u"route"_qs)));
    copy.removePlannerResult(u"route"_qs);
    QVERIFY(!copy.plannerResult(u"route"_qs));
    QVERIFY_THROWS_EXCEPTION(Failure, copy.setPlannerResult(PlannerResult{}));
}

void TestModel::idOfInt64MaxIsRefusedNotOverflowed_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<qint64>("id");
    const qint64 max = std::numeric_limits<qint64>::max();
    for (const char *kind : {"site", "link", "demand", "region", "constellation"}) {
        QTest::addRow("%s INT64_MAX", kind) << QString::fromLatin1(kind) << max;
        QTest::addRow("%s 2^53", kind) << QString::fromLatin1(kind) << (qint64(1) << 53);
        QTest::addRow("%s negative", kind) << QString::fromLatin1(kind) << qint64(-5);
    }
}

// An id of INT64_MAX (a CSV id, a GeoPackage fid) made the next id overflow (UBSan).
void TestModel::idOfInt64MaxIsRefusedNotOverflowed()
{
    QFETCH(QString, kind);
    QFETCH(qint64, id);
    Network network = twoSites();
    const Network before = network;
    const qint64 nextBefore = network.nextSiteId();
    try {
        if (kind == u"site") {
            Site site = makeSite(u"BIG"_qs, 1, 1);
            site.id = id;
            network.addSite(site);
        } else if (kind == u"link") {
            Link link;
            link.id = id;
            link.siteA = 1;
            link.siteB = 2;
            link.capacityGbps = 10;
            network.addLink(link);
        } else if (kind == u"demand") {
            Demand demand;
            demand.id = id;
            demand.source = 1;
            demand.destination = 2;
            demand.rateGbps = 1;
            network.addDemand(demand);
        } else if (kind == u"region") {
            Region region;
            region.id = id;
            region.name = u"r"_qs;
            region.rings = {{{0, 0}, {1, 1}, {0, 1}}};
            network.addRegion(region);
        } else {
            Constellation constellation;
            constellation.id = id;
            constellation.name = u"c"_qs;
            constellation.shells = {{72, 6, 1, 53, 550}};
            network.addConstellation(constellation);
        }
        QFAIL("an id beyond the largest was accepted");
    } catch (const Failure &failure) {
        const QString message = failure.diagnostic().message;
        QVERIFY2(message.contains(u"id %1 is out of range 1..9007199254740991"_qs.arg(id)),
                 qPrintable(message));
    }
    QVERIFY(network == before);
    QCOMPARE(network.nextSiteId(), nextBefore);
}

void TestModel::largestIdIsAcceptedAndTheNextIsRefused()
{
    Network network = twoSites();
    Site site = makeSite(u"LAST"_qs, 1, 1);
    site.id = limits::kMaxId;
    QCOMPARE(network.addSite(site), limits::kMaxId);
    QCOMPARE(network.nextSiteId(), limits::kMaxId + 1);
    // No ids are left: the next site is refused with the rule, not given a wrapped id.
    try {
        network.addSite(makeSite(u"MORE"_qs, 2, 2));
        QFAIL("a site past the largest id was added");
    } catch (const Failure &failure) {
        QVERIFY2(failure.diagnostic().message.contains(u"out of range 1..9007199254740991"_qs),
                 qPrintable(failure.diagnostic().message));
    }
    QCOMPARE(network.sites().size(), size_t(3));
}

void TestModel::reservedNextIdsBeyondTheLargestAreRefused()
{
    Network network = twoSites();
    QVERIFY_THROWS_EXCEPTION(Failure, network.reserveIds(std::numeric_limits<qint64>::max(), 1, 1));
    QVERIFY_THROWS_EXCEPTION(Failure, network.reserveIds(1, -1, 1));
    QCOMPARE(network.nextSiteId(), qint64(3));
    network.reserveIds(limits::kMaxId + 1, 1, 1); // the last id used: allowed
    QCOMPARE(network.nextSiteId(), limits::kMaxId + 1);
}

void TestModel::parallelCountIsBounded_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("valid");
    QTest::newRow("1") << 1 << true;
    QTest::newRow("1024") << 1024 << true;
    QTest::newRow("0") << 0 << false;
    QTest::newRow("1025") << 1025 << false;
    QTest::newRow("100000000") << 100000000 << false;
}

// The model accepted any parallel count (1e8 through a project); CSV stopped at 1024.
void TestModel::parallelCountIsBounded()
{
    QFETCH(int, count);
    QFETCH(bool, valid);
    const Network network = twoSites();
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    link.parallelCount = count;
    const Diagnostics problems = network.check(link);
    QCOMPARE(problems.isEmpty(), valid);
    if (!valid) {
        QCOMPARE(
            problems.constFirst().message,
            u"parallel count %1 is out of range 1..1024 (circuits in one link's bundle)"_qs.arg(
                count));
    }
}

// "latitude 90 is out of range -90..90" for 90.0000001: numbers are printed as given.
void TestModel::messagesShowNumbersAsGiven()
{
    const Network network = twoSites();
    Diagnostics problems = network.check(makeSite(u"X"_qs, 90.0000001, 0));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.constFirst().message,
             u"latitude 90.0000001 is out of range -90..90 degrees"_qs);
    problems = network.check(makeSite(u"X"_qs, 0, -180.00000000001));
    QCOMPARE(problems.constFirst().message,
             u"longitude -180.00000000001 is out of range -180..180 degrees"_qs);
    Link link;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 10;
    link.availability = 1.0000001;
    QCOMPARE(network.check(link).constFirst().message,
             u"availability 1.0000001 must be in (0, 1]"_qs);
}

// A Walker shell of 2,000,000,000 satellites grew to 22 GB and was killed.
void TestModel::constellationOfTwoBillionSatellitesIsRefused()
{
    Network network;
    Constellation huge;
    huge.name = u"huge"_qs;
    huge.shells = {{2000000000, 1000, 1, 53, 550}};
    const Diagnostics problems = network.check(huge);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.constFirst().message,
             u"2000000000 satellites are more than 500000, the most one constellation may hold"_qs);
    QVERIFY_THROWS_EXCEPTION(Failure, network.addConstellation(huge));
    QVERIFY(network.constellations().empty());

    // TLE sets count too: one satellite per element set.
    Constellation tle;
    tle.name = u"tle"_qs;
    tle.tleText = u"ISS\n1 25544U 98067A   24001.5 .00016717  00000-0  10270-3 0  9005\n"
                  "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391 42101\n"_qs;
    QCOMPARE(satelliteCount(tle), qint64(1));
    huge.shells = {{500000, 1000, 1, 53, 550}};
    QVERIFY(network.check(huge).isEmpty());
}

void TestModel::constellationRulesAreBounded_data()
{
    QTest::addColumn<WalkerShell>("shell");
    QTest::addColumn<std::optional<double>>("rangeKm");
    QTest::addColumn<bool>("minElevation");
    QTest::addColumn<IslPattern>("pattern");
    QTest::addColumn<int>("shift");
    QTest::addColumn<QString>("expected");      // empty: valid
    const WalkerShell polar{72, 6, 1, 53, 550}; // 6 planes of 12
    const std::optional<double> none;
    QTest::newRow("elevation only") << polar << none << true << IslPattern::None << 0 << QString();
    QTest::newRow("Hypatia's range alone")
        << polar << std::optional(1089.686) << false << IslPattern::Hypatia << 0 << QString();
    QTest::newRow("both limits") << polar << std::optional(1089.686) << true << IslPattern::PlusGrid
                                 << 0 << QString();
    QTest::newRow("longest range")
        << polar << std::optional(100000.0) << false << IslPattern::None << 0 << QString();
    QTest::newRow("largest shift")
        << polar << none << true << IslPattern::Hypatia << 11 << QString();
    QTest::newRow("range 0")
        << polar << std::optional(0.0) << true << IslPattern::None << 0
        << u"maximum slant range 0 km is out of range: above 0 and at most 100000 km"_qs;
    QTest::newRow("negative range")
        << polar << std::optional(-5.0) << true << IslPattern::None << 0
        << u"maximum slant range -5 km is out of range: above 0 and at most 100000 km"_qs;
    QTest::newRow("range past the bound")
        << polar << std::optional(100000.5) << false << IslPattern::None << 0
        << u"maximum slant range 100000.5 km is out of range: above 0 and at most 100000 km"_qs;
    QTest::newRow("range not a number")
        << polar << std::optional(qQNaN()) << true << IslPattern::None << 0
        << u"maximum slant range nan km is out of range: above 0 and at most 100000 km"_qs;
    QTest::newRow("no rule") << polar << none << false << IslPattern::None << 0
                             << u"without a maximum slant range the minimum elevation is the only "
                                "ground-satellite rule: it cannot be left out"_qs;
    QTest::newRow("shift with +Grid")
        << polar << none << true << IslPattern::PlusGrid << 1
        << u"ISL shift 1 applies to Hypatia's pairing only; with any other pattern it is 0"_qs;
    QTest::newRow("negative shift") << polar << none << true << IslPattern::Hypatia << -1
                                    << u"ISL shift -1 must not be negative"_qs;
    QTest::newRow("shift of a whole plane")
        << polar << none << true << IslPattern::Hypatia << 12
        << u"ISL shift 12 is out of range 0..11 (satellites per plane of Walker shell 72/6/1, less "
           "one)"_qs;
    QTest::newRow("Hypatia's +Grid on 2 planes")
        << WalkerShell{8, 2, 1, 53, 550} << none << true << IslPattern::Hypatia << 0
        << u"Hypatia's +Grid needs at least 3 planes of at least 3 satellites; Walker shell 8/2/1 "
           "has 2 of 4: use the +Grid pattern"_qs;
}

// A constellation keeps Hypatia's GSL rule and ISL pairing only within what the planner runs.
void TestModel::constellationRulesAreBounded()
{
    QFETCH(WalkerShell, shell);
    QFETCH(std::optional<double>, rangeKm);
    QFETCH(bool, minElevation);
    QFETCH(IslPattern, pattern);
    QFETCH(int, shift);
    QFETCH(QString, expected);
    Network network;
    Constellation constellation;
    constellation.name = u"Polar"_qs;
    constellation.shells = {shell};
    constellation.gslMaxRangeKm = rangeKm;
    constellation.gslMinElevation = minElevation;
    constellation.islPattern = pattern;
    constellation.islShift = shift;
    const Diagnostics problems = network.check(constellation);
    if (expected.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
        network.addConstellation(constellation);
        QCOMPARE(network.constellations().size(), std::size_t(1));
        return;
    }
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.constFirst().toString(), u"constellation Polar: "_qs + expected);
    QVERIFY_THROWS_EXCEPTION(Failure, network.addConstellation(constellation));
    QVERIFY(network.constellations().empty());
}

void TestModel::parseIntegerRefusesFractionsAndOutOfRange_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: refused
    QTest::addColumn<QString>("problem");
    QTest::newRow("digits") << u"64"_qs << qint64(64) << QString();
    QTest::newRow("spaces") << u" 8 "_qs << qint64(8) << QString();
    QTest::newRow("exponent") << u"1e6"_qs << qint64(1000000) << QString();
    QTest::newRow("real written whole") << u"64.0"_qs << qint64(64) << QString();
    QTest::newRow("fraction") << u"2.5"_qs << qint64(-1)
                              << u"\"2.5\" is not a whole number; give a whole number in "
                                 "1..10000000"_qs;
    QTest::newRow("too large") << u"1e19"_qs << qint64(-1)
                               << u"\"1e19\" is out of range 1..10000000"_qs;
    QTest::newRow("int overflow") << u"1e10"_qs << qint64(-1)
                                  << u"\"1e10\" is out of range 1..10000000"_qs;
    QTest::newRow("huge digits") << u"99999999999999999999999"_qs << qint64(-1)
                                 << u"\"99999999999999999999999\" is out of range 1..10000000"_qs;
    QTest::newRow("zero") << u"0"_qs << qint64(-1) << u"\"0\" is out of range 1..10000000"_qs;
    QTest::newRow("word") << u"many"_qs << qint64(-1)
                          << u"\"many\" is not a number; give a whole number in 1..10000000"_qs;
    QTest::newRow("infinity") << u"inf"_qs << qint64(-1)
                              << u"\"inf\" is not a number; give a whole number in 1..10000000"_qs;
}

void TestModel::parseIntegerRefusesFractionsAndOutOfRange()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QFETCH(QString, problem);
    QString said;
    const std::optional<qint64> value = parseInteger(text, 1, 10000000, said);
    if (expected < 0) {
        QVERIFY(!value);
        QCOMPARE(said, problem);
    } else {
        QCOMPARE(value, std::optional<qint64>(expected));
    }
}

void TestModel::excerptCutsLongTextToAReadableLength()
{
    QCOMPARE(excerpt(u"short"), u"short"_qs);
    const QString header(1000000, u'x');
    const QString shown = excerpt(header);
    QCOMPARE(shown, QString(80, u'x') + u"… (1000000 bytes)"_qs);
    QCOMPARE(excerpt(u"a\nb\tc"), u"a b c"_qs);
}

namespace {

// Sites A, B, C; links A-B and B-C; demands A->B and C->A: the part of {A, B} is A, B, A-B, A->B.
Network threeSitesInALine()
{
    Network network;
    network.addSite(makeSite(u"A"_qs, 30.0, 110.0));
    network.addSite(makeSite(u"B"_qs, 31.0, 111.0));
    network.addSite(makeSite(u"C"_qs, 32.0, 112.0));
    Link link;
    link.capacityGbps = 100;
    link.siteA = 1;
    link.siteB = 2;
    network.addLink(link);
    link.siteA = 2;
    link.siteB = 3;
    network.addLink(link);
    Demand demand;
    demand.rateGbps = 10;
    demand.source = 1;
    demand.destination = 2;
    network.addDemand(demand);
    demand.source = 3;
    demand.destination = 1;
    network.addDemand(demand);
    return network;
}

// Two sites, a link and a demand with every field at its default (optional ones unset).
NetworkPart plainPart()
{
    NetworkPart part;
    part.sites = {makeSite(u"A"_qs, 30.0, 110.0), makeSite(u"B"_qs, 31.0, 111.0)};
    part.sites[0].id = 1;
    part.sites[1].id = 2;
    Link link;
    link.id = 1;
    link.siteA = 1;
    link.siteB = 2;
    link.capacityGbps = 100;
    part.links = {link};
    Demand demand;
    demand.id = 1;
    demand.source = 1;
    demand.destination = 2;
    demand.rateGbps = 10;
    part.demands = {demand};
    return part;
}

NetworkPart throughJsonText(const NetworkPart &part)
{
    return networkPartFromJson(QJsonDocument(toJson(part)).toJson());
}

} // namespace

void TestModel::extractPartHoldsWhatIsAmongItsSitesOnly()
{
    const Network network = threeSitesInALine();
    // Unknown ids are left out; a site given twice or out of order is there once, in id order.
    const NetworkPart part = extractPart(network, {2, 999, 1, 2});
    QCOMPARE(part.sites.size(), std::size_t(2));
    QCOMPARE(part.sites[0], *network.site(1));
    QCOMPARE(part.sites[1], *network.site(2));
    QCOMPARE(part.links.size(), std::size_t(1)); // B-C has one end outside
    QCOMPARE(part.links[0], *network.link(1));
    QCOMPARE(part.demands.size(), std::size_t(1)); // C->A has one end outside
    QCOMPARE(part.demands[0], *network.demand(1));
    QVERIFY(extractPart(network, {}).sites.empty());
    QVERIFY(extractPart(network, {3}).links.empty());
}

void TestModel::networkPartJsonKeepsEveryField_data()
{
    QTest::addColumn<NetworkPart>("part");
    const NetworkPart plain = plainPart();
    QTest::newRow("optional fields unset") << plain;
    auto row = [&plain](const char *name, const std::function<void(NetworkPart &)> &change) {
        NetworkPart part = plain;
        change(part);
        QTest::newRow(name) << part;
    };
    row("site id", [](NetworkPart &p) { p.sites[1].id = limits::kMaxId; });
    row("site code", [](NetworkPart &p) { p.sites[0].code = u"DC_1-x"_qs; });
    row("site name", [](NetworkPart &p) { p.sites[0].name = u"  北京 Beijing, \"hub\"\n "_qs; });
    row("site name empty", [](NetworkPart &p) { p.sites[0].name.clear(); });
    row("site kind", [](NetworkPart &p) { p.sites[0].kind = SiteKind::GroundStation; });
    row("site latitude", [](NetworkPart &p) { p.sites[0].latitudeDeg = 0.1 + 0.2; });
    row("site latitude tiny", [](NetworkPart &p) { p.sites[0].latitudeDeg = 5e-324; });
    row("site longitude", [](NetworkPart &p) { p.sites[0].longitudeDeg = -179.99999999999997; });
    row("site region", [](NetworkPart &p) { p.sites[0].region = u" Hebei; Beijing "_qs; });
    row("site gpus", [](NetworkPart &p) { p.sites[0].gpus = 4096; });
    row("site gpus zero", [](NetworkPart &p) { p.sites[0].gpus = 0; });
    row("site gpus beyond a double",
        [](NetworkPart &p) { p.sites[0].gpus = std::numeric_limits<qint64>::max(); });
    row("site power", [](NetworkPart &p) { p.sites[0].powerMw = 12.345678901234567; });
    row("site power zero", [](NetworkPart &p) { p.sites[0].powerMw = 0.0; });
    row("site role", [](NetworkPart &p) { p.sites[0].role = u" route_reflector "_qs; });
    row("site attributes", [](NetworkPart &p) {
        p.sites[0].attributes =
            QJsonObject{{u"tier"_qs, 3},
                        {u"owner"_qs, u"China Unicom"_qs},
                        {u"nested"_qs, QJsonObject{{u"list"_qs, QJsonArray{1, u"two"_qs, true}}}},
                        {u"empty"_qs, QJsonValue::Null}};
    });
    row("link id", [](NetworkPart &p) { p.links[0].id = 77; });
    row("link ends", [](NetworkPart &p) { std::swap(p.links[0].siteA, p.links[0].siteB); });
    row("link name", [](NetworkPart &p) { p.links[0].name = u"  Jing–Jin trunk  "_qs; });
    row("link medium", [](NetworkPart &p) { p.links[0].medium = LinkMedium::SatelliteFeeder; });
    row("link capacity", [](NetworkPart &p) { p.links[0].capacityGbps = 1.0 / 3.0; });
    row("link parallel count",
        [](NetworkPart &p) { p.links[0].parallelCount = limits::kMaxParallelCount; });
    row("link length", [](NetworkPart &p) { p.links[0].lengthKm = 140.70000000000002; });
    row("link route factor", [](NetworkPart &p) { p.links[0].routeFactor = 1.3; });
    row("link IGP metric", [](NetworkPart &p) { p.links[0].igpMetric = 16777215; });
    row("link cost", [](NetworkPart &p) { p.links[0].cost = 0.0; });
    row("link availability", [](NetworkPart &p) { p.links[0].availability = 0.99999; });
    row("link SRLGs", [](NetworkPart &p) {
        p.links[0].srlgs = {u" JJJ-RING"_qs, u"coast "_qs, u"coast "_qs};
    });
    row("demand id", [](NetworkPart &p) { p.demands[0].id = 5; });
    row("demand ends",
        [](NetworkPart &p) { std::swap(p.demands[0].source, p.demands[0].destination); });
    row("demand name", [](NetworkPart &p) { p.demands[0].name = u" Beijing → Tianjin "_qs; });
    row("demand rate unset with a volume", [](NetworkPart &p) {
        p.demands[0].rateGbps.reset();
        p.demands[0].volumeTb = 20.0;
        p.demands[0].windowHours = 24.0;
    });
    row("demand rate", [](NetworkPart &p) { p.demands[0].rateGbps = 1e-9; });
    row("demand volume", [](NetworkPart &p) { p.demands[0].volumeTb = 1e15; });
    row("demand window", [](NetworkPart &p) { p.demands[0].windowHours = 0.25; });
    row("demand class",
        [](NetworkPart &p) { p.demands[0].demandClass = DemandClass::Replication; });
    row("demand latency bound", [](NetworkPart &p) { p.demands[0].maxLatencyMs = 5.5; });
    row("demand protection",
        [](NetworkPart &p) { p.demands[0].protection = Protection::OnePlusOne; });
    row("demand allowed regions", [](NetworkPart &p) {
        p.demands[0].allowedRegions = {u"Beijing"_qs, u" Hebei"_qs, u"Hebei;Tianjin"_qs};
    });
}

// Each row changes one field of a plain part: it must be in the JSON (not a default the reader
// fills in) and come back exactly, through the JSON text as the clipboard carries it.
void TestModel::networkPartJsonKeepsEveryField()
{
    QFETCH(NetworkPart, part);
    QCOMPARE(throughJsonText(part), part);
    if (QByteArray(QTest::currentDataTag()) != "optional fields unset")
        QVERIFY(toJson(part) != toJson(plainPart()));
    // The objects' own readers and writers agree as well.
    QCOMPARE(siteFromJson(toJson(part.sites[0])), part.sites[0]);
    QCOMPARE(linkFromJson(toJson(part.links[0])), part.links[0]);
    QCOMPARE(demandFromJson(toJson(part.demands[0])), part.demands[0]);
}

void TestModel::networkPartJsonRefusesDamagedOrForeignData_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expectedWhere");
    QTest::addColumn<QString>("expectedMessage"); // a part of it

    const QJsonObject plain = toJson(plainPart());
    auto changed = [&plain](const QString &array, const QString &key, const QJsonValue &value) {
        QJsonObject part = plain;
        QJsonArray objects = part.value(array).toArray();
        QJsonObject object = objects[0].toObject();
        if (value.isUndefined())
            object.remove(key);
        else
            object.insert(key, value);
        objects[0] = object;
        part.insert(array, objects);
        return QJsonDocument(part).toJson();
    };
    QTest::newRow("not JSON") << QByteArray("{\"format\": \"nqi-network-part\", ") << QString()
                              << u"the data is not valid JSON"_qs;
    QTest::newRow("empty") << QByteArray() << QString() << u"the data is not valid JSON"_qs;
    QTest::newRow("an array") << QByteArray("[1, 2]") << QString() << u"not an object"_qs;
    QTest::newRow("CSV text in JSON, as another version copied")
        << QByteArray(R"({"sites": "code,name,lat,lon\nBJ,Beijing,39.9,116.4\n"})") << QString()
        << u"is not an NQI network part"_qs;
    QJsonObject newer = plain;
    newer.insert(u"version"_qs, 2);
    QTest::newRow("a newer version") << QJsonDocument(newer).toJson() << QString()
                                     << u"of version 2, written by another NQI version"_qs;
    QJsonObject noLinks = plain;
    noLinks.remove(u"links"_qs);
    QTest::newRow("no links") << QJsonDocument(noLinks).toJson() << u"field links"_qs
                              << u"is missing, not an array"_qs;
    QJsonObject notAnObject = plain;
    notAnObject.insert(u"sites"_qs, QJsonArray{plain.value(u"sites"_qs)[0], 3});
    QTest::newRow("a site that is a number")
        << QJsonDocument(notAnObject).toJson() << u"sites[1]"_qs << u"is a number"_qs;
    QTest::newRow("latitude missing")
        << changed(u"sites"_qs, u"latitude_deg"_qs, QJsonValue::Undefined)
        << u"sites[0], field latitude_deg"_qs << u"is missing"_qs;
    QTest::newRow("latitude as text")
        << changed(u"sites"_qs, u"latitude_deg"_qs, u"39.9"_qs)
        << u"sites[0], field latitude_deg"_qs << u"is a string, not a number"_qs;
    QTest::newRow("name null") << changed(u"sites"_qs, u"name"_qs, QJsonValue::Null)
                               << u"sites[0], field name"_qs << u"is null, not a string"_qs;
    QTest::newRow("gpus a fraction") << changed(u"sites"_qs, u"gpus"_qs, 2.5)
                                     << u"sites[0], field gpus"_qs << u"2.5 is not a whole"_qs;
    QTest::newRow("unknown kind") << changed(u"sites"_qs, u"kind"_qs, u"castle"_qs)
                                  << u"sites[0], field kind"_qs << u"\"castle\" is not one of"_qs;
    QTest::newRow("attributes as text")
        << changed(u"sites"_qs, u"attributes"_qs, u"{}"_qs) << u"sites[0], field attributes"_qs
        << u"is a string, not an object"_qs;
    QTest::newRow("parallel count wrapping round an int")
        << changed(u"links"_qs, u"parallel_count"_qs, qint64(4294967297))
        << u"links[0], field parallel_count"_qs << u"4294967297 is out of range 1..1024"_qs;
    QTest::newRow("an SRLG that is a number")
        << changed(u"links"_qs, u"srlgs"_qs, QJsonArray{u"A"_qs, 7}) << u"links[0], field srlgs"_qs
        << u"item 2 is a number, not a string"_qs;
    QTest::newRow("unknown protection")
        << changed(u"demands"_qs, u"protection"_qs, u"2+2"_qs) << u"demands[0], field protection"_qs
        << u"\"2+2\" is not one of none, 1+1"_qs;
}

void TestModel::networkPartJsonRefusesDamagedOrForeignData()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expectedWhere);
    QFETCH(QString, expectedMessage);
    try {
        networkPartFromJson(json);
        QFAIL("damaged data was read");
    } catch (const Failure &failure) {
        QCOMPARE(failure.diagnostic().where, expectedWhere);
        QVERIFY2(failure.diagnostic().message.contains(expectedMessage),
                 qPrintable(failure.diagnostic().message));
    }
}

void TestModel::addPartAddsNewObjectsMoved()
{
    Network network = threeSitesInALine();
    Site kept = makeSite(u"DC_1"_qs, -89.995, 179.995);
    kept.id = 50;
    NetworkPart part = extractPart(network, {1, 2});
    part.sites.push_back(kept);
    part.links[0].name = u" trunk "_qs;
    const Network before = network;
    const AddedPart added = addPart(network, part, {0.01, 0.02});

    QCOMPARE(added.sites, (QList<SiteId>{4, 5, 6}));
    QCOMPARE(added.links, QList<LinkId>{3});
    QCOMPARE(added.demands, QList<DemandId>{3});
    for (const Site &site : before.sites()) // nothing there before changed
        QCOMPARE(*network.site(site.id), site);
    // Taken codes get new ones as imports make them; a free code is kept as it was.
    QCOMPARE(network.site(4)->code, u"A-2"_qs);
    QCOMPARE(network.site(5)->code, u"B-2"_qs);
    QCOMPARE(network.site(6)->code, u"DC_1"_qs);
    QCOMPARE(network.site(4)->latitudeDeg, 30.0 - 0.01);
    QCOMPARE(network.site(4)->longitudeDeg, 110.0 + 0.02);
    QCOMPARE(network.site(6)->latitudeDeg, -90.0); // held at the pole
    QCOMPARE(network.site(6)->longitudeDeg, std::remainder(179.995 + 0.02, 360.0)); // round
    QVERIFY(network.site(6)->longitudeDeg < -179.0);
    // Every other field is the original's.
    Site pasted = *network.site(5);
    pasted.id = 2;
    pasted.code = u"B"_qs;
    pasted.latitudeDeg = 31.0;
    pasted.longitudeDeg = 111.0;
    QCOMPARE(pasted, *network.site(2));
    Link link = *network.link(3);
    QCOMPARE(link.siteA, SiteId(4));
    QCOMPARE(link.siteB, SiteId(5));
    link.id = 1;
    link.siteA = 1;
    link.siteB = 2;
    QCOMPARE(link, part.links[0]);
    Demand demand = *network.demand(3);
    QCOMPARE(demand.source, SiteId(4));
    QCOMPARE(demand.destination, SiteId(5));
    demand.id = 1;
    demand.source = 1;
    demand.destination = 2;
    QCOMPARE(demand, part.demands[0]);

    // Pasted again: the codes made the first time are taken too.
    addPart(network, extractPart(before, {1}));
    QCOMPARE(network.site(7)->code, u"A-3"_qs);
}

void TestModel::addPartRefusedChangesNothing_data()
{
    QTest::addColumn<NetworkPart>("part");
    QTest::addColumn<QString>("expectedWhere");
    QTest::addColumn<QString>("expectedMessage");
    const Network network = threeSitesInALine();
    const NetworkPart plain = extractPart(network, {1, 2});

    NetworkPart part = plain;
    part.links[0].siteB = 3;
    QTest::newRow("a link to a site outside the part")
        << part << u"link #1"_qs << u"end B is site #3, which is not in the part"_qs;
    part = plain;
    part.demands[0].source = 9;
    QTest::newRow("a demand from a site outside the part")
        << part << u"demand #1"_qs << u"its source is site #9, which is not in the part"_qs;
    part = plain;
    part.sites[1].latitudeDeg = 200.0;
    QTest::newRow("a latitude out of range, not held at the pole")
        << part << u"site B-2"_qs << u"latitude 200 is out of range"_qs;
    part = plain;
    part.sites.push_back(part.sites[0]);
    QTest::newRow("a site twice") << part << u"site A"_qs << u"site #1 is in the part twice"_qs;
    part = plain;
    part.sites[0].code = u"北京"_qs;
    QTest::newRow("a code the model refuses") << part << u"site 北京"_qs << u"is not valid"_qs;
    part = plain;
    part.links[0].capacityGbps = 0.0;
    QTest::newRow("a link the model refuses") << part << u"link #3"_qs << u"must be positive"_qs;
}

void TestModel::addPartRefusedChangesNothing()
{
    QFETCH(NetworkPart, part);
    QFETCH(QString, expectedWhere);
    QFETCH(QString, expectedMessage);
    Network network = threeSitesInALine();
    const Network before = network;
    try {
        addPart(network, part, {0.01, 0.01});
        QFAIL("the part was added");
    } catch (const Failure &failure) {
        QCOMPARE(failure.diagnostic().where, expectedWhere);
        QVERIFY2(failure.diagnostic().message.contains(expectedMessage),
                 qPrintable(failure.diagnostic().message));
    }
    QCOMPARE(network, before);
    QCOMPARE(network.nextSiteId(), before.nextSiteId());
    QCOMPARE(network.nextLinkId(), before.nextLinkId());
    QCOMPARE(network.nextDemandId(), before.nextDemandId());
}

QTEST_GUILESS_MAIN(TestModel)
#include "tst_model.moc"
