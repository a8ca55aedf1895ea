#include "core/geo/antimeridian.h"

#include "core/geo/geodesy.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

namespace nqi::core::geo {
namespace {

using Ring = QList<LatLon>;

// The antimeridian and its copies on a continuous longitude axis: 180 + 360 k degrees.
bool onAntimeridian(double longitudeDeg)
{
    return std::remainder(longitudeDeg - 180.0, 360.0) == 0.0;
}

// What to subtract from a longitude to bring it within -180..180: a multiple of 360. A longitude
// on an antimeridian goes to +180.
double shiftInto(double longitudeDeg)
{
    if (onAntimeridian(longitudeDeg))
        return 360.0 * std::round((longitudeDeg - 180.0) / 360.0);
    return 360.0 * std::round(longitudeDeg / 360.0);
}

// The antimeridians strictly between two longitudes, in the order an edge from the first to the
// second meets them.
QList<double> antimeridiansBetween(double fromDeg, double toDeg)
{
    const double low = std::min(fromDeg, toDeg);
    const double high = std::max(fromDeg, toDeg);
    QList<double> crossings;
    for (double x = 180.0 + 360.0 * std::floor((low - 180.0) / 360.0); x < high; x += 360.0) {
        if (x > low)
            crossings << x;
    }
    if (toDeg < fromDeg)
        std::reverse(crossings.begin(), crossings.end());
    return crossings;
}

// Latitude where the straight edge pq meets longitude x, from its western vertex (an edge gives
// the same point whichever way it is walked); a vertex on x gives its own latitude.
double straightCrossing(const LatLon &p, const LatLon &q, double x)
{
    if (p.longitudeDeg == x)
        return p.latitudeDeg;
    if (q.longitudeDeg == x)
        return q.latitudeDeg;
    const LatLon &west = p.longitudeDeg < q.longitudeDeg ? p : q;
    const LatLon &east = p.longitudeDeg < q.longitudeDeg ? q : p;
    return west.latitudeDeg + (x - west.longitudeDeg) * (east.latitudeDeg - west.latitudeDeg) /
                                  (east.longitudeDeg - west.longitudeDeg);
}

// Latitude where the geodesic from p to q meets longitude x (continuous longitudes), found by
// bisection along the geodesic: longitude changes monotonically along one.
double geodesicCrossing(const LatLon &p, const LatLon &q, double x)
{
    using GeographicLib::Geodesic;
    using GeographicLib::GeodesicLine;
    const GeodesicLine line = Geodesic::WGS84().InverseLine(
        p.latitudeDeg, p.longitudeDeg, q.latitudeDeg, q.longitudeDeg,
        Geodesic::LATITUDE | Geodesic::LONGITUDE | Geodesic::DISTANCE_IN | Geodesic::LONG_UNROLL);
    const auto position = [&line](double metres, double &latitudeDeg) {
        double longitudeDeg = 0.0;
        double unused = 0.0;
        line.GenPosition(false, metres,
                         GeodesicLine::LATITUDE | GeodesicLine::LONGITUDE |
                             GeodesicLine::LONG_UNROLL,
                         latitudeDeg, longitudeDeg, unused, unused, unused, unused, unused, unused);
        return longitudeDeg;
    };
    double latitudeDeg = 0.0;
    // Should the shortest geodesic not run the way the edge's longitudes say (an edge across a
    // pole), the straight edge stands in.
    if (std::abs(position(line.Distance(), latitudeDeg) - q.longitudeDeg) > 1e-6)
        return straightCrossing(p, q, x);
    const bool eastward = q.longitudeDeg > p.longitudeDeg;
    double low = 0.0;
    double high = line.Distance();
    for (;;) {
        const double middle = 0.5 * (low + high);
        if (middle <= low || middle >= high)
            break;
        if ((position(middle, latitudeDeg) < x) == eastward)
            low = middle;
        else
            high = middle;
    }
    position(0.5 * (low + high), latitudeDeg);
    return latitudeDeg;
}

void appendDistinct(Ring &points, const LatLon &point)
{
    if (points.isEmpty() || points.constLast() != point)
        points.append(point);
}

// A ring as WKB and the model both read it: open (no closing vertex), no repeated vertex in a
// row; empty when fewer than 3 vertices remain (nothing that bounds an area).
Ring cleanRing(const Ring &points)
{
    Ring ring;
    for (const LatLon &point : points)
        appendDistinct(ring, point);
    while (ring.size() > 1 && ring.constFirst() == ring.constLast())
        ring.removeLast();
    if (ring.size() < 3)
        return {};
    return ring;
}

// Twice the signed area in square degrees (shoelace); 0 for a ring along one line.
double doubledArea(const Ring &ring)
{
    double sum = 0.0;
    for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        sum += (ring[j].longitudeDeg - ring[i].longitudeDeg) *
               (ring[j].latitudeDeg + ring[i].latitudeDeg);
    }
    return sum;
}

/**
 * Cuts rings (even-odd: together they bound the area) at longitude x into the rings west of it
 * and those east of it. Each ring is walked into chains that lie on one side, from one crossing
 * of x to the next (a vertex on x counts as east). Along x the area lies between the 1st and 2nd
 * crossing by latitude, the 3rd and 4th, ...: each side's chains are joined into rings along
 * those stretches of x, so a hole cut by x becomes part of the boundary of its piece.
 */
void cutRings(const QList<Ring> &rings, double x, QList<Ring> &west, QList<Ring> &east)
{
    struct Chain
    {
        Ring points;
        bool east = false;
        qsizetype start = -1; ///< crossing ids
        qsizetype end = -1;
    };
    QList<Chain> chains;
    QList<double> crossingLat; // by crossing id
    for (const Ring &ring : rings) {
        const qsizetype n = ring.size();
        const auto isEast = [&ring, n, x](qsizetype i) {
            return ring[i % n].longitudeDeg >= x;
        };
        qsizetype first = -1;
        for (qsizetype i = 0; i < n && first < 0; ++i) {
            if (isEast(i) != isEast(i + n - 1))
                first = i;
        }
        if (first < 0) {
            (isEast(0) ? east : west).append(ring);
            continue;
        }
        const qsizetype firstCrossing = crossingLat.size();
        crossingLat << straightCrossing(ring[(first + n - 1) % n], ring[first], x);
        Chain chain;
        chain.east = isEast(first);
        chain.start = firstCrossing;
        chain.points << LatLon{crossingLat.constLast(), x};
        for (qsizetype k = 0; k < n; ++k) {
            const qsizetype i = (first + k) % n;
            const qsizetype next = (i + 1) % n;
            appendDistinct(chain.points, ring[i]);
            if (isEast(next) == isEast(i))
                continue;
            qsizetype id = firstCrossing;
            if (next != first) {
                id = crossingLat.size();
                crossingLat << straightCrossing(ring[i], ring[next], x);
            }
            appendDistinct(chain.points, {crossingLat[id], x});
            chain.end = id;
            chains << chain;
            chain = Chain();
            chain.east = isEast(next);
            chain.start = id;
            chain.points << LatLon{crossingLat[id], x};
        }
    }
    if (chains.isEmpty())
        return;

    // Crossings paired along x: the area lies between the two of each pair.
    const auto crossings = size_t(crossingLat.size());
    std::vector<qsizetype> order(crossings);
    std::iota(order.begin(), order.end(), qsizetype(0));
    std::stable_sort(order.begin(), order.end(), [&crossingLat](qsizetype a, qsizetype b) {
        return crossingLat[a] < crossingLat[b];
    });
    std::vector<qsizetype> partner(crossings, -1);
    for (size_t i = 0; i + 1 < order.size(); i += 2) {
        partner[order[i]] = order[i + 1];
        partner[order[i + 1]] = order[i];
    }

    for (const bool eastSide : {false, true}) {
        std::vector<qsizetype> chainAt(crossings, -1); // this side's chain ending there
        for (qsizetype c = 0; c < chains.size(); ++c) {
            if (chains[c].east == eastSide) {
                chainAt[chains[c].start] = c;
                chainAt[chains[c].end] = c;
            }
        }
        std::vector<bool> used(size_t(chains.size()), false);
        for (qsizetype startChain = 0; startChain < chains.size(); ++startChain) {
            if (chains[startChain].east != eastSide || used[startChain])
                continue;
            Ring ring;
            qsizetype current = startChain;
            bool forward = true;
            for (;;) {
                used[current] = true;
                const Chain &chain = chains[current];
                if (forward) {
                    for (const LatLon &point : chain.points)
                        appendDistinct(ring, point);
                } else {
                    for (auto it = chain.points.crbegin(); it != chain.points.crend(); ++it)
                        appendDistinct(ring, *it);
                }
                const qsizetype leave = forward ? chain.end : chain.start;
                const qsizetype arrive = partner[leave];
                const qsizetype next = arrive < 0 ? -1 : chainAt[arrive];
                if (next < 0 || used[next])
                    break; // back at the first chain
                forward = chains[next].start == arrive;
                current = next;
            }
            ring = cleanRing(ring);
            if (!ring.isEmpty() && doubledArea(ring) != 0.0)
                (eastSide ? east : west).append(ring);
        }
    }
}

bool ringContains(const Ring &ring, const LatLon &point)
{
    bool inside = false;
    for (qsizetype i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
        const LatLon &p = ring[i];
        const LatLon &q = ring[j];
        if ((p.latitudeDeg > point.latitudeDeg) != (q.latitudeDeg > point.latitudeDeg)) {
            const double crossing = p.longitudeDeg + (point.latitudeDeg - p.latitudeDeg) *
                                                         (q.longitudeDeg - p.longitudeDeg) /
                                                         (q.latitudeDeg - p.latitudeDeg);
            if (point.longitudeDeg < crossing)
                inside = !inside;
        }
    }
    return inside;
}

// A vertex that tells whether a ring lies inside another: one off the antimeridian where
// pieces of a cut touch.
LatLon probeOf(const Ring &ring)
{
    for (const LatLon &point : ring) {
        if (std::abs(point.longitudeDeg) != 180.0)
            return point;
    }
    return ring.constFirst();
}

struct Box
{
    double minLat = std::numeric_limits<double>::infinity();
    double maxLat = -std::numeric_limits<double>::infinity();
    double minLon = std::numeric_limits<double>::infinity();
    double maxLon = -std::numeric_limits<double>::infinity();

