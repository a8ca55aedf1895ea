// Latency and capacity planners.

#include "core/model/network.h"
#include "core/model/physics.h"
#include "core/model/region.h"
#include "planners/capacity/capacity.h"
#include "planners/common/residency.h"
#include "planners/latency/latency.h"
#include "planners/registry.h"
#include "planners/resilience/resilience.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

using namespace nqi;

namespace {

core::SiteId addSite(core::Network &network, const QString &code, core::SiteKind kind, double lon)
{
    core::Site site;
    site.code = code;
    site.name = code;
    site.kind = kind;
    site.latitudeDeg = 30.0;
    site.longitudeDeg = lon;
    return network.addSite(site);
}

core::LinkId
addLink(core::Network &network, core::SiteId a, core::SiteId b, double km, double gbps = 100.0)
{
    core::Link link;
    link.siteA = a;
    link.siteB = b;
    link.lengthKm = km;
    link.capacityGbps = gbps;
    return network.addLink(link);
}

double ms(double km)
{
    return core::physics::fibreLatencyMs(km);
}

} // namespace

class TestPlanners : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void latencyPerDemandAndCircles();
    void latencyRoundTrip();
    void capacityMeetsTheTargetUnderEveryFailure();
    void capacityExactNeverWorseThanHeuristic();
    void capacityRefusesNonsense();
    void everyPlannerStopsWhenCancelled();
    void latencyCountsUnroutedDemands();
    void linkPairsAreBoundedBeforeWork();
    void capacityBoundsItsOptionsForEveryFrontEnd();
    void latencyCirclesAreBounded();
    void regionAcrossTheAntimeridianContainsItsSites();
    void sitesAtOnePlaceMergeAsOneRun();
    void progressNeverGoesBack();
    void storedOptionsThePlannerRefusesMakeAResultStale();
    void ingestRefusesCountsBeyondReason();
};

void TestPlanners::latencyPerDemandAndCircles()
{
    // HUB -100 km- DC -900 km- POP, and a slow IGP detour: HUB -50- X -50- DC with a huge
    // metric on the direct link so the IGP takes the detour (equal latency here) ...
    core::Network network;
    const auto hub = addSite(network, u"HUB"_qs, core::SiteKind::NationalHub, 110.0);
    const auto dc = addSite(network, u"DC"_qs, core::SiteKind::DcCluster, 111.0);
    const auto pop = addSite(network, u"POP"_qs, core::SiteKind::Pop, 112.0);
    const auto far = addSite(network, u"FAR"_qs, core::SiteKind::Pop, 113.0);
    const auto x = addSite(network, u"X"_qs, core::SiteKind::Pop, 110.5);
    core::Link direct;
    direct.siteA = hub;
    direct.siteB = dc;
    direct.lengthKm = 100.0;
    direct.capacityGbps = 100.0;
    direct.igpMetric = 1000000;
    network.addLink(direct);
    addLink(network, hub, x, 150.0);
    addLink(network, x, dc, 150.0);
    addLink(network, dc, pop, 900.0);
    addLink(network, pop, far, 4000.0);
    core::Demand demand;
    demand.source = hub;
    demand.destination = dc;
    demand.rateGbps = 1.0;
    demand.maxLatencyMs = 1.0; // the IGP detour takes 1.469 ms; the direct link 0.490 ms
    network.addDemand(demand);

    planners::Progress progress;
    const auto result = planners::latency::run(network, {}, progress);
    QCOMPARE(result.demands.size(), size_t(1));
    QVERIFY(std::abs(result.demands[0].latencyMs - ms(300.0)) < 1e-6);
    QVERIFY(std::abs(result.demands[0].fastestMs - ms(100.0)) < 1e-6);
    QVERIFY(result.demands[0].violated);
    QCOMPARE(result.violations, (std::vector<core::DemandId>{1}));

    // One pair (HUB, DC): IGP 300 km, fastest 100 km.
    QCOMPARE(result.pairs.size(), size_t(1));
    QVERIFY(std::abs(result.pairs[0].latencyMs - ms(300.0)) < 1e-6);
    QVERIFY(std::abs(result.pairs[0].fastestMs - ms(100.0)) < 1e-6);

    // Circles: 1 ms ~ 204 km, 5 ms ~ 1021 km, 20 ms ~ 4084 km (one way).
    auto circlesOf = [&](core::SiteId id) {
        return result.sites[size_t(id - 1)];
    };
    QCOMPARE(circlesOf(hub).within[0], (std::vector<core::SiteId>{hub, dc}));
    QCOMPARE(circlesOf(pop).within[0], (std::vector<core::SiteId>{}));
    QCOMPARE(circlesOf(pop).within[1], (std::vector<core::SiteId>{hub, dc}));
    QCOMPARE(circlesOf(pop).nearestCompute, dc);
    QCOMPARE(circlesOf(x).within[0], (std::vector<core::SiteId>{hub, dc}));
    // FAR is 4900 km from DC: 24 ms, outside every circle.
    QCOMPARE(result.outside, (std::vector<core::SiteId>{far}));
    QVERIFY(std::abs(circlesOf(far).nearestComputeMs - ms(4900.0)) < 1e-6);
}

