#pragma once

// GeoPackage geometry blobs (OGC 12-128r18, clause 2.1.3): a "GP" header with the SRS id and
// envelope, followed by little-endian WKB.

#include "core/model/region.h"

#include <QByteArray>
#include <QList>

namespace nqi::core::gpkg {

inline constexpr int kWgs84SrsId = 4326;

struct Envelope
{
    double minX = 0.0;
    double maxX = 0.0;
    double minY = 0.0;
    double maxY = 0.0;
    bool valid = false;

    void extend(double x, double y);
    void extend(const Envelope &other);
};

QByteArray pointBlob(double latitudeDeg, double longitudeDeg);
/// Every link is a MultiLineString: one part, or one on each side of the antimeridian.
QByteArray multiLineStringBlob(const QList<QList<LatLon>> &parts, Envelope *envelope = nullptr);
/// Every region is a MultiPolygon: polygons given as their outer ring, then their holes.
QByteArray multiPolygonBlob(const QList<QList<QList<LatLon>>> &polygons,
                            Envelope *envelope = nullptr);

/// Parses a Polygon or MultiPolygon blob into rings (outer ring first); empty on failure.
QList<QList<LatLon>> polygonRings(const QByteArray &blob);

} // namespace nqi::core::gpkg
