#include "planners/route/route.h"

#include "planners/common/json.h"
#include "planners/common/parallel.h"
#include "planners/common/residency.h"
#include "planners/common/routinggraph.h"
#include "planners/route/te.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace nqi::planners::route {
namespace {

// Destinations are processed in this many fixed blocks, each summing its loads in order, so that
// results do not depend on the number of threads.
constexpr int kBlocks = 64;

// The first @p limit equal-cost paths from source, depth first in link id order.
std::vector<std::vector<core::SiteId>>
listPaths(const RoutingGraph &graph, const EcmpTree &tree, int source, int limit)
{
    std::vector<std::vector<core::SiteId>> paths;
    std::vector<int> nodes{source};
    auto walk = [&](auto &&self, int node) -> void {
        if (int(paths.size()) >= limit)
            return;
        if (node == tree.destination) {
            std::vector<core::SiteId> path;
            path.reserve(nodes.size());
            for (int n : nodes)
                path.push_back(graph.siteId(n));
            paths.push_back(std::move(path));
            return;
        }
        for (int arc : graph.arcsFrom(node)) {
            if (!tree.isNextHop(graph, arc))
                continue;
            nodes.push_back(graph.arcHead(arc));
            self(self, graph.arcHead(arc));
            nodes.pop_back();
        }
    };
    walk(walk, source);
    return paths;
}

// Sites reachable from source over next hops (every site on some ECMP path) outside the regions.
std::vector<core::SiteId> sitesOutside(const RoutingGraph &graph,
                                       const EcmpTree &tree,
                                       const RegionMembership &membership,
                                       int source,
                                       const QStringList &regions)
{
    std::vector<char> seen(size_t(graph.nodeCount()), 0);
    std::vector<int> stack{source};
    seen[size_t(source)] = 1;
    std::vector<core::SiteId> outside;
    while (!stack.empty()) {
        const int node = stack.back();
        stack.pop_back();
        if (!membership.contains(graph.site(node), regions))
            outside.push_back(graph.siteId(node));
        for (int arc : graph.arcsFrom(node)) {
            const int head = graph.arcHead(arc);
            if (tree.isNextHop(graph, arc) && !seen[size_t(head)]) {
                seen[size_t(head)] = 1;
                stack.push_back(head);
            }
        }
    }
    std::sort(outside.begin(), outside.end());
    return outside;
}

} // namespace

std::vector<LinkLoad> linkLoads(const RoutingGraph &graph, const std::vector<double> &arcLoad)
{
    std::vector<LinkLoad> links;
    links.reserve(size_t(graph.linkCount()));
    for (int l = 0; l < graph.linkCount(); ++l) {
        const core::Link &link = graph.link(l);
        LinkLoad load;
        load.id = link.id;
        load.a = link.siteA;
        load.b = link.siteB;
        load.loadAbGbps = arcLoad[size_t(2 * l)];
        load.loadBaGbps = arcLoad[size_t(2 * l + 1)];
        load.capacityGbps = graph.capacityGbps(l);
        load.utilization = std::max(load.loadAbGbps, load.loadBaGbps) / load.capacityGbps;
        links.push_back(load);
    }
    return links;
}

double maxUtilization(const std::vector<LinkLoad> &links)
{
    double result = 0.0;
    for (const LinkLoad &link : links)
        result = std::max(result, link.utilization);
    return result;
}

Result run(const core::Network &network, const Options &options, Progress &progress)
{
    const RoutingGraph graph(network);
    const RegionMembership membership(network);
    const int n = graph.nodeCount();
    const auto &demands = network.demands();

    Result result;
    result.demands.resize(demands.size());
    for (size_t i = 0; i < demands.size(); ++i) {
        DemandRoute &route = result.demands[i];
        route.id = demands[i].id;
        route.source = demands[i].source;
        route.destination = demands[i].destination;
        route.rateGbps = demands[i].effectiveRateGbps();
    }
    for (int index : graph.localDemands()) {
        DemandRoute &route = result.demands[size_t(index)];
        route.routed = true;
        route.pathCount = 1.0;
        route.paths = {{route.source}};
    }

    const int blocks = std::min(kBlocks, std::max(1, n));
    std::vector<std::vector<double>> blockLoads(static_cast<size_t>(blocks));
    std::atomic<int> done{0};
    const int workers = options.workers > 0 ? options.workers : workerCount();
    parallelFor(blocks, workers, [&](int block, int) {
        std::vector<double> &loads = blockLoads[size_t(block)];
        loads.assign(size_t(graph.arcCount()), 0.0);
        EcmpTree tree;
        PathFacts facts;
        const int first = int(qint64(block) * n / blocks);
        const int last = int(qint64(block + 1) * n / blocks);
        for (int destination = first; destination < last; ++destination) {
            if (progress.isCancelled())
                throw Cancelled{};
            const auto [firstPair, lastPair] = graph.pairsTo(destination);
            if (firstPair == lastPair)
                continue;
            computeEcmpTree(graph, destination, {}, -1, tree);
            spreadTraffic(graph, tree, loads);
            computePathFacts(graph, tree, options.perHopLatencyMs, facts);
            for (int p = firstPair; p < lastPair; ++p) {
                const auto &pair = graph.pairs()[size_t(p)];
                const size_t source = size_t(pair.source);
                if (tree.dist[source] == kUnreachable)
                    continue;
                const auto paths = listPaths(graph, tree, pair.source, options.maxPathsPerDemand);
                for (int index : graph.demandsOf(pair)) {
                    const core::Demand &demand = demands[size_t(index)];
                    DemandRoute &route = result.demands[size_t(index)];
                    route.routed = true;
                    route.latencyMs = facts.maxLatency[source];
                    route.minLatencyMs = facts.minLatency[source];
                    route.hops = facts.maxHops[source];
                    route.pathCount = facts.pathCount[source];
                    route.paths = paths;
                    route.latencyViolated =
                        demand.maxLatencyMs &&
                        !withinLatencyBound(route.latencyMs, *demand.maxLatencyMs);
                    if (!demand.allowedRegions.isEmpty())
                        route.outsideRegions = sitesOutside(graph, tree, membership, pair.source,
                                                            demand.allowedRegions);
                }
            }
        }
        progress.report(0.9 * (++done) / blocks, "route");
    });

    std::vector<double> arcLoad(size_t(graph.arcCount()), 0.0);
    for (const auto &loads : blockLoads)
        for (size_t a = 0; a < loads.size(); ++a)
            arcLoad[a] += loads[a];
    result.links = linkLoads(graph, arcLoad);
    result.maxUtilization = maxUtilization(result.links);
    for (const DemandRoute &route : result.demands)
        if (!route.routed)
            result.unrouted.push_back(route.id);

    if (options.trafficEngineering)
        result.te = solveTrafficEngineering(graph, options, progress);
    progress.report(1.0, "route");
    return result;
}

