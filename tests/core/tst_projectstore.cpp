#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPointF>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

using namespace nqi::core;
using nqi::tests::failureMessage;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Runs SQL on a file through Qt's SQLite driver (independent of the store's own code).
[[nodiscard]] bool runSql(const QString &path, const QStringList &statements)
{
    const QString connection = u"tst-"_qs + QString::number(QRandomGenerator::global()->generate());
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            if (ok && !query.exec(statement)) {
                qWarning("SQL failed: %s", qPrintable(statement));
                ok = false;
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

// The statements of an SQL script (as sqlite3 .dump writes it): split at the semicolons outside
// quoted text, which may hold some ("Beijing;Shanghai").
QStringList sqlStatements(const QString &script)
{
    QStringList statements;
    QString current;
    bool quoted = false;
    bool comment = false;
    for (const QChar c : script) {
        if (comment) {
            comment = c != u'\n';
            continue;
        }
        if (!quoted && c == u'-' && current.endsWith(u'-')) {
            current.chop(1);
            comment = true;
            continue;
        }
        if (c == u'\'')
            quoted = !quoted;
        if (c == u';' && !quoted) {
            if (!current.trimmed().isEmpty())
                statements << current.trimmed();
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

// A project file made from an SQL fixture of tests/data/store.
[[nodiscard]] bool projectFromFixture(const QString &fixture, const QString &path)
{
    QFile sql(QStringLiteral(NQI_TEST_DATA_DIR "/store/") + fixture);
    if (!sql.open(QIODevice::ReadOnly))
        return false;
    return runSql(path, sqlStatements(QString::fromUtf8(sql.readAll())));
}

// Turns a project of this version back into the layout of schema 5 (the version is left to
// the caller): nqi_results keyed by its TEXT planner column, constellations without Hypatia's
// rule and shift.
QStringList schema5Layout()
{
    return {u"CREATE TABLE nqi_results_5 (planner TEXT PRIMARY KEY NOT NULL, created_utc TEXT, "
            "options TEXT, input_digest TEXT, result TEXT NOT NULL)"_qs,
            u"INSERT INTO nqi_results_5 SELECT planner, created_utc, options, input_digest, "
            "result FROM nqi_results"_qs,
            u"DROP TABLE nqi_results"_qs,
            u"ALTER TABLE nqi_results_5 RENAME TO nqi_results"_qs,
            u"ALTER TABLE constellations DROP COLUMN gsl_max_range_km"_qs,
            u"ALTER TABLE constellations DROP COLUMN gsl_min_elevation"_qs,
            u"ALTER TABLE constellations DROP COLUMN isl_shift"_qs,
            u"UPDATE nqi_settings SET value = '5' WHERE key = 'schema_version'"_qs};
}

// The columns of a table that make its primary key, as "name TYPE" (PRAGMA table_info).
QStringList primaryKey(const QString &path, const QString &table)
{
    const QString connection = u"pk-"_qs + QString::number(QRandomGenerator::global()->generate());
    QStringList key;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(u"PRAGMA table_info(\"%1\")"_qs.arg(table))) {
                while (query.next()) {
                    if (query.value(5).toInt() > 0)
                        key << query.value(1).toString() + u' ' + query.value(2).toString();
                }
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return key;
}

// One column of a query over a project, as text.
QStringList sqlColumn(const QString &path, const QString &select)
{
    const QString connection = u"col-"_qs + QString::number(QRandomGenerator::global()->generate());
    QStringList values;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(select)) {
                while (query.next())
                    values << (query.value(0).isNull() ? u"NULL"_qs : query.value(0).toString());
            } else {
                values << u"failed: "_qs + select;
            }
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return values;
}

// GDAL's GeoPackage validator (python3-gdal's sample), when installed.
QString gpkgValidator()
{
    for (const QString &path :
         {u"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"_qs,
          u"/usr/share/doc/python3-gdal/examples/validate_gpkg.py"_qs}) {
        if (QFile::exists(path))
            return path;
    }
    return {};
}

// A network whose link Suva-Apia (178.4 E to 171.8 W) and one region cross the antimeridian.
Network acrossTheAntimeridian()
{
    Network network = nqi::tests::fullyPopulatedNetwork();
    Region fijiTonga;
    fijiTonga.name = u"Fiji-Tonga"_qs;
    fijiTonga.purpose = RegionPurpose::Coverage;
    // As the workbench keeps it: longitudes continuous past 180; a hole across it too.
    fijiTonga.rings = {{{-22.5, 176.25}, {-12.0, 176.25}, {-12.0, 186.5}, {-22.5, 186.5}},
                       {{-19.0, 179.0}, {-17.0, 179.0}, {-17.0, 181.0}}};
    network.addRegion(fijiTonga);
    return network;
}

struct OgrOutput
{
    int exitCode = -1;
    QString out;
    QString err;
};

OgrOutput ogrinfo(const QStringList &arguments)
{
    QProcess process;
    process.start(u"ogrinfo"_qs, arguments);
    OgrOutput result;
    if (!process.waitForFinished(60000))
        return result;
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

// Every "x y" pair of the WKT geometries ogrinfo prints.
QList<QPointF> wktCoordinates(const QString &text)
{
    static const QRegularExpression pair(
        uR"((-?\d+(?:\.\d+)?(?:e[-+]?\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)[,)])"_qs);
    QList<QPointF> points;
    for (const QString &line : text.split(u'\n')) {
        if (!line.trimmed().startsWith(u"MULTI"_qs))
            continue;
        for (auto it = pair.globalMatch(line); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            points.append({match.captured(1).toDouble(), match.captured(2).toDouble()});
        }
    }
    return points;
}

// A GeoPackage blob of one Polygon, as schemas 1 to 4 wrote regions.
QByteArray polygonBlob(const QList<QPointF> &ring)
{
    QByteArray blob("GP");
    blob.append(char(0)).append(char(1)); // version 1, little endian, no envelope
    const auto uint32 = [&blob](quint32 value) {
        for (int i = 0; i < 4; ++i)
            blob.append(char((value >> (8 * i)) & 0xff));
    };
    const auto real = [&blob](double value) {
        quint64 bits = 0;
        std::memcpy(&bits, &value, sizeof bits);
        for (int i = 0; i < 8; ++i)
            blob.append(char((bits >> (8 * i)) & 0xff));
    };
    uint32(4326);
    blob.append(char(1));
    uint32(3); // Polygon
    uint32(1);
    uint32(quint32(ring.size()));
    for (const QPointF &point : ring) {
        real(point.x());
        real(point.y());
    }
    return blob;
}

} // namespace

class TestProjectStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFieldSurvivesSaveAndReopen();
    void emptyProject();
    void deletedIdsAreNotReused();
    void fileIsAGeoPackage();
    void antimeridianIsCutForGis();
    void regionEditedInAGisIsReadFromItsGeometry();
    void regionOfAnOlderSchemaIsRead();
    void everyGeoPackageTableHasAnIntegerPrimaryKey();
    void schema5ProjectOpensUnchangedAndMigratesOnSave();
    void constellationRulesSurviveSaveAndReopen();
    void badConstellationRulesAreReported_data();
    void badConstellationRulesAreReported();
    void migratesSchema1WithoutTouchingTheFile();
    void refusesNewerSchema();
    void refusesWhatIsNotAProject_data();
    void refusesWhatIsNotAProject();
    void badValuesEditedInAGisAreReported();
    void failedSaveLeavesFileIntact();
    void killedSaveLeavesOldOrNewProject();

private:
    QTemporaryDir m_dir;
};

void TestProjectStore::everyFieldSurvivesSaveAndReopen()
{
    const Network network = nqi::tests::fullyPopulatedNetwork();
    const QString path = m_dir.filePath(u"full.gpkg"_qs);
    ProjectStore::save(network, path);
    const Network reopened = ProjectStore::load(path);
    QCOMPARE(reopened.settings(), network.settings());
    QCOMPARE(reopened.sites(), network.sites());
    QCOMPARE(reopened.links(), network.links());
    QCOMPARE(reopened.demands(), network.demands());
    QCOMPARE(reopened.constellations(), network.constellations());
    QCOMPARE(reopened.regions(), network.regions());
    QVERIFY(reopened == network);
    // Saving the reopened project again gives the same content.
    const QString again = m_dir.filePath(u"full-again.gpkg"_qs);
    ProjectStore::save(reopened, again);
    QVERIFY(ProjectStore::load(again) == network);
}

void TestProjectStore::emptyProject()
{
    const QString path = m_dir.filePath(u"empty.gpkg"_qs);
    ProjectStore::save(Network(), path);
    const Network reopened = ProjectStore::load(path);
    QVERIFY(reopened.sites().empty());
    QCOMPARE(ProjectStore::schemaVersion(path), ProjectStore::kSchemaVersion);
}

void TestProjectStore::deletedIdsAreNotReused()
{
    Network network = nqi::tests::fullyPopulatedNetwork();
    network.removeSite(9); // the largest site id, with its link 40
    network.removeDemand(99);
    const QString path = m_dir.filePath(u"deleted.gpkg"_qs);
    ProjectStore::save(network, path);
    const Network reopened = ProjectStore::load(path);
    QCOMPARE(reopened.nextSiteId(), SiteId(10));
    QCOMPARE(reopened.nextLinkId(), LinkId(41));
    QCOMPARE(reopened.nextDemandId(), DemandId(100));
}

void TestProjectStore::fileIsAGeoPackage()
{
    const QString path = m_dir.filePath(u"gpkg.gpkg"_qs);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), path);
    const QString connection = u"gpkgcheck"_qs;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"PRAGMA application_id"_qs) && query.next());
        QCOMPARE(query.value(0).toLongLong(), 0x47504B47);
        QVERIFY(query.exec(u"PRAGMA integrity_check"_qs) && query.next());
        QCOMPARE(query.value(0).toString(), u"ok"_qs);
        QVERIFY(query.exec(u"SELECT table_name, geometry_type_name, srs_id FROM "
                           "gpkg_geometry_columns ORDER BY table_name"_qs));
        QStringList layers;
        while (query.next()) {
            layers << query.value(0).toString() + u':' + query.value(1).toString() + u':' +
                          query.value(2).toString();
        }
        QCOMPARE(layers, (QStringList{u"links:MULTILINESTRING:4326"_qs,
                                      u"regions:MULTIPOLYGON:4326"_qs, u"sites:POINT:4326"_qs}));
        QVERIFY(
            query.exec(u"SELECT count(*) FROM gpkg_contents WHERE data_type = 'attributes'"_qs) &&
            query.next());
        // demands, constellations, planner results, address plan
        QCOMPARE(query.value(0).toInt(), 4);
    }
    QSqlDatabase::removeDatabase(connection);

    // What a GIS user sees: ogrinfo lists the layers and counts the features.
    if (QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty())
        QSKIP("ogrinfo (gdal-bin) is not installed");
    QProcess ogrinfo;
    ogrinfo.start(u"ogrinfo"_qs, {u"-so"_qs, path, u"sites"_qs, u"links"_qs});
    QVERIFY(ogrinfo.waitForFinished(60000));
    const QString output = QString::fromUtf8(ogrinfo.readAllStandardOutput());
    QCOMPARE(ogrinfo.exitCode(), 0);
    QVERIFY2(output.contains(u"Geometry: Point"_qs), qPrintable(output));
    QVERIFY(output.contains(u"Geometry: Multi Line String"_qs));
    QVERIFY(output.contains(u"Feature Count: 4"_qs));
    QVERIFY(output.contains(u"Feature Count: 3"_qs));
    QVERIFY(!output.contains(u"ERROR"_qs));
}

