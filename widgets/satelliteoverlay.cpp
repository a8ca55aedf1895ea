#include "widgets/satelliteoverlay.h"

#include "planners/satellite/satellite.h"
#include "widgets/maptransform.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include <cmath>
#include <numbers>

namespace nqi::widgets {

namespace sat = planners::satellite;

namespace {

constexpr double pi = std::numbers::pi;
constexpr double degToRad = pi / 180.0;
const double worldWidth = 2.0 * pi * mercator::kEarthRadiusM;

/// A line through lon/lat points as scene paths, continuous across the antimeridian (drawn a
/// second time a world to the side where it runs over the edge).
QList<QPainterPath> scenePaths(const QList<core::LatLon> &points, bool closed)
{
    QPainterPath path;
    double previous = 0.0;
    double minX = 0.0, maxX = 0.0;
    for (qsizetype i = 0; i < points.size(); ++i) {
        double lon = points[i].longitudeDeg;
        if (i > 0) { // unwrap relative to the previous point
            while (lon - previous > 180.0)
                lon -= 360.0;
            while (lon - previous < -180.0)
                lon += 360.0;
        }
        previous = lon;
        const QPointF p = mercator::toScene(points[i].latitudeDeg, lon);
        if (i == 0) {
            path.moveTo(p);
            minX = maxX = p.x();
        } else {
            path.lineTo(p);
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
        }
    }
    if (closed)
        path.closeSubpath();
    QList<QPainterPath> paths{path};
    const double edge = worldWidth / 2.0;
    if (maxX > edge)
        paths.append(path.translated(-worldWidth, 0.0));
    if (minX < -edge)
        paths.append(path.translated(worldWidth, 0.0));
    return paths;
}

/// Point at a central angle and bearing from a centre on the sphere.
core::LatLon destination(const core::LatLon &from, double angle, double bearing)
{
    const double lat1 = from.latitudeDeg * degToRad, lon1 = from.longitudeDeg * degToRad;
    const double lat2 = std::asin(std::sin(lat1) * std::cos(angle) +
                                  std::cos(lat1) * std::sin(angle) * std::cos(bearing));
    const double lon2 = lon1 + std::atan2(std::sin(bearing) * std::sin(angle) * std::cos(lat1),
                                          std::cos(angle) - std::sin(lat1) * std::sin(lat2));
    return {lat2 / degToRad, std::remainder(lon2 / degToRad, 360.0)};
}

QColor coverageColour(double fraction)
{
    // Red (never covered) through amber to green (always covered).
    const double f = std::clamp(fraction, 0.0, 1.0);
    const int hue = int(f * 120.0);
    return QColor::fromHsv(hue, 220, 230, 110);
}

} // namespace

SatelliteOverlay::SatelliteOverlay(QGraphicsItem *parent)
    : QGraphicsObject(parent)
{
    setZValue(60);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(QGraphicsItem::ItemIsSelectable, false);
}

void SatelliteOverlay::setSatellites(std::vector<sat::Sgp4> satellites)
{
    m_satellites = std::move(satellites);
    recompute();
}

void SatelliteOverlay::setMinElevationDeg(double degrees)
{
    m_minElevationDeg = degrees;
    recompute();
}

void SatelliteOverlay::setTime(const QDateTime &utc)
{
    m_time = utc.toUTC();
    recompute();
}

void SatelliteOverlay::setFootprintsVisible(bool visible)
{
    m_footprints = visible;
    update();
}

void SatelliteOverlay::setTracksVisible(bool visible)
{
    m_tracks = visible;
    recompute();
}

void SatelliteOverlay::setHeatMapVisible(bool visible)
{
    m_heatMap = visible;
    update();
}

void SatelliteOverlay::setCoverage(const std::optional<sat::CoverageResult> &coverage)
{
    m_coverage = coverage;
    update();
}

void SatelliteOverlay::recompute()
{
    m_subPoints.clear();
    m_footprintAngles.clear();
    m_footprintPaths.clear();
    m_trackPaths.clear();
    if (m_time.isValid() && !m_satellites.empty()) {
        double jd = 0.0, fraction = 0.0;
        sat::toJulian(m_time, jd, fraction);
        int index = 0;
        for (const sat::Sgp4 &satellite : m_satellites) {
            const sat::MeanElements &e = satellite.elements();
            const double minutes = ((jd - e.epochJd) + (fraction - e.epochJdFraction)) * 1440.0;
            sat::State state;
            if (satellite.propagate(minutes, state) != sat::Sgp4Error::None)
                continue;
            const auto ecef = sat::temeToEcef(state.r, jd + fraction);
            const core::LatLon point = sat::subPoint(ecef);
            const double altitude =
                std::hypot(state.r[0], state.r[1], state.r[2]) - sat::meanEarthRadiusKm;
            const double angle = sat::footprintHalfAngleRad(altitude, m_minElevationDeg);
            m_subPoints.append(point);
            m_footprintAngles.append(angle);
            if (index < kMaxFootprints && angle > 0.0) {
                QList<core::LatLon> ring;
                constexpr int kSides = 48;
                for (int k = 0; k < kSides; ++k)
                    ring.append(destination(point, angle, 2.0 * pi * k / kSides));
                // A cap over a pole is a band across the map, not a ring: skip it.
                if (std::fabs(point.latitudeDeg) + angle / degToRad < 89.0)
                    m_footprintPaths += scenePaths(ring, true);
            }
            if (m_tracks && index < kMaxTracks) {
                QList<core::LatLon> track;
                for (double dt = -45.0; dt <= 45.0; dt += 1.0) {
                    sat::State s;
                    if (satellite.propagate(minutes + dt, s) != sat::Sgp4Error::None)
                        continue;
                    track.append(sat::subPoint(sat::temeToEcef(s.r, jd + fraction + dt / 1440.0)));
                }
                if (track.size() > 1)
                    m_trackPaths += scenePaths(track, false);
            }
            ++index;
        }
    }
    update();
}

QRectF SatelliteOverlay::boundingRect() const
{
    const double half = worldWidth / 2.0;
    return {-half * 1.5, -half * 1.1, worldWidth * 1.5, half * 2.2};
}

void SatelliteOverlay::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const double pixel = lod > 0.0 ? 1.0 / lod : 1.0; // scene metres per screen pixel
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);

    if (m_heatMap && m_coverage) {
        painter->setPen(Qt::NoPen);
        const double half = m_coverage->gridDeg / 2.0;
        for (size_t c = 0; c < m_coverage->cellCentres.size(); ++c) {
            const core::LatLon &centre = m_coverage->cellCentres[c];
            const QPointF a =
                mercator::toScene(centre.latitudeDeg + half, centre.longitudeDeg - half);
            const QPointF b =
                mercator::toScene(centre.latitudeDeg - half, centre.longitudeDeg + half);
            painter->setBrush(coverageColour(m_coverage->cellCoveredFraction[c]));
            painter->drawRect(QRectF(a, b));
        }
    }

    if (m_footprints) {
        // Filled when few (each cap reads as an area); outlines only for a dense shell, whose
        // overlapping fills would hide the network underneath.
        const bool dense = m_footprintPaths.size() > 200;
        painter->setPen(QPen(QColor(40, 110, 200, dense ? 90 : 160), (dense ? 0.7 : 1.0) * pixel));
        painter->setBrush(dense ? QBrush(Qt::NoBrush) : QBrush(QColor(60, 140, 230, 30)));
        for (const QPainterPath &path : m_footprintPaths)
            painter->drawPath(path);
    }
    if (m_tracks) {
        painter->setPen(QPen(QColor(120, 60, 170, 170), 1.2 * pixel, Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        for (const QPainterPath &path : m_trackPaths)
            painter->drawPath(path);
    }
    painter->setPen(QPen(QColor(255, 255, 255), 0.8 * pixel));
    painter->setBrush(QColor(200, 40, 60));
    const double radius = 2.6 * pixel;
    for (const core::LatLon &point : m_subPoints) {
        const QPointF p = mercator::toScene(point);
        painter->drawEllipse(p, radius, radius);
    }
    painter->restore();
}

} // namespace nqi::widgets
