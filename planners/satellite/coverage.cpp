#include "planners/satellite/coverage.h"

#include "core/model/diagnostic.h"
#include "core/model/numbers.h"
#include "planners/common/parallel.h"
#include "planners/satellite/paths.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

namespace nqi::planners::satellite {

namespace {

constexpr double pi = std::numbers::pi;
constexpr double degToRad = pi / 180.0;
constexpr double wgs84A = 6378.137;                 // km
constexpr double wgs84F = 1.0 / 298.257223563;      // flattening
constexpr double wgs84E2 = wgs84F * (2.0 - wgs84F); // first eccentricity squared

struct Cell
{
    double x, y, z;    // Earth-fixed position on the ellipsoid, km
    double ux, uy, uz; // ellipsoid normal (local up)
    double weight;     // cos(latitude)
};

/// Runs of uncovered steps at one cell over a span of steps, so that spans computed apart
/// (one per thread) combine in order into the longest gap of the whole window.
struct GapRuns
{
    int lead = 0;  // uncovered steps before the first covered one (all of them if none)
    int trail = 0; // uncovered steps after the last covered one
    int longest = 0;
    int length = 0;
    bool anyCovered = false;

    void append(const GapRuns &next)
    {
        const int carry = anyCovered ? trail : length;
        longest = std::max({longest, next.longest, carry + next.lead});
        if (!anyCovered)
            lead = length + next.lead;
        trail = next.anyCovered ? next.trail : carry + next.length;
        anyCovered = anyCovered || next.anyCovered;
        length += next.length;
    }
};

/// What one contiguous block of steps gives, per cell and per step.
struct Block
{
    int firstStep = 0, steps = 0;
    std::vector<GapRuns> runs;     // per cell
    std::vector<int> coveredSteps; // per cell
    std::vector<double> percent;   // per step
    std::vector<double> inView;    // per step
    int minInView = std::numeric_limits<int>::max();
    std::vector<char> satelliteFailed;
};

// Sine and cosine that the compiler vectorises (a reduction to [-pi/2, pi/2] and a Taylor
// polynomial: error below 1e-7, ample for the rough first look, whose margin is a degree).
inline double roughSin(double x)
{
    // Branch-free, so that it vectorises: to [-pi, pi], then folded to [-pi/2, pi/2].
    const double q = x * (1.0 / (2.0 * pi));
    constexpr double roundingShift = 6755399441055744.0; // 1.5 x 2^52: rounds to an integer
    x -= 2.0 * pi * ((q + roundingShift) - roundingShift);
    x = std::copysign(std::min(std::fabs(x), pi - std::fabs(x)), x);
    const double x2 = x * x;
    return x * (1.0 +
                x2 * (-1.0 / 6.0 +
                      x2 * (1.0 / 120.0 + x2 * (-1.0 / 5040.0 + x2 * (1.0 / 362880.0 +
                                                                      x2 * (-1.0 / 39916800.0))))));
}

inline double roughCos(double x)
{
    return roughSin(x + pi / 2.0);
}

/// The mean orbits of the near-Earth satellites as arrays, so that one step's first look runs
/// over several satellites per instruction.
struct MeanOrbits
{
    std::vector<double> minutesAtStart; ///< minutes since the epoch at the window's start
    std::vector<double> u0, uRate, n0, c2, c3, c4, c5, node0, nodeRate, nodeT2, sinI, cosI;
    std::vector<double> reachCos; ///< cos of the largest angle from the area's centre that counts
                                  ///< (below -1 for deep space: always propagated)

    void resize(size_t n)
    {
        for (auto *v : {&minutesAtStart, &u0, &uRate, &n0, &c2, &c3, &c4, &c5, &node0, &nodeRate,
                        &nodeT2, &sinI, &cosI, &reachCos})
            v->assign(n, 0.0);
        reachCos.assign(n, -2.0);
    }