// What crosses the antimeridian is cut there, as RFC 7946 asks and QGIS draws right: the link
// Suva-Apia is a MultiLineString of two parts meeting at 180/-180 on the geodesic, the region a
// MultiPolygon of two; no longitude beyond +-180 in any geometry or extent (QGIS drew the link
// as a line past the map's edge). The project reads back exactly as it was.
void TestProjectStore::antimeridianIsCutForGis()
{
    const Network network = acrossTheAntimeridian();
    const QString path = m_dir.filePath(u"antimeridian.gpkg"_qs);
    ProjectStore::save(network, path);
    QVERIFY(ProjectStore::load(path) == network);

    // The rings as the model holds them are kept beside the cut geometry; a region that needs
    // no cut has none.
    const QString connection = u"antimeridian"_qs;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, connection);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(u"SELECT group_concat(geometry_type_name) FROM (SELECT "
                           "geometry_type_name FROM gpkg_geometry_columns WHERE table_name IN "
                           "('links', 'regions') ORDER BY table_name)"_qs) &&
                query.next());
        QCOMPARE(query.value(0).toString(), u"MULTILINESTRING,MULTIPOLYGON"_qs);
        QVERIFY(query.exec(u"SELECT name, unsplit_wkt FROM regions ORDER BY fid"_qs));
        QVERIFY(query.next());
        QVERIFY(query.value(1).isNull());
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"Fiji-Tonga"_qs);
        QCOMPARE(query.value(1).toString(),
                 u"POLYGON ((176.25 -22.5, 176.25 -12, 186.5 -12, 186.5 -22.5, 176.25 -22.5), "
                 "(179 -19, 179 -17, 181 -17, 179 -19))"_qs);
    }
    QSqlDatabase::removeDatabase(connection);

    if (QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty())
        QSKIP("ogrinfo (gdal-bin) is not installed");
    const OgrOutput summary = ogrinfo({u"-al"_qs, u"-so"_qs, path});
    QCOMPARE(summary.exitCode, 0);
    QVERIFY2(summary.err.isEmpty(), qPrintable(summary.err)); // no warning of any kind
    QVERIFY2(summary.out.contains(u"Layer name: links\n"_qs
                                  "Metadata:\n"
                                  "  DESCRIPTION=Links along the geodesic\n"
                                  "Geometry: Multi Line String\n"_qs),
             qPrintable(summary.out));
    QVERIFY(summary.out.contains(u"Geometry: Multi Polygon\n"_qs));
    static const QRegularExpression extent(
        uR"(Extent: \((-?[\d.]+), -?[\d.]+\) - \((-?[\d.]+),)"_qs);
    int extents = 0;
    for (auto it = extent.globalMatch(summary.out); it.hasNext(); ++extents) {
        const QRegularExpressionMatch match = it.next();
        QVERIFY2(match.captured(1).toDouble() >= -180.0 && match.captured(2).toDouble() <= 180.0,
                 qPrintable(match.captured(0)));
    }
    QCOMPARE(extents, 3); // sites, links, regions

    // The link across: two parts, the first ending at 180, the second starting at -180, at the
    // latitude where the geodesic crosses.
    const OgrOutput link = ogrinfo({u"-q"_qs, path, u"links"_qs, u"-fid"_qs, u"40"_qs});
    static const QRegularExpression parts(
        uR"(MULTILINESTRING \(\(178\.4419 -18\.1416,.*,180(?:\.0)? (-17\.\d+)\),\(-180 (-17\.\d+),.*,-171\.7667 -13\.8333\)\))"_qs);
    const QRegularExpressionMatch cut = parts.match(link.out);
    QVERIFY2(cut.hasMatch(), qPrintable(link.out));
    QCOMPARE(cut.captured(1), cut.captured(2));
    for (const QPointF &point : wktCoordinates(link.out))
        QVERIFY2(std::abs(point.x()) <= 180.0, qPrintable(link.out));
    // A link that does not cross is one part.
    const OgrOutput backbone = ogrinfo({u"-q"_qs, path, u"links"_qs, u"-fid"_qs, u"1"_qs});
    QVERIFY2(backbone.out.contains(u"MULTILINESTRING ((116.3972 39.9075,"_qs) &&
                 !backbone.out.contains(u"),("_qs),
             qPrintable(backbone.out));

    // The region: two polygons, the hole across the antimeridian part of each one's boundary.
    const OgrOutput regions = ogrinfo({u"-q"_qs, path, u"regions"_qs, u"-fid"_qs, u"2"_qs});
    QVERIFY2(regions.out.contains(u"MULTIPOLYGON ((("_qs) && regions.out.count(u")),(("_qs) == 1,
             qPrintable(regions.out));
    const QList<QPointF> expected{
        {180, -22.5},  {176.25, -22.5}, {176.25, -12}, {180, -12},  {180, -17},    {179, -17},
        {179, -19},    {180, -18},      {180, -22.5},  {-180, -12}, {-173.5, -12}, {-173.5, -22.5},
        {-180, -22.5}, {-180, -18},     {-179, -17},   {-180, -17}, {-180, -12}};
    QCOMPARE(wktCoordinates(regions.out), expected);

    // GDAL's GeoPackage validator finds nothing wrong with the layers (when installed).
    const QString validator =
        u"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"_qs;
    if (QFile::exists(validator)) {
        QProcess validate;
        validate.start(u"/usr/bin/python3"_qs, {validator, u"-k"_qs, path});
        QVERIFY(validate.waitForFinished(60000));
        const QString found =
            QString::fromUtf8(validate.readAllStandardOutput() + validate.readAllStandardError());
        for (const QString &table : {u"links"_qs, u"regions"_qs, u"sites"_qs, u"geom"_qs})
            QVERIFY2(!found.contains(table), qPrintable(found));
    }
}

