#include "core/io/exporter.h"

#include "core/geo/antimeridian.h"
#include "core/io/csvwriter.h"
#include "core/io/layertable_p.h"
#include "core/io/outputfile.h"
#include "core/model/namelist.h"
#include "core/model/numbers.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace nqi::core {
namespace {

using FieldType = LayerTable::FieldType;

QString integerText(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : QString();
}

LayerTable sitesTable(const Network &network, bool withGeometry)
{
    LayerTable table;
    table.name = u"sites"_qs;
    table.columns = QStringList{u"id"_qs,       u"code"_qs, u"name"_qs,      u"kind"_qs,
                                u"lat"_qs,      u"lon"_qs,  u"region"_qs,    u"gpus"_qs,
                                u"power_mw"_qs, u"role"_qs, u"attributes"_qs};
    table.types = {FieldType::Integer, FieldType::Text, FieldType::Text, FieldType::Text,
                   FieldType::Real,    FieldType::Real, FieldType::Text, FieldType::Integer,
                   FieldType::Real,    FieldType::Text, FieldType::Text};
    table.geometryType = LayerTable::GeometryType::Point;
    for (const Site &site : network.sites()) {
        table.rows.append(
            {QString::number(site.id), site.code, site.name, toString(site.kind),
             formatNumber(site.latitudeDeg), formatNumber(site.longitudeDeg), site.region,
             integerText(site.gpus), formatNumber(site.powerMw), site.role,
             site.attributes.isEmpty()
                 ? QString()
                 : QString::fromUtf8(
                       QJsonDocument(site.attributes).toJson(QJsonDocument::Compact))});
        if (withGeometry)
            table.geometries.append({{{site.latitudeDeg, site.longitudeDeg}}});
    }
    return table;
}

LayerTable linksTable(const Network &network, bool withGeometry)
{
    LayerTable table;
    table.name = u"links"_qs;
    table.columns = QStringList{u"id"_qs,
                                u"a"_qs,
                                u"b"_qs,
                                u"capacity_gbps"_qs,
                                u"length_km"_qs,
                                u"medium"_qs,
                                u"igp_metric"_qs,
                                u"srlg"_qs,
                                u"parallel_count"_qs,
                                u"route_factor"_qs,
                                u"cost"_qs,
                                u"availability"_qs,
                                u"name"_qs,
                                u"route_length_km"_qs,
                                u"latency_ms"_qs};
    table.types = {FieldType::Integer, FieldType::Text, FieldType::Text,    FieldType::Real,
                   FieldType::Real,    FieldType::Text, FieldType::Integer, FieldType::Text,
                   FieldType::Integer, FieldType::Real, FieldType::Real,    FieldType::Real,
                   FieldType::Text,    FieldType::Real, FieldType::Real};
    table.geometryType = LayerTable::GeometryType::MultiLineString;
    for (const Link &link : network.links()) {
        const Site *a = network.site(link.siteA);
        const Site *b = network.site(link.siteB);
        // length_km and route_factor are what the link was given (empty: derived), so an
        // import makes the same link again; route_length_km and latency_ms are what the
        // planners use, for GIS users, and are not read back (a derived length of 0 km, between
        // sites at the same coordinates, is a measured fact, not a length to give).
        table.rows.append(
            {QString::number(link.id), a->code, b->code, formatNumber(link.capacityGbps),
             formatNumber(link.lengthKm), toString(link.medium), integerText(link.igpMetric),
             joinNameList(link.srlgs), QString::number(link.parallelCount),
             formatNumber(link.routeFactor), formatNumber(link.cost),
             formatNumber(link.availability), link.name, formatNumber(network.lengthKm(link)),
             formatNumber(network.latencyMs(link))});
        if (withGeometry) {
            table.geometries.append(geo::geodesicParts(a->latitudeDeg, a->longitudeDeg,
                                                       b->latitudeDeg, b->longitudeDeg));
        }
    }
    return table;
}

LayerTable demandsTable(const Network &network, bool withGeometry)
{
    LayerTable table;
    table.name = u"demands"_qs;
    table.columns =
        QStringList{u"id"_qs,    u"source"_qs,         u"destination"_qs, u"rate_gbps"_qs,
                    u"class"_qs, u"max_latency_ms"_qs, u"protection"_qs,  u"regions"_qs,
                    u"name"_qs,  u"volume_tb"_qs,      u"window_h"_qs};
    table.types = {FieldType::Integer, FieldType::Text, FieldType::Text, FieldType::Real,
                   FieldType::Text,    FieldType::Real, FieldType::Text, FieldType::Text,
                   FieldType::Text,    FieldType::Real, FieldType::Real};
    table.geometryType = LayerTable::GeometryType::MultiLineString;
    for (const Demand &demand : network.demands()) {
        const Site *source = network.site(demand.source);
        const Site *destination = network.site(demand.destination);
        table.rows.append({QString::number(demand.id), source->code, destination->code,
                           formatNumber(demand.rateGbps), toString(demand.demandClass),
                           formatNumber(demand.maxLatencyMs), toString(demand.protection),
                           joinNameList(demand.allowedRegions), demand.name,
                           formatNumber(demand.volumeTb), formatNumber(demand.windowHours)});
        if (withGeometry) {
            table.geometries.append(geo::geodesicParts(source->latitudeDeg, source->longitudeDeg,
                                                       destination->latitudeDeg,
                                                       destination->longitudeDeg));
        }
    }
    return table;
}

// CSV has no geometry column: the geodesic paths are drawn only for GDAL formats.
LayerTable layerTable(const Network &network, ExportLayer layer, bool withGeometry)
{
    switch (layer) {
    case ExportLayer::Sites:
        return sitesTable(network, withGeometry);
    case ExportLayer::Links:
        return linksTable(network, withGeometry);
    case ExportLayer::Demands:
        return demandsTable(network, withGeometry);
    }
    return {};
}

} // namespace

std::optional<ExportLayer> exportLayerFromString(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == u"sites")
        return ExportLayer::Sites;
    if (key == u"links")
        return ExportLayer::Links;
    if (key == u"demands")
        return ExportLayer::Demands;
    return std::nullopt;
}

QByteArray Exporter::csv(const Network &network, ExportLayer layer)
{
    const LayerTable table = layerTable(network, layer, false);
    return CsvWriter::format(table.columns, table.rows);
}

void Exporter::exportLayer(const Network &network,
                           ExportLayer layer,
                           const QString &path,
                           const QStringList &inputs,
                           const QString &format)
{
    refuseOutputThatIsInput(path, inputs, u"the export"_qs);
    const QString kind = format.isEmpty() ? QFileInfo(path).suffix() : format;
    if (kind.compare(u"csv"_qs, Qt::CaseInsensitive) == 0) {
        writeFileAtomically(path, csv(network, layer));
        return;
    }
    writeWithGdal(layerTable(network, layer, true), path, inputs, format);
}

} // namespace nqi::core