    explicit Box(const Ring &ring)
    {
        for (const LatLon &p : ring) {
            minLat = std::min(minLat, p.latitudeDeg);
            maxLat = std::max(maxLat, p.latitudeDeg);
            minLon = std::min(minLon, p.longitudeDeg);
            maxLon = std::max(maxLon, p.longitudeDeg);
        }
    }
    bool contains(const LatLon &p) const
    {
        return p.latitudeDeg >= minLat && p.latitudeDeg <= maxLat && p.longitudeDeg >= minLon &&
               p.longitudeDeg <= maxLon;
    }
};

// Rings (even-odd) as polygons: a ring inside an even number of others is an outer ring, one
// inside an odd number a hole of the ring just around it. Outer rings keep their order, each
// followed by its holes in theirs.
QList<PolygonRings> groupPolygons(const QList<Ring> &rings)
{
    const qsizetype n = rings.size();
    QList<Box> boxes;
    boxes.reserve(n);
    for (const Ring &ring : rings)
        boxes.append(Box(ring));
    QList<qsizetype> depth(n, 0);
    QList<QList<qsizetype>> around(n);
    for (qsizetype i = 0; i < n; ++i) {
        const LatLon probe = probeOf(rings[i]);
        for (qsizetype j = 0; j < n; ++j) {
            if (j != i && boxes[j].contains(probe) && ringContains(rings[j], probe)) {
                ++depth[i];
                around[i] << j;
            }
        }
    }
    QList<PolygonRings> polygons;
    QList<qsizetype> polygonOf(n, -1);
    for (qsizetype i = 0; i < n; ++i) {
        if (depth[i] % 2 == 0) {
            polygonOf[i] = polygons.size();
            polygons.append(PolygonRings{rings[i]});
        }
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (depth[i] % 2 == 0)
            continue;
        qsizetype parent = -1;
        for (qsizetype j : std::as_const(around[i])) {
            if (depth[j] == depth[i] - 1) {
                parent = j;
                break;
            }
        }
        if (parent >= 0 && polygonOf[parent] >= 0) {
            polygons[polygonOf[parent]].append(rings[i]);
        } else {
            polygonOf[i] = polygons.size(); // rings that do not nest: drawn as they are
            polygons.append(PolygonRings{rings[i]});
        }
    }
    return polygons;
}

QList<Ring> shifted(QList<Ring> rings, double shiftDeg)
{
    if (shiftDeg == 0.0)
        return rings;
    for (Ring &ring : rings) {
        for (LatLon &point : ring)
            point.longitudeDeg -= shiftDeg;
    }
    return rings;
}

} // namespace

