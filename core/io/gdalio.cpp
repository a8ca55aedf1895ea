#include "core/io/gdal_p.h"

#include "core/io/recordtable_p.h"
#include "core/model/numbers.h"
#include <cpl_conv.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cmath>
#include <mutex>
#include <optional>

namespace nqi::core {

namespace gdal {

void ensureGdal()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLSetErrorHandler(CPLQuietErrorHandler); // errors are reported through our messages
        // Nothing NQI reads may reach the network: /vsicurl/ and the cloud file systems built
        // on it (/vsis3/, /vsigs/, /vsiaz/, ...) open only names with these extensions (none
        // has it); GML neither resolves remote xlinks nor downloads schemas; SQLite databases
        // may not reach other data through VirtualOGR from their views and triggers; no
        // directory is listed to look for side files.
        CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".nqi-no-network");
        CPLSetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        CPLSetConfigOption("GML_SKIP_RESOLVE_ELEMS", "ALL");
        CPLSetConfigOption("GML_DOWNLOAD_WFS_SCHEMA", "NO");
        CPLSetConfigOption("ALLOW_VIRTUAL_OGR_FROM_TRIGGER_AND_VIEW", "NO");
        CPLSetConfigOption("LIBKML_RESOLVE_STYLE", "NO");
        CPLSetConfigOption("GDAL_HTTP_TIMEOUT", "1");
        CPLSetConfigOption("GDAL_HTTP_MAX_RETRY", "0");
    });
}

QString lastGdalError()
{
    const QString message = QString::fromUtf8(CPLGetLastErrorMsg());
    return message.isEmpty() ? u"GDAL gave no reason"_qs : message;
}

SrsHandle wgs84()
{
    SrsHandle srs(OSRNewSpatialReference(nullptr));
    OSRImportFromEPSG(srs.get(), 4326);
    OSRSetAxisMappingStrategy(srs.get(), OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

} // namespace gdal

using namespace gdal;

namespace {

// The transformation from a layer's coordinates to WGS84 (lon, lat order); none when the layer
// is already in WGS84 or has no SRS. Throws Failure naming the layer when GDAL cannot make one.
TransformHandle transformToWgs84(OGRLayerH layer, OGRSpatialReferenceH target, const QString &path)
{
    OGRSpatialReferenceH source = OGR_L_GetSpatialRef(layer);
    if (!source || OSRIsSame(source, target))
        return {};
    SrsHandle sourceCopy(OSRClone(source));
    OSRSetAxisMappingStrategy(sourceCopy.get(), OAMS_TRADITIONAL_GIS_ORDER);
    TransformHandle transform(OCTNewCoordinateTransformation(sourceCopy.get(), target));
    if (!transform) {
        throw Failure(
            makeError(path, 0, u"layer "_qs + QString::fromUtf8(OGR_L_GetName(layer)),
                      u"cannot transform its coordinates to WGS 84: %1"_qs.arg(lastGdalError())));
    }
    return transform;
}

LatLon pointOf(OGRGeometryH geometry, int index)
{
    return {OGR_G_GetY(geometry, index), OGR_G_GetX(geometry, index)};
}

// First and last points of a (multi)line string.
std::optional<std::pair<LatLon, LatLon>> lineEnds(OGRGeometryH geometry)
{
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type == wkbLineString && OGR_G_GetPointCount(geometry) >= 2)
        return std::pair{pointOf(geometry, 0),
                         pointOf(geometry, OGR_G_GetPointCount(geometry) - 1)};
    if (type == wkbMultiLineString && OGR_G_GetGeometryCount(geometry) > 0) {
        OGRGeometryH first = OGR_G_GetGeometryRef(geometry, 0);
        OGRGeometryH last = OGR_G_GetGeometryRef(geometry, OGR_G_GetGeometryCount(geometry) - 1);
        if (OGR_G_GetPointCount(first) > 0 && OGR_G_GetPointCount(last) > 0)
            return std::pair{pointOf(first, 0), pointOf(last, OGR_G_GetPointCount(last) - 1)};
    }
    return std::nullopt;
}

} // namespace