void TestPlanners::latencyRoundTrip()
{
    core::Network network;
    const auto hub = addSite(network, u"HUB"_qs, core::SiteKind::NationalHub, 110.0);
    const auto pop = addSite(network, u"POP"_qs, core::SiteKind::Pop, 111.0);
    addLink(network, hub, pop, 150.0); // 0.73 ms one way, 1.47 ms round trip
    planners::Progress progress;
    planners::latency::Options options;
    QCOMPARE(planners::latency::run(network, options, progress).sites[1].within[0].size(),
             size_t(1));
    options.roundTrip = true;
    const auto result = planners::latency::run(network, options, progress);
    QVERIFY(result.sites[1].within[0].empty());
    QCOMPARE(result.sites[1].within[1].size(), size_t(1));
    QVERIFY(std::abs(result.sites[1].nearestComputeMs - 2 * ms(150.0)) < 1e-6);
}

namespace {

// A ring of six sites with a chord, demands between all pairs.
core::Network ring()
{
    core::Network network;
    for (int i = 0; i < 6; ++i)
        addSite(network, u"R%1"_qs.arg(i), core::SiteKind::Pop, 100.0 + i);
    for (int i = 0; i < 6; ++i)
        addLink(network, i + 1, (i + 1) % 6 + 1, 100.0 + 10.0 * i, 100.0);
    addLink(network, 1, 4, 250.0, 40.0);
    for (int a = 1; a <= 6; ++a) {
        for (int b = 1; b <= 6; ++b) {
            if (a == b)
                continue;
            core::Demand demand;
            demand.source = a;
            demand.destination = b;
            demand.rateGbps = 5.0 * a + b;
            network.addDemand(demand);
        }
    }
    return network;
}

} // namespace

void TestPlanners::capacityMeetsTheTargetUnderEveryFailure()
{
    core::Network network = ring();
    planners::Progress progress;
    planners::capacity::Options options;
    options.targetUtilization = 0.6;
    const auto plan = planners::capacity::run(network, options, progress);
    QVERIFY(plan.exactSolved);
    QVERIFY(!plan.links.empty());
    QVERIFY(plan.totalCost <= plan.heuristicCost + 1e-9);
    // Apply the plan as extra capacity and check every failure again.
    for (const auto &linkPlan : plan.links) {
        core::Link link = *network.link(linkPlan.id);
        link.capacityGbps += linkPlan.addedGbps / link.parallelCount;
        network.updateLink(link);
    }
    const auto after = planners::resilience::run(network, {}, progress);
    QVERIFY2(after.maxWorstUtilization <= 0.6 + 1e-9,
             qPrintable(QString::number(after.maxWorstUtilization)));
    // No link got more than it needed: removing its smallest module would break the target.
    for (const auto &linkPlan : plan.links) {
        const double smallest = 100.0;
        QVERIFY(linkPlan.worstLoadGbps / (linkPlan.capacityGbps + linkPlan.addedGbps - smallest) >
                    0.6 - 1e-9 ||
                linkPlan.addedGbps < smallest);
    }
}

