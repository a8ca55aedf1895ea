#include "planners/resilience/resilience.h"

#include "planners/common/json.h"
#include "planners/common/parallel.h"
#include "planners/common/routinggraph.h"
#include "planners/resilience/structure.h"

#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <map>
#include <queue>

namespace nqi::planners::resilience {
namespace {

constexpr int kBlocks = 64;

// Worst values are compared on a grid (1 kbps for loads, 1e-9 for stretch) so that figures equal
// but for rounding count as a tie, and a tie goes to the earliest scenario (normal first).
double loadKey(double gbps)
{
    return std::floor(gbps * 1e6 + 0.5);
}

double stretchKey(double stretch)
{
    return std::floor(stretch * 1e9 + 0.5);
}

// What the normal state looks like from every destination that receives traffic; one cache
// line per (destination, node).
struct NodeState
{
    qint64 dist = kUnreachable;
    double through = 0.0;    ///< traffic toward the destination through the node
    double maxLatency = 0.0; ///< slowest ECMP path latency to the destination
    int pair = -1;           ///< the demand pair from the node to the destination
    char carries = 0;        ///< some demand toward the destination crosses the node
};

struct Base
{
    int n = 0;
    std::vector<int> slotOf; ///< node -> slot, -1 when no demand ends there
    std::vector<int> destinationOf;
    std::vector<NodeState> nodes; ///< [slot * n + node]
    std::vector<double> arcLoad;
};

enum Flag : unsigned char {
    kCandidate = 1, ///< its next hops change (the set S)
    kInA = 2,       ///< its distance grows
    kQueued = 4,
    kInU = 8, ///< some of its paths cross the failure
    kMemo = 16,
    kTouched = 32,
};

// A binary heap of (key, node) whose storage a worker keeps between uses.
template <typename Compare>
class Heap
{
public:
    using Entry = std::pair<qint64, int>;
    bool empty() const { return m_items.empty(); }
    // (key, node) packed in one integer, key in the high bits, so that comparisons are one
    // instruction; distances stay below 2^43 - 1, nodes below 2^21 (checked in run()).
    void push(qint64 key, int node)
    {
        const quint64 packedKey = key == kUnreachable ? kInfiniteKey : quint64(key);
        m_items.push_back((packedKey << kNodeBits) | quint64(node));
        std::push_heap(m_items.begin(), m_items.end(), Compare{});
    }
    void clear() { m_items.clear(); }
    Entry pop()
    {
        std::pop_heap(m_items.begin(), m_items.end(), Compare{});
        const quint64 top = m_items.back();
        m_items.pop_back();
        const quint64 key = top >> kNodeBits;
        return {key == kInfiniteKey ? kUnreachable : qint64(key),
                int(top & ((1u << kNodeBits) - 1))};
    }

    static constexpr int kNodeBits = 21;
    static constexpr quint64 kInfiniteKey = (quint64(1) << (64 - kNodeBits)) - 1;

private:
    std::vector<quint64> m_items;
};

struct ScenarioSpec
{
    std::vector<int> links;
    int node = -1;
};

// Scenarios run together against each destination (see Solver::runBlock).
constexpr int kScenarioBlock = 32;

struct ScenarioOutput
{
    std::vector<int> disconnectedPairs;
    std::vector<int> endpointDownPairs;
};

struct Worker
{
    std::vector<char> linkDown;
    /// Load changes of one scenario of the block being run.
    struct Delta
    {
        std::vector<double> load;
        std::vector<char> touched;
        std::vector<int> arcs;
    };
    std::vector<Delta> deltas;
    Delta *delta = nullptr; ///< the scenario being run

    struct Scratch
    {
        qint64 newDist = kUnreachable;
        double delta = 0.0;
        double memoLatency = 0.0;
        int live = 0; ///< next hops left that are not (yet) in A
        unsigned char state = 0;
    };
    std::vector<Scratch> node;
    std::vector<int> touchedNodes, candidates, inA, inU, stack;

    std::vector<double> linkKey, linkLoad;
    std::vector<int> linkScenario;
    struct PairWorst
    {
        double key = 0.0;
        double latency = -1.0; ///< -1: the normal latency
        int scenario = 0;
        int disconnected = 0;
    };
    std::vector<PairWorst> pair;
    int currentScenario = 0;
    Heap<std::greater<>> minQueue; ///< nearest first
    Heap<std::less<>> maxQueue;    ///< farthest first
};

class Solver
{
public:
    Solver(const RoutingGraph &graph, const Options &options, const Base &base)
        : m_graph(graph)
        , m_options(options)
        , m_base(base)
    {
    }

    void initWorker(Worker &w) const
    {
        const size_t n = size_t(m_graph.nodeCount());
        w.linkDown.assign(size_t(m_graph.linkCount()), 0);
        w.deltas.resize(kScenarioBlock);
        for (Worker::Delta &delta : w.deltas) {
            delta.load.assign(size_t(m_graph.arcCount()), 0.0);
            delta.touched.assign(size_t(m_graph.arcCount()), 0);
        }
        w.node.assign(n, {});
        w.linkKey.resize(size_t(m_graph.linkCount()));
        w.linkLoad.resize(size_t(m_graph.linkCount()));
        w.linkScenario.assign(size_t(m_graph.linkCount()), 0);
        for (int l = 0; l < m_graph.linkCount(); ++l) {
            w.linkLoad[size_t(l)] =
                std::max(m_base.arcLoad[size_t(2 * l)], m_base.arcLoad[size_t(2 * l + 1)]);
            w.linkKey[size_t(l)] = loadKey(w.linkLoad[size_t(l)]);
        }
        const size_t pairs = m_graph.pairs().size();
        w.pair.assign(pairs, {stretchKey(1.0), -1.0, 0, 0});
    }

