#include "core/store/projectstore.h"

#include "core/geo/antimeridian.h"
#include "core/io/outputfile.h"
#include "core/model/namelist.h"
#include "core/model/numbers.h"
#include "core/model/physics.h"
#include "core/store/geopackage_p.h"
#include "core/store/projectlock.h"
#include "core/store/sqlite_p.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace nqi::core {
namespace {

constexpr int kGeoPackageApplicationId = 0x47504B47; // "GPKG"
constexpr int kGeoPackageVersion = 10300;            // 1.3.0

constexpr const char *kWgs84Wkt =
    "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
    "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
    "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.0174532925199433,"
    "AUTHORITY[\"EPSG\",\"9122\"]],AXIS[\"Latitude\",NORTH],AXIS[\"Longitude\",EAST],"
    "AUTHORITY[\"EPSG\",\"4326\"]]";

// The GeoPackage core tables, then the project's own (schema 6). Links and regions are Multi
// geometries: what crosses the antimeridian is cut there into parts within -180..180. Every
// table registered in gpkg_contents has an INTEGER PRIMARY KEY (GeoPackage Req 29 and 119);
// nqi_settings is not registered (GIS software does not list it).
constexpr const char *kSchemaSql = R"sql(
CREATE TABLE gpkg_spatial_ref_sys (
    srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
    table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
    description TEXT DEFAULT '',
    last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
    CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
    table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
    CONSTRAINT uk_gc_table_name UNIQUE (table_name),
    CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
    CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE nqi_settings (key TEXT PRIMARY KEY NOT NULL, value TEXT);
CREATE TABLE sites (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom POINT,
    code TEXT NOT NULL UNIQUE, name TEXT, kind TEXT NOT NULL,
    latitude_deg REAL NOT NULL, longitude_deg REAL NOT NULL, region TEXT,
    gpus INTEGER, power_mw REAL, role TEXT, attributes TEXT);
CREATE TABLE links (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTILINESTRING,
    site_a INTEGER NOT NULL, site_b INTEGER NOT NULL, code_a TEXT, code_b TEXT, name TEXT,
    medium TEXT NOT NULL, capacity_gbps REAL NOT NULL, parallel_count INTEGER NOT NULL,
    length_km REAL, route_factor REAL, igp_metric INTEGER, cost REAL, availability REAL,
    srlg TEXT, route_length_km REAL, latency_ms REAL);
CREATE TABLE regions (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom MULTIPOLYGON, name TEXT NOT NULL,
    purpose TEXT NOT NULL, unsplit_wkt TEXT);
CREATE TABLE demands (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    source INTEGER NOT NULL, destination INTEGER NOT NULL, source_code TEXT,
    destination_code TEXT, name TEXT, rate_gbps REAL, volume_tb REAL, window_h REAL,
    class TEXT NOT NULL, max_latency_ms REAL, protection TEXT NOT NULL, allowed_regions TEXT);
CREATE TABLE constellations (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, name TEXT NOT NULL, shells TEXT,
    tle TEXT, min_elevation_deg REAL NOT NULL, isl_pattern TEXT NOT NULL,
    gsl_max_range_km REAL, gsl_min_elevation INTEGER NOT NULL DEFAULT 1,
    isl_shift INTEGER NOT NULL DEFAULT 0);
CREATE TABLE nqi_results (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, planner TEXT NOT NULL UNIQUE,
    created_utc TEXT, options TEXT, input_digest TEXT, result TEXT NOT NULL);
CREATE TABLE nqi_addresses (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, use TEXT NOT NULL, object_id INTEGER NOT NULL,
    prefix TEXT NOT NULL, fixed INTEGER NOT NULL, port_a INTEGER, port_b INTEGER);
)sql";

// Schema 1 was the layout of the development previews: links without route_factor, cost and
// availability, sites without attributes. Each step brings a file one version forward.
struct Migration
{
    int fromVersion;
    const char *sql;
};

constexpr Migration kMigrations[] = {
    {1, R"sql(
ALTER TABLE links ADD COLUMN route_factor REAL;
ALTER TABLE links ADD COLUMN cost REAL;
ALTER TABLE links ADD COLUMN availability REAL;
ALTER TABLE sites ADD COLUMN attributes TEXT;
UPDATE nqi_settings SET value = '2' WHERE key = 'schema_version';
)sql"},
    {2, R"sql(
CREATE TABLE nqi_results (
    planner TEXT PRIMARY KEY NOT NULL, created_utc TEXT, options TEXT, input_digest TEXT,
    result TEXT NOT NULL);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
    VALUES ('nqi_results', 'attributes', 'nqi_results', 'Planner results (JSON)');
UPDATE nqi_settings SET value = '3' WHERE key = 'schema_version';
)sql"},
    {3, R"sql(
CREATE TABLE nqi_addresses (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, use TEXT NOT NULL, object_id INTEGER NOT NULL,
    prefix TEXT NOT NULL, fixed INTEGER NOT NULL, port_a INTEGER, port_b INTEGER);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description)
    VALUES ('nqi_addresses', 'attributes', 'nqi_addresses', 'IPv6 address plan');
UPDATE nqi_settings SET value = '4' WHERE key = 'schema_version';
)sql"},
    {4, R"sql(
ALTER TABLE regions ADD COLUMN unsplit_wkt TEXT;
UPDATE nqi_settings SET value = '5' WHERE key = 'schema_version';
)sql"},
    // nqi_results was keyed by its TEXT planner column, which GeoPackage attribute tables may
    // not be (Req 119): the rows move to a table keyed by an INTEGER id, the planner's key
    // kept unique. Constellations gain Hypatia's GSL rule and ISL shift.
    {5, R"sql(
CREATE TABLE nqi_results_6 (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, planner TEXT NOT NULL UNIQUE,
    created_utc TEXT, options TEXT, input_digest TEXT, result TEXT NOT NULL);
INSERT INTO nqi_results_6 (planner, created_utc, options, input_digest, result)
    SELECT planner, created_utc, options, input_digest, result FROM nqi_results ORDER BY planner;
DROP TABLE nqi_results;
ALTER TABLE nqi_results_6 RENAME TO nqi_results;
ALTER TABLE constellations ADD COLUMN gsl_max_range_km REAL;
ALTER TABLE constellations ADD COLUMN gsl_min_elevation INTEGER NOT NULL DEFAULT 1;
ALTER TABLE constellations ADD COLUMN isl_shift INTEGER NOT NULL DEFAULT 0;
UPDATE nqi_settings SET value = '6' WHERE key = 'schema_version';
)sql"},
};

