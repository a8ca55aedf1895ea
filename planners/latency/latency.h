#pragma once

#include "core/model/kinds.h"
#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QJsonObject>

#include <vector>

namespace nqi::planners::latency {

/// Latency circles one run draws at most.
inline constexpr int kMaxCircles = 32;

struct Options
{
    double perHopLatencyMs = 0.0; ///< device latency per link crossed
    bool roundTrip = false;       ///< circles and pairs in round-trip time instead of one way
    /// Sites whose pairwise latencies are tabulated.
    std::vector<core::SiteKind> pairKinds{core::SiteKind::NationalHub, core::SiteKind::DcCluster};
    /// Sites that count as compute for the circles (hubs and data centres).
    std::vector<core::SiteKind> computeKinds{core::SiteKind::NationalHub, core::SiteKind::DcCluster,
                                             core::SiteKind::MetroDc, core::SiteKind::EdgeDc};
    std::vector<double> circlesMs{1.0, 5.0, 20.0}; ///< city, region, between national hubs
    int workers = 0;
};

struct DemandLatency
{
    core::DemandId id = 0;
    bool routed = false;
    double latencyMs = 0.0; ///< over its IGP paths (slowest ECMP path), one way
    double fastestMs = 0.0; ///< over the fastest path the network has, one way
    std::optional<double> boundMs;
    bool violated = false; ///< latencyMs above boundMs
};

struct PairLatency
{
    core::SiteId a = 0, b = 0;
    double latencyMs = -1.0; ///< IGP (slowest ECMP path from a to b); -1 when unreachable
    double fastestMs = -1.0;
};

struct SiteCircles
{
    core::SiteId site = 0;
    std::vector<std::vector<core::SiteId>> within; ///< per circle: compute sites within it
    double nearestComputeMs = -1.0;                ///< -1: none reachable
    core::SiteId nearestCompute = 0;
};

struct Result
{
    bool roundTrip = false;
    std::vector<double> circlesMs;
    std::vector<DemandLatency> demands; ///< in demand id order
    std::vector<core::DemandId> violations;
    std::vector<core::DemandId> unrouted; ///< demands no path joins (no latency to give)
    std::vector<PairLatency> pairs;
    std::vector<SiteCircles> sites;    ///< every site, in id order
    std::vector<core::SiteId> outside; ///< sites with no compute site within the largest circle
};

/**
 * Latency of every demand over its IGP paths and over the fastest path, SLA violations,
 * latencies between sites of chosen kinds, and the latency circles: for every site, the compute
 * sites (hubs and DCs) within each circle over the fastest network path.
 */
Result run(const core::Network &network, const Options &options, Progress &progress);

QJsonObject toJson(const core::Network &network, const Result &result);

} // namespace nqi::planners::latency