namespace {

// The drivers user files are opened with: local vector formats only. No VRT (it refers to other
// files and to network sources), no database or web service drivers.
constexpr const char *kLocalVectorDrivers[] = {
    "GPKG",         "GeoJSON",     "GeoJSONSeq",     "ESRIJSON",   "TopoJSON",
    "LIBKML",       "KML",         "ESRI Shapefile", "FlatGeobuf", "GML",
    "MapInfo File", "OpenFileGDB", "SQLite",         "GPX",        nullptr};

// GDAL's virtual file systems: those that fetch (/vsicurl/, /vsis3/, ...) and those that wrap
// another path (/vsizip/, /vsigzip/, ...), which could wrap one that fetches.
bool isVirtualPath(const QString &path)
{
    return path.startsWith(u"/vsi"_qs) || path.startsWith(u"\\vsi"_qs);
}

bool looksLikeVrt(const QString &path)
{
    if (QFileInfo(path).suffix().compare(u"vrt"_qs, Qt::CaseInsensitive) == 0)
        return true;
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(4096).contains("<OGRVRTDataSource");
}

// Opens a user's vector file with the local drivers (and VRT when allowed). The path given to
// GDAL is absolute, so no "DRIVER:" connection prefix or /vsi... name is read from it.
DatasetHandle openUserVector(const QString &path, bool allowVrt)
{
    ensureGdal();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (isVirtualPath(absolute)) {
        throw Failure(makeError(path, 0, {},
                                u"GDAL would read this path as a virtual file system (it may "
                                "fetch from the network); give a local file"_qs));
    }
    if (looksLikeVrt(path) && !allowVrt) {
        throw Failure(makeError(path, 0, {},
                                u"a VRT file refers to other files and may fetch from the "
                                "network: it is not imported unless VRT files are allowed; "
                                "import the files it refers to instead"_qs));
    }
    std::vector<const char *> drivers(std::begin(kLocalVectorDrivers),
                                      std::end(kLocalVectorDrivers));
    if (allowVrt)
        drivers.insert(drivers.begin(), "OGR_VRT");
    CPLErrorReset();
    DatasetHandle dataset(GDALOpenEx(QFile::encodeName(absolute).constData(),
                                     GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers.data(), nullptr,
                                     nullptr));
    if (!dataset) {
        const QString reason = QString::fromUtf8(CPLGetLastErrorMsg());
        throw Failure(makeError(
            path, 0, {},
            u"not a format NQI Workbench reads as vector data, or a damaged file (%1); the "
            "formats read are CSV, GraphML, GeoPackage, GeoJSON, KML, Shapefile, FlatGeobuf, GML, "
            "MapInfo, File Geodatabase, SQLite and GPX"_qs.arg(
                reason.isEmpty() ? u"GDAL gave no reason"_qs
                                 : u"GDAL: "_qs + excerpt(reason, 300))));
    }
    return dataset;
}

} // namespace

