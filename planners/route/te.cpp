#include "planners/route/te.h"

#include "planners/common/residency.h"

#include <coin/ClpSimplex.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <set>

namespace nqi::planners::route {
namespace {

struct Commodity
{
    int demand = 0; ///< index into Network::demands()
    int source = 0;
    int destination = 0;
    double rateGbps = 0.0;
    std::optional<double> boundMs;
    std::vector<char> allowed; ///< nodes it may cross; empty: all
    int row = 0;
    std::set<std::vector<int>> known; ///< its paths so far, as arc lists
};

struct Column
{
    int commodity = 0;
    std::vector<int> arcs;
    double latencyMs = 0.0;
};

// Dijkstra on arc weights, rooted at the destination (so that with latency weights a path's
// distance is its latency summed as pathLatencyMs does), within the allowed nodes. Returns the
// arcs from source to destination.
std::vector<int> cheapestPath(const RoutingGraph &graph,
                              const Commodity &commodity,
                              const std::function<double(int arc)> &weight)
{
    const size_t n = size_t(graph.nodeCount());
    std::vector<double> dist(n, HUGE_VAL);
    std::vector<int> next(n, -1); // the arc a node's cheapest path leaves it by
    using Entry = std::pair<double, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    dist[size_t(commodity.destination)] = 0.0;
    queue.emplace(0.0, commodity.destination);
    while (!queue.empty()) {
        const auto [d, node] = queue.top();
        queue.pop();
        if (d != dist[size_t(node)])
            continue;
        if (node == commodity.source)
            break;
        for (int arc : graph.arcsFrom(node)) {
            const int tail = graph.arcHead(arc); // of the arc toward node
            if (!commodity.allowed.empty() && !commodity.allowed[size_t(tail)])
                continue;
            const int toward = RoutingGraph::reverseArc(arc);
            const double candidate = addHopMs(weight(toward), d);
            if (candidate < dist[size_t(tail)]) {
                dist[size_t(tail)] = candidate;
                next[size_t(tail)] = toward;
                queue.emplace(candidate, tail);
            }
        }
    }
    std::vector<int> arcs;
    if (dist[size_t(commodity.source)] == HUGE_VAL)
        return arcs;
    for (int node = commodity.source; node != commodity.destination;) {
        const int arc = next[size_t(node)];
        arcs.push_back(arc);
        node = graph.arcHead(arc);
    }
    return arcs;
}

// A latency to the microsecond, or to as many more decimals as tell it from @p other.
QString formatMs(double ms, double other)
{
    int decimals = 3;
    while (decimals < 9 &&
           QString::number(ms, 'f', decimals) == QString::number(other, 'f', decimals))
        ++decimals;
    return QString::number(ms, 'f', decimals);
}

} // namespace

TeResult
solveTrafficEngineering(const RoutingGraph &graph, const Options &options, Progress &progress)
{
    const core::Network &network = graph.network();
    const RegionMembership membership(network);
    const double perHop = options.perHopLatencyMs;
    TeResult result;
    result.demands.resize(network.demands().size());

    // Commodities: every demand with traffic between two different sites.
    std::vector<Commodity> commodities;
    for (size_t i = 0; i < network.demands().size(); ++i) {
        const core::Demand &demand = network.demands()[i];
        result.demands[i].id = demand.id;
        Commodity commodity;
        commodity.demand = int(i);
        commodity.source = graph.node(demand.source);
        commodity.destination = graph.node(demand.destination);
        commodity.rateGbps = demand.effectiveRateGbps();
        commodity.boundMs = demand.maxLatencyMs;
        if (commodity.source == commodity.destination || commodity.rateGbps <= 0.0)
            continue;
        const QString regions = demand.allowedRegions.join(u", "_qs);
        if (!demand.allowedRegions.isEmpty()) {
            commodity.allowed.assign(size_t(graph.nodeCount()), 0);
            for (int node = 0; node < graph.nodeCount(); ++node)
                commodity.allowed[size_t(node)] =
                    membership.contains(graph.site(node), demand.allowedRegions);
            for (int end : {commodity.source, commodity.destination}) {
                if (!commodity.allowed[size_t(end)]) {
                    result.demands[i].problem =
                        u"site %1 lies outside its allowed regions (%2)"_qs.arg(
                            graph.site(end).code, regions);
                    break;
                }
            }
            if (!result.demands[i].problem.isEmpty())
                continue;
        }
        const std::vector<int> fastest = cheapestPath(
            graph, commodity, [&](int arc) { return hopLatencyMs(graph, arc, perHop); });
        if (fastest.empty()) {
            result.demands[i].problem =
                demand.allowedRegions.isEmpty()
                    ? u"no path between its sites"_qs
                    : u"no path stays within its allowed regions (%1)"_qs.arg(regions);
            continue;
        }
        const double latency = pathLatencyMs(graph, fastest, perHop);
        if (commodity.boundMs && !withinLatencyBound(latency, *commodity.boundMs)) {
            result.demands[i].problem = u"no path within %1 ms%2 (the fastest takes %3 ms)"_qs.arg(
                formatMs(*commodity.boundMs, latency),
                demand.allowedRegions.isEmpty() ? QString()
                                                : u" in its allowed regions (%1)"_qs.arg(regions),
                formatMs(latency, *commodity.boundMs));
            continue;
        }
        commodity.known.insert(fastest);
        commodities.push_back(std::move(commodity));
    }

    const int arcCount = graph.arcCount();
    const int commodityCount = int(commodities.size());
    if (commodityCount == 0) {
        result.solved = true;
        result.status = u"nothing to place"_qs;
        result.links = linkLoads(graph, std::vector<double>(size_t(arcCount), 0.0));
        return result;
    }

    // Rows: one per commodity (= its rate), one per arc (load - capacity * U <= 0).
    ClpSimplex model;
    model.setLogLevel(0);
    model.resize(commodityCount + arcCount, 0);
    double totalRate = 0.0, longest = 0.0;
    for (int k = 0; k < commodityCount; ++k) {
        commodities[size_t(k)].row = k;
        model.setRowBounds(k, commodities[size_t(k)].rateGbps, commodities[size_t(k)].rateGbps);
        totalRate += commodities[size_t(k)].rateGbps;
    }
    for (int a = 0; a < arcCount; ++a) {
        model.setRowBounds(commodityCount + a, -COIN_DBL_MAX, 0.0);
        longest = std::max(longest, hopLatencyMs(graph, a, perHop));
    }
    // The latency tie-breaker is worth at most 1e-7 of utilisation.
    const double epsilon = 1e-7 / std::max(1e-9, totalRate * longest * graph.nodeCount());
    {
        std::vector<int> rows(static_cast<size_t>(arcCount));
        std::vector<double> elements(static_cast<size_t>(arcCount));
        for (int a = 0; a < arcCount; ++a) {
            rows[size_t(a)] = commodityCount + a;
            elements[size_t(a)] = -graph.capacityGbps(RoutingGraph::arcLink(a));
        }
        model.addColumn(arcCount, rows.data(), elements.data(), 0.0, COIN_DBL_MAX, 1.0);
    }
    std::vector<Column> columns;
    auto addPath = [&](int k, std::vector<int> arcs) {
        Column column{k, std::move(arcs), 0.0};
        column.latencyMs = pathLatencyMs(graph, column.arcs, perHop);
        std::vector<int> rows{commodities[size_t(k)].row};
        for (int arc : column.arcs)
            rows.push_back(commodityCount + arc);
        const std::vector<double> elements(rows.size(), 1.0);
        model.addColumn(int(rows.size()), rows.data(), elements.data(), 0.0, COIN_DBL_MAX,
                        epsilon * column.latencyMs);
        columns.push_back(std::move(column));
    };
    for (int k = 0; k < commodityCount; ++k)
        addPath(k, *commodities[size_t(k)].known.begin());

    constexpr int kMaxIterations = 200;
    int status = 0;
    for (result.iterations = 1;; ++result.iterations) {
        if (progress.isCancelled())
            throw Cancelled{};
        if (result.iterations == 1)
            model.dual();
        else
            model.primal(1); // warm start from the previous basis
        status = model.status();
        if (status != 0 || result.iterations >= kMaxIterations)
            break;
        const double *duals = model.dualRowSolution();
        std::vector<double> weight(static_cast<size_t>(arcCount));
        double meanWeight = 0.0;
        for (int a = 0; a < arcCount; ++a) {
            weight[size_t(a)] = std::max(0.0, -duals[commodityCount + a]);
            meanWeight += weight[size_t(a)];
        }
        meanWeight = std::max(meanWeight / arcCount, 1e-12);
        int added = 0;
        for (int k = 0; k < commodityCount; ++k) {
            Commodity &commodity = commodities[size_t(k)];
            auto reducedCost = [&](const std::vector<int> &arcs) {
                double cost = -duals[commodity.row];
                for (int arc : arcs)
                    cost += weight[size_t(arc)] + epsilon * hopLatencyMs(graph, arc, perHop);
                return cost;
            };
            auto within = [&](const std::vector<int> &arcs) {
                return !commodity.boundMs ||
                       withinLatencyBound(pathLatencyMs(graph, arcs, perHop), *commodity.boundMs);
            };
            std::vector<int> best;
            for (int step = -1; step < 16 && best.empty(); ++step) {
                // step -1: dual weights alone; then a growing multiple of latency added.
                const double lambda = step < 0 ? 0.0 : meanWeight * std::ldexp(1.0, step) / longest;
                std::vector<int> arcs = cheapestPath(graph, commodity, [&](int arc) {
                    return weight[size_t(arc)] +
                           (epsilon + lambda) * hopLatencyMs(graph, arc, perHop);
                });
                if (!arcs.empty() && within(arcs))
                    best = std::move(arcs);
            }
            if (best.empty() || commodity.known.count(best) ||
                reducedCost(best) >= -1e-9 * std::max(1.0, std::abs(duals[commodity.row])))
                continue;
            commodity.known.insert(best);
            addPath(k, std::move(best));
            ++added;
        }
        progress.report(0.9 + 0.1 * std::min(1.0, result.iterations / double(kMaxIterations)),
                        "traffic engineering");
        if (added == 0)
            break;
    }
    result.candidatePaths = int(columns.size());
    if (status != 0) {
        result.status = u"the LP solver stopped with status %1"_qs.arg(status);
        return result;
    }

    const double *x = model.primalColumnSolution();
    std::vector<double> arcLoad(size_t(arcCount), 0.0);
    for (size_t c = 0; c < columns.size(); ++c) {
        const double gbps = x[c + 1];
        if (gbps <= 1e-9)
            continue;
        const Column &column = columns[c];
        const Commodity &commodity = commodities[size_t(column.commodity)];
        PathFlow flow;
        flow.gbps = gbps;
        flow.latencyMs = column.latencyMs;
        flow.sites.push_back(graph.siteId(commodity.source));
        for (int arc : column.arcs) {
            arcLoad[size_t(arc)] += gbps;
            flow.sites.push_back(graph.siteId(graph.arcHead(arc)));
        }
        result.demands[size_t(commodity.demand)].paths.push_back(std::move(flow));
    }
    for (TeResult::Demand &demand : result.demands)
        std::sort(demand.paths.begin(), demand.paths.end(),
                  [](const PathFlow &a, const PathFlow &b) { return a.gbps > b.gbps; });
    result.links = linkLoads(graph, arcLoad);
    result.maxUtilization = maxUtilization(result.links);
    result.solved = true;
    result.status = result.iterations >= kMaxIterations
                        ? u"optimal over the paths generated (iteration limit reached)"_qs
                        : u"optimal"_qs;
    return result;
}

} // namespace nqi::planners::route