bool beyondAntimeridian(const QList<LatLon> &points)
{
    return std::any_of(points.cbegin(), points.cend(), [](const LatLon &p) {
        return p.longitudeDeg < -180.0 || p.longitudeDeg > 180.0;
    });
}

QList<QList<LatLon>> splitLine(const QList<LatLon> &line, Edge edge)
{
    if (line.size() < 2 || !beyondAntimeridian(line))
        return {line};
    // A vertex wherever an edge crosses an antimeridian...
    QList<LatLon> points{line.constFirst()};
    for (qsizetype i = 1; i < line.size(); ++i) {
        const LatLon &p = line[i - 1];
        const LatLon &q = line[i];
        for (const double x : antimeridiansBetween(p.longitudeDeg, q.longitudeDeg)) {
            const double latitudeDeg =
                edge == Edge::Geodesic ? geodesicCrossing(p, q, x) : straightCrossing(p, q, x);
            points.append({latitudeDeg, x});
        }
        points.append(q);
    }
    // ...then a new part wherever an edge runs beyond the antimeridian the last one ran before.
    QList<QList<LatLon>> parts;
    QList<LatLon> part{points.constFirst()};
    std::optional<double> partShift;
    const auto finish = [&parts, &part, &partShift] {
        const double shift = partShift.value_or(shiftInto(part.constFirst().longitudeDeg));
        for (LatLon &point : part)
            point.longitudeDeg -= shift;
        parts.append(std::move(part));
    };
    for (qsizetype i = 1; i < points.size(); ++i) {
        const double middle = 0.5 * (points[i - 1].longitudeDeg + points[i].longitudeDeg);
        if (!onAntimeridian(middle)) { // an edge along the antimeridian stays with its part
            const double shift = shiftInto(middle);
            if (partShift && *partShift != shift) {
                finish();
                part = {points[i - 1]};
            }
            partShift = shift;
        }
        part.append(points[i]);
    }
    finish();
    return parts;
}

