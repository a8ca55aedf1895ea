#include "planners/resilience/resilience.h"

#include "planners/common/json.h"
#include "planners/common/parallel.h"
#include "planners/common/radixheap.h"
#include "planners/common/routinggraph.h"
#include "planners/resilience/structure.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <memory>
#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <functional>
#include <map>
#include <queue>
#include <span>

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

/// Base::hop of a node without one next hop (several, none, or one placed too far).
constexpr unsigned char kNoSingleHop = 255;
/// Base::slack of a node whose next-best neighbour is this much farther or more, or none.
constexpr quint16 kSlackCap = 65535;
/// NodeState::hops of a node with this many next hops or more (then counted from its arcs).
constexpr unsigned char kManyHops = 255;

// What the normal state looks like from every destination that receives traffic, but for the
// distances (Base::dist).
struct NodeState
{
    double through = 0.0;    ///< traffic toward the destination through the node
    double maxLatency = 0.0; ///< slowest ECMP path latency to the destination
    int pair = -1;           ///< the demand pair from the node to the destination
    unsigned char carries : 1 = 0; ///< some demand toward the destination crosses the node
    /// The node or one whose paths cross it has several next hops (see indexTree).
    unsigned char branchesAbove : 1 = 0;
    /// How many next hops the node has (kManyHops: that many or more): a link failure takes
    /// those of its arcs away, and what is left is known without reading the node's arcs.
    unsigned char hops = 0;
};
static_assert(sizeof(NodeState) == 24, "eight NodeStates per three cache lines");

/// Whether @p arc is a next hop of its tail in the normal state's distances @p dist.
bool normalNextHop(const RoutingGraph &graph, const qint64 *dist, int arc)
{
    return nextHopDistances(dist[graph.arcTail(arc)], dist[graph.arcHead(arc)],
                            graph.metric(RoutingGraph::arcLink(arc)));
}

struct Base
{
    int n = 0;
    std::vector<int> slotOf; ///< node -> slot, -1 when no demand ends there
    std::vector<int> destinationOf;
    std::vector<NodeState> nodes; ///< [slot * n + node]
    /// [slot * n + node]: the node's normal distance to the destination, or kUnreachable. Apart
    /// from nodes, because the searches read it of every neighbour: a destination's are 40 KB
    /// at 5,000 sites, eight to a cache line.
    std::vector<qint64> dist;
    /// [slot * n + node]: the place of the node's only next hop in arcsFrom(node), or
    /// kNoSingleHop. A node whose next hops a failure leaves alone sends its changes there
    /// without looking at its arcs; apart from nodes, so that passOn's walks from node to next
    /// hop read a byte per node (5 KB per destination at 5,000 sites) and not half a cache line.
    std::vector<unsigned char> hop;
    /// [slot * n + node], for a node with one next hop (Base::hop): how much farther than its
    /// distance its next-best neighbour is (its metric and distance), at most kSlackCap (then at
    /// least that). A failure that lengthens the node's paths by less gives it no new next hop.
    std::vector<quint16> slack;
    std::vector<double> arcLoad;
    /// Per slot, the dominator tree (see indexTree): its preorder (reachable nodes,
    /// [slot * n + i]), each node's place in it and the size of its subtree ([slot * n + node]).
    std::vector<int> preorder, tin, subtreeSize;
    qint64 maxDist = 0; ///< the farthest any node is from a destination it reaches
    /// Per slot, the first and last places in that preorder of a node and its neighbours, by
    /// the node's place ([slot * n + place]; an unreachable neighbour counts as place 0): a node
    /// of a subtree whose places hold these has no neighbour outside it. By place, so that a
    /// subtree's are read in one sweep.
    std::vector<std::pair<int, int>> neighbourPlaces;
    /// Per slot, the places of the nodes that carry traffic, one bit each
    /// ([slot * placeWords + place / 64]).
    std::vector<quint64> carrierPlaces;
    size_t placeWords = 0;
    /// Per slot, the links that are a next hop of a node that carries traffic, either way, a
    /// bit each ([slot * linkWords + link / 64]): only their failure changes that slot's loads.
    std::vector<quint64> carryingLinks;
    size_t linkWords = 0;
};

enum Flag : unsigned char {
    kCandidate = 1, ///< its next hops change (the set S)
    kInA = 2,       ///< its distance grows
    kQueued = 4,
    kInU = 8, ///< some of its paths cross the failure
    kMemo = 16,
    kTouched = 32,
    kSettled = 64, ///< its new distance is final (a search by detour, processDestination)
    kTop = 128,    ///< the root of one of A's subtrees (a search by detour)
};

/**
 * The search's queue, nearest first and monotone like RadixHeap. When every key pushed between
 * two empty moments lies in a window of known width (Solver::Solver: no seed is farther than the
 * farthest normal distance plus one metric, no relaxation more than two metrics past the last
 * pop), it is a ring of buckets, one per distance (Dial's algorithm): a push is an append, a
 * pop finds the next non-empty bucket in two levels of bit sets. Otherwise, or for a ring too
 * large to stay in cache, it is a RadixHeap. Entries of one distance pop last pushed first: the
 * search's distances do not depend on that order, and nothing is summed in it.
 */
class NearestQueue
{
public:
    using Entry = std::pair<qint64, int>;
    static constexpr qint64 kMaxRing = qint64(1) << 17;

    /// Keys span less than @p window (0 or beyond kMaxRing: no ring).
    void setWindow(qint64 window)
    {
        m_mask = 0;
        if (window <= 0 || window > kMaxRing)
            return;
        size_t ring = 64;
        while (qint64(ring) < window)
            ring *= 2;
        m_mask = ring - 1;
        m_head.assign(ring, -1);
        m_bits.assign(ring / 64, 0);
        m_words.assign((ring / 64 + 63) / 64, 0);
    }
    bool empty() const { return m_mask ? m_size == 0 : m_heap.empty(); }
    void push(qint64 key, int node)
    {
        if (!m_mask) {
            m_heap.push(key, node);
            return;
        }
        if (m_size == 0 || key < m_current) // before the first pop, pushes come in any order
            m_current = key;
        const size_t bucket = size_t(key) & m_mask;
        m_pool.push_back({node, m_head[bucket]});
        m_head[bucket] = int(m_pool.size()) - 1;
        m_bits[bucket >> 6] |= quint64(1) << (bucket & 63);
        m_words[bucket >> 12] |= quint64(1) << ((bucket >> 6) & 63);
        ++m_size;
    }
    Entry pop()
    {
        if (!m_mask)
            return m_heap.pop();
        const size_t from = size_t(m_current) & m_mask;
        const size_t bucket = nextBucket(from);
        m_current += qint64((bucket - from) & m_mask);
        const auto [node, next] = m_pool[size_t(m_head[bucket])];
        m_head[bucket] = next;
        if (next < 0) {
            quint64 &word = m_bits[bucket >> 6];
            word &= ~(quint64(1) << (bucket & 63));
            if (!word)
                m_words[bucket >> 12] &= ~(quint64(1) << ((bucket >> 6) & 63));
        }
        if (--m_size == 0)
            m_pool.clear();
        return {m_current, node};
    }
    void clear()
    {
        if (!m_mask) {
            m_heap.clear();
            return;
        }
        for (size_t s = 0; s < m_words.size() && m_size; ++s) {
            for (quint64 words = m_words[s]; words; words &= words - 1) {
                const size_t w = (s << 6) + size_t(std::countr_zero(words));
                for (quint64 bits = m_bits[w]; bits; bits &= bits - 1)
                    m_head[(w << 6) + size_t(std::countr_zero(bits))] = -1;
                m_bits[w] = 0;
            }
            m_words[s] = 0;
        }
        m_pool.clear();
        m_size = 0;
    }

private:
    static constexpr size_t kNone = ~size_t(0);
    /// The first non-empty word of m_bits at or after word @p i, or kNone.
    size_t firstWordFrom(size_t i) const
    {
        size_t s = i >> 6;
        if (s >= m_words.size())
            return kNone;
        quint64 words = m_words[s] & (~quint64(0) << (i & 63));
        while (!words) {
            if (++s == m_words.size())
                return kNone;
            words = m_words[s];
        }
        return (s << 6) + size_t(std::countr_zero(words));
    }
    /// The first non-empty bucket at or after @p from, round the ring (the queue is not empty).
    size_t nextBucket(size_t from) const
    {
        const size_t w = from >> 6;
        if (const quint64 bits = m_bits[w] & (~quint64(0) << (from & 63)))
            return (w << 6) + size_t(std::countr_zero(bits));
        size_t next = firstWordFrom(w + 1);
        if (next == kNone)
            next = firstWordFrom(0); // round the ring: perhaps w's buckets before from
        return (next << 6) + size_t(std::countr_zero(m_bits[next]));
    }

    struct Link
    {
        int node;
        int next;
    };
    size_t m_mask = 0;
    qint64 m_current = 0; ///< the last key popped (before the first pop: the nearest pushed)
    size_t m_size = 0;
    std::vector<int> m_head;       ///< per bucket, its last entry in m_pool, or -1
    std::vector<quint64> m_bits;   ///< the non-empty buckets
    std::vector<quint64> m_words;  ///< the non-zero words of m_bits
    std::vector<Link> m_pool;
    RadixHeap<false> m_heap;
};

struct ScenarioSpec
{
    std::vector<int> links;
    int node = -1;
};

// Scenarios run together against each destination (see Solver::runBlock).
constexpr int kScenarioBlock = 64;
/// A set of a block's lanes.
using Lanes = quint64;

struct ScenarioOutput
{
    std::vector<int> disconnectedPairs;
    std::vector<int> endpointDownPairs;
};

// Whether (key, scenario) is worse than (otherKey, otherScenario): the larger figure, and on a
// tie the earlier scenario.
bool worse(double key, int scenario, double otherKey, int otherScenario)
{
    return key > otherKey || (key == otherKey && scenario < otherScenario);
}

/// The traffic a set of demand pairs carries (a cut's, summed in the list's order).
double cutGbps(const RoutingGraph &graph, const std::vector<int> &pairs)
{
    double gbps = 0.0;
    for (int p : pairs)
        gbps += graph.pairs()[size_t(p)].rateGbps;
    return gbps;
}

/// The first link-pair scenario: the single failures (normal state, links, sites, SRLGs) come
/// first. The scenario count when there are none.
int firstPairScenario(const ScenarioList &scenarios, const RoutingGraph &graph)
{
    const qint64 links = graph.linkCount();
    const qint64 pairs = scenarios.linkPairs() ? links * (links - 1) / 2 : 0;
    return int(qint64(scenarios.size()) - pairs);
}

/**
 * What a sweep over some of the scenarios keeps: per link its worst and top-k, per demand pair
 * its worst latency and how often it is cut, and the scenarios that drop traffic. Two aggregates
 * of disjoint scenario sets combine exactly (merge), in any order.
 */
struct Aggregate
{
    struct TopEntry
    {
        double key = 0.0;
        double load = 0.0;
        int scenario = 0;
    };
    struct PairWorst
    {
        double key = 0.0;
        double latency = -1.0; ///< -1: the normal latency
        int scenario = 0;
        int disconnected = 0;
    };
    struct Cut
    {
        int scenario = 0;
        std::vector<int> disconnectedPairs, endpointDownPairs;
        double gbps = 0.0; ///< the traffic it cuts (both kinds), for ranking link-pair cuts
    };
    /// Whether a cut ranks before another among the link-pair cuts listed: more traffic cut,
    /// on a tie the earlier scenario.
    static bool severer(const Cut &a, const Cut &b)
    {
        return worse(a.gbps, a.scenario, b.gbps, b.scenario);
    }

    int topK = 0;
    std::vector<double> normalKey; ///< per link
    std::vector<double> linkKey, linkLoad;
    std::vector<int> linkScenario;
    std::vector<int> topCount; ///< per link
    std::vector<TopEntry> top; ///< [link * topK + i], worst first
    std::vector<PairWorst> pair;
    std::vector<Cut> cuts; ///< in no particular order until sorted
    /// Scenarios from this one on are link pairs: of their cuts the kMaxListedPairCuts severest
    /// are kept (a heap, the least severe on top, until sortCuts) and the rest only counted, so
    /// that N-2's memory does not grow with the scenarios.
    int firstPairScenario = std::numeric_limits<int>::max();
    std::vector<Cut> pairCuts;
    qint64 pairCutScenarios = 0; ///< link-pair scenarios that cut traffic, listed or not

