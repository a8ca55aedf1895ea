#include "planners/resilience/structure.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>

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
    using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using Graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<
            boost::edge_capacity_t, long,
            boost::property<boost::edge_residual_capacity_t, long,
                            boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                            boost::property<boost::edge_weight_t, long>>>>>;
    using Edge = Graph::edge_descriptor;
    const int n = graph.nodeCount();
    Graph g(size_t(n) + 1); // node n: a source that lets two units out
    auto capacity = boost::get(boost::edge_capacity, g);
    auto reverse = boost::get(boost::edge_reverse, g);
    auto weight = boost::get(boost::edge_weight, g);
    std::map<Edge, int> arcOf;
    auto addArc = [&](int from, int to, long cap, long cost, int arc) {
        const Edge forward = boost::add_edge(size_t(from), size_t(to), g).first;
        const Edge backward = boost::add_edge(size_t(to), size_t(from), g).first;
        capacity[forward] = cap;
        capacity[backward] = 0;
        weight[forward] = cost;
        weight[backward] = -cost;
        reverse[forward] = backward;
        reverse[backward] = forward;
        if (arc >= 0)
            arcOf[forward] = arc;
    };
    // Integer costs (nanoseconds): reduced costs stay exact, so none turns negative by rounding.
    addArc(n, source, 2, 0, -1);
    for (int arc = 0; arc < graph.arcCount(); ++arc)
        addArc(graph.arcTail(arc), graph.arcHead(arc), 1,
               std::lround(graph.latencyMs(RoutingGraph::arcLink(arc)) * 1e6) + 1, arc);
    boost::successive_shortest_path_nonnegative_weights(g, size_t(n), size_t(destination));

    auto residual = boost::get(boost::edge_residual_capacity, g);
    std::vector<int> used; // arcs carrying one unit
    for (const auto &[edge, arc] : arcOf)
        if (capacity[edge] - residual[edge] > 0)
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