    /// near[s] = 1 when satellite s may see a cell at this time (minutes after the start).
    void look(double minutesAfterStart,
              double theta,
              const std::array<double, 3> &centre,
              std::vector<double> &near) const
    {
        const size_t n = u0.size();
        near.resize(n);
        const double cx = centre[0], cy = centre[1], cz = centre[2];
#pragma omp simd
        for (size_t s = 0; s < n; ++s) {
            const double t = minutesAtStart[s] + minutesAfterStart;
            const double t2 = t * t;
            const double u =
                u0[s] + uRate[s] * t + n0[s] * t2 * (c2[s] + t * (c3[s] + t * (c4[s] + t * c5[s])));
            const double node = node0[s] + nodeRate[s] * t + nodeT2[s] * t2 - theta;
            const double su = roughSin(u), cu = roughCos(u);
            const double sn = roughSin(node), cn = roughCos(node);
            const double x = cn * cu - sn * su * cosI[s];
            const double y = sn * cu + cn * su * cosI[s];
            const double z = su * sinI[s];
            near[s] = x * cx + y * cy + z * cz >= reachCos[s] ? 1.0 : 0.0;
        }
    }
};

bool insideRings(const QList<QList<core::LatLon>> &rings, double lat, double lon)
{
    bool inside = false; // even-odd over every ring: holes cancel the outer ring
    for (const QList<core::LatLon> &ring : rings) {
        const qsizetype n = ring.size();
        for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
            const double yi = ring[i].latitudeDeg, yj = ring[j].latitudeDeg;
            double xi = ring[i].longitudeDeg, xj = ring[j].longitudeDeg;
            // Keep edges continuous across the antimeridian relative to the point.
            while (xi - lon > 180.0)
                xi -= 360.0;
            while (xi - lon < -180.0)
                xi += 360.0;
            while (xj - xi > 180.0)
                xj -= 360.0;
            while (xj - xi < -180.0)
                xj += 360.0;
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
                inside = !inside;
        }
    }
    return inside;
}

} // namespace

double footprintHalfAngleRad(double altitudeKm, double minElevationDeg)
{
    const double e = minElevationDeg * degToRad;
    return std::acos(meanEarthRadiusKm * std::cos(e) / (meanEarthRadiusKm + altitudeKm)) - e;
}

double footprintRadiusKm(double altitudeKm, double minElevationDeg)
{
    return meanEarthRadiusKm * footprintHalfAngleRad(altitudeKm, minElevationDeg);
}

double slantRangeKm(double altitudeKm, double minElevationDeg)
{
    const double lambda = footprintHalfAngleRad(altitudeKm, minElevationDeg);
    const double r = meanEarthRadiusKm + altitudeKm;
    // Law of cosines in the triangle centre - ground point - satellite.
    return std::sqrt(meanEarthRadiusKm * meanEarthRadiusKm + r * r -
                     2.0 * meanEarthRadiusKm * r * std::cos(lambda));
}

void GslRule::check() const
{
    if (!minElevationDeg && !maxRangeKm)
        throw core::Failure(u"a ground-satellite link needs a minimum elevation, a maximum slant "
                            "range or both"_qs);
    if (minElevationDeg && !(*minElevationDeg >= 0.0 && *minElevationDeg < 90.0))
        throw core::Failure(u"minimum elevation %1 degrees is outside 0..90"_qs.arg(
            core::formatNumber(*minElevationDeg)));
    if (maxRangeKm && !(*maxRangeKm > 0.0 && *maxRangeKm <= kMaxGslRangeKm))
        throw core::Failure(u"maximum slant range %1 km is outside 0..%2 km (above 0)"_qs.arg(
            core::formatNumber(*maxRangeKm), QString::number(kMaxGslRangeKm, 'f', 0)));
}

double rangeHalfAngleRad(double altitudeKm, double rangeKm)
{
    const double r = meanEarthRadiusKm + altitudeKm, ground = meanEarthRadiusKm;
    // Law of cosines in the triangle centre - ground point - satellite.
    const double cosLambda = (ground * ground + r * r - rangeKm * rangeKm) / (2.0 * ground * r);
    if (cosLambda >= 1.0)
        return 0.0;
    return std::acos(std::max(-1.0, cosLambda));
}