// A region's rings as WKT, closed as WKT wants them, in the shortest text that reads back
// exactly: "POLYGON ((lon lat, ...), (...))".
QString polygonWkt(const QList<QList<LatLon>> &rings)
{
    QStringList ringTexts;
    for (const QList<LatLon> &ring : rings) {
        QStringList coordinates;
        for (const LatLon &point : ring)
            coordinates << formatNumber(point.longitudeDeg) + u' ' +
                               formatNumber(point.latitudeDeg);
        if (!ring.isEmpty() && ring.constFirst() != ring.constLast()) {
            coordinates << formatNumber(ring.constFirst().longitudeDeg) + u' ' +
                               formatNumber(ring.constFirst().latitudeDeg);
        }
        ringTexts << u'(' + coordinates.join(u", "_qs) + u')';
    }
    return u"POLYGON ("_qs + ringTexts.join(u", "_qs) + u')';
}

// Reads what polygonWkt writes; nullopt for anything else.
std::optional<QList<QList<LatLon>>> parsePolygonWkt(const QString &text)
{
    QStringView rest = QStringView(text).trimmed();
    if (!rest.startsWith(u"POLYGON", Qt::CaseInsensitive))
        return std::nullopt;
    rest = rest.mid(7).trimmed();
    if (!rest.startsWith(u'(') || !rest.endsWith(u')'))
        return std::nullopt;
    rest = rest.mid(1, rest.size() - 2).trimmed();
    QList<QList<LatLon>> rings;
    while (!rest.isEmpty()) {
        const qsizetype close = rest.indexOf(u')');
        if (!rest.startsWith(u'(') || close < 0)
            return std::nullopt;
        QList<LatLon> ring;
        for (const QStringView coordinates : rest.mid(1, close - 1).split(u',')) {
            const QList<QStringView> xy = coordinates.trimmed().split(u' ', Qt::SkipEmptyParts);
            bool xOk = false;
            bool yOk = false;
            const double x = xy.size() == 2 ? xy[0].toDouble(&xOk) : 0.0;
            const double y = xy.size() == 2 ? xy[1].toDouble(&yOk) : 0.0;
            if (!xOk || !yOk)
                return std::nullopt;
            ring.append({y, x});
        }
        rings.append(std::move(ring));
        rest = rest.mid(close + 1).trimmed();
        if (rest.startsWith(u','))
            rest = rest.mid(1).trimmed();
        else if (!rest.isEmpty())
            return std::nullopt;
    }
    return rings;
}

// The geometry a region is stored as, and whether its rings read back from it unchanged.
struct RegionGeometry
{
    QByteArray blob;
    bool exact = true;
};

RegionGeometry regionGeometry(const QList<QList<LatLon>> &rings, gpkg::Envelope *envelope)
{
    const QList<geo::PolygonRings> polygons = geo::splitPolygon(rings);
    QList<QList<LatLon>> open = rings;
    for (QList<LatLon> &ring : open) {
        if (ring.size() > 1 && ring.constFirst() == ring.constLast())
            ring.removeLast();
    }
    return {gpkg::multiPolygonBlob(polygons, envelope), geo::flattenPolygons(polygons) == open};
}

constexpr std::pair<IslPattern, const char16_t *> kIslPatternNames[] = {
    {IslPattern::None, u"none"},
    {IslPattern::PlusGrid, u"plus_grid"},
    {IslPattern::Hypatia, u"hypatia"},
};

QString islName(IslPattern pattern)
{
    for (const auto &[value, name] : kIslPatternNames)
        if (value == pattern)
            return QString::fromUtf16(name);
    return u"none"_qs;
}

std::optional<IslPattern> islPatternFromName(const QString &text)
{
    for (const auto &[value, name] : kIslPatternNames)
        if (text == name)
            return value;
    return std::nullopt;
}

class Writer
{
public:
    Writer(sqlite::Database &db, const Network &network)
        : m_db(db)
        , m_network(network)
    {
    }

    void write()
    {
        m_db.exec(u"PRAGMA application_id = %1; PRAGMA user_version = %2;"_qs
                      .arg(kGeoPackageApplicationId)
                      .arg(kGeoPackageVersion));
        m_db.exec("BEGIN");
        m_db.exec(kSchemaSql);
        writeSpatialRefSys();
        writeSettings();
        const gpkg::Envelope sites = writeSites();
        const gpkg::Envelope links = writeLinks();
        const gpkg::Envelope regions = writeRegions();
        writeDemands();
        writeConstellations();
        writeResults();
        writeAddresses();
        registerTable(u"sites"_qs, u"features"_qs, u"Sites: hubs, data centres, ingest sites"_qs,
                      sites, u"POINT"_qs);
        registerTable(u"links"_qs, u"features"_qs, u"Links along the geodesic"_qs, links,
                      u"MULTILINESTRING"_qs);
        registerTable(u"regions"_qs, u"features"_qs, u"Coverage and residency regions"_qs, regions,
                      u"MULTIPOLYGON"_qs);
        registerTable(u"demands"_qs, u"attributes"_qs, u"Traffic demands"_qs, {}, {});
        registerTable(u"constellations"_qs, u"attributes"_qs, u"Satellite constellations"_qs, {},
                      {});
        registerTable(u"nqi_results"_qs, u"attributes"_qs, u"Planner results (JSON)"_qs, {}, {});
        registerTable(u"nqi_addresses"_qs, u"attributes"_qs, u"IPv6 address plan"_qs, {}, {});
        m_db.exec("COMMIT");
    }

private:
    void writeSpatialRefSys()
    {
        sqlite::Statement insert(m_db,
                                 "INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)");
        auto row = [&insert](const QString &name, qint64 id, const QString &organization,
                             qint64 code, const QString &definition, const QString &description) {
            insert.bind(1, name);
            insert.bind(2, id);
            insert.bind(3, organization);
            insert.bind(4, code);
            insert.bind(5, definition);
            insert.bind(6, description);
            insert.execute();
        };
        row(u"Undefined cartesian SRS"_qs, -1, u"NONE"_qs, -1, u"undefined"_qs,
            u"undefined cartesian coordinate reference system"_qs);
        row(u"Undefined geographic SRS"_qs, 0, u"NONE"_qs, 0, u"undefined"_qs,
            u"undefined geographic coordinate reference system"_qs);
        row(u"WGS 84 geodetic"_qs, gpkg::kWgs84SrsId, u"EPSG"_qs, 4326,
            QString::fromLatin1(kWgs84Wkt),
            u"longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"_qs);
    }

