#pragma once

#include "core/model/network.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace nqi::core {

enum class ExportLayer { Sites, Links, Demands };

std::optional<ExportLayer> exportLayerFromString(const QString &name);

/**
 * Writes one layer of a network to a file, the format chosen by the extension: .csv (written
 * directly; the columns import reads back), or through GDAL: .geojson/.json, .kml, .gpkg, .shp,
 * and any other GDAL vector driver that claims the extension. Files are written to a temporary
 * name and renamed, so a failed export leaves an existing file as it was.
 */
class Exporter
{
public:
    /// inputs: files the export must never replace (the project), a Shapefile's companions too.
    /// @p format names the format as an extension (csv, geojson, kml, gpkg, ...) when the file
    /// name does not (/dev/stdout, a pipe) or says another; empty: the extension's.
    static void exportLayer(const Network &network,
                            ExportLayer layer,
                            const QString &path,
                            const QStringList &inputs = {},
                            const QString &format = {});

    /// The CSV text of a layer, exactly as exportLayer writes it to a .csv file.
    static QByteArray csv(const Network &network, ExportLayer layer);
};

} // namespace nqi::core