// A GIS user who redraws a region that was cut at the antimeridian changes its geometry, not
// the WKT of its uncut rings: the geometry is then what the region is.
void TestProjectStore::regionEditedInAGisIsReadFromItsGeometry()
{
    const Network network = acrossTheAntimeridian();
    const QString path = m_dir.filePath(u"redrawn.gpkg"_qs);
    ProjectStore::save(network, path);
    QVERIFY(runSql(path, {u"UPDATE regions SET geom = (SELECT geom FROM regions WHERE fid = 1) "
                          "WHERE fid = 2"_qs}));
    const Network reopened = ProjectStore::load(path);
    QCOMPARE(reopened.regions().size(), std::size_t(2));
    QCOMPARE(reopened.regions()[1].name, u"Fiji-Tonga"_qs);
    QCOMPARE(reopened.regions()[1].rings, network.regions()[0].rings);
}

// Projects of schema 4 and before hold regions as Polygons (and links as LineStrings, which
// are not read): they open as they are.
void TestProjectStore::regionOfAnOlderSchemaIsRead()
{
    const QString path = m_dir.filePath(u"schema4.gpkg"_qs);
    Network network = nqi::tests::fullyPopulatedNetwork();
    ProjectStore::save(network, path);
    const QList<QPointF> ring{{170, -20}, {190, -20}, {190, -10}, {170, -10}, {170, -20}};
    QVERIFY(runSql(path, schema5Layout()));
    QVERIFY(runSql(path, {u"ALTER TABLE regions DROP COLUMN unsplit_wkt"_qs,
                          u"UPDATE gpkg_geometry_columns SET geometry_type_name = 'POLYGON' WHERE "
                          "table_name = 'regions'"_qs,
                          u"UPDATE regions SET geom = X'%1'"_qs.arg(
                              QString::fromLatin1(polygonBlob(ring).toHex())),
                          u"UPDATE nqi_settings SET value = '4' WHERE key = 'schema_version'"_qs}));
    QCOMPARE(ProjectStore::schemaVersion(path), 4);
    const Network reopened = ProjectStore::load(path);
    QCOMPARE(reopened.regions().size(), std::size_t(1));
    QCOMPARE(reopened.regions()[0].rings,
             (QList<QList<LatLon>>{{{-20, 170}, {-20, 190}, {-10, 190}, {-10, 170}}}));

    // Saved again, it is cut at the antimeridian and reads back the same.
    const QString saved = m_dir.filePath(u"schema4-saved.gpkg"_qs);
    ProjectStore::save(reopened, saved);
    QCOMPARE(ProjectStore::schemaVersion(saved), ProjectStore::kSchemaVersion);
    QVERIFY(ProjectStore::load(saved) == reopened);
}

