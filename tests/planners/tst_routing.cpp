// Route and resilience planners against an independent networkx computation, on real Topology
// Zoo graphs and on random graphs with many equal-cost paths, parallel links and SRLGs.

#include "core/io/importer.h"
#include "core/model/network.h"
#include "planners/capacity/capacity.h"
#include "planners/common/routinggraph.h"
#include "planners/latency/latency.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace nqi;

namespace {

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(std::abs(a), std::abs(b)) + 1e-9;
}

#define COMPARE_CLOSE(actual, expected, what)                                                      \
    QVERIFY2(                                                                                      \
        close((actual), (expected)),                                                               \
        qPrintable(                                                                                \
            u"%1: %2 != %3"_qs.arg(what).arg((actual), 0, 'g', 17).arg((expected), 0, 'g', 17)))

// Gives a network routing properties that make ECMP and failures interesting: small integer
// metrics (many ties), explicit lengths, mixed capacities, parallel links, SRLGs (some failing
// the same links as a link or another SRLG) and demands.
void decorate(core::Network &network, quint32 seed, int demandCount)
{
    QRandomGenerator random(seed);
    std::vector<core::Link> links = network.links();
    for (core::Link link : links) {
        link.igpMetric = 1 + random.bounded(3);
        link.lengthKm = std::max(1.0, network.lengthKm(link)); // co-located sites in the Zoo
        link.capacityGbps = random.bounded(2) ? 100.0 : 400.0;
        link.srlgs.clear();
        network.updateLink(link);
    }
    // A few parallel links, and SRLGs of two or three links.
    for (int i = 0; i < std::max<int>(2, int(links.size()) / 10); ++i) {
        core::Link copy = network.links()[size_t(random.bounded(int(links.size())))];
        copy.id = 0;
        network.addLink(copy);
    }
    for (int g = 0; g < 3; ++g) {
        for (int k = 0; k < 2 + g % 2; ++k) {
            core::Link link = network.links()[size_t(random.bounded(int(network.links().size())))];
            if (!link.srlgs.contains(u"duct-%1"_qs.arg(g)))
                link.srlgs << u"duct-%1"_qs.arg(g);
            network.updateLink(link);
        }
    }
    // An SRLG of one link, and one of the same links as another: scenarios that fail the same
    // as others (run once, their figures given to each).
    for (core::Link link : network.links()) {
        if (link.id == network.links().front().id)
            link.srlgs << u"conduit"_qs;
        if (link.srlgs.contains(u"duct-0"_qs))
            link.srlgs << u"trench"_qs;
        network.updateLink(link);
    }
    const auto &sites = network.sites();
    for (int i = 0; i < demandCount; ++i) {
        core::Demand demand;
        demand.source = sites[size_t(random.bounded(int(sites.size())))].id;
        do {
            demand.destination = sites[size_t(random.bounded(int(sites.size())))].id;
        } while (demand.destination == demand.source);
        demand.rateGbps = 1.0 + random.bounded(50);
        network.addDemand(demand);
    }
}

core::Network zooNetwork(const QString &name, quint32 seed)
{
    core::Network network;
    core::Importer::importFiles(network,
                                {QStringLiteral(NQI_SHARED_DIR) +
                                 u"/datasets/topology-zoo/graphml/"_qs + name + u".graphml"_qs},
                                {});
    decorate(network, seed, 3 * int(network.sites().size()));
    return network;
}

// Random graph in a box over China: a random tree and extra edges; with islandSites, also an
// island (a chain of that many sites with a parallel link) and a site with no link at all, so
// that some demands have no path in any scenario.
core::Network randomNetwork(int sites, int extraLinks, quint32 seed, int islandSites = 0)
{
    QRandomGenerator random(seed);
    core::Network network;
    for (int i = 0; i < sites; ++i) {
        core::Site site;
        site.code = u"R%1"_qs.arg(i);
        site.name = site.code;
        site.latitudeDeg = 22.0 + random.generateDouble() * 20.0;
        site.longitudeDeg = 100.0 + random.generateDouble() * 22.0;
        network.addSite(site);
    }
    auto link = [&](int a, int b) {
        core::Link l;
        l.siteA = network.sites()[size_t(a)].id;
        l.siteB = network.sites()[size_t(b)].id;
        l.capacityGbps = 100.0;
        network.addLink(l);
    };
    for (int i = 1; i < sites; ++i)
        link(i, random.bounded(i));
    for (int k = 0; k < extraLinks; ++k) {
        const int a = random.bounded(sites);
        int b = random.bounded(sites);
        if (b == a)
            b = (a + 1) % sites;
        link(a, b);
    }
    if (islandSites > 0) {
        for (int i = 0; i <= islandSites; ++i) {
            core::Site site;
            site.code = u"I%1"_qs.arg(i);
            site.name = site.code;
            site.latitudeDeg = 30.0 + 0.5 * i;
            site.longitudeDeg = 90.0;
            network.addSite(site);
        }
        for (int i = 1; i < islandSites; ++i)
            link(sites + i - 1, sites + i);
        link(sites, sites + 1); // parallel to the island's first link
    }
    decorate(network, seed + 1, 4 * (sites + islandSites));
    return network;
}

// The bundled sample project, from its CSV files.
core::Network sampleProject()
{
    core::Network network;
    const QString folder =
        QStringLiteral(NQI_SOURCE_DIR) + u"/resources/samples/east-data-west-computing/"_qs;
    core::Importer::importFiles(
        network, {folder + u"sites.csv"_qs, folder + u"links.csv"_qs, folder + u"demands.csv"_qs},
        {});
    return network;
}

