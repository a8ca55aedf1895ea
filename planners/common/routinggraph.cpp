#include "planners/common/routinggraph.h"
#include "planners/common/radixheap.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>

namespace nqi::planners {

qint64 igpMetric(const core::Network &network, const core::Link &link)
{
    if (link.igpMetric)
        return *link.igpMetric;
    const double microseconds = std::round(network.latencyMs(link) * 1000.0);
    return qint64(std::clamp(microseconds, 1.0, double(kMaxIgpMetric)));
}

RoutingGraph::RoutingGraph(const core::Network &network)
    : m_network(&network)
{
    const auto &sites = network.sites();
    m_siteIds.reserve(sites.size());
    for (const core::Site &site : sites)
        m_siteIds.push_back(site.id);

    const auto &links = network.links();
    const size_t linkCount = links.size();
    m_linkA.resize(linkCount);
    m_linkB.resize(linkCount);
    m_metric.resize(linkCount);
    m_latencyMs.resize(linkCount);
    m_capacityGbps.resize(linkCount);
    std::vector<int> degree(sites.size() + 1, 0);
    for (size_t i = 0; i < linkCount; ++i) {
        const core::Link &link = links[i];
        m_linkA[i] = node(link.siteA);
        m_linkB[i] = node(link.siteB);
        Q_ASSERT(m_linkA[i] >= 0 && m_linkB[i] >= 0);
        m_metric[i] = igpMetric(network, link);
        m_metricSum += quint64(m_metric[i]);
        m_latencyMs[i] = network.latencyMs(link);
        m_capacityGbps[i] = link.totalCapacityGbps();
        ++degree[size_t(m_linkA[i])];
        ++degree[size_t(m_linkB[i])];
    }
    m_arcHead.resize(2 * linkCount);
    for (size_t i = 0; i < linkCount; ++i) {
        m_arcHead[2 * i] = m_linkB[i];
        m_arcHead[2 * i + 1] = m_linkA[i];
    }
    m_firstArc.assign(sites.size() + 1, 0);
    for (size_t n = 0; n < sites.size(); ++n)
        m_firstArc[n + 1] = m_firstArc[n] + degree[n];
    m_arcs.resize(2 * linkCount);
    std::vector<int> fill(m_firstArc.begin(), m_firstArc.end() - 1);
    for (size_t i = 0; i < linkCount; ++i) {
        m_arcs[size_t(fill[size_t(m_linkA[i])]++)] = int(2 * i);
        m_arcs[size_t(fill[size_t(m_linkB[i])]++)] = int(2 * i + 1);
    }

    // Pairs: demand indexes ordered by (destination, source, index), with two stable counting
    // sorts (by source, then by destination), then equal pairs merged.
    const auto &demands = network.demands();
    const size_t n = sites.size();
    std::vector<int> sourceOf(demands.size()), destinationOf(demands.size());
    std::vector<int> first(n + 1, 0);
    for (size_t i = 0; i < demands.size(); ++i) {
        const int source = node(demands[i].source);
        const int destination = node(demands[i].destination);
        Q_ASSERT(source >= 0 && destination >= 0);
        sourceOf[i] = source;
        destinationOf[i] = destination;
        if (source == destination)
            m_localDemands.push_back(int(i));
        else
            ++first[size_t(source) + 1];
    }
    for (size_t v = 0; v < n; ++v)
        first[v + 1] += first[v];
    std::vector<int> bySource(static_cast<size_t>(first[n]));
    for (size_t i = 0; i < demands.size(); ++i)
        if (sourceOf[i] != destinationOf[i])
            bySource[size_t(first[size_t(sourceOf[i])]++)] = int(i);
    first.assign(n + 1, 0);
    for (int i : bySource)
        ++first[size_t(destinationOf[size_t(i)]) + 1];
    for (size_t v = 0; v < n; ++v)
        first[v + 1] += first[v];
    m_pairDemands.resize(bySource.size());
    for (int i : bySource)
        m_pairDemands[size_t(first[size_t(destinationOf[size_t(i)])]++)] = i;

    m_firstPair.assign(n + 1, 0);
    for (size_t k = 0; k < m_pairDemands.size(); ++k) {
        const int index = m_pairDemands[k];
        const int source = sourceOf[size_t(index)];
        const int destination = destinationOf[size_t(index)];
        if (m_pairs.empty() || m_pairs.back().destination != destination ||
            m_pairs.back().source != source) {
            m_pairs.push_back({source, destination, 0.0, int(k), int(k)});
            ++m_firstPair[size_t(destination) + 1];
        }
        m_pairs.back().rateGbps += demands[size_t(index)].effectiveRateGbps();
        m_pairs.back().lastDemand = int(k) + 1;
    }
    for (size_t v = 0; v < n; ++v)
        m_firstPair[v + 1] += m_firstPair[v];
}

int RoutingGraph::node(core::SiteId id) const
{
    const auto it = std::lower_bound(m_siteIds.begin(), m_siteIds.end(), id);
    return it != m_siteIds.end() && *it == id ? int(it - m_siteIds.begin()) : -1;
}

namespace {

/// std::priority_queue with RadixHeap's calls, for graphs whose distances RadixHeap cannot pack.
class BinaryHeap
{
public:
    bool empty() const { return m_queue.empty(); }
    void push(qint64 key, int node) { m_queue.emplace(key, node); }
    std::pair<qint64, int> pop()
    {
        const auto top = m_queue.top();
        m_queue.pop();
        return top;
    }

private:
    using Entry = std::pair<qint64, int>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_queue;
};

/// Dijkstra toward tree.destination with @p queue (empty), which pops the nearest (distance,
/// node) first: both queues settle nodes in one order, so that tree.order is the same.
template <class Queue>
void searchTree(const RoutingGraph &graph,
                const std::vector<char> &linkDown,
                int nodeDown,
                Queue &queue,
                EcmpTree &tree)
{
    tree.dist[size_t(tree.destination)] = 0;
    queue.push(0, tree.destination);
    while (!queue.empty()) {
        const auto [dist, node] = queue.pop();
        if (dist != tree.dist[size_t(node)])
            continue;
        tree.order.push_back(node);
        // Links are symmetric: the arc node->next has the metric of next->node.
        for (int arc : graph.arcsFrom(node)) {
            const int link = RoutingGraph::arcLink(arc);
            if (!linkDown.empty() && linkDown[size_t(link)])
                continue;
            const int next = graph.arcHead(arc);
            if (next == nodeDown)
                continue;
            const qint64 candidate = dist + graph.metric(link);
            if (candidate < tree.dist[size_t(next)]) {
                tree.dist[size_t(next)] = candidate;
                queue.push(candidate, next);
            }
        }
    }
}

} // namespace

void computeEcmpTree(const RoutingGraph &graph,
                     int destination,
                     const std::vector<char> &linkDown,
                     int nodeDown,
                     EcmpTree &tree)
{
    tree.destination = destination;
    tree.linkDown = linkDown.empty() ? nullptr : &linkDown; // callers keep failure masks alive
    tree.dist.assign(size_t(graph.nodeCount()), kUnreachable);
    tree.order.clear();
    if (destination == nodeDown)
        return;
    // A radix heap (its buckets kept per thread) is about twice as fast as a binary heap here.
    if (radixHeapFits(graph)) {
        thread_local RadixHeap<false> queue;
        queue.clear();
        searchTree(graph, linkDown, nodeDown, queue, tree);
    } else {
        BinaryHeap queue;
        searchTree(graph, linkDown, nodeDown, queue, tree);
    }
    std::reverse(tree.order.begin(), tree.order.end());
}

void spreadTraffic(const RoutingGraph &graph,
                   const EcmpTree &tree,
                   std::vector<double> &arcLoad,
                   std::vector<double> *through)
{
    std::vector<double> localThrough;
    std::vector<double> &traffic = through ? *through : localThrough;
    traffic.assign(size_t(graph.nodeCount()), 0.0);
    const auto [first, last] = graph.pairsTo(tree.destination);
    for (int p = first; p < last; ++p) {
        const auto &pair = graph.pairs()[size_t(p)];
        if (tree.dist[size_t(pair.source)] != kUnreachable)
            traffic[size_t(pair.source)] += pair.rateGbps;
    }
    int nextHops[256];
    std::vector<int> manyNextHops;
    for (int node : tree.order) {
        if (node == tree.destination || traffic[size_t(node)] == 0.0)
            continue;
        int count = 0;
        manyNextHops.clear();
        for (int arc : graph.arcsFrom(node)) {
            if (!tree.isNextHop(graph, arc))
                continue;
            if (count < 256)
                nextHops[count] = arc;
            else
                manyNextHops.push_back(arc);
            ++count;
        }
        const double share = traffic[size_t(node)] / count;
        for (int i = 0; i < count; ++i) {
            const int arc = i < 256 ? nextHops[i] : manyNextHops[size_t(i - 256)];
            arcLoad[size_t(arc)] += share;
            traffic[size_t(graph.arcHead(arc))] += share;
        }
    }
}

double pathLatencyMs(const RoutingGraph &graph, std::span<const int> arcs, double perHopMs)
{
    double latency = 0.0;
    for (auto it = arcs.rbegin(); it != arcs.rend(); ++it)
        latency = addHopMs(hopLatencyMs(graph, *it, perHopMs), latency);
    return latency;
}

void computePathFacts(const RoutingGraph &graph,
                      const EcmpTree &tree,
                      double perHopMs,
                      PathFacts &facts)
{
    const size_t n = size_t(graph.nodeCount());
    facts.maxLatency.assign(n, 0.0);
    facts.minLatency.assign(n, 0.0);
    facts.pathCount.assign(n, 0.0);
    facts.maxHops.assign(n, 0);
    facts.pathCount[size_t(tree.destination)] = 1.0;
    for (auto it = tree.order.rbegin(); it != tree.order.rend(); ++it) {
        const int node = *it;
        if (node == tree.destination)
            continue;
        double maxLatency = 0.0, minLatency = HUGE_VAL, count = 0.0;
        int hops = 0;
        for (int arc : graph.arcsFrom(node)) {
            if (!tree.isNextHop(graph, arc))
                continue;
            const int head = graph.arcHead(arc);
            const double latency = hopLatencyMs(graph, arc, perHopMs);
            maxLatency = std::max(maxLatency, addHopMs(latency, facts.maxLatency[size_t(head)]));
            minLatency = std::min(minLatency, addHopMs(latency, facts.minLatency[size_t(head)]));
            hops = std::max(hops, 1 + facts.maxHops[size_t(head)]);
            count += facts.pathCount[size_t(head)];
        }
        facts.maxLatency[size_t(node)] = maxLatency;
        facts.minLatency[size_t(node)] = minLatency;
        facts.maxHops[size_t(node)] = hops;
        facts.pathCount[size_t(node)] = count;
    }
}

} // namespace nqi::planners
