#include "planners/latency/latency.h"

#include "core/model/numbers.h"
#include "planners/common/json.h"
#include "planners/common/parallel.h"
#include "planners/common/routinggraph.h"
#include "planners/route/route.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

namespace nqi::planners::latency {
namespace {

// Fastest one-way latency from every site to @p destination (Dijkstra rooted at it, on link
// latency plus per hop, summed as pathLatencyMs sums a path).
std::vector<double> fastestToward(const RoutingGraph &graph, int destination, double perHopMs)
{
    std::vector<double> dist(size_t(graph.nodeCount()), HUGE_VAL);
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    dist[size_t(destination)] = 0.0;
    queue.emplace(0.0, destination);
    while (!queue.empty()) {
        const auto [d, node] = queue.top();
        queue.pop();
        if (d != dist[size_t(node)])
            continue;
        for (int arc : graph.arcsFrom(node)) {
            const int tail = graph.arcHead(arc); // of the arc toward node
            const double candidate =
                addHopMs(hopLatencyMs(graph, RoutingGraph::reverseArc(arc), perHopMs), d);
            if (candidate < dist[size_t(tail)]) {
                dist[size_t(tail)] = candidate;
                queue.emplace(candidate, tail);
            }
        }
    }
    return dist;
}

bool oneOf(core::SiteKind kind, const std::vector<core::SiteKind> &kinds)
{
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

} // namespace

Result run(const core::Network &network, const Options &options, Progress &progress)
{
    // Every site lists the compute sites within each circle: the circles multiply the result.
    if (options.circlesMs.size() > size_t(kMaxCircles))
        throw core::Failure(u"%1 latency circles are more than %2"_qs.arg(options.circlesMs.size())
                                .arg(kMaxCircles));
    for (const double limit : options.circlesMs) {
        if (!(limit > 0.0) || !std::isfinite(limit))
            throw core::Failure(
                u"a latency circle of %1 ms must be positive"_qs.arg(core::formatNumber(limit)));
    }
    const RoutingGraph graph(network);
    const int workers = options.workers > 0 ? options.workers : workerCount();
    const double factor = options.roundTrip ? 2.0 : 1.0;
    Result result;
    result.roundTrip = options.roundTrip;
    result.circlesMs = options.circlesMs;
    std::sort(result.circlesMs.begin(), result.circlesMs.end());

    // Demands: IGP latency from the route planner, fastest from Dijkstra on latency.
    route::Options routeOptions;
    routeOptions.perHopLatencyMs = options.perHopLatencyMs;
    routeOptions.maxPathsPerDemand = 1;
    routeOptions.workers = workers;
    const route::Result routed = route::run(network, routeOptions, progress);

    // Fastest latencies toward every site that anything needs: demand destinations, pair sites,
    // compute sites (a circle holds the compute sites a site reaches within it).
    // fastest[t][v] is the fastest latency from v to t.
    const int n = graph.nodeCount();
    std::vector<char> needed(size_t(n), 0);
    for (const core::Demand &demand : network.demands())
        needed[size_t(graph.node(demand.destination))] = 1;
    for (int v = 0; v < n; ++v)
        if (oneOf(graph.site(v).kind, options.pairKinds) ||
            oneOf(graph.site(v).kind, options.computeKinds))
            needed[size_t(v)] = 1;
    std::vector<int> roots;
    for (int v = 0; v < n; ++v)
        if (needed[size_t(v)])
            roots.push_back(v);
    std::vector<std::vector<double>> fastest(static_cast<size_t>(n));
    std::atomic<int> done{0};
    parallelFor(int(roots.size()), workers, [&](int i, int) {
        if (progress.isCancelled())
            throw Cancelled{};
        fastest[size_t(roots[size_t(i)])] =
            fastestToward(graph, roots[size_t(i)], options.perHopLatencyMs);
        progress.report(double(++done) / double(roots.size()), "latency");
    });

    for (size_t i = 0; i < network.demands().size(); ++i) {
        const core::Demand &demand = network.demands()[i];
        const route::DemandRoute &route = routed.demands[i];
        DemandLatency entry;
        entry.id = demand.id;
        entry.routed = route.routed;
        entry.boundMs = demand.maxLatencyMs;
        if (route.routed) {
            entry.latencyMs = route.latencyMs;
            entry.fastestMs =
                fastest[size_t(graph.node(demand.destination))][size_t(graph.node(demand.source))];
            entry.violated = entry.boundMs && !withinLatencyBound(entry.latencyMs, *entry.boundMs);
            if (entry.violated)
                result.violations.push_back(demand.id);
        } else {
            result.unrouted.push_back(demand.id);
        }
        result.demands.push_back(entry);
    }

    // Pairs among the chosen kinds: IGP latency needs the ECMP tree toward each of them.
    std::vector<int> pairSites;
    for (int v = 0; v < n; ++v)
        if (oneOf(graph.site(v).kind, options.pairKinds))
            pairSites.push_back(v);
    std::vector<std::vector<double>> igp(pairSites.size());
    parallelFor(int(pairSites.size()), workers, [&](int i, int) {
        EcmpTree tree;
        computeEcmpTree(graph, pairSites[size_t(i)], {}, -1, tree);
        PathFacts facts;
        computePathFacts(graph, tree, options.perHopLatencyMs, facts);
        std::vector<double> worst = std::move(facts.maxLatency);
        for (int v = 0; v < n; ++v)
            if (tree.dist[size_t(v)] == kUnreachable)
                worst[size_t(v)] = -1.0; // cannot reach the destination
        igp[size_t(i)] = std::move(worst);
    });
    for (size_t i = 0; i < pairSites.size(); ++i) {
        for (size_t j = i + 1; j < pairSites.size(); ++j) {
            PairLatency pair;
            pair.a = graph.siteId(pairSites[i]);
            pair.b = graph.siteId(pairSites[j]);
            const double there = igp[j][size_t(pairSites[i])]; // a toward b
            const double back = igp[i][size_t(pairSites[j])];  // b toward a
            if (there >= 0.0 && back >= 0.0)
                pair.latencyMs = options.roundTrip ? there + back : there;
            const double f = fastest[size_t(pairSites[j])][size_t(pairSites[i])]; // a to b
            if (f != HUGE_VAL)
                pair.fastestMs = f * factor;
            result.pairs.push_back(pair);
        }
    }

    // Circles: compute sites within each limit of every site, over the fastest path.
    std::vector<int> compute;
    for (int v = 0; v < n; ++v)
        if (oneOf(graph.site(v).kind, options.computeKinds))
            compute.push_back(v);
    const double largest = result.circlesMs.empty() ? 0.0 : result.circlesMs.back();
    for (int v = 0; v < n; ++v) {
        SiteCircles circles;
        circles.site = graph.siteId(v);
        circles.within.resize(result.circlesMs.size());
        for (int c : compute) {
            const double ms = fastest[size_t(c)][size_t(v)] * factor;
            if (ms == HUGE_VAL)
                continue;
            if (circles.nearestComputeMs < 0.0 || ms < circles.nearestComputeMs) {
                circles.nearestComputeMs = ms;
                circles.nearestCompute = graph.siteId(c);
            }
            for (size_t k = 0; k < result.circlesMs.size(); ++k)
                if (withinLatencyBound(ms, result.circlesMs[k]))
                    circles.within[k].push_back(graph.siteId(c));
        }
        if (circles.nearestComputeMs < 0.0 ||
            !withinLatencyBound(circles.nearestComputeMs, largest))
            result.outside.push_back(circles.site);
        result.sites.push_back(std::move(circles));
    }
    progress.report(1.0, "latency");
    return result;
}

namespace {

QJsonValue msOrNull(double ms)
{
    return ms < 0.0 ? QJsonValue() : QJsonValue(ms);
}

} // namespace

QJsonObject toJson(const core::Network &network, const Result &result)
{
    QJsonArray demands, violations, pairs, sites, limits;
    for (const DemandLatency &d : result.demands) {
        if (!d.routed)
            continue;
        const core::Demand *demand = network.demand(d.id);
        QJsonObject object{{u"id"_qs, d.id},
                           {u"source"_qs, siteCode(network, demand->source)},
                           {u"destination"_qs, siteCode(network, demand->destination)},
                           {u"rateGbps"_qs, demand->effectiveRateGbps()},
                           {u"latencyMs"_qs, d.latencyMs},
                           {u"fastestMs"_qs, d.fastestMs},
                           {u"violated"_qs, d.violated}};
        if (d.boundMs)
            object.insert(u"maxLatencyMs"_qs, *d.boundMs);
        demands.append(object);
    }
    for (core::DemandId id : result.violations)
        violations.append(id);
    // Demands no path joins have no latency: listed apart, so that no summary leaves them out.
    QJsonArray unrouted;
    for (core::DemandId id : result.unrouted) {
        const core::Demand *demand = network.demand(id);
        unrouted.append(QJsonObject{{u"id"_qs, id},
                                    {u"source"_qs, siteCode(network, demand->source)},
                                    {u"destination"_qs, siteCode(network, demand->destination)}});
    }
    for (const PairLatency &p : result.pairs)
        pairs.append(QJsonObject{{u"a"_qs, siteCode(network, p.a)},
                                 {u"b"_qs, siteCode(network, p.b)},
                                 {u"latencyMs"_qs, msOrNull(p.latencyMs)},
                                 {u"fastestMs"_qs, msOrNull(p.fastestMs)}});
    for (double limit : result.circlesMs)
        limits.append(limit);
    for (const SiteCircles &s : result.sites) {
        QJsonArray within;
        for (const auto &ids : s.within)
            within.append(siteCodes(network, ids));
        QJsonObject object{{u"site"_qs, siteCode(network, s.site)},
                           {u"within"_qs, within},
                           {u"nearestComputeMs"_qs, msOrNull(s.nearestComputeMs)}};
        if (s.nearestComputeMs >= 0.0)
            object.insert(u"nearestCompute"_qs, siteCode(network, s.nearestCompute));
        sites.append(object);
    }
    return {{u"roundTrip"_qs, result.roundTrip},
            {u"demands"_qs, demands},
            {u"violations"_qs, violations},
            {u"unrouted"_qs, unrouted},
            {u"pairs"_qs, pairs},
            {u"circles"_qs, QJsonObject{{u"limitsMs"_qs, limits},
                                        {u"sites"_qs, sites},
                                        {u"outside"_qs, siteCodes(network, result.outside)}}}};
}

} // namespace nqi::planners::latency
