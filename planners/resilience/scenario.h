#pragma once

#include "planners/resilience/resilience.h"

#include <optional>

namespace nqi::planners::resilience {

/**
 * The failure a scenario's name describes, named as run() names them: "normal", "link 7 A-B",
 * "site A", "srlg X", "links 7+9". nullopt when the network has no such element any more (it
 * changed since the run) or the name is none of these.
 */
std::optional<Scenario> scenarioNamed(const core::Network &network, const QString &name);

/// The network as a scenario leaves it: its links down; a failed site with its links and the
/// demands that start or end there. Routing it as the route planner does gives the loads the
/// resilience planner found under that failure.
core::Network afterFailure(const core::Network &network, const Scenario &scenario);

} // namespace nqi::planners::resilience