QJsonObject networkJson(const core::Network &network, double perHopMs, bool n2, int topK)
{
    QJsonArray sites, links, demands;
    for (const core::Site &site : network.sites())
        sites.append(QJsonObject{{u"id"_qs, site.id}, {u"code"_qs, site.code}});
    for (const core::Link &link : network.links())
        links.append(QJsonObject{{u"id"_qs, link.id},
                                 {u"a"_qs, link.siteA},
                                 {u"b"_qs, link.siteB},
                                 {u"metric"_qs, *link.igpMetric},
                                 {u"lengthKm"_qs, *link.lengthKm},
                                 {u"capacityGbps"_qs, link.totalCapacityGbps()},
                                 {u"srlgs"_qs, QJsonArray::fromStringList(link.srlgs)}});
    for (const core::Demand &demand : network.demands())
        demands.append(QJsonObject{{u"id"_qs, demand.id},
                                   {u"source"_qs, demand.source},
                                   {u"destination"_qs, demand.destination},
                                   {u"rateGbps"_qs, demand.effectiveRateGbps()}});
    return {{u"sites"_qs, sites},       {u"links"_qs, links}, {u"demands"_qs, demands},
            {u"perHopMs"_qs, perHopMs}, {u"n2"_qs, n2},       {u"topK"_qs, topK}};
}

QJsonObject reference(const core::Network &network, double perHopMs, bool n2, int topK)
{
    QTemporaryDir dir;
    dir.setAutoRemove(qEnvironmentVariableIsEmpty("NQI_KEEP_REFERENCE_INPUT"));
    const QString input = dir.filePath(u"network.json"_qs);
    QFile file(input);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(input));
    file.write(QJsonDocument(networkJson(network, perHopMs, n2, topK)).toJson());
    file.close();
    QProcess python;
    python.start(
        u"/usr/bin/python3"_qs,
        {QStringLiteral(NQI_SOURCE_DIR) + u"/tests/planners/routing_reference.py"_qs, input});
    if (!python.waitForFinished(600000) || python.exitCode() != 0)
        qFatal("reference failed: %s", python.readAllStandardError().constData());
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

QMap<qint64, QJsonObject> byId(const QJsonArray &array)
{
    QMap<qint64, QJsonObject> map;
    for (const QJsonValue &value : array)
        map.insert(value[u"id"_qs].toInteger(), value.toObject());
    return map;
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &item : value.toArray())
        list << (item.isString() ? item.toString() : QString::number(item.toInteger()));
    return list;
}

} // namespace

class TestRouting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesNetworkx_data();
    void matchesNetworkx();
    void linkPairs_data();
    void linkPairs();
    void sameResultOnAnyNumberOfThreads();
    void partsMergeIntoTheSingleRun_data();
    void partsMergeIntoTheSingleRun();
    void mergeRefusesWhatIsNotOneSweep();
    void topKOutOfRangeIsRefused();
    void igpMetricFromLatency();
    void trafficEngineeringReachesTheOptimum();
    void trafficEngineeringHonoursBoundsAndRegions();
    void aBoundEqualToTheFastestLatencyIsMet();
    void igpReportsResidencyViolations();
    void disjointPairAvoidsTheTrap();
    void disjointPairInANetworkOfSeveralComponents();
    void igpMetricsOfKdlAtTheExactFibreConstant();

private:
    void compare(const core::Network &network, double perHopMs, bool n2, int topK = 10);
};

void TestRouting::matchesNetworkx_data()
{
    QTest::addColumn<QString>("zoo");
    QTest::addColumn<int>("randomSites");
    QTest::addColumn<double>("perHopMs");
    QTest::addColumn<int>("islandSites");
    QTest::addColumn<int>("topK");
    QTest::addColumn<int>("metricScale");
    QTest::newRow("Abilene") << u"Abilene"_qs << 0 << 0.0 << 0 << 10 << 1;
    QTest::newRow("Geant2012") << u"Geant2012"_qs << 0 << 0.05 << 0 << 10 << 1;
    QTest::newRow("Bellcanada") << u"Bellcanada"_qs << 0 << 0.0 << 0 << 10 << 1;
    QTest::newRow("Uninett2011") << u"Uninett2011"_qs << 0 << 0.0 << 0 << 3 << 1;
    QTest::newRow("Cesnet201006") << u"Cesnet201006"_qs << 0 << 0.0 << 0 << 10 << 1;
    QTest::newRow("random-30") << QString() << 30 << 0.0 << 0 << 10 << 1;
    QTest::newRow("random-60") << QString() << 60 << 0.02 << 0 << 10 << 1;
    // Parallel links, SRLGs (decorate) and pairs no scenario connects (an island, a lone site).
    QTest::newRow("random-40-island") << QString() << 40 << 0.0 << 4 << 10 << 1;
    QTest::newRow("random-50-island-top1") << QString() << 50 << 0.01 << 3 << 1 << 1;
    QTest::newRow("random-25-island-top0") << QString() << 25 << 0.0 << 2 << 0 << 1;
    QTest::newRow("random-35-island-top50") << QString() << 35 << 0.0 << 5 << 50 << 1;
    // Metrics so wide that distances outgrow the search's ring of buckets: its other queue.
    QTest::newRow("random-45-wide-metrics") << QString() << 45 << 0.0 << 3 << 10 << 1000003;
}

void TestRouting::matchesNetworkx()
{
    QFETCH(QString, zoo);
    QFETCH(int, randomSites);
    QFETCH(double, perHopMs);
    QFETCH(int, islandSites);
    QFETCH(int, topK);
    QFETCH(int, metricScale);
    core::Network network =
        zoo.isEmpty() ? randomNetwork(randomSites, randomSites, quint32(randomSites), islandSites)
                      : zooNetwork(zoo, 7);
    if (metricScale != 1) {
        for (core::Link link : network.links()) {
            link.igpMetric = *link.igpMetric * metricScale;
            network.updateLink(link);
        }
    }
    compare(network, perHopMs, false, topK);
}

void TestRouting::linkPairs_data()
{
    QTest::addColumn<int>("sites");
    QTest::addColumn<int>("extraLinks");
    QTest::addColumn<int>("islandSites");
    QTest::addColumn<int>("topK");
    QTest::newRow("random-14") << 14 << 10 << 0 << 10;
    QTest::newRow("random-12-island") << 12 << 8 << 3 << 5;
    // Nearly a tree: most of its 1,891 link pairs cut traffic, more than a result lists.
    QTest::newRow("random-60-tree") << 60 << 2 << 0 << 3;
}

void TestRouting::linkPairs()
{
    QFETCH(int, sites);
    QFETCH(int, extraLinks);
    QFETCH(int, islandSites);
    QFETCH(int, topK);
    compare(randomNetwork(sites, extraLinks, 99, islandSites), 0.0, true, topK);
}