    void init(const std::vector<double> &arcLoad, size_t pairs, int k, int firstPair)
    {
        firstPairScenario = firstPair;
        pairCuts.clear();
        pairCutScenarios = 0;
        const size_t links = arcLoad.size() / 2;
        topK = k;
        normalKey.resize(links);
        linkKey.resize(links);
        linkLoad.resize(links);
        linkScenario.assign(links, 0);
        for (size_t l = 0; l < links; ++l) {
            linkLoad[l] = std::max(arcLoad[2 * l], arcLoad[2 * l + 1]);
            linkKey[l] = normalKey[l] = loadKey(linkLoad[l]);
        }
        topCount.assign(links, 0);
        top.assign(links * size_t(k), {});
        pair.assign(pairs, {stretchKey(1.0), -1.0, 0, 0});
        cuts.clear();
    }

    void offerLink(int l, double key, double load, int scenario)
    {
        offerWorst(size_t(l), key, load, scenario);
        if (key > normalKey[size_t(l)])
            offerTop(size_t(l), {key, load, scenario});
    }

    void offerPair(int p, double key, double latency, int scenario)
    {
        PairWorst &worst = pair[size_t(p)];
        if (worse(key, scenario, worst.key, worst.scenario)) {
            worst.key = key;
            worst.latency = latency;
            worst.scenario = scenario;
        }
    }

    void merge(Aggregate &&other)
    {
        for (size_t l = 0; l < linkKey.size(); ++l) {
            offerWorst(l, other.linkKey[l], other.linkLoad[l], other.linkScenario[l]);
            const TopEntry *entries = other.top.data() + l * size_t(topK);
            for (int i = 0; i < other.topCount[l]; ++i)
                offerTop(l, entries[i]);
        }
        for (size_t p = 0; p < pair.size(); ++p) {
            const PairWorst &theirs = other.pair[p];
            offerPair(int(p), theirs.key, theirs.latency, theirs.scenario);
            pair[p].disconnected += theirs.disconnected;
        }
        cuts.insert(cuts.end(), std::make_move_iterator(other.cuts.begin()),
                    std::make_move_iterator(other.cuts.end()));
        other.cuts.clear();
        for (Cut &cut : other.pairCuts)
            offerPairCut(std::move(cut));
        other.pairCuts.clear();
        pairCutScenarios += other.pairCutScenarios;
    }

    /// A scenario's cut: kept when it is a single failure, else counted and offered to the list.
    void addCut(Cut cut)
    {
        if (cut.scenario < firstPairScenario) {
            cuts.push_back(std::move(cut));
            return;
        }
        ++pairCutScenarios;
        offerPairCut(std::move(cut));
    }

    /// A link-pair cut for the list of the severest (counted by the caller).
    void offerPairCut(Cut cut)
    {
        if (pairCuts.size() < size_t(kMaxListedPairCuts)) {
            pairCuts.push_back(std::move(cut));
            std::push_heap(pairCuts.begin(), pairCuts.end(), severer);
        } else if (severer(cut, pairCuts.front())) {
            std::pop_heap(pairCuts.begin(), pairCuts.end(), severer);
            pairCuts.back() = std::move(cut);
            std::push_heap(pairCuts.begin(), pairCuts.end(), severer);
        }
    }

    /// Every cut kept, single failures and the listed link pairs, in scenario order.
    void sortCuts()
    {
        cuts.insert(cuts.end(), std::make_move_iterator(pairCuts.begin()),
                    std::make_move_iterator(pairCuts.end()));
        pairCuts.clear();
        std::sort(cuts.begin(), cuts.end(),
                  [](const Cut &a, const Cut &b) { return a.scenario < b.scenario; });
    }

    void offerWorst(size_t l, double key, double load, int scenario)
    {
        if (worse(key, scenario, linkKey[l], linkScenario[l])) {
            linkKey[l] = key;
            linkLoad[l] = load;
            linkScenario[l] = scenario;
        }
    }

    void offerTop(size_t l, const TopEntry &entry)
    {
        if (topK == 0)
            return;
        TopEntry *entries = top.data() + l * size_t(topK);
        int &count = topCount[l];
        int at = count;
        if (count == topK) {
            if (!worse(entry.key, entry.scenario, entries[topK - 1].key,
                       entries[topK - 1].scenario))
                return;
            at = topK - 1;
        } else {
            ++count;
        }
        while (at > 0 &&
               worse(entry.key, entry.scenario, entries[at - 1].key, entries[at - 1].scenario)) {
            entries[at] = entries[at - 1];
            --at;
        }
        entries[at] = entry;
    }
};

/**
 * A list of ints (nodes, arcs) with room for all it can hold, pushed without a capacity check or
 * a call: each list of a failure's steps holds a node (an arc) at most once, so the room is the
 * node (arc) count, or a node's arc count for next hops.
 */
class IntList
{
public:
    void setCapacity(size_t capacity)
    {
        m_data.assign(capacity, 0);
        m_size = 0;
    }
    void push_back(int value) { m_data[m_size++] = value; }
    void pop_back() { --m_size; }
    int back() const { return m_data[m_size - 1]; }
    bool empty() const { return m_size == 0; }
    size_t size() const { return m_size; }
    void clear() { m_size = 0; }
    const int *begin() const { return m_data.data(); }
    const int *end() const { return m_data.data() + m_size; }

private:
    std::vector<int> m_data;
    size_t m_size = 0;
};

struct Worker
{
    std::vector<char> linkDown;
    /// Load changes of the block's scenarios ("lanes"), each arc's lanes side by side: the
    /// scenarios of a block are neighbours and change mostly the same arcs.
    std::vector<double> load;                        ///< [arc * kScenarioBlock + lane]
    std::vector<Lanes> loadLanes;                    ///< per arc, the lanes that changed its load
    std::array<IntList, kScenarioBlock> changedArcs; ///< per lane, in the order first changed
    std::vector<char> linkOffered;                   ///< per link, while a lane is committed
    int lane = 0;                                    ///< the lane being run
    /// Load changes on their way down the normal state's paths, for every lane of the block at
    /// once (see Solver::passOn): [node * kScenarioBlock + lane], and per node the lanes with
    /// something there (the node is queued in passQueue while any is).
    std::vector<double> passing;
    std::vector<Lanes> passingLanes;
    std::vector<ScenarioSpec> specs;     ///< of the block being run
    std::vector<ScenarioOutput> outputs; ///< of the block being run

    struct Scratch
    {
        qint64 newDist = kUnreachable;
        // One after the other in a failure's steps, so they share a place (the entry stays
        // half a cache line): the load change reaching the node (the loads step; reset to 0
        // after each failure), then its worst latency after the failure (the latencies step,
        // read once kMemo is set).
        union {
            double delta = 0.0;
            double memoLatency;
        };
        int live = 0; ///< next hops left that are not (yet) in A
        /// Where the loads step left the node's new next hops in hopStore (their count, then
        /// their places in Solver::m_adjacent), or -1: the latencies read them there.
        int hopsAt = -1;
        unsigned char state = 0;
    };
    static_assert(sizeof(Scratch) == 32, "one Scratch per half cache line");
    std::vector<Scratch> node;
    IntList touchedNodes, candidates, inA, inU, stack, hops, hopStore;
    IntList carriersInA; ///< the nodes of A that carry traffic, in A's order
    std::vector<std::pair<int, int>> intervals;

    Aggregate aggregate;
    int currentScenario = 0;
    NearestQueue minQueue;
    RadixHeap<true> maxQueue;  ///< farthest first
    RadixHeap<true> passQueue; ///< farthest first, by normal distance (Solver::passOn)
};

class Solver
{
public:
    Solver(const RoutingGraph &graph,
           const Options &options,
           const Base &base,
           const ScenarioList &scenarios)
        : m_graph(graph)
        , m_options(options)
        , m_base(base)
        , m_scenarios(scenarios)
    {
        m_firstAdjacent.reserve(size_t(graph.nodeCount()) + 1);
        m_adjacent.reserve(size_t(graph.arcCount()));
        for (int v = 0; v < graph.nodeCount(); ++v) {
            m_firstAdjacent.push_back(int(m_adjacent.size()));
            for (int arc : graph.arcsFrom(v))
                m_adjacent.push_back(
                    {graph.metric(RoutingGraph::arcLink(arc)), arc, graph.arcHead(arc)});
        }
        m_firstAdjacent.push_back(int(m_adjacent.size()));
        // The search's keys span less than the farthest normal distance plus one metric (its
        // seeds) and the nearest popped plus two metrics (its relaxations; by detour, a link's
        // metric and the difference of its ends' normal distances): see NearestQueue.
        qint64 maxMetric = 0;
        for (int l = 0; l < graph.linkCount(); ++l)
            maxMetric = std::max(maxMetric, graph.metric(l));
        m_window = base.maxDist + 2 * maxMetric + 1;
    }

    void initWorker(Worker &w) const
    {
        const size_t n = size_t(m_graph.nodeCount());
        w.linkDown.assign(size_t(m_graph.linkCount()), 0);
        const size_t arcs = size_t(m_graph.arcCount());
        w.load.assign(arcs * kScenarioBlock, 0.0);
        w.loadLanes.assign(arcs, 0);
        for (IntList &list : w.changedArcs)
            list.setCapacity(arcs);
        w.linkOffered.assign(size_t(m_graph.linkCount()), 0);
        w.passing.assign(n * kScenarioBlock, 0.0);
        w.passingLanes.assign(n, 0);
        for (IntList *list :
             {&w.touchedNodes, &w.candidates, &w.inA, &w.inU, &w.stack, &w.carriersInA})
            list->setCapacity(n);
        size_t degree = 0;
        for (int v = 0; v < m_graph.nodeCount(); ++v)
            degree = std::max(degree, adjacent(v).size());
        w.hops.setCapacity(degree);
        w.hopStore.setCapacity(size_t(m_graph.arcCount()) + n);
        w.specs.resize(kScenarioBlock);
        w.outputs.resize(kScenarioBlock);
        w.node.assign(n, {});
        w.minQueue.setWindow(m_window);
        w.aggregate.init(m_base.arcLoad, m_graph.pairs().size(), m_options.topK,
                         firstPairScenario(m_scenarios, m_graph));
    }

    /**
     * Runs the scenarios @p scenarios (at most kScenarioBlock), destination by destination, so
     * that each destination's normal state is read from memory once for the whole block.
     */
    void runBlock(Worker &w, std::span<const int> scenarios) const
    {
        const int count = int(scenarios.size());
        for (int i = 0; i < count; ++i) {
            ScenarioSpec &spec = w.specs[size_t(i)];
            m_scenarios.failure(size_t(scenarios[size_t(i)]), spec.links, spec.node);
            ScenarioOutput &out = w.outputs[size_t(i)];
            out.disconnectedPairs.clear();
            out.endpointDownPairs.clear();
            if (spec.node < 0)
                continue;
            // Demands from the failed site are not carried anywhere.
            for (int p : m_pairsFrom[size_t(spec.node)])
                if (routedInBase(p))
                    out.endpointDownPairs.push_back(p);
        }
        for (size_t slot = 0; slot < m_base.destinationOf.size(); ++slot) {
            for (int i = 0; i < count; ++i) {
                const ScenarioSpec &spec = w.specs[size_t(i)];
                if (!changesLoads(int(slot), spec.links, spec.node))
                    continue;
                w.currentScenario = scenarios[size_t(i)];
                w.lane = i;
                for (int l : spec.links)
                    w.linkDown[size_t(l)] = 1;
                processDestination(w, int(slot), spec.links, spec.node, w.outputs[size_t(i)]);
                for (int l : spec.links)
                    w.linkDown[size_t(l)] = 0;
            }
            passOn(w, int(slot));
        }
        for (int i = 0; i < count; ++i)
            commit(w, scenarios[size_t(i)], i, w.specs[size_t(i)].links, w.outputs[size_t(i)]);
    }

    /// Worst loads from lane @p lane's load changes, for its scenario @p index and the
    /// scenarios that fail the same (twins); then the changes are forgotten.
    void
    commit(Worker &w, int index, int lane, const std::vector<int> &links, ScenarioOutput &out) const
    {
        offer(w, index, lane, links, out);
        if (const auto twins = m_twins.find(index); twins != m_twins.end())
            for (int twin : twins->second)
                offer(w, twin, lane, links, out);
        IntList &arcs = w.changedArcs[size_t(lane)];
        for (int arc : arcs) {
            w.load[size_t(arc) * kScenarioBlock + size_t(lane)] = 0.0;
            w.loadLanes[size_t(arc)] &= ~(Lanes(1) << lane);
        }
        arcs.clear();
    }

    void setPairsFrom(std::vector<std::vector<int>> pairsFrom)
    {
        m_pairsFrom = std::move(pairsFrom);
    }

