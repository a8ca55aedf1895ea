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
QByteArray lineStringBlob(const QList<LatLon> &points, Envelope *envelope = nullptr);
QByteArray polygonBlob(const QList<QList<LatLon>> &rings, Envelope *envelope = nullptr);

/// Parses a Polygon or MultiPolygon blob into rings (outer ring first); empty on failure.
QList<QList<LatLon>> polygonRings(const QByteArray &blob);

} // namespace nqi::core::gpkg
