#pragma once

#include "core/model/region.h"

#include <QList>

// Geodesy on the WGS84 ellipsoid, through GeographicLib. Degrees, (lat, lon) order.
namespace nqi::core::geo {

/// Shortest distance on the ellipsoid between two points, in km.
double geodesicDistanceKm(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg);

/**
 * Points along the geodesic from the first point to the second, both ends included, no segment
 * longer than maxSegmentKm. Longitudes are unwrapped so the line is continuous: a path across the
 * antimeridian goes past +-180 degrees rather than jumping around the globe.
 */
QList<LatLon> geodesicPath(
    double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg, double maxSegmentKm = 50.0);

} // namespace nqi::core::geo
