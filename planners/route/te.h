#pragma once

#include "planners/common/progress.h"
#include "planners/common/routinggraph.h"
#include "planners/route/route.h"

namespace nqi::planners::route {

/**
 * Traffic engineering as a path-based multi-commodity-flow LP solved with COIN-OR CLP:
 * minimise the maximum link utilisation U subject to every demand being carried in full, each
 * of its paths within its latency bound and its allowed regions. Columns (paths) are generated:
 * start from each demand's fastest compliant path, then add paths whose reduced cost under the
 * capacity duals is negative (found by Dijkstra on dual weights, and on dual weights plus a
 * multiple of latency when the plain one breaks the bound). A tiny second objective prefers low
 * total latency among routings with the same U. See docs/planners.md.
 */
TeResult
solveTrafficEngineering(const RoutingGraph &graph, const Options &options, Progress &progress);

/// Per-link loads from per-arc loads (busier direction over capacity).
std::vector<LinkLoad> linkLoads(const RoutingGraph &graph, const std::vector<double> &arcLoad);
double maxUtilization(const std::vector<LinkLoad> &links);

} // namespace nqi::planners::route