    /**
     * Runs scenarios [first, last) (at most kScenarioBlock), destination by destination, so that
     * each destination's normal state is read from memory once for the whole block.
     */
    void runBlock(Worker &w,
                  int first,
                  int last,
                  const std::vector<ScenarioSpec> &specs,
                  std::vector<ScenarioOutput> &outputs) const
    {
        for (int index = first; index < last; ++index) {
            const int node = specs[size_t(index)].node;
            if (node < 0)
                continue;
            // Demands from the failed site are not carried anywhere.
            for (int p : m_pairsFrom[size_t(node)])
                if (routedInBase(p))
                    outputs[size_t(index)].endpointDownPairs.push_back(p);
        }
        for (size_t slot = 0; slot < m_base.destinationOf.size(); ++slot) {
            for (int index = first; index < last; ++index) {
                const ScenarioSpec &spec = specs[size_t(index)];
                w.currentScenario = index;
                w.delta = &w.deltas[size_t(index - first)];
                for (int l : spec.links)
                    w.linkDown[size_t(l)] = 1;
                processDestination(w, int(slot), spec.links, spec.node, outputs[size_t(index)]);
                for (int l : spec.links)
                    w.linkDown[size_t(l)] = 0;
            }
        }
        for (int index = first; index < last; ++index)
            commit(w, index, specs[size_t(index)].links, w.deltas[size_t(index - first)],
                   outputs[size_t(index)]);
    }

    // Worst loads from one scenario's load changes; then the changes are forgotten.
    void commit(Worker &w,
                int index,
                const std::vector<int> &links,
                Worker::Delta &delta,
                ScenarioOutput &out) const
    {
        for (int l : links)
            w.linkDown[size_t(l)] = 1;
        std::sort(out.disconnectedPairs.begin(), out.disconnectedPairs.end());
        std::sort(out.endpointDownPairs.begin(), out.endpointDownPairs.end());
        out.endpointDownPairs.erase(
            std::unique(out.endpointDownPairs.begin(), out.endpointDownPairs.end()),
            out.endpointDownPairs.end());
        for (int p : out.disconnectedPairs)
            ++w.pair[size_t(p)].disconnected;

        for (int arc : delta.arcs) {
            const int l = RoutingGraph::arcLink(arc);
            if (delta.touched[size_t(arc)] == 2)
                continue; // link already handled through its other arc
            delta.touched[size_t(arc)] = 2;
            delta.touched[size_t(RoutingGraph::reverseArc(arc))] = 2;
            double load = 0.0;
            if (!w.linkDown[size_t(l)]) {
                const double ab = m_base.arcLoad[size_t(2 * l)] + delta.load[size_t(2 * l)];
                const double ba = m_base.arcLoad[size_t(2 * l + 1)] + delta.load[size_t(2 * l + 1)];
                load = std::max({ab, ba, 0.0});
            }
            const double key = loadKey(load);
            if (key > w.linkKey[size_t(l)] ||
                (key == w.linkKey[size_t(l)] && index < w.linkScenario[size_t(l)])) {
                w.linkKey[size_t(l)] = key;
                w.linkLoad[size_t(l)] = load;
                w.linkScenario[size_t(l)] = index;
            }
        }
        for (int arc : delta.arcs) {
            for (int a : {arc, RoutingGraph::reverseArc(arc)}) {
                delta.load[size_t(a)] = 0.0;
                delta.touched[size_t(a)] = 0;
            }
        }
        delta.arcs.clear();
        for (int l : links)
            w.linkDown[size_t(l)] = 0;
    }

    void setPairsFrom(std::vector<std::vector<int>> pairsFrom)
    {
        m_pairsFrom = std::move(pairsFrom);
    }

private:
    bool routedInBase(int pair) const
    {
        const auto &p = m_graph.pairs()[size_t(pair)];
        const int slot = m_base.slotOf[size_t(p.destination)];
        return m_base.nodes[size_t(slot) * size_t(m_base.n) + size_t(p.source)].dist !=
               kUnreachable;
    }

    void addLoad(Worker &w, int arc, double gbps) const
    {
        Worker::Delta &delta = *w.delta;
        if (!delta.touched[size_t(arc)]) {
            delta.touched[size_t(arc)] = 1;
            delta.arcs.push_back(arc);
        }
        delta.load[size_t(arc)] += gbps;
    }

    void mark(Worker &w, int node, unsigned char flag) const
    {
        if (!(w.node[size_t(node)].state & kTouched)) {
            w.node[size_t(node)].state |= kTouched;
            w.touchedNodes.push_back(node);
        }
        w.node[size_t(node)].state |= flag;
    }

