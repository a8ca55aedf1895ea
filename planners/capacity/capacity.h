#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace nqi::planners::capacity {

/// A line card / transceiver module that adds capacity to a link (both directions).
struct Module
{
    double gbps = 0.0;
    double cost = 0.0; ///< in the project's currency
};

/// The largest exactLinkLimit: beyond it the MIP's time is not bounded in practice.
inline constexpr int kMaxExactLinkLimit = 100'000;
/// Modules to choose from at most (each a column per link in the MIP).
inline constexpr int kMaxModules = 64;

struct Options
{
    double targetUtilization = 0.7;
    std::vector<Module> modules{{100.0, 1.0}, {400.0, 3.0}, {800.0, 5.0}};
    bool failures = true; ///< size for every single link, site and SRLG failure, not only normal
    /// Solve the exact MIP (COIN-OR CBC) when the network has at most this many links needing
    /// capacity; the heuristic answers for all of them either way.
    int exactLinkLimit = 5000;
    double perHopLatencyMs = 0.0;
    int workers = 0;
};

struct LinkPlan
{
    core::LinkId id = 0;
    core::SiteId a = 0, b = 0;
    double capacityGbps = 0.0;  ///< today
    double worstLoadGbps = 0.0; ///< busier direction, normal or worst failure
    QString worstScenario;      ///< the state that sets the requirement
    double requiredGbps = 0.0;  ///< worstLoad / target
    std::vector<int> modules;   ///< modules to add, per Options::modules entry
    double addedGbps = 0.0;
    double cost = 0.0;
    double newUtilization = 0.0; ///< worst load over the new capacity
};

struct Result
{
    double targetUtilization = 0.0;
    std::vector<Module> modules;
    std::vector<LinkPlan> links; ///< links that need capacity, in link id order
    double totalAddedGbps = 0.0;
    double totalCost = 0.0;
    double heuristicCost = 0.0;
    bool exactSolved = false; ///< CBC proved the plan optimal
    QString method;           ///< "exact (CBC)" or "heuristic" and why
};

/**
 * Modular link upgrades so that no link exceeds the target utilisation in the normal state and
 * (by default) under every single failure, at least cost. Loads come from the resilience
 * planner (IGP/ECMP routing does not depend on capacity, so each link's requirement is its worst
 * load over the target). A fast heuristic sizes every link; an exact MIP on CBC confirms or
 * improves it when the problem is small enough.
 */
Result run(const core::Network &network, const Options &options, Progress &progress);

QJsonObject toJson(const core::Network &network, const Result &result);

/// Modules as JSON ([{"gbps": .., "cost": ..}, ...]: in results and stored options) and back.
QJsonArray modulesToJson(const std::vector<Module> &modules);
std::vector<Module> modulesFromJson(const QJsonArray &modules);

} // namespace nqi::planners::capacity
