#pragma once

#include "core/model/region.h"
#include "planners/satellite/coverage.h"
#include "planners/satellite/sgp4.h"

#include <QDateTime>
#include <QGraphicsObject>

#include <optional>
#include <vector>

namespace nqi::widgets {

/**
 * Satellites over the map at one time: their positions, footprints (the cap where they are at
 * or above the minimum elevation) and ground tracks, and a coverage heat map of an area. Drawn
 * in the map's scene (Web Mercator) above the network.
 */
class SatelliteOverlay : public QGraphicsObject
{
    Q_OBJECT

public:
    explicit SatelliteOverlay(QGraphicsItem *parent = nullptr);

    void setSatellites(std::vector<planners::satellite::Sgp4> satellites);
    qsizetype satelliteCount() const { return qsizetype(m_satellites.size()); }
    void setMinElevationDeg(double degrees);
    void setTime(const QDateTime &utc);
    const QDateTime &time() const { return m_time; }

    void setFootprintsVisible(bool visible);
    void setTracksVisible(bool visible);
    void setHeatMapVisible(bool visible);
    void setCoverage(const std::optional<planners::satellite::CoverageResult> &coverage);

    /// Sub-satellite points at the current time (satellites that failed are left out).
    const QList<core::LatLon> &subPoints() const { return m_subPoints; }
    /// Footprint half-angles (radians, mean Earth sphere), one per sub-point.
    const QList<double> &footprintAngles() const { return m_footprintAngles; }

    /// Above this many satellites footprints and tracks are drawn only for the first ones.
    static constexpr int kMaxFootprints = 2000;
    static constexpr int kMaxTracks = 60;

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void recompute();

    std::vector<planners::satellite::Sgp4> m_satellites;
    QDateTime m_time;
    double m_minElevationDeg = 25.0;
    bool m_footprints = true;
    bool m_tracks = false;
    bool m_heatMap = true;
    QList<core::LatLon> m_subPoints;
    QList<double> m_footprintAngles;
    QList<QPainterPath> m_footprintPaths; // scene coordinates, split at the antimeridian
    QList<QPainterPath> m_trackPaths;
    std::optional<planners::satellite::CoverageResult> m_coverage;
};

} // namespace nqi::widgets