double elevationAtRangeDeg(double altitudeKm, double rangeKm)
{
    const double r = meanEarthRadiusKm + altitudeKm, ground = meanEarthRadiusKm;
    if (!(rangeKm >= altitudeKm && rangeKm <= r + ground) || rangeKm <= 0.0)
        return std::numeric_limits<double>::quiet_NaN();
    // r^2 = R^2 + d^2 + 2 R d sin(elevation): the angle at the ground point is 90 + elevation.
    const double sinElevation =
        (r * r - ground * ground - rangeKm * rangeKm) / (2.0 * ground * rangeKm);
    return std::asin(std::clamp(sinElevation, -1.0, 1.0)) / degToRad;
}

double footprintHalfAngleRad(double altitudeKm, const GslRule &rule)
{
    double lambda = pi;
    if (rule.minElevationDeg)
        lambda = std::min(lambda, footprintHalfAngleRad(altitudeKm, *rule.minElevationDeg));
    if (rule.maxRangeKm)
        lambda = std::min(lambda, rangeHalfAngleRad(altitudeKm, *rule.maxRangeKm));
    return lambda;
}

double footprintRadiusKm(double altitudeKm, const GslRule &rule)
{
    return meanEarthRadiusKm * footprintHalfAngleRad(altitudeKm, rule);
}

Area Area::fromRings(const QString &name, const QList<QList<core::LatLon>> &rings)
{
    Area area;
    area.name = name;
    area.rings = rings;
    double west = 180.0, east = -180.0, south = 90.0, north = -90.0;
    for (const auto &ring : rings) {
        for (const core::LatLon &p : ring) {
            west = std::min(west, p.longitudeDeg);
            east = std::max(east, p.longitudeDeg);
            south = std::min(south, p.latitudeDeg);
            north = std::max(north, p.latitudeDeg);
        }
    }
    area.westDeg = west;
    area.eastDeg = east;
    area.southDeg = south;
    area.northDeg = north;
    return area;
}

std::array<double, 3> temeToEcef(const std::array<double, 3> &teme, double julianDate)
{
    const double g = gmst(julianDate);
    const double c = std::cos(g), s = std::sin(g);
    return {c * teme[0] + s * teme[1], -s * teme[0] + c * teme[1], teme[2]};
}

core::LatLon subPoint(const std::array<double, 3> &ecef)
{
    const double p = std::hypot(ecef[0], ecef[1]);
    double lat = std::atan2(ecef[2], p * (1.0 - wgs84E2));
    for (int i = 0; i < 5; ++i) { // fixed point on the geodetic latitude
        const double s = std::sin(lat);
        const double n = wgs84A / std::sqrt(1.0 - wgs84E2 * s * s);
        lat = std::atan2(ecef[2] + n * wgs84E2 * s, p);
    }
    return {lat / degToRad, std::atan2(ecef[1], ecef[0]) / degToRad};
}