namespace {

// What GDAL's validator, SQLite and ogrinfo say of a project's GeoPackage tables: every table
// registered in gpkg_contents keyed by one INTEGER PRIMARY KEY (Req 29 for features, Req 119
// for attributes), and nqi_results an attribute table listing each planner key. Empty when
// all is well.
QString conformanceProblems(const QString &path, const QStringList &plannerKeys)
{
    QStringList problems;
    const QStringList tables =
        sqlColumn(path, u"SELECT table_name FROM gpkg_contents ORDER BY table_name"_qs);
    if (!tables.contains(u"nqi_results"_qs))
        problems << u"gpkg_contents lists no nqi_results: "_qs + tables.join(u", "_qs);
    for (const QString &table : tables) {
        const QStringList key = primaryKey(path, table);
        if (key.size() != 1 || !key.constFirst().endsWith(u" INTEGER"_qs))
            problems << u"%1: primary key (%2), not one INTEGER column"_qs.arg(table,
                                                                               key.join(u", "_qs));
    }
    // The planner key stays unique and required.
    if (!sqlColumn(path, u"SELECT sql FROM sqlite_master WHERE name = 'nqi_results'"_qs)
             .value(0)
             .contains(u"planner TEXT NOT NULL UNIQUE"_qs))
        problems << u"nqi_results.planner is not TEXT NOT NULL UNIQUE"_qs;

    if (const QString validator = gpkgValidator(); !validator.isEmpty()) {
        QProcess validate;
        validate.start(u"/usr/bin/python3"_qs, {validator, u"-k"_qs, path});
        if (!validate.waitForFinished(60000))
            problems << u"validate_gpkg.py did not finish"_qs;
        const QString found =
            QString::fromUtf8(validate.readAllStandardOutput() + validate.readAllStandardError())
                .trimmed();
        if (validate.exitCode() != 0 || !found.isEmpty())
            problems << u"validate_gpkg.py (exit %1): %2"_qs.arg(validate.exitCode()).arg(found);
    } else {
        qInfo("GDAL's validate_gpkg.py (python3-gdal) is not installed: checked with SQLite only");
    }

    if (!QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty()) {
        const OgrOutput summary = ogrinfo({u"-so"_qs, path, u"nqi_results"_qs});
        const QString expected =
            u"Layer name: nqi_results\nMetadata:\n  DESCRIPTION=Planner "
            "results (JSON)\nGeometry: None\nFeature Count: %1\n"_qs.arg(plannerKeys.size());
        if (summary.exitCode != 0 || !summary.out.contains(expected) ||
            !summary.out.contains(u"FID Column = id\n"_qs) ||
            !summary.out.contains(u"planner: String (0.0) UNIQUE NOT NULL\n"_qs) ||
            !summary.err.isEmpty())
            problems << u"ogrinfo -so: "_qs + summary.out + summary.err;
        const OgrOutput rows = ogrinfo({u"-q"_qs, path, u"nqi_results"_qs});
        for (const QString &key : plannerKeys) {
            if (!rows.out.contains(u"  planner (String) = %1\n"_qs.arg(key)))
                problems << u"ogrinfo lists no row of planner %1: %2"_qs.arg(key,
                                                                             rows.out.left(400));
        }
    } else {
        qInfo("ogrinfo (gdal-bin) is not installed: nqi_results not listed through GDAL");
    }
    return problems.join(u'\n');
}

} // namespace