    /// Scenarios run for others that fail the same links and site, each under the earliest.
    void setTwins(std::map<int, std::vector<int>> twins) { m_twins = std::move(twins); }

private:
    /// Offers lane @p lane's figures as those of scenario @p index.
    void
    offer(Worker &w, int index, int lane, const std::vector<int> &links, ScenarioOutput &out) const
    {
        Aggregate &aggregate = w.aggregate;
        for (int l : links)
            w.linkDown[size_t(l)] = 1;
        std::sort(out.disconnectedPairs.begin(), out.disconnectedPairs.end());
        std::sort(out.endpointDownPairs.begin(), out.endpointDownPairs.end());
        out.endpointDownPairs.erase(
            std::unique(out.endpointDownPairs.begin(), out.endpointDownPairs.end()),
            out.endpointDownPairs.end());
        for (int p : out.disconnectedPairs)
            ++aggregate.pair[size_t(p)].disconnected;
        if (!out.disconnectedPairs.empty() || !out.endpointDownPairs.empty())
            aggregate.addCut({index, out.disconnectedPairs, out.endpointDownPairs,
                              cutGbps(m_graph, out.disconnectedPairs) +
                                  cutGbps(m_graph, out.endpointDownPairs)});

        IntList &arcs = w.changedArcs[size_t(lane)];
        auto change = [&](int arc) -> double & {
            return w.load[size_t(arc) * kScenarioBlock + size_t(lane)];
        };
        for (int arc : arcs) {
            const int l = RoutingGraph::arcLink(arc);
            if (w.linkOffered[size_t(l)])
                continue; // link already handled through its other arc
            w.linkOffered[size_t(l)] = 1;
            double load = 0.0;
            if (!w.linkDown[size_t(l)]) {
                const double ab = m_base.arcLoad[size_t(2 * l)] + change(2 * l);
                const double ba = m_base.arcLoad[size_t(2 * l + 1)] + change(2 * l + 1);
                load = std::max({ab, ba, 0.0});
            }
            aggregate.offerLink(l, loadKey(load), load, index);
        }
        for (int arc : arcs)
            w.linkOffered[size_t(RoutingGraph::arcLink(arc))] = 0;
        for (int l : links)
            w.linkDown[size_t(l)] = 0;
    }

    bool routedInBase(int pair) const
    {
        const auto &p = m_graph.pairs()[size_t(pair)];
        const int slot = m_base.slotOf[size_t(p.destination)];
        return m_base.dist[size_t(slot) * size_t(m_base.n) + size_t(p.source)] != kUnreachable;
    }

    static void addLoad(Worker &w, int arc, int lane, double gbps)
    {
        const Lanes bit = Lanes(1) << lane;
        if (!(w.loadLanes[size_t(arc)] & bit)) {
            w.loadLanes[size_t(arc)] |= bit;
            w.changedArcs[size_t(lane)].push_back(arc);
        }
        w.load[size_t(arc) * kScenarioBlock + size_t(lane)] += gbps;
    }
    static void addLoad(Worker &w, int arc, double gbps) { addLoad(w, arc, w.lane, gbps); }

    /// Hands @p gbps of lane @p lane's load change to @p node, a node whose paths the lane's
    /// failure leaves alone, at normal distance @p nodeDist: passOn sends it down the normal
    /// state's paths (@p dist, @p hop). The distance comes from the hop that reached the node,
    /// so nothing of it is read now: what passOn will read of it is fetched meanwhile (the load
    /// change of its only next hop, else its distance).
    void pass(Worker &w,
              const qint64 *dist,
              const unsigned char *hop,
              int node,
              qint64 nodeDist,
              int lane,
              double gbps) const
    {
        Lanes &lanes = w.passingLanes[size_t(node)];
        if (!lanes) {
            w.passQueue.push(nodeDist, node);
            if (hop[node] != kNoSingleHop) {
                const int arc = m_adjacent[size_t(m_firstAdjacent[size_t(node)] + hop[node])].arc;
                __builtin_prefetch(w.load.data() + size_t(arc) * kScenarioBlock + size_t(lane));
            } else {
                __builtin_prefetch(dist + node);
            }
        }
        lanes |= Lanes(1) << lane;
        w.passing[size_t(node) * kScenarioBlock + size_t(lane)] += gbps;
    }

    /// The next hops of @p v in the normal state toward the destination of @p dist (and of
    /// @p hop, its part of Base::hop), as places in m_adjacent.
    void oldHops(const qint64 *dist, const unsigned char *hop, int v, IntList &hops) const
    {
        hops.clear();
        const int first = m_firstAdjacent[size_t(v)];
        if (hop[v] != kNoSingleHop) {
            hops.push_back(first + hop[v]);
            return;
        }
        for (int i = first; i < m_firstAdjacent[size_t(v) + 1]; ++i) {
            const Adjacent &a = m_adjacent[size_t(i)];
            if (nextHopDistances(dist[v], dist[a.head], a.metric))
                hops.push_back(i);
        }
    }

    /**
     * Sends the load changes that processDestination handed over (pass) down the normal
     * state's paths to destination @p slot, for every lane of the block in one walk: below a
     * node whose paths a failure leaves alone, nothing changes but the amount, so each lane's
     * change goes on as the normal traffic does. Each node is visited once for all lanes,
     * farthest first, so that it has everything from above before it sends on; a lane's sums
     * run in an order of its own (the walk's), whatever the other lanes.
     */
    void passOn(Worker &w, int slot) const
    {
        const qint64 *dist = m_base.dist.data() + size_t(slot) * size_t(m_base.n);
        const unsigned char *hop = m_base.hop.data() + size_t(slot) * size_t(m_base.n);
        const int t = m_base.destinationOf[size_t(slot)];
        auto &queue = w.passQueue;
        auto &hops = w.hops;
        while (!queue.empty()) {
            const auto [dx, x] = queue.pop();
            Lanes lanes = w.passingLanes[size_t(x)];
            w.passingLanes[size_t(x)] = 0;
            double *amounts = w.passing.data() + size_t(x) * kScenarioBlock;
            oldHops(dist, hop, x, hops);
            const double parts = double(hops.size());
            for (; lanes; lanes &= lanes - 1) {
                const int lane = std::countr_zero(lanes);
                const double amount = amounts[lane];
                amounts[lane] = 0.0;
                if (amount == 0.0)
                    continue;
                const double share = hops.size() == 1 ? amount : amount / parts;
                for (int place : hops) {
                    const Adjacent &a = m_adjacent[size_t(place)];
                    addLoad(w, a.arc, lane, share);
                    if (a.head != t)
                        pass(w, dist, hop, a.head, dx - a.metric, lane, share);
                }
            }
        }
        queue.clear();
    }

    /**
     * Settles the nodes of the dominator subtree of @p root (settled at detour @p detour) that
     * are not yet, at that detour, and relaxes their links out of the subtree (see
     * processDestination: the search by detour). A settled node's subtree is settled: it is
     * skipped whole.
     */
    void finishSubtree(Worker &w, const qint64 *dist, size_t offset, int root, qint64 detour) const
    {
        const int *preorder = m_base.preorder.data() + offset;
        const int *tin = m_base.tin.data() + offset;
        const int *subtreeSize = m_base.subtreeSize.data() + offset;
        const std::pair<int, int> *neighbourPlaces = m_base.neighbourPlaces.data() + offset;
        const int first = tin[root];
        const int end = first + subtreeSize[root];
        for (int i = first + 1; i < end;) {
            const int v = preorder[i];
            Worker::Scratch &scratch = w.node[size_t(v)];
            if (scratch.state & kSettled) {
                i += subtreeSize[v];
                continue;
            }
            scratch.state |= kSettled;
            scratch.newDist = dist[v] + detour;
            if (const auto [low, high] = neighbourPlaces[i++]; first <= low && high < end)
                continue; // no link out of the subtree
            for (const Adjacent &a : adjacent(v)) {
                const int u = a.head;
                Worker::Scratch &next = w.node[size_t(u)];
                if (!(next.state & kInA) || (next.state & kSettled) ||
                    (first <= tin[u] && tin[u] < end))
                    continue;
                const qint64 candidate = scratch.newDist + a.metric;
                if (candidate < next.newDist) {
                    next.newDist = candidate;
                    w.minQueue.push(candidate - dist[u], u);
                }
            }
        }
    }

    void mark(Worker &w, int node, unsigned char flag) const
    {
        if (!(w.node[size_t(node)].state & kTouched)) {
            w.node[size_t(node)].state |= kTouched;
            w.touchedNodes.push_back(node);
        }
        w.node[size_t(node)].state |= flag;
    }

    /// Whether failing @p links and site @p failedNode changes anything toward the destination
    /// of @p slot: it takes the destination, or a node or next hop that carries traffic to it.
    bool changesLoads(int slot, const std::vector<int> &links, int failedNode) const
    {
        const size_t offset = size_t(slot) * size_t(m_base.n);
        if (failedNode >= 0 && (m_base.destinationOf[size_t(slot)] == failedNode ||
                                m_base.nodes[offset + size_t(failedNode)].carries))
            return true;
        const quint64 *carryingLinks =
            m_base.carryingLinks.data() + size_t(slot) * m_base.linkWords;
        for (int l : links)
            if ((carryingLinks[size_t(l) / 64] >> (l % 64)) & 1)
                return true;
        return false;
    }

