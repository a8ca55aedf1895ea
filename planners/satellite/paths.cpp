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
#include <optional>
#include <queue>
#include <set>

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

/// A GSL rule ready to test many positions.
struct GslTest
{
    bool byElevation = true;
    double sinMin = 0.0;
    double maxRange = std::numeric_limits<double>::infinity();

    explicit GslTest(const GslRule &rule)
        : byElevation(rule.minElevationDeg.has_value())
        , sinMin(std::sin(rule.minElevationDeg.value_or(0.0) * degToRad))
        , maxRange(rule.maxRangeKm.value_or(std::numeric_limits<double>::infinity()))
    {
    }

    /// The slant range (km) when the ground point and the satellite may link, else NaN.
    double range(const Ground &g, const Vec &satellite) const
    {
        const double d = distance(g.position, satellite);
        if (!(d <= maxRange))
            return nan;
        if (byElevation && !(sinElevation(g, satellite) >= sinMin))
            return nan;
        return d;
    }
};

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

/// Earth-fixed position of one satellite at seconds after the start; nullopt on an SGP4 error.
std::optional<Vec> positionAt(const Sgp4 &satellite, const TimeGrid &grid, double seconds)
{
    const double fraction = grid.startJdFraction + seconds / 86400.0;
    const MeanElements &e = satellite.elements();
    const double minutes = ((grid.startJd - e.epochJd) + (fraction - e.epochJdFraction)) * 1440.0;
    State state;
    if (satellite.propagate(minutes, state) != Sgp4Error::None)
        return std::nullopt;
    return temeToEcef(state.r, grid.startJd + fraction);
}