// GDAL's validator flagged nqi_results, keyed by its TEXT planner column: GeoPackage attribute
// tables need an INTEGER PRIMARY KEY (Req 119). The planner key is a UNIQUE column beside it.
void TestProjectStore::everyGeoPackageTableHasAnIntegerPrimaryKey()
{
    Network network = nqi::tests::fullyPopulatedNetwork();
    PlannerResult result = *network.plannerResult(u"route"_qs);
    for (const QString &key : {u"resilience+n2"_qs, u"fabric:ZJK"_qs}) {
        result.planner = key;
        network.setPlannerResult(result);
    }
    const QString path = m_dir.filePath(u"conformance.gpkg"_qs);
    ProjectStore::save(network, path);
    const QString problems =
        conformanceProblems(path, {u"fabric:ZJK"_qs, u"resilience+n2"_qs, u"route"_qs});
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    const Network reopened = ProjectStore::load(path);
    QVERIFY(reopened == network);
    QCOMPARE(reopened.plannerResult(u"fabric:ZJK"_qs)->json, result.json);
}

// A project of schema 5 (tests/data/store/schema5.sql, as the previous version wrote it) opens
// read-only without a byte changed, every result still current; saved, it is schema 6 and
// conforms.
void TestProjectStore::schema5ProjectOpensUnchangedAndMigratesOnSave()
{
    const QString path = m_dir.filePath(u"schema5.gpkg"_qs);
    QVERIFY(projectFromFixture(u"schema5.sql"_qs, path));
    QCOMPARE(ProjectStore::schemaVersion(path), 5);
    QCOMPARE(primaryKey(path, u"nqi_results"_qs), QStringList{u"planner TEXT"_qs});
    const QByteArray before = fileHash(path);

    const Network network = ProjectStore::load(path);
    QCOMPARE(fileHash(path), before);
    QCOMPARE(network.settings().name, u"Schema 5 project"_qs);
    QCOMPARE(network.sites().size(), std::size_t(3));
    QCOMPARE(network.links().size(), std::size_t(3));
    QCOMPARE(network.demands().size(), std::size_t(2));
    QCOMPARE(network.addressPlan().allocations.size(), std::size_t(15));
    QCOMPARE(network.plannerResults().size(), std::size_t(2));
    for (const QString &key : {u"latency"_qs, u"resilience+n2"_qs}) {
        const PlannerResult *stored = network.plannerResult(key);
        QVERIFY2(stored && network.isCurrent(*stored), qPrintable(key));
    }
    // The constellation as kept then, Hypatia's rule and shift at their defaults.
    QCOMPARE(network.constellations().size(), std::size_t(1));
    const Constellation &kept = network.constellations().front();
    QCOMPARE(kept.name, u"Polar shell"_qs);
    QCOMPARE(kept.shells, (QList<WalkerShell>{{72, 6, 1, 53.0, 550.0}}));
    QCOMPARE(kept.minElevationDeg, 30.0);
    QCOMPARE(kept.islPattern, IslPattern::PlusGrid);
    QCOMPARE(kept.gslMaxRangeKm, std::optional<double>());
    QCOMPARE(kept.gslMinElevation, true);
    QCOMPARE(kept.islShift, 0);

    const QString saved = m_dir.filePath(u"schema5-saved.gpkg"_qs);
    ProjectStore::save(network, saved);
    QCOMPARE(ProjectStore::schemaVersion(saved), 6);
    const QString problems = conformanceProblems(saved, {u"latency"_qs, u"resilience+n2"_qs});
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    QVERIFY(ProjectStore::load(saved) == network);
}

