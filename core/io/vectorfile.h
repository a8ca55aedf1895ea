#pragma once

#include "core/model/region.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

namespace nqi::core {

/// One feature's geometry in WGS84 degrees: its rings (polygons) or parts (lines) or points.
struct VectorFeature
{
    enum class Kind { Point, Line, Polygon };
    Kind kind = Kind::Point;
    QList<QList<LatLon>> parts; ///< polygons: every ring of every polygon; lines: every part
};

struct VectorLayer
{
    QString name;
    QList<VectorFeature> features;
    double minLat = 0, minLon = 0, maxLat = 0, maxLon = 0;
};

/**
 * Reads the geometries of vector layers through GDAL (any format it reads), reprojected to
 * WGS84, for drawing: the basemap and layers users add to the map.
 */
class VectorFile
{
public:
    /// Names of the layers holding geometries. Throws Failure when the file cannot be read.
    static QStringList layerNames(const QString &path);

    /// Reads one layer; cancel (optional) stops early with what was read so far. An attribute
    /// filter (OGR SQL WHERE syntax, e.g. "lower(name) = 'sichuan'") keeps matching features.
    static VectorLayer readLayer(const QString &path,
                                 const QString &layer,
                                 const std::atomic<bool> *cancel = nullptr,
                                 const QString &attributeFilter = {});

    /// The world basemap (countries and provinces, Natural Earth) of Debian's qgis-common
    /// package; empty when it is not installed.
    static QString defaultBasemap();

    /**
     * Rings of the polygons named name (compared ignoring case) in the default basemap:
     * provinces first, then countries. Empty when the basemap is missing or has no such name.
     */
    static QList<QList<LatLon>> basemapPolygon(const QString &name);
};

} // namespace nqi::core