    /// What failing @p links and site @p failedNode changes toward the destination of @p slot,
    /// when it changes anything (changesLoads). @p general: A is found by counting next hops,
    /// even when the failure's structure would tell it faster.
    void processDestination(Worker &w,
                            int slot,
                            const std::vector<int> &links,
                            int failedNode,
                            ScenarioOutput &out,
                            bool general = false) const
    {
        const RoutingGraph &g = m_graph;
        const size_t offset = size_t(slot) * size_t(m_base.n);
        const NodeState *nb = m_base.nodes.data() + offset;
        const qint64 *dist = m_base.dist.data() + offset;
        const unsigned char *hop = m_base.hop.data() + offset;
        const quint16 *slack = m_base.slack.data() + offset;
        const std::pair<int, int> *neighbourPlaces = m_base.neighbourPlaces.data() + offset;
        const int t = m_base.destinationOf[size_t(slot)];
        const auto [firstPair, lastPair] = g.pairsTo(t);

        auto tight = [&](int arc) { return normalNextHop(g, dist, arc); };
        // Whether the link between v and a.head is up and neither end is the failed node; and
        // whether the arc is a next hop of v (tightFrom) or its reverse one of a.head (tightTo).
        auto upFrom = [&](int v, const Adjacent &a) {
            return !w.linkDown[size_t(RoutingGraph::arcLink(a.arc))] && a.head != failedNode &&
                   v != failedNode;
        };
        auto tightFrom = [&](int v, const Adjacent &a) {
            return nextHopDistances(dist[v], dist[a.head], a.metric);
        };
        auto tightTo = [&](int v, const Adjacent &a) {
            return nextHopDistances(dist[a.head], dist[v], a.metric);
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
                if (dist[g.pairs()[size_t(p)].source] != kUnreachable)
                    out.endpointDownPairs.push_back(p);
            return;
        }

        // 1. Nodes whose next hops change (candidates), and those whose distance grows (A):
        //    a node is in A when every next hop it has left is in A. Each candidate counts its
        //    surviving next hops; a node joining A takes one from each of its predecessors.
        //    The shortest-path DAG has no cycles, so no ordering is needed.
        auto &stack = w.stack;
        stack.clear();
        // A failed site counts when it, or a node whose paths cross it, has several next hops.
        bool subtrees = failedNode < 0 || !nb[failedNode].branchesAbove;
        for (size_t i = 0; i < links.size() && subtrees; ++i)
            for (int arc : {2 * links[i], 2 * links[i] + 1})
                subtrees = subtrees && !(tight(arc) && nb[g.arcTail(arc)].branchesAbove);
        // One failed site, or failed links each of whose tails has no other next hop: A is the
        // nodes all of whose paths cross it, a subtree of the dominator tree whatever the next
        // hops above, or those that cross one of the links, their tails' subtrees. The
        // candidates and U are A and, beside it, the nodes that lose some of their next hops
        // only (found on A's border, step 2) and those whose paths cross them. With several
        // links, a node beside the subtrees could lose all its next hops to them, and then
        // belong to A: each is checked as it is found (beside), and if one does, A is found
        // again by counting (general).
        bool dominated = false;
        if (!subtrees && !general) {
            if (failedNode >= 0) {
                dominated = links.empty();
            } else {
                bool tails = false;
                dominated = true;
                for (int l : links)
                    for (int arc : {2 * l, 2 * l + 1})
                        if (tight(arc)) {
                            tails = true;
                            dominated = dominated && nb[g.arcTail(arc)].hops == 1;
                        }
                dominated = dominated && tails;
            }
        }
        const bool checkBeside = dominated && links.size() > 1;
        bool aGrows = false; // a node beside the subtrees has all its next hops in them
        // When A is one subtree, it is that interval of the preorder, marked in one pass; the
        // candidates and U are A and what the lists hold (nothing when subtrees), and resetting
        // the interval's entries and the touched nodes resets every one touched.
        bool oneInterval = false;
        std::span<const int> aNodes;
        // Leaves the worker's entries and lists as found.
        auto resetAll = [&] {
            auto reset = [&](int v) {
                w.node[size_t(v)].state = 0;
                w.node[size_t(v)].delta = 0.0;
                w.node[size_t(v)].hopsAt = -1;
            };
            if (oneInterval)
                for (int v : aNodes)
                    reset(v);
            for (int v : w.touchedNodes)
                reset(v);
            w.hopStore.clear();
            w.touchedNodes.clear();
            w.candidates.clear();
            w.inA.clear();
            w.inU.clear();
            w.carriersInA.clear();
            w.stack.clear();
        };
        auto inA = [&](int v) { return (w.node[size_t(v)].state & kInA) != 0; };
        // The candidates beside A: they keep their distance.
        auto beside = [&](int u) {
            if (!(w.node[size_t(u)].state & kCandidate)) {
                mark(w, u, kCandidate | kInU);
                w.candidates.push_back(u);
                w.inU.push_back(u);
                w.stack.push_back(u); // for the walk to U (step 3)
                if (checkBeside && !aGrows) {
                    bool keeps = false;
                    for (const Adjacent &a : adjacent(u))
                        keeps = keeps || (!inA(a.head) && tightFrom(u, a) && upFrom(u, a));
                    aGrows = !keeps;
                }
            }
        };
        if (subtrees || dominated) {
            // The nodes all of whose paths cross a failed link's tail (its only next hop being
            // the link) or a failed site are its subtree in the dominator tree (the site's less
            // the site), an interval of that tree's preorder: they make A. When every node above
            // has one next hop (subtrees), they are the nodes whose paths cross it at all, so
            // they are the candidates, A and U at once.
            auto &intervals = w.intervals;
            intervals.clear();
            if (failedNode >= 0) {
                const size_t root = offset + size_t(failedNode);
                intervals.emplace_back(m_base.tin[root] + 1,
                                       m_base.tin[root] + m_base.subtreeSize[root]);
            }
            for (int l : links)
                for (int arc : {2 * l, 2 * l + 1})
                    if (tight(arc)) {
                        const size_t root = offset + size_t(g.arcTail(arc));
                        intervals.emplace_back(m_base.tin[root],
                                               m_base.tin[root] + m_base.subtreeSize[root]);
                    }
            std::sort(intervals.begin(), intervals.end());
            int covered = 0; // subtrees nest or are apart: skip those inside one taken
            size_t kept = 0;
            for (const auto &interval : intervals) {
                if (interval.first < covered)
                    continue;
                covered = interval.second;
                intervals[kept++] = interval;
            }
            intervals.resize(kept);
            const int *preorder = m_base.preorder.data() + offset;
            if (kept == 1) {
                oneInterval = true;
                aNodes = {preorder + intervals[0].first,
                          size_t(intervals[0].second - intervals[0].first)};
                // Marked in one sweep of the interval, which also fetches what the next steps
                // read of each node: its normal state (the search, the loads) and, when it has
                // a neighbour outside A, its arcs (the seeds).
                const int first = intervals[0].first;
                const int end = intervals[0].second;
                for (size_t i = 0; i < aNodes.size(); ++i) {
                    const int v = aNodes[i];
                    w.node[size_t(v)].state = kTouched | kCandidate | kInA | kInU;
                    w.node[size_t(v)].newDist = kUnreachable;
                    const auto [low, high] = neighbourPlaces[size_t(first) + i];
                    __builtin_prefetch(dist + v);
                    if (!(first <= low && high < end))
                        __builtin_prefetch(m_adjacent.data() + m_firstAdjacent[size_t(v)]);
                }
                if (dominated && failedNode >= 0) // (no link fails with the site)
                    for (const Adjacent &a : adjacent(failedNode))
                        if (!inA(a.head) && tightTo(failedNode, a))
                            beside(a.head); // a next hop of a.head is the failed site
            }
            for (const auto &[first, last] : intervals) {
                if (oneInterval)
                    break;
                for (int i = first; i < last; ++i) {
                    const int v = preorder[i];
                    mark(w, v, kCandidate | kInA | kInU);
                    w.candidates.push_back(v);
                    w.inA.push_back(v);
                    w.inU.push_back(v);
                }
            }
        } else {
            auto liveNextHops = [&](int v) {
                if (failedNode < 0 && nb[v].hops != kManyHops) {
                    // Its next hops less those the failed links take away.
                    int lost = 0;
                    for (int l : links)
                        for (int arc : {2 * l, 2 * l + 1})
                            lost += g.arcTail(arc) == v && tight(arc) ? 1 : 0;
                    return int(nb[v].hops) - lost;
                }
                int count = 0;
                for (const Adjacent &a : adjacent(v))
                    count += tightFrom(v, a) && upFrom(v, a) ? 1 : 0;
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
            if (failedNode >= 0 && dist[failedNode] != kUnreachable) {
                for (int arc : g.arcsFrom(failedNode))
                    if (tight(RoutingGraph::reverseArc(arc)))
                        touch(g.arcHead(arc));
            }
            while (!stack.empty()) {
                const int v = stack.back();
                stack.pop_back();
                mark(w, v, kInA);
                w.inA.push_back(v);
                for (const Adjacent &a : adjacent(v)) {
                    const int u = a.head;
                    if (u == failedNode || !tightTo(v, a) || !upFrom(v, a))
                        continue;
                    // A fresh count includes the arc to v (v joined A after being counted, or
                    // now): either way v no longer counts.
                    if (--touch(u).live == 0)
                        stack.push_back(u);
                }
            }
        }

        // 2. New distances inside A, from its border. Only nodes that carry traffic need theirs
        //    (and every node nearer than them, which Dijkstra settles first): stop once they
        //    are settled. The others keep an upper bound nobody reads.
        auto &minQueue = w.minQueue;
        if (!oneInterval)
            aNodes = {w.inA.begin(), w.inA.size()};
        // When A is subtrees (w.intervals), a node whose neighbours' places all lie in the
        // subtree it is in has no link out of A.
        auto enclosed = [&](int v) {
            const auto [first, last] = neighbourPlaces[m_base.tin[offset + size_t(v)]];
            for (const auto &[subtreeFirst, subtreeLast] : w.intervals)
                if (subtreeFirst <= first && last < subtreeLast)
                    return true;
            return false;
        };
        // One subtree and at most one failed element: no failed link joins two nodes of A, and
        // a failed site is not in it.
        const bool insideUp = oneInterval && links.size() + (failedNode >= 0 ? 1 : 0) <= 1;
        // Then, or when A is the subtrees of failed links' tails and no failed link joins two
        // nodes of A, A is searched by detour (a node's new distance less its normal one),
        // nearest first. A is subtrees of the dominator tree, whose roots are the tops: the
        // failed links' tails, or the failed site's children. A node's normal paths to any
        // node above it in its subtree stay there and cost no detour, so no node has a longer
        // detour than the nodes above it: when a node is settled, every node of its subtree not
        // yet settled has the same detour, and is settled with it (finishSubtree). Settling the
        // last top settles the rest of A: the search stops there.
        bool byDetour = insideUp;
        if (!byDetour && failedNode < 0 && (subtrees || dominated)) {
            byDetour = true;
            for (int l : links)
                byDetour = byDetour && !(inA(g.linkA(l)) && inA(g.linkB(l)));
        }
        int topsLeft = 0;
        if (byDetour) {
            const int *preorder = m_base.preorder.data() + offset;
            const int *subtreeSize = m_base.subtreeSize.data() + offset;
            // The intervals are the failed links' tails' subtrees, each beginning with its
            // tail; a failed site's is its children's, one after the other.
            for (const auto &[first, last] : w.intervals) {
                for (int place = first; place < last; place += subtreeSize[preorder[place]]) {
                    w.node[size_t(preorder[place])].state |= kTop;
                    ++topsLeft;
                    if (failedNode < 0)
                        break;
                }
            }
        }
        // Seeds: a node's best link out of A. When A is one subtree, its nodes are read in
        // preorder, and one whose neighbours all lie in A (its entry is kUnreachable already)
        // is passed over on its neighbour places alone.
        const int aFirst = oneInterval ? w.intervals[0].first : 0;
        const int aEnd = oneInterval ? w.intervals[0].second : 0;
        if (oneInterval) {
            const quint64 *carrying = m_base.carrierPlaces.data() + size_t(slot) * m_base.placeWords;
            const int *preorder = m_base.preorder.data() + offset;
            for (int word = aFirst / 64; word * 64 < aEnd; ++word) {
                quint64 bits = carrying[word];
                if (word == aFirst / 64)
                    bits &= ~quint64(0) << (aFirst % 64);
                for (; bits; bits &= bits - 1) {
                    const int place = word * 64 + std::countr_zero(bits);
                    if (place >= aEnd)
                        break;
                    const int v = preorder[place];
                    w.carriersInA.push_back(v);
                    // (The latencies step offers its demand's latency, if it has one: fetched.)
                    if (nb[v].pair >= 0)
                        __builtin_prefetch(w.aggregate.pair.data() + nb[v].pair);
                    // (The loads step first takes its traffic off its next hop: fetched now.)
                    if (hop[v] != kNoSingleHop) {
                        const int arc = m_graph.arcsFrom(v)[hop[v]];
                        __builtin_prefetch(w.load.data() + size_t(arc) * kScenarioBlock +
                                           size_t(w.lane));
                    }
                }
            }
        }
        for (size_t i = 0; i < aNodes.size(); ++i) {
            const int v = aNodes[i];
            if (oneInterval) {
                const auto [low, high] = neighbourPlaces[size_t(aFirst) + i];
                if (aFirst <= low && high < aEnd)
                    continue;
            } else {
                if (nb[v].carries)
                    w.carriersInA.push_back(v);
                if ((subtrees || dominated) && enclosed(v)) {
                    w.node[size_t(v)].newDist = kUnreachable;
                    continue;
                }
            }
            qint64 best = kUnreachable;
            for (const Adjacent &a : adjacent(v)) {
                const int u = a.head;
                if (!upFrom(v, a) || inA(u))
                    continue;
                if (dist[u] != kUnreachable)
                    best = std::min(best, dist[u] + a.metric);
                if (dominated && tightTo(v, a))
                    beside(u); // a next hop of u into A
            }
            w.node[size_t(v)].newDist = best;
            if (best != kUnreachable)
                minQueue.push(byDetour ? best - dist[v] : best, v);
        }
        if (aGrows) {
            minQueue.clear();
            resetAll();
            processDestination(w, slot, links, failedNode, out, true);
            return;
        }
        // (By detour, the nodes nearer than a carrier are not all settled before it: the
        // search goes on to the last top, or to the end.)
        int carriersLeft = int(w.carriersInA.size());
        qint64 rest = kUnreachable; // by detour: the detour of every node not settled
        while (!minQueue.empty() && (byDetour || carriersLeft > 0)) {
            const auto [key, v] = minQueue.pop();
            const qint64 d = byDetour ? key + dist[v] : key;
            if (d != w.node[size_t(v)].newDist || (w.node[size_t(v)].state & kSettled))
                continue;
            if (byDetour) {
                w.node[size_t(v)].state |= kSettled;
                if ((w.node[size_t(v)].state & kTop) && --topsLeft == 0) {
                    rest = key;
                    break;
                }
                finishSubtree(w, dist, offset, v, key);
            }
            if (!byDetour)
                carriersLeft -= nb[v].carries ? 1 : 0;
            for (const Adjacent &a : adjacent(v)) {
                const int u = a.head;
                if (!inA(u) || (!insideUp && !upFrom(v, a)) ||
                    (w.node[size_t(u)].state & kSettled))
                    continue;
                const qint64 candidate = d + a.metric;
                if (candidate < w.node[size_t(u)].newDist) {
                    w.node[size_t(u)].newDist = candidate;
                    minQueue.push(byDetour ? candidate - dist[u] : candidate, u);
                }
            }
        }
        minQueue.clear();
        auto newDistOf = [&](int v) -> qint64 {
            if (v == failedNode)
                return kUnreachable;
            if (!inA(v))
                return dist[v];
            if (rest != kUnreachable && !(w.node[size_t(v)].state & kSettled))
                return dist[v] + rest;
            return w.node[size_t(v)].newDist;
        };
        // Whether the arc from v (at new distance dv) to a.head is a next hop of v after the
        // failure.
        auto newNextHop = [&](int v, qint64 dv, const Adjacent &a) {
            if (!upFrom(v, a))
                return false;
            const qint64 du = newDistOf(a.head);
            return du != kUnreachable && dv == du + a.metric;
        };

        // U: the sources of the paths that crossed the failure (every node above a candidate).
        //    Below the others, paths do not change: load changes reaching them are passed on
        //    (passOn) instead of walked here.
        auto inU = [&](int v) {
            return (w.node[size_t(v)].state & kInU) != 0;
        };
        auto markU = [&](int v) {
            if (!(w.node[size_t(v)].state & kInU)) {
                mark(w, v, kInU);
                w.stack.push_back(v);
                w.inU.push_back(v);
            }
        };
        if (!oneInterval)
            for (int v : w.candidates)
                markU(v);
        // (With oneInterval, the candidates beside A are on the stack already.)
        while (!w.stack.empty()) {
            const int v = w.stack.back();
            w.stack.pop_back();
            for (const Adjacent &a : adjacent(v))
                if (a.head != failedNode && tightTo(v, a))
                    markU(a.head);
        }

        // 3. Loads by difference: take away the old emission of every node whose next hops
        //    change, then, from the farthest node in, emit the new traffic over the new next
        //    hops. A node of A whose new next hops are its old ones (most of a subtree that
        //    reroutes through its top's way out) only passes on what changes above it, as a node
        //    beside the failure does. A change that leaves U goes on down unchanged paths to t:
        //    passOn takes it there.
        auto &maxQueue = w.maxQueue;
        auto enqueue = [&](int v) {
            if (!(w.node[size_t(v)].state & kQueued)) {
                mark(w, v, kQueued);
                maxQueue.push(newDistOf(v), v);
            }
        };
        // Sends @p amount from a node at distance @p from evenly over @p hops (its next hops,
        // old or new, as places in m_adjacent). One next hop takes all of it (amount / 1 is
        // amount to the last bit, without the division). A head outside U keeps its normal
        // distance, the node's less the hop's metric.
        auto emit = [&](std::span<const int> hops, qint64 from, double amount) {
            const double share = hops.size() == 1 ? amount : amount / double(hops.size());
            for (int place : hops) {
                const Adjacent &a = m_adjacent[size_t(place)];
                addLoad(w, a.arc, share);
                const int head = a.head;
                if (head == t || head == failedNode)
                    continue;
                if (inU(head)) {
                    w.node[size_t(head)].delta += share;
                    enqueue(head);
                } else {
                    pass(w, dist, hop, head, from - a.metric, w.lane, share);
                }
            }
        };
        auto &hops = w.hops;
        // Stores @p hops as the next hops of @p v after the failure (read by the latencies).
        auto storeHops = [&](int v, const IntList &places) -> std::span<const int> {
            const int at = int(w.hopStore.size());
            w.node[size_t(v)].hopsAt = at;
            w.hopStore.push_back(int(places.size()));
            for (int place : places)
                w.hopStore.push_back(place);
            return {w.hopStore.begin() + at + 1, places.size()};
        };
        auto storedHops = [&](int v) -> std::span<const int> {
            const int *stored = w.hopStore.begin() + w.node[size_t(v)].hopsAt;
            return {stored + 1, size_t(*stored)};
        };
        // The next hops of v at new distance dv after the failure.
        auto newHops = [&](int v, qint64 dv) {
            hops.clear();
            const int first = m_firstAdjacent[size_t(v)];
            for (int i = first; i < m_firstAdjacent[size_t(v) + 1]; ++i)
                if (newNextHop(v, dv, m_adjacent[size_t(i)]))
                    hops.push_back(i);
        };
        // Whether @p places (ascending, not in w.hops) are v's next hops in the normal state.
        auto oldHopsAre = [&](int v, std::span<const int> places) {
            oldHops(dist, hop, v, hops);
            return std::ranges::equal(places, std::span<const int>(hops.begin(), hops.size()));
        };
        // The old next hops of v are also the new ones of a node that is not a candidate.
        auto removeOld = [&](int v) {
            if (nb[v].through <= 0.0)
                return;
            oldHops(dist, hop, v, hops);
            emit({hops.begin(), hops.size()}, dist[v], -nb[v].through);
        };
        // A candidate that sends nothing and has no demand of its own is left out of the queue:
        // it joins it only when traffic reaches it (most of A carries nothing). One that keeps
        // its next hops is no longer a candidate: it sends on only what reaches it.
        auto changeOld = [&](int v) {
            if (nb[v].through == 0.0 && nb[v].pair < 0)
                return;
            if (const qint64 dv = newDistOf(v); dv != kUnreachable) {
                // With one next hop that stays a next hop, the node keeps it alone when its
                // paths grow by less than its slack: known without reading its other arcs.
                bool keeps = false;
                bool known = false;
                if (hop[v] != kNoSingleHop) {
                    const int place = m_firstAdjacent[size_t(v)] + hop[v];
                    const Adjacent &a = m_adjacent[size_t(place)];
                    known = !newNextHop(v, dv, a);
                    if (!known && dv - dist[v] < slack[v]) {
                        known = keeps = true;
                        hops.clear();
                        hops.push_back(place);
                        storeHops(v, hops);
                    }
                }
                if (!known) {
                    newHops(v, dv);
                    keeps = oldHopsAre(v, storeHops(v, hops));
                }
                if (keeps) {
                    w.node[size_t(v)].state &= ~kCandidate;
                    return;
                }
            }
            removeOld(v);
            enqueue(v);
        };
        // (Of A, only the nodes that carry traffic send some or have a demand.)
        if (oneInterval)
            for (int v : w.carriersInA)
                changeOld(v);
        for (int v : w.candidates)
            changeOld(v);
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
            if (w.node[size_t(x)].hopsAt >= 0) {
                emit(storedHops(x), dx, amount);
                continue;
            }
            if (changed)
                newHops(x, dx);
            else
                oldHops(dist, hop, x, hops);
            emit(storeHops(x, hops), dx, amount);
        }

        // 4. Latency of the demands whose paths crossed the failure (U: their sources).
        const double perHop = m_options.perHopLatencyMs;
        auto latency = [&](auto &&self, int v) -> double {
            if (v == t)
                return 0.0;
            if (!inU(v))
                return nb[v].maxLatency;
            if (w.node[size_t(v)].state & kMemo)
                return w.node[size_t(v)].memoLatency;
            double worst = 0.0;
            if (const int at = w.node[size_t(v)].hopsAt; at >= 0) {
                const int *stored = w.hopStore.begin() + at;
                for (const int *place = stored + 1; place <= stored + *stored; ++place) {
                    const Adjacent &a = m_adjacent[size_t(*place)];
                    worst = std::max(worst, addHopMs(hopLatencyMs(g, a.arc, perHop),
                                                     self(self, a.head)));
                }
            } else {
                const qint64 dv = newDistOf(v);
                for (const Adjacent &a : adjacent(v))
                    if (newNextHop(v, dv, a))
                        worst = std::max(
                            worst, addHopMs(hopLatencyMs(g, a.arc, perHop), self(self, a.head)));
            }
            mark(w, v, kMemo);
            w.node[size_t(v)].memoLatency = worst;
            return worst;
        };
        auto sourceLatency = [&](int s) {
            const int p = nb[s].pair;
            if (p < 0 || s == failedNode || newDistOf(s) == kUnreachable)
                return;
            const double now = latency(latency, s);
            // Between sites at one place (no latency normally) the stretch is infinite for any
            // detour, which JSON cannot carry into a part: such a pair ranks its scenarios by
            // their latency, above the normal state's key.
            const double normal = nb[s].maxLatency;
            updatePair(w, p,
                       normal > 0.0 ? stretchKey(now / normal)
                                    : stretchKey(1.0) + std::floor(now * 1e9 + 0.5),
                       now);
        };
        if (oneInterval) // a source carries
            for (int s : w.carriersInA)
                sourceLatency(s);
        for (int s : w.inU)
            sourceLatency(s);

        resetAll();
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
        w.aggregate.offerPair(p, key, latency, w.currentScenario);
    }

