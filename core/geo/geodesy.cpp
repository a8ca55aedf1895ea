#include "core/geo/geodesy.h"

#include <GeographicLib/Geodesic.hpp>
#include <GeographicLib/GeodesicLine.hpp>

#include <algorithm>
#include <cmath>

namespace nqi::core::geo {

double geodesicDistanceKm(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg)
{
    double metres = 0.0;
    GeographicLib::Geodesic::WGS84().Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, metres);
    return metres / 1000.0;
}

QList<LatLon>
geodesicPath(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg, double maxSegmentKm)
{
    const GeographicLib::Geodesic &wgs84 = GeographicLib::Geodesic::WGS84();
    const GeographicLib::GeodesicLine line = wgs84.InverseLine(
        lat1Deg, lon1Deg, lat2Deg, lon2Deg,
        GeographicLib::Geodesic::LATITUDE | GeographicLib::Geodesic::LONGITUDE |
            GeographicLib::Geodesic::DISTANCE_IN | GeographicLib::Geodesic::LONG_UNROLL);
    const double totalKm = line.Distance() / 1000.0;
    const int segments = std::max(1, static_cast<int>(std::ceil(totalKm / maxSegmentKm)));
    QList<LatLon> points;
    points.reserve(segments + 1);
    points.append({lat1Deg, lon1Deg});
    for (int i = 1; i < segments; ++i) {
        double lat = 0.0;
        double lon = 0.0;
        double unused = 0.0;
        line.GenPosition(false, line.Distance() * i / segments,
                         GeographicLib::GeodesicLine::LATITUDE |
                             GeographicLib::GeodesicLine::LONGITUDE |
                             GeographicLib::GeodesicLine::LONG_UNROLL,
                         lat, lon, unused, unused, unused, unused, unused, unused);
        points.append({lat, lon});
    }
    // The far end continues the unrolled longitude so the line never jumps by 360 degrees.
    double endLon = lon2Deg;
    const double previousLon = points.constLast().longitudeDeg;
    while (endLon - previousLon > 180.0)
        endLon -= 360.0;
    while (endLon - previousLon < -180.0)
        endLon += 360.0;
    points.append({lat2Deg, endLon});
    return points;
}

} // namespace nqi::core::geo
