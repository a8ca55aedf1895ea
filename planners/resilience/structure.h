#pragma once

#include "planners/common/routinggraph.h"

#include <vector>

namespace nqi::planners::resilience {

/// Links whose loss splits the network (a link with a parallel link is never a bridge), and
/// sites whose loss does (Boost.Graph's articulation points). Link and node indexes.
struct Structure
{
    std::vector<int> bridges;
    std::vector<int> articulationPoints;
};
Structure findStructure(const RoutingGraph &graph);

/// The pair of link-disjoint paths from source to destination with the least total latency, to
/// the nanosecond (Suurballe's problem, solved as a two-unit minimum-cost flow by successive
/// shortest paths). Any network, including one of several components.
/// Each path is a list of arcs; empty when fewer than two disjoint paths exist.
std::vector<std::vector<int>> disjointPair(const RoutingGraph &graph, int source, int destination);

} // namespace nqi::planners::resilience