    /// An arc with what the searches read of it, so that a node's arcs are read in one sweep.
    struct Adjacent
    {
        qint64 metric = 0;
        int arc = 0;
        int head = 0;
    };
    /// The arcs leaving @p v, in link id order (as RoutingGraph::arcsFrom).
    std::span<const Adjacent> adjacent(int v) const
    {
        return {m_adjacent.data() + m_firstAdjacent[size_t(v)],
                size_t(m_firstAdjacent[size_t(v) + 1] - m_firstAdjacent[size_t(v)])};
    }

    const RoutingGraph &m_graph;
    const Options &m_options;
    const Base &m_base;
    const ScenarioList &m_scenarios;
    std::vector<std::vector<int>> m_pairsFrom;
    std::map<int, std::vector<int>> m_twins;
    std::vector<Adjacent> m_adjacent;
    std::vector<int> m_firstAdjacent;
    qint64 m_window = 0; ///< the search's keys span less (NearestQueue::setWindow)
};

double siteAvailability(const core::Site &site)
{
    const QJsonValue value = site.attributes.value(u"availability"_qs);
    const double a = value.isDouble() ? value.toDouble() : value.toString().toDouble();
    return a > 0.0 && a <= 1.0 ? a : 1.0;
}

// The dominator tree of the shortest paths toward the tree's destination (a node's parent is
// the nearest node every one of its paths crosses: its next hop when it has one, else the
// meeting point of its next hops' chains): its preorder, each node's place in it and its
// subtree's size; and per node whether it, or a node whose paths cross it, has several next
// hops. The nodes all of whose paths cross a node are its subtree, read off as an interval; when
// neither it nor any node whose paths cross it has several next hops, they are also all the
// nodes whose paths cross it.
void indexTree(const RoutingGraph &graph,
               const EcmpTree &tree,
               size_t offset,
               std::vector<int> &parent,
               std::vector<int> &depth,
               std::vector<int> &firstChild,
               std::vector<int> &children,
               std::vector<int> &stack,
               Base &base)
{
    const int n = graph.nodeCount();
    NodeState *nb = base.nodes.data() + offset;
    parent.assign(size_t(n), -1);
    depth.assign(size_t(n), 0);
    // Nearest first (metrics are at least 1): a node's next hops have their parents already.
    for (auto it = tree.order.rbegin(); it != tree.order.rend(); ++it) {
        const int v = *it;
        if (v == tree.destination)
            continue;
        int meet = -1;
        for (int arc : graph.arcsFrom(v)) {
            if (!tree.isNextHop(graph, arc))
                continue;
            int other = graph.arcHead(arc);
            if (meet < 0) {
                meet = other;
                continue;
            }
            while (meet != other) {
                if (depth[size_t(meet)] >= depth[size_t(other)])
                    meet = parent[size_t(meet)];
                else
                    other = parent[size_t(other)];
            }
        }
        parent[size_t(v)] = meet;
        depth[size_t(v)] = depth[size_t(meet)] + 1;
    }
    for (int v : tree.order) { // farthest first: a node's marks reach its next hops before them
        if (v == tree.destination)
            continue;
        int count = 0;
        int place = 0;
        int first = 0;
        qint64 slack = kSlackCap;
        for (int arc : graph.arcsFrom(v)) {
            if (tree.isNextHop(graph, arc)) {
                if (count++ == 0)
                    first = place;
            } else if (const qint64 head = tree.dist[size_t(graph.arcHead(arc))];
                       head != kUnreachable) {
                slack = std::min(
                    slack, head + graph.metric(RoutingGraph::arcLink(arc)) - tree.dist[size_t(v)]);
            }
            ++place;
        }
        if (count == 1 && first < kNoSingleHop) {
            base.hop[offset + size_t(v)] = static_cast<unsigned char>(first);
            base.slack[offset + size_t(v)] = quint16(slack);
        }
        nb[v].hops = static_cast<unsigned char>(std::min<int>(count, kManyHops));
        if (count > 1)
            nb[v].branchesAbove = 1;
        if (nb[v].branchesAbove)
            for (int arc : graph.arcsFrom(v))
                if (tree.isNextHop(graph, arc))
                    nb[graph.arcHead(arc)].branchesAbove = 1;
    }
    // Children in the order of tree.order, as lists packed by parent.
    firstChild.assign(size_t(n) + 1, 0);
    for (int v : tree.order)
        if (parent[size_t(v)] >= 0)
            ++firstChild[size_t(parent[size_t(v)]) + 1];
    for (int v = 0; v < n; ++v)
        firstChild[size_t(v) + 1] += firstChild[size_t(v)];
    children.assign(tree.order.size(), -1);
    std::vector<int> &fill = stack; // reused: next free place per parent
    fill.assign(firstChild.begin(), firstChild.end() - 1);
    for (int v : tree.order)
        if (parent[size_t(v)] >= 0)
            children[size_t(fill[size_t(parent[size_t(v)])]++)] = v;
    int *preorder = base.preorder.data() + offset;
    int *tin = base.tin.data() + offset;
    int *size = base.subtreeSize.data() + offset;
    int next = 0;
    stack.assign(1, tree.destination);
    while (!stack.empty()) {
        const int v = stack.back();
        stack.pop_back();
        tin[v] = next;
        preorder[next++] = v;
        for (int c = firstChild[size_t(v) + 1] - 1; c >= firstChild[size_t(v)]; --c)
            stack.push_back(children[size_t(c)]);
    }
    for (int i = next - 1; i >= 0; --i) {
        const int v = preorder[i];
        size[v] += 1;
        if (parent[size_t(v)] >= 0)
            size[parent[size_t(v)]] += size[v];
    }
    for (int v : tree.order) {
        int first = tin[v];
        int last = tin[v];
        for (int arc : graph.arcsFrom(v)) {
            first = std::min(first, tin[graph.arcHead(arc)]);
            last = std::max(last, tin[graph.arcHead(arc)]);
        }
        base.neighbourPlaces[offset + size_t(tin[v])] = {first, last};
        if (base.nodes[offset + size_t(v)].carries)
            base.carrierPlaces[offset / size_t(base.n) * base.placeWords + size_t(tin[v]) / 64] |=
                quint64(1) << (tin[v] % 64);
    }
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
    base.dist.assign(slots * size_t(n), kUnreachable);
    base.hop.assign(slots * size_t(n), kNoSingleHop);
    base.slack.assign(slots * size_t(n), 0);
    base.preorder.assign(slots * size_t(n), -1);
    base.tin.assign(slots * size_t(n), 0);
    base.subtreeSize.assign(slots * size_t(n), 0);
    base.neighbourPlaces.assign(slots * size_t(n), {0, 0});
    base.placeWords = (size_t(n) + 63) / 64;
    base.carrierPlaces.assign(slots * base.placeWords, 0);
    base.linkWords = (size_t(graph.linkCount()) + 63) / 64;
    base.carryingLinks.assign(slots * base.linkWords, 0);
    for (size_t p = 0; p < graph.pairs().size(); ++p) {
        const auto &pair = graph.pairs()[p];
        base.nodes[size_t(base.slotOf[size_t(pair.destination)]) * size_t(n) + size_t(pair.source)]
            .pair = int(p);
    }

    const int blocks = std::max(1, std::min(kBlocks, int(slots)));
    std::vector<std::vector<double>> blockLoads(static_cast<size_t>(blocks));
    std::vector<qint64> blockMaxDist(static_cast<size_t>(blocks), 0);
    std::atomic<int> done{0};
    parallelFor(blocks, workers, [&](int block, int) {
        std::vector<double> &loads = blockLoads[size_t(block)];
        loads.assign(size_t(graph.arcCount()), 0.0);
        EcmpTree tree;
        PathFacts facts;
        std::vector<double> through;
        std::vector<int> parent, depth, firstChild, children, stack;
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
            qint64 *dist = base.dist.data() + offset;
            for (int v = 0; v < n; ++v) {
                dist[v] = tree.dist[size_t(v)];
                nb[v].through = through[size_t(v)];
                if (dist[v] != kUnreachable)
                    blockMaxDist[size_t(block)] = std::max(blockMaxDist[size_t(block)], dist[v]);
            }
            const auto [firstPair, lastPair] = graph.pairsTo(t);
            for (int p = firstPair; p < lastPair; ++p) {
                const int s = graph.pairs()[size_t(p)].source;
                if (tree.dist[size_t(s)] != kUnreachable)
                    nb[s].carries = 1;
            }
            quint64 *carryingLinks = base.carryingLinks.data() + slot * base.linkWords;
            for (int v : tree.order) {
                if (!nb[v].carries)
                    continue;
                for (int arc : graph.arcsFrom(v)) {
                    if (!tree.isNextHop(graph, arc))
                        continue;
                    nb[graph.arcHead(arc)].carries = 1;
                    const int l = RoutingGraph::arcLink(arc);
                    carryingLinks[size_t(l) / 64] |= quint64(1) << (l % 64);
                }
            }
            computePathFacts(graph, tree, options.perHopLatencyMs, facts);
            for (int v : tree.order)
                nb[v].maxLatency = facts.maxLatency[size_t(v)];
            indexTree(graph, tree, offset, parent, depth, firstChild, children, stack, base);
        }
        progress.report(0.1 * (++done) / blocks, "normal state");
    });
    base.maxDist = *std::max_element(blockMaxDist.begin(), blockMaxDist.end());
    base.arcLoad.assign(size_t(graph.arcCount()), 0.0);
    for (const auto &loads : blockLoads)
        for (size_t a = 0; a < loads.size(); ++a)
            base.arcLoad[a] += loads[a];
}

