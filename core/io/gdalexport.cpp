// Writes a layer through GDAL: GeoJSON, KML, GeoPackage, Shapefile and other vector drivers.

#include "core/io/gdal_p.h"
#include "core/io/layertable_p.h"
#include "core/model/diagnostic.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

namespace nqi::core {

using namespace gdal;

namespace {

GDALDriverH driverForSuffix(const QString &suffix, const QString &path)
{
    static const std::pair<const char16_t *, const char *> kKnown[] = {
        {u"geojson", "GeoJSON"},    {u"json", "GeoJSON"},   {u"kml", "KML"}, {u"gpkg", "GPKG"},
        {u"shp", "ESRI Shapefile"}, {u"fgb", "FlatGeobuf"}, {u"gml", "GML"},
    };
    for (const auto &[extension, name] : kKnown) {
        if (suffix == QStringView(extension))
            return GDALGetDriverByName(name);
    }
    // Any other vector driver that can create files and claims the extension.
    for (int i = 0; i < GDALGetDriverCount(); ++i) {
        GDALDriverH driver = GDALGetDriver(i);
        const char *vector = GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nullptr);
        const char *create = GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nullptr);
        const char *extensions = GDALGetMetadataItem(driver, GDAL_DMD_EXTENSIONS, nullptr);
        if (vector && create && extensions &&
            QString::fromUtf8(extensions).split(u' ').contains(suffix)) {
            return driver;
        }
    }
    throw Failure(makeError(path, 0, {},
                            u"unknown export format \".%1\"; use .csv, .geojson, "
                            ".kml, .gpkg or .shp"_qs.arg(suffix)));
}

} // namespace

void writeWithGdal(const LayerTable &table, const QString &path)
{
    ensureGdal();
    const QFileInfo target(path);
    const QString suffix = target.suffix().toLower();
    GDALDriverH driver = driverForSuffix(suffix, path);
    if (!target.absoluteDir().exists()) {
        throw Failure(
            makeError(path, 0, {}, u"folder %1 does not exist"_qs.arg(target.absolutePath())));
    }
    // Write in a scratch folder beside the target, then move the file(s) into place.
    QTemporaryDir scratch(target.absoluteDir().filePath(u".nqi-export-XXXXXX"_qs));
    if (!scratch.isValid())
        throw Failure(makeError(path, 0, {}, u"cannot create a temporary folder beside it"_qs));
    const QString temporary = scratch.filePath(target.fileName());
    CPLErrorReset();
    {
        DatasetHandle dataset(GDALCreate(driver, QFile::encodeName(temporary).constData(), 0, 0, 0,
                                         GDT_Unknown, nullptr));
        if (!dataset)
            throw Failure(makeError(path, 0, {}, u"cannot create: "_qs + lastGdalError()));
        const SrsHandle srs = wgs84();
        const OGRwkbGeometryType geometryType =
            table.geometryType == LayerTable::GeometryType::Point ? wkbPoint : wkbLineString;
        // GeoJSON: full double precision; Shapefile: UTF-8 text (written to a .cpg file).
        const char *geojsonOptions[] = {"RFC7946=NO", "SIGNIFICANT_FIGURES=17", nullptr};
        const char *shapefileOptions[] = {"ENCODING=UTF-8", nullptr};
        char **options = nullptr;
        if (suffix == u"geojson" || suffix == u"json")
            options = const_cast<char **>(geojsonOptions);
        else if (suffix == u"shp")
            options = const_cast<char **>(shapefileOptions);
        OGRLayerH layer = GDALDatasetCreateLayer(dataset.get(), table.name.toUtf8().constData(),
                                                 srs.get(), geometryType, options);
        if (!layer)
            throw Failure(makeError(path, 0, {}, u"cannot create layer: "_qs + lastGdalError()));
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            const OGRFieldType type = table.types[c] == LayerTable::FieldType::Integer
                                          ? OFTInteger64
                                      : table.types[c] == LayerTable::FieldType::Real ? OFTReal
                                                                                      : OFTString;
            OGRFieldDefnH field = OGR_Fld_Create(table.columns[c].toUtf8().constData(), type);
            const OGRErr error = OGR_L_CreateField(layer, field, TRUE);
            OGR_Fld_Destroy(field);
            if (error != OGRERR_NONE) {
                throw Failure(makeError(
                    path, 0, {},
                    u"cannot create field %1: %2"_qs.arg(table.columns[c], lastGdalError())));
            }
        }
        const bool transactions = GDALDatasetStartTransaction(dataset.get(), FALSE) == OGRERR_NONE;
        OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
        // Drivers may reorder, rename or merge fields (KML maps "name" to its own Name field,
        // Shapefile cuts names to 10 characters): look each column's field up once.
        QList<int> fieldIndex;
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            int index = OGR_FD_GetFieldIndex(definition, table.columns[c].toUtf8().constData());
            if (index < 0 && c < OGR_FD_GetFieldCount(definition))
                index = OGR_FD_GetFieldIndex(definition,
                                             table.columns[c].left(10).toUtf8().constData());
            fieldIndex << index;
        }
        for (qsizetype r = 0; r < table.rows.size(); ++r) {
            FeatureHandle feature(OGR_F_Create(definition));
            const QStringList &row = table.rows[r];
            for (qsizetype c = 0; c < row.size(); ++c) {
                const int field = fieldIndex[c];
                if (row[c].isEmpty() || field < 0)
                    continue;
                switch (table.types[c]) {
                case LayerTable::FieldType::Integer:
                    OGR_F_SetFieldInteger64(feature.get(), field, row[c].toLongLong());
                    break;
                case LayerTable::FieldType::Real:
                    OGR_F_SetFieldDouble(feature.get(), field, row[c].toDouble());
                    break;
                case LayerTable::FieldType::Text:
                    OGR_F_SetFieldString(feature.get(), field, row[c].toUtf8().constData());
                    break;
                }
            }
            const QList<LatLon> &points = table.geometries[r];
            OGRGeometryH geometry = OGR_G_CreateGeometry(geometryType);
            for (const LatLon &p : points)
                OGR_G_AddPoint_2D(geometry, p.longitudeDeg, p.latitudeDeg);
            OGR_F_SetGeometryDirectly(feature.get(), geometry);
            if (OGR_L_CreateFeature(layer, feature.get()) != OGRERR_NONE) {
                throw Failure(makeError(path, 0, u"row %1"_qs.arg(r + 1),
                                        u"cannot write: "_qs + lastGdalError()));
            }
        }
        if (transactions && GDALDatasetCommitTransaction(dataset.get()) != OGRERR_NONE)
            throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + lastGdalError()));
    }
    if (CPLGetLastErrorType() >= CE_Failure)
        throw Failure(makeError(path, 0, {}, u"cannot write: "_qs + lastGdalError()));
    // Move every file the driver made (a Shapefile is several) next to the target.
    const QDir scratchDir(scratch.path());
    const QStringList made = scratchDir.entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : made) {
        const QString destination = target.absoluteDir().filePath(name);
        if (std::rename(QFile::encodeName(scratchDir.filePath(name)).constData(),
                        QFile::encodeName(destination).constData()) != 0) {
            throw Failure(makeError(destination, 0, {},
                                    u"cannot move the exported file into "
                                    "place"_qs));
        }
    }
}

} // namespace nqi::core
