#pragma once

#include "core/model/region.h"

#include <QList>

/**
 * Geometries as GIS formats hold them. The model and the workbench's map keep lines and polygons
 * continuous across the antimeridian: longitudes run past +-180 degrees (a link from Fiji at
 * 178 E to Samoa at 172 W goes on to 188). A GIS file holds longitudes within -180..180 and draws
 * an edge the short way on a flat map, so what crosses the antimeridian is cut there into parts,
 * each within -180..180 (RFC 7946, section 3.1.9; what QGIS and GDAL expect).
 */
namespace nqi::core::geo {

/// How an edge runs between its two vertices, which fixes the latitude where it crosses.
enum class Edge {
    Geodesic, ///< along the WGS84 geodesic (links and demands)
    Straight, ///< straight in longitude and latitude (polygon edges in EPSG:4326)
};

/// One polygon: its outer ring first, then its holes; rings open (last vertex != first).
using PolygonRings = QList<QList<LatLon>>;

/// Whether any longitude lies outside -180..180 (the geometry must be cut or moved for a GIS).
bool beyondAntimeridian(const QList<LatLon> &points);

/**
 * A line with continuous longitudes cut where it crosses the antimeridian: one part when it does
 * not cross, else a part for each side, the cut vertex on both (at +180 on one, -180 on the
 * other) with the latitude where the edge crosses. Every longitude of the result is within
 * -180..180.
 */
QList<QList<LatLon>> splitLine(const QList<LatLon> &line, Edge edge);

/**
 * The link (or demand) between two points as a GIS stores it: the geodesic path of
 * geodesicPath(), the shortest one, which the workbench's map draws too, cut at the antimeridian.
 */
QList<QList<LatLon>> geodesicParts(
    double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg, double maxSegmentKm = 50.0);

/**
 * A region's rings (even-odd: every ring bounds the area, as the planners read them) as
 * polygons: cut at the antimeridian with straight edges, moved within -180..180, each polygon an
 * outer ring with the holes inside it. A region within -180..180 keeps its rings and their
 * vertices unchanged, grouped into polygons in their order where they are already so ordered.
 * Pieces the cut leaves without area (a ring touching the antimeridian from one side) are dropped.
 */
QList<PolygonRings> splitPolygon(const QList<QList<LatLon>> &rings);

/// The rings of polygons in order (each polygon's outer ring, then its holes).
QList<QList<LatLon>> flattenPolygons(const QList<PolygonRings> &polygons);

} // namespace nqi::core::geo