void checkGrid(const TimeGrid &grid)
{
    if (!(grid.stepSeconds > 0.0))
        throw core::Failure(u"the time step must be positive"_qs);
    if (!(grid.durationSeconds >= 0.0))
        throw core::Failure(u"the time window ends before it starts"_qs);
    grid.gsl.check();
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

bool gslLinked(const GslRule &rule,
               const GroundPoint &point,
               const std::array<double, 3> &satellite)
{
    return !std::isnan(GslTest(rule).range(ground(point), satellite));
}

QString islPairingName(IslPairing pairing)
{
    return pairing == IslPairing::Hypatia ? u"hypatia"_qs : u"plus-grid"_qs;
}

std::optional<IslPairing> islPairingFromName(QStringView name)
{
    for (const IslPairing pairing : {IslPairing::PlusGrid, IslPairing::Hypatia})
        if (name == islPairingName(pairing))
            return pairing;
    return std::nullopt;
}

double hypatiaMaxIslLengthKm(double altitudeKm)
{
    const double r = wgs72::radiusKm + altitudeKm, floor = wgs72::radiusKm + 80.0;
    return r > floor ? 2.0 * std::sqrt(r * r - floor * floor) : 0.0;
}

std::vector<std::pair<int, int>> islLinks(const WalkerGrid &w, size_t satellites)
{
    if (w.first < 0 || w.planes < 1 || w.perPlane < 1 ||
        size_t(w.first) + size_t(w.planes) * size_t(w.perPlane) > satellites)
        throw core::Failure(u"inter-satellite grid outside the constellation"_qs);
    const QString shell = u"the shell of %1 planes of %2 from satellite %3"_qs.arg(w.planes)
                              .arg(w.perPlane)
                              .arg(w.first + 1);
    if (w.pairing == IslPairing::Hypatia) {
        if (w.planes < 3 || w.perPlane < 3)
            throw core::Failure(
                u"Hypatia's +Grid needs at least 3 planes of at least 3 satellites; %1 has "
                "fewer: use the plus-grid pairing"_qs.arg(shell));
        if (w.shift < 0 || w.shift >= w.perPlane)
            throw core::Failure(u"ISL shift %1 is outside 0..%2 for %3"_qs.arg(w.shift)
                                    .arg(w.perPlane - 1)
                                    .arg(shell));
    }
    const int shift = w.pairing == IslPairing::Hypatia ? w.shift : 0;
    auto at = [&w](int plane, int slot) {
        return w.first + (plane % w.planes) * w.perPlane + slot % w.perPlane;
    };
    // With 2 planes (or 2 per plane) the next plane is also the previous one: each link comes
    // twice and is kept once.
    std::vector<std::pair<int, int>> links;
    links.reserve(size_t(w.planes) * size_t(w.perPlane) * 2);
    std::set<std::pair<int, int>> seen;
    const bool twice = w.planes == 2 || w.perPlane == 2;
    auto add = [&](int a, int b) {
        const std::pair<int, int> link{std::min(a, b), std::max(a, b)};
        if (!twice || seen.insert(link).second)
            links.push_back(link);
    };
    for (int i = 0; i < w.planes; ++i) {
        for (int j = 0; j < w.perPlane; ++j) {
            const int sat = at(i, j);
            if (w.perPlane > 1)
                add(sat, at(i, j + 1));
            if (w.planes > 1)
                add(sat, at(i + 1, j + shift));
        }
    }
    return links;
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
    const GslTest test(grid.gsl);
    // elevation[step * count + satellite], kept where the two may link (NaN elsewhere: under
    // the range rule alone a linked satellite may be below the horizon).
    constexpr float outside = std::numeric_limits<float>::quiet_NaN();
    std::vector<float> elevation(size_t(steps) * count, outside);
    auto linked = [&elevation, count](int step, size_t s) {
        return !std::isnan(elevation[size_t(step) * count + s]);
    };
    std::atomic<int> done{0};
    parallelFor(steps, workerCount(), [&](int step, int) {
        if (progress.isCancelled())
            throw Cancelled{};
        thread_local std::vector<Vec> positions;
        thread_local std::vector<char> ok;
        positionsAt(satellites, grid.startJd,
                    grid.startJdFraction + step * grid.stepSeconds / 86400.0, positions, ok);
        for (size_t s = 0; s < count; ++s) {
            if (ok[s] && !std::isnan(test.range(g, positions[s])))
                elevation[size_t(step) * count + s] = float(
                    std::asin(std::clamp(sinElevation(g, positions[s]), -1.0, 1.0)) / degToRad);
        }
        if (done.fetch_add(1) % 32 == 0)
            progress.report(double(done.load()) / steps, "visibility");
    });

    VisibilityResult result;
    // Bisection to 1 s between a time the two may not link and one they may; returns the
    // latter end (so acquisition and loss are times at which they may).
    auto edge = [&](size_t s, double outsideSeconds, double insideSeconds) {
        while (std::fabs(insideSeconds - outsideSeconds) > 1.0) {
            const double middle = 0.5 * (outsideSeconds + insideSeconds);
            const std::optional<Vec> position = positionAt(satellites[s], grid, middle);
            if (position && !std::isnan(test.range(g, *position)))
                insideSeconds = middle;
            else
                outsideSeconds = middle;
        }
        return insideSeconds;
    };
    for (size_t s = 0; s < count; ++s) {
        int k = 0;
        while (k < steps) {
            while (k < steps && !linked(k, s))
                ++k;
            if (k >= steps)
                break;
            VisibilityWindow window;
            window.satellite = int(s);
            window.satnum = satellites[s].elements().satnum;
            window.maxElevationDeg = -90.0;
            const int first = k;
            while (k < steps && linked(k, s)) {
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
            n += linked(k, s);
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
    // The links of every grid, each with the rule that leaves it out: a length limit
    // (Hypatia) or the clearance above the surface (nqi's +Grid).
    struct IslLink
    {
        int a = 0, b = 0;
        double maxLengthKm = std::numeric_limits<double>::infinity();
        bool clearance = false;
    };
    std::vector<IslLink> links;
    for (const WalkerGrid &w : isl) {
        const double maxLength = w.pairing == IslPairing::Hypatia
                                     ? hypatiaMaxIslLengthKm(w.altitudeKm)
                                     : std::numeric_limits<double>::infinity();
        for (const auto &[a, b] : islLinks(w, satellites.size()))
            links.push_back({a, b, maxLength, w.pairing == IslPairing::PlusGrid});
    }
    const int steps = grid.steps();
    const size_t count = satellites.size();
    checkPropagations(steps, count);
    const Ground a = ground(from), b = ground(to);
    const GslTest test(grid.gsl);
    const double clearance = meanEarthRadiusKm + 80.0;
    PathResult result;
    result.hasIsl = !isl.empty();
    result.islLinks = int(links.size());
    result.greatCircleKm = core::geo::geodesicDistanceKm(from.latitudeDeg, from.longitudeDeg,
                                                         to.latitudeDeg, to.longitudeDeg);
    result.bentPipeMs.assign(size_t(steps), nan);
    if (result.hasIsl) {
        result.islMs.assign(size_t(steps), nan);
        result.islHops.assign(size_t(steps), 0);
    }
    // Each satellite's links: (neighbour, link index).
    std::vector<std::vector<std::pair<int, int>>> neighbours(count);
    for (size_t l = 0; l < links.size(); ++l) {
        neighbours[size_t(links[l].a)].emplace_back(links[l].b, int(l));
        neighbours[size_t(links[l].b)].emplace_back(links[l].a, int(l));
    }
    std::vector<std::atomic<bool>> leftOut(links.size());
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
        thread_local std::vector<double> fromA, toB, best, linkKm;
        thread_local std::vector<int> hops;
        positionsAt(satellites, grid.startJd,
                    grid.startJdFraction + step * grid.stepSeconds / 86400.0, positions, ok);
        fromA.assign(count, nan);
        toB.assign(count, nan);
        double bent = std::numeric_limits<double>::infinity();
        for (size_t s = 0; s < count; ++s) {
            if (!ok[s])
                continue;
            fromA[s] = test.range(a, positions[s]);
            toB[s] = test.range(b, positions[s]);
            if (!std::isnan(fromA[s]) && !std::isnan(toB[s]))
                bent = std::min(bent, fromA[s] + toB[s]);
        }
        if (std::isfinite(bent))
            result.bentPipeMs[size_t(step)] = bent / lightKmPerS * 1000.0;
        if (result.hasIsl) {
            // Every link's length at this step (NaN: left out), then Dijkstra from the ground
            // point over the satellites.
            linkKm.assign(links.size(), nan);
            for (size_t l = 0; l < links.size(); ++l) {
                const IslLink &link = links[l];
                if (!ok[size_t(link.a)] || !ok[size_t(link.b)])
                    continue;
                const Vec &p = positions[size_t(link.a)], &q = positions[size_t(link.b)];
                const double length = distance(p, q);
                if (length <= link.maxLengthKm && (!link.clearance || clear(p, q)))
                    linkKm[l] = length;
                else
                    leftOut[l].store(true, std::memory_order_relaxed);
            }
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
                for (const auto &[n, l] : neighbours[size_t(s)]) {
                    if (std::isnan(linkKm[size_t(l)]))
                        continue;
                    const double next = d + linkKm[size_t(l)];
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
    for (const std::atomic<bool> &flag : leftOut)
        result.islLinksLeftOut += flag.load() ? 1 : 0;
    return result;
}

} // namespace nqi::planners::satellite
