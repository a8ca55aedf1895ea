#pragma once

#include "core/model/network.h"

#include <QtGlobal>

#include <limits>
#include <span>
#include <vector>

namespace nqi::planners {

/// The largest metric IS-IS wide metrics allow on one link (RFC 5305).
inline constexpr qint64 kMaxIgpMetric = 16777215;

/// Distance of a node that cannot reach the destination.
inline constexpr qint64 kUnreachable = std::numeric_limits<qint64>::max();

/**
 * The IGP metric a link is routed on: its igp_metric when set; otherwise its one-way latency in
 * whole microseconds (at least 1, at most kMaxIgpMetric), so that shortest paths are the
 * fastest ones and the figure fits an IS-IS wide metric.
 */
qint64 igpMetric(const core::Network &network, const core::Link &link);

/**
 * A compact, read-only routing view of a network snapshot. Sites become dense node indexes in
 * id order; link i (in id order) becomes arc 2i (from a to b) and arc 2i + 1 (from b to a).
 * Demands are gathered per (source, destination) pair, since routing treats them alike.
 */
class RoutingGraph
{
public:
    struct DemandPair
    {
        int source = 0;
        int destination = 0;
        double rateGbps = 0.0;
        int firstDemand = 0; ///< the pair's demands: demandsOf(pair)
        int lastDemand = 0;
    };

    explicit RoutingGraph(const core::Network &network);

    const core::Network &network() const { return *m_network; }
    int nodeCount() const { return int(m_siteIds.size()); }
    int linkCount() const { return int(m_metric.size()); }
    int arcCount() const { return 2 * linkCount(); }

    int node(core::SiteId id) const; ///< -1 for an unknown site
    core::SiteId siteId(int node) const { return m_siteIds[size_t(node)]; }
    const core::Site &site(int node) const { return network().sites()[size_t(node)]; }
    const core::Link &link(int link) const { return network().links()[size_t(link)]; }

    static int arcLink(int arc) { return arc >> 1; }
    static int reverseArc(int arc) { return arc ^ 1; }
    int arcTail(int arc) const { return m_arcHead[size_t(arc ^ 1)]; }
    int arcHead(int arc) const { return m_arcHead[size_t(arc)]; }
    int linkA(int link) const { return m_linkA[size_t(link)]; }
    int linkB(int link) const { return m_linkB[size_t(link)]; }

    qint64 metric(int link) const { return m_metric[size_t(link)]; }
    /// The sum of every link's metric: no shortest distance is longer.
    quint64 metricSum() const { return m_metricSum; }
    double latencyMs(int link) const { return m_latencyMs[size_t(link)]; }
    double capacityGbps(int link) const { return m_capacityGbps[size_t(link)]; }

    /// Arcs leaving a node, in link id order.
    std::span<const int> arcsFrom(int node) const
    {
        return {m_arcs.data() + m_firstArc[size_t(node)],
                size_t(m_firstArc[size_t(node) + 1] - m_firstArc[size_t(node)])};
    }

    /// Demand pairs, sorted by destination then source.
    const std::vector<DemandPair> &pairs() const { return m_pairs; }
    /// The pairs toward one destination: indexes [first, last) into pairs().
    std::pair<int, int> pairsTo(int destination) const
    {
        return {m_firstPair[size_t(destination)], m_firstPair[size_t(destination) + 1]};
    }
    /// The demands of @p pair, indexes into Network::demands() in increasing order.
    std::span<const int> demandsOf(const DemandPair &pair) const
    {
        return {m_pairDemands.data() + pair.firstDemand,
                size_t(pair.lastDemand - pair.firstDemand)};
    }
    /// Demands whose source equals their destination (nothing to route).
    const std::vector<int> &localDemands() const { return m_localDemands; }

private:
    const core::Network *m_network;
    std::vector<core::SiteId> m_siteIds;
    std::vector<int> m_linkA, m_linkB;
    std::vector<int> m_arcHead; ///< per arc; the tail is the head of the reverse arc
    std::vector<qint64> m_metric;
    quint64 m_metricSum = 0;
    std::vector<double> m_latencyMs, m_capacityGbps;
    std::vector<int> m_firstArc, m_arcs;
    std::vector<DemandPair> m_pairs;
    std::vector<int> m_pairDemands; ///< the pairs' demands, pair after pair
    std::vector<int> m_firstPair;
    std::vector<int> m_localDemands;
};

/// Which links and nodes are down; empty means none.
struct FailureSet
{
    std::vector<int> links;
    int node = -1;
};

/// Whether an arc of metric @p metric from a node at distance @p tailDist to one at @p headDist
/// (toward the same destination) is a next hop: both reachable, the tail one metric farther.
inline bool nextHopDistances(qint64 tailDist, qint64 headDist, qint64 metric)
{
    return headDist != kUnreachable && tailDist != kUnreachable && tailDist == headDist + metric;
}

/**
 * Shortest IGP distances toward one destination, and the ECMP next hops they imply: arc a is a
 * next hop of its tail when dist[tail] == metric + dist[head] (both reachable).
 */
struct EcmpTree
{
    int destination = -1;
    std::vector<qint64> dist;
    std::vector<int> order; ///< reachable nodes by decreasing distance; the destination last
    const std::vector<char> *linkDown = nullptr; ///< links the tree was computed without