QList<RecordTable>
gdalTables(const QString &path, const ImportOptions &options, ImportReport &report)
{
    const DatasetHandle dataset = openUserVector(path, options.allowVrt);
    const SrsHandle target = wgs84();
    QList<RecordTable> tables;
    bool emptyLayers = false;
    const int layerCount = GDALDatasetGetLayerCount(dataset.get());
    for (int l = 0; l < layerCount; ++l) {
        OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), l);
        RecordTable table;
        table.file = path;
        table.layer = QString::fromUtf8(OGR_L_GetName(layer));
        // Another project's planner results and address plan describe that network, not the
        // one importing (its ids mean other objects here).
        if (table.layer == u"nqi_results" || table.layer == u"nqi_addresses")
            continue;
        OGRFeatureDefnH definition = OGR_L_GetLayerDefn(layer);
        const int fieldCount = OGR_FD_GetFieldCount(definition);
        QList<OGRFieldType> fieldTypes;
        for (int f = 0; f < fieldCount; ++f) {
            OGRFieldDefnH field = OGR_FD_GetFieldDefn(definition, f);
            table.columns << QString::fromUtf8(OGR_Fld_GetNameRef(field));
            fieldTypes << OGR_Fld_GetType(field);
        }
        // A layer with no coordinate system, or one GDAL knows only as a local (engineering)
        // system, is read as longitude/latitude: said in a note, and refused when a point is
        // outside the ranges of degrees (projected metres read as degrees).
        OGRSpatialReferenceH declared = OGR_L_GetSpatialRef(layer);
        const bool assumedWgs84 = !declared || OSRIsLocal(declared);
        const QString crsName =
            declared ? QString::fromUtf8(OSRGetName(declared) ? OSRGetName(declared) : "")
                     : QString();
        const TransformHandle transform =
            assumedWgs84 ? TransformHandle() : transformToWgs84(layer, target.get(), path);
        auto checkDegrees = [&](const LatLon &point, const QString &feature) {
            if (!assumedWgs84 ||
                (std::abs(point.latitudeDeg) <= 90.0 && std::abs(point.longitudeDeg) <= 180.0))
                return;
            throw Failure(makeError(
                path, 0, u"layer %1, %2"_qs.arg(excerpt(table.layer), feature),
                u"the layer declares %1, and its coordinates (%2, %3) are not longitude and "
                "latitude in degrees: give the layer its coordinate system (a .prj file beside "
                "a Shapefile, or the CRS in the program it came from) and import again"_qs
                    .arg(declared
                             ? u"an unknown coordinate system (\"%1\")"_qs.arg(excerpt(crsName))
                             : u"no coordinate system"_qs)
                    .arg(QString::number(point.longitudeDeg, 'f', QLocale::FloatingPointShortest),
                         QString::number(point.latitudeDeg, 'f', QLocale::FloatingPointShortest))));
        };
        QList<Record> records;
        bool anyGeometry = false;
        OGR_L_ResetReading(layer);
        CPLErrorReset();
        while (FeatureHandle feature{OGR_L_GetNextFeature(layer)}) {
            Record record;
            record.feature = u"feature %1"_qs.arg(OGR_F_GetFID(feature.get()));
            for (int f = 0; f < fieldCount; ++f) {
                if (!OGR_F_IsFieldSetAndNotNull(feature.get(), f)) {
                    record.values << QString();
                } else if (fieldTypes[f] == OFTReal) {
                    record.values << formatNumber(OGR_F_GetFieldAsDouble(feature.get(), f));
                } else {
                    record.values << QString::fromUtf8(OGR_F_GetFieldAsString(feature.get(), f));
                }
            }
            if (OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get())) {
                if (transform && OGR_G_Transform(geometry, transform.get()) != OGRERR_NONE) {
                    throw Failure(makeError(path, 0,
                                            u"layer %1, %2"_qs.arg(table.layer, record.feature),
                                            u"cannot transform the geometry to WGS 84"_qs));
                }
                const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
                if (type == wkbPoint) {
                    record.point = pointOf(geometry, 0);
                    checkDegrees(*record.point, record.feature);
                    table.hasPoints = true;
                } else if (type == wkbLineString || type == wkbMultiLineString) {
                    record.lineEnds = lineEnds(geometry);
                    if (record.lineEnds) {
                        checkDegrees(record.lineEnds->first, record.feature);
                        checkDegrees(record.lineEnds->second, record.feature);
                    }
                    table.hasLines = true;
                }
                anyGeometry = true;
            }
            records.append(std::move(record));
        }
        // A damaged file stops the features early with an error: never import half a layer
        // (its links would then name sites that seem not to exist).
        if (CPLGetLastErrorType() >= CE_Failure) {
            throw Failure(
                makeError(path, 0, u"layer "_qs + excerpt(table.layer),
                          u"cannot be read after %1 features (GDAL: %2); the file may be damaged"_qs
                              .arg(records.size())
                              .arg(excerpt(lastGdalError(), 300))));
        }
        if (assumedWgs84 && anyGeometry) {
            report.notes << u"%1: layer %2 declares %3; its coordinates were read as WGS 84 "
                            "longitude and latitude"_qs.arg(QFileInfo(path).fileName(),
                                                            excerpt(table.layer),
                                                            declared ? u"an unknown coordinate "
                                                                       "system"_qs
                                                                     : u"no coordinate system"_qs);
        }
        if (records.isEmpty() && layerCount > 1)
            continue;
        // A format that keeps no schema without features (GeoJSON) cannot tell what an empty
        // layer held: it adds nothing, as the same layer exported from an empty network.
        if (records.isEmpty() && table.columns.isEmpty()) {
            report.notes << u"%1: layer %2 holds no features; nothing was imported from it"_qs.arg(
                QFileInfo(path).fileName(), excerpt(table.layer));
            emptyLayers = true;
            continue;
        }
        table.next = [records = std::move(records), index = qsizetype(0)](Record &record) mutable {
            if (index >= records.size())
                return false;
            record = std::move(records[index++]);
            return true;
        };
        tables.append(std::move(table));
    }
    if (tables.isEmpty() && !emptyLayers)
        throw Failure(makeError(path, 0, {}, u"holds no vector layers with features"_qs));
    return tables;
}

} // namespace nqi::core

#include "core/io/vectorfile.h"

