#include "planners/resilience/structure.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <queue>

namespace nqi::planners::resilience {

namespace {

// Boost.Graph has no bridge finder: Tarjan's low-link rule, iterative, by link so that a
// parallel link is a second way across (only the link the search came in on is skipped).
std::vector<int> findBridges(const RoutingGraph &graph)
{
    const int n = graph.nodeCount();
    std::vector<int> order(size_t(n), -1), low(size_t(n), 0);
    std::vector<int> bridges;
    struct Frame
    {
        int node;
        int viaArc;
        size_t next;
    };
    int counter = 0;
    for (int root = 0; root < n; ++root) {
        if (order[size_t(root)] >= 0)
            continue;
        std::vector<Frame> stack{{root, -1, 0}};
        order[size_t(root)] = low[size_t(root)] = counter++;
        while (!stack.empty()) {
            Frame &frame = stack.back();
            const auto arcs = graph.arcsFrom(frame.node);
            if (frame.next < arcs.size()) {
                const int arc = arcs[frame.next++];
                if (frame.viaArc >= 0 && arc == RoutingGraph::reverseArc(frame.viaArc))
                    continue;
                const int head = graph.arcHead(arc);
                if (order[size_t(head)] < 0) {
                    order[size_t(head)] = low[size_t(head)] = counter++;
                    stack.push_back({head, arc, 0});
                } else {
                    low[size_t(frame.node)] =
                        std::min(low[size_t(frame.node)], order[size_t(head)]);
                }
                continue;
            }
            const Frame done = frame;
            stack.pop_back();
            if (done.viaArc >= 0) {
                const int parent = graph.arcTail(done.viaArc);
                low[size_t(parent)] = std::min(low[size_t(parent)], low[size_t(done.node)]);
                if (low[size_t(done.node)] > order[size_t(parent)])
                    bridges.push_back(RoutingGraph::arcLink(done.viaArc));
            }
        }
    }
    std::sort(bridges.begin(), bridges.end());
    return bridges;
}

} // namespace

Structure findStructure(const RoutingGraph &graph)
{
    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                              boost::property<boost::edge_index_t, std::size_t>>;
    Graph g(size_t(graph.nodeCount()));
    for (int l = 0; l < graph.linkCount(); ++l)
        boost::add_edge(size_t(graph.linkA(l)), size_t(graph.linkB(l)), size_t(l), g);
    std::vector<std::size_t> component(size_t(graph.linkCount()));
    auto componentMap =
        boost::make_iterator_property_map(component.begin(), boost::get(boost::edge_index, g));
    std::vector<Graph::vertex_descriptor> points;
    const auto [count, out] =
        boost::biconnected_components(g, componentMap, std::back_inserter(points));
    (void)out;

    (void)count;
    Structure structure;
    structure.bridges = findBridges(graph);
    for (auto v : points)
        structure.articulationPoints.push_back(int(v));
    std::sort(structure.articulationPoints.begin(), structure.articulationPoints.end());
    structure.articulationPoints.erase(
        std::unique(structure.articulationPoints.begin(), structure.articulationPoints.end()),
        structure.articulationPoints.end());
    return structure;
}

std::vector<std::vector<int>> disjointPair(const RoutingGraph &graph, int source, int destination)
{
    // Two units of flow from source to destination at least cost over arcs of capacity one:
    // successive shortest paths, Dijkstra on reduced costs. Boost's version adds the distance of
    // every vertex to its potential, including the "infinite" distance of vertices the residual
    // graph cannot reach (another component, or a branch cut off by the first path), which
    // overflows; here only reached vertices move their potential. Vertices unreached once stay
    // unreached: the residual arcs a path adds join vertices it reached.
    const int n = graph.nodeCount();
    if (source == destination || source < 0 || destination < 0 || source >= n || destination >= n)
        return {};
    // Integer costs (nanoseconds, plus one so that none is zero): reduced costs stay exact, so
    // none turns negative by rounding. A cost is at most 1e12 ns (1000 s), so sums over any
    // path fit in 64 bits.
    std::vector<qint64> cost(size_t(graph.arcCount()));
    for (int arc = 0; arc < graph.arcCount(); ++arc) {
        const double ns = graph.latencyMs(RoutingGraph::arcLink(arc)) * 1e6;
        cost[size_t(arc)] = qint64(std::llround(std::clamp(ns, 0.0, 1e12))) + 1;
    }
    std::vector<char> flow(size_t(graph.arcCount()), 0); // 1: the arc carries a unit
    std::vector<qint64> potential(static_cast<size_t>(n), 0);
    std::vector<qint64> distance(static_cast<size_t>(n));
    std::vector<int> viaArc(static_cast<size_t>(n));       // arc of the residual step into the node
    std::vector<char> viaBackward(static_cast<size_t>(n)); // that step undoes the arc's unit
    using Entry = std::pair<qint64, int>;
    for (int unit = 0; unit < 2; ++unit) {
        std::fill(distance.begin(), distance.end(), kUnreachable);
        std::fill(viaArc.begin(), viaArc.end(), -1);
        std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
        distance[size_t(source)] = 0;
        queue.push({0, source});
        while (!queue.empty()) {
            // Not a structured binding: clang 14 (the fuzz build) cannot capture one in a lambda.
            const qint64 d = queue.top().first;
            const int node = queue.top().second;
            queue.pop();
            if (d != distance[size_t(node)])
                continue;
            auto relax = [&](int next, qint64 stepCost, int arc, bool backward) {
                const qint64 reduced = stepCost + potential[size_t(node)] - potential[size_t(next)];
                const qint64 candidate = d + reduced;
                if (candidate < distance[size_t(next)]) {
                    distance[size_t(next)] = candidate;
                    viaArc[size_t(next)] = arc;
                    viaBackward[size_t(next)] = backward;
                    queue.push({candidate, next});
                }
            };
            for (const int arc : graph.arcsFrom(node)) {
                // Forward along an unused arc leaving the node.
                if (!flow[size_t(arc)])
                    relax(graph.arcHead(arc), cost[size_t(arc)], arc, false);
                // Back along a used arc entering the node (its reverse leaves it).
                const int entering = RoutingGraph::reverseArc(arc);
                if (flow[size_t(entering)])
                    relax(graph.arcTail(entering), -cost[size_t(entering)], entering, true);
            }
        }
        if (distance[size_t(destination)] == kUnreachable)
            return {};
        for (int node = destination; node != source;) {
            const int arc = viaArc[size_t(node)];
            if (viaBackward[size_t(node)]) {
                flow[size_t(arc)] = 0;
                node = graph.arcHead(arc);
            } else {
                flow[size_t(arc)] = 1;
                node = graph.arcTail(arc);
            }
        }
        for (int node = 0; node < n; ++node) {
            if (distance[size_t(node)] != kUnreachable)
                potential[size_t(node)] += distance[size_t(node)];
        }
    }

    std::vector<int> used; // arcs carrying one unit
    for (int arc = 0; arc < graph.arcCount(); ++arc)
        if (flow[size_t(arc)])
            used.push_back(arc);
    std::vector<int> fromSource;
    std::map<int, std::vector<int>> leaving; // node -> used arcs leaving it
    for (int arc : used)
        leaving[graph.arcTail(arc)].push_back(arc);
    if (leaving[source].size() < 2)
        return {};
    std::vector<std::vector<int>> paths;
    for (int k = 0; k < 2; ++k) {
        std::vector<int> path;
        for (int node = source; node != destination;) {
            auto &out = leaving[node];
            if (out.empty())
                return {};
            const int arc = out.back();
            out.pop_back();
            path.push_back(arc);
            node = graph.arcHead(arc);
            if (path.size() > size_t(graph.arcCount()))
                return {};
        }
        paths.push_back(std::move(path));
    }
    return paths;
}

} // namespace nqi::planners::resilience