void TestRouting::compare(const core::Network &network, double perHopMs, bool n2, int topK)
{
    const QJsonObject expected = reference(network, perHopMs, n2, topK);
    planners::Progress progress;

    planners::route::Options routeOptions;
    routeOptions.perHopLatencyMs = perHopMs;
    routeOptions.workers = 2;
    const QJsonObject route =
        planners::route::toJson(network, planners::route::run(network, routeOptions, progress));
    const QJsonObject expectedRoute = expected[u"route"_qs].toObject();
    const auto links = byId(route[u"links"_qs].toArray());
    for (const auto &[id, link] : byId(expectedRoute[u"links"_qs].toArray()).asKeyValueRange()) {
        COMPARE_CLOSE(links[id][u"loadAbGbps"_qs].toDouble(), link[u"loadAbGbps"_qs].toDouble(),
                      u"link %1 a->b"_qs.arg(id));
        COMPARE_CLOSE(links[id][u"loadBaGbps"_qs].toDouble(), link[u"loadBaGbps"_qs].toDouble(),
                      u"link %1 b->a"_qs.arg(id));
    }
    const auto demands = byId(route[u"demands"_qs].toArray());
    const auto expectedDemands = byId(expectedRoute[u"demands"_qs].toArray());
    QCOMPARE(demands.size(), expectedDemands.size());
    int pathsCompared = 0;
    for (const auto &[id, demand] : expectedDemands.asKeyValueRange()) {
        const QJsonObject actual = demands[id];
        const QString what = u"demand %1"_qs.arg(id);
        COMPARE_CLOSE(actual[u"latencyMs"_qs].toDouble(), demand[u"latencyMs"_qs].toDouble(), what);
        COMPARE_CLOSE(actual[u"minLatencyMs"_qs].toDouble(), demand[u"minLatencyMs"_qs].toDouble(),
                      what);
        QCOMPARE(actual[u"hops"_qs].toInt(), demand[u"hops"_qs].toInt());
        QCOMPARE(actual[u"pathCount"_qs].toDouble(), demand[u"pathCount"_qs].toDouble());
        if (demand.contains(u"paths"_qs)) {
            QStringList ours, theirs;
            for (const QJsonValue &path : actual[u"paths"_qs].toArray())
                ours << strings(path).join(u' ');
            for (const QJsonValue &path : demand[u"paths"_qs].toArray())
                theirs << strings(path).join(u' ');
            ours.sort();
            theirs.sort();
            QCOMPARE(ours, theirs);
            ++pathsCompared;
        }
    }
    QVERIFY(pathsCompared > 0);
    QCOMPARE(strings(route[u"unrouted"_qs]).size(), strings(expectedRoute[u"unrouted"_qs]).size());

    planners::resilience::Options options;
    options.perHopLatencyMs = perHopMs;
    options.linkPairs = n2;
    options.workers = 2;
    options.topK = topK;
    const QJsonObject resilience = planners::resilience::toJson(
        network, planners::resilience::run(network, options, progress));
    const QJsonObject expectedResilience = expected[u"resilience"_qs].toObject();
    QCOMPARE(resilience[u"scenarios"_qs].toInteger(),
             expectedResilience[u"scenarios"_qs].toInteger());
    const auto worst = byId(resilience[u"links"_qs].toArray());
    for (const auto &[id, link] :
         byId(expectedResilience[u"links"_qs].toArray()).asKeyValueRange()) {
        const QJsonObject actual = worst[id];
        const QString what = u"link %1"_qs.arg(id);
        COMPARE_CLOSE(actual[u"normalLoadGbps"_qs].toDouble(),
                      link[u"normalLoadGbps"_qs].toDouble(), what);
        COMPARE_CLOSE(actual[u"worstLoadGbps"_qs].toDouble(), link[u"worstLoadGbps"_qs].toDouble(),
                      what);
        QVERIFY2(
            strings(link[u"worstScenarios"_qs]).contains(actual[u"worstScenario"_qs].toString()),
            qPrintable(what + u": "_qs + actual[u"worstScenario"_qs].toString() + u" not in "_qs +
                       strings(link[u"worstScenarios"_qs]).join(u", "_qs)));
        // Top-k: the same loads in the same order; a scenario other than networkx's only where
        // both load the link alike (a tie within rounding).
        const QJsonArray top = actual[u"top"_qs].toArray();
        const QJsonArray expectedTop = link[u"top"_qs].toArray();
        const QJsonObject above = link[u"above"_qs].toObject();
        QCOMPARE(top.size(), expectedTop.size());
        if (topK > 0)
            QCOMPARE(top[0][u"scenario"_qs].toString(), actual[u"worstScenario"_qs].toString());
        for (qsizetype i = 0; i < top.size(); ++i) {
            const QString ours = top[i][u"scenario"_qs].toString();
            const QString theirs = expectedTop[i][u"scenario"_qs].toString();
            const double load = top[i][u"loadGbps"_qs].toDouble();
            COMPARE_CLOSE(load, expectedTop[i][u"loadGbps"_qs].toDouble(),
                          what + u" top %1"_qs.arg(i));
            COMPARE_CLOSE(top[i][u"utilization"_qs].toDouble(),
                          load / actual[u"capacityGbps"_qs].toDouble(), what);
            if (ours != theirs) {
                QVERIFY2(above.contains(ours) || ours == u"normal",
                         qPrintable(what + u": "_qs + ours + u" instead of "_qs + theirs));
                COMPARE_CLOSE(ours == u"normal" ? link[u"normalLoadGbps"_qs].toDouble()
                                                : above[ours].toDouble(),
                              load, what + u": "_qs + ours + u" instead of "_qs + theirs);
            }
        }
    }
    const auto outcomes = byId(resilience[u"demands"_qs].toArray());
    const auto expectedOutcomes = byId(expectedResilience[u"demands"_qs].toArray());
    QCOMPARE(outcomes.size(), expectedOutcomes.size());
    for (const auto &[id, demand] : expectedOutcomes.asKeyValueRange()) {
        const QJsonObject actual = outcomes[id];
        const QString what = u"demand %1"_qs.arg(id);
        COMPARE_CLOSE(actual[u"worstLatencyMs"_qs].toDouble(),
                      demand[u"worstLatencyMs"_qs].toDouble(), what);
        COMPARE_CLOSE(actual[u"worstStretch"_qs].toDouble(), demand[u"worstStretch"_qs].toDouble(),
                      what);
        QVERIFY2(
            strings(demand[u"worstScenarios"_qs]).contains(actual[u"worstScenario"_qs].toString()),
            qPrintable(what + u": "_qs + actual[u"worstScenario"_qs].toString()));
        QCOMPARE(actual[u"scenariosDisconnected"_qs].toInt(),
                 demand[u"scenariosDisconnected"_qs].toInt());
    }
    QMap<QString, QJsonObject> cut, expectedCut;
    for (const QJsonValue &value : resilience[u"disconnected"_qs].toArray())
        cut.insert(value[u"scenario"_qs].toString(), value.toObject());
    for (const QJsonValue &value : expectedResilience[u"disconnected"_qs].toArray())
        expectedCut.insert(value[u"scenario"_qs].toString(), value.toObject());
    // Every cutting scenario counted; every single failure's cut listed, and of link pairs the
    // kMaxListedPairCuts that cut the most traffic (none left out cuts more than one listed).
    QCOMPARE(resilience[u"cuttingScenarios"_qs].toInteger(), qint64(expectedCut.size()));
    const auto isPair = [](const QString &name) { return name.startsWith(u"links "_qs); };
    const auto gbps = [](const QJsonObject &entry) {
        return entry[u"lostGbps"_qs].toDouble() + entry[u"endpointDownGbps"_qs].toDouble();
    };
    qint64 expectedPairs = 0;
    double leastListed = HUGE_VAL, mostLeftOut = -HUGE_VAL;
    for (const auto &[name, entry] : expectedCut.asKeyValueRange()) {
        if (!isPair(name)) {
            QVERIFY2(cut.contains(name), qPrintable(name));
            continue;
        }
        ++expectedPairs;
        if (cut.contains(name))
            leastListed = std::min(leastListed, gbps(entry));
        else
            mostLeftOut = std::max(mostLeftOut, gbps(entry));
    }
    qint64 listedPairs = 0;
    for (const QString &name : cut.keys()) {
        QVERIFY2(expectedCut.contains(name), qPrintable(name));
        listedPairs += isPair(name) ? 1 : 0;
    }
    QCOMPARE(listedPairs,
             std::min(expectedPairs, qint64(planners::resilience::kMaxListedPairCuts)));
    QVERIFY2(mostLeftOut <= leastListed + 1e-9 * (1.0 + std::abs(leastListed)),
             qPrintable(u"a link pair cutting %1 Gbps is left out, one cutting %2 listed"_qs.arg(
                 mostLeftOut)
                            .arg(leastListed)));
    if (n2) {
        QCOMPARE(resilience[u"linkPairCuts"_qs][u"scenarios"_qs].toInteger(), expectedPairs);
        QCOMPARE(resilience[u"linkPairCuts"_qs][u"listed"_qs].toInteger(), listedPairs);
    }
    for (const auto &[name, entry] : expectedCut.asKeyValueRange()) {
        if (!cut.contains(name))
            continue;
        QCOMPARE(strings(cut[name][u"demands"_qs]), strings(entry[u"demands"_qs]));
        QCOMPARE(strings(cut[name][u"endpointDown"_qs]), strings(entry[u"endpointDown"_qs]));
        COMPARE_CLOSE(cut[name][u"lostGbps"_qs].toDouble(), entry[u"lostGbps"_qs].toDouble(), name);
        COMPARE_CLOSE(cut[name][u"endpointDownGbps"_qs].toDouble(),
                      entry[u"endpointDownGbps"_qs].toDouble(), name);
    }
    QCOMPARE(strings(resilience[u"bridges"_qs]), strings(expectedResilience[u"bridges"_qs]));
    QStringList points = strings(resilience[u"articulationPoints"_qs]);
    points.sort();
    QCOMPARE(points, strings(expectedResilience[u"articulationPoints"_qs]));
}

