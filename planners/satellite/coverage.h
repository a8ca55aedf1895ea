#pragma once

#include "core/model/limits.h"
#include "core/model/region.h"
#include "planners/common/progress.h"
#include "planners/satellite/sgp4.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace nqi::planners::satellite {

/// Mean Earth radius for footprint figures (spherical cap), km.
inline constexpr double meanEarthRadiusKm = 6371.0;

/**
 * Earth central angle from the sub-satellite point to the edge of the footprint, radians: the
 * cap where the satellite is at or above minElevationDeg, on a sphere of meanEarthRadiusKm.
 * λ = acos(R cos ε / (R + h)) − ε.
 */
double footprintHalfAngleRad(double altitudeKm, double minElevationDeg);

/// Ground radius of the footprint along the surface, km: R λ.
double footprintRadiusKm(double altitudeKm, double minElevationDeg);

/// Slant range to the footprint edge, km.
double slantRangeKm(double altitudeKm, double minElevationDeg);

/**
 * When a ground point and a satellite may link (a ground-satellite link, GSL): the satellite at
 * or above a minimum elevation (nqi's rule), within a maximum slant range (Hypatia's: its
 * satgenpy keeps a GSL while the straight-line distance is at most max_gsl_length_m, whatever
 * the elevation), or both. At least one of the two is set.
 */
struct GslRule
{
    std::optional<double> minElevationDeg = 25.0; ///< 0..90 (90 excluded)
    std::optional<double> maxRangeKm;             ///< above 0, at most kMaxGslRangeKm

    /// Throws core::Failure, saying what is wrong and the bounds, for a rule that cannot be used.
    void check() const;
    bool operator==(const GslRule &) const = default;
};

/// The longest slant range a rule may name: beyond any orbit SGP4/SDP4 serves here (the bound
/// a project's constellation is checked against too).
inline constexpr double kMaxGslRangeKm = core::limits::kMaxGslRangeKm;

/// Earth central angle (radians) from the sub-satellite point to the farthest ground point
/// within rangeKm of a satellite at altitudeKm, on the mean sphere (law of cosines); 0 when no
/// ground point is that close. Beyond the horizon when the range exceeds the horizon's.
double rangeHalfAngleRad(double altitudeKm, double rangeKm);

/// The elevation (degrees) at which a satellite at altitudeKm is rangeKm away, on the mean
/// sphere: the inverse of slantRangeKm. Negative beyond the horizon; NaN when no ground point
/// is at that range.
double elevationAtRangeDeg(double altitudeKm, double rangeKm);

/// The footprint under a rule: the smaller cap when both limits are set.
double footprintHalfAngleRad(double altitudeKm, const GslRule &rule);
double footprintRadiusKm(double altitudeKm, const GslRule &rule);

/// Where coverage is measured: a lon/lat box, optionally cut to a polygon (outer ring and
/// holes, even-odd rule). West may exceed east for a box across the antimeridian.
struct Area
{
    QString name;
    double westDeg = 0.0, southDeg = 0.0, eastDeg = 0.0, northDeg = 0.0;
    QList<QList<core::LatLon>> rings; ///< empty: the whole box

    /// The box of a polygon's rings.
    static Area fromRings(const QString &name, const QList<QList<core::LatLon>> &rings);
};

/// Grid cells of one coverage computation (the area's box at the grid size).
inline constexpr int kMaxCells = 4'000'000;
/// Steps x satellites x cells of one coverage computation: at about 3e10 a second on one core
/// (only cells near a satellite are tested), about an hour.
inline constexpr double kMaxCoverageWork = 1.0e14;

struct CoverageOptions
{
    GslRule gsl; ///< when a cell sees a satellite
    double gridDeg = 1.0;
    double startJd = 0.0;         ///< Julian date (UTC), whole part
    double startJdFraction = 0.0; ///< and fraction
    double durationSeconds = 86400.0;
    double stepSeconds = 60.0;
};

struct CoverageResult
{
    int satellites = 0;
    int cells = 0;
    int steps = 0;
    double meanPercent = 0.0;   ///< covered area (cos-latitude weighted), mean over the steps
    double minPercent = 0.0;    ///< and its minimum
    double maxGapSeconds = 0.0; ///< longest run of uncovered steps at any cell, x step
    double meanSatellitesInView = 0.0; ///< area-weighted mean over cells and steps
    int minSatellitesInView = 0;       ///< minimum over cells and steps
    int satellitesWithErrors = 0;      ///< SGP4 failed (e.g. decayed) at some step; left out there

    double gridDeg = 0.0;
    std::vector<core::LatLon> cellCentres;
    std::vector<float> cellCoveredFraction; ///< share of steps each cell is covered (heat map)
    std::vector<double> percentByStep;      ///< for the chart over time
    std::vector<double> satellitesInViewByStep;
};

/**
 * Coverage of an area by satellites over a time window. Grid cells of gridDeg with centres on
 * the WGS84 ellipsoid, weighted by cos(latitude); a cell is covered at a step when at least one
 * satellite may link it under the GSL rule: at or above the minimum elevation (TEME to
 * Earth-fixed by GMST, elevation from the ellipsoid normal) and/or within the slant range. Cells
 * are addressed directly from each satellite's footprint box, so only cells near a satellite are
 * tested; steps are split over the cores in blocks. Throws core::Failure for an empty area or bad
 * options, Cancelled when cancelled.
 */
CoverageResult coverage(const std::vector<Sgp4> &satellites,
                        const Area &area,
                        const CoverageOptions &options,
                        Progress &progress,
                        int threads = 0);

/// Earth-fixed position (km) of a TEME position at a Julian date (UT1 ≈ UTC): rotation by GMST.
std::array<double, 3> temeToEcef(const std::array<double, 3> &teme, double julianDate);

/// Geodetic latitude/longitude of the point below an Earth-fixed position (WGS84).
core::LatLon subPoint(const std::array<double, 3> &ecef);

} // namespace nqi::planners::satellite
