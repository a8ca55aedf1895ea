#pragma once

#include "core/model/constellation.h"
#include "core/model/diagnostic.h"
#include "core/model/network.h"
#include "planners/common/progress.h"
#include "planners/satellite/coverage.h"
#include "planners/satellite/paths.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace nqi::planners::satellite {

/// Julian date (whole part and fraction) of a UTC time.
void toJulian(const QDateTime &utc, double &jd, double &fraction);
/// UTC time of a Julian date.
QDateTime fromJulian(double jd, double fraction = 0.0);

/**
 * The satellites of a constellation, ready to propagate: Walker shells first, generated at the
 * given epoch (numbered from 1 across the shells, plane by plane), then TLEs read leniently
 * (problems go to warnings) with their own epochs. Satellites whose elements fail at their
 * epoch are left out with a warning. grids (optional) receives each Walker shell's +Grid.
 */
std::vector<Sgp4> constellationSatellites(const core::Constellation &constellation,
                                          double epochJd,
                                          double epochJdFraction,
                                          core::Diagnostics *warnings = nullptr,
                                          std::vector<WalkerGrid> *grids = nullptr);

/// One-way latency over the terrestrial links (fibre, waves, leased, microwave: not satellite
/// feeders or inter-satellite links) between two sites, by the fastest path; nullopt when they
/// are not connected.
std::optional<double>
fibreLatencyMs(const core::Network &network, core::SiteId from, core::SiteId to);

/// Footprint radius the JSON reports: the first shell's, or the mean over TLE satellites
/// (altitude = SGP4's mean semi-major axis less the WGS72 radius), under a GSL rule (by default
/// the constellation's minimum elevation).
double reportedFootprintRadiusKm(const core::Constellation &constellation,
                                 const std::vector<Sgp4> &satellites);
double reportedFootprintRadiusKm(const core::Constellation &constellation,
                                 const std::vector<Sgp4> &satellites,
                                 const GslRule &rule);

struct PlanOptions
{
    core::Constellation constellation; ///< shells or TLE text, minimum elevation
    std::optional<Area> area;
    double gridDeg = 1.0;
    std::optional<QDateTime> from, to; ///< UTC; coverage needs both and an area
    double stepSeconds = 60.0;
    int threads = 0;
    QList<GroundPoint> stations;                             ///< visibility windows of each
    std::optional<std::pair<GroundPoint, GroundPoint>> path; ///< latency between two places
    std::optional<double> fibreMs;                           ///< the terrestrial figure beside it
    bool isl = false; ///< also over inter-satellite links (Walker shells)
    IslPairing islPairing = IslPairing::PlusGrid; ///< which satellites the links pair
    int islShift = 0;                             ///< Hypatia's isl_shift (its pairing only)
    /// Hypatia's GSL rule: a ground point may link satellites within this slant range, km.
    std::optional<double> gslMaxRangeKm;
    /// And at or above the constellation's minimum elevation; false: the range alone (Hypatia).
    bool gslMinElevation = true;

    /// The GSL rule these options give.
    GslRule gslRule() const;

    /**
     * Options that run a constellation as a project keeps it: its satellites and minimum
     * elevation, its maximum slant range (and whether the elevation holds with it), and, when
     * it has an ISL pattern, inter-satellite links with its pairing and shift.
     */
    static PlanOptions forConstellation(const core::Constellation &constellation);
};

/// The pairing a project's ISL pattern names (nullopt: none).
std::optional<IslPairing> islPairingOf(core::IslPattern pattern);
/// The ISL pattern a project keeps for a pairing.
core::IslPattern islPatternOf(IslPairing pairing);

struct StationResult
{
    GroundPoint point;
    VisibilityResult visibility;
};

struct PlanResult
{
    int satellites = 0;
    double footprintRadiusKm = 0.0;
    double minElevationDeg = 0.0;
    GslRule gsl;                                  ///< the rule used
    IslPairing islPairing = IslPairing::PlusGrid; ///< with isl
    int islShift = 0;
    std::optional<CoverageResult> coverage;
    QString areaName;
    QDateTime from, to;
    double stepSeconds = 0.0;
    QList<StationResult> stations;
    std::optional<PathResult> path;
    GroundPoint pathFrom, pathTo;
    std::optional<double> fibreMs;
    core::Diagnostics warnings;
};

/**
 * The rules across the satellite planner's options (planners/satellite/descriptor.cpp), in the
 * command line's words ("give both --from and --to"): a box or a region, a whole window, a
 * shift only for Hypatia's pairing, satellites from --walker, --tle or the project. options are
 * checked and completed by checkOptions; network is the project, if any. Empty when good.
 */
QString checkPlanOptions(const QJsonObject &options, const core::Network *network);
/// What the satellite planner's options ask for: Walker shells, the TLE file (read here: its
/// errors name the file and line), else the project's constellations with their rules; the area
/// (a box, a region of the project or the basemap), places (site codes of the project or
/// LAT,LON) and the fibre figure beside a path between two sites. Throws core::Failure.
PlanOptions planOptions(const QJsonObject &options, const core::Network *network);

/// Builds the satellites and, when an area and a window are given, measures coverage.
PlanResult plan(const PlanOptions &options, Progress &progress);

/**
 * {"satellites", "footprintRadiusKm", "minElevationDeg" (null without the elevation rule),
 * "gslMaxRangeKm" (null without the range rule), "coverage": {"meanPercent",
 * "minPercent", "maxGapSeconds", "meanSatellitesInView", "minSatellitesInView", "cells",
 * "steps", "gridDeg", "area", "from", "to", "stepSeconds", "satellitesWithErrors"}}; coverage
 * only when measured; "stations": [{"name", "latitudeDeg", "longitudeDeg", "passes",
 * "visiblePercent", "longestGapSeconds", "meanSatellitesInView", "windows": [{"satnum", "aos",
 * "los", "maxElevationDeg"}] (the first 500)}]; "path": {"from", "to", "greatCircleKm",
 * "fibreMs", "bentPipe": {"meanMs", "minMs", "maxMs", "availablePercent"}, "isl": {... and
 * "meanHops", "pairing", "shift" (Hypatia's pairing), "links", "linksLeftOut"}} when asked for.
 */
QJsonObject toJson(const PlanResult &result);

} // namespace nqi::planners::satellite
