#pragma once

// GDAL handles and helpers shared by the GDAL reader and writer (core/io only).

#include <QString>

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <type_traits>

namespace nqi::core::gdal {

struct DatasetCloser
{
    void operator()(void *dataset) const { GDALClose(dataset); }
};
using DatasetHandle = std::unique_ptr<void, DatasetCloser>;

struct FeatureDeleter
{
    void operator()(OGRFeatureH feature) const { OGR_F_Destroy(feature); }
};
using FeatureHandle = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDeleter>;

struct SrsDeleter
{
    void operator()(OGRSpatialReferenceH srs) const { OSRDestroySpatialReference(srs); }
};
using SrsHandle = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsDeleter>;

struct TransformDeleter
{
    void operator()(OGRCoordinateTransformationH t) const { OCTDestroyCoordinateTransformation(t); }
};
using TransformHandle =
    std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDeleter>;

/// Registers GDAL's drivers once and routes its errors to CPLGetLastErrorMsg only.
void ensureGdal();
/// GDAL's last error message, or a sentence saying it gave none.
QString lastGdalError();
/// EPSG:4326 in (lon, lat) axis order.
SrsHandle wgs84();

} // namespace nqi::core::gdal