    void writeSettings()
    {
        const ProjectSettings &settings = m_network.settings();
        sqlite::Statement insert(m_db, "INSERT INTO nqi_settings (key, value) VALUES (?, ?)");
        auto row = [&insert](const char16_t *key, const QString &value) {
            insert.bind(1, QString::fromUtf16(key));
            insert.bind(2, value);
            insert.execute();
        };
        row(u"schema_version", QString::number(ProjectStore::kSchemaVersion));
        row(u"name", settings.name);
        row(u"author", settings.author);
        row(u"description", settings.description);
        row(u"route_factor", formatNumber(settings.routeFactor));
        row(u"currency", settings.currency);
        if (!m_network.addressPlan().projectPrefix.isEmpty())
            row(u"address_prefix", m_network.addressPlan().projectPrefix);
        row(u"next_site_id", QString::number(m_network.nextSiteId()));
        row(u"next_link_id", QString::number(m_network.nextLinkId()));
        row(u"next_demand_id", QString::number(m_network.nextDemandId()));
    }

    gpkg::Envelope writeSites()
    {
        gpkg::Envelope envelope;
        sqlite::Statement insert(m_db, "INSERT INTO sites (fid, geom, code, name, kind, "
                                       "latitude_deg, longitude_deg, region, gpus, power_mw, "
                                       "role, attributes) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const Site &site : m_network.sites()) {
            envelope.extend(site.longitudeDeg, site.latitudeDeg);
            insert.bind(1, site.id);
            insert.bindBlob(2, gpkg::pointBlob(site.latitudeDeg, site.longitudeDeg));
            insert.bind(3, site.code);
            insert.bind(4, site.name);
            insert.bind(5, toString(site.kind));
            insert.bind(6, site.latitudeDeg);
            insert.bind(7, site.longitudeDeg);
            insert.bind(8, site.region);
            insert.bind(9, site.gpus);
            insert.bind(10, site.powerMw);
            insert.bind(11, site.role);
            if (site.attributes.isEmpty()) {
                insert.bindNull(12);
            } else {
                insert.bind(12, QString::fromUtf8(
                                    QJsonDocument(site.attributes).toJson(QJsonDocument::Compact)));
            }
            insert.execute();
        }
        return envelope;
    }

    gpkg::Envelope writeLinks()
    {
        gpkg::Envelope envelope;
        sqlite::Statement insert(m_db,
                                 "INSERT INTO links (fid, geom, site_a, site_b, code_a, code_b, "
                                 "name, medium, capacity_gbps, parallel_count, length_km, "
                                 "route_factor, igp_metric, cost, availability, srlg, "
                                 "route_length_km, latency_ms) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const Link &link : m_network.links()) {
            const Site *a = m_network.site(link.siteA);
            const Site *b = m_network.site(link.siteB);
            insert.bind(1, link.id);
            insert.bindBlob(
                2, gpkg::multiLineStringBlob(geo::geodesicParts(a->latitudeDeg, a->longitudeDeg,
                                                                b->latitudeDeg, b->longitudeDeg),
                                             &envelope));
            insert.bind(3, link.siteA);
            insert.bind(4, link.siteB);
            insert.bind(5, a->code);
            insert.bind(6, b->code);
            insert.bind(7, link.name);
            insert.bind(8, toString(link.medium));
            insert.bind(9, link.capacityGbps);
            insert.bind(10, qint64(link.parallelCount));
            insert.bind(11, link.lengthKm);
            insert.bind(12, link.routeFactor);
            insert.bind(13, link.igpMetric);
            insert.bind(14, link.cost);
            insert.bind(15, link.availability);
            insert.bind(16, link.srlgs.isEmpty() ? QString() : joinNameList(link.srlgs));
            const double lengthKm = m_network.lengthKm(link);
            insert.bind(17, lengthKm);
            insert.bind(18, physics::fibreLatencyMs(lengthKm));
            insert.execute();
        }
        return envelope;
    }

    gpkg::Envelope writeRegions()
    {
        gpkg::Envelope envelope;
        sqlite::Statement insert(m_db, "INSERT INTO regions (fid, geom, name, purpose, "
                                       "unsplit_wkt) VALUES (?,?,?,?,?)");
        for (const Region &region : m_network.regions()) {
            const RegionGeometry geometry = regionGeometry(region.rings, &envelope);
            insert.bind(1, region.id);
            insert.bindBlob(2, geometry.blob);
            insert.bind(3, region.name);
            insert.bind(4, toString(region.purpose));
            // Cut at the antimeridian (or its rings regrouped): the rings as they are.
            if (geometry.exact)
                insert.bindNull(5);
            else
                insert.bind(5, polygonWkt(region.rings));
            insert.execute();
        }
        return envelope;
    }