    void processDestination(Worker &w,
                            int slot,
                            const std::vector<int> &links,
                            int failedNode,
                            ScenarioOutput &out) const
    {
        const RoutingGraph &g = m_graph;
        const size_t offset = size_t(slot) * size_t(m_base.n);
        const NodeState *nb = m_base.nodes.data() + offset;
        const int t = m_base.destinationOf[size_t(slot)];
        const auto [firstPair, lastPair] = g.pairsTo(t);

        auto tight = [&](int arc) {
            const qint64 head = nb[g.arcHead(arc)].dist;
            const qint64 tail = nb[g.arcTail(arc)].dist;
            return head != kUnreachable && tail != kUnreachable &&
                   tail == head + g.metric(RoutingGraph::arcLink(arc));
        };
        auto up = [&](int arc) {
            return !w.linkDown[size_t(RoutingGraph::arcLink(arc))] &&
                   g.arcHead(arc) != failedNode && g.arcTail(arc) != failedNode;
        };

        if (t == failedNode) {
            // Everything toward the failed site is dropped: take its whole tree away.
            for (int v = 0; v < m_base.n; ++v) {
                if (nb[v].through <= 0.0)
                    continue;
                int count = 0;
                for (int arc : g.arcsFrom(v))
                    count += tight(arc) ? 1 : 0;
                const double share = nb[v].through / count;
                for (int arc : g.arcsFrom(v))
                    if (tight(arc))
                        addLoad(w, arc, -share);
            }
            for (int p = firstPair; p < lastPair; ++p)
                if (nb[g.pairs()[size_t(p)].source].dist != kUnreachable)
                    out.endpointDownPairs.push_back(p);
            return;
        }

        bool affected = failedNode >= 0 && nb[failedNode].carries;
        for (size_t i = 0; i < links.size() && !affected; ++i) {
            for (int arc : {2 * links[i], 2 * links[i] + 1})
                affected = affected || (tight(arc) && nb[g.arcTail(arc)].carries);
        }
        if (!affected)
            return;

        // 1. Nodes whose next hops change (candidates), and those whose distance grows (A):
        //    a node is in A when every next hop it has left is in A. Each candidate counts its
        //    surviving next hops; a node joining A takes one from each of its predecessors.
        //    The shortest-path DAG has no cycles, so no ordering is needed.
        auto &stack = w.stack;
        stack.clear();
        auto liveNextHops = [&](int v) {
            int count = 0;
            for (int arc : g.arcsFrom(v))
                count += tight(arc) && up(arc) ? 1 : 0;
            return count;
        };
        // Makes v a candidate (counting its next hops) unless it is one; returns its entry.
        auto touch = [&](int v) -> Worker::Scratch & {
            Worker::Scratch &scratch = w.node[size_t(v)];
            if (!(scratch.state & kCandidate)) {
                mark(w, v, kCandidate);
                w.candidates.push_back(v);
                scratch.live = liveNextHops(v);
                if (scratch.live == 0)
                    stack.push_back(v);
            }
            return scratch;
        };
        for (int l : links)
            for (int arc : {2 * l, 2 * l + 1})
                if (tight(arc))
                    touch(g.arcTail(arc));
        if (failedNode >= 0 && nb[failedNode].dist != kUnreachable) {
            for (int arc : g.arcsFrom(failedNode))
                if (tight(RoutingGraph::reverseArc(arc)))
                    touch(g.arcHead(arc));
        }
        while (!stack.empty()) {
            const int v = stack.back();
            stack.pop_back();
            mark(w, v, kInA);
            w.inA.push_back(v);
            for (int arc : g.arcsFrom(v)) {
                const int u = g.arcHead(arc);
                const int back = RoutingGraph::reverseArc(arc);
                if (u == failedNode || !tight(back) || !up(back))
                    continue;
                // A fresh count includes the arc to v (v joined A after being counted, or
                // now): either way v no longer counts.
                if (--touch(u).live == 0)
                    stack.push_back(u);
            }
        }

        // 2. New distances inside A, from its border. Only nodes that carry traffic need theirs
        //    (and every node nearer than them, which Dijkstra settles first): stop once they
        //    are settled. The others keep an upper bound nobody reads.
        auto &minQueue = w.minQueue;
        int carriersLeft = 0;
        for (int v : w.inA) {
            carriersLeft += nb[v].carries ? 1 : 0;
            qint64 best = kUnreachable;
            for (int arc : g.arcsFrom(v)) {
                const int u = g.arcHead(arc);
                if (up(arc) && !(w.node[size_t(u)].state & kInA) && nb[u].dist != kUnreachable)
                    best = std::min(best, nb[u].dist + g.metric(RoutingGraph::arcLink(arc)));
            }
            w.node[size_t(v)].newDist = best;
            if (best != kUnreachable)
                minQueue.push(best, v);
        }
        while (!minQueue.empty() && carriersLeft > 0) {
            const auto [d, v] = minQueue.pop();
            if (d != w.node[size_t(v)].newDist)
                continue;
            carriersLeft -= nb[v].carries ? 1 : 0;
            for (int arc : g.arcsFrom(v)) {
                const int u = g.arcHead(arc);
                if (!up(arc) || !(w.node[size_t(u)].state & kInA))
                    continue;
                const qint64 candidate = d + g.metric(RoutingGraph::arcLink(arc));
                if (candidate < w.node[size_t(u)].newDist) {
                    w.node[size_t(u)].newDist = candidate;
                    minQueue.push(candidate, u);
                }
            }
        }
        minQueue.clear();
        auto newDistOf = [&](int v) -> qint64 {
            if (v == failedNode)
                return kUnreachable;
            return (w.node[size_t(v)].state & kInA) ? w.node[size_t(v)].newDist : nb[v].dist;
        };
        auto newNextHop = [&](qint64 dv, int arc) {
            if (!up(arc))
                return false;
            const qint64 du = newDistOf(g.arcHead(arc));
            return du != kUnreachable && dv == du + g.metric(RoutingGraph::arcLink(arc));
        };

        // 3. Loads by difference: take away the old emission of every changed node, then, from
        //    the farthest node in, emit the new traffic over the new next hops.
        auto &maxQueue = w.maxQueue;
        auto enqueue = [&](int v) {
            if (!(w.node[size_t(v)].state & kQueued)) {
                mark(w, v, kQueued);
                maxQueue.push(newDistOf(v), v);
            }
        };
        auto removeOld = [&](int v) {
            if (nb[v].through <= 0.0)
                return;
            int count = 0;
            for (int arc : g.arcsFrom(v))
                count += tight(arc) ? 1 : 0;
            const double share = nb[v].through / count;
            for (int arc : g.arcsFrom(v)) {
                if (!tight(arc))
                    continue;
                addLoad(w, arc, -share);
                w.node[size_t(g.arcHead(arc))].delta -= share;
                enqueue(g.arcHead(arc));
            }
        };
        for (int v : w.candidates) {
            removeOld(v);
            enqueue(v);
        }
        if (failedNode >= 0 && nb[failedNode].carries)
            removeOld(failedNode);
        while (!maxQueue.empty()) {
            const auto [dx, x] = maxQueue.pop();
            if (x == failedNode || x == t)
                continue;
            const bool changed = w.node[size_t(x)].state & kCandidate;
            const double amount =
                changed ? nb[x].through + w.node[size_t(x)].delta : w.node[size_t(x)].delta;
            if (changed && dx == kUnreachable) {
                const int pair = nb[x].pair;
                if (pair >= 0)
                    out.disconnectedPairs.push_back(pair);
                continue;
            }
            if (amount == 0.0)
                continue;
            int count = 0;
            for (int arc : g.arcsFrom(x))
                count += newNextHop(dx, arc) ? 1 : 0;
            const double share = amount / count;
            for (int arc : g.arcsFrom(x)) {
                if (!newNextHop(dx, arc))
                    continue;
                addLoad(w, arc, share);
                w.node[size_t(g.arcHead(arc))].delta += share;
                enqueue(g.arcHead(arc));
            }
        }

        // 4. Latency of the demands whose paths crossed the failure (U: their sources).
        w.stack.clear();
        auto markU = [&](int v) {
            if (!(w.node[size_t(v)].state & kInU)) {
                mark(w, v, kInU);
                w.stack.push_back(v);
                w.inU.push_back(v);
            }
        };
        for (int v : w.candidates)
            markU(v);
        while (!w.stack.empty()) {
            const int v = w.stack.back();
            w.stack.pop_back();
            for (int arc : g.arcsFrom(v)) {
                const int u = g.arcHead(arc);
                if (u != failedNode && tight(RoutingGraph::reverseArc(arc)))
                    markU(u);
            }
        }
        const double perHop = m_options.perHopLatencyMs;
        auto latency = [&](auto &&self, int v) -> double {
            if (v == t)
                return 0.0;
            const unsigned char state = w.node[size_t(v)].state;
            if (!(state & kInU))
                return nb[v].maxLatency;
            if (state & kMemo)
                return w.node[size_t(v)].memoLatency;
            const qint64 dv = newDistOf(v);
            double worst = 0.0;
            for (int arc : g.arcsFrom(v))
                if (newNextHop(dv, arc))
                    worst = std::max(
                        worst, addHopMs(hopLatencyMs(g, arc, perHop), self(self, g.arcHead(arc))));
            w.node[size_t(v)].state |= kMemo; // already touched: it is in U
            w.node[size_t(v)].memoLatency = worst;
            return worst;
        };
        for (int s : w.inU) {
            const int p = nb[s].pair;
            if (p < 0 || s == failedNode || newDistOf(s) == kUnreachable)
                continue;
            const double now = latency(latency, s);
            updatePair(w, p, stretchKey(now / nb[s].maxLatency), now);
        }

        for (int v : w.touchedNodes) {
            w.node[size_t(v)].state = 0;
            w.node[size_t(v)].delta = 0.0;
        }
        w.touchedNodes.clear();
        w.candidates.clear();
        w.inA.clear();
        w.inU.clear();
    }