void TestPlanners::capacityExactNeverWorseThanHeuristic()
{
    core::Network network = ring();
    planners::Progress progress;
    planners::capacity::Options options;
    options.targetUtilization = 0.3;
    // Modules where the cheapest mix needs three kinds at once.
    options.modules = {{300.0, 3.0}, {500.0, 4.9}, {700.0, 6.5}, {1100.0, 9.9}};
    const auto exact = planners::capacity::run(network, options, progress);
    QVERIFY(exact.exactSolved);
    options.exactLinkLimit = 0;
    const auto heuristic = planners::capacity::run(network, options, progress);
    QVERIFY(!heuristic.exactSolved);
    QVERIFY(heuristic.method.contains(u"exceed the exact limit"_qs));
    QCOMPARE(heuristic.totalCost, exact.heuristicCost);
    QVERIFY(exact.totalCost <= heuristic.totalCost + 1e-9);
    for (size_t i = 0; i < exact.links.size(); ++i) {
        QVERIFY(exact.links[i].addedGbps + 1e-9 >=
                exact.links[i].requiredGbps - exact.links[i].capacityGbps);
        QVERIFY(heuristic.links[i].addedGbps + 1e-9 >=
                heuristic.links[i].requiredGbps - heuristic.links[i].capacityGbps);
    }
}

void TestPlanners::capacityRefusesNonsense()
{
    core::Network network = ring();
    planners::Progress progress;
    planners::capacity::Options options;
    options.modules.clear();
    QVERIFY_THROWS_EXCEPTION(core::Failure, planners::capacity::run(network, options, progress));
}

void TestPlanners::everyPlannerStopsWhenCancelled()
{
    const core::Network network = ring();
    // The network planners (the compute planners are instant formulas).
    for (const QString &planner : {u"route"_qs, u"latency"_qs, u"resilience"_qs, u"capacity"_qs}) {
        planners::Progress progress;
        progress.cancel();
        bool cancelled = false;
        try {
            planners::runPlanner(planner, network, {}, progress);
        } catch (const planners::Cancelled &) {
            cancelled = true;
        }
        QVERIFY2(cancelled, qPrintable(planner));
    }
    planners::Progress progress;
    QVERIFY_THROWS_EXCEPTION(core::Failure,
                             planners::runPlanner(u"routing"_qs, network, {}, progress));
}

// The latency planner's result left demands with no path out of its summary and JSON.
void TestPlanners::latencyCountsUnroutedDemands()
{
    core::Network network;
    const auto a = addSite(network, u"A"_qs, core::SiteKind::NationalHub, 110.0);
    const auto b = addSite(network, u"B"_qs, core::SiteKind::Pop, 111.0);
    const auto c = addSite(network, u"C"_qs, core::SiteKind::Pop, 115.0); // on its own
    addLink(network, a, b, 100.0);
    for (const auto &[from, to] : {std::pair{a, b}, std::pair{a, c}, std::pair{c, b}}) {
        core::Demand demand;
        demand.source = from;
        demand.destination = to;
        demand.rateGbps = 1.0;
        network.addDemand(demand);
    }
    planners::Progress progress;
    const auto result = planners::latency::run(network, {}, progress);
    QCOMPARE(result.unrouted, (std::vector<core::DemandId>{2, 3}));
    const QJsonObject json = planners::latency::toJson(network, result);
    const QJsonArray unrouted = json[u"unrouted"_qs].toArray();
    QCOMPARE(unrouted.size(), 2);
    QCOMPARE(unrouted[0].toObject()[u"id"_qs].toInteger(), 2);
    QCOMPARE(unrouted[0].toObject()[u"source"_qs].toString(), u"A"_qs);
    QCOMPARE(unrouted[0].toObject()[u"destination"_qs].toString(), u"C"_qs);
    QCOMPARE(json[u"demands"_qs].toArray().size(), 1);
}

// --n2 on a network of many links made n(n-1)/2 scenarios in memory (10,000 links: 50 million,
// and an int count that overflows past 65,536 links) before any check.
void TestPlanners::linkPairsAreBoundedBeforeWork()
{
    core::Network network;
    const auto a = addSite(network, u"A"_qs, core::SiteKind::Pop, 110.0);
    const auto b = addSite(network, u"B"_qs, core::SiteKind::Pop, 111.0);
    for (int i = 0; i < 20001; ++i)
        addLink(network, a, b, 100.0);
    planners::Progress progress;
    planners::resilience::Options options;
    options.linkPairs = true;
    try {
        planners::resilience::run(network, options, progress);
        QFAIL("accepted");
    } catch (const core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"20001 links make 200010000 link pairs to fail, more than 200000000: fail pairs "
                 "of links (--n2) on a network of at most 20,000 links, or single failures only"_qs);
    }
    options.linkPairs = false; // single failures of the same network are fine
    QCOMPARE(planners::resilience::run(network, options, progress).scenarios.size(),
             size_t(1 + 20001 + 2));
}

