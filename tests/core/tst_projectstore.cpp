#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

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

} // namespace

class TestProjectStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFieldSurvivesSaveAndReopen();
    void emptyProject();
    void deletedIdsAreNotReused();
    void fileIsAGeoPackage();
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
        QCOMPARE(layers, (QStringList{u"links:LINESTRING:4326"_qs, u"regions:POLYGON:4326"_qs,
                                      u"sites:POINT:4326"_qs}));
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
    QVERIFY(output.contains(u"Geometry: Line String"_qs));
    QVERIFY(output.contains(u"Feature Count: 4"_qs));
    QVERIFY(output.contains(u"Feature Count: 3"_qs));
    QVERIFY(!output.contains(u"ERROR"_qs));
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
