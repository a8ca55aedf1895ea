#pragma once

#include "core/model/region.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace nqi::core {

// A layer ready to write: typed columns, text cells (numbers in shortest round-trip form) and
// one geometry per row: a point, or the parts of a line (more than one when it crosses the
// antimeridian).
struct LayerTable
{
    enum class FieldType { Text, Integer, Real };
    enum class GeometryType { Point, MultiLineString };

    QString name;
    QStringList columns;
    QList<FieldType> types;
    QList<QStringList> rows;
    GeometryType geometryType = GeometryType::Point;
    QList<QList<QList<LatLon>>> geometries; ///< per row: parts, each a list of points
};

/// Writes @p table to @p path in the format its extension names, or @p format (an extension:
/// geojson, kml, gpkg, ...) when given.
void writeWithGdal(const LayerTable &table,
                   const QString &path,
                   const QStringList &inputs,
                   const QString &format = {});

} // namespace nqi::core