namespace nqi::core {
namespace {

void appendGeometry(OGRGeometryH geometry, VectorFeature &feature)
{
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    switch (type) {
    case wkbPoint:
        feature.kind = VectorFeature::Kind::Point;
        feature.parts.append({pointOf(geometry, 0)});
        return;
    case wkbLineString:
    case wkbLinearRing: {
        QList<LatLon> points;
        const int count = OGR_G_GetPointCount(geometry);
        points.reserve(count);
        for (int i = 0; i < count; ++i)
            points.append(pointOf(geometry, i));
        feature.parts.append(std::move(points));
        return;
    }
    case wkbPolygon:
        feature.kind = VectorFeature::Kind::Polygon;
        for (int r = 0; r < OGR_G_GetGeometryCount(geometry); ++r)
            appendGeometry(OGR_G_GetGeometryRef(geometry, r), feature);
        return;
    case wkbMultiPolygon:
    case wkbMultiLineString:
    case wkbMultiPoint:
    case wkbGeometryCollection:
        for (int g = 0; g < OGR_G_GetGeometryCount(geometry); ++g)
            appendGeometry(OGR_G_GetGeometryRef(geometry, g), feature);
        if (type == wkbMultiPolygon)
            feature.kind = VectorFeature::Kind::Polygon;
        return;
    default:
        return;
    }
}

DatasetHandle openVector(const QString &path)
{
    ensureGdal();
    CPLErrorReset();
    DatasetHandle dataset(GDALOpenEx(QFile::encodeName(path).constData(),
                                     GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!dataset) {
        throw Failure(
            makeError(path, 0, {}, u"cannot open as vector data (%1)"_qs.arg(lastGdalError())));
    }
    return dataset;
}

} // namespace

QStringList VectorFile::layerNames(const QString &path)
{
    const DatasetHandle dataset = openVector(path);
    QStringList names;
    for (int l = 0; l < GDALDatasetGetLayerCount(dataset.get()); ++l) {
        OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), l);
        if (OGR_L_GetGeomType(layer) != wkbNone)
            names << QString::fromUtf8(OGR_L_GetName(layer));
    }
    return names;
}

VectorLayer VectorFile::readLayer(const QString &path,
                                  const QString &layerName,
                                  const std::atomic<bool> *cancel,
                                  const QString &attributeFilter)
{
    const DatasetHandle dataset = openVector(path);
    OGRLayerH layer = GDALDatasetGetLayerByName(dataset.get(), layerName.toUtf8().constData());
    if (!layer)
        throw Failure(makeError(path, 0, {}, u"has no layer \"%1\""_qs.arg(layerName)));
    if (!attributeFilter.isEmpty() &&
        OGR_L_SetAttributeFilter(layer, attributeFilter.toUtf8().constData()) != OGRERR_NONE)
        throw Failure(makeError(path, 0, layerName,
                                u"cannot filter by \"%1\": %2"_qs.arg(
                                    attributeFilter, QString::fromUtf8(CPLGetLastErrorMsg()))));
    const SrsHandle target = wgs84();
    const TransformHandle transform = transformToWgs84(layer, target.get(), path);
    VectorLayer result;
    result.name = layerName;
    bool first = true;
    OGR_L_ResetReading(layer);
    while (FeatureHandle feature{OGR_L_GetNextFeature(layer)}) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
        if (!geometry)
            continue;
        if (transform && OGR_G_Transform(geometry, transform.get()) != OGRERR_NONE)
            continue;
        VectorFeature vector;
        vector.kind = VectorFeature::Kind::Line;
        appendGeometry(geometry, vector);
        if (vector.parts.isEmpty())
            continue;
        OGREnvelope envelope;
        OGR_G_GetEnvelope(geometry, &envelope);
        if (first) {
            result.minLon = envelope.MinX;
            result.maxLon = envelope.MaxX;
            result.minLat = envelope.MinY;
            result.maxLat = envelope.MaxY;
            first = false;
        } else {
            result.minLon = std::min(result.minLon, envelope.MinX);
            result.maxLon = std::max(result.maxLon, envelope.MaxX);
            result.minLat = std::min(result.minLat, envelope.MinY);
            result.maxLat = std::max(result.maxLat, envelope.MaxY);
        }
        result.features.append(std::move(vector));
    }
    return result;
}

QString VectorFile::defaultBasemap()
{
    const QString path = u"/usr/share/qgis/resources/data/world_map.gpkg"_qs;
    return QFile::exists(path) ? path : QString();
}

QList<QList<LatLon>> VectorFile::basemapPolygon(const QString &name)
{
    const QString path = defaultBasemap();
    if (path.isEmpty() || name.trimmed().isEmpty())
        return {};
    QString quoted = name.trimmed().toLower();
    quoted.replace(u'\'', u"''"_qs);
    for (const QString &layer : {u"states_provinces"_qs, u"countries"_qs}) {
        const VectorLayer read =
            readLayer(path, layer, nullptr, u"lower(name) = '%1'"_qs.arg(quoted));
        QList<QList<LatLon>> rings;
        for (const VectorFeature &feature : read.features)
            rings += feature.parts;
        if (!rings.isEmpty())
            return rings;
    }
    return {};
}

} // namespace nqi::core
