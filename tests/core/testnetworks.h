#pragma once

#include "core/model/network.h"

namespace nqi::tests {

/// A small network with every field of every object set, including Unicode and empty optionals.
core::Network fullyPopulatedNetwork();

/// A synthetic network of the given size on a grid over China (deterministic).
core::Network syntheticNetwork(int sites, int linksPerSite, int demands);

} // namespace nqi::tests