void checkNetwork(const RoutingGraph &graph, const Options &options)
{
    if (graph.nodeCount() >= (1 << RadixHeap<false>::kNodeBits))
        throw core::Failure(
            u"resilience handles up to %1 sites"_qs.arg((1 << RadixHeap<false>::kNodeBits) - 1));
    if (const quint64 metricSum = graph.metricSum(); metricSum >= RadixHeap<false>::kInfiniteKey)
        throw core::Failure(
            u"the IGP metrics add up to more than resilience can order (%1)"_qs.arg(metricSum));
    if (const qint64 pairs = qint64(graph.linkCount()) * (graph.linkCount() - 1) / 2;
        options.linkPairs && pairs > kMaxLinkPairs)
        throw core::Failure(
            u"%1 links make %2 link pairs to fail, more than %3: fail pairs of links (--n2) on "
            "a network of at most 20,000 links, or single failures only"_qs.arg(graph.linkCount())
                .arg(pairs)
                .arg(kMaxLinkPairs));
    if (options.topK < 0 || options.topK > kMaxTopK)
        throw core::Failure(
            u"top-k is %1: keep 0 to %2 worst scenarios per link"_qs.arg(options.topK)
                .arg(kMaxTopK));
}

int workersFor(const Options &options)
{
    return options.workers > 0 ? options.workers : workerCount();
}

/// The scenarios of shard @p index of @p count: every count-th one in scenario order, so that
/// each shard gets as many cheap and dear ones as the others.
std::vector<int> shardScenarios(size_t scenarioCount, int index, int count)
{
    std::vector<int> scenarios;
    for (size_t s = 1 + size_t(index); s < scenarioCount; s += size_t(count))
        scenarios.push_back(int(s));
    return scenarios;
}

/**
 * @p scenarios in an order where neighbouring failures come together: by the first place, in a
 * depth-first walk of the network (neighbours in link id order), of a node the failure takes
 * down or ends a link of. The scenarios of a block then read mostly the same normal-state
 * entries (the nodes above the failure toward each destination), so each is fetched from memory
 * once for the block. No figure depends on the order: ties go to the earlier scenario wherever
 * they are met, and each link's load changes are summed destination by destination.
 */
std::vector<int> localityOrder(const RoutingGraph &graph,
                               const ScenarioList &scenarioList,
                               const std::vector<int> &scenarios)
{
    const int n = graph.nodeCount();
    std::vector<int> place(static_cast<size_t>(n), -1);
    std::vector<std::pair<int, int>> stack; // node, next arc to try
    int next = 0;
    for (int root = 0; root < n; ++root) {
        if (place[size_t(root)] >= 0)
            continue;
        place[size_t(root)] = next++;
        stack.assign(1, {root, 0});
        while (!stack.empty()) {
            auto &[v, at] = stack.back();
            const auto arcs = graph.arcsFrom(v);
            while (at < int(arcs.size()) && place[size_t(graph.arcHead(arcs[size_t(at)]))] >= 0)
                ++at;
            if (at == int(arcs.size())) {
                stack.pop_back();
                continue;
            }
            const int u = graph.arcHead(arcs[size_t(at)]);
            place[size_t(u)] = next++;
            stack.emplace_back(u, 0);
        }
    }
    std::vector<std::pair<int, int>> keyed; // place, scenario
    keyed.reserve(scenarios.size());
    std::vector<int> links;
    int site = -1;
    for (int scenario : scenarios) {
        scenarioList.failure(size_t(scenario), links, site);
        int key = site >= 0 ? place[size_t(site)] : n;
        for (int l : links)
            key = std::min({key, place[size_t(graph.linkA(l))], place[size_t(graph.linkB(l))]});
        keyed.emplace_back(key, scenario);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<int> ordered;
    ordered.reserve(keyed.size());
    for (const auto &[key, scenario] : keyed)
        ordered.push_back(scenario);
    return ordered;
}

/// Runs @p scenarios and gathers their figures (deterministic whatever the threads).
Aggregate sweep(const RoutingGraph &graph,
                const Options &options,
                const Base &base,
                const ScenarioList &scenarioList,
                const std::vector<int> &scenarioSet,
                Progress &progress)
{
    // A single failure that fails the same links and site as an earlier one (an SRLG of one
    // link and that link, two SRLGs of the same links) has the same figures to the last bit:
    // it is run once, and its figures offered for both (the set is in scenario order: the first
    // met is the earliest, which wins ties). Link pairs are all different.
    std::map<int, std::vector<int>> twins;
    std::vector<int> runs;
    {
        std::map<std::pair<int, std::vector<int>>, int> first;
        std::vector<int> links;
        int site = -1;
        const int firstPair = firstPairScenario(scenarioList, graph);
        for (int scenario : scenarioSet) {
            if (scenario < firstPair) {
                scenarioList.failure(size_t(scenario), links, site);
                const auto [at, added] = first.try_emplace({site, links}, scenario);
                if (!added) {
                    twins[at->second].push_back(scenario);
                    continue;
                }
            }
            runs.push_back(scenario);
        }
    }
    const std::vector<int> scenarios = localityOrder(graph, scenarioList, runs);
    std::vector<std::vector<int>> pairsFrom(size_t(graph.nodeCount()));
    for (size_t p = 0; p < graph.pairs().size(); ++p)
        pairsFrom[size_t(graph.pairs()[p].source)].push_back(int(p));
    Solver solver(graph, options, base, scenarioList);
    solver.setPairsFrom(std::move(pairsFrom));
    solver.setTwins(std::move(twins));

    const int workers = workersFor(options);
    const int scenarioCount = int(scenarios.size());
    std::vector<Worker> scratch(static_cast<size_t>(workers));
    std::vector<char> ready(static_cast<size_t>(workers), 0);
    std::atomic<int> done{0};
    const int blockCount = (scenarioCount + kScenarioBlock - 1) / kScenarioBlock;
    parallelFor(blockCount, workers, [&](int block, int worker) {
        if (progress.isCancelled())
            throw Cancelled{};
        Worker &w = scratch[size_t(worker)];
        if (!ready[size_t(worker)]) {
            solver.initWorker(w);
            ready[size_t(worker)] = 1;
        }
        const int first = block * kScenarioBlock;
        const int last = std::min(scenarioCount, first + kScenarioBlock);
        solver.runBlock(w, std::span<const int>(scenarios.data() + first, size_t(last - first)));
        const int finished = done += last - first;
        progress.report(0.1 + 0.9 * finished / std::max(1, scenarioCount), "failures");
    });

    // Merge the workers: the larger figure wins, ties go to the earlier scenario.
    Aggregate merged;
    merged.init(base.arcLoad, graph.pairs().size(), options.topK,
                firstPairScenario(scenarioList, graph));
    for (size_t k = 0; k < scratch.size(); ++k) {
        if (ready[k])
            merged.merge(std::move(scratch[k].aggregate));
        scratch[k] = Worker{};
    }
    merged.sortCuts();
    return merged;
}

/// The result from the normal state and every scenario's figures.
Result finish(const core::Network &network,
              const RoutingGraph &graph,
              const Options &options,
              const Base &base,
              const Aggregate &merged,
              ScenarioList scenarios);

} // namespace