    void writeDemands()
    {
        sqlite::Statement insert(m_db,
                                 "INSERT INTO demands (fid, source, destination, source_code, "
                                 "destination_code, name, rate_gbps, volume_tb, window_h, class, "
                                 "max_latency_ms, protection, allowed_regions) "
                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
        for (const Demand &demand : m_network.demands()) {
            insert.bind(1, demand.id);
            insert.bind(2, demand.source);
            insert.bind(3, demand.destination);
            insert.bind(4, m_network.site(demand.source)->code);
            insert.bind(5, m_network.site(demand.destination)->code);
            insert.bind(6, demand.name);
            insert.bind(7, demand.rateGbps);
            insert.bind(8, demand.volumeTb);
            insert.bind(9, demand.windowHours);
            insert.bind(10, toString(demand.demandClass));
            insert.bind(11, demand.maxLatencyMs);
            insert.bind(12, toString(demand.protection));
            insert.bind(13, demand.allowedRegions.isEmpty() ? QString()
                                                            : joinNameList(demand.allowedRegions));
            insert.execute();
        }
    }

    void writeResults()
    {
        sqlite::Statement insert(m_db, "INSERT INTO nqi_results (planner, created_utc, options, "
                                       "input_digest, result) VALUES (?,?,?,?,?)");
        for (const auto &[planner, result] : m_network.plannerResults()) {
            insert.bind(1, planner);
            insert.bind(2, result.createdUtc);
            insert.bind(3, result.options);
            insert.bind(4, QString::fromLatin1(result.inputDigest));
            insert.bind(5, QString::fromUtf8(result.json));
            insert.execute();
        }
    }

    void writeAddresses()
    {
        sqlite::Statement insert(m_db, "INSERT INTO nqi_addresses (use, object_id, prefix, fixed, "
                                       "port_a, port_b) VALUES (?,?,?,?,?,?)");
        for (const AddressAllocation &allocation : m_network.addressPlan().allocations) {
            insert.bind(1, toString(allocation.use));
            insert.bind(2, allocation.object);
            insert.bind(3, allocation.prefix);
            insert.bind(4, qint64(allocation.fixed ? 1 : 0));
            insert.bind(5, allocation.portA >= 0 ? std::optional<qint64>(allocation.portA)
                                                 : std::nullopt);
            insert.bind(6, allocation.portB >= 0 ? std::optional<qint64>(allocation.portB)
                                                 : std::nullopt);
            insert.execute();
        }
    }

    void writeConstellations()
    {
        sqlite::Statement insert(m_db, "INSERT INTO constellations (fid, name, shells, tle, "
                                       "min_elevation_deg, isl_pattern, gsl_max_range_km, "
                                       "gsl_min_elevation, isl_shift) VALUES (?,?,?,?,?,?,?,?,?)");
        for (const Constellation &constellation : m_network.constellations()) {
            QJsonArray shells;
            for (const WalkerShell &shell : constellation.shells) {
                shells.append(QJsonObject{{u"t"_qs, shell.totalSatellites},
                                          {u"p"_qs, shell.planes},
                                          {u"f"_qs, shell.phasing},
                                          {u"inclination_deg"_qs, shell.inclinationDeg},
                                          {u"altitude_km"_qs, shell.altitudeKm}});
            }
            insert.bind(1, constellation.id);
            insert.bind(2, constellation.name);
            insert.bind(3, QString::fromUtf8(QJsonDocument(shells).toJson(QJsonDocument::Compact)));
            insert.bind(4, constellation.tleText);
            insert.bind(5, constellation.minElevationDeg);
            insert.bind(6, islName(constellation.islPattern));
            insert.bind(7, constellation.gslMaxRangeKm);
            insert.bind(8, qint64(constellation.gslMinElevation ? 1 : 0));
            insert.bind(9, qint64(constellation.islShift));
            insert.execute();
        }
    }

    void registerTable(const QString &table,
                       const QString &dataType,
                       const QString &description,
                       const gpkg::Envelope &envelope,
                       const QString &geometryType)
    {
        sqlite::Statement contents(m_db, "INSERT INTO gpkg_contents (table_name, data_type, "
                                         "identifier, description, min_x, min_y, max_x, max_y, "
                                         "srs_id) VALUES (?,?,?,?,?,?,?,?,?)");
        contents.bind(1, table);
        contents.bind(2, dataType);
        contents.bind(3, table);
        contents.bind(4, description);
        if (envelope.valid) {
            contents.bind(5, envelope.minX);
            contents.bind(6, envelope.minY);
            contents.bind(7, envelope.maxX);
            contents.bind(8, envelope.maxY);
        }
        if (!geometryType.isEmpty())
            contents.bind(9, qint64(gpkg::kWgs84SrsId));
        contents.execute();
        if (geometryType.isEmpty())
            return;
        sqlite::Statement columns(m_db, "INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,0,0)");
        columns.bind(1, table);
        columns.bind(2, u"geom"_qs);
        columns.bind(3, geometryType);
        columns.bind(4, qint64(gpkg::kWgs84SrsId));
        columns.execute();
    }

    sqlite::Database &m_db;
    const Network &m_network;
};

// Reads rows and checks each value's type, so a file edited in a GIS gets a precise message.
class Reader
{
public:
    Reader(sqlite::Database &db, QString displayPath)
        : m_db(db)
        , m_path(std::move(displayPath))
    {
    }

    Network read()
    {
        Network network;
        readSettings(network);
        readSites(network);
        readLinks(network);
        readDemands(network);
        readConstellations(network);
        readRegions(network);
        readResults(network);
        readAddresses(network);
        try {
            network.reserveIds(m_nextSiteId, m_nextLinkId, m_nextDemandId);
        } catch (const Failure &failure) {
            throw Failure(
                makeError(m_path, 0, u"table nqi_settings"_qs, failure.diagnostic().message));
        }
        return network;
    }

private:
    [[noreturn]] void fail(const QString &table, qint64 fid, const QString &message) const
    {
        throw Failure(
            makeError(m_path, 0, u"table %1, feature %2"_qs.arg(table).arg(fid), message));
    }

    // Re-raise a model check failure with the table and feature it came from.
    template <typename Add>
    void add(const QString &table, qint64 fid, Add &&addToNetwork) const
    {
        try {
            addToNetwork();
        } catch (const Failure &failure) {
            fail(table, fid, failure.diagnostic().message);
        }
    }

    double real(sqlite::Statement &row, int column, const QString &table, const char *name) const
    {
        const std::optional<double> value = optionalReal(row, column, table, name);
        if (!value)
            fail(table, row.int64(0),
                 u"column %1 is empty; it must hold a number"_qs.arg(QLatin1StringView(name)));
        return *value;
    }

    std::optional<double>
    optionalReal(sqlite::Statement &row, int column, const QString &table, const char *name) const
    {
        const QString type = row.typeName(column);
        if (type == u"null")
            return std::nullopt;
        if (type != u"real" && type != u"integer") {
            fail(table, row.int64(0),
                 u"column %1 holds %2 \"%3\"; it must hold a number"_qs.arg(
                     QLatin1StringView(name), type, row.text(column)));
        }
        return row.real(column);
    }