// Hypatia's ground-satellite rule (the slant range alone, or with the minimum elevation) and
// its +Grid with a shift are kept with the constellation.
void TestProjectStore::constellationRulesSurviveSaveAndReopen()
{
    Network network = nqi::tests::fullyPopulatedNetwork();
    Constellation hypatia;
    hypatia.name = u"Kuiper-like"_qs;
    hypatia.shells = {{1156, 34, 0, 51.9, 630.0}};
    hypatia.minElevationDeg = 10.0;
    hypatia.gslMaxRangeKm = 1089.686;
    hypatia.gslMinElevation = false;
    hypatia.islPattern = IslPattern::Hypatia;
    hypatia.islShift = 33;
    network.addConstellation(hypatia);
    Constellation both = hypatia;
    both.name = u"Both limits"_qs;
    both.gslMinElevation = true;
    both.islPattern = IslPattern::None;
    both.islShift = 0;
    network.addConstellation(both);

    const QString path = m_dir.filePath(u"rules.gpkg"_qs);
    ProjectStore::save(network, path);
    const Network reopened = ProjectStore::load(path);
    QCOMPARE(reopened.constellations(), network.constellations());
    QCOMPARE(reopened.constellations()[2].gslMaxRangeKm, std::optional<double>(1089.686));
    QCOMPARE(reopened.constellations()[2].islShift, 33);
    QCOMPARE(sqlColumn(path, u"SELECT isl_pattern || ' ' || ifnull(gsl_max_range_km, 'NULL') || "
                             "' ' || gsl_min_elevation || ' ' || isl_shift FROM constellations "
                             "ORDER BY fid"_qs),
             (QStringList{u"plus_grid NULL 1 0"_qs, u"none NULL 1 0"_qs,
                          u"hypatia 1089.686 0 33"_qs, u"none 1089.686 1 0"_qs}));
}

void TestProjectStore::badConstellationRulesAreReported_data()
{
    QTest::addColumn<QString>("update");
    QTest::addColumn<QString>("expected");
    const QString where = u"table constellations, feature 1: "_qs;
    QTest::newRow("range 0") << u"gsl_max_range_km = 0"_qs
                             << where + u"maximum slant range 0 km is out of range: above 0 and "
                                        "at most 100000 km"_qs;
    QTest::newRow("range past the bound")
        << u"gsl_max_range_km = 1e300"_qs
        << where + u"maximum slant range 1e+300 km is out of range: above 0 and at most 100000 "
                   "km"_qs;
    QTest::newRow("range as text")
        << u"gsl_max_range_km = 'far'"_qs
        << where + u"column gsl_max_range_km holds text \"far\"; it must hold a number"_qs;
    QTest::newRow("minimum elevation flag 2")
        << u"gsl_min_elevation = 2, gsl_max_range_km = 1000"_qs
        << where + u"column gsl_min_elevation holds 2; it must be 1"_qs;
    QTest::newRow("no rule left")
        << u"gsl_min_elevation = 0"_qs
        << where + u"without a maximum slant range the minimum elevation is the only "
                   "ground-satellite rule: it cannot be left out"_qs;
    QTest::newRow("unknown pattern") << u"isl_pattern = 'star'"_qs
                                     << where + u"unknown isl_pattern \"star\"; expected none, "
                                                "plus_grid or hypatia"_qs;
    QTest::newRow("shift without Hypatia's pairing")
        << u"isl_shift = 5"_qs
        << where + u"ISL shift 5 applies to Hypatia's pairing only; with any other pattern it is "
                   "0"_qs;
    QTest::newRow("shift past the plane")
        << u"isl_pattern = 'hypatia', isl_shift = 22"_qs
        << where + u"ISL shift 22 is out of range 0..21 (satellites per plane of Walker shell "
                   "1584/72/1, less one)"_qs;
    QTest::newRow("negative shift") << u"isl_pattern = 'hypatia', isl_shift = -1"_qs
                                    << where + u"column isl_shift holds -1; it must be "
                                               "0..satellites per plane - 1"_qs;
    QTest::newRow("shift past int")
        << u"isl_pattern = 'hypatia', isl_shift = 4294967297"_qs
        << where + u"column isl_shift holds 4294967297; it must be 0..satellites per plane - 1"_qs;
}

