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