    std::optional<qint64> optionalInteger(sqlite::Statement &row,
                                          int column,
                                          const QString &table,
                                          const char *name) const
    {
        const QString type = row.typeName(column);
        if (type == u"null")
            return std::nullopt;
        if (type != u"integer") {
            fail(table, row.int64(0),
                 u"column %1 holds %2 \"%3\"; it must hold an integer"_qs.arg(
                     QLatin1StringView(name), type, row.text(column)));
        }
        return row.int64(column);
    }

    qint64 integer(sqlite::Statement &row, int column, const QString &table, const char *name) const
    {
        const std::optional<qint64> value = optionalInteger(row, column, table, name);
        if (!value)
            fail(table, row.int64(0),
                 u"column %1 is empty; it must hold an integer"_qs.arg(QLatin1StringView(name)));
        return *value;
    }

    void readSettings(Network &network)
    {
        sqlite::Statement query(m_db, "SELECT key, value FROM nqi_settings");
        ProjectSettings settings;
        qint64 nextSite = 0;
        qint64 nextLink = 0;
        qint64 nextDemand = 0;
        while (query.next()) {
            const QString key = query.text(0);
            const QString value = query.text(1);
            if (key == u"name") {
                settings.name = value;
            } else if (key == u"author") {
                settings.author = value;
            } else if (key == u"description") {
                settings.description = value;
            } else if (key == u"currency") {
                settings.currency = value;
            } else if (key == u"route_factor") {
                bool ok = false;
                settings.routeFactor = value.toDouble(&ok);
                if (!ok) {
                    throw Failure(makeError(m_path, 0, u"table nqi_settings, key route_factor"_qs,
                                            u"\"%1\" is not a number"_qs.arg(value)));
                }
            } else if (key == u"address_prefix") {
                m_addressPrefix = value;
            } else if (key == u"next_site_id") {
                nextSite = value.toLongLong();
            } else if (key == u"next_link_id") {
                nextLink = value.toLongLong();
            } else if (key == u"next_demand_id") {
                nextDemand = value.toLongLong();
            }
        }
        try {
            network.setSettings(settings);
        } catch (const Failure &failure) {
            throw Failure(
                makeError(m_path, 0, u"table nqi_settings"_qs, failure.diagnostic().message));
        }
        m_nextSiteId = nextSite;
        m_nextLinkId = nextLink;
        m_nextDemandId = nextDemand;
    }

    void readSites(Network &network)
    {
        const QString table = u"sites"_qs;
        sqlite::Statement query(m_db, "SELECT fid, code, name, kind, latitude_deg, longitude_deg, "
                                      "region, gpus, power_mw, role, attributes FROM sites "
                                      "ORDER BY fid");
        while (query.next()) {
            Site site;
            site.id = query.int64(0);
            site.code = query.text(1);
            site.name = query.text(2);
            const QString kind = query.text(3);
            const std::optional<SiteKind> parsedKind = siteKindFromString(kind);
            if (!parsedKind) {
                fail(table, site.id,
                     u"unknown kind \"%1\"; expected one of %2"_qs.arg(
                         kind, siteKindNames().join(u", "_qs)));
            }
            site.kind = *parsedKind;
            site.latitudeDeg = real(query, 4, table, "latitude_deg");
            site.longitudeDeg = real(query, 5, table, "longitude_deg");
            site.region = query.text(6);
            site.gpus = optionalInteger(query, 7, table, "gpus");
            site.powerMw = optionalReal(query, 8, table, "power_mw");
            site.role = query.text(9);
            const QString attributes = query.text(10);
            if (!attributes.isEmpty()) {
                QString problem;
                site.attributes = jsonObject(attributes, problem);
                if (!problem.isEmpty())
                    fail(table, site.id, u"column attributes: "_qs + problem);
            }
            add(table, site.id, [&] { network.addSite(std::move(site)); });
        }
    }

    void readLinks(Network &network)
    {
        const QString table = u"links"_qs;
        sqlite::Statement query(m_db, "SELECT fid, site_a, site_b, name, medium, capacity_gbps, "
                                      "parallel_count, length_km, route_factor, igp_metric, cost, "
                                      "availability, srlg FROM links ORDER BY fid");
        while (query.next()) {
            Link link;
            link.id = query.int64(0);
            link.siteA = integer(query, 1, table, "site_a");
            link.siteB = integer(query, 2, table, "site_b");
            link.name = query.text(3);
            const QString medium = query.text(4);
            const std::optional<LinkMedium> parsedMedium = linkMediumFromString(medium);
            if (!parsedMedium) {
                fail(table, link.id,
                     u"unknown medium \"%1\"; expected one of %2"_qs.arg(
                         medium, linkMediumNames().join(u", "_qs)));
            }
            link.medium = *parsedMedium;
            link.capacityGbps = real(query, 5, table, "capacity_gbps");
            // Checked as read: int() made 4294967297 a 1.
            const qint64 parallel = integer(query, 6, table, "parallel_count");
            if (parallel < 1 || parallel > limits::kMaxParallelCount) {
                fail(table, link.id,
                     u"column parallel_count holds %1; a link bundles 1..%2 parallel circuits"_qs
                         .arg(parallel)
                         .arg(limits::kMaxParallelCount));
            }
            link.parallelCount = int(parallel);
            link.lengthKm = optionalReal(query, 7, table, "length_km");
            link.routeFactor = optionalReal(query, 8, table, "route_factor");
            link.igpMetric = optionalInteger(query, 9, table, "igp_metric");
            link.cost = optionalReal(query, 10, table, "cost");
            link.availability = optionalReal(query, 11, table, "availability");
            link.srlgs = splitNameList(query.text(12));
            add(table, link.id, [&] { network.addLink(std::move(link)); });
        }
    }

