#pragma once

#include "core/model/region.h"

#include <QPointF>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace nqi::widgets {

/**
 * Web Mercator (EPSG:3857) for the canvas: scene coordinates are metres east and metres south
 * (y grows downwards, as on screen). Latitudes are clamped to the projection's +-85.0511 deg.
 */
namespace mercator {

inline constexpr double kEarthRadiusM = 6378137.0;
inline constexpr double kMaxLatitudeDeg = 85.05112878;

inline QPointF toScene(double latitudeDeg, double longitudeDeg)
{
    const double lat = std::clamp(latitudeDeg, -kMaxLatitudeDeg, kMaxLatitudeDeg);
    const double x = kEarthRadiusM * longitudeDeg * std::numbers::pi / 180.0;
    const double y =
        kEarthRadiusM * std::log(std::tan(std::numbers::pi / 4.0 + lat * std::numbers::pi / 360.0));
    return {x, -y};
}

inline QPointF toScene(const core::LatLon &point)
{
    return toScene(point.latitudeDeg, point.longitudeDeg);
}

inline core::LatLon fromScene(const QPointF &scene)
{
    const double lon = scene.x() / kEarthRadiusM * 180.0 / std::numbers::pi;
    const double lat =
        (2.0 * std::atan(std::exp(-scene.y() / kEarthRadiusM)) - std::numbers::pi / 2.0) * 180.0 /
        std::numbers::pi;
    return {lat, lon};
}

/// Ground metres per scene metre at a latitude (the projection stretches by 1/cos(lat)).
inline double groundScale(double latitudeDeg)
{
    return std::cos(latitudeDeg * std::numbers::pi / 180.0);
}

} // namespace mercator
} // namespace nqi::widgets