void TestRouting::sameResultOnAnyNumberOfThreads()
{
    const core::Network network = randomNetwork(80, 90, 5);
    planners::Progress progress;
    planners::resilience::Options options;
    options.workers = 1;
    const QJsonObject one = planners::resilience::toJson(
        network, planners::resilience::run(network, options, progress));
    options.workers = 3;
    const QJsonObject three = planners::resilience::toJson(
        network, planners::resilience::run(network, options, progress));
    QCOMPARE(QJsonDocument(one).toJson(), QJsonDocument(three).toJson());
    planners::route::Options routeOptions;
    routeOptions.workers = 1;
    const QJsonObject routeOne =
        planners::route::toJson(network, planners::route::run(network, routeOptions, progress));
    routeOptions.workers = 3;
    const QJsonObject routeThree =
        planners::route::toJson(network, planners::route::run(network, routeOptions, progress));
    QCOMPARE(QJsonDocument(routeOne).toJson(), QJsonDocument(routeThree).toJson());
}

void TestRouting::partsMergeIntoTheSingleRun_data()
{
    QTest::addColumn<QString>("network");
    QTest::addColumn<bool>("n2");
    QTest::addColumn<int>("topK");
    QTest::newRow("sample") << u"sample"_qs << false << 10;
    QTest::newRow("sample-n2") << u"sample"_qs << true << 10;
    QTest::newRow("Abilene") << u"Abilene"_qs << false << 10;
    QTest::newRow("Abilene-n2") << u"Abilene"_qs << true << 3;
    QTest::newRow("Geant2012") << u"Geant2012"_qs << false << 1;
    QTest::newRow("random-island") << u"random"_qs << false << 10;
    QTest::newRow("random-island-n2") << u"random"_qs << true << 10;
    QTest::newRow("random-island-top0") << u"random"_qs << false << 0;
}