// The registry (workbench, stored options, Python) checks options against the planner's
// descriptor before the planner runs, naming the option as the command line does.
void TestPlanners::capacityBoundsItsOptionsForEveryFrontEnd()
{
    const core::Network network = ring();
    planners::Progress progress;
    const QString message = [&] {
        try {
            planners::runPlanner(u"capacity"_qs, network,
                                 QJsonObject{{u"exactLimit"_qs, 2000000000}}, progress);
        } catch (const core::Failure &failure) {
            return failure.diagnostic().message;
        }
        return QString();
    }();
    QCOMPARE(message,
             u"capacity: --exact-limit: 2000000000 is out of range: give 0..100000"_qs);
}

// Each circle adds a list of compute sites to every site of the result: their number is bounded.
void TestPlanners::latencyCirclesAreBounded()
{
    const core::Network network = ring();
    planners::Progress progress;
    planners::latency::Options options;
    options.circlesMs.assign(33, 1.0);
    QVERIFY_THROWS_EXCEPTION(core::Failure, planners::latency::run(network, options, progress));
    options.circlesMs = {5.0, -1.0};
    QVERIFY_THROWS_EXCEPTION(core::Failure, planners::latency::run(network, options, progress));
    options.circlesMs.assign(32, 1.0);
    QCOMPARE(planners::latency::run(network, options, progress).sites[0].within.size(), size_t(32));
}

// A region drawn across 180 keeps continuous longitudes (176..190, Fiji to Samoa): sites on both
// sides of the antimeridian are inside it, whichever way their longitude is written.
void TestPlanners::regionAcrossTheAntimeridianContainsItsSites()
{
    core::Region region;
    region.rings = {{{-20.0, 176.0}, {-20.0, 190.0}, {-12.0, 190.0}, {-12.0, 176.0}}};
    QVERIFY(planners::regionContains(region, -17.7, 178.0));  // Fiji
    QVERIFY(planners::regionContains(region, -13.8, -172.0)); // Samoa, written west
    QVERIFY(!planners::regionContains(region, -13.8, -165.0)); // 195 east: outside
    QVERIFY(!planners::regionContains(region, -13.8, 170.0));
    QVERIFY(!planners::regionContains(region, -30.0, 180.0));
    // An ordinary region is unchanged.
    core::Region china;
    china.rings = {{{20.0, 100.0}, {20.0, 120.0}, {40.0, 120.0}, {40.0, 100.0}}};
    QVERIFY(planners::regionContains(china, 30.0, 110.0));
    QVERIFY(!planners::regionContains(china, 30.0, -70.0));
}

QTEST_GUILESS_MAIN(TestPlanners)
#include "tst_planners.moc"

// Two sites at one place (Topology Zoo Kdl has such pairs): their demand has no latency
// normally, so any detour is an infinite stretch. Its worst case is the slowest detour, and the
// merged shards of a sweep say the same as one run (a part once carried the stretch as null).
void TestPlanners::sitesAtOnePlaceMergeAsOneRun()
{
    core::Network network;
    const core::SiteId a = addSite(network, u"A"_qs, core::SiteKind::Pop, 100.0);
    const core::SiteId b = addSite(network, u"B"_qs, core::SiteKind::Pop, 100.0); // A's place
    const core::SiteId c = addSite(network, u"C"_qs, core::SiteKind::Pop, 101.0);
    const core::SiteId d = addSite(network, u"D"_qs, core::SiteKind::Pop, 103.0);
    core::Link together;
    together.siteA = a;
    together.siteB = b;
    together.capacityGbps = 100.0; // no length: the geodesic, 0 km
    const core::LinkId ab = network.addLink(together);
    addLink(network, a, c, 100.0);
    addLink(network, c, b, 100.0);
    addLink(network, a, d, 300.0);
    addLink(network, d, b, 300.0);
    core::Demand demand;
    demand.source = a;
    demand.destination = b;
    demand.rateGbps = 1.0;
    network.addDemand(demand);
    planners::Progress progress;
    planners::resilience::Options options;
    options.linkPairs = true;
    const QJsonObject single = planners::resilience::toJson(
        network, planners::resilience::run(network, options, progress));
    const QJsonObject outcome = single[u"demands"_qs].toArray().at(0).toObject();
    QCOMPARE(outcome[u"normalLatencyMs"_qs].toDouble(), 0.0);
    // The worst detour: A-B and A-C down leave A-D-B.
    QCOMPARE(outcome[u"worstLatencyMs"_qs].toDouble(), 2 * ms(300.0));
    QVERIFY2(outcome[u"worstScenario"_qs].toString().startsWith(u"links %1+"_qs.arg(ab)),
             qPrintable(outcome[u"worstScenario"_qs].toString()));
    for (int count : {2, 3}) {
        std::vector<QJsonObject> parts;
        for (int index = 0; index < count; ++index)
            parts.push_back(
                planners::resilience::runPart(network, options, index, count, progress));
        QCOMPARE(QJsonDocument(planners::resilience::mergeParts(network, options, parts))
                     .toJson(QJsonDocument::Compact),
                 QJsonDocument(single).toJson(QJsonDocument::Compact));
    }
}