    void readDemands(Network &network)
    {
        const QString table = u"demands"_qs;
        sqlite::Statement query(m_db, "SELECT fid, source, destination, name, rate_gbps, "
                                      "volume_tb, window_h, class, max_latency_ms, protection, "
                                      "allowed_regions FROM demands ORDER BY fid");
        while (query.next()) {
            Demand demand;
            demand.id = query.int64(0);
            demand.source = integer(query, 1, table, "source");
            demand.destination = integer(query, 2, table, "destination");
            demand.name = query.text(3);
            demand.rateGbps = optionalReal(query, 4, table, "rate_gbps");
            demand.volumeTb = optionalReal(query, 5, table, "volume_tb");
            demand.windowHours = optionalReal(query, 6, table, "window_h");
            const QString demandClass = query.text(7);
            const std::optional<DemandClass> parsedClass = demandClassFromString(demandClass);
            if (!parsedClass) {
                fail(table, demand.id,
                     u"unknown class \"%1\"; expected one of %2"_qs.arg(
                         demandClass, demandClassNames().join(u", "_qs)));
            }
            demand.demandClass = *parsedClass;
            demand.maxLatencyMs = optionalReal(query, 8, table, "max_latency_ms");
            const QString protection = query.text(9);
            const std::optional<Protection> parsedProtection = protectionFromString(protection);
            if (!parsedProtection) {
                fail(table, demand.id,
                     u"unknown protection \"%1\"; expected one of %2"_qs.arg(
                         protection, protectionNames().join(u", "_qs)));
            }
            demand.protection = *parsedProtection;
            demand.allowedRegions = splitNameList(query.text(10));
            add(table, demand.id, [&] { network.addDemand(std::move(demand)); });
        }
    }

    void readResults(Network &network)
    {
        sqlite::Statement query(m_db, "SELECT planner, created_utc, options, input_digest, result "
                                      "FROM nqi_results ORDER BY planner");
        while (query.next()) {
            PlannerResult result;
            result.planner = query.text(0);
            result.createdUtc = query.text(1);
            result.options = query.text(2);
            result.inputDigest = query.text(3).toLatin1();
            result.json = query.text(4).toUtf8();
            // A result that is not JSON is kept as it is: readers treat it as stale and say
            // why (planners::readStoredResult), and running the planner again replaces it.
            // Refusing the project here left no way to replace it but an SQL editor.
            if (result.planner.isEmpty()) {
                throw Failure(makeError(m_path, 0, u"table nqi_results"_qs,
                                        u"a result has no planner; remove the row"_qs));
            }
            network.setPlannerResult(std::move(result));
        }
    }

    // The address plan is checked by the addressing planner when it runs; here only that each
    // row can be read.
    void readAddresses(Network &network)
    {
        const QString table = u"nqi_addresses"_qs;
        AddressPlan plan;
        plan.projectPrefix = m_addressPrefix;
        sqlite::Statement query(m_db, "SELECT fid, use, object_id, prefix, fixed, port_a, port_b "
                                      "FROM nqi_addresses ORDER BY fid");
        while (query.next()) {
            AddressAllocation allocation;
            const std::optional<AddressUse> use = addressUseFromString(query.text(1));
            if (!use) {
                fail(table, query.int64(0),
                     u"unknown use \"%1\"; expected loopback, link, locator, site or router_id"_qs
                         .arg(query.text(1)));
            }
            allocation.use = *use;
            allocation.object = query.int64(2);
            allocation.prefix = query.text(3);
            if (!allocation.prefix.contains(u'/'))
                fail(table, query.int64(0),
                     u"prefix \"%1\" has no /length"_qs.arg(allocation.prefix));
            allocation.fixed = query.int64(4) != 0;
            allocation.portA = query.isNull(5) ? -1 : int(query.int64(5));
            allocation.portB = query.isNull(6) ? -1 : int(query.int64(6));
            plan.allocations.push_back(std::move(allocation));
        }
        network.setAddressPlan(std::move(plan));
    }

    void readConstellations(Network &network)
    {
        const QString table = u"constellations"_qs;
        sqlite::Statement query(m_db, "SELECT fid, name, shells, tle, min_elevation_deg, "
                                      "isl_pattern, gsl_max_range_km, gsl_min_elevation, "
                                      "isl_shift FROM constellations ORDER BY fid");
        while (query.next()) {
            Constellation constellation;
            constellation.id = query.int64(0);
            constellation.name = query.text(1);
            const QString shellsText = query.text(2);
            if (!shellsText.isEmpty()) {
                const QJsonDocument json = QJsonDocument::fromJson(shellsText.toUtf8());
                if (!json.isArray())
                    fail(table, constellation.id, u"column shells is not a JSON array"_qs);
                for (const QJsonValue &value : json.array()) {
                    const QJsonObject shell = value.toObject();
                    constellation.shells.append(
                        {shell[u"t"].toInt(), shell[u"p"].toInt(), shell[u"f"].toInt(),
                         shell[u"inclination_deg"].toDouble(), shell[u"altitude_km"].toDouble()});
                }
            }
            constellation.tleText = query.text(3);
            constellation.minElevationDeg = real(query, 4, table, "min_elevation_deg");
            const QString pattern = query.text(5);
            const std::optional<IslPattern> parsedPattern = islPatternFromName(pattern);
            if (!parsedPattern) {
                fail(table, constellation.id,
                     u"unknown isl_pattern \"%1\"; expected none, plus_grid or hypatia"_qs.arg(
                         excerpt(pattern)));
            }
            constellation.islPattern = *parsedPattern;
            constellation.gslMaxRangeKm = optionalReal(query, 6, table, "gsl_max_range_km");
            const qint64 minElevation = integer(query, 7, table, "gsl_min_elevation");
            if (minElevation != 0 && minElevation != 1) {
                fail(table, constellation.id,
                     u"column gsl_min_elevation holds %1; it must be 1 (the minimum elevation "
                     "holds with the maximum slant range) or 0 (the range alone)"_qs.arg(
                         minElevation));
            }
            constellation.gslMinElevation = minElevation == 1;
            // Checked as read: int() would wrap 4294967297 to 1.
            const qint64 shift = integer(query, 8, table, "isl_shift");
            if (shift < 0 || shift > std::numeric_limits<int>::max())
                fail(table, constellation.id,
                     u"column isl_shift holds %1; it must be 0..satellites per plane - 1"_qs.arg(
                         shift));
            constellation.islShift = int(shift);
            add(table, constellation.id,
                [&] { network.addConstellation(std::move(constellation)); });
        }
    }