void TestRouting::partsMergeIntoTheSingleRun()
{
    QFETCH(QString, network);
    QFETCH(bool, n2);
    QFETCH(int, topK);
    const core::Network net = network == u"sample"   ? sampleProject()
                              : network == u"random" ? randomNetwork(16, 10, 3, 3)
                                                     : zooNetwork(network, 11);
    planners::Progress progress;
    planners::resilience::Options options;
    options.linkPairs = n2;
    options.topK = topK;
    options.workers = 2;
    const QByteArray single =
        QJsonDocument(
            planners::resilience::toJson(net, planners::resilience::run(net, options, progress)))
            .toJson();
    for (int count : {1, 2, 3, 7}) {
        std::vector<QJsonObject> parts;
        for (int index = count - 1; index >= 0; --index) { // any order
            // Through text, as parts travel between machines; on one thread or several.
            options.workers = 1 + index % 2;
            const QJsonObject part =
                planners::resilience::runPart(net, options, index, count, progress);
            parts.push_back(QJsonDocument::fromJson(QJsonDocument(part).toJson()).object());
        }
        options.workers = 2;
        const QByteArray merged =
            QJsonDocument(planners::resilience::mergeParts(net, options, parts)).toJson();
        QVERIFY2(merged == single, qPrintable(u"%1 parts"_qs.arg(count)));
        if (count < 3)
            continue;
        // In two levels, as a cluster's nodes would: groups of parts combined into one part
        // each (through text), then the groups merged, or a group beside plain parts.
        const auto combined = [&](std::vector<QJsonObject> group) {
            const QJsonObject part = planners::resilience::combineParts(net, options, group);
            return QJsonDocument::fromJson(QJsonDocument(part).toJson()).object();
        };
        const std::vector<QJsonObject> first(parts.begin(), parts.begin() + count / 2),
            rest(parts.begin() + count / 2, parts.end());
        const QByteArray twoLevels = QJsonDocument(planners::resilience::mergeParts(
                                                       net, options, {combined(rest),
                                                                      combined(first)}))
                                         .toJson();
        QVERIFY2(twoLevels == single, qPrintable(u"%1 parts in two levels"_qs.arg(count)));
        std::vector<QJsonObject> mixed(rest);
        mixed.push_back(combined(first));
        QVERIFY2(QJsonDocument(planners::resilience::mergeParts(net, options, mixed)).toJson() ==
                     single,
                 qPrintable(u"%1 parts, a group beside plain parts"_qs.arg(count)));
        // A group given twice, or beside one of its own parts, is a shard given twice.
        bool refused = false;
        try {
            planners::resilience::mergeParts(net, options, {combined(first), first.front(),
                                                            combined(rest)});
        } catch (const core::Failure &failure) {
            refused = failure.diagnostic().message.contains(u"is given twice"_qs);
        }
        QVERIFY(refused);
    }
}

void TestRouting::mergeRefusesWhatIsNotOneSweep()
{
    const core::Network network = randomNetwork(12, 6, 8, 2);
    planners::Progress progress;
    planners::resilience::Options options;
    std::vector<QJsonObject> parts;
    for (int index = 0; index < 3; ++index)
        parts.push_back(planners::resilience::runPart(network, options, index, 3, progress));
    auto refusal = [&](const std::vector<QJsonObject> &given, const core::Network &against,
                       const planners::resilience::Options &with) {
        try {
            planners::resilience::mergeParts(against, with, given);
        } catch (const core::Failure &failure) {
            return failure.diagnostic().message;
        }
        return u"(merged)"_qs;
    };
    QCOMPARE(refusal(parts, network, options), u"(merged)"_qs);
    QCOMPARE(refusal({}, network, options), u"no resilience parts to merge"_qs);

    // Not a part: another planner's JSON, or a newer format.
    std::vector<QJsonObject> given = parts;
    given[1] = planners::resilience::toJson(network,
                                            planners::resilience::run(network, options, progress));
    QCOMPARE(refusal(given, network, options),
             u"part 2 is not a resilience part (its format is \"\", not "
             "\"nqi-resilience-part\")"_qs);
    given = parts;
    given[0][u"version"_qs] = 3;
    QCOMPARE(refusal(given, network, options),
             u"part 1 is version 3 of the resilience part format; this version of nqi reads "
             "version 2"_qs);

    // Another network: the parts' digest, or the network given to merge.
    core::Network changed = network;
    core::Link link = changed.links().front();
    link.capacityGbps *= 2.0;
    changed.updateLink(link);
    const QString digest = QString::fromLatin1(network.digest());
    const QString changedDigest = QString::fromLatin1(changed.digest());
    QCOMPARE(refusal(parts, changed, options),
             u"part 1 (shard 0 of 3) was run on another network (digest %1, this network's is "
             "%2): run every part on the same network"_qs.arg(digest, changedDigest));
    given = parts;
    given[2] = planners::resilience::runPart(changed, options, 2, 3, progress);
    QCOMPARE(refusal(given, network, options),
             u"part 3 (shard 2 of 3) was run on another network (digest %1, this network's is "
             "%2): run every part on the same network"_qs.arg(changedDigest, digest));

    // Other options.
    planners::resilience::Options other = options;
    other.topK = 4;
    QCOMPARE(refusal(parts, network, other),
             u"part 1 (shard 0 of 3) was run with other options "
             "({\"n2\":false,\"perHopMs\":0,\"topK\":10}, these are "
             "{\"n2\":false,\"perHopMs\":0,\"topK\":4})"_qs);

    // Counts, missing and repeated shards.
    given = parts;
    given[1] = planners::resilience::runPart(network, options, 1, 4, progress);
    QCOMPARE(refusal(given, network, options),
             u"part 2 (shard 1 of 4) is of a split into 4 shards, part 1 of a split into 3: "
             "merge the parts of one split"_qs);
    given = {parts[0], parts[2]};
    QCOMPARE(refusal(given, network, options),
             u"shard 1 of 3 missing: merge every part of the split"_qs);
    given = {parts[1]};
    QCOMPARE(refusal(given, network, options),
             u"shards 0, 2 of 3 missing: merge every part of the split"_qs);
    given = {parts[0], parts[1], parts[2], parts[1]};
    QCOMPARE(refusal(given, network, options), u"shard 1 of 3 is given twice (parts 2 and 4)"_qs);
    given = parts;
    given[0][u"shard"_qs] = QJsonObject{{u"index"_qs, 3}, {u"count"_qs, 3}};
    QCOMPARE(refusal(given, network, options),
             u"part 1 names no valid shard ({\"count\":3,\"index\":3})"_qs);

    // A part whose figures were changed by hand: a scenario of another shard.
    given = parts;
    QJsonArray cuts = given[0][u"cuts"_qs].toArray();
    QVERIFY(!cuts.isEmpty()); // the island's demands are cut in every scenario
    QJsonArray cut = cuts[0].toArray();
    cut[0] = cut[0].toInt() + 1;
    cuts[0] = cut;
    given[0][u"cuts"_qs] = cuts;
    QCOMPARE(refusal(given, network, options),
             u"part 1 (shard 0 of 3) is damaged: scenario %1 is not one of its shard's"_qs.arg(
                 cut[0].toInt()));

    // runPart refuses a shard that does not exist.
    try {
        planners::resilience::runPart(network, options, 3, 3, progress);
        QFAIL("accepted");
    } catch (const core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"shard 3 of 3 does not exist: give a shard from 0 to the count less one"_qs);
    }
}