QList<QList<LatLon>>
geodesicParts(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg, double maxSegmentKm)
{
    QList<QList<LatLon>> parts =
        splitLine(geodesicPath(lat1Deg, lon1Deg, lat2Deg, lon2Deg, maxSegmentKm), Edge::Geodesic);
    // The ends are the sites as given, not their longitudes moved by 360 degrees and back.
    LatLon &first = parts.first().first();
    if (std::abs(first.longitudeDeg - lon1Deg) < 1e-9)
        first = {lat1Deg, lon1Deg};
    LatLon &last = parts.last().last();
    if (std::abs(last.longitudeDeg - lon2Deg) < 1e-9)
        last = {lat2Deg, lon2Deg};
    return parts;
}

QList<PolygonRings> splitPolygon(const QList<QList<LatLon>> &input)
{
    QList<Ring> rings;
    double minLon = std::numeric_limits<double>::infinity();
    double maxLon = -std::numeric_limits<double>::infinity();
    for (const Ring &ring : input) {
        Ring open = ring;
        if (open.size() > 1 && open.constFirst() == open.constLast())
            open.removeLast();
        if (open.isEmpty())
            continue;
        for (const LatLon &point : std::as_const(open)) {
            minLon = std::min(minLon, point.longitudeDeg);
            maxLon = std::max(maxLon, point.longitudeDeg);
        }
        rings.append(std::move(open));
    }
    if (rings.isEmpty())
        return {};
    if (minLon >= -180.0 && maxLon <= 180.0)
        return groupPolygons(rings);
    QList<PolygonRings> polygons;
    double x = 180.0 + 360.0 * std::floor((minLon - 180.0) / 360.0);
    while (x <= minLon)
        x += 360.0;
    if (x >= maxLon) // beyond the antimeridian but not across it: moved whole
        return groupPolygons(shifted(rings, x - 180.0));
    QList<Ring> remaining = rings;
    for (; x < maxLon; x += 360.0) {
        QList<Ring> west;
        QList<Ring> east;
        cutRings(remaining, x, west, east);
        polygons += groupPolygons(shifted(west, x - 180.0));
        remaining = east;
    }
    polygons += groupPolygons(shifted(remaining, x - 180.0));
    return polygons;
}

QList<QList<LatLon>> flattenPolygons(const QList<PolygonRings> &polygons)
{
    QList<QList<LatLon>> rings;
    for (const PolygonRings &polygon : polygons)
        rings += polygon;
    return rings;
}

} // namespace nqi::core::geo
