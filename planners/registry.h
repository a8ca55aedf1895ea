#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"

#include <QJsonObject>
#include <QStringList>

namespace nqi::planners {

/// Planners that take a network and give a JSON result: route, latency, resilience, capacity.
QStringList plannerNames();

/**
 * Runs a planner by name with options as JSON (the keys `nqi plan` stores with --save: route
 * {te, perHopMs}, resilience {n2, perHopMs}, latency {roundTrip, perHopMs}, capacity {target,
 * failures}) and returns the JSON `nqi plan ... --json` prints. Throws Failure for an unknown
 * planner or bad options, Cancelled when cancelled.
 */
QJsonObject runPlanner(const QString &name,
                       const core::Network &network,
                       const QJsonObject &options,
                       Progress &progress);

} // namespace nqi::planners