    void readRegions(Network &network)
    {
        const QString table = u"regions"_qs;
        sqlite::Statement query(
            m_db, "SELECT fid, geom, name, purpose, unsplit_wkt FROM regions ORDER BY fid");
        while (query.next()) {
            Region region;
            region.id = query.int64(0);
            const QByteArray blob = query.blob(1);
            // The rings as they were when the geometry was cut at the antimeridian, while the
            // geometry is still the one made from them (another program may have edited it:
            // then the geometry is what the region is).
            const std::optional<QList<QList<LatLon>>> unsplit =
                query.isNull(4) ? std::nullopt : parsePolygonWkt(query.text(4));
            if (unsplit && regionGeometry(*unsplit, nullptr).blob == blob)
                region.rings = *unsplit;
            else
                region.rings = gpkg::polygonRings(blob);
            if (region.rings.isEmpty())
                fail(table, region.id, u"geometry is not a polygon"_qs);
            region.name = query.text(2);
            const QString purpose = query.text(3);
            const std::optional<RegionPurpose> parsedPurpose = regionPurposeFromString(purpose);
            if (!parsedPurpose) {
                fail(table, region.id,
                     u"unknown purpose \"%1\"; expected one of %2"_qs.arg(
                         purpose, regionPurposeNames().join(u", "_qs)));
            }
            region.purpose = *parsedPurpose;
            add(table, region.id, [&] { network.addRegion(std::move(region)); });
        }
    }

    sqlite::Database &m_db;
    QString m_path;
    qint64 m_nextSiteId = 0;
    qint64 m_nextLinkId = 0;
    qint64 m_nextDemandId = 0;
    QString m_addressPrefix;
};

} // namespace
} // namespace nqi::core

