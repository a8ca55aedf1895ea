#pragma once

#include "core/model/network.h"

#include <functional>

namespace nqi::tests {

/// A small network with every field of every object set, including Unicode and empty optionals.
core::Network fullyPopulatedNetwork();

/// A synthetic network of the given size on a grid over China (deterministic).
core::Network syntheticNetwork(int sites, int linksPerSite, int demands);

/// What a Failure thrown by action says ("file:line: where: message"); empty when none.
QString failureMessage(const std::function<void()> &action);

} // namespace nqi::tests