void TestProjectStore::badConstellationRulesAreReported()
{
    QFETCH(QString, update);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(u"bad-rules.gpkg"_qs);
    QFile::remove(path);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), path);
    QVERIFY(runSql(path, {u"UPDATE constellations SET %1 WHERE fid = 1"_qs.arg(update)}));
    const QString message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(message.startsWith(QDir::toNativeSeparators(path) + u": "_qs + expected),
             qPrintable(message));
}

void TestProjectStore::migratesSchema1WithoutTouchingTheFile()
{
    // A schema-1 project as the development previews wrote it (tests/data/schema1.sql).
    const QString path = m_dir.filePath(u"schema1.gpkg"_qs);
    QFile sql(QStringLiteral(NQI_TEST_DATA_DIR "/store/schema1.sql"));
    QVERIFY(sql.open(QIODevice::ReadOnly));
    QStringList statements;
    for (const QString &statement : QString::fromUtf8(sql.readAll()).split(u';')) {
        if (!statement.trimmed().isEmpty())
            statements << statement;
    }
    QVERIFY(runSql(path, statements));
    const QByteArray before = fileHash(path);
    QCOMPARE(ProjectStore::schemaVersion(path), 1);

    const Network network = ProjectStore::load(path);
    QCOMPARE(fileHash(path), before); // migrated in a copy
    QCOMPARE(network.settings().name, u"Preview project"_qs);
    QCOMPARE(network.sites().size(), std::size_t(2));
    QCOMPARE(network.site(2)->name, u"上海"_qs);
    QCOMPARE(network.links().size(), std::size_t(1));
    const Link &link = network.links().front();
    QCOMPARE(link.capacityGbps, 400.0);
    QCOMPARE(link.lengthKm, std::optional<double>(1318.4));
    QCOMPARE(link.routeFactor, std::optional<double>()); // added by the migration, empty
    QCOMPARE(link.srlgs, QStringList{u"JING-HU"_qs});
    QCOMPARE(network.demands().size(), std::size_t(1));

    // Saving writes the current schema.
    const QString saved = m_dir.filePath(u"schema1-saved.gpkg"_qs);
    ProjectStore::save(network, saved);
    QCOMPARE(ProjectStore::schemaVersion(saved), ProjectStore::kSchemaVersion);
    QVERIFY(ProjectStore::load(saved) == network);
}

void TestProjectStore::refusesNewerSchema()
{
    const QString path = m_dir.filePath(u"future.gpkg"_qs);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), path);
    QVERIFY(
        runSql(path, {u"UPDATE nqi_settings SET value = '99' WHERE key = 'schema_version'"_qs}));
    const QString message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(message.contains(u"newer NQI Workbench (project schema 99"_qs), qPrintable(message));
    QVERIFY(message.startsWith(QDir::toNativeSeparators(path)));
}

void TestProjectStore::refusesWhatIsNotAProject_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing file") << u"missing"_qs << u"no such file"_qs;
    QTest::newRow("text file") << u"text"_qs << u"not an NQI Workbench project"_qs;
    QTest::newRow("empty file") << u"empty"_qs << u"not an NQI Workbench project"_qs;
    QTest::newRow("plain SQLite") << u"sqlite"_qs << u"not an NQI Workbench project"_qs;
    QTest::newRow("other GeoPackage") << u"gpkg"_qs << u"a GeoPackage but not an NQI"_qs;
    QTest::newRow("truncated project") << u"truncated"_qs << u"not an NQI Workbench project"_qs;
    QTest::newRow("directory") << u"directory"_qs << u"not a readable file"_qs;
}

void TestProjectStore::refusesWhatIsNotAProject()
{
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath(u"not-a-project-"_qs + kind + u".gpkg"_qs);
    if (kind == u"text") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("code,name\nBJ,Beijing\n");
    } else if (kind == u"empty") {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    } else if (kind == u"sqlite") {
        QVERIFY(runSql(path, {u"CREATE TABLE t (x)"_qs}));
    } else if (kind == u"gpkg") {
        QVERIFY(runSql(path, {u"PRAGMA application_id = 1196444487"_qs,
                              u"CREATE TABLE gpkg_contents (table_name TEXT)"_qs}));
    } else if (kind == u"truncated") {
        const QString full = m_dir.filePath(u"to-truncate.gpkg"_qs);
        ProjectStore::save(nqi::tests::syntheticNetwork(500, 2, 100), full);
        QFile file(full);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(file.read(file.size() / 3));
    } else if (kind == u"directory") {
        QVERIFY(QDir(m_dir.path()).mkdir(u"not-a-project-"_qs + kind + u".gpkg"_qs));
    }
    const QString message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY(message.contains(QDir::toNativeSeparators(path)));
}

