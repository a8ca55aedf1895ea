#pragma once

#include <QtGlobal>

namespace nqi::core::limits {

/**
 * The largest id of a site, link, demand, region or constellation. Ids travel in JSON (planner
 * results, `nqi plan --json`), whose readers keep integers exact only up to 2^53; it also leaves
 * room for the next id without overflow.
 */
inline constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

/// Circuits in one link's bundle (CSV, GraphML, GeoPackage and the inspector alike).
inline constexpr int kMaxParallelCount = 1024;

/**
 * Satellites in one constellation, over all its Walker shells and TLE sets: about ten times
 * the largest constellations filed, and what the coverage and path planners hold in memory
 * (about 1 KB a satellite) and propagate at every step.
 */
inline constexpr qint64 kMaxSatellites = 500'000;

} // namespace nqi::core::limits
