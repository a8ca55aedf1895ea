#pragma once

#include "planners/common/progress.h"
#include "planners/satellite/coverage.h"
#include "planners/satellite/sgp4.h"

#include <QString>

#include <optional>
#include <vector>

namespace nqi::planners::satellite {

/// Speed of light in vacuum (radio and laser links), km/s.
inline constexpr double lightKmPerS = 299792.458;

/// A place on the ground (a ground station, a site): WGS84 degrees and height above the
/// ellipsoid.
struct GroundPoint
{
    QString name;
    double latitudeDeg = 0.0, longitudeDeg = 0.0, heightKm = 0.0;
};

/// Time steps in one window (a year at 32 s, a day at 0.09 s): checked before any work.
inline constexpr int kMaxSteps = 1'000'000;
/// Satellite positions one computation may propagate (steps x satellites).
inline constexpr double kMaxPropagations = 2.0e10;
/// Elevations visibility() holds at once (steps x satellites, 4 bytes each: 1.6 GB).
inline constexpr double kMaxVisibilitySamples = 400.0e6;

/// Throws core::Failure, giving the bound, when steps x satellites exceed kMaxPropagations.
void checkPropagations(int steps, size_t satellites);

/**
 * The steps of a window of durationSeconds sampled every stepSeconds (both ends included).
 * Throws core::Failure, giving the bound, when they are more than kMaxSteps or the step is not
 * positive.
 */
int stepCount(double durationSeconds, double stepSeconds);

/// The time window and sampling shared by the path computations.
struct TimeGrid
{
    double startJd = 0.0, startJdFraction = 0.0; ///< UTC
    double durationSeconds = 86400.0;
    double stepSeconds = 60.0;
    GslRule gsl; ///< when a ground point and a satellite may link

    int steps() const;
};

/// Whether a ground point and a satellite (Earth-fixed position, km) may link under a rule:
/// elevation from the ellipsoid normal, range as the straight-line distance.
bool gslLinked(const GslRule &rule,
               const GroundPoint &point,
               const std::array<double, 3> &satellite);

/// One pass of a satellite over a ground point: from acquisition to loss of signal.
struct VisibilityWindow
{
    int satellite = 0; ///< index into the satellites given
    int satnum = 0;
    double aosSeconds = 0.0; ///< after the start, to 1 s (bisection between steps)
    double losSeconds = 0.0;
    double maxElevationDeg = 0.0; ///< the highest sampled elevation
};

struct VisibilityResult
{
    std::vector<VisibilityWindow> windows; ///< by acquisition time
    double visiblePercent = 0.0;           ///< steps with at least one satellite in view
    double longestGapSeconds = 0.0;        ///< longest run of steps with none, x step
    double meanSatellitesInView = 0.0;
};

/**
 * Passes of every satellite over a ground point: the times it may link under the GSL rule. A
 * window open at the start or still open at the end is cut there. Cancellable.
 */
VisibilityResult visibility(const std::vector<Sgp4> &satellites,
                            const GroundPoint &point,
                            const TimeGrid &grid,
                            Progress &progress);

/// Which satellites of a Walker shell carry inter-satellite links.
enum class IslPairing {
    /// nqi's +Grid: each satellite to the next and previous one in its plane and to the same
    /// slot in the adjacent planes (planes and slots wrap around); shells of 1 or 2 planes or
    /// slots get the links that exist. A link passing within 80 km of the mean sphere is left
    /// out while it does.
    PlusGrid,
    /// Hypatia's plus grid (satgenpy generate_plus_grid_isls): slot j of plane i to slot j+1 of
    /// plane i and to slot j+shift of plane i+1 (both modulo); at least 3 planes of at least 3.
    /// A link longer than Hypatia's maximum ISL length for the shell's altitude
    /// (hypatiaMaxIslLengthKm) is left out while it is (Hypatia refuses the run instead).
    Hypatia,
};

/// "plus-grid" or "hypatia", as the command line and JSON name them.
QString islPairingName(IslPairing pairing);
/// The pairing a name gives; nullopt for any other name.
std::optional<IslPairing> islPairingFromName(QStringView name);

/// Inter-satellite links of a Walker shell, whose satellites are numbered plane by plane.
struct WalkerGrid
{
    int first = 0; ///< index of the shell's first satellite
    int planes = 0;
    int perPlane = 0;
    double altitudeKm = 0.0; ///< for Hypatia's maximum ISL length
    IslPairing pairing = IslPairing::PlusGrid;
    int shift = 0; ///< Hypatia's isl_shift, 0..perPlane-1 (its paper uses 0)
};

/**
 * The links of a grid as pairs of satellite indices, the smaller first, each once, in the order
 * Hypatia's generator writes them (per satellite plane by plane: the link along the plane, then
 * the one to the next plane). Throws core::Failure, naming the shell and what to do, for a grid
 * outside satellites or one the pairing cannot make (Hypatia: fewer than 3 planes or 3 per
 * plane, or a shift outside 0..perPlane-1).
 */
std::vector<std::pair<int, int>> islLinks(const WalkerGrid &grid, size_t satellites);

/// Hypatia's maximum ISL length: a link may not dip below 80 km above a sphere of the WGS72
/// radius, between satellites at altitudeKm: 2 sqrt((R + h)^2 - (R + 80)^2), km.
double hypatiaMaxIslLengthKm(double altitudeKm);

struct LatencyStats
{
    double meanMs = 0.0, minMs = 0.0, maxMs = 0.0;
    double availablePercent = 0.0; ///< steps with a path
    double meanHops = 0.0;         ///< satellites on the path, mean over the steps with one
};

struct PathResult
{
    std::vector<double> bentPipeMs; ///< per step; NaN when no satellite sees both ends
    std::vector<double> islMs;      ///< per step; NaN when no path (empty without ISLs)
    std::vector<int> islHops;
    LatencyStats bentPipe, isl;
    bool hasIsl = false;
    int islLinks = 0;           ///< links of the grids
    int islLinksLeftOut = 0;    ///< of them, left out at one step or more (too long or too low)
    double greatCircleKm = 0.0; ///< between the two ends, on the WGS84 ellipsoid
};

/**
 * One-way latency between two places over the constellation at every step: bent pipe (up to
 * one satellite that both ends may link under the grid's GSL rule, down) and, with grids, over
 * inter-satellite links paired as each grid says (shortest path by distance).
 * Propagation in vacuum only: no processing or queueing delay.
 */
PathResult pathLatency(const std::vector<Sgp4> &satellites,
                       const GroundPoint &from,
                       const GroundPoint &to,
                       const TimeGrid &grid,
                       const std::vector<WalkerGrid> &isl,
                       Progress &progress);

/// Earth-fixed position (km) of a ground point on the WGS84 ellipsoid.
std::array<double, 3> groundPosition(const GroundPoint &point);

} // namespace nqi::planners::satellite