void TestProjectStore::badValuesEditedInAGisAreReported()
{
    const QString path = m_dir.filePath(u"edited.gpkg"_qs);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), path);
    QVERIFY(runSql(path, {u"UPDATE links SET capacity_gbps = 'fast' WHERE fid = 2"_qs}));
    QString message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(
        message.contains(u"table links, feature 2: column capacity_gbps holds text \"fast\""_qs),
        qPrintable(message));

    QVERIFY(runSql(path, {u"UPDATE links SET capacity_gbps = 100 WHERE fid = 2"_qs,
                          u"UPDATE sites SET latitude_deg = 123 WHERE fid = 7"_qs}));
    message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(message.contains(u"table sites, feature 7: latitude 123 is out of range"_qs),
             qPrintable(message));

    QVERIFY(runSql(path, {u"UPDATE sites SET latitude_deg = 31 WHERE fid = 7"_qs,
                          u"UPDATE sites SET kind = 'castle' WHERE fid = 1"_qs}));
    message = failureMessage([&] { ProjectStore::load(path); });
    QVERIFY2(message.contains(u"unknown kind \"castle\""_qs), qPrintable(message));
}

void TestProjectStore::failedSaveLeavesFileIntact()
{
    const QString path = m_dir.filePath(u"intact.gpkg"_qs);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), path);
    const QByteArray before = fileHash(path);

    // The folder of the target does not exist.
    QString message = failureMessage(
        [&] { ProjectStore::save(Network(), m_dir.filePath(u"no/such/folder/x.gpkg"_qs)); });
    QVERIFY2(message.contains(u"does not exist"_qs), qPrintable(message));

    // The target is a folder.
    QVERIFY(QDir(m_dir.path()).mkdir(u"folder.gpkg"_qs));
    message =
        failureMessage([&] { ProjectStore::save(Network(), m_dir.filePath(u"folder.gpkg"_qs)); });
    QVERIFY2(message.contains(u"is a folder"_qs), qPrintable(message));

    QCOMPARE(fileHash(path), before);
    // No temporary files are left behind.
    const QStringList leftovers =
        QDir(m_dir.path()).entryList({u".intact.gpkg.saving-*"_qs}, QDir::Files | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u", "_qs)));
}

void TestProjectStore::killedSaveLeavesOldOrNewProject()
{
    // Alternate between two networks of different sizes; kill the saving process at moments
    // spread over the save. After every kill the file must open as one of the two.
    const QString path = m_dir.filePath(u"killed.gpkg"_qs);
    const int sizes[2] = {3000, 6000};
    ProjectStore::save(nqi::tests::syntheticNetwork(sizes[0], 3, 0), path);
    qsizetype current = sizes[0];

    // Measure one full save to spread the kills over it.
    QElapsedTimer timer;
    QProcess probe;
    probe.start(QStringLiteral(NQI_SAVE_HELPER), {path, QString::number(sizes[1])});
    QVERIFY(probe.waitForReadyRead(60000));
    timer.start();
    QVERIFY(probe.waitForFinished(120000));
    QCOMPARE(probe.exitCode(), 0);
    const qint64 saveMs = std::max<qint64>(timer.elapsed(), 20);
    current = sizes[1];
    QCOMPARE(qsizetype(ProjectStore::load(path).sites().size()), current);

    int sawOld = 0;
    int sawNew = 0;
    const int rounds = 24;
    for (int round = 0; round < rounds; ++round) {
        const int target = sizes[round % 2];
        QProcess saver;
        saver.start(QStringLiteral(NQI_SAVE_HELPER), {path, QString::number(target)});
        QVERIFY(saver.waitForReadyRead(60000));
        // Kill moments from the start of the save to just past its end.
        QTest::qSleep(int(saveMs * round / (rounds - 4)));
        saver.kill();
        QVERIFY(saver.waitForFinished(60000));

        Network reopened;
        const QString message = failureMessage([&] { reopened = ProjectStore::load(path); });
        QVERIFY2(message.isEmpty(), qPrintable(u"round %1: %2"_qs.arg(round).arg(message)));
        const qsizetype sites = qsizetype(reopened.sites().size());
        QVERIFY2(sites == current || sites == target,
                 qPrintable(u"round %1: %2 sites"_qs.arg(round).arg(sites)));
        QCOMPARE(qsizetype(reopened.links().size()) > 0, true);
        if (sites == target && target != current)
            ++sawNew;
        else
            ++sawOld;
        current = sites;
    }
    qInfo("kills: %d left the previous project, %d the new one (save takes ~%lld ms)", sawOld,
          sawNew, saveMs);
    QVERIFY(sawOld > 0); // the kills did land mid-save

    // The next save clears temporaries of killed saves.
    ProjectStore::save(Network(), path);
    const QStringList leftovers =
        QDir(m_dir.path()).entryList({u".killed.gpkg.saving-*"_qs}, QDir::Files | QDir::Hidden);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u", "_qs)));
}

QTEST_GUILESS_MAIN(TestProjectStore)
#include "tst_projectstore.moc"