Result run(const core::Network &network, const Options &options, Progress &progress)
{
    const RoutingGraph graph(network);
    checkNetwork(graph, options);
    Base base;
    buildBase(graph, options, base, progress, workersFor(options));
    ScenarioList scenarios(network, options.linkPairs);
    const Aggregate merged =
        sweep(graph, options, base, scenarios, shardScenarios(scenarios.size(), 0, 1), progress);
    Result result = finish(network, graph, options, base, merged, std::move(scenarios));
    progress.report(1.0, "failures");
    return result;
}

namespace {

Result finish(const core::Network &network,
              const RoutingGraph &graph,
              const Options &options,
              const Base &base,
              const Aggregate &merged,
              ScenarioList scenarios)
{
    Result result;
    result.options = options;
    result.options.workers = 0; // how many threads ran it changes no figure
    result.scenarios = std::move(scenarios);
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
        if (merged.topK > 0) {
            const Aggregate::TopEntry *entries =
                merged.top.data() + size_t(l) * size_t(merged.topK);
            for (int i = 0; i < merged.topCount[size_t(l)]; ++i)
                link.top.push_back(
                    {entries[i].scenario, entries[i].load, entries[i].load / link.capacityGbps});
            if (int(link.top.size()) < merged.topK)
                link.top.push_back({0, link.normalLoadGbps, link.normalUtilization});
        }
        result.maxNormalUtilization = std::max(result.maxNormalUtilization, link.normalUtilization);
        result.maxWorstUtilization = std::max(result.maxWorstUtilization, link.worstUtilization);
        result.links.push_back(link);
    }

    const auto &demands = network.demands();
    auto rateOf = [&](int p) {
        return graph.pairs()[size_t(p)].rateGbps;
    };
    // Each cut's demands by id (cuts apart, on every core).
    result.disconnected.resize(merged.cuts.size());
    const int cutBlocks = int(std::min<size_t>(merged.cuts.size(), 64));
    parallelFor(cutBlocks, workersFor(options), [&](int block, int) {
        const size_t first = size_t(block) * merged.cuts.size() / size_t(cutBlocks);
        const size_t last = size_t(block + 1) * merged.cuts.size() / size_t(cutBlocks);
        for (size_t c = first; c < last; ++c) {
            const Aggregate::Cut &out = merged.cuts[c];
            Disconnection &disconnection = result.disconnected[c];
            disconnection.scenario = out.scenario;
            for (int p : out.disconnectedPairs) {
                for (int d : graph.demandsOf(graph.pairs()[size_t(p)]))
                    disconnection.demands.push_back(demands[size_t(d)].id);
                disconnection.lostGbps += rateOf(p);
            }
            for (int p : out.endpointDownPairs) {
                for (int d : graph.demandsOf(graph.pairs()[size_t(p)]))
                    disconnection.endpointDown.push_back(demands[size_t(d)].id);
                disconnection.endpointDownGbps += rateOf(p);
            }
            std::sort(disconnection.demands.begin(), disconnection.demands.end());
            std::sort(disconnection.endpointDown.begin(), disconnection.endpointDown.end());
        }
    });
    for (const Aggregate::Cut &out : merged.cuts)
        if (out.scenario >= merged.firstPairScenario)
            ++result.listedLinkPairCuts;
    result.linkPairCuts = merged.pairCutScenarios;
    result.cuttingScenarios =
        qint64(result.disconnected.size()) - result.listedLinkPairCuts + result.linkPairCuts;

