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

/**
 * The longest slant range a ground-satellite rule may name (Hypatia's maximum GSL length), km:
 * beyond any orbit SGP4/SDP4 serves (a geostationary satellite is at most about 41,700 km from
 * a place that sees it).
 */
inline constexpr double kMaxGslRangeKm = 100'000.0;

/**
 * The longest length a link may be given, km: two and a half times round the equator (40,075
 * km). More than any cable system's route (the longest, about 39,000 km, are many links) and a
 * hop through a geostationary satellite (up to about 83,400 km up and down); a length beyond it
 * is a unit or typing mistake, and would carry on into latencies and costs unchecked.
 */
inline constexpr double kMaxLinkLengthKm = 100'000.0;

} // namespace nqi::core::limits
