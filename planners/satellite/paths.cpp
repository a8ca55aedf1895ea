#include "planners/satellite/paths.h"

#include "core/geo/geodesy.h"
#include "core/model/diagnostic.h"
#include "core/model/numbers.h"
#include "planners/common/parallel.h"
#include "planners/satellite/coverage.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numbers>
#include <queue>

namespace nqi::planners::satellite {

namespace {

constexpr double degToRad = std::numbers::pi / 180.0;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double wgs84A = 6378.137;
constexpr double wgs84F = 1.0 / 298.257223563;
constexpr double wgs84E2 = wgs84F * (2.0 - wgs84F);

using Vec = std::array<double, 3>;

double dot(const Vec &a, const Vec &b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

double distance(const Vec &a, const Vec &b)
{
    return std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

struct Ground
{
    Vec position, up;
};

Ground ground(const GroundPoint &point)
{
    const double phi = point.latitudeDeg * degToRad, lambda = point.longitudeDeg * degToRad;
    return {groundPosition(point),
            {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)}};
}

/// Sine of the elevation of a satellite seen from the ground.
double sinElevation(const Ground &g, const Vec &satellite)
{
    const Vec d{satellite[0] - g.position[0], satellite[1] - g.position[1],
                satellite[2] - g.position[2]};
    return dot(d, g.up) / std::sqrt(dot(d, d));
}

/// Earth-fixed positions of every satellite at a time; false where SGP4 failed.
void positionsAt(const std::vector<Sgp4> &satellites,
                 double jd,
                 double fraction,
                 std::vector<Vec> &positions,
                 std::vector<char> &ok)
{
    const double theta = gmst(jd + fraction);
    const double c = std::cos(theta), s = std::sin(theta);
    positions.resize(satellites.size());
    ok.resize(satellites.size());
    for (size_t i = 0; i < satellites.size(); ++i) {
        const MeanElements &e = satellites[i].elements();
        const double minutes = ((jd - e.epochJd) + (fraction - e.epochJdFraction)) * 1440.0;
        State state;
        ok[i] = satellites[i].propagate(minutes, state) == Sgp4Error::None;
        if (ok[i])
            positions[i] = {c * state.r[0] + s * state.r[1], -s * state.r[0] + c * state.r[1],
                            state.r[2]};
    }
}

/// Elevation (degrees) of one satellite from the ground at seconds after the start; NaN on an
/// SGP4 error.
double elevationAt(const Sgp4 &satellite, const Ground &g, const TimeGrid &grid, double seconds)
{
    const double fraction = grid.startJdFraction + seconds / 86400.0;
    const MeanElements &e = satellite.elements();
    const double minutes = ((grid.startJd - e.epochJd) + (fraction - e.epochJdFraction)) * 1440.0;
    State state;
    if (satellite.propagate(minutes, state) != Sgp4Error::None)
        return nan;
    const auto ecef = temeToEcef(state.r, grid.startJd + fraction);
    return std::asin(std::clamp(sinElevation(g, ecef), -1.0, 1.0)) / degToRad;
}

void checkGrid(const TimeGrid &grid)
{
    if (!(grid.stepSeconds > 0.0))
        throw core::Failure(u"the time step must be positive"_qs);
    if (!(grid.durationSeconds >= 0.0))
        throw core::Failure(u"the time window ends before it starts"_qs);
    if (!(grid.minElevationDeg >= 0.0 && grid.minElevationDeg < 90.0))
        throw core::Failure(
            u"minimum elevation %1 degrees is outside 0..90"_qs.arg(grid.minElevationDeg));
}

void fillStats(const std::vector<double> &ms, const std::vector<int> *hops, LatencyStats &stats)
{
    double sum = 0.0, hopSum = 0.0;
    int count = 0;
    stats.minMs = std::numeric_limits<double>::infinity();
    stats.maxMs = 0.0;
    for (size_t k = 0; k < ms.size(); ++k) {
        if (std::isnan(ms[k]))
            continue;
        sum += ms[k];
        stats.minMs = std::min(stats.minMs, ms[k]);
        stats.maxMs = std::max(stats.maxMs, ms[k]);
        if (hops)
            hopSum += (*hops)[k];
        ++count;
    }
    stats.availablePercent = ms.empty() ? 0.0 : 100.0 * count / double(ms.size());
    stats.meanMs = count ? sum / count : nan;
    stats.meanHops = count ? (hops ? hopSum / count : 1.0) : nan;
    if (!count)
        stats.minMs = stats.maxMs = nan;
}

} // namespace

int stepCount(double durationSeconds, double stepSeconds)
{
    if (!(stepSeconds > 0.0) || !std::isfinite(stepSeconds))
        throw core::Failure(u"the time step must be positive"_qs);
    if (!(durationSeconds >= 0.0))
        throw core::Failure(u"the time window ends before it starts"_qs);
    // In doubles first: a window of years at 1 s overflowed an int.
    const double steps = std::floor(durationSeconds / stepSeconds + 1e-9) + 1.0;
    if (!(steps <= kMaxSteps))
        throw core::Failure(
            u"a window of %1 s sampled every %2 s is %3 steps, more than %4: choose a longer "
            "step (at least %5 s) or a shorter window"_qs.arg(core::formatNumber(durationSeconds))
                .arg(core::formatNumber(stepSeconds))
                .arg(QString::number(steps, 'f', 0))
                .arg(kMaxSteps)
                .arg(core::formatNumber(std::ceil(durationSeconds / (kMaxSteps - 1)))));
    return int(steps);
}

void checkPropagations(int steps, size_t satellites)
{
    if (double(steps) * double(satellites) > kMaxPropagations)
        throw core::Failure(
            u"%1 steps x %2 satellites are more than %3 positions to compute: "
            "choose a longer step, a shorter window or fewer satellites"_qs.arg(steps)
                .arg(satellites)
                .arg(QString::number(kMaxPropagations, 'f', 0)));
}

int TimeGrid::steps() const
{
    return stepCount(durationSeconds, stepSeconds);
}

std::array<double, 3> groundPosition(const GroundPoint &point)
{
    const double phi = point.latitudeDeg * degToRad, lambda = point.longitudeDeg * degToRad;
    const double n = wgs84A / std::sqrt(1.0 - wgs84E2 * std::sin(phi) * std::sin(phi));
    return {(n + point.heightKm) * std::cos(phi) * std::cos(lambda),
            (n + point.heightKm) * std::cos(phi) * std::sin(lambda),
            (n * (1.0 - wgs84E2) + point.heightKm) * std::sin(phi)};
}

VisibilityResult visibility(const std::vector<Sgp4> &satellites,
                            const GroundPoint &point,
                            const TimeGrid &grid,
                            Progress &progress)
{
    checkGrid(grid);
    const int steps = grid.steps();
    const size_t count = satellites.size();
    checkPropagations(steps, count);
    if (double(steps) * double(count) > kMaxVisibilitySamples)
        throw core::Failure(u"%1 steps x %2 satellites are more than %3 elevations to hold: "
                            "choose a longer step"_qs.arg(steps)
                                .arg(count)
                                .arg(QString::number(kMaxVisibilitySamples, 'f', 0)));
    const Ground g = ground(point);
    const double sinMin = std::sin(grid.minElevationDeg * degToRad);
    // visible[step * count + satellite]; the elevation kept where visible, for the maximum.
    std::vector<float> elevation(size_t(steps) * count, -1.0f);
    std::atomic<int> done{0};
    parallelFor(steps, workerCount(), [&](int step, int) {
        if (progress.isCancelled())
            throw Cancelled{};
        thread_local std::vector<Vec> positions;
        thread_local std::vector<char> ok;
        positionsAt(satellites, grid.startJd,
                    grid.startJdFraction + step * grid.stepSeconds / 86400.0, positions, ok);
        for (size_t s = 0; s < count; ++s) {
            if (!ok[s])
                continue;
            const double e = sinElevation(g, positions[s]);
            if (e >= sinMin)
                elevation[size_t(step) * count + s] = float(std::asin(e) / degToRad);
        }
        if (done.fetch_add(1) % 32 == 0)
            progress.report(double(done.load()) / steps, "visibility");
    });

    VisibilityResult result;
    // Bisection to 1 s between a time the satellite is not in view and one it is; returns
    // the latter end (so acquisition and loss are times at which it is in view).
    auto edge = [&](size_t s, double outside, double inside) {
        while (std::fabs(inside - outside) > 1.0) {
            const double middle = 0.5 * (outside + inside);
            if (elevationAt(satellites[s], g, grid, middle) >= grid.minElevationDeg)
                inside = middle;
            else
                outside = middle;
        }
        return inside;
    };
    for (size_t s = 0; s < count; ++s) {
        int k = 0;
        while (k < steps) {
            while (k < steps && elevation[size_t(k) * count + s] < 0.0f)
                ++k;
            if (k >= steps)
                break;
            VisibilityWindow window;
            window.satellite = int(s);
            window.satnum = satellites[s].elements().satnum;
            const int first = k;
            while (k < steps && elevation[size_t(k) * count + s] >= 0.0f) {
                window.maxElevationDeg =
                    std::max(window.maxElevationDeg, double(elevation[size_t(k) * count + s]));
                ++k;
            }
            const int last = k - 1;
            window.aosSeconds =
                first == 0 ? 0.0
                           : edge(s, (first - 1) * grid.stepSeconds, first * grid.stepSeconds);
            window.losSeconds =
                last == steps - 1 ? last * grid.stepSeconds
                                  : edge(s, (last + 1) * grid.stepSeconds, last * grid.stepSeconds);
            result.windows.push_back(window);
        }
    }
    std::sort(result.windows.begin(), result.windows.end(),
              [](const VisibilityWindow &a, const VisibilityWindow &b) {
                  return a.aosSeconds != b.aosSeconds ? a.aosSeconds < b.aosSeconds
                                                      : a.satnum < b.satnum;
              });
    int visibleSteps = 0, run = 0, longest = 0;
    double inView = 0.0;
    for (int k = 0; k < steps; ++k) {
        int n = 0;
        for (size_t s = 0; s < count; ++s)
            n += elevation[size_t(k) * count + s] >= 0.0f;
        inView += n;
        if (n > 0) {
            ++visibleSteps;
            run = 0;
        } else {
            longest = std::max(longest, ++run);
        }
    }
    result.visiblePercent = 100.0 * visibleSteps / steps;
    result.longestGapSeconds = longest * grid.stepSeconds;
    result.meanSatellitesInView = inView / steps;
    return result;
}

PathResult pathLatency(const std::vector<Sgp4> &satellites,
                       const GroundPoint &from,
                       const GroundPoint &to,
                       const TimeGrid &grid,
                       const std::vector<WalkerGrid> &isl,
                       Progress &progress)
{
    checkGrid(grid);
    for (const WalkerGrid &w : isl)
        if (w.first < 0 || w.planes < 1 || w.perPlane < 1 ||
            size_t(w.first) + size_t(w.planes) * size_t(w.perPlane) > satellites.size())
            throw core::Failure(u"inter-satellite grid outside the constellation"_qs);
    const int steps = grid.steps();
    const size_t count = satellites.size();
    checkPropagations(steps, count);
    const Ground a = ground(from), b = ground(to);
    const double sinMin = std::sin(grid.minElevationDeg * degToRad);
    const double clearance = meanEarthRadiusKm + 80.0;
    PathResult result;
    result.hasIsl = !isl.empty();
    result.greatCircleKm = core::geo::geodesicDistanceKm(from.latitudeDeg, from.longitudeDeg,
                                                         to.latitudeDeg, to.longitudeDeg);
    result.bentPipeMs.assign(size_t(steps), nan);
    if (result.hasIsl) {
        result.islMs.assign(size_t(steps), nan);
        result.islHops.assign(size_t(steps), 0);
    }
    // Neighbours of each satellite under +Grid (-1: none).
    std::vector<std::array<int, 4>> neighbours(count, {-1, -1, -1, -1});
    for (const WalkerGrid &w : isl) {
        for (int p = 0; p < w.planes; ++p) {
            for (int k = 0; k < w.perPlane; ++k) {
                const int i = w.first + p * w.perPlane + k;
                auto at = [&](int plane, int slot) {
                    return w.first + ((plane + w.planes) % w.planes) * w.perPlane +
                           (slot + w.perPlane) % w.perPlane;
                };
                neighbours[size_t(i)] = {
                    w.perPlane > 1 ? at(p, k + 1) : -1, w.perPlane > 2 ? at(p, k - 1) : -1,
                    w.planes > 1 ? at(p + 1, k) : -1, w.planes > 2 ? at(p - 1, k) : -1};
            }
        }
    }
    auto clear = [clearance](const Vec &p, const Vec &q) {
        const Vec d{q[0] - p[0], q[1] - p[1], q[2] - p[2]};
        const double t = std::clamp(-dot(p, d) / dot(d, d), 0.0, 1.0);
        const Vec c{p[0] + t * d[0], p[1] + t * d[1], p[2] + t * d[2]};
        return dot(c, c) >= clearance * clearance;
    };

    std::atomic<int> done{0};
    parallelFor(steps, workerCount(), [&](int step, int) {
        if (progress.isCancelled())
            throw Cancelled{};
        thread_local std::vector<Vec> positions;
        thread_local std::vector<char> ok;
        thread_local std::vector<double> fromA, toB, best;
        thread_local std::vector<int> hops;
        positionsAt(satellites, grid.startJd,
                    grid.startJdFraction + step * grid.stepSeconds / 86400.0, positions, ok);
        fromA.assign(count, nan);
        toB.assign(count, nan);
        double bent = std::numeric_limits<double>::infinity();
        for (size_t s = 0; s < count; ++s) {
            if (!ok[s])
                continue;
            if (sinElevation(a, positions[s]) >= sinMin)
                fromA[s] = distance(a.position, positions[s]);
            if (sinElevation(b, positions[s]) >= sinMin)
                toB[s] = distance(b.position, positions[s]);
            if (!std::isnan(fromA[s]) && !std::isnan(toB[s]))
                bent = std::min(bent, fromA[s] + toB[s]);
        }
        if (std::isfinite(bent))
            result.bentPipeMs[size_t(step)] = bent / lightKmPerS * 1000.0;
        if (result.hasIsl) { // Dijkstra from the ground point over the satellites
            best.assign(count, std::numeric_limits<double>::infinity());
            hops.assign(count, 0);
            using Entry = std::pair<double, int>;
            std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
            for (size_t s = 0; s < count; ++s)
                if (!std::isnan(fromA[s])) {
                    best[s] = fromA[s];
                    hops[s] = 1;
                    queue.emplace(best[s], int(s));
                }
            double arrival = std::numeric_limits<double>::infinity();
            int arrivalHops = 0;
            while (!queue.empty()) {
                const auto [d, s] = queue.top();
                queue.pop();
                if (d > best[size_t(s)] || d >= arrival)
                    continue;
                if (!std::isnan(toB[size_t(s)]) && d + toB[size_t(s)] < arrival) {
                    arrival = d + toB[size_t(s)];
                    arrivalHops = hops[size_t(s)];
                }
                for (int n : neighbours[size_t(s)]) {
                    if (n < 0 || !ok[size_t(n)])
                        continue;
                    if (!clear(positions[size_t(s)], positions[size_t(n)]))
                        continue;
                    const double next = d + distance(positions[size_t(s)], positions[size_t(n)]);
                    if (next < best[size_t(n)]) {
                        best[size_t(n)] = next;
                        hops[size_t(n)] = hops[size_t(s)] + 1;
                        queue.emplace(next, n);
                    }
                }
            }
            if (std::isfinite(arrival)) {
                result.islMs[size_t(step)] = arrival / lightKmPerS * 1000.0;
                result.islHops[size_t(step)] = arrivalHops;
            }
        }
        if (done.fetch_add(1) % 32 == 0)
            progress.report(double(done.load()) / steps, "paths");
    });
    fillStats(result.bentPipeMs, nullptr, result.bentPipe);
    if (result.hasIsl)
        fillStats(result.islMs, &result.islHops, result.isl);
    return result;
}

} // namespace nqi::planners::satellite