    // Per demand: latency stretch, disconnections, protection and availability.
    result.demands.resize(demands.size());
    for (size_t i = 0; i < demands.size(); ++i) {
        result.demands[i].id = demands[i].id;
    }
    for (int d : graph.localDemands())
        result.demands[size_t(d)].routed = true;
    std::vector<double> nodeAvailability(size_t(graph.nodeCount()));
    for (int v = 0; v < graph.nodeCount(); ++v)
        nodeAvailability[size_t(v)] = siteAvailability(graph.site(v));
    auto linkAvailability = [&](int arc) {
        const auto &a = graph.link(RoutingGraph::arcLink(arc)).availability;
        return a ? *a : 1.0;
    };
    // Per pair (each on its own demands, so pairs run in parallel): latencies, and the
    // availability of its first equal-cost path in link id order, walked without keeping it.
    std::vector<double> primaryAvailability(graph.pairs().size(), 1.0);
    const int pairBlocks = int(std::min<size_t>(graph.pairs().size(), 256));
    parallelFor(pairBlocks, workersFor(options), [&](int block, int) {
        const size_t first = size_t(block) * graph.pairs().size() / size_t(pairBlocks);
        const size_t last = size_t(block + 1) * graph.pairs().size() / size_t(pairBlocks);
        for (size_t p = first; p < last; ++p) {
            const auto &pair = graph.pairs()[p];
            const size_t offset = size_t(base.slotOf[size_t(pair.destination)]) * size_t(base.n);
            const NodeState *nb = base.nodes.data() + offset;
            const qint64 *dist = base.dist.data() + offset;
            const unsigned char *hop = base.hop.data() + offset;
            if (dist[pair.source] == kUnreachable)
                continue;
            const double normal = nb[pair.source].maxLatency;
            const double worst = merged.pair[p].latency < 0.0 ? normal : merged.pair[p].latency;
            double availability = nodeAvailability[size_t(pair.source)];
            for (int v = pair.source; v != pair.destination;) {
                if (hop[v] != kNoSingleHop) { // its only next hop, known
                    const int arc = graph.arcsFrom(v)[hop[v]];
                    v = graph.arcHead(arc);
                    availability *= linkAvailability(arc);
                    availability *= nodeAvailability[size_t(v)];
                    continue;
                }
                for (int arc : graph.arcsFrom(v)) {
                    if (normalNextHop(graph, dist, arc)) {
                        v = graph.arcHead(arc);
                        availability *= linkAvailability(arc);
                        availability *= nodeAvailability[size_t(v)];
                        break;
                    }
                }
            }
            primaryAvailability[p] = availability;
            for (int d : graph.demandsOf(pair)) {
                DemandOutcome &outcome = result.demands[size_t(d)];
                outcome.routed = true;
                outcome.normalLatencyMs = normal;
                outcome.worstLatencyMs = worst;
                outcome.worstStretch = worst / normal;
                outcome.worstScenario = merged.pair[p].scenario;
                outcome.scenariosDisconnected = merged.pair[p].disconnected;
            }
        }
    });

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
    std::map<std::pair<int, int>, std::vector<std::vector<int>>> pairsCache;
    for (size_t p = 0; p < graph.pairs().size(); ++p) {
        const auto &pair = graph.pairs()[p];
        for (int d : graph.demandsOf(pair)) {
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
                outcome.availability = primaryAvailability[p];
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
    return result;
}

QJsonArray numbers(const std::vector<qint64> &ids)
{
    QJsonArray array;
    for (qint64 id : ids)
        array.append(id);
    return array;
}

} // namespace

namespace {

QJsonObject optionsJson(const Options &options)
{
    return QJsonObject{{u"n2"_qs, options.linkPairs},
                       {u"perHopMs"_qs, options.perHopLatencyMs},
                       {u"topK"_qs, options.topK}};
}

} // namespace

QJsonObject toJson(const core::Network &network, const Result &result)
{
    auto scenarioName = [&](int index) {
        return result.scenarios[size_t(index)].name;
    };
    QJsonArray links;
    for (const LinkWorst &link : result.links) {
        QJsonArray top;
        for (const TopScenario &entry : link.top)
            top.append(QJsonObject{{u"scenario"_qs, scenarioName(entry.scenario)},
                                   {u"loadGbps"_qs, entry.loadGbps},
                                   {u"utilization"_qs, entry.utilization}});
        links.append(QJsonObject{{u"id"_qs, link.id},
                                 {u"a"_qs, siteCode(network, link.a)},
                                 {u"b"_qs, siteCode(network, link.b)},
                                 {u"capacityGbps"_qs, link.capacityGbps},
                                 {u"normalLoadGbps"_qs, link.normalLoadGbps},
                                 {u"normalUtilization"_qs, link.normalUtilization},
                                 {u"worstLoadGbps"_qs, link.worstLoadGbps},
                                 {u"worstUtilization"_qs, link.worstUtilization},
                                 {u"worstScenario"_qs, scenarioName(link.worstScenario)},
                                 {u"top"_qs, top}});
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
    QJsonObject json{{u"scenarios"_qs, qint64(result.scenarios.size()) - 1},
                     {u"maxNormalUtilization"_qs, result.maxNormalUtilization},
                     {u"maxWorstUtilization"_qs, result.maxWorstUtilization},
                     {u"links"_qs, links},
                     {u"disconnected"_qs, disconnected},
                     {u"cuttingScenarios"_qs, result.cuttingScenarios},
                     {u"demands"_qs, demands},
                     {u"bridges"_qs, numbers(result.bridges)},
                     {u"articulationPoints"_qs, siteCodes(network, result.articulationPoints)},
                     {u"protection"_qs, protection},
                     // The run that made the figures: its options and the network it ran on
                     // (core::Network::digest), so that a result file says what it is.
                     {u"run"_qs,
                      QJsonObject{{u"planner"_qs, u"resilience"_qs},
                                  {u"options"_qs, optionsJson(result.options)},
                                  {u"digest"_qs, QString::fromLatin1(network.digest())}}}};
    // N-2: how many link pairs cut traffic, and how many of them `disconnected` lists.
    if (result.scenarios.linkPairs())
        json.insert(u"linkPairCuts"_qs,
                    QJsonObject{{u"scenarios"_qs, result.linkPairCuts},
                                {u"listed"_qs, result.listedLinkPairCuts},
                                {u"listedAtMost"_qs, kMaxListedPairCuts}});
    return json;
}

namespace {

constexpr auto kPartFormat = u"nqi-resilience-part";

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonArray integers(const std::vector<int> &values)
{
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

} // namespace

namespace {

// A part: what an aggregate over some shards' scenarios differs by from the normal state. Link
// by link [link, worst key, worst load, worst scenario, top count, then key, load, scenario per
// top entry]; pair by pair [pair, key, latency, scenario, times cut off]; each cut kept
// [scenario, disconnected pairs, endpoint-down pairs] (its link pairs' severest) and the count
// of its cutting link pairs. Keys travel beside the figures so the merge compares exactly what
// the run did. The aggregate's cuts are sorted (sortCuts).
QJsonObject partJson(const core::Network &network,
                     const Options &options,
                     const QJsonObject &shard,
                     qint64 scenarioCount,
                     const Aggregate &aggregate)
{
    QJsonArray links, pairs, cuts;
    for (size_t l = 0; l < aggregate.linkKey.size(); ++l) {
        const int topCount = aggregate.topCount[l];
        if (aggregate.linkScenario[l] == 0 && topCount == 0)
            continue;
        links.append(qint64(l));
        links.append(aggregate.linkKey[l]);
        links.append(aggregate.linkLoad[l]);
        links.append(aggregate.linkScenario[l]);
        links.append(topCount);
        for (int i = 0; i < topCount; ++i) {
            const Aggregate::TopEntry &entry =
                aggregate.top[l * size_t(aggregate.topK) + size_t(i)];
            links.append(entry.key);
            links.append(entry.load);
            links.append(entry.scenario);
        }
    }
    for (size_t p = 0; p < aggregate.pair.size(); ++p) {
        const Aggregate::PairWorst &worst = aggregate.pair[p];
        if (worst.scenario == 0 && worst.disconnected == 0)
            continue;
        pairs.append(qint64(p));
        pairs.append(worst.key);
        pairs.append(worst.latency);
        pairs.append(worst.scenario);
        pairs.append(worst.disconnected);
    }
    for (const Aggregate::Cut &cut : aggregate.cuts)
        cuts.append(QJsonArray{cut.scenario, integers(cut.disconnectedPairs),
                               integers(cut.endpointDownPairs)});
    return QJsonObject{{u"format"_qs, QString::fromUtf16(kPartFormat)},
                       {u"version"_qs, kPartVersion},
                       {u"shard"_qs, shard},
                       {u"digest"_qs, QString::fromLatin1(network.digest())},
                       {u"options"_qs, optionsJson(options)},
                       {u"scenarios"_qs, scenarioCount},
                       {u"links"_qs, links},
                       {u"pairs"_qs, pairs},
                       {u"cuts"_qs, cuts},
                       {u"pairCutScenarios"_qs, aggregate.pairCutScenarios}};
}

// The shards a part covers: one ({"index", "count"}, as runPart writes) or several ({"indexes",
// "count"}, as combineParts writes); false when it names no valid set.
bool partShards(const QJsonObject &shard, int &count, std::vector<int> &indexes)
{
    const double n = shard.value(u"count"_qs).toDouble(0);
    if (!(n >= 1 && n <= 1e6) || n != std::floor(n))
        return false;
    count = int(n);
    indexes.clear();
    QJsonArray list;
    if (shard.contains(u"indexes"_qs) == shard.contains(u"index"_qs))
        return false;
    if (shard.contains(u"index"_qs))
        list.append(shard.value(u"index"_qs));
    else
        list = shard.value(u"indexes"_qs).toArray();
    for (const QJsonValue &value : list) {
        const double index = value.toDouble(-1);
        if (!(index >= 0 && index < n) || index != std::floor(index) ||
            (!indexes.empty() && int(index) <= indexes.back()))
            return false; // out of range, or not in increasing order
        indexes.push_back(int(index));
    }
    return !indexes.empty();
}

QString shardsText(int count, const std::vector<int> &indexes)
{
    if (indexes.size() == 1)
        return u"shard %1 of %2"_qs.arg(indexes.front()).arg(count);
    QStringList shown;
    for (size_t i = 0; i < std::min<size_t>(indexes.size(), 8); ++i)
        shown << QString::number(indexes[i]);
    if (indexes.size() > 8)
        shown << u"…"_qs;
    return u"shards %1 of %2"_qs.arg(shown.join(u", "_qs)).arg(count);
}

} // namespace

// Parts folded one at a time into one aggregate over the network they were computed on, each
// checked before it is folded: one network, one set of options, one split, no shard twice.
struct PartMerge::State
{
    State(const core::Network &of, const Options &with)
        : network(of)
        , options(with)
        , graph(of)
        , scenarios(of, with.linkPairs)
        , digest(QString::fromLatin1(of.digest()))
        , wantedOptions(optionsJson(with))
        , scenarioCount(qint64(scenarios.size()) - 1)
    {
        checkNetwork(graph, options);
    }
    const core::Network &network;
    const Options options;
    RoutingGraph graph;
    ScenarioList scenarios;
    const QString digest;
    const QJsonObject wantedOptions;
    const qint64 scenarioCount;
    Base base;
    Aggregate merged;
    bool based = false; ///< base and merged are made (with the first part folded)
    int parts = 0;      ///< parts added
    int count = 0;      ///< the split's shard count (from the first part)
    std::vector<int> partOfShard; ///< per shard, the part (counted from 1) that covers it, or 0

    /// The shards some part covered (given) or none did; throws when no part was added.
    std::vector<int> shards(bool given) const
    {
        if (parts == 0)
            throw core::Failure(u"no resilience parts to merge"_qs);
        std::vector<int> indexes;
        for (int index = 0; index < count; ++index)
            if ((partOfShard[size_t(index)] != 0) == given)
                indexes.push_back(index);
        return indexes;
    }
};

PartMerge::PartMerge(const core::Network &network, const Options &options)
    : d(std::make_unique<State>(network, options))
{
}

PartMerge::~PartMerge() = default;

void PartMerge::add(const QJsonObject &part)
{
    State &m = *d;
    const int number = ++m.parts;
    if (part.value(u"format"_qs).toString() != kPartFormat)
        throw core::Failure(
            u"part %1 is not a resilience part (its format is \"%2\", not \"%3\")"_qs.arg(number)
                .arg(part.value(u"format"_qs).toString(), QString::fromUtf16(kPartFormat)));
    if (part.value(u"version"_qs).toInt(-1) != kPartVersion)
        throw core::Failure(
            u"part %1 is version %2 of the resilience part format; this version of nqi reads "
            "version %3"_qs.arg(number)
                .arg(part.value(u"version"_qs).toVariant().toString())
                .arg(kPartVersion));
    const QJsonObject shard = part.value(u"shard"_qs).toObject();
    int shardCount = 0;
    std::vector<int> indexes;
    if (!partShards(shard, shardCount, indexes))
        throw core::Failure(u"part %1 names no valid shard (%2)"_qs.arg(number).arg(compact(shard)));
    const QString where = u"part %1 (%2)"_qs.arg(number).arg(shardsText(shardCount, indexes));
    if (part.value(u"digest"_qs).toString() != m.digest)
        throw core::Failure(u"%1 was run on another network (digest %2, this network's is "
                            "%3): run every part on the same network"_qs.arg(
                                where, part.value(u"digest"_qs).toString(), m.digest));
    if (part.value(u"options"_qs).toObject() != m.wantedOptions)
        throw core::Failure(u"%1 was run with other options (%2, these are %3)"_qs.arg(
            where, compact(part.value(u"options"_qs).toObject()), compact(m.wantedOptions)));
    if (part.value(u"scenarios"_qs).toInteger(-1) != m.scenarioCount)
        throw core::Failure(u"%1 counts %2 scenarios, the network has %3"_qs.arg(where)
                                .arg(part.value(u"scenarios"_qs).toInteger(-1))
                                .arg(m.scenarioCount));
    if (number == 1) {
        m.count = shardCount;
        m.partOfShard.assign(size_t(m.count), 0);
    } else if (shardCount != m.count) {
        throw core::Failure(u"%1 is of a split into %2 shards, part 1 of a split into %3: "
                            "merge the parts of one split"_qs.arg(where)
                                .arg(shardCount)
                                .arg(m.count));
    }
    for (const int index : indexes)
        if (m.partOfShard[size_t(index)] != 0)
            throw core::Failure(u"shard %1 of %2 is given twice (parts %3 and %4)"_qs.arg(index)
                                    .arg(m.count)
                                    .arg(m.partOfShard[size_t(index)])
                                    .arg(number));

    const RoutingGraph &graph = m.graph;
    Aggregate &merged = m.merged;
    if (!m.based) {
        Progress progress;
        buildBase(graph, m.options, m.base, progress, workersFor(m.options));
        merged.init(m.base.arcLoad, graph.pairs().size(), m.options.topK,
                    firstPairScenario(m.scenarios, graph));
        m.based = true;
    }
    std::vector<char> ofThisPart(size_t(m.count), 0);
    for (const int index : indexes)
        ofThisPart[size_t(index)] = 1;
    auto damaged = [&](const QString &what) {
        return core::Failure(u"%1 is damaged: %2"_qs.arg(where, what));
    };
    const qint64 scenarioCount = m.scenarioCount;
    const int count = m.count;
    // A scenario of this shard, read from position i of an array.
    auto scenarioAt = [&](const QJsonArray &array, qsizetype i) {
        const qint64 s = array.at(i).toInteger(-1);
        if (s < 1 || s > scenarioCount || !ofThisPart[size_t((s - 1) % count)])
            throw damaged(u"scenario %1 is not one of its shard's"_qs.arg(s));
        return int(s);
    };
    auto indexAt = [&](const QJsonArray &array, qsizetype i, size_t size, const QString &what) {
        const qint64 value = array.at(i).toInteger(-1);
        if (value < 0 || quint64(value) >= size)
            throw damaged(u"%1 %2 does not exist"_qs.arg(what).arg(value));
        return size_t(value);
    };
    for (const auto *key : {u"links", u"pairs", u"cuts"})
        if (!part.value(QStringView(key)).isArray())
            throw damaged(u"its \"%1\" is not a list"_qs.arg(QStringView(key)));
    const QJsonArray links = part.value(u"links"_qs).toArray();
    for (qsizetype i = 0; i < links.size();) {
        if (i + 5 > links.size())
            throw damaged(u"its link figures end early"_qs);
        const size_t l = indexAt(links, i, merged.linkKey.size(), u"link"_qs);
        const double key = links.at(i + 1).toDouble();
        const double load = links.at(i + 2).toDouble();
        const int scenario = links.at(i + 3).toInt() == 0 ? 0 : scenarioAt(links, i + 3);
        merged.offerWorst(l, key, load, scenario);
        const int topCount = links.at(i + 4).toInt(-1);
        if (topCount < 0 || topCount > merged.topK || i + 5 + 3 * topCount > links.size())
            throw damaged(u"link %1 has %2 worst scenarios"_qs.arg(l).arg(topCount));
        i += 5;
        for (int t = 0; t < topCount; ++t, i += 3)
            merged.offerTop(l, {links.at(i).toDouble(), links.at(i + 1).toDouble(),
                                scenarioAt(links, i + 2)});
    }
    const QJsonArray pairs = part.value(u"pairs"_qs).toArray();
    if (pairs.size() % 5 != 0)
        throw damaged(u"its demand figures end early"_qs);
    for (qsizetype i = 0; i < pairs.size(); i += 5) {
        const size_t p = indexAt(pairs, i, merged.pair.size(), u"demand pair"_qs);
        const int scenario = pairs.at(i + 3).toInt() == 0 ? 0 : scenarioAt(pairs, i + 3);
        merged.offerPair(int(p), pairs.at(i + 1).toDouble(), pairs.at(i + 2).toDouble(), scenario);
        merged.pair[p].disconnected += pairs.at(i + 4).toInt();
    }
    for (const QJsonValue &value : part.value(u"cuts"_qs).toArray()) {
        const QJsonArray cut = value.toArray();
        if (cut.size() != 3)
            throw damaged(u"a cut is not [scenario, pairs, pairs]"_qs);
        Aggregate::Cut entry;
        entry.scenario = scenarioAt(cut, 0);
        for (int which = 1; which <= 2; ++which) {
            const QJsonArray list = cut.at(which).toArray();
            auto &target = which == 1 ? entry.disconnectedPairs : entry.endpointDownPairs;
            for (qsizetype i = 0; i < list.size(); ++i)
                target.push_back(int(indexAt(list, i, merged.pair.size(), u"demand pair"_qs)));
        }
        entry.gbps =
            cutGbps(graph, entry.disconnectedPairs) + cutGbps(graph, entry.endpointDownPairs);
        // A part lists its severest link-pair cuts and counts them all (below).
        if (entry.scenario >= merged.firstPairScenario)
            merged.offerPairCut(std::move(entry));
        else
            merged.cuts.push_back(std::move(entry));
    }
    const qint64 pairCuts = part.value(u"pairCutScenarios"_qs).toInteger(-1);
    if (pairCuts < 0 || pairCuts > scenarioCount)
        throw damaged(u"it does not count its link-pair cuts"_qs);
    merged.pairCutScenarios += pairCuts;
    // Only now, with the whole part folded, do its shards count as given.
    for (const int index : indexes)
        m.partOfShard[size_t(index)] = number;
}

QJsonObject PartMerge::result()
{
    State &m = *d;
    QStringList missing;
    for (const int index : m.shards(false))
        missing << QString::number(index);
    if (!missing.isEmpty())
        throw core::Failure(
            u"shard%1 %2 of %3 missing: merge every part of the split"_qs
                .arg(missing.size() > 1 ? u"s"_qs : QString(), missing.join(u", "_qs))
                .arg(m.count));
    m.merged.sortCuts();
    return toJson(m.network, finish(m.network, m.graph, m.options, m.base, m.merged, m.scenarios));
}

QJsonObject PartMerge::combined()
{
    State &m = *d;
    QJsonArray indexes;
    for (const int index : m.shards(true))
        indexes.append(index);
    m.merged.sortCuts();
    return partJson(m.network, m.options,
                    QJsonObject{{u"indexes"_qs, indexes}, {u"count"_qs, m.count}}, m.scenarioCount,
                    m.merged);
}

QJsonObject runPart(
    const core::Network &network, const Options &options, int index, int count, Progress &progress)
{
    if (count < 1 || index < 0 || index >= count)
        throw core::Failure(
            u"shard %1 of %2 does not exist: give a shard from 0 to the count less one"_qs
                .arg(index)
                .arg(count));
    const RoutingGraph graph(network);
    checkNetwork(graph, options);
    Base base;
    buildBase(graph, options, base, progress, workersFor(options));
    const ScenarioList scenarios(network, options.linkPairs);
    const Aggregate aggregate = sweep(graph, options, base, scenarios,
                                      shardScenarios(scenarios.size(), index, count), progress);
    progress.report(1.0, "failures");
    return partJson(network, options, QJsonObject{{u"index"_qs, index}, {u"count"_qs, count}},
                    qint64(scenarios.size()) - 1, aggregate);
}

QJsonObject mergeParts(const core::Network &network,
                       const Options &options,
                       const std::vector<QJsonObject> &parts)
{
    PartMerge merge(network, options);
    for (const QJsonObject &part : parts)
        merge.add(part);
    return merge.result();
}

QJsonObject combineParts(const core::Network &network,
                         const Options &options,
                         const std::vector<QJsonObject> &parts)
{
    PartMerge merge(network, options);
    for (const QJsonObject &part : parts)
        merge.add(part);
    return merge.combined();
}

} // namespace nqi::planners::resilience