    bool isNextHop(const RoutingGraph &graph, int arc) const
    {
        if (linkDown && !linkDown->empty() && (*linkDown)[size_t(RoutingGraph::arcLink(arc))])
            return false;
        return nextHopDistances(dist[size_t(graph.arcTail(arc))], dist[size_t(graph.arcHead(arc))],
                                graph.metric(RoutingGraph::arcLink(arc)));
    }
};

/**
 * Dijkstra toward @p destination. @p linkDown (indexed by link, may be empty) and @p nodeDown
 * (-1 for none) remove elements; a non-empty @p linkDown must outlive the tree's use. Reuses
 * @p tree's storage.
 */
void computeEcmpTree(const RoutingGraph &graph,
                     int destination,
                     const std::vector<char> &linkDown,
                     int nodeDown,
                     EcmpTree &tree);

/**
 * Spreads the traffic of the pairs toward the tree's destination over its ECMP next hops: at every
 * node the traffic splits evenly over its next-hop arcs. Adds to @p arcLoad (Gbps per arc) and,
 * when not null, writes the traffic through each node to @p through.
 */
void spreadTraffic(const RoutingGraph &graph,
                   const EcmpTree &tree,
                   std::vector<double> &arcLoad,
                   std::vector<double> *through = nullptr);

/**
 * Latency of a path, one way. Every planner (route, TE, latency, resilience) sums it the same
 * way, so that one path has one latency, to the last bit: hop by hop from the destination back
 * to the source, each hop's latency (its link's plus the per-hop device latency, hopLatencyMs)
 * added in front of the rest of the path (addHopMs). A Dijkstra rooted at the destination and
 * the ECMP facts of a tree toward it add in that order; pathLatencyMs adds a list of arcs so.
 */
inline double hopLatencyMs(const RoutingGraph &graph, int arc, double perHopMs)
{
    return graph.latencyMs(RoutingGraph::arcLink(arc)) + perHopMs;
}

/// The latency of a path that takes a hop of @p hopMs and then the rest, of @p restMs.
inline double addHopMs(double hopMs, double restMs)
{
    return hopMs + restMs;
}

/// The latency of the path @p arcs (from its source to its destination, in order).
double pathLatencyMs(const RoutingGraph &graph, std::span<const int> arcs, double perHopMs);

/**
 * A latency meets a bound (a demand's maximum, a latency circle) when it exceeds it by at most
 * this: half a microsecond, the resolution latencies are printed at (three decimals of a
 * millisecond), so that a bound copied from a printed latency is met by the path it was copied
 * from. It is below what lengths are known to (0.1 km of fibre is 0.49 us).
 */
inline constexpr double kLatencyToleranceMs = 0.0005;

/// Whether @p latencyMs meets the bound @p boundMs; every bound is compared through this.
inline bool withinLatencyBound(double latencyMs, double boundMs)
{
    return latencyMs <= boundMs + kLatencyToleranceMs;
}

/// Per node, over its equal-cost paths to the tree's destination: the slowest and fastest
/// latency (summed as pathLatencyMs does), the most links, and how many paths.
struct PathFacts
{
    std::vector<double> maxLatency, minLatency, pathCount;
    std::vector<int> maxHops;
};
void computePathFacts(const RoutingGraph &graph,
                      const EcmpTree &tree,
                      double perHopMs,
                      PathFacts &facts);

} // namespace nqi::planners
