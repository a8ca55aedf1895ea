#pragma once

// Physical constants used by every computation. One place, so that a report's appendix, the
// planners and the tests all quote the same figures.
namespace nqi::core::physics {

// Speed of light in vacuum, km per second (exact by definition of the metre).
inline constexpr double kLightVacuumKmPerS = 299792.458;

// Group index of standard single-mode fibre (ITU-T G.652) near 1550 nm: exactly 1.468, the
// figure every planner and document uses. It is the Corning SMF-28 data sheet's 1.4682 at
// 1550 nm to four figures, and gives the commonly quoted planning figure of 4.9 us/km.
inline constexpr double kFibreGroupIndex = 1.468;

// One-way propagation delay of light in fibre: 1.468 / 299,792.458 km/s = 4.896 720 917 5...
// microseconds per km, used unrounded (rounded to 4.8967 it changes whole-microsecond metrics).
inline constexpr double kFibreMicrosPerKm = 1e6 * kFibreGroupIndex / kLightVacuumKmPerS;

// Ratio of the fibre route to the geodesic between its ends when a link's length is not given.
// 1.5 is a common planning value (about 1.3 along the shortest conduits, 2 on measured paths).
inline constexpr double kDefaultRouteFactor = 1.5;

inline constexpr double fibreLatencyMs(double lengthKm)
{
    return lengthKm * kFibreMicrosPerKm / 1000.0;
}

} // namespace nqi::core::physics