    int pairFrom(int source, int first, int last) const
    {
        const auto &pairs = m_graph.pairs();
        auto it =
            std::lower_bound(pairs.begin() + first, pairs.begin() + last, source,
                             [](const RoutingGraph::DemandPair &p, int s) { return p.source < s; });
        return it != pairs.begin() + last && it->source == source ? int(it - pairs.begin()) : -1;
    }

    void updatePair(Worker &w, int p, double key, double latency) const
    {
        const int scenario = w.currentScenario;
        auto &worst = w.pair[size_t(p)];
        if (key > worst.key || (key == worst.key && scenario < worst.scenario)) {
            worst.key = key;
            worst.latency = latency;
            worst.scenario = scenario;
        }
    }

    const RoutingGraph &m_graph;
    const Options &m_options;
    const Base &m_base;
    std::vector<std::vector<int>> m_pairsFrom;
};

double siteAvailability(const core::Site &site)
{
    const QJsonValue value = site.attributes.value(u"availability"_qs);
    const double a = value.isDouble() ? value.toDouble() : value.toString().toDouble();
    return a > 0.0 && a <= 1.0 ? a : 1.0;
}

void buildBase(
    const RoutingGraph &graph, const Options &options, Base &base, Progress &progress, int workers)
{
    const int n = graph.nodeCount();
    base.n = n;
    base.slotOf.assign(size_t(n), -1);
    for (int t = 0; t < n; ++t) {
        const auto [first, last] = graph.pairsTo(t);
        if (first != last) {
            base.slotOf[size_t(t)] = int(base.destinationOf.size());
            base.destinationOf.push_back(t);
        }
    }
    const size_t slots = base.destinationOf.size();
    base.nodes.assign(slots * size_t(n), {});
    for (size_t p = 0; p < graph.pairs().size(); ++p) {
        const auto &pair = graph.pairs()[p];
        base.nodes[size_t(base.slotOf[size_t(pair.destination)]) * size_t(n) + size_t(pair.source)]
            .pair = int(p);
    }

    const int blocks = std::max(1, std::min(kBlocks, int(slots)));
    std::vector<std::vector<double>> blockLoads(static_cast<size_t>(blocks));
    std::atomic<int> done{0};
    parallelFor(blocks, workers, [&](int block, int) {
        std::vector<double> &loads = blockLoads[size_t(block)];
        loads.assign(size_t(graph.arcCount()), 0.0);
        EcmpTree tree;
        PathFacts facts;
        std::vector<double> through;
        const size_t first = size_t(block) * slots / size_t(blocks);
        const size_t last = size_t(block + 1) * slots / size_t(blocks);
        for (size_t slot = first; slot < last; ++slot) {
            if (progress.isCancelled())
                throw Cancelled{};
            const int t = base.destinationOf[slot];
            computeEcmpTree(graph, t, {}, -1, tree);
            spreadTraffic(graph, tree, loads, &through);
            const size_t offset = slot * size_t(n);
            NodeState *nb = base.nodes.data() + offset;
            for (int v = 0; v < n; ++v) {
                nb[v].dist = tree.dist[size_t(v)];
                nb[v].through = through[size_t(v)];
            }
            const auto [firstPair, lastPair] = graph.pairsTo(t);
            for (int p = firstPair; p < lastPair; ++p) {
                const int s = graph.pairs()[size_t(p)].source;
                if (tree.dist[size_t(s)] != kUnreachable)
                    nb[s].carries = 1;
            }
            for (int v : tree.order) {
                if (!nb[v].carries)
                    continue;
                for (int arc : graph.arcsFrom(v))
                    if (tree.isNextHop(graph, arc))
                        nb[graph.arcHead(arc)].carries = 1;
            }
            computePathFacts(graph, tree, options.perHopLatencyMs, facts);
            for (int v : tree.order)
                nb[v].maxLatency = facts.maxLatency[size_t(v)];
        }
        progress.report(0.1 * (++done) / blocks, "normal state");
    });
    base.arcLoad.assign(size_t(graph.arcCount()), 0.0);
    for (const auto &loads : blockLoads)
        for (size_t a = 0; a < loads.size(); ++a)
            base.arcLoad[a] += loads[a];
}

} // namespace

Result run(const core::Network &network, const Options &options, Progress &progress)
{
    const RoutingGraph graph(network);
    if (graph.nodeCount() >= (1 << Heap<std::less<>>::kNodeBits))
        throw core::Failure(
            u"resilience handles up to %1 sites"_qs.arg((1 << Heap<std::less<>>::kNodeBits) - 1));
    qint64 metricSum = 0; // bounds every distance
    for (int l = 0; l < graph.linkCount(); ++l)
        metricSum += graph.metric(l);
    if (quint64(metricSum) >= Heap<std::less<>>::kInfiniteKey)
        throw core::Failure(
            u"the IGP metrics add up to more than resilience can order (%1)"_qs.arg(metricSum));
    if (const qint64 pairs = qint64(graph.linkCount()) * (graph.linkCount() - 1) / 2;
        options.linkPairs && pairs > kMaxLinkPairs)
        throw core::Failure(
            u"%1 links make %2 link pairs to fail, more than %3: fail pairs of links (--n2) on "
            "a network of at most 1,414 links, or single failures only"_qs.arg(graph.linkCount())
                .arg(pairs)
                .arg(kMaxLinkPairs));
    const int workers = options.workers > 0 ? options.workers : workerCount();
    Base base;
    buildBase(graph, options, base, progress, workers);

    // Scenarios: normal, every link, every site, every SRLG, and link pairs on request.
    Result result;
    std::vector<ScenarioSpec> specs;
    auto linkName = [&](int l) {
        const core::Link &link = graph.link(l);
        return u"%1 %2-%3"_qs.arg(link.id).arg(graph.site(graph.linkA(l)).code,
                                               graph.site(graph.linkB(l)).code);
    };
    result.scenarios.push_back({ScenarioKind::Normal, u"normal"_qs, {}, 0});
    specs.push_back({});
    for (int l = 0; l < graph.linkCount(); ++l) {
        result.scenarios.push_back(
            {ScenarioKind::Link, u"link "_qs + linkName(l), {graph.link(l).id}, 0});
        specs.push_back({{l}, -1});
    }
    for (int v = 0; v < graph.nodeCount(); ++v) {
        result.scenarios.push_back(
            {ScenarioKind::Site, u"site "_qs + graph.site(v).code, {}, graph.siteId(v)});
        specs.push_back({{}, v});
    }
    std::map<QString, std::vector<int>> srlgs;
    for (int l = 0; l < graph.linkCount(); ++l)
        for (const QString &srlg : graph.link(l).srlgs)
            srlgs[srlg].push_back(l);
    for (auto &[name, links] : srlgs) {
        links.erase(std::unique(links.begin(), links.end()), links.end());
        Scenario scenario{ScenarioKind::Srlg, u"srlg "_qs + name, {}, 0};
        for (int l : links)
            scenario.links.push_back(graph.link(l).id);
        result.scenarios.push_back(scenario);
        specs.push_back({links, -1});
    }
    if (options.linkPairs) {
        for (int i = 0; i < graph.linkCount(); ++i) {
            for (int j = i + 1; j < graph.linkCount(); ++j) {
                result.scenarios.push_back(
                    {ScenarioKind::LinkPair,
                     u"links %1+%2"_qs.arg(graph.link(i).id).arg(graph.link(j).id),
                     {graph.link(i).id, graph.link(j).id},
                     0});
                specs.push_back({{i, j}, -1});
            }
        }
    }

    std::vector<std::vector<int>> pairsFrom(size_t(graph.nodeCount()));
    for (size_t p = 0; p < graph.pairs().size(); ++p)
        pairsFrom[size_t(graph.pairs()[p].source)].push_back(int(p));
    Solver solver(graph, options, base);
    solver.setPairsFrom(std::move(pairsFrom));

    const int scenarioCount = int(specs.size());
    std::vector<ScenarioOutput> outputs(static_cast<size_t>(scenarioCount));
    std::vector<Worker> scratch(static_cast<size_t>(workers));
    std::vector<char> ready(static_cast<size_t>(workers), 0);
    std::atomic<int> done{0};
    const int blockCount = (scenarioCount - 1 + kScenarioBlock - 1) / kScenarioBlock;
    parallelFor(blockCount, workers, [&](int block, int worker) {
        if (progress.isCancelled())
            throw Cancelled{};
        Worker &w = scratch[size_t(worker)];
        if (!ready[size_t(worker)]) {
            solver.initWorker(w);
            ready[size_t(worker)] = 1;
        }
        const int first = 1 + block * kScenarioBlock;
        const int last = std::min(scenarioCount, first + kScenarioBlock);
        solver.runBlock(w, first, last, specs, outputs);
        const int finished = done += last - first;
        progress.report(0.1 + 0.9 * finished / scenarioCount, "failures");
    });

    // Merge the workers: the larger figure wins, ties go to the earlier scenario.
    Worker merged;
    solver.initWorker(merged);
    for (size_t k = 0; k < scratch.size(); ++k) {
        if (!ready[k])
            continue;
        const Worker &w = scratch[k];
        for (size_t l = 0; l < w.linkKey.size(); ++l) {
            if (w.linkKey[l] > merged.linkKey[l] ||
                (w.linkKey[l] == merged.linkKey[l] && w.linkScenario[l] < merged.linkScenario[l])) {
                merged.linkKey[l] = w.linkKey[l];
                merged.linkLoad[l] = w.linkLoad[l];
                merged.linkScenario[l] = w.linkScenario[l];
            }
        }
        for (size_t p = 0; p < w.pair.size(); ++p) {
            const auto &theirs = w.pair[p];
            auto &ours = merged.pair[p];
            if (theirs.key > ours.key ||
                (theirs.key == ours.key && theirs.scenario < ours.scenario)) {
                ours.key = theirs.key;
                ours.latency = theirs.latency;
                ours.scenario = theirs.scenario;
            }
            ours.disconnected += theirs.disconnected;
        }
    }

    for (int l = 0; l < graph.linkCount(); ++l) {
        LinkWorst link;
        link.id = graph.link(l).id;
        link.a = graph.link(l).siteA;
        link.b = graph.link(l).siteB;
        link.capacityGbps = graph.capacityGbps(l);
        link.normalLoadGbps =
            std::max(base.arcLoad[size_t(2 * l)], base.arcLoad[size_t(2 * l + 1)]);
        link.normalUtilization = link.normalLoadGbps / link.capacityGbps;
        link.worstLoadGbps = merged.linkLoad[size_t(l)];
        link.worstUtilization = link.worstLoadGbps / link.capacityGbps;
        link.worstScenario = merged.linkScenario[size_t(l)];
        result.maxNormalUtilization = std::max(result.maxNormalUtilization, link.normalUtilization);
        result.maxWorstUtilization = std::max(result.maxWorstUtilization, link.worstUtilization);
        result.links.push_back(link);
    }

    const auto &demands = network.demands();
    auto rateOf = [&](int p) {
        return graph.pairs()[size_t(p)].rateGbps;
    };
    for (int index = 0; index < scenarioCount; ++index) {
        const ScenarioOutput &out = outputs[size_t(index)];
        if (out.disconnectedPairs.empty() && out.endpointDownPairs.empty())
            continue;
        Disconnection disconnection;
        disconnection.scenario = index;
        for (int p : out.disconnectedPairs) {
            for (int d : graph.pairs()[size_t(p)].demands)
                disconnection.demands.push_back(demands[size_t(d)].id);
            disconnection.lostGbps += rateOf(p);
        }
        for (int p : out.endpointDownPairs) {
            for (int d : graph.pairs()[size_t(p)].demands)
                disconnection.endpointDown.push_back(demands[size_t(d)].id);
            disconnection.endpointDownGbps += rateOf(p);
        }
        std::sort(disconnection.demands.begin(), disconnection.demands.end());
        std::sort(disconnection.endpointDown.begin(), disconnection.endpointDown.end());
        result.disconnected.push_back(std::move(disconnection));
    }

    // Per demand: latency stretch, disconnections, protection and availability.
    result.demands.resize(demands.size());
    for (size_t i = 0; i < demands.size(); ++i) {
        result.demands[i].id = demands[i].id;
    }
    for (int d : graph.localDemands())
        result.demands[size_t(d)].routed = true;
    std::vector<std::vector<int>> primaryPath(graph.pairs().size());
    for (size_t p = 0; p < graph.pairs().size(); ++p) {
        const auto &pair = graph.pairs()[p];
        const size_t offset = size_t(base.slotOf[size_t(pair.destination)]) * size_t(base.n);
        const NodeState *nb = base.nodes.data() + offset;
        if (nb[pair.source].dist == kUnreachable)
            continue;
        const double normal = nb[pair.source].maxLatency;
        const double worst = merged.pair[p].latency < 0.0 ? normal : merged.pair[p].latency;
        // The first equal-cost path in link id order, for availability.
        for (int v = pair.source; v != pair.destination;) {
            for (int arc : graph.arcsFrom(v)) {
                const qint64 head = nb[graph.arcHead(arc)].dist;
                if (head != kUnreachable &&
                    nb[v].dist == head + graph.metric(RoutingGraph::arcLink(arc))) {
                    primaryPath[p].push_back(arc);
                    v = graph.arcHead(arc);
                    break;
                }
            }
        }
        for (int d : pair.demands) {
            DemandOutcome &outcome = result.demands[size_t(d)];
            outcome.routed = true;
            outcome.normalLatencyMs = normal;
            outcome.worstLatencyMs = worst;
            outcome.worstStretch = worst / normal;
            outcome.worstScenario = merged.pair[p].scenario;
            outcome.scenariosDisconnected = merged.pair[p].disconnected;
        }
    }

    std::vector<double> nodeAvailability(size_t(graph.nodeCount()));
    for (int v = 0; v < graph.nodeCount(); ++v)
        nodeAvailability[size_t(v)] = siteAvailability(graph.site(v));
    auto linkAvailability = [&](int arc) {
        const auto &a = graph.link(RoutingGraph::arcLink(arc)).availability;
        return a ? *a : 1.0;
    };
    auto pathAvailability = [&](int source, const std::vector<int> &arcs,
                                const std::vector<char> &skip) {
        double a = skip[size_t(source)] ? 1.0 : nodeAvailability[size_t(source)];
        for (int arc : arcs) {
            a *= linkAvailability(arc);
            if (!skip[size_t(graph.arcHead(arc))])
                a *= nodeAvailability[size_t(graph.arcHead(arc))];
        }
        return a;
    };
    const std::vector<char> noSkip(size_t(graph.nodeCount()), 0);
    std::map<std::pair<int, int>, std::vector<std::vector<int>>> pairsCache;
    for (size_t p = 0; p < graph.pairs().size(); ++p) {
        const auto &pair = graph.pairs()[p];
        for (int d : pair.demands) {
            const core::Demand &demand = demands[size_t(d)];
            DemandOutcome &outcome = result.demands[size_t(d)];
            if (!outcome.routed) {
                outcome.availability = 0.0;
                if (demand.protection == core::Protection::OnePlusOne) {
                    ProtectionPair protection;
                    protection.id = demand.id;
                    protection.problem = u"no path at all joins %1 and %2"_qs.arg(
                        graph.site(pair.source).code, graph.site(pair.destination).code);
                    result.protection.push_back(std::move(protection));
                }
                continue;
            }
            std::vector<std::vector<int>> disjoint;
            if (demand.protection != core::Protection::None) {
                auto key = std::make_pair(pair.source, pair.destination);
                auto it = pairsCache.find(key);
                if (it == pairsCache.end())
                    it = pairsCache.emplace(key, disjointPair(graph, pair.source, pair.destination))
                             .first;
                disjoint = it->second;
            }
            if (disjoint.size() == 2) {
                // Sites on both paths are in series; the rest of the two paths in parallel.
                std::vector<char> onFirst(size_t(graph.nodeCount()), 0),
                    shared(size_t(graph.nodeCount()), 0);
                onFirst[size_t(pair.source)] = 1;
                for (int arc : disjoint[0])
                    onFirst[size_t(graph.arcHead(arc))] = 1;
                double sharedAvailability = nodeAvailability[size_t(pair.source)];
                shared[size_t(pair.source)] = 1;
                for (int arc : disjoint[1]) {
                    const int v = graph.arcHead(arc);
                    if (onFirst[size_t(v)]) {
                        shared[size_t(v)] = 1;
                        sharedAvailability *= nodeAvailability[size_t(v)];
                    }
                }
                const double a1 = pathAvailability(pair.source, disjoint[0], shared);
                const double a2 = pathAvailability(pair.source, disjoint[1], shared);
                outcome.availability = sharedAvailability * (1.0 - (1.0 - a1) * (1.0 - a2));
            } else {
                outcome.availability = pathAvailability(pair.source, primaryPath[p], noSkip);
            }
            if (demand.protection == core::Protection::OnePlusOne) {
                ProtectionPair protection;
                protection.id = demand.id;
                protection.found = disjoint.size() == 2;
                if (protection.found) {
                    auto sites = [&](const std::vector<int> &arcs) {
                        std::vector<core::SiteId> ids{graph.siteId(pair.source)};
                        for (int arc : arcs)
                            ids.push_back(graph.siteId(graph.arcHead(arc)));
                        return ids;
                    };
                    auto latency = [&](const std::vector<int> &arcs) {
                        return pathLatencyMs(graph, arcs, options.perHopLatencyMs);
                    };
                    int first = latency(disjoint[0]) <= latency(disjoint[1]) ? 0 : 1;
                    protection.primary = sites(disjoint[size_t(first)]);
                    protection.backup = sites(disjoint[size_t(1 - first)]);
                    protection.primaryLatencyMs = latency(disjoint[size_t(first)]);
                    protection.backupLatencyMs = latency(disjoint[size_t(1 - first)]);
                } else {
                    protection.problem = u"no two link-disjoint paths join %1 and %2"_qs.arg(
                        graph.site(pair.source).code, graph.site(pair.destination).code);
                }
                result.protection.push_back(std::move(protection));
            }
        }
    }
    std::sort(result.protection.begin(), result.protection.end(),
              [](const ProtectionPair &a, const ProtectionPair &b) { return a.id < b.id; });

    const Structure structure = findStructure(graph);
    for (int l : structure.bridges)
        result.bridges.push_back(graph.link(l).id);
    for (int v : structure.articulationPoints)
        result.articulationPoints.push_back(graph.siteId(v));
    progress.report(1.0, "failures");
    return result;
}

namespace {

QJsonArray numbers(const std::vector<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

QJsonObject toJson(const core::Network &network, const Result &result)
{
    auto scenarioName = [&](int index) {
        return result.scenarios[size_t(index)].name;
    };
    QJsonArray links;
    for (const LinkWorst &link : result.links) {
        links.append(QJsonObject{{u"id"_qs, link.id},
                                 {u"a"_qs, siteCode(network, link.a)},
                                 {u"b"_qs, siteCode(network, link.b)},
                                 {u"capacityGbps"_qs, link.capacityGbps},
                                 {u"normalLoadGbps"_qs, link.normalLoadGbps},
                                 {u"normalUtilization"_qs, link.normalUtilization},
                                 {u"worstLoadGbps"_qs, link.worstLoadGbps},
                                 {u"worstUtilization"_qs, link.worstUtilization},
                                 {u"worstScenario"_qs, scenarioName(link.worstScenario)}});
    }
    QJsonArray disconnected;
    for (const Disconnection &d : result.disconnected) {
        disconnected.append(QJsonObject{{u"scenario"_qs, scenarioName(d.scenario)},
                                        {u"demands"_qs, numbers(d.demands)},
                                        {u"lostGbps"_qs, d.lostGbps},
                                        {u"endpointDown"_qs, numbers(d.endpointDown)},
                                        {u"endpointDownGbps"_qs, d.endpointDownGbps}});
    }
    QJsonArray demands;
    for (const DemandOutcome &d : result.demands) {
        if (!d.routed)
            continue;
        demands.append(QJsonObject{{u"id"_qs, d.id},
                                   {u"normalLatencyMs"_qs, d.normalLatencyMs},
                                   {u"worstLatencyMs"_qs, d.worstLatencyMs},
                                   {u"worstStretch"_qs, d.worstStretch},
                                   {u"worstScenario"_qs, scenarioName(d.worstScenario)},
                                   {u"scenariosDisconnected"_qs, d.scenariosDisconnected},
                                   {u"availability"_qs, d.availability}});
    }
    QJsonArray protection;
    for (const ProtectionPair &p : result.protection) {
        QJsonObject object{{u"id"_qs, p.id}, {u"found"_qs, p.found}};
        if (p.found) {
            object.insert(u"primary"_qs, siteCodes(network, p.primary));
            object.insert(u"backup"_qs, siteCodes(network, p.backup));
            object.insert(u"primaryLatencyMs"_qs, p.primaryLatencyMs);
            object.insert(u"backupLatencyMs"_qs, p.backupLatencyMs);
        } else {
            object.insert(u"problem"_qs, p.problem);
        }
        protection.append(object);
    }
    return QJsonObject{{u"scenarios"_qs, qint64(result.scenarios.size()) - 1},
                       {u"maxNormalUtilization"_qs, result.maxNormalUtilization},
                       {u"maxWorstUtilization"_qs, result.maxWorstUtilization},
                       {u"links"_qs, links},
                       {u"disconnected"_qs, disconnected},
                       {u"demands"_qs, demands},
                       {u"bridges"_qs, numbers(result.bridges)},
                       {u"articulationPoints"_qs, siteCodes(network, result.articulationPoints)},
                       {u"protection"_qs, protection}};
}

} // namespace nqi::planners::resilience