namespace {

QJsonArray linksJson(const core::Network &network, const std::vector<LinkLoad> &links)
{
    QJsonArray array;
    for (const LinkLoad &link : links) {
        array.append(QJsonObject{{u"id"_qs, link.id},
                                 {u"a"_qs, siteCode(network, link.a)},
                                 {u"b"_qs, siteCode(network, link.b)},
                                 {u"loadAbGbps"_qs, link.loadAbGbps},
                                 {u"loadBaGbps"_qs, link.loadBaGbps},
                                 {u"capacityGbps"_qs, link.capacityGbps},
                                 {u"utilization"_qs, link.utilization}});
    }
    return array;
}

} // namespace

QJsonObject toJson(const core::Network &network, const Result &result)
{
    QJsonArray demands;
    for (const DemandRoute &route : result.demands) {
        if (!route.routed)
            continue;
        QJsonArray paths;
        for (const auto &path : route.paths)
            paths.append(siteCodes(network, path));
        QJsonObject object{{u"id"_qs, route.id},
                           {u"source"_qs, siteCode(network, route.source)},
                           {u"destination"_qs, siteCode(network, route.destination)},
                           {u"rateGbps"_qs, route.rateGbps},
                           {u"latencyMs"_qs, route.latencyMs},
                           {u"minLatencyMs"_qs, route.minLatencyMs},
                           {u"hops"_qs, route.hops},
                           {u"pathCount"_qs, route.pathCount},
                           {u"paths"_qs, paths},
                           {u"latencyViolated"_qs, route.latencyViolated}};
        if (!route.outsideRegions.empty())
            object.insert(u"outsideRegions"_qs, siteCodes(network, route.outsideRegions));
        demands.append(object);
    }
    QJsonArray unrouted;
    for (const DemandRoute &route : result.demands) {
        if (!route.routed)
            unrouted.append(QJsonObject{{u"id"_qs, route.id},
                                        {u"source"_qs, siteCode(network, route.source)},
                                        {u"destination"_qs, siteCode(network, route.destination)},
                                        {u"rateGbps"_qs, route.rateGbps}});
    }
    QJsonObject json{{u"maxUtilization"_qs, result.maxUtilization},
                     {u"links"_qs, linksJson(network, result.links)},
                     {u"demands"_qs, demands},
                     {u"unrouted"_qs, unrouted}};
    if (result.te) {
        const TeResult &te = *result.te;
        QJsonArray teDemands;
        for (const TeResult::Demand &demand : te.demands) {
            QJsonArray paths;
            for (const PathFlow &flow : demand.paths)
                paths.append(QJsonObject{{u"sites"_qs, siteCodes(network, flow.sites)},
                                         {u"gbps"_qs, flow.gbps},
                                         {u"latencyMs"_qs, flow.latencyMs}});
            QJsonObject object{{u"id"_qs, demand.id}, {u"paths"_qs, paths}};
            if (!demand.problem.isEmpty())
                object.insert(u"problem"_qs, demand.problem);
            teDemands.append(object);
        }
        json.insert(u"te"_qs, QJsonObject{{u"solved"_qs, te.solved},
                                          {u"status"_qs, te.status},
                                          {u"maxUtilization"_qs, te.maxUtilization},
                                          {u"candidatePaths"_qs, te.candidatePaths},
                                          {u"iterations"_qs, te.iterations},
                                          {u"links"_qs, linksJson(network, te.links)},
                                          {u"demands"_qs, teDemands}});
    }
    return json;
}

} // namespace nqi::planners::route