CoverageResult coverage(const std::vector<Sgp4> &satellites,
                        const Area &area,
                        const CoverageOptions &options,
                        Progress &progress,
                        int threads)
{
    using core::Failure;
    if (!(options.gridDeg >= 0.01 && options.gridDeg <= 10.0))
        throw Failure(u"grid cell size %1 degrees is outside 0.01..10"_qs.arg(options.gridDeg));
    options.gsl.check();
    if (!(options.stepSeconds > 0.0))
        throw Failure(u"the time step must be positive"_qs);
    if (!(options.durationSeconds >= 0.0))
        throw Failure(u"the time window ends before it starts"_qs);
    const double west = area.westDeg;
    const double east = area.eastDeg < area.westDeg ? area.eastDeg + 360.0 : area.eastDeg;
    if (!(area.southDeg >= -90.0 && area.northDeg <= 90.0 && area.southDeg < area.northDeg &&
          west >= -180.0 && east <= 540.0 && west < east))
        throw Failure(u"area %1,%2,%3,%4 (west, south, east, north) is not a box on the Earth"_qs
                          .arg(area.westDeg)
                          .arg(area.southDeg)
                          .arg(area.eastDeg)
                          .arg(area.northDeg));

    // Cells: fixed for the whole window, so positions, normals and weights are computed once.
    const double g = options.gridDeg;
    const int cols = std::max(1, int(std::ceil((east - west) / g - 1e-9)));
    const int rows = std::max(1, int(std::ceil((area.northDeg - area.southDeg) / g - 1e-9)));
    if (double(rows) * cols > kMaxCells)
        throw Failure(
            u"%1 x %2 cells are more than %3: choose a coarser grid"_qs.arg(cols).arg(rows).arg(
                kMaxCells));
    // Steps and the work they drive, bounded before anything is allocated.
    const int steps = stepCount(options.durationSeconds, options.stepSeconds);
    checkPropagations(steps, satellites.size());
    const double work = double(steps) * double(satellites.size()) * (double(rows) * cols);
    if (work > kMaxCoverageWork)
        throw Failure(u"%1 steps x %2 satellites x %3 cells are more than %4 (about an hour of "
                      "computing): choose a longer step, a coarser grid, a shorter window or a "
                      "smaller area"_qs.arg(steps)
                          .arg(satellites.size())
                          .arg(qint64(rows) * cols)
                          .arg(QString::number(kMaxCoverageWork, 'g', 3)));
    // Dense row-major arrays over the whole grid (structure of arrays, so that the visibility
    // test over a row's run of cells vectorises); cells outside the area have a zero normal and
    // are never seen. cells lists the cells inside, denseIndex where each is in the grid.
    const size_t gridSize = size_t(rows) * size_t(cols);
    std::vector<double> gx(gridSize, 0.0), gy(gridSize, 0.0), gz(gridSize, 0.0);
    std::vector<double> gux(gridSize, 0.0), guy(gridSize, 0.0), guz(gridSize, 0.0);
    std::vector<Cell> cells;
    std::vector<size_t> denseIndex;
    CoverageResult result;
    result.gridDeg = g;
    for (int row = 0; row < rows; ++row) {
        const double lat = area.southDeg + (row + 0.5) * g;
        if (lat > area.northDeg)
            continue;
        for (int col = 0; col < cols; ++col) {
            double lon = west + (col + 0.5) * g;
            if (lon > east)
                continue;
            if (!area.rings.isEmpty() && !insideRings(area.rings, lat, lon))
                continue;
            const double phi = lat * degToRad, lambda = lon * degToRad;
            const double sinPhi = std::sin(phi), cosPhi = std::cos(phi);
            const double n = wgs84A / std::sqrt(1.0 - wgs84E2 * sinPhi * sinPhi);
            Cell cell;
            cell.x = n * cosPhi * std::cos(lambda);
            cell.y = n * cosPhi * std::sin(lambda);
            cell.z = n * (1.0 - wgs84E2) * sinPhi;
            cell.ux = cosPhi * std::cos(lambda);
            cell.uy = cosPhi * std::sin(lambda);
            cell.uz = sinPhi;
            cell.weight = cosPhi;
            const size_t dense = size_t(row) * size_t(cols) + size_t(col);
            gx[dense] = cell.x;
            gy[dense] = cell.y;
            gz[dense] = cell.z;
            gux[dense] = cell.ux;
            guy[dense] = cell.uy;
            guz[dense] = cell.uz;
            denseIndex.push_back(dense);
            cells.push_back(cell);
            if (lon > 180.0)
                lon -= 360.0;
            result.cellCentres.push_back({lat, lon});
        }
    }
    if (cells.empty())
        throw Failure(u"area '%1' holds no cell centre of a %2-degree grid: choose a finer grid"_qs
                          .arg(area.name.isEmpty() ? u"box"_qs : area.name)
                          .arg(g));
    double totalWeight = 0.0;
    for (const Cell &cell : cells)
        totalWeight += cell.weight;

    const int workers = threads > 0 ? threads : workerCount();
    const int blockCount = std::min(steps, 4 * workers);
    std::vector<Block> blocks(static_cast<size_t>(blockCount));
    for (int b = 0; b < blockCount; ++b) {
        blocks[size_t(b)].firstStep = int(qint64(steps) * b / blockCount);
        blocks[size_t(b)].steps =
            int(qint64(steps) * (b + 1) / blockCount) - blocks[size_t(b)].firstStep;
    }
    const bool byElevation = options.gsl.minElevationDeg.has_value();
    const double minElevationRad = options.gsl.minElevationDeg.value_or(0.0) * degToRad;
    const double sinMinElevation = std::sin(minElevationRad);
    const double cosMinElevation = std::cos(minElevationRad);
    const double maxRangeKm =
        options.gsl.maxRangeKm.value_or(std::numeric_limits<double>::infinity());
    const double maxRange2 = maxRangeKm * maxRangeKm;
    const double margin = 1.0 * degToRad; // geodetic vs geocentric latitude, ellipsoid radius
    // The largest central angle from the sub-satellite point (at radius rElevation for the
    // elevation rule, rRange for the range rule) at which a ground point may link; below 0 when
    // none can. Elevation: on a sphere a little smaller than the Earth. Range: a point linked
    // is on the near side (farther than 90 degrees it would be more than r away), where the law
    // of sines bounds the angle by asin(range / r).
    auto cap = [&](double rElevation, double rRange) {
        double lambda = pi;
        if (byElevation) {
            const double arg = 6350.0 * cosMinElevation / rElevation;
            if (arg >= 1.0)
                return -1.0;
            lambda = std::acos(arg) - minElevationRad;
        }
        if (maxRangeKm < rRange)
            lambda = std::min(lambda, std::asin(maxRangeKm / rRange));
        return lambda;
    };
    std::atomic<int> done{0};

    // A cheap first look at each satellite (its mean orbit) rules out those far from the area
    // before SGP4 runs: the area lies in a cap around centre (every cell centre within
    // areaRadius of it, plus half a cell's diagonal); a satellite whose rough direction is
    // farther than that plus its footprint and the rough direction's error cannot see a cell.
    std::array<double, 3> centre{0.0, 0.0, 0.0};
    for (const Cell &cell : cells) {
        centre[0] += cell.ux;
        centre[1] += cell.uy;
        centre[2] += cell.uz;
    }
    const double centreNorm = std::hypot(centre[0], centre[1], centre[2]);
    double areaRadius = pi; // a degenerate centre (cells all around the globe): no ruling out
    if (centreNorm > 1e-9) {
        for (double &c : centre)
            c /= centreNorm;
        double minDot = 1.0;
        for (const Cell &cell : cells)
            minDot =
                std::min(minDot, cell.ux * centre[0] + cell.uy * centre[1] + cell.uz * centre[2]);
        areaRadius = std::acos(std::clamp(minDot, -1.0, 1.0)) + g * degToRad;
    }
    MeanOrbits orbits;
    orbits.resize(satellites.size());
    for (size_t s = 0; s < satellites.size(); ++s) {
        const Sgp4 &satellite = satellites[s];
        const MeanElements &e = satellite.elements();
        orbits.minutesAtStart[s] =
            ((options.startJd - e.epochJd) + (options.startJdFraction - e.epochJdFraction)) *
            1440.0;
        const std::optional<Sgp4::MeanOrbit> mean = satellite.meanOrbit();
        if (!mean)
            continue;
        const double rMax = satellite.semiMajorAxisKm() * (1.0 + e.eccentricity) + 50.0;
        const double rMin = satellite.semiMajorAxisKm() * (1.0 - e.eccentricity) - 50.0;
        const double reach =
            std::max(0.0, cap(rMax, rMin)) + margin + satellite.roughAngleErrorRad() + areaRadius;
        orbits.reachCos[s] = reach >= pi ? -2.0 : std::cos(reach);
        orbits.u0[s] = mean->u0;
        orbits.uRate[s] = mean->uRate;
        orbits.n0[s] = mean->n0;
        orbits.c2[s] = mean->c2;
        orbits.c3[s] = mean->c3;
        orbits.c4[s] = mean->c4;
        orbits.c5[s] = mean->c5;
        orbits.node0[s] = mean->node0;
        orbits.nodeRate[s] = mean->nodeRate;
        orbits.nodeT2[s] = mean->nodeT2;
        orbits.sinI[s] = mean->sinI;
        orbits.cosI[s] = mean->cosI;
    }

    parallelFor(blockCount, workers, [&](int index, int) {
        Block &block = blocks[size_t(index)];
        block.runs.assign(cells.size(), GapRuns{});
        block.coveredSteps.assign(cells.size(), 0);
        block.percent.assign(size_t(block.steps), 0.0);
        block.inView.assign(size_t(block.steps), 0.0);
        block.satelliteFailed.assign(satellites.size(), 0);
        std::vector<int> running(cells.size(), 0); // current uncovered run per cell
        std::vector<std::uint16_t> count(gridSize, 0);
        std::vector<double> near; // 1: may see a cell at this step
        for (int k = 0; k < block.steps; ++k) {
            if (progress.isCancelled())
                throw Cancelled{};
            const int step = block.firstStep + k;
            const double seconds = step * options.stepSeconds;
            const double fraction = options.startJdFraction + seconds / 86400.0;
            const double jd = options.startJd + fraction;
            const double theta = gmst(jd);
            const double cosTheta = std::cos(theta), sinTheta = std::sin(theta);
            std::fill(count.begin(), count.end(), std::uint16_t(0));
            orbits.look(seconds / 60.0, theta, centre, near);

            for (size_t s = 0; s < satellites.size(); ++s) {
                const Sgp4 &satellite = satellites[s];
                const MeanElements &e = satellite.elements();
                const double minutes =
                    ((options.startJd - e.epochJd) + (fraction - e.epochJdFraction)) * 1440.0;
                if (near[s] == 0.0)
                    continue;
                State state;
                if (satellite.propagate(minutes, state) != Sgp4Error::None) {
                    block.satelliteFailed[s] = 1;
                    continue;
                }
                const double sx = cosTheta * state.r[0] + sinTheta * state.r[1];
                const double sy = -sinTheta * state.r[0] + cosTheta * state.r[1];
                const double sz = state.r[2];
                const double r = std::sqrt(sx * sx + sy * sy + sz * sz);
                // Footprint box, plus a margin.
                const double reachable = cap(r, r);
                if (reachable < 0.0)
                    continue;
                const double lambda = reachable + margin;
                const double latC = std::asin(sz / r);
                const double lonC = std::atan2(sy, sx) / degToRad;
                const int rowMin =
                    std::max(0, int(std::floor(((latC - lambda) / degToRad - area.southDeg) / g)));
                const int rowMax = std::min(
                    rows - 1, int(std::floor(((latC + lambda) / degToRad - area.southDeg) / g)));
                if (rowMin > rowMax)
                    continue;
                // Longitude half-width of the cap; the whole circle near a pole.
                double halfWidth = 180.0;
                if (std::fabs(latC) + lambda < 89.5 * degToRad)
                    halfWidth =
                        std::asin(std::min(1.0, std::sin(lambda) / std::cos(latC))) / degToRad;
                auto visit = [&](int colMin, int colMax) {
                    const double sin2 = sinMinElevation * sinMinElevation;
                    for (int row = rowMin; row <= rowMax; ++row) {
                        const size_t first = size_t(row) * size_t(cols);
                        for (size_t i = first + size_t(colMin); i <= first + size_t(colMax); ++i) {
                            const double dx = sx - gx[i], dy = sy - gy[i], dz = sz - gz[i];
                            const double up = dx * gux[i] + dy * guy[i] + dz * guz[i];
                            const double d2 = dx * dx + dy * dy + dz * dz;
                            const bool elevated =
                                !byElevation || (up > 0.0 && up * up >= sin2 * d2);
                            count[i] = std::uint16_t(count[i] + (elevated && d2 <= maxRange2));
                        }
                    }
                };
                if (2.0 * halfWidth + (east - west) >= 360.0) {
                    visit(0, cols - 1);
                    continue;
                }
                for (double shift : {-360.0, 0.0, 360.0}) {
                    const double lo = lonC - halfWidth + shift, hi = lonC + halfWidth + shift;
                    if (hi < west || lo > east)
                        continue;
                    visit(std::max(0, int(std::floor((lo - west) / g))),
                          std::min(cols - 1, int(std::floor((hi - west) / g))));
                }
            }

            double coveredWeight = 0.0, inViewWeight = 0.0;
            for (size_t c = 0; c < cells.size(); ++c) {
                const int n = count[denseIndex[c]];
                GapRuns &runs = block.runs[c];
                block.minInView = std::min(block.minInView, n);
                inViewWeight += n * cells[c].weight;
                if (n > 0) {
                    coveredWeight += cells[c].weight;
                    ++block.coveredSteps[c];
                    if (!runs.anyCovered) {
                        runs.lead = running[c];
                        runs.anyCovered = true;
                    }
                    running[c] = 0;
                } else {
                    runs.longest = std::max(runs.longest, ++running[c]);
                }
            }
            block.percent[size_t(k)] = 100.0 * coveredWeight / totalWeight;
            block.inView[size_t(k)] = inViewWeight / totalWeight;
            const int finished = done.fetch_add(1) + 1;
            if (finished % 16 == 0)
                progress.report(double(finished) / steps, "coverage");
        }
        for (size_t c = 0; c < cells.size(); ++c) {
            GapRuns &runs = block.runs[c];
            runs.length = block.steps;
            runs.trail = running[c];
            if (!runs.anyCovered)
                runs.lead = block.steps;
        }
    });

    // Combine the blocks in time order.
    result.satellites = int(satellites.size());
    result.cells = int(cells.size());
    result.steps = steps;
    std::vector<GapRuns> runs(cells.size());
    std::vector<int> coveredSteps(cells.size(), 0);
    std::vector<char> failed(satellites.size(), 0);
    result.minSatellitesInView = std::numeric_limits<int>::max();
    for (const Block &block : blocks) {
        for (size_t c = 0; c < cells.size(); ++c) {
            runs[c].append(block.runs[c]);
            coveredSteps[c] += block.coveredSteps[c];
        }
        result.percentByStep.insert(result.percentByStep.end(), block.percent.begin(),
                                    block.percent.end());
        result.satellitesInViewByStep.insert(result.satellitesInViewByStep.end(),
                                             block.inView.begin(), block.inView.end());
        result.minSatellitesInView = std::min(result.minSatellitesInView, block.minInView);
        for (size_t s = 0; s < satellites.size(); ++s)
            failed[s] = char(failed[s] | block.satelliteFailed[s]);
    }
    int longest = 0;
    for (const GapRuns &r : runs)
        longest = std::max(longest, r.longest);
    result.maxGapSeconds = longest * options.stepSeconds;
    result.cellCoveredFraction.resize(cells.size());
    for (size_t c = 0; c < cells.size(); ++c)
        result.cellCoveredFraction[c] = float(double(coveredSteps[c]) / steps);
    double sumPercent = 0.0, sumInView = 0.0;
    result.minPercent = 100.0;
    for (int k = 0; k < steps; ++k) {
        sumPercent += result.percentByStep[size_t(k)];
        sumInView += result.satellitesInViewByStep[size_t(k)];
        result.minPercent = std::min(result.minPercent, result.percentByStep[size_t(k)]);
    }
    result.meanPercent = sumPercent / steps;
    result.meanSatellitesInView = sumInView / steps;
    result.satellitesWithErrors = int(std::count(failed.begin(), failed.end(), 1));
    progress.report(1.0, "coverage");
    return result;
}

} // namespace nqi::planners::satellite
