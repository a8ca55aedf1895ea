#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <vector>

namespace nqi::planners::resilience {

/// Link pairs --n2 fails at most (about 20,000 links). A run holds nothing per scenario: per
/// link its worst and top-k, per demand pair its worst and how often it is cut, the cuts of
/// every single failure and of the kMaxListedPairCuts severest link pairs (the others counted):
/// its memory does not grow with the scenarios. Scenario numbers are ints; time grows with the
/// pairs (shards spread it over machines).
inline constexpr qint64 kMaxLinkPairs = 200'000'000;

/// The format of runPart's parts: 2 lists a part's severest link-pair cuts and counts them all.
inline constexpr int kPartVersion = 2;

/// The link-pair scenarios whose cuts a result lists (`disconnected`), those that cut the most
/// traffic (ties: the earlier); the others are counted (`cuttingScenarios`, `linkPairCuts`).
inline constexpr int kMaxListedPairCuts = 100;

/// The most worst scenarios kept per link (Options::topK).
inline constexpr int kMaxTopK = 1000;

struct Options
{
    bool linkPairs = false;       ///< also every pair of links (N-2)
    double perHopLatencyMs = 0.0; ///< device latency per link crossed, as in route
    int workers = 0;              ///< threads; 0: one per core
    int topK = 10;                ///< worst scenarios kept per link (LinkWorst::top), 0 to kMaxTopK
};

enum class ScenarioKind { Normal, Link, Site, Srlg, LinkPair };

struct Scenario
{
    ScenarioKind kind = ScenarioKind::Normal;
    QString name;                    ///< "normal", "link 7 A-B", "site A", "srlg X", "links 7+9"
    std::vector<core::LinkId> links; ///< links down
    core::SiteId site = 0;           ///< site down (kind Site)
};

/**
 * Every scenario of a run, in order ([0] is the normal state), each made when asked for: an N-2
 * run has hundreds of thousands, so no name or link list is held per scenario.
 */
class ScenarioList
{
public:
    ScenarioList() = default;
    ScenarioList(const core::Network &network, bool linkPairs);