// Workers report as they finish: a report that arrives late (0.11 after 0.12) must not move
// the task's progress back (the workbench showed 10 %, 11 %, 10 %, ...).
void TestPlanners::progressNeverGoesBack()
{
    QList<double> seen;
    planners::Progress progress([&seen](double fraction, const std::string &) {
        seen << fraction;
    });
    progress.report(0.1, "normal state");
    progress.report(0.12, "failures");
    progress.report(0.11, "failures");
    progress.report(0.5, "failures");
    QCOMPARE(seen, (QList<double>{0.1, 0.12, 0.12, 0.5}));
    QCOMPARE(progress.fraction(), 0.5);
}

// A stored result whose options the planner would refuse (edited by hand: a target of 7, not
// JSON) is not read as current: the report's runs table would print them beside its figures.
void TestPlanners::storedOptionsThePlannerRefusesMakeAResultStale()
{
    core::Network network = ring();
    planners::Progress progress;
    const QJsonObject json = planners::runPlanner(u"capacity"_qs, network, {}, progress);
    core::PlannerResult stored;
    stored.planner = u"capacity"_qs;
    stored.inputDigest = network.digest();
    stored.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
    stored.options = u"{\"target\":0.7,\"failures\":true}"_qs;
    network.setPlannerResult(stored);
    QVERIFY(planners::readStoredResult(network, u"capacity"_qs).current);
    stored.options = u"{\"target\":7,\"failures\":true}"_qs;
    network.setPlannerResult(stored);
    planners::StoredResult read = planners::readStoredResult(network, u"capacity"_qs);
    QVERIFY(!read.current);
    QVERIFY2(read.problem.contains(u"--target"_qs), qPrintable(read.problem));
    stored.options = u"not json"_qs;
    network.setPlannerResult(stored);
    read = planners::readStoredResult(network, u"capacity"_qs);
    QVERIFY(!read.current);
    QVERIFY2(read.problem.contains(u"options"_qs), qPrintable(read.problem));
}

// A volume or window beyond reason overflowed the count of lines (an int) and read as one line
// meeting the window; refused now, as is a volume above a zettabyte and an absurd line rate.
void TestPlanners::ingestRefusesCountsBeyondReason()
{
    planners::Progress progress;
    auto problem = [&progress](const QString &planner, const QJsonObject &options) {
        try {
            planners::runPlanner(planner, nullptr, options, progress);
        } catch (const core::Failure &failure) {
            return failure.diagnostic().message;
        }
        return QString();
    };
    QVERIFY(problem(u"ingest"_qs, {{u"volumeTb"_qs, 1000}, {u"windowHours"_qs, 1e-7}})
                .contains(u"more than a billion"_qs));
    QVERIFY(problem(u"ingest"_qs, {{u"volumeTb"_qs, u"1e10"_qs}}).contains(u"--tb-per-day"_qs));
    QVERIFY(problem(u"dci"_qs, {{u"distanceKm"_qs, 10}, {u"rateGbps"_qs, 1e308}})
                .contains(u"--rate-gbps"_qs));
    QVERIFY(problem(u"ingest"_qs, {{u"volumeTb"_qs, 100}}).isEmpty());
}