void TestRouting::topKOutOfRangeIsRefused()
{
    const core::Network network = randomNetwork(6, 2, 4);
    planners::Progress progress;
    planners::resilience::Options options;
    for (int topK : {-1, planners::resilience::kMaxTopK + 1}) {
        options.topK = topK;
        try {
            planners::resilience::run(network, options, progress);
            QFAIL("accepted");
        } catch (const core::Failure &failure) {
            QCOMPARE(failure.diagnostic().message,
                     u"top-k is %1: keep 0 to 1000 worst scenarios per link"_qs.arg(topK));
        }
    }
    options.topK = planners::resilience::kMaxTopK;
    const auto result = planners::resilience::run(network, options, progress);
    for (const auto &link : result.links) // every scenario that loads it more, then normal
        QVERIFY(!link.top.empty() && link.top.back().scenario == 0);
}

void TestRouting::igpMetricFromLatency()
{
    core::Network network = randomNetwork(3, 0, 1);
    core::Link link = network.links().front();
    link.igpMetric.reset();
    link.lengthKm = 1000.0; // 4.8967 ms
    network.updateLink(link);
    QCOMPARE(planners::igpMetric(network, network.links().front()), 4897);
    link.lengthKm = 0.01;
    network.updateLink(link);
    QCOMPARE(planners::igpMetric(network, network.links().front()), 1);
    link.igpMetric = 12;
    network.updateLink(link);
    QCOMPARE(planners::igpMetric(network, network.links().front()), 12);
}

namespace {

// Two sites joined by a short and a long path:
//   A - B (short, 100G), A - C - B (long, 100G).
core::Network twoPaths()
{
    core::Network network;
    for (const auto &[code, lat, lon] :
         {std::tuple{u"A"_qs, 30.0, 110.0}, {u"B"_qs, 30.0, 112.0}, {u"C"_qs, 32.0, 111.0}}) {
        core::Site site;
        site.code = code;
        site.name = code;
        site.region = code == u"C" ? u"North"_qs : u"South"_qs;
        site.latitudeDeg = lat;
        site.longitudeDeg = lon;
        network.addSite(site);
    }
    auto link = [&](int a, int b, double km) {
        core::Link l;
        l.siteA = a;
        l.siteB = b;
        l.capacityGbps = 100.0;
        l.lengthKm = km;
        network.addLink(l);
    };
    link(1, 2, 200.0);
    link(1, 3, 250.0);
    link(3, 2, 250.0);
    return network;
}

} // namespace

void TestRouting::trafficEngineeringReachesTheOptimum()
{
    core::Network network = twoPaths();
    core::Demand demand;
    demand.source = 1;
    demand.destination = 2;
    demand.rateGbps = 150.0;
    network.addDemand(demand);
    planners::Progress progress;
    planners::route::Options options;
    options.trafficEngineering = true;
    const auto result = planners::route::run(network, options, progress);
    QCOMPARE(result.maxUtilization, 1.5); // IGP puts everything on the short link
    QVERIFY(result.te && result.te->solved);
    QVERIFY(std::abs(result.te->maxUtilization - 0.75) < 1e-6); // split 75 / 75
    QCOMPARE(result.te->demands.front().paths.size(), size_t(2));
}

void TestRouting::trafficEngineeringHonoursBoundsAndRegions()
{
    core::Network network = twoPaths();
    core::Demand bounded;
    bounded.source = 1;
    bounded.destination = 2;
    bounded.rateGbps = 150.0;
    bounded.maxLatencyMs = 1.5; // the short link is 0.98 ms, the long path 2.45 ms
    network.addDemand(bounded);
    core::Demand tooTight = bounded;
    tooTight.rateGbps = 10.0;
    tooTight.maxLatencyMs = 0.5;
    network.addDemand(tooTight);
    core::Demand resident = bounded;
    resident.rateGbps = 10.0;
    resident.maxLatencyMs.reset();
    resident.allowedRegions = {u"South"_qs, u"North"_qs};
    network.addDemand(resident);
    core::Demand outside = resident;
    outside.allowedRegions = {u"North"_qs};
    network.addDemand(outside);

    planners::Progress progress;
    planners::route::Options options;
    options.trafficEngineering = true;
    const auto te = *planners::route::run(network, options, progress).te;
    QVERIFY(te.solved);
    // The bounded demand may only use the short link: 150 + 10 (resident, which TE moves to the
    // long path... or not) -> the short link carries at least 150.
    QCOMPARE(te.demands[0].paths.size(), size_t(1));
    QCOMPARE(te.demands[0].paths[0].sites, (std::vector<core::SiteId>{1, 2}));
    QVERIFY(te.demands[1].paths.empty());
    QVERIFY2(te.demands[1].problem.contains(u"no path within 0.500 ms"_qs),
             qPrintable(te.demands[1].problem));
    QVERIFY2(te.demands[1].problem.contains(u"0.979"_qs), qPrintable(te.demands[1].problem));
    QCOMPARE(te.demands[2].paths.size(), size_t(1));
    QCOMPARE(te.demands[2].paths[0].sites,
             (std::vector<core::SiteId>{1, 3, 2})); // off the full link
    QVERIFY(te.demands[3].paths.empty());
    QVERIFY2(te.demands[3].problem.contains(u"site A lies outside its allowed regions (North)"_qs),
             qPrintable(te.demands[3].problem));
    QVERIFY(std::abs(te.maxUtilization - 1.5) < 1e-6);
}