    size_t size() const { return m_size; }
    bool linkPairs() const { return m_linkPairs; }
    Scenario operator[](size_t index) const;
    /// The scenario's links (dense indexes, as RoutingGraph numbers them) and failed site (dense
    /// index, -1 for none), without making its name.
    void failure(size_t index, std::vector<int> &links, int &site) const;

private:
    std::vector<core::LinkId> m_linkIds;
    std::vector<QString> m_linkNames; ///< "7 A-B"
    std::vector<core::SiteId> m_siteIds;
    std::vector<QString> m_siteCodes;
    std::vector<QString> m_srlgNames;
    std::vector<std::vector<int>> m_srlgLinks;
    size_t m_size = 0;
    bool m_linkPairs = false;
};

/// One of a link's worst scenarios.
struct TopScenario
{
    int scenario = 0; ///< index into Result::scenarios
    double loadGbps = 0.0;
    double utilization = 0.0;
};

struct LinkWorst
{
    core::LinkId id = 0;
    core::SiteId a = 0;
    core::SiteId b = 0;
    double capacityGbps = 0.0;
    double normalLoadGbps = 0.0; ///< busier direction, no failure
    double worstLoadGbps = 0.0;  ///< busier direction, worst over normal and every scenario
    double normalUtilization = 0.0;
    double worstUtilization = 0.0;
    int worstScenario = 0; ///< index into Result::scenarios (0: normal)
    /// Up to Options::topK scenarios, worst first (ties: earlier scenario first), that load the
    /// link more than the normal state (by more than 1 kbps); then the normal state, when fewer
    /// than topK do. top[0] is the worst scenario.
    std::vector<TopScenario> top;
};

struct Disconnection
{
    int scenario = 0;
    std::vector<core::DemandId> demands; ///< both ends up, no path left
    double lostGbps = 0.0;
    std::vector<core::DemandId> endpointDown; ///< source or destination is the failed site
    double endpointDownGbps = 0.0;
};

struct DemandOutcome
{
    core::DemandId id = 0;
    bool routed = false;          ///< routed in the normal state
    double normalLatencyMs = 0.0; ///< slowest ECMP path, as in route
    double worstLatencyMs = 0.0;  ///< over scenarios where it is still carried
    double worstStretch = 1.0;    ///< worstLatencyMs / normalLatencyMs
    int worstScenario = 0;
    int scenariosDisconnected = 0; ///< with both ends up
    double availability = 1.0;     ///< end to end (see docs/planners.md)
};

/// Shortest pair of link-disjoint paths (by latency) for a 1+1 demand.
struct ProtectionPair
{
    core::DemandId id = 0;
    bool found = false;
    std::vector<core::SiteId> primary, backup;
    double primaryLatencyMs = 0.0, backupLatencyMs = 0.0;
    QString problem; ///< when not found
};

struct Result
{
    Options options;                         ///< of the run (or the parts merged) that made it
    ScenarioList scenarios;                  ///< [0] is the normal state
    std::vector<LinkWorst> links;            ///< in link id order
    std::vector<Disconnection> disconnected; ///< scenarios that drop traffic, in scenario order
    std::vector<DemandOutcome> demands;      ///< in demand id order
    std::vector<core::LinkId> bridges;
    std::vector<core::SiteId> articulationPoints;
    std::vector<ProtectionPair> protection; ///< demands with protection 1+1
    double maxNormalUtilization = 0.0;
    double maxWorstUtilization = 0.0;
    /// Scenarios that cut traffic: every single failure that does and every link pair that
    /// does, listed in `disconnected` or not.
    qint64 cuttingScenarios = 0;
    qint64 linkPairCuts = 0;       ///< of them, link pairs (N-2)
    qint64 listedLinkPairCuts = 0; ///< of those, listed in `disconnected` (the severest)
};

/**
 * Every single link, site and SRLG failure (and link pairs on request) rerouted under the IGP
 * ECMP rules of the route planner. Only traffic whose paths cross the failed element is
 * rerouted: shortest-path trees are repaired where the failure reaches, and loads are updated
 * by difference. Deterministic whatever the number of threads.
 */
Result run(const core::Network &network, const Options &options, Progress &progress);

/// The resilience JSON documented in docs/planners.md.
QJsonObject toJson(const core::Network &network, const Result &result);

/// The scenarios of shard `index` of `count` (0 <= index < count): a deterministic partition of
/// every scenario but the normal state (which every part computes). The part holds what
/// mergeParts needs to give exactly the single run's result.
QJsonObject runPart(
    const core::Network &network, const Options &options, int index, int count, Progress &progress);
/**
 * A merge of the parts of one sweep that takes them one at a time, so that it holds one part
 * (and the aggregate) in memory whatever the number of parts: add() each, in any order, then
 * result() or combined(). The network's normal state is computed once, with the first part.
 */
class PartMerge
{
public:
    PartMerge(const core::Network &network, const Options &options);
    ~PartMerge();
    PartMerge(const PartMerge &) = delete;
    PartMerge &operator=(const PartMerge &) = delete;

    /// Checks a part against the network, the options and the parts added before (one split,
    /// no shard twice), then folds it in. Throws core::Failure naming it ("part N (shard I of
    /// N)") and what is wrong; the merge is then of no further use.
    void add(const QJsonObject &part);
    /// What mergeParts gives. Throws core::Failure when a shard is missing.
    QJsonObject result();
    /// What combineParts gives.
    QJsonObject combined();

private:
    struct State;
    std::unique_ptr<State> d;
};

/// Combines the parts of one sweep (any order) into the JSON toJson(network, run(network, options))
/// gives: equal as QJsonDocument bytes. Throws core::Failure naming what is wrong: parts of
/// different networks (digest), options or counts, a shard missing or given twice, not a part.
QJsonObject mergeParts(const core::Network &network,
                       const Options &options,
                       const std::vector<QJsonObject> &parts);
/// Combines some parts of one sweep (no shard twice) into one part covering their shards
/// ("shard": {"indexes": [...], "count"}), which mergeParts and combineParts take like any: a
/// merge in two levels (each node its own parts, then one merge of the nodes' parts) gives the
/// single run's result byte for byte. Throws core::Failure as mergeParts does.
QJsonObject combineParts(const core::Network &network,
                         const Options &options,
                         const std::vector<QJsonObject> &parts);

} // namespace nqi::planners::resilience