namespace nqi::core {
namespace {

QString displayName(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// Opens a file read-only and checks it is a project; returns its schema version.
int checkProject(sqlite::Database &db, const QString &path)
{
    const QString file = displayName(path);
    int applicationId = 0;
    try {
        sqlite::Statement query(db, "PRAGMA application_id");
        if (query.next())
            applicationId = int(query.int64(0));
    } catch (const Failure &failure) {
        // Locked by another program: a project all the same, said as such.
        if (failure.diagnostic().message.startsWith(u"another program is writing it"))
            throw Failure(makeError(file, 0, {}, failure.diagnostic().message));
        throw Failure(makeError(
            file, 0, {}, u"not an NQI Workbench project: %1"_qs.arg(failure.diagnostic().message)));
    }
    if (!db.hasTable(u"nqi_settings"_qs)) {
        const QString what =
            applicationId == kGeoPackageApplicationId
                ? u"a GeoPackage but not an NQI Workbench project (it has no "
                  "nqi_settings table); add its layers with `nqi import` instead"_qs
                : u"not an NQI Workbench project (no nqi_settings table)"_qs;
        throw Failure(makeError(file, 0, {}, what));
    }
    sqlite::Statement query(db, "SELECT value FROM nqi_settings WHERE key = 'schema_version'");
    bool ok = false;
    const int version = query.next() ? query.text(0).toInt(&ok) : 0;
    if (!ok || version < 1) {
        throw Failure(makeError(file, 0, u"table nqi_settings"_qs,
                                u"no valid schema_version; the file is damaged"_qs));
    }
    if (version > ProjectStore::kSchemaVersion) {
        throw Failure(makeError(
            file, 0, {},
            u"written by a newer NQI Workbench (project schema %1; this "
            "version reads schemas up to %2); open it with a newer version"_qs.arg(version)
                .arg(ProjectStore::kSchemaVersion)));
    }
    return version;
}

void migrate(sqlite::Database &db, int fromVersion)
{
    db.exec("BEGIN");
    for (const Migration &migration : kMigrations) {
        if (migration.fromVersion >= fromVersion)
            db.exec(migration.sql);
    }
    db.exec("COMMIT");
}

// Temporary files of saves whose process is gone (killed mid-save) are removed on the next save.
// The temporary files earlier saves of this user left beside the target (their process gone),
// in the target's folder as held. Another user's file is never removed on its name alone.
void removeStaleTemporaries(const ReplacementTarget &target)
{
    const QDir dir(target.heldFolder());
    const QString prefix = u"."_qs + QFileInfo(target.target()).fileName() + u".saving-"_qs;
    for (const QString &name : dir.entryList({prefix + u'*'}, QDir::Files | QDir::Hidden)) {
        bool ok = false;
        const qint64 pid = name.mid(prefix.size()).toLongLong(&ok);
        struct stat st = {};
        if (ok && pid > 0 && ::kill(pid_t(pid), 0) != 0 && errno == ESRCH &&
            ::lstat(QFile::encodeName(dir.filePath(name)).constData(), &st) == 0 &&
            S_ISREG(st.st_mode) && st.st_uid == ::geteuid()) {
            QFile::remove(dir.filePath(name));
        }
    }
}

// What a file's metadata says of it (no content hash): a null stamp when there is none.
FileStamp metadataStamp(const QString &path)
{
    FileStamp stamp;
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return stamp;
    stamp.device = qint64(st.st_dev);
    stamp.inode = qint64(st.st_ino);
    stamp.size = qint64(st.st_size);
    stamp.modifiedNs = qint64(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
    stamp.changedNs = qint64(st.st_ctim.tv_sec) * 1000000000LL + st.st_ctim.tv_nsec;
    return stamp;
}

// What is on disk under a name now: metadata, and the content's hash.
FileStamp fileStamp(const QString &path)
{
    FileStamp stamp = metadataStamp(path);
    QFile file(path);
    if (stamp.isNull() || !file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    stamp.sha256 = hash.result();
    return stamp;
}

bool unchangedSince(const QString &path, const FileStamp &expected)
{
    const FileStamp now = metadataStamp(path);
    if (now.isNull())
        return true; // gone (moved or deleted): saving overwrites nobody's work
    if (now.sameMetadata(expected))
        return true;
    return fileStamp(path).sameContent(expected);
}

void saveChecked(const Network &network,
                 const QString &path,
                 const FileStamp *expected,
                 FileStamp &written)
{
    const QString file = displayName(path);
    // Saved where it was locked, or not at all.
    ProjectLock::checkStillHeld(path);
    const ReplacementTarget target(path); // follows links; refuses folders, read-only files
    if (target.exists() && !target.isRegular())
        throw Failure(makeError(file, 0, {}, u"exists and is not a file"_qs));
    const auto checkUnchanged = [&] {
        if (expected && !unchangedSince(target.placed(), *expected)) {
            throw Failure(
                makeError(file, 0, {},
                          expected->isNull()
                              ? u"was made by someone else since this project was started; save as "
                                "another file"_qs
                              : u"changed on disk since it was opened (another program wrote it); "
                                "nothing was saved: save as another file, or reopen it"_qs));
        }
    };
    checkUnchanged();

    const QFileInfo targetInfo(target.target());
    removeStaleTemporaries(target);
    // In the target's folder as held open: a folder on the way renamed or swapped meanwhile
    // changes nothing about where the project goes.
    const QString temporaryName = u"."_qs + targetInfo.fileName() + u".saving-"_qs +
                                  QString::number(QCoreApplication::applicationPid());
    const QString temporary = target.inHeldFolder(temporaryName);
    const QByteArray temporaryBytes = QFile::encodeName(temporary);
    // This user's leftover under the name goes; anything else there (a folder, a link, another
    // user's file) is in the way. Then the file is made new and this user's (O_EXCL, never
    // through a link), and SQLite writes into that file: checked to be it before it is moved.
    if (struct stat st = {}; ::lstat(temporaryBytes.constData(), &st) == 0 && S_ISREG(st.st_mode) &&
                             st.st_uid == ::geteuid() && st.st_nlink == 1) {
        ::unlink(temporaryBytes.constData());
    }
    const int made = ::open(temporaryBytes.constData(),
                            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (made < 0) {
        const int error = errno;
        throw Failure(makeError(
            file, 0, {},
            error == EEXIST
                ? u"cannot save: %1 is in the way of the save's temporary file (a folder, a link "
                  "or another user's file); move it away and save again"_qs.arg(
                      targetInfo.absoluteDir().filePath(temporaryName))
                : u"cannot save: cannot make a temporary file in folder %1: %2"_qs.arg(
                      targetInfo.absolutePath(), fileErrorText(error))));
    }
    const auto closeMade = qScopeGuard([made] { ::close(made); });
    const int cleanup = registerRemoveOnSignal(temporary);
    const auto unregister = qScopeGuard([cleanup] { unregisterRemoveOnSignal(cleanup); });
    // Still the file made above under its name (only its maker may rename it in a shared folder).
    const auto stillMade = [&] { return namesFile(temporary, made, false); };
    try {
        {
            // An empty file is an empty database to SQLite. SQLite resolves every link in the
            // name it is given and opens by name: it gets the held folder's own path (the
            // kernel's, with no link in it) and may follow none, so that a link put in place of
            // the file is refused; the check above says whether the file is still the one made.
            const QString held = QFileInfo(target.heldFolder()).canonicalFilePath();
            const QString name =
                held.isEmpty() ? temporary : QDir(held).filePath(temporaryName);
            sqlite::Database db(name, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
            // The file is private until renamed: no journal needed; durability comes from the
            // fsync before the rename.
            db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; "
                    "PRAGMA cache_size = -65536;");
            Writer(db, network).write();
        }
        if (!stillMade()) {
            throw Failure(makeError(file, 0, {},
                                    u"its temporary file was replaced by another program while it "
                                    "was written; nothing was saved"_qs));
        }
        // A new project gets the user's umask like any file.
        if (!target.exists() && ::fchmod(made, 0666 & ~processUmask()) != 0) {
            // Keeping 0600 is no failure.
        }
        // Flushes, keeps mode and owner, checks again that nobody changed the file (after the
        // flush, which can take long), renames, syncs the folder.
        target.replaceWith(temporary, checkUnchanged);
    } catch (const Failure &failure) {
        if (stillMade())
            ::unlink(temporaryBytes.constData());
        const Diagnostic &d = failure.diagnostic();
        if (d.file == file)
            throw;
        throw Failure(makeError(file, 0, d.where, u"cannot save: "_qs + d.message));
    }
    written = fileStamp(target.placed());
}

} // namespace

int ProjectStore::schemaVersion(const QString &path)
{
    if (!QFileInfo(path).isFile())
        throw Failure(makeError(displayName(path), 0, {}, u"no such file"_qs));
    sqlite::Database db(path, SQLITE_OPEN_READONLY);
    return checkProject(db, path);
}

Network ProjectStore::load(const QString &path, FileStamp &stamp)
{
    // Metadata before and the full stamp after reading: a file replaced meanwhile is read
    // again (the content is hashed once).
    for (int attempt = 0;; ++attempt) {
        const FileStamp before = metadataStamp(resolvedOutputPath(path));
        Network network = load(path);
        const FileStamp after = fileStamp(resolvedOutputPath(path));
        if (before.sameMetadata(after) || attempt >= 3) {
            stamp = after;
            return network;
        }
    }
}

Network ProjectStore::load(const QString &path)
{
    const QString file = displayName(path);
    const QFileInfo info(path);
    if (!info.exists())
        throw Failure(makeError(file, 0, {}, u"no such file"_qs));
    if (!info.isFile() || !info.isReadable())
        throw Failure(makeError(file, 0, {}, u"not a readable file"_qs));

    int version = 0;
    {
        sqlite::Database db(path, SQLITE_OPEN_READONLY);
        version = checkProject(db, path);
        if (version == kSchemaVersion)
            return Reader(db, file).read();
    }

    // Older schema: migrate a private copy, so the user's file stays as it is until saved.
    QTemporaryDir scratch;
    const QString copy = scratch.filePath(u"migrating.gpkg"_qs);
    if (!scratch.isValid() || !QFile::copy(path, copy)) {
        throw Failure(makeError(file, 0, {},
                                u"cannot make a temporary copy to migrate schema "
                                "%1 to %2"_qs.arg(version)
                                    .arg(kSchemaVersion)));
    }
    QFile(copy).setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    sqlite::Database db(copy, SQLITE_OPEN_READWRITE);
    try {
        migrate(db, version);
    } catch (const Failure &failure) {
        throw Failure(makeError(file, 0, {},
                                u"migrating schema %1 to %2 failed: %3"_qs.arg(version)
                                    .arg(kSchemaVersion)
                                    .arg(failure.diagnostic().message)));
    }
    return Reader(db, file).read();
}

void ProjectStore::save(const Network &network, const QString &path)
{
    FileStamp none;
    saveChecked(network, path, nullptr, none);
}

void ProjectStore::save(const Network &network, const QString &path, FileStamp &stamp)
{
    saveChecked(network, path, &stamp, stamp);
}

FileStamp ProjectStore::stamp(const QString &path)
{
    return fileStamp(resolvedOutputPath(path));
}

} // namespace nqi::core