namespace {

// The sample project's sites, links and demands, without the demands' regions (so that every
// bound below is about latency alone).
core::Network sampleNetwork()
{
    core::Network network;
    const QString dir =
        QStringLiteral(NQI_SOURCE_DIR) + u"/resources/samples/east-data-west-computing/"_qs;
    core::Importer::importFiles(
        network, {dir + u"sites.csv"_qs, dir + u"links.csv"_qs, dir + u"demands.csv"_qs}, {});
    for (core::Demand demand : network.demands()) {
        demand.allowedRegions.clear();
        network.updateDemand(demand);
    }
    return network;
}

// A latency as the product prints it: to the microsecond.
double printedMs(double ms)
{
    return QString::number(ms, 'f', 3).toDouble();
}

} // namespace

// Route, TE and the latency planner sum a path's latency one way and compare it with a bound to
// the same half microsecond, so a bound equal to the fastest path's latency -- the exact double
// or the figure printed to the microsecond -- is met. On the sample, TE summed from the source
// and made 10.60140078640671 ms of the path the route planner gives 10.601400786406709 ms: "no
// path within 10.60 ms (the fastest takes 10.60 ms)".
void TestRouting::aBoundEqualToTheFastestLatencyIsMet()
{
    for (const double perHopMs : {0.0, 0.005}) {
        core::Network network = sampleNetwork();
        planners::Progress progress;
        planners::route::Options options;
        options.perHopLatencyMs = perHopMs;
        const auto routed = planners::route::run(network, options, progress);
        planners::latency::Options latencyOptions;
        latencyOptions.perHopLatencyMs = perHopMs;
        const auto latency = planners::latency::run(network, latencyOptions, progress);
        options.trafficEngineering = true;
        int roundedDown = 0;
        // The bound: the route planner's fastest equal-cost path, then the latency planner's
        // fastest path; each as the exact double, then as printed.
        for (int kind = 0; kind < 4; ++kind) {
            const QString what = u"per hop %1 ms, %2 %3"_qs.arg(perHopMs).arg(
                kind < 2 ? u"route minLatencyMs"_qs : u"latency fastestMs"_qs,
                kind % 2 ? u"as printed"_qs : u"exact"_qs);
            for (size_t i = 0; i < network.demands().size(); ++i) {
                core::Demand demand = network.demands()[i];
                QVERIFY(routed.demands[i].routed);
                const double exact =
                    kind < 2 ? routed.demands[i].minLatencyMs : latency.demands[i].fastestMs;
                demand.maxLatencyMs = kind % 2 ? printedMs(exact) : exact;
                roundedDown += *demand.maxLatencyMs < exact ? 1 : 0;
                network.updateDemand(demand);
            }
            const auto te = *planners::route::run(network, options, progress).te;
            QVERIFY2(te.solved, qPrintable(what));
            for (size_t i = 0; i < te.demands.size(); ++i) {
                const core::Demand &demand = network.demands()[i];
                if (demand.source == demand.destination || demand.effectiveRateGbps() <= 0.0)
                    continue;
                QVERIFY2(
                    te.demands[i].problem.isEmpty(),
                    qPrintable(what + u": demand %1: "_qs.arg(demand.id) + te.demands[i].problem));
                QVERIFY(!te.demands[i].paths.empty());
                for (const auto &path : te.demands[i].paths)
                    QVERIFY(planners::withinLatencyBound(path.latencyMs, *demand.maxLatencyMs));
            }
        }
        QVERIFY(roundedDown > 0); // some printed figures are below the exact ones

        // The IGP latency (the slowest equal-cost path) as printed is no violation either.
        for (size_t i = 0; i < network.demands().size(); ++i) {
            core::Demand demand = network.demands()[i];
            demand.maxLatencyMs = printedMs(routed.demands[i].latencyMs);
            network.updateDemand(demand);
        }
        for (const auto &route : planners::route::run(network, options, progress).demands)
            QVERIFY(!route.latencyViolated);
        QVERIFY(planners::latency::run(network, latencyOptions, progress).violations.empty());
    }

    // A microsecond under the fastest is refused, and the message tells the two apart.
    core::Network network = sampleNetwork();
    planners::Progress progress;
    const auto latency = planners::latency::run(network, {}, progress);
    core::Demand demand = network.demands().front();
    demand.maxLatencyMs = latency.demands.front().fastestMs - 0.001;
    network.updateDemand(demand);
    planners::route::Options options;
    options.trafficEngineering = true;
    const auto te = *planners::route::run(network, options, progress).te;
    const QString fastest = QString::number(latency.demands.front().fastestMs, 'f', 3);
    QVERIFY2(te.demands.front().problem.contains(u"(the fastest takes %1 ms)"_qs.arg(fastest)),
             qPrintable(te.demands.front().problem));
    QVERIFY2(!te.demands.front().problem.contains(u"within %1 ms"_qs.arg(fastest)),
             qPrintable(te.demands.front().problem));
}

void TestRouting::igpReportsResidencyViolations()
{
    core::Network network = twoPaths();
    core::Link shortLink = network.links().front();
    shortLink.igpMetric = 100000; // IGP now prefers A - C - B through the North
    network.updateLink(shortLink);
    core::Demand demand;
    demand.source = 1;
    demand.destination = 2;
    demand.rateGbps = 1.0;
    demand.allowedRegions = {u"south"_qs};
    network.addDemand(demand);
    planners::Progress progress;
    const auto result = planners::route::run(network, {}, progress);
    QCOMPARE(result.demands.front().outsideRegions, (std::vector<core::SiteId>{3}));
    // A polygon region named South that covers C makes the path compliant.
    core::Region south;
    south.name = u"South"_qs;
    south.purpose = core::RegionPurpose::Residency;
    south.rings = {{{31.0, 110.5}, {33.0, 110.5}, {33.0, 111.5}, {31.0, 111.5}}};
    network.addRegion(south);
    QVERIFY(planners::route::run(network, {}, progress).demands.front().outsideRegions.empty());
}

