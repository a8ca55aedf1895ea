#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace nqi::planners::route {

struct Options
{
    double perHopLatencyMs = 0.0;    ///< device latency added for every link a path crosses
    int maxPathsPerDemand = 16;      ///< ECMP paths listed per demand (all are counted)
    bool trafficEngineering = false; ///< also solve the min max-utilisation LP (te.h)
    int workers = 0;                 ///< threads; 0: one per core
};

/// Load of one link; capacity applies per direction, utilisation is the busier direction's.
struct LinkLoad
{
    core::LinkId id = 0;
    core::SiteId a = 0;
    core::SiteId b = 0;
    double loadAbGbps = 0.0;
    double loadBaGbps = 0.0;
    double capacityGbps = 0.0;
    double utilization = 0.0;
};

struct DemandRoute
{
    core::DemandId id = 0;
    core::SiteId source = 0;
    core::SiteId destination = 0;
    double rateGbps = 0.0;
    bool routed = false;
    double latencyMs = 0.0;    ///< the slowest of its ECMP paths (what its worst packet sees)
    double minLatencyMs = 0.0; ///< the fastest of its ECMP paths
    int hops = 0;              ///< links on its longest ECMP path
    double pathCount = 0.0;    ///< equal-cost paths in all (may exceed paths.size())
    std::vector<std::vector<core::SiteId>> paths; ///< up to Options::maxPathsPerDemand
    bool latencyViolated = false;                 ///< latencyMs above the demand's bound
    std::vector<core::SiteId> outsideRegions; ///< sites on its paths outside its allowed regions
};

struct PathFlow
{
    std::vector<core::SiteId> sites;
    double gbps = 0.0;
    double latencyMs = 0.0;
};

/// Traffic engineering: minimum max-utilisation routing within latency bounds and regions.
struct TeResult
{
    bool solved = false;
    QString status;              ///< the solver's verdict, or why nothing was solved
    double maxUtilization = 0.0; ///< over links, busier direction
    std::vector<LinkLoad> links;
    struct Demand
    {
        core::DemandId id = 0;
        std::vector<PathFlow> paths; ///< empty when the demand cannot be placed
        QString problem;             ///< why it cannot be placed ("no path within 5 ms in ...")
    };
    std::vector<Demand> demands;
    int candidatePaths = 0;
    int iterations = 0;
};

struct Result
{
    double maxUtilization = 0.0;
    std::vector<LinkLoad> links;      ///< in link id order
    std::vector<DemandRoute> demands; ///< in demand id order
    std::vector<core::DemandId> unrouted;
    std::optional<TeResult> te;
};

/// IGP shortest-path routing with ECMP (and TE on request). Deterministic, thread safe.
Result run(const core::Network &network, const Options &options, Progress &progress);

/// The route JSON documented in docs/planners.md.
QJsonObject toJson(const core::Network &network, const Result &result);

} // namespace nqi::planners::route