void TestRouting::disjointPairAvoidsTheTrap()
{
    // The classic trap: the shortest path S-A-B-T uses the middle link A-B; the only disjoint
    // pair is S-A-T and S-B-T. Suurballe finds it; shortest-then-remove does not.
    core::Network network;
    const double coords[][2] = {{30.0, 110.0}, {31.0, 111.0}, {29.0, 111.0}, {30.0, 112.0}};
    const char *codes[] = {"S", "A", "B", "T"};
    for (int i = 0; i < 4; ++i) {
        core::Site site;
        site.code = QString::fromLatin1(codes[i]);
        site.name = site.code;
        site.latitudeDeg = coords[i][0];
        site.longitudeDeg = coords[i][1];
        network.addSite(site);
    }
    auto link = [&](int a, int b, double km) {
        core::Link l;
        l.siteA = a;
        l.siteB = b;
        l.capacityGbps = 100.0;
        l.lengthKm = km;
        l.availability = 0.999;
        network.addLink(l);
    };
    link(1, 2, 100.0); // S-A
    link(2, 3, 10.0);  // A-B
    link(3, 4, 100.0); // B-T
    link(2, 4, 300.0); // A-T
    link(1, 3, 300.0); // S-B
    core::Demand demand;
    demand.source = 1;
    demand.destination = 4;
    demand.rateGbps = 10.0;
    demand.protection = core::Protection::OnePlusOne;
    network.addDemand(demand);
    planners::Progress progress;
    const auto result = planners::resilience::run(network, {}, progress);
    QCOMPARE(result.protection.size(), size_t(1));
    const auto &pair = result.protection.front();
    QVERIFY(pair.found);
    QCOMPARE(pair.primary.size(), size_t(3));
    QCOMPARE(pair.backup.size(), size_t(3));
    QVERIFY(std::abs(pair.primaryLatencyMs + pair.backupLatencyMs - 800.0 * 4.8967e-3) < 1e-3);
    // Two disjoint paths of two 0.999 links each, in parallel.
    const double path = 0.999 * 0.999;
    QVERIFY(std::abs(result.demands.front().availability - (1 - (1 - path) * (1 - path))) < 1e-12);
    QVERIFY(result.bridges.empty());
}

// Boost's successive shortest path added INT64_MAX to INT64_MAX for the vertices it could not
// reach (another component, a branch cut off by the first path): signed overflow under UBSan in
// the resilience and capacity planners for any network with a disconnected component.
void TestRouting::disjointPairInANetworkOfSeveralComponents()
{
    core::Network network;
    const double coords[][2] = {{30.0, 110.0}, {31.0, 111.0}, {29.0, 111.0}, {30.0, 112.0},
                                {31.5, 111.5}, {40.0, 90.0},  {41.0, 91.0},  {28.5, 110.5}};
    const char *codes[] = {"S", "A", "B", "T", "P", "X", "Y", "Q"};
    for (int i = 0; i < 8; ++i) {
        core::Site site;
        site.code = QString::fromLatin1(codes[i]);
        site.name = site.code;
        site.latitudeDeg = coords[i][0];
        site.longitudeDeg = coords[i][1];
        network.addSite(site);
    }
    auto link = [&](int a, int b, double km) {
        core::Link l;
        l.siteA = a;
        l.siteB = b;
        l.capacityGbps = 100.0;
        l.lengthKm = km;
        network.addLink(l);
    };
    link(1, 2, 100.0); // S-A
    link(2, 3, 10.0);  // A-B
    link(3, 4, 100.0); // B-T
    link(2, 4, 300.0); // A-T
    link(1, 3, 300.0); // S-B
    link(2, 5, 50.0);  // A-P: a branch the first path cuts off in the residual graph
    link(3, 8, 50.0);  // B-Q
    link(6, 7, 500.0); // X-Y: another component
    auto demand = [&](int a, int b) {
        core::Demand d;
        d.source = a;
        d.destination = b;
        d.rateGbps = 10.0;
        d.protection = core::Protection::OnePlusOne;
        network.addDemand(d);
    };
    demand(1, 4); // S-T: the trap's pair
    demand(6, 7); // X-Y: one link, no pair
    demand(1, 6); // S-X: not connected at all
    demand(5, 4); // P-T: P hangs on one link, no pair
    planners::Progress progress;
    const auto result = planners::resilience::run(network, {}, progress);
    QCOMPARE(result.protection.size(), size_t(4));
    for (const auto &pair : result.protection) {
        QCOMPARE(pair.found, pair.id == 1);
        if (pair.found) {
            QVERIFY(std::abs(pair.primaryLatencyMs + pair.backupLatencyMs - 800.0 * 4.8967e-3) <
                    1e-3);
        }
    }

    // The capacity planner sizes the same network (it reroutes the same failures).
    planners::capacity::Options options;
    const auto sized = planners::capacity::run(network, options, progress);
    QVERIFY(sized.totalCost >= 0.0);
}

// Topology Zoo's Kdl has no lengths: geodesic x 1.5, at 1.468 / c = 4.8967209175 us/km, whole
// microseconds. Clarksville-Dickson is 369.5009 us (370); the rounded 4.8967 us/km would make it
// 369.4994 (369). Albert Lea-Owatonna is 365.47 us (365); a group index of 1.4682 would make it
// 365.52 (366).
void TestRouting::igpMetricsOfKdlAtTheExactFibreConstant()
{
    core::Network network;
    core::Importer::importFiles(
        network,
        {QStringLiteral(NQI_SHARED_DIR) + u"/datasets/topology-zoo/graphml/Kdl.graphml"_qs}, {});
    auto metricOf = [&](const QString &a, const QString &b) -> qint64 {
        for (const core::Link &link : network.links()) {
            const QString linkA = network.site(link.siteA)->code;
            const QString linkB = network.site(link.siteB)->code;
            if ((linkA == a && linkB == b) || (linkA == b && linkB == a))
                return planners::igpMetric(network, link);
        }
        return -1;
    };
    QCOMPARE(metricOf(u"Clarksville"_qs, u"Dickson"_qs), 370);
    QCOMPARE(metricOf(u"Albert-Lea"_qs, u"Owatonna"_qs), 365);
}

QTEST_GUILESS_MAIN(TestRouting)
#include "tst_routing.moc"
