#include "../htmltext.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

#include <arpa/inet.h>
#include <cmath>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sys/stat.h>

// End to end: the nqi command as a user runs it, checked by exit code, output and files.
namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run nqi(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(NQI_CLI), arguments);
    Run run;
    if (!process.waitForFinished(120000))
        return run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QByteArray hashOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

QString sampleFile(const char *name)
{
    return QStringLiteral(NQI_SOURCE_DIR "/resources/samples/east-data-west-computing/") +
           QLatin1StringView(name);
}

QString zooFile(const char *name)
{
    return QStringLiteral(NQI_SHARED_DIR "/datasets/topology-zoo/graphml/") +
           QLatin1StringView(name);
}

// The sample project's result of a planner, as `nqi plan PLANNER PROJECT --json` prints it.
QJsonObject samplePlan(const QString &planner)
{
    return QJsonDocument::fromJson(
               nqi({u"plan"_qs, planner, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs})
                   .out.toUtf8())
        .object();
}

// The chapter headings of a full report in English.
const QStringList &reportHeadings()
{
    static const QStringList headings{u"Executive summary"_qs,
                                      u"Network map"_qs,
                                      u"Sites"_qs,
                                      u"Links: normal and worst-case"_qs,
                                      u"Demands: latency and SLA"_qs,
                                      u"The ten worst single failures (N-1)"_qs,
                                      u"Capacity to add: bill of materials"_qs,
                                      u"Methods and assumptions"_qs};
    return headings;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp();
    void usageErrors_data();
    void usageErrors();
    void infoOfTheSample();
    void importMakesAProject();
    void importRefusesToOverwrite();
    void importWarningsAndStrict();
    void failedImportIntoLeavesProjectByteIdentical_data();
    void failedImportIntoLeavesProjectByteIdentical();
    void importIntoAdds();
    void exportLayers();
    void exportErrors();
    void exportKeepsWhatFormatsCannotHold();
    void infoOfSomethingElse();
    void planRoute();
    void planResilience();
    void planLatencyAndCapacity();
    void planSavesIntoTheProject();
    void planKeepsEachRunConfigurationBesideTheOthers();
    void oneCurrencyEverywhere();
    void aResultThatIsNotJsonIsStaleNotALockOut();
    void anotherProgramsWriteLockIsWaitedForAndSaid();
    void optionsThatGiveNoFiguresAreRefused();
    void failuresThatCutTrafficCountAlike();
    void mergeInTwoLevels();
    void slurmJobMergesInTwoLevels();
    void aFailedSaveLeavesNoOutput();
    void mergeRefusesDevicesFoldersAndWrongTypes();
    void planFabricAndDci();
    void planSaveKeepsEveryStoredOption();
    void planHelpListsEachOptionsRangeUnitAndDefault();
    void addressPlan();
    void deviceConfigurations();
    void reports();
    void reportOdtInLibreOffice();
    void reportOfAConstellation();
    void longTablesGoBesideTheReport();
    void sgp4ReproducesTheVerificationSet();
    void planSatellite();
    void integerOptionsRefuseFractionsAndOutOfRange_data();
    void integerOptionsRefuseFractionsAndOutOfRange();
    void addressRefusesSpecialPurposeRanges_data();
    void addressRefusesSpecialPurposeRanges();
    void configUsesTemplatesOnlyFromTheFolderNamed();
    void satelliteSizesAreBoundedBeforeWork_data();
    void satelliteSizesAreBoundedBeforeWork();
    void latencySummaryCountsUnroutedDemands();
    void configForceKeepsWhatNqiDidNotWrite();
    void importOfAVrtNeverConnectsOut();
    void mergeRefusesWhatIsNotAPart();
    void mergeRefusesAShardGivenTwiceOrMissing();
    void mergeRefusesPartsOfAnotherSweep();
    void mergeRefusesAProjectEditedSinceTheParts();
    void mergeRefusesAFolderAsOutput();
    void mergeRefusesAPartEditedSinceNqiWroteIt();
    void mergeRefusesPartsOfAnotherNqiVersion();
    void scaleOutNeverOverwritesItsInputs();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

QString TestCli::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void TestCli::versionAndHelp()
{
    Run run = nqi({u"--version"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(u"nqi "_qs));
    run = nqi({u"--help"_qs});
    QCOMPARE(run.exitCode, 0);
    for (const QString &command : {u"info"_qs, u"import"_qs, u"export"_qs, u"plan"_qs})
        QVERIFY2(run.out.contains(u"\n  "_qs + command + u' '), qPrintable(command));
    QVERIFY(run.out.contains(u"Examples:"_qs));
    run = nqi({u"import"_qs, u"--help"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u"--strict"_qs));
    // A command's usage names the command as typed, not the path the program ran from.
    run = nqi({u"plan"_qs, u"route"_qs, u"--help"_qs});
    QVERIFY2(run.out.startsWith(u"Usage: nqi plan route [options]"_qs), qPrintable(run.out));
    run = nqi({u"export"_qs, u"--bogus"_qs});
    QVERIFY2(run.err.contains(u"\nUsage: nqi export [options]"_qs), qPrintable(run.err));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no command") << QStringList() << u"Usage: nqi"_qs;
    QTest::newRow("unknown command") << QStringList{u"plot"_qs} << u"unknown command \"plot\""_qs;
    QTest::newRow("unknown option")
        << QStringList{u"info"_qs, u"--jsn"_qs, u"x.gpkg"_qs} << u"Unknown option 'jsn'"_qs;
    QTest::newRow("import without target")
        << QStringList{u"import"_qs, u"a.csv"_qs} << u"give exactly one of -o and --into"_qs;
    QTest::newRow("import without files")
        << QStringList{u"import"_qs, u"-o"_qs, u"x.gpkg"_qs} << u"give at least one file"_qs;
    QTest::newRow("plan without planner") << QStringList{u"plan"_qs} << u"Usage: nqi plan"_qs;
    QTest::newRow("unknown planner") << QStringList{u"plan"_qs, u"routing"_qs, u"p.gpkg"_qs}
                                     << u"unknown planner \"routing\""_qs;
    QTest::newRow("plan bad module")
        << QStringList{u"plan"_qs, u"capacity"_qs, u"p.gpkg"_qs, u"--module"_qs, u"400"_qs}
        << u"--module: \"400\" must be GBPS:COST"_qs;
    QTest::newRow("report of no section")
        << QStringList{u"report"_qs, u"p.gpkg"_qs, u"-o"_qs, u"r.html"_qs, u"--sections"_qs,
                       u","_qs}
        << u"--sections names no section"_qs;
    // A module of 1e-300 Gbps made a plan of 10^303 modules, their counts overflowing.
    QTest::newRow("plan tiny module")
        << QStringList{u"plan"_qs, u"capacity"_qs, u"p.gpkg"_qs, u"--module"_qs, u"1e-300:0"_qs}
        << u"--module: \"1e-300:0\" must be GBPS:COST with a rate from 0.001 to 100000 Gbps"_qs;
    QTest::newRow("plan dear line")
        << QStringList{u"plan"_qs, u"ingest"_qs, u"--tb-per-day"_qs, u"10"_qs, u"--line"_qs,
                       u"10:1e300"_qs}
        << u"--line: \"10:1e300\" must be GBPS:COST"_qs;
    QTest::newRow("plan bad target")
        << QStringList{u"plan"_qs, u"capacity"_qs, u"p.gpkg"_qs, u"--target"_qs, u"70"_qs}
        << u"--target: 70 is out of range: give above 0 and at most 1"_qs;
    QTest::newRow("plan bad circles")
        << QStringList{u"plan"_qs, u"latency"_qs, u"p.gpkg"_qs, u"--circles"_qs, u"1,x"_qs}
        << u"--circles: \"x\" is not a number"_qs;
    QTest::newRow("sgp4 without file") << QStringList{u"sgp4"_qs} << u"give one TLE file"_qs;
    QTest::newRow("satellite bad walker")
        << QStringList{u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"72/22/1:53:550"_qs}
        << u"72 satellites do not divide into 22 planes"_qs;
    QTest::newRow("satellite half window")
        << QStringList{u"plan"_qs,          u"satellite"_qs, u"--walker"_qs,
                       u"72/6/1:53:550"_qs, u"--from"_qs,    u"2024-01-13T00:00:00Z"_qs}
        << u"give both --from and --to"_qs;
    QTest::newRow("satellite bad bbox")
        << QStringList{u"plan"_qs,          u"satellite"_qs, u"--walker"_qs,
                       u"72/6/1:53:550"_qs, u"--bbox"_qs,    u"1,2,3"_qs}
        << u"--bbox needs four numbers W,S,E,N"_qs;
    QTest::newRow("satellite no satellites")
        << QStringList{u"plan"_qs, u"satellite"_qs} << u"give --walker or --tle"_qs;
    const QStringList walker{u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"72/6/1:53:550"_qs};
    QTest::newRow("satellite gsl range 0")
        << walker + QStringList{u"--gsl-max-range-km"_qs, u"0"_qs}
        << u"--gsl-max-range-km must be above 0 and at most 100000 km"_qs;
    QTest::newRow("satellite isl pattern")
        << walker + QStringList{u"--isl-pattern"_qs, u"grid"_qs}
        << u"--isl-pattern must be plus-grid (nqi's +Grid) or hypatia"_qs;
    QTest::newRow("satellite isl shift alone")
        << walker + QStringList{u"--isl-shift"_qs, u"1"_qs}
        << u"--isl-shift applies to --isl-pattern hypatia only"_qs;
    QTest::newRow("export bad layer") << QStringList{u"export"_qs, u"p.gpkg"_qs, u"--layer"_qs,
                                                     u"nodes"_qs,  u"-o"_qs,     u"x.csv"_qs}
                                      << u"--layer must be sites, links or demands"_qs;
}

void TestCli::sgp4ReproducesTheVerificationSet()
{
    const QString dir = u"/usr/lib/python3/dist-packages/sgp4/"_qs;
    if (!QFile::exists(dir + u"SGP4-VER.TLE"_qs))
        QSKIP("python3-sgp4 (the verification set) is not installed");
    // Strict: the file's deliberately wrong checksums are refused with file, line and column.
    const Run strict = nqi({u"sgp4"_qs, dir + u"SGP4-VER.TLE"_qs});
    QCOMPARE(strict.exitCode, 1);
    QVERIFY2(strict.err.contains(u"SGP4-VER.TLE:100: column 69 (checksum)"_qs),
             qPrintable(strict.err));
    QVERIFY(strict.out.isEmpty());

    const Run run = nqi({u"sgp4"_qs, u"--lenient"_qs, dir + u"SGP4-VER.TLE"_qs});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err.count(u"warning: column 69 (checksum)"_qs), 5);
    QCOMPARE(run.err.count(u"stopped at"_qs), 7);
    QFile expectedFile(dir + u"tcppver.out"_qs);
    QVERIFY(expectedFile.open(QIODevice::ReadOnly | QIODevice::Text));
    QStringList expected = QString::fromLatin1(expectedFile.readAll()).split(u'\n');
    QStringList actual = run.out.split(u'\n');
    // The reference repeats its previous state when satellite 33334 fails at its epoch; nqi
    // prints no state for it (and says so on standard error).
    const qsizetype repeated = expected.indexOf(u"33334 xx"_qs) + 1;
    QVERIFY(repeated > 0);
    expected.removeAt(repeated);
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QStringList want = expected[i].split(u' ', Qt::SkipEmptyParts);
        const QStringList got = actual[i].split(u' ', Qt::SkipEmptyParts);
        if (want.size() == 2) {
            QCOMPARE(got, want);
            continue;
        }
        QCOMPARE(got.size(), want.isEmpty() ? 0 : 7);
        for (qsizetype k = 0; k < got.size(); ++k) {
            const double tolerance = k == 0 ? 0.0 : k <= 3 ? 1e-3 : 1e-6; // 1 m, 1 mm/s
            QVERIFY2(std::fabs(got[k].toDouble() - want[k].toDouble()) <= tolerance + 1e-9,
                     qPrintable(u"line %1: %2 vs %3"_qs.arg(i + 1).arg(actual[i], expected[i])));
        }
    }
}

void TestCli::planSatellite()
{
    const Run run = nqi({u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"1584/72/17:53:550"_qs,
                         u"--min-elev"_qs, u"25"_qs, u"--bbox"_qs, u"73,18,135,54"_qs, u"--grid"_qs,
                         u"2"_qs, u"--from"_qs, u"2024-01-13T00:00:00Z"_qs, u"--to"_qs,
                         u"2024-01-13T02:00:00Z"_qs, u"--step"_qs, u"120"_qs, u"--json"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json[u"satellites"_qs].toInt(), 1584);
    QVERIFY(std::fabs(json[u"footprintRadiusKm"_qs].toDouble() - 940.55) < 0.01);
    const QJsonObject coverage = json[u"coverage"_qs].toObject();
    for (const char *key : {"meanPercent", "minPercent", "maxGapSeconds", "meanSatellitesInView",
                            "minSatellitesInView"})
        QVERIFY2(coverage.contains(QLatin1StringView(key)), key);
    QCOMPARE(coverage[u"steps"_qs].toInt(), 61);
    QCOMPARE(coverage[u"cells"_qs].toInt(), 31 * 18);
    QCOMPARE(coverage[u"minPercent"_qs].toDouble(), 100.0);

    // Without a window: satellites and footprint only. A TLE file with its own epochs.
    const QString tle = QStringLiteral(NQI_SHARED_DIR "/datasets/tle/oneweb.txt");
    const Run oneweb = nqi({u"plan"_qs, u"satellite"_qs, u"--tle"_qs, tle, u"--json"_qs});
    QCOMPARE(oneweb.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(oneweb.out.toUtf8()).object();
    QCOMPARE(o[u"satellites"_qs].toInt(), 636);
    QVERIFY(!o.contains(u"coverage"_qs));
    QVERIFY(o[u"footprintRadiusKm"_qs].toDouble() > 1500.0); // OneWeb flies at about 1,200 km

    // A province of the basemap as the area; an unknown name is a clear error.
    if (QFile::exists(u"/usr/share/qgis/resources/data/world_map.gpkg"_qs)) {
        const Run sichuan =
            nqi({u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"1584/72/17:53:550"_qs,
                 u"--region"_qs, u"Sichuan"_qs, u"--from"_qs, u"2024-01-13T00:00:00Z"_qs,
                 u"--to"_qs, u"2024-01-13T00:10:00Z"_qs, u"--json"_qs});
        QCOMPARE(sichuan.exitCode, 0);
        const QJsonObject c =
            QJsonDocument::fromJson(sichuan.out.toUtf8()).object()[u"coverage"_qs].toObject();
        QCOMPARE(c[u"area"_qs].toString(), u"Sichuan"_qs);
        QVERIFY(c[u"cells"_qs].toInt() > 30 && c[u"cells"_qs].toInt() < 60); // ~485,000 km²
    }
    const Run atlantis = nqi({u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"72/6/1:53:550"_qs,
                              u"--region"_qs, u"Atlantis"_qs, u"--from"_qs,
                              u"2024-01-13T00:00:00Z"_qs, u"--to"_qs, u"2024-01-13T00:10:00Z"_qs});
    QCOMPARE(atlantis.exitCode, 1);
    QVERIFY2(atlantis.err.contains(u"no region named \"Atlantis\""_qs), qPrintable(atlantis.err));

    // Ground stations and a path between two sites of the project, beside its fibre.
    const Run paths =
        nqi({u"plan"_qs, u"satellite"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--walker"_qs,
             u"1584/72/17:53:550"_qs, u"--station"_qs, u"GS-KS"_qs, u"--path"_qs, u"BJ:GS-KS"_qs,
             u"--isl"_qs, u"--from"_qs, u"2024-01-13T00:00:00Z"_qs, u"--to"_qs,
             u"2024-01-13T01:00:00Z"_qs, u"--step"_qs, u"300"_qs, u"--json"_qs});
    QCOMPARE(paths.exitCode, 0);
    const QJsonObject p = QJsonDocument::fromJson(paths.out.toUtf8()).object();
    const QJsonObject station = p[u"stations"_qs].toArray().at(0).toObject();
    QCOMPARE(station[u"name"_qs].toString(), u"GS-KS"_qs);
    QVERIFY(station[u"passes"_qs].toInt() > 10);
    QVERIFY(station[u"windows"_qs].toArray().at(0).toObject().contains(u"aos"_qs));
    const QJsonObject path = p[u"path"_qs].toObject();
    QVERIFY(path[u"fibreMs"_qs].toDouble() > 10.0);
    QCOMPARE(path[u"isl"_qs].toObject()[u"availablePercent"_qs].toDouble(), 100.0);
    QVERIFY(path[u"isl"_qs].toObject()[u"meanMs"_qs].toDouble() >
            path[u"greatCircleKm"_qs].toDouble() / 299.792458);
    QVERIFY(path[u"bentPipe"_qs].toObject().contains(u"availablePercent"_qs));
    const Run nowhere =
        nqi({u"plan"_qs, u"satellite"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--walker"_qs,
             u"72/6/1:53:550"_qs, u"--path"_qs, u"XX:BJ"_qs, u"--from"_qs,
             u"2024-01-13T00:00:00Z"_qs, u"--to"_qs, u"2024-01-13T00:10:00Z"_qs});
    QCOMPARE(nowhere.exitCode, 1);
    QVERIFY2(nowhere.err.contains(u"\"XX\" is neither a site code"_qs), qPrintable(nowhere.err));

    // --store keeps the shell in a project; its report's summary gives the coverage.
    QTemporaryDir storeDir;
    const QString project = storeDir.filePath(u"with-satellites.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QCOMPARE(nqi({u"plan"_qs, u"satellite"_qs, project, u"--walker"_qs, u"1584/72/17:53:550"_qs,
                  u"--store"_qs, u"Starlink shell 1"_qs, u"--isl"_qs})
                 .exitCode,
             0);
    QVERIFY(nqi({u"info"_qs, project}).out.contains(u"1 constellation(s)"_qs));
    const Run fromProject =
        nqi({u"plan"_qs, u"satellite"_qs, project, u"--json"_qs}); // the stored shell
    QCOMPARE(QJsonDocument::fromJson(fromProject.out.toUtf8()).object()[u"satellites"_qs].toInt(),
             1584);
    const QString html = storeDir.filePath(u"summary.html"_qs);
    QCOMPARE(nqi({u"report"_qs, project, u"-o"_qs, html, u"--sections"_qs, u"summary"_qs}).exitCode,
             0);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString summary = QString::fromUtf8(page.readAll());
    QVERIFY(summary.contains(u"Satellite coverage: Starlink shell 1"_qs));
    QVERIFY(summary.contains(u"1584 satellites; over the sites"_qs));
    QCOMPARE(nqi({u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"72/6/1:53:550"_qs, u"--store"_qs,
                  u"x"_qs})
                 .exitCode,
             2); // --store needs a project

    // Hypatia's GSL rule and pairing are kept; a run on the project and its report use them.
    const QString hypatia = storeDir.filePath(u"hypatia.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), hypatia));
    QFile::setPermissions(hypatia, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(nqi({u"plan"_qs, u"satellite"_qs, hypatia, u"--walker"_qs, u"36/6/1:53:1200"_qs,
                  u"--gsl-max-range-km"_qs, u"2500"_qs, u"--isl-pattern"_qs, u"hypatia"_qs,
                  u"--isl-shift"_qs, u"1"_qs, u"--store"_qs, u"Hypatia shell"_qs})
                 .exitCode,
             0);
    const QJsonObject stored =
        QJsonDocument::fromJson(nqi({u"plan"_qs, u"satellite"_qs, hypatia, u"--path"_qs,
                                     u"0,100:10,110"_qs, u"--from"_qs, u"2024-01-13T00:00:00Z"_qs,
                                     u"--to"_qs, u"2024-01-13T01:00:00Z"_qs, u"--json"_qs})
                                    .out.toUtf8())
            .object();
    QCOMPARE(stored[u"gslMaxRangeKm"_qs].toDouble(), 2500.0);
    QVERIFY(stored[u"minElevationDeg"_qs].isNull());
    const QJsonObject isl = stored[u"path"_qs].toObject()[u"isl"_qs].toObject();
    QCOMPARE(isl[u"pairing"_qs].toString(), u"hypatia"_qs);
    QCOMPARE(isl[u"shift"_qs].toInt(), 1);
    const QString hypatiaReport = storeDir.filePath(u"hypatia.html"_qs);
    QCOMPARE(nqi({u"report"_qs, hypatia, u"-o"_qs, hypatiaReport, u"--sections"_qs,
                  u"summary"_qs})
                 .exitCode,
             0);
    QFile hypatiaPage(hypatiaReport);
    QVERIFY(hypatiaPage.open(QIODevice::ReadOnly));
    const QString hypatiaSummary = QString::fromUtf8(hypatiaPage.readAll());
    QVERIFY2(hypatiaSummary.contains(u"a satellite within 2,500 km slant range:"_qs),
             qPrintable(hypatiaSummary.right(2000)));
    // One name per constellation, and a name at all.
    for (const QString &name : {u"Hypatia shell"_qs, u"hypatia SHELL"_qs, u" "_qs}) {
        const Run again = nqi({u"plan"_qs, u"satellite"_qs, hypatia, u"--walker"_qs,
                               u"36/6/1:53:1200"_qs, u"--store"_qs, name});
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(again.err.contains(u"already has a constellation named"_qs) ||
                     again.err.contains(u"--store needs a name"_qs),
                 qPrintable(again.err));
    }
    const Run small = nqi({u"plan"_qs, u"satellite"_qs, hypatia, u"--walker"_qs,
                           u"8/2/1:53:550"_qs, u"--isl-pattern"_qs, u"hypatia"_qs, u"--store"_qs,
                           u"Bad"_qs});
    QCOMPARE(small.exitCode, 2);
    QVERIFY2(small.err.contains(u"Hypatia's +Grid needs at least 3 planes of at least 3 "
                                "satellites; Walker shell 8/2/1 has 2 of 4"_qs),
             qPrintable(small.err));

    // A broken TLE file: file, line and column; --lenient keeps the rest.
    QTemporaryDir dir;
    QFile broken(dir.filePath(u"broken.tle"_qs));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    QFile source(tle);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QByteArray bytes = source.readAll();
    const qsizetype at = bytes.indexOf("\n2 ") + 1 + 26; // eccentricity of the first satellite
    bytes[at] = 'x';
    broken.write(bytes);
    broken.close();
    const Run bad = nqi({u"plan"_qs, u"satellite"_qs, u"--tle"_qs, broken.fileName()});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(u"broken.tle:3: columns 27-33 (eccentricity)"_qs),
             qPrintable(bad.err));
    const Run kept = nqi({u"plan"_qs, u"satellite"_qs, u"--tle"_qs, broken.fileName(),
                          u"--lenient"_qs, u"--json"_qs});
    QCOMPARE(kept.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(kept.out.toUtf8()).object()[u"satellites"_qs].toInt(), 635);
    QVERIFY(kept.err.contains(u"warning"_qs));
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run run = nqi(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
}

void TestCli::infoOfTheSample()
{
    const Run run = nqi({u"info"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject info = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(info.value(u"sites"_qs).toInt(), 59);
    QCOMPARE(info.value(u"links"_qs).toInt(), 87);
    QCOMPARE(info.value(u"demands"_qs).toInt(), 44);
    QVERIFY(info.value(u"totalDemandGbps"_qs).toDouble() > 1000.0);
    QVERIFY(info.value(u"totalFiberKm"_qs).toDouble() > 10000.0);
    const QJsonObject kinds = info.value(u"sitesByKind"_qs).toObject();
    QCOMPARE(kinds.value(u"national_hub"_qs).toInt(), 8);
    QCOMPARE(kinds.value(u"dc_cluster"_qs).toInt(), 10);
    QVERIFY(kinds.value(u"metro_dc"_qs).toInt() >= 20);
    QVERIFY(kinds.value(u"ingest_site"_qs).toInt() >= 10);
    QVERIFY(info.value(u"name"_qs).toString().contains(u"东数西算"_qs));

    const Run text = nqi({u"info"_qs, QStringLiteral(NQI_SAMPLE_PROJECT)});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(u"Sites:        59 ("_qs));
}

void TestCli::importMakesAProject()
{
    const QString project = m_dir.filePath(u"made.gpkg"_qs);
    const Run run = nqi({u"import"_qs, sampleFile("demands.csv"), sampleFile("links.csv"),
                         sampleFile("sites.csv"), u"-o"_qs, project, u"--json"_qs});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(summary.value(u"sitesAdded"_qs).toInt(), 59);
    QCOMPARE(summary.value(u"demandsAdded"_qs).toInt(), 44);
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    QCOMPARE(QJsonDocument::fromJson(info.out.toUtf8()).object().value(u"links"_qs).toInt(), 87);
}

void TestCli::importRefusesToOverwrite()
{
    const QString project = m_dir.filePath(u"existing.gpkg"_qs);
    QCOMPARE(nqi({u"import"_qs, sampleFile("sites.csv"), u"-o"_qs, project}).exitCode, 0);
    const QByteArray before = hashOf(project);
    const Run run = nqi({u"import"_qs, zooFile("Abilene.graphml"), u"-o"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"already exists; use --into"_qs), qPrintable(run.err));
    QCOMPARE(hashOf(project), before);
    QCOMPARE(
        nqi({u"import"_qs, zooFile("Abilene.graphml"), u"-o"_qs, project, u"--force"_qs}).exitCode,
        0);
    QVERIFY(hashOf(project) != before);
}

void TestCli::importWarningsAndStrict()
{
    if (!QFile::exists(zooFile("Aconet.graphml")))
        QSKIP("the Topology Zoo dataset is not beside the project");
    // Aconet has nodes without coordinates.
    const QString project = m_dir.filePath(u"aconet.gpkg"_qs);
    Run run = nqi({u"import"_qs, zooFile("Aconet.graphml"), u"-o"_qs, project});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(u"Aconet.graphml:"_qs) && run.err.contains(u"warning: node"_qs),
             qPrintable(run.err));
    const QString strictProject = m_dir.filePath(u"aconet-strict.gpkg"_qs);
    run = nqi({u"import"_qs, zooFile("Aconet.graphml"), u"-o"_qs, strictProject, u"--strict"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(u"(--strict)"_qs));
    QVERIFY(!QFile::exists(strictProject));
}

void TestCli::failedImportIntoLeavesProjectByteIdentical_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QFile abilene(zooFile("Abilene.graphml"));
    QByteArray truncated;
    if (abilene.open(QIODevice::ReadOnly))
        truncated = abilene.read(abilene.size() * 2 / 3);
    QTest::newRow("truncated GraphML") << u"cut.graphml"_qs << truncated << u"cut.graphml:"_qs;
    QTest::newRow("links to unknown sites")
        << u"links.csv"_qs << QByteArray("a,b,capacity_gbps\nBJ,NOWHERE,100\n")
        << u"links.csv:2: column b: unknown site code \"NOWHERE\""_qs;
    QTest::newRow("duplicate site code")
        << u"sites.csv"_qs
        << QByteArray("code,name,kind,lat,lon\nPEK,北京,pop,39.9,116.4\nbj,x,pop,1,1\n")
        << u"sites.csv:3: site bj: code \"bj\" is already used"_qs;
    QTest::newRow("empty file") << u"empty.csv"_qs << QByteArray()
                                << u"empty.csv: the file is empty"_qs;
    QTest::newRow("missing file") << u"missing.csv"_qs << QByteArray("-") << u"no such file"_qs;
}

void TestCli::failedImportIntoLeavesProjectByteIdentical()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString project = m_dir.filePath(u"target.gpkg"_qs);
    QFile::remove(project);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    const QByteArray before = hashOf(project);
    const QString input = content == "-" ? m_dir.filePath(fileName) : write(fileName, content);
    const Run run = nqi({u"import"_qs, input, u"--into"_qs, project});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY(run.err.startsWith(u"nqi: error: "_qs));
    QCOMPARE(hashOf(project), before);
    QCOMPARE(
        QDir(m_dir.path()).entryList({u".target.gpkg.*"_qs}, QDir::Files | QDir::Hidden).size(), 0);
}

void TestCli::importIntoAdds()
{
    const QString project = m_dir.filePath(u"into.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString extra =
        write(u"extra.csv"_qs,
              "code,name,kind,lat,lon,region\nLS,拉萨 Lhasa,metro_dc,29.65,91.1,Tibet\n");
    const QString links =
        write(u"extra-links.csv"_qs, "a,b,capacity_gbps,medium\nLS,CD,100,fiber\n");
    const Run run = nqi({u"import"_qs, links, extra, u"--into"_qs, project});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    const QJsonObject object = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(object.value(u"sites"_qs).toInt(), 60);
    QCOMPARE(object.value(u"links"_qs).toInt(), 88);
}

void TestCli::exportLayers()
{
    const QString csv = m_dir.filePath(u"links.csv"_qs);
    Run run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"links"_qs,
                   u"-o"_qs, csv});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readLine().startsWith("id,a,b,capacity_gbps,length_km,medium,igp_metric,srlg"));
    for (const char *extension : {"geojson", "kml", "gpkg", "shp"}) {
        const QString path = m_dir.filePath(u"sites."_qs + QLatin1StringView(extension));
        run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
                   u"-o"_qs, path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(QFileInfo(path).size() > 0);
    }
    // To standard output, which has no extension, in the format named (it was refused).
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"--format"_qs, u"geojson"_qs, u"-o"_qs, u"/dev/stdout"_qs});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject collection = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(collection[u"type"_qs].toString(), u"FeatureCollection"_qs);
    QCOMPARE(collection[u"features"_qs].toArray().size(), 59);
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"links"_qs,
               u"--format"_qs, u".csv"_qs, u"-o"_qs, u"/dev/stdout"_qs});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.startsWith(u"id,a,b,capacity_gbps"_qs));
    QCOMPARE(run.out.count(u'\n'), 88);
    // A file whose extension says another format.
    const QString text = m_dir.filePath(u"sites.txt"_qs);
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"--format"_qs, u"geojson"_qs, u"-o"_qs, text});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile written(text);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(written.readAll()).object()[u"features"_qs].toArray().size(),
             59);
    // MapInfo, which has no 64-bit integers, and GPX, whose layers are its own (both failed),
    // opened as users would, with ogrinfo.
    for (const char *extension : {"tab", "mif", "gpx"}) {
        const QString path = m_dir.filePath(u"every."_qs + QLatin1StringView(extension));
        run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
                   u"-o"_qs, path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QProcess ogrinfo;
        ogrinfo.start(u"ogrinfo"_qs, {u"-ro"_qs, u"-al"_qs, path});
        QVERIFY(ogrinfo.waitForFinished(60000));
        const QString listed = QString::fromUtf8(ogrinfo.readAllStandardOutput());
        QVERIFY2(listed.contains(u"Feature Count: 59"_qs), qPrintable(listed.left(2000)));
        QVERIFY2(listed.contains(QRegularExpression(u"id \\(Integer\\) = 59\\b"_qs)),
                 qPrintable(listed.left(2000)));
    }
    // A GeoPackage named with the file system's 255 bytes: SQLite's journal beside it,
    // NAME-journal, could not be made (the export failed with GDAL's SQL in the message).
    const QString longest = m_dir.filePath(QString(250, u'g') + u".gpkg"_qs);
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"-o"_qs, longest});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.left(400)));
    QProcess ogrinfo;
    ogrinfo.start(u"ogrinfo"_qs, {u"-ro"_qs, u"-so"_qs, longest, u"sites"_qs});
    QVERIFY(ogrinfo.waitForFinished(60000));
    QVERIFY(QString::fromUtf8(ogrinfo.readAllStandardOutput()).contains(u"Feature Count: 59"_qs));
}

void TestCli::exportErrors()
{
    const QString target = m_dir.filePath(u"out.xyz"_qs);
    Run run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
                   u"-o"_qs, target});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"unknown export format \".xyz\""_qs), qPrintable(run.err));
    QVERIFY(!QFile::exists(target));
    // No extension: the message says how to name the format; a Shapefile needs its .shp.
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"-o"_qs, u"/dev/stdout"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"--format"_qs), qPrintable(run.err));
    const QString shapefile = m_dir.filePath(u"shape.txt"_qs);
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"--format"_qs, u"shp"_qs, u"-o"_qs, shapefile});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"ending in .shp"_qs), qPrintable(run.err));
    QVERIFY(!QFile::exists(shapefile));
    // GDAL names a Shapefile's files in lower case: Sites.SHP would be written as Sites.shp
    // (it was, and then said the file was incomplete).
    const QString upper = m_dir.filePath(u"Sites.SHP"_qs);
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"-o"_qs, upper});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"in lower case"_qs) && run.err.contains(u"ending in .shp"_qs),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(upper));
    QVERIFY(!QFile::exists(m_dir.filePath(u"Sites.shp"_qs)));
    // Streamed, the export goes through the temporary folder: a TMPDIR that does not exist is
    // named (the message spoke of a folder "beside" standard output).
    const QByteArray tmpdir = qgetenv("TMPDIR");
    const bool hadTmpdir = qEnvironmentVariableIsSet("TMPDIR");
    const QString missing = m_dir.filePath(u"no-such-folder"_qs);
    qputenv("TMPDIR", QFile::encodeName(missing));
    run = nqi({u"export"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--layer"_qs, u"sites"_qs,
               u"--format"_qs, u"geojson"_qs, u"-o"_qs, u"/dev/stdout"_qs});
    if (hadTmpdir)
        qputenv("TMPDIR", tmpdir);
    else
        qunsetenv("TMPDIR");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(missing) && run.err.contains(u"TMPDIR"_qs), qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out.left(200)));
}

// What a review found in the formats GDAL adds: names it takes for folders, values a format
// would change. Each case failed on the code before (success with nothing written, zeros for
// empty values, text cut mid-character, ids read back as 2147483647, a user's file replaced).
void TestCli::exportKeepsWhatFormatsCannotHold()
{
    auto ogrinfo = [](const QString &path) {
        QProcess process;
        process.start(u"ogrinfo"_qs, {u"-ro"_qs, u"-al"_qs, path});
        process.waitForFinished(60000);
        return QString::fromUtf8(process.readAllStandardOutput());
    };
    auto exportTo = [](const QString &project, const QString &layer, const QString &path,
                       const QStringList &more = {}) {
        return nqi(QStringList{u"export"_qs, project, u"--layer"_qs, layer, u"-o"_qs, path} +
                   more);
    };
    const QString sample = QStringLiteral(NQI_SAMPLE_PROJECT);
    // An export of the sites of @p project to @p name in m_dir that must be refused, its message
    // holding each of @p said, and nothing written.
    auto refused = [&](const QString &project, const QString &name, const QStringList &said) {
        const Run run = exportTo(project, u"sites"_qs, m_dir.filePath(name));
        bool all = run.exitCode == 1;
        for (const QString &text : said)
            all = all && run.err.contains(text);
        if (all && !QFileInfo::exists(m_dir.filePath(name)))
            return QString();
        return u"exit %1: %2"_qs.arg(run.exitCode).arg(run.err);
    };

    // Names GDAL takes for a folder, or writes under another case: refused, nothing left.
    QDir folder(m_dir.filePath(u"names"_qs));
    QVERIFY(folder.mkpath(u"."_qs));
    for (const QString &name : {u".tab"_qs, u".mif"_qs, u".shp"_qs, u".fgb"_qs, u"Sites.TAB"_qs,
                                u"Sites.MIF"_qs}) {
        const Run run = exportTo(sample, u"sites"_qs, folder.filePath(name));
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"ending in ."_qs), qPrintable(run.err));
    }
    const Run noExtension =
        exportTo(sample, u"sites"_qs, folder.filePath(u"plain"_qs), {u"--format"_qs, u"fgb"_qs});
    QCOMPARE(noExtension.exitCode, 1);
    QVERIFY2(noExtension.err.contains(u"a folder of files"_qs), qPrintable(noExtension.err));
    QCOMPARE(folder.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());

    // MapInfo has no empty numbers: empty ones stay empty (as text), and the three layers
    // import again.
    QDir mapinfo(m_dir.filePath(u"mapinfo"_qs));
    QVERIFY(mapinfo.mkpath(u"."_qs));
    for (const QString &layer : {u"sites"_qs, u"links"_qs, u"demands"_qs}) {
        const Run run = exportTo(sample, layer, mapinfo.filePath(layer + u".tab"_qs));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
    const QString sites = ogrinfo(mapinfo.filePath(u"sites.tab"_qs));
    QVERIFY2(sites.contains(u"Feature Count: 59"_qs), qPrintable(sites.left(1000)));
    QVERIFY2(!sites.contains(u"gpus (Integer) = 0"_qs), qPrintable(sites.left(3000)));
    Run run = nqi({u"import"_qs, mapinfo.filePath(u"sites.tab"_qs),
                   mapinfo.filePath(u"links.tab"_qs), mapinfo.filePath(u"demands.tab"_qs),
                   u"-o"_qs, m_dir.filePath(u"from-mapinfo.gpkg"_qs)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"59 sites, 87 links, 44 demands"_qs), qPrintable(run.out));

    // Text over 254 bytes (a .tab would cut it mid-character) and an id beyond 32 bits (GDAL's
    // GPX reader would read 2147483647): refused, saying where; .mif keeps both.
    const QString csv = write(u"wide.csv"_qs,
                              "id,code,name,kind,lat,lon\n"
                              "3000000000,WIDE," +
                                  QString(100, QChar(0x957F)).toUtf8() + ",metro_dc,30,110\n");
    const QString wide = m_dir.filePath(u"wide.gpkg"_qs);
    run = nqi({u"import"_qs, csv, u"-o"_qs, wide});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QString problem = refused(wide, u"wide.tab"_qs, {u"row 1, column name"_qs, u"254 bytes"_qs});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(wide, u"wide.gpx"_qs, {u"3000000000"_qs, u"2147483647"_qs});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    run = exportTo(wide, u"sites"_qs, m_dir.filePath(u"wide.mif"_qs));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QString kept = ogrinfo(m_dir.filePath(u"wide.mif"_qs));
    QVERIFY2(kept.contains(u"id (String) = 3000000000"_qs), qPrintable(kept));
    QVERIFY2(kept.contains(QString(100, QChar(0x957F))), qPrintable(kept));

    // Site codes that all look like numbers, which GDAL's GPX reader reads as numbers (007 as 7,
    // 12345678901 as 2147483647), and a line break, which a .mif writes as the two characters
    // \n: refused, saying where; .tab keeps the line break.
    const QString digits = write(u"digits.csv"_qs, "id,code,name,kind,lat,lon\n"
                                                   "1,007,\"two\nlines\",metro_dc,30,100\n"
                                                   "2,12345678901,b,metro_dc,31,101\n");
    const QString numbered = m_dir.filePath(u"digits.gpkg"_qs);
    run = nqi({u"import"_qs, digits, u"-o"_qs, numbered});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    problem = refused(numbered, u"digits.gpx"_qs, {u"row 1, column code"_qs, u"\"007\""_qs});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = refused(numbered, u"digits.mif"_qs, {u"row 1, column name"_qs, u"line break"_qs});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    run = exportTo(numbered, u"sites"_qs, m_dir.filePath(u"digits.tab"_qs));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(ogrinfo(m_dir.filePath(u"digits.tab"_qs)).contains(u"two\nlines"_qs));
    // A format that only writes folders: said so (the advice was a name it could not use).
    problem = refused(sample, u"tiles.mvt"_qs, {u"choose another format"_qs});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // A journal SQLite keeps (OGR_SQLITE_JOURNAL=PERSIST) is not moved out over a user's file.
    QDir journal(m_dir.filePath(u"journal"_qs));
    QVERIFY(journal.mkpath(u"."_qs));
    const QString mine = write(u"journal/export.gpkg-journal"_qs, "mine\n");
    qputenv("OGR_SQLITE_JOURNAL", "PERSIST");
    run = exportTo(sample, u"sites"_qs, journal.filePath(u"sites.gpkg"_qs));
    qunsetenv("OGR_SQLITE_JOURNAL");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile untouched(mine);
    QVERIFY(untouched.open(QIODevice::ReadOnly));
    QCOMPARE(untouched.readAll(), QByteArray("mine\n"));
    QCOMPARE(journal.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             (QStringList{u"export.gpkg-journal"_qs, u"sites.gpkg"_qs}));
}

void TestCli::infoOfSomethingElse()
{
    const QString notProject = write(u"notes.gpkg"_qs, "just text\n");
    Run run = nqi({u"info"_qs, notProject});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(notProject + u": not an NQI Workbench project"_qs),
             qPrintable(run.err));
    run = nqi({u"info"_qs, m_dir.filePath(u"nothing.gpkg"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(u"nothing.gpkg: no such file"_qs));
}

void TestCli::planRoute()
{
    const Run run = nqi(
        {u"plan"_qs, u"route"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs, u"--te"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject route = QJsonDocument::fromJson(run.out.toUtf8()).object();
    for (const char *key : {"maxUtilization", "links", "demands", "unrouted", "te"})
        QVERIFY2(route.contains(QLatin1StringView(key)), key);
    const QJsonArray links = route[u"links"_qs].toArray();
    QCOMPARE(links.size(), 87);
    double worst = 0.0;
    for (const QJsonValue &link : links) {
        for (const char *key :
             {"id", "a", "b", "loadAbGbps", "loadBaGbps", "capacityGbps", "utilization"})
            QVERIFY2(link.toObject().contains(QLatin1StringView(key)), key);
        worst = std::max(worst, link[u"utilization"_qs].toDouble());
    }
    QCOMPARE(route[u"maxUtilization"_qs].toDouble(), worst);
    const QJsonArray demands = route[u"demands"_qs].toArray();
    QCOMPARE(demands.size(), 44);
    const QJsonObject first = demands.first().toObject();
    for (const char *key :
         {"id", "source", "destination", "rateGbps", "latencyMs", "hops", "paths"})
        QVERIFY2(first.contains(QLatin1StringView(key)), key);
    QCOMPARE(first[u"paths"_qs].toArray().first().toArray().first().toString(),
             first[u"source"_qs].toString());
    QVERIFY(route[u"te"_qs][u"solved"_qs].toBool());
    QVERIFY(route[u"te"_qs][u"maxUtilization"_qs].toDouble() <= worst + 1e-9);

    const Run text = nqi({u"plan"_qs, u"route"_qs, QStringLiteral(NQI_SAMPLE_PROJECT)});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"IGP/ECMP routing: max utilisation"_qs), qPrintable(text.out));

    const Run missing = nqi({u"plan"_qs, u"route"_qs, u"/nonexistent/p.gpkg"_qs});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.startsWith(u"nqi: error: /nonexistent/p.gpkg"_qs),
             qPrintable(missing.err));
}

void TestCli::planResilience()
{
    const Run run =
        nqi({u"plan"_qs, u"resilience"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(run.out.toUtf8()).object();
    for (const char *key : {"scenarios", "links", "disconnected", "bridges", "articulationPoints"})
        QVERIFY2(result.contains(QLatin1StringView(key)), key);
    // 87 links + 59 sites + the sample's SRLGs.
    QVERIFY(result[u"scenarios"_qs].toInt() > 87 + 59);
    const QJsonObject link = result[u"links"_qs].toArray().first().toObject();
    for (const char *key : {"id", "a", "b", "worstLoadGbps", "worstUtilization", "worstScenario"})
        QVERIFY2(link.contains(QLatin1StringView(key)), key);
    const QJsonObject cut = result[u"disconnected"_qs].toArray().first().toObject();
    for (const char *key : {"scenario", "demands", "lostGbps"})
        QVERIFY2(cut.contains(QLatin1StringView(key)), key);
}

void TestCli::planLatencyAndCapacity()
{
    const Run latency =
        nqi({u"plan"_qs, u"latency"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs});
    QCOMPARE(latency.exitCode, 0);
    const QJsonObject circles =
        QJsonDocument::fromJson(latency.out.toUtf8()).object()[u"circles"_qs].toObject();
    QCOMPARE(circles[u"sites"_qs].toArray().size(), 59);
    QCOMPARE(circles[u"limitsMs"_qs].toArray().size(), 3);

    const Run capacity =
        nqi({u"plan"_qs, u"capacity"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--json"_qs,
             u"--module"_qs, u"100:1"_qs, u"--module"_qs, u"400:3"_qs});
    QCOMPARE(capacity.exitCode, 0);
    const QJsonObject plan = QJsonDocument::fromJson(capacity.out.toUtf8()).object();
    QCOMPARE(plan[u"modules"_qs].toArray().size(), 2);
    QCOMPARE(plan[u"method"_qs].toString(), u"exact (CBC)"_qs);
    double total = 0.0;
    for (const QJsonValue &link : plan[u"links"_qs].toArray()) {
        total += link[u"cost"_qs].toDouble();
        QVERIFY(link[u"newUtilization"_qs].toDouble() <= 0.7 + 1e-9);
    }
    QCOMPARE(plan[u"totalCost"_qs].toDouble(), total);
}

void TestCli::planSavesIntoTheProject()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(nqi({u"plan"_qs, u"route"_qs, project, u"--save"_qs}).exitCode, 0);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs}).exitCode, 0);
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    QCOMPARE(info.exitCode, 0);
    const QJsonObject results =
        QJsonDocument::fromJson(info.out.toUtf8()).object()[u"results"_qs].toObject();
    QCOMPARE(results.keys(), (QStringList{u"resilience"_qs, u"route"_qs}));
    QVERIFY(results[u"route"_qs][u"current"_qs].toBool());
    // Any edit makes the stored results stale.
    const QString csv = dir.filePath(u"more.csv"_qs);
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("code,name,kind,latitude,longitude\nNEW1,New site,pop,30,110\n");
    file.close();
    QCOMPARE(nqi({u"import"_qs, csv, u"--into"_qs, project}).exitCode, 0);
    const Run after = nqi({u"info"_qs, project});
    QVERIFY2(after.out.contains(u"stale: the network changed since"_qs), qPrintable(after.out));
}

// N-1 and N-2, IGP and TE are stored side by side (an N-2 run never replaces the N-1 result),
// and the report prints each under its own words: "under single failures" only for N-1.
void TestCli::planKeepsEachRunConfigurationBesideTheOthers()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    for (const QStringList &run : {QStringList{u"resilience"_qs}, {u"resilience"_qs, u"--n2"_qs},
                                   {u"route"_qs}, {u"route"_qs, u"--te"_qs}})
        QCOMPARE(nqi(QStringList{u"plan"_qs} + run + QStringList{project, u"--save"_qs}).exitCode,
                 0);
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    QCOMPARE(info.exitCode, 0);
    const QJsonObject results =
        QJsonDocument::fromJson(info.out.toUtf8()).object()[u"results"_qs].toObject();
    QCOMPARE(results.keys(), (QStringList{u"resilience"_qs, u"resilience+n2"_qs, u"route"_qs,
                                          u"route+te"_qs}));
    QCOMPARE(results[u"resilience"_qs][u"configuration"_qs].toString(),
             u"N-1: single failures"_qs);
    QCOMPARE(results[u"resilience+n2"_qs][u"configuration"_qs].toString(),
             u"N-2: single failures and link pairs"_qs);
    for (const QString &key : results.keys())
        QVERIFY2(results[key][u"current"_qs].toBool(), qPrintable(key));

    // The report: N-1 figures under N-1 words, N-2 figures under N-2 words, each run named.
    const QJsonObject n1 = samplePlan(u"resilience"_qs);
    const Run n2Run = nqi({u"plan"_qs, u"resilience"_qs, project, u"--n2"_qs, u"--json"_qs});
    QCOMPARE(n2Run.exitCode, 0);
    const QJsonObject n2 = QJsonDocument::fromJson(n2Run.out.toUtf8()).object();
    QVERIFY(n2[u"scenarios"_qs].toInt() > n1[u"scenarios"_qs].toInt());
    const QString html = dir.filePath(u"report.html"_qs);
    const Run report = nqi({u"report"_qs, project, u"-o"_qs, html, u"--sections"_qs,
                            u"summary,methods"_qs});
    QCOMPARE(report.exitCode, 0);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    QString text = htmlText(page.readAll());
    const QLocale english(QLocale::English);
    auto percent = [&english](const QJsonObject &json) -> QString {
        return english.toString(json[u"maxWorstUtilization"_qs].toDouble() * 100.0, 'f', 1) +
               u" %"_qs;
    };
    // Each result's figures follow its title, which names its run configuration.
    const qsizetype n1At = text.indexOf(u"Resilience — N-1: single failures"_qs);
    const qsizetype n2At = text.indexOf(u"Resilience — N-2: single failures and link pairs"_qs);
    QVERIFY(n1At >= 0 && n2At > n1At);
    auto figure = [&text](qsizetype from, const QString &label, const QString &value) {
        const qsizetype at = text.indexOf(label + u' ' + value, from);
        return at > from ? at : -1;
    };
    const QString n1Worst = percent(n1), n2Worst = percent(n2);
    const QString n1Count = QString::number(n1[u"scenarios"_qs].toInt());
    const QString n2Count = QString::number(n2[u"scenarios"_qs].toInt());
    QVERIFY2(figure(n1At, u"Worst-case utilisation"_qs, n1Worst) < n2At, qPrintable(n1Worst));
    QVERIFY2(figure(n1At, u"Failure scenarios"_qs, n1Count) < n2At, qPrintable(n1Count));
    QVERIFY2(figure(n2At, u"Worst-case utilisation"_qs, n2Worst) > n2At, qPrintable(n2Worst));
    QVERIFY2(figure(n2At, u"Failure scenarios"_qs, n2Count) > n2At, qPrintable(n2Count));
    // The N-2 figures never under the N-1 title.
    QVERIFY(text.indexOf(u"Worst-case utilisation "_qs + n2Worst) > n2At);
    QVERIFY(text.contains(u"Routing — traffic engineering"_qs));
    QVERIFY(text.contains(u"Largest utilisation with traffic engineering"_qs));
    QVERIFY(text.contains(u"Link pairs (N-2): besides every single failure"_qs));
    // Every run behind a figure is named with its configuration and its time.
    QVERIFY(text.contains(u"resilience (N-2: single failures and link pairs)"_qs));
    QVERIFY(text.contains(u"route (traffic engineering)"_qs));
    QVERIFY2(report.err.isEmpty() || !report.err.contains(u"resilience"_qs), qPrintable(report.err));
}

// Costs are in the project's one currency setting everywhere: the capacity planner's text, the
// report's summary and bill (never "cost units"), and a new project's --currency.
void TestCli::oneCurrencyEverywhere()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"eur.gpkg"_qs);
    Run run = nqi({u"import"_qs, sampleFile("demands.csv"), sampleFile("links.csv"),
                   sampleFile("sites.csv"), u"-o"_qs, project, u"--currency"_qs, u"EUR"_qs});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    QCOMPARE(QJsonDocument::fromJson(info.out.toUtf8()).object()[u"currency"_qs].toString(),
             u"EUR"_qs);
    QVERIFY(nqi({u"info"_qs, project}).out.contains(u"Currency:     EUR"_qs));
    run = nqi({u"plan"_qs, u"capacity"_qs, project, u"--module"_qs, u"100:20000"_qs,
               u"--module"_qs, u"400:50000"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u" EUR"_qs), qPrintable(run.out));
    QVERIFY(!run.out.contains(u"placeholders"_qs));
    run = nqi({u"plan"_qs, u"capacity"_qs, project});
    QVERIFY2(run.out.contains(u"Prices: the planner's placeholders (100G 1, 400G 3, 800G 5 EUR)"_qs),
             qPrintable(run.out));
    // The report, with the placeholder prices: the currency, and a note that they are placeholders.
    const QString html = dir.filePath(u"r.html"_qs);
    QCOMPARE(nqi({u"report"_qs, project, u"-o"_qs, html, u"--sections"_qs, u"summary,capacity"_qs})
                 .exitCode,
             0);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    QString text = htmlText(page.readAll());
    QVERIFY(!text.contains(u"cost units"_qs));
    QVERIFY(text.contains(u"Cost (EUR)"_qs));
    QVERIFY(text.contains(u"placeholder module prices (a 100G module 1 EUR"_qs));
    QVERIFY(QRegularExpression(u"Total cost [0-9,.]+ EUR"_qs).match(text).hasMatch());
    // Bad codes, and --currency on an existing project (it would not convert its prices).
    run = nqi({u"import"_qs, sampleFile("sites.csv"), u"-o"_qs, dir.filePath(u"x.gpkg"_qs),
               u"--currency"_qs, u"euro"_qs});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--currency needs an ISO 4217 code"_qs), qPrintable(run.err));
    run = nqi({u"import"_qs, sampleFile("sites.csv"), u"--into"_qs, project, u"--currency"_qs,
               u"USD"_qs});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(!QFile::exists(dir.filePath(u"x.gpkg"_qs)));
}

// A stored result that is not JSON (a project edited by hand) is stale with a note; the project
// still opens, and running the planner again with --save replaces it.
void TestCli::aResultThatIsNotJsonIsStaleNotALockOut()
{
    if (QStandardPaths::findExecutable(u"sqlite3"_qs).isEmpty())
        QSKIP("sqlite3 is not installed");
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs}).exitCode, 0);
    QProcess sql;
    sql.start(u"sqlite3"_qs, {project, u"update nqi_results set result='not json' where "
                                       "planner='resilience'"_qs});
    QVERIFY(sql.waitForFinished(30000));
    QCOMPARE(sql.exitCode(), 0);
    Run info = nqi({u"info"_qs, project});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(info.out.contains(u"stale: the stored result does not fit the resilience planner's "
                               "schema: it is not JSON"_qs),
             qPrintable(info.out));
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs}).exitCode, 0);
    info = nqi({u"info"_qs, project, u"--json"_qs});
    QVERIFY(QJsonDocument::fromJson(info.out.toUtf8())
                .object()[u"results"_qs][u"resilience"_qs][u"current"_qs]
                .toBool());
}

// Another program holding SQLite's write lock (QGIS, sqlite3): a short hold is waited for, a
// long one is said as such, not as "not an NQI Workbench project: database is locked".
void TestCli::anotherProgramsWriteLockIsWaitedForAndSaid()
{
    if (QStandardPaths::findExecutable(u"sqlite3"_qs).isEmpty())
        QSKIP("sqlite3 is not installed");
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    for (const int holdMs : {1500, 9000}) {
        QProcess editor;
        editor.start(u"sqlite3"_qs, {project});
        QVERIFY(editor.waitForStarted());
        editor.write("begin exclusive;\nselect 'held';\n");
        QVERIFY(editor.waitForReadyRead(10000)); // the lock is held now
        QTimer::singleShot(holdMs, &editor, [&editor] {
            editor.write("commit;\n.quit\n");
            editor.closeWriteChannel();
        });
        QElapsedTimer clock;
        clock.start();
        // The CLI runs in its own process; this one's event loop releases the lock meanwhile.
        QProcess cli;
        cli.start(QStringLiteral(NQI_CLI), {u"info"_qs, project});
        QVERIFY(cli.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(cli.state() == QProcess::NotRunning, 30000);
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        if (holdMs < 5000) {
            QVERIFY2(cli.exitCode() == 0, qPrintable(err));
            QVERIFY(clock.elapsed() >= holdMs - 200);
        } else {
            QCOMPARE(cli.exitCode(), 1);
            QVERIFY2(err.contains(u"another program is writing it"_qs), qPrintable(err));
            QVERIFY(!err.contains(u"not an NQI Workbench project"_qs));
        }
        QTRY_VERIFY_WITH_TIMEOUT(editor.state() == QProcess::NotRunning, 20000);
    }
}

void TestCli::planFabricAndDci()
{
    const Run fabric = nqi({u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"1016"_qs, u"--json"_qs});
    QCOMPARE(fabric.exitCode, 0);
    const QJsonObject f = QJsonDocument::fromJson(fabric.out.toUtf8()).object();
    for (const char *key : {"tiers", "leafSwitches", "spineSwitches", "coreSwitches", "cables",
                            "switchTransceivers", "serverTransceivers", "bisectionTbps"})
        QVERIFY2(f.contains(QLatin1StringView(key)), key);
    QCOMPARE(f[u"leafSwitches"_qs].toInt(), 32);
    const Run tooBig = nqi({u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"10000000"_qs});
    QCOMPARE(tooBig.exitCode, 1);
    QVERIFY2(tooBig.err.contains(u"use a higher-radix switch"_qs), qPrintable(tooBig.err));
    QCOMPARE(nqi({u"plan"_qs, u"fabric"_qs}).exitCode, 2);

    const Run dci = nqi({u"plan"_qs, u"dci"_qs, u"--distance-km"_qs, u"100"_qs, u"--rate-gbps"_qs,
                         u"400"_qs, u"--buffer-mb"_qs, u"64"_qs, u"--json"_qs});
    QCOMPARE(dci.exitCode, 0);
    const QJsonObject d = QJsonDocument::fromJson(dci.out.toUtf8()).object();
    for (const char *key : {"rttMs", "bdpMB", "headroomMB", "maxLosslessKm"})
        QVERIFY2(d.contains(QLatin1StringView(key)), key);
    const Run link = nqi({u"plan"_qs, u"dci"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--link"_qs,
                          u"5"_qs, u"--json"_qs});
    QCOMPARE(link.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(link.out.toUtf8()).object()[u"distanceKm"_qs].toDouble() > 0.0);
    const Run missing =
        nqi({u"plan"_qs, u"dci"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--link"_qs, u"9999"_qs});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(u"--link: there is no link 9999 in the project"_qs),
             qPrintable(missing.err));
    QCOMPARE(nqi({u"plan"_qs, u"dci"_qs, u"--distance-km"_qs, u"10"_qs}).exitCode, 2);

    const Run ingest = nqi({u"plan"_qs, u"ingest"_qs, QStringLiteral(NQI_SAMPLE_PROJECT),
                            u"--site"_qs, u"ING-CAR-SH"_qs, u"--json"_qs});
    QCOMPARE(ingest.exitCode, 0);
    const QJsonObject i = QJsonDocument::fromJson(ingest.out.toUtf8()).object();
    QCOMPARE(i[u"volumeTb"_qs].toDouble(), 160.0);
    for (const char *key : {"requiredGbps", "options", "cheapest"})
        QVERIFY2(i.contains(QLatin1StringView(key)), key);
    for (const char *key : {"lineGbps", "hours", "monthlyCost", "meetsWindow"})
        QVERIFY2(i[u"options"_qs].toArray().first().toObject().contains(QLatin1StringView(key)),
                 key);
    const Run noVolume =
        nqi({u"plan"_qs, u"ingest"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"--site"_qs, u"BJ"_qs});
    QCOMPARE(noVolume.exitCode, 1);
    QVERIFY2(noVolume.err.contains(u"--site BJ: the site sends no demand given as a volume"_qs),
             qPrintable(noVolume.err));
    const Run badVolume = nqi({u"plan"_qs, u"ingest"_qs, u"--tb-per-day"_qs, u"lots"_qs});
    QCOMPARE(badVolume.exitCode, 2);
}

// --save kept only some options (latency: roundTrip and perHopMs), so a report recomputing a
// stale result dropped --circles and --kinds. Every option that says what was computed is kept.
void TestCli::planSaveKeepsEveryStoredOption()
{
    if (QStandardPaths::findExecutable(u"sqlite3"_qs).isEmpty())
        QSKIP("sqlite3 is not installed");
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    const Run run = nqi({u"plan"_qs, u"latency"_qs, project, u"--circles"_qs, u"2,4"_qs,
                         u"--kinds"_qs, u"metro_dc"_qs, u"--threads"_qs, u"2"_qs, u"--save"_qs});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QProcess sql;
    sql.start(u"sqlite3"_qs,
              {project, u"select options from nqi_results where planner='latency'"_qs});
    QVERIFY(sql.waitForFinished(30000));
    const QJsonObject options = QJsonDocument::fromJson(sql.readAllStandardOutput()).object();
    QCOMPARE(options[u"circles"_qs].toArray(), (QJsonArray{2, 4}));
    QCOMPARE(options[u"kinds"_qs].toArray(), QJsonArray{u"metro_dc"_qs});
    QCOMPARE(options[u"roundTrip"_qs].toBool(true), false);
    QCOMPARE(options[u"perHopMs"_qs].toDouble(-1), 0.0);
    QVERIFY(!options.contains(u"threads"_qs)); // how it ran, not what it computed
}

// `nqi plan NAME --help` says of each option its range, unit and default, as its planner's
// descriptor declares them.
void TestCli::planHelpListsEachOptionsRangeUnitAndDefault()
{
    const Run latency = nqi({u"plan"_qs, u"latency"_qs, u"--help"_qs});
    QCOMPARE(latency.exitCode, 0);
    const QString help = latency.out.simplified();
    for (const char *expected :
         {"--circles <MS,...>", "each above 0, at most 100000; unit ms; default 1,5,20; repeat or "
                                "separate by commas]",
          "--per-hop-ms <MS>", "[range 0..1000; unit ms; default 0]", "--kinds <KIND,...>",
          "default national_hub,dc_cluster", "--save", "--wait <SECONDS>", "--json"})
        QVERIFY2(help.contains(QLatin1StringView(expected)), expected);
    const Run capacity = nqi({u"plan"_qs, u"capacity"_qs, u"--help"_qs});
    QVERIFY(capacity.out.simplified().contains(u"--normal-only"_qs));
    QVERIFY(capacity.out.simplified().contains(u"default 100:1,400:3,800:5"_qs));
    const Run fabric = nqi({u"plan"_qs, u"fabric"_qs, u"--help"_qs});
    const QString fabricHelp = fabric.out.simplified();
    QVERIFY(fabricHelp.contains(u"--gpus <N>"_qs));
    QVERIFY(fabricHelp.contains(u"[range 1..10000000; required]"_qs));
    QVERIFY(fabricHelp.contains(u"one of: rail_optimized (or rail, rail-optimised), leaf_spine"_qs));
    QVERIFY(!fabricHelp.contains(u"--save"_qs)); // fabric takes no project
}

void TestCli::addressPlan()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    const QString csv = dir.filePath(u"addresses.csv"_qs);
    Run run = nqi({u"address"_qs, project, u"--csv"_qs, csv});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(u"323 added"_qs), qPrintable(run.err)); // 59 of them router IDs
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray first = file.readAll();
    file.close();
    const QList<QByteArray> lines = first.trimmed().split('\n');
    QCOMPARE(lines.front(),
             QByteArray("site,interface,address,prefix_length,link,peer_site,peer_interface"));
    QCOMPARE(lines.size(), 1 + 59 + 2 * 87);

    // The plan is stored: a second run keeps every block and leaves the file as it is.
    const QByteArray saved = hashOf(project);
    run = nqi({u"address"_qs, project, u"--csv"_qs, csv, u"--json"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject summary = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(summary[u"kept"_qs].toInt(), 323);
    QCOMPARE(summary[u"blocks"_qs][u"router_id"_qs].toInt(), 59);
    QCOMPARE(summary[u"added"_qs].toInt(), 0);
    QCOMPARE(hashOf(project), saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), first);
    file.close();

    // Other dialects name the interfaces as those devices do.
    run = nqi({u"address"_qs, project, u"--dialect"_qs, u"junos"_qs, u"--csv"_qs, u"-"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(u",lo0,"_qs) && run.out.contains(u",et-0/0/0,"_qs));

    // Bad input: a clear error, and the project stays byte-identical.
    run = nqi({u"address"_qs, project, u"--prefix"_qs, u"2001:db8::/47"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"too small"_qs), qPrintable(run.err));
    run = nqi({u"address"_qs, project, u"--fix"_qs, u"ZJK:lo=2001:db8::1"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"overlaps"_qs), qPrintable(run.err));
    QCOMPARE(hashOf(project), saved);
    QCOMPARE(nqi({u"address"_qs, project, u"--dialect"_qs, u"ios"_qs}).exitCode, 2);
}

void TestCli::deviceConfigurations()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    for (const QString &dialect : {u"frr"_qs, u"vrp"_qs, u"iosxr"_qs, u"junos"_qs}) {
        const QString out = dir.filePath(dialect);
        const Run run = nqi({u"config"_qs, project, u"--dialect"_qs, dialect, u"-o"_qs, out});
        QCOMPARE(run.exitCode, 0);
        const QDir folder(out);
        QCOMPARE(folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 59);
        QVERIFY(folder.exists(u"addresses.csv"_qs) && folder.exists(u"README.md"_qs));
        const QString file = dialect == u"frr"     ? u"frr.conf"_qs
                             : dialect == u"junos" ? u"junos.conf"_qs
                                                   : dialect + u".cfg"_qs;
        QVERIFY2(folder.exists(u"ZJK/"_qs + file), qPrintable(file));
    }
    // An existing folder is kept unless --force; a broken template changes nothing.
    const QString frr = dir.filePath(u"frr"_qs);
    const QByteArray before = hashOf(frr + u"/ZJK/frr.conf"_qs);
    Run run = nqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, frr});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"--force"_qs), qPrintable(run.err));
    QDir(dir.path()).mkpath(u"templates"_qs);
    QFile broken(dir.filePath(u"templates/frr.conf.mustache"_qs));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("hostname {{hostname}}\n{{#interfaces}}\n");
    broken.close();
    run = nqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, frr, u"--force"_qs,
               u"--templates"_qs, dir.filePath(u"templates"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"frr.conf.mustache:2: Unclosed section"_qs), qPrintable(run.err));
    QCOMPARE(hashOf(frr + u"/ZJK/frr.conf"_qs), before);
    QCOMPARE(nqi({u"config"_qs, project, u"-o"_qs, frr}).exitCode, 2); // no dialect
}

// A network of hundreds of sites (Topology Zoo Kdl): the report lists the first 100 (and says
// so) and writes every site to a CSV file beside it.
void TestCli::longTablesGoBesideTheReport()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"kdl.gpkg"_qs);
    QCOMPARE(nqi({u"import"_qs, zooFile("Kdl.graphml"), u"-o"_qs, project}).exitCode, 0);
    const QString html = dir.filePath(u"kdl-report.html"_qs);
    const Run run =
        nqi({u"report"_qs, project, u"-o"_qs, html, u"--sections"_qs, u"cover,sites"_qs});
    QCOMPARE(run.exitCode, 0);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(page.readAll());
    const QRegularExpressionMatch note =
        QRegularExpression(u"The first 100 of (\\d+) sites are listed; all of them are in "
                           "kdl-report-sites.csv"_qs)
            .match(text);
    QVERIFY2(note.hasMatch(), "no note of the capped table");
    const int sites = note.captured(1).toInt();
    QVERIFY(sites > 700);
    QFile csv(dir.filePath(u"kdl-report-sites.csv"_qs));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), sites + 1);
    QVERIFY(lines.first().startsWith("Code,Name,Kind"));
}

void TestCli::reports()
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(u"report.pdf"_qs);
    Run run = nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, pdf});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(u"computed for this report"_qs), qPrintable(run.err));
    if (QStandardPaths::findExecutable(u"pdftotext"_qs).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    QProcess text;
    text.start(u"pdftotext"_qs, {u"-layout"_qs, pdf, u"-"_qs});
    QVERIFY(text.waitForFinished(60000));
    const QString content = QString::fromUtf8(text.readAllStandardOutput());
    for (const QString &heading : reportHeadings())
        QVERIFY2(content.contains(heading), qPrintable(heading));
    // A map of each national hub's region (the sample has 8 hubs) and one of worst-case load.
    QCOMPARE(content.count(u"Hub region:"_qs), 8);
    QVERIFY(content.contains(u"Utilisation in the normal state"_qs));
    QVERIFY(content.contains(u"Worst-case utilisation — N-1: single failures"_qs));
    // The same figures the planners print.
    const QJsonObject route = samplePlan(u"route"_qs);
    const QString utilisation =
        QString::number(route[u"maxUtilization"_qs].toDouble() * 100.0, 'f', 1) + u" %"_qs;
    QVERIFY2(content.contains(utilisation), qPrintable(utilisation));
    // ... and the other planners' headline figures, as the summary puts them.
    const QJsonObject resilience = samplePlan(u"resilience"_qs);
    const QJsonObject capacity = samplePlan(u"capacity"_qs);
    const QLocale english(QLocale::English);
    // Each result's figures under its title, which names its run configuration.
    const QList<std::pair<QString, QString>> figures{
        {u"Resilience — N-1: single failures\\s+Failure scenarios"_qs,
         QString::number(resilience[u"scenarios"_qs].toInt())},
        {u"Worst-case utilisation"_qs,
         english.toString(resilience[u"maxWorstUtilization"_qs].toDouble() * 100.0, 'f', 1) +
             u" %"_qs},
        {u"Capacity added"_qs,
         english.toString(capacity[u"totalAddedGbps"_qs].toDouble(), 'f', 0) + u" Gbps"_qs}};
    for (const auto &[label, figure] : figures) {
        const QRegularExpression row((label.contains(u'\\') ? label
                                                             : QRegularExpression::escape(label)) +
                                     u"\\s+"_qs +
                                     QRegularExpression::escape(figure) + u"(?![0-9.,])"_qs);
        QVERIFY2(row.match(content).hasMatch(), qPrintable(label + u": "_qs + figure));
    }
    QVERIFY(content.contains(u"東數西算"_qs) || content.contains(u"东数西算"_qs));
    // Every font embedded.
    QProcess fonts;
    fonts.start(u"pdffonts"_qs, {pdf});
    QVERIFY(fonts.waitForFinished(60000));
    const QStringList lines = QString::fromUtf8(fonts.readAllStandardOutput()).split(u'\n');
    int embedded = 0;
    for (const QString &line : lines.mid(2)) {
        if (line.trimmed().isEmpty())
            continue;
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(fields.size() >= 5 && fields[fields.size() - 5] == u"yes", qPrintable(line));
        ++embedded;
    }
    QVERIFY(embedded >= 2);

    // Chinese, ODT and self-contained HTML.
    const QString zh = dir.filePath(u"report-zh.pdf"_qs);
    QCOMPARE(nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, zh, u"--lang"_qs,
                  u"zh"_qs})
                 .exitCode,
             0);
    text.start(u"pdftotext"_qs, {zh, u"-"_qs});
    QVERIFY(text.waitForFinished(60000));
    QVERIFY(QString::fromUtf8(text.readAllStandardOutput()).contains(u"摘要"_qs));
    const QString odt = dir.filePath(u"report.odt"_qs);
    QCOMPARE(nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, odt, u"--sections"_qs,
                  u"summary,links"_qs})
                 .exitCode,
             0);
    QFile odtFile(odt);
    QVERIFY(odtFile.open(QIODevice::ReadOnly));
    QVERIFY(odtFile.read(2) == "PK"); // an OpenDocument zip
    const QString html = dir.filePath(u"report.html"_qs);
    QCOMPARE(nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, html}).exitCode, 0);
    QFile htmlFile(html);
    QVERIFY(htmlFile.open(QIODevice::ReadOnly));
    const QByteArray page = htmlFile.readAll();
    QVERIFY(page.contains("data:image/png;base64,"));
    QVERIFY(!page.contains("src=\"map.png\""));

    // Bad input: a clear error and no file.
    run = nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs,
               dir.filePath(u"r.pdf"_qs), u"--sections"_qs, u"summary,nonsense"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"unknown section \"nonsense\""_qs), qPrintable(run.err));
    QVERIFY(!QFile::exists(dir.filePath(u"r.pdf"_qs)));
    run = nqi(
        {u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, dir.filePath(u"r.doc"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains(u".pdf, .odt or .html"_qs));
}

// A constellation kept in the project: its coverage of the sites' area in the summary and as a
// map. Keeping it leaves the stored planner results current (no planner reads it).
void TestCli::reportOfAConstellation()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"sample.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QCOMPARE(nqi({u"plan"_qs, u"route"_qs, project, u"--save"_qs}).exitCode, 0);
    QCOMPARE(nqi({u"plan"_qs, u"satellite"_qs, project, u"--walker"_qs, u"648/36/1:87.9:1200"_qs,
                  u"--store"_qs, u"Polar 648"_qs})
                 .exitCode,
             0);
    Run run = nqi({u"info"_qs, project});
    QVERIFY2(!run.out.contains(u"stale"_qs), qPrintable(run.out));

    const QString pdf = dir.filePath(u"report.pdf"_qs);
    run = nqi({u"report"_qs, project, u"-o"_qs, pdf, u"--sections"_qs, u"summary,map"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(!run.err.contains(u"The route result stored in the project was stale"_qs),
             qPrintable(run.err));
    if (QStandardPaths::findExecutable(u"pdftotext"_qs).isEmpty())
        QSKIP("pdftotext (poppler-utils) is not installed");
    QProcess text;
    text.start(u"pdftotext"_qs, {pdf, u"-"_qs});
    QVERIFY(text.waitForFinished(60000));
    const QString content = QString::fromUtf8(text.readAllStandardOutput()).replace(u'\n', u' ');
    // In the summary and as the heading of its map, with the map's caption.
    QCOMPARE(content.count(u"Satellite coverage: Polar 648"_qs), 2);
    const QRegularExpressionMatch caption =
        QRegularExpression(u"Share of the day each 1° cell sees a satellite at 25° elevation or "
                           "more, from red \\(never\\) through amber to green \\(always\\); "
                           "([0-9.]+) % of the area on average"_qs)
            .match(content);
    QVERIFY2(caption.hasMatch(), qPrintable(content.right(600)));
    QVERIFY(caption.captured(1).toDouble() > 0);
}

// The ODT as a consultant's word processor shows it: LibreOffice converts it to PDF, which must
// hold every section and figure on A4 pages with page numbers, the tables' heading rows repeated
// on the pages a long table runs onto, and the Chinese font embedded.
void TestCli::reportOdtInLibreOffice()
{
    QTemporaryDir dir;
    const QString odt = dir.filePath(u"report.odt"_qs);
    QCOMPARE(nqi({u"report"_qs, QStringLiteral(NQI_SAMPLE_PROJECT), u"-o"_qs, odt}).exitCode, 0);
    QFile file(odt);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // ODF: the mimetype first, stored, right after its header (how readers recognise it).
    QCOMPARE(file.read(77).mid(30), QByteArray("mimetypeapplication/vnd.oasis.opendocument.text"));
    file.close();

    const QString office = QStandardPaths::findExecutable(u"soffice"_qs);
    if (office.isEmpty() || QStandardPaths::findExecutable(u"pdftotext"_qs).isEmpty())
        QSKIP("LibreOffice (libreoffice-writer-nogui) or poppler-utils is not installed");
    QProcess convert;
    convert.start(office, {u"-env:UserInstallation=file://"_qs + dir.filePath(u"profile"_qs),
                           u"--headless"_qs, u"--convert-to"_qs, u"pdf"_qs, u"--outdir"_qs,
                           dir.filePath(u"converted"_qs), odt});
    QVERIFY(convert.waitForFinished(180000));
    const QString pdf = dir.filePath(u"converted/report.pdf"_qs);
    QVERIFY2(QFile::exists(pdf), convert.readAllStandardError().constData());

    auto output = [](const QString &program, const QStringList &arguments) {
        QProcess process;
        process.start(program, arguments);
        process.waitForFinished(60000);
        return QString::fromUtf8(process.readAllStandardOutput());
    };
    const QString info = output(u"pdfinfo"_qs, {pdf});
    QVERIFY2(info.contains(u"(A4)"_qs), qPrintable(info));
    const int pages = QRegularExpression(u"Pages:\\s+(\\d+)"_qs).match(info).captured(1).toInt();
    QVERIFY2(pages >= 10, qPrintable(info));

    const QString content = output(u"pdftotext"_qs, {u"-layout"_qs, pdf, u"-"_qs});
    for (const QString &heading : reportHeadings())
        QVERIFY2(content.contains(heading), qPrintable(heading));
    const QJsonObject route = samplePlan(u"route"_qs);
    QVERIFY(content.contains(
        QString::number(route[u"maxUtilization"_qs].toDouble() * 100.0, 'f', 1) + u" %"_qs));
    // The 59 sites run over two pages: the heading row is on both.
    QVERIFY2(content.count(u"Latitude"_qs) >= 2, "the sites' heading row is not repeated");
    // Page numbers in the footer.
    for (int page : {2, pages}) {
        const QString text = output(u"pdftotext"_qs, {u"-f"_qs, QString::number(page), u"-l"_qs,
                                                      QString::number(page), pdf, u"-"_qs});
        QVERIFY2(text.trimmed().endsWith(QString::number(page)), qPrintable(text.right(80)));
    }
    QVERIFY(output(u"pdffonts"_qs, {pdf}).contains(u"NotoSansCJK"_qs));
}

void TestCli::integerOptionsRefuseFractionsAndOutOfRange_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString project = QStringLiteral(NQI_SAMPLE_PROJECT);
    // Said "at least 1"; said "not -2147483648"; became 2; looped once per scalable unit.
    QTest::newRow("gpus 1e19") << QStringList{u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"1e19"_qs}
                               << u"--gpus: \"1e19\" is out of range 1..10000000"_qs;
    QTest::newRow("switch ports 1e10")
        << QStringList{u"plan"_qs, u"fabric"_qs,         u"--gpus"_qs,
                       u"1024"_qs, u"--switch-ports"_qs, u"1e10"_qs}
        << u"--switch-ports: \"1e10\" is out of range 4..2048"_qs;
    QTest::newRow("gpus 2.5") << QStringList{u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"2.5"_qs}
                              << u"--gpus: \"2.5\" is not a whole number; give a whole number "
                                 "in 1..10000000"_qs;
    QTest::newRow("gpus 1e18") << QStringList{u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"1e18"_qs}
                               << u"--gpus: \"1e18\" is out of range 1..10000000"_qs;
    QTest::newRow("threads 2.5") << QStringList{u"plan"_qs, u"route"_qs, project, u"--threads"_qs,
                                                u"2.5"_qs}
                                 << u"--threads: \"2.5\" is not a whole number; give a whole "
                                    "number in 0..256"_qs;
    QTest::newRow("max paths 1e300")
        << QStringList{u"plan"_qs, u"route"_qs, project, u"--max-paths"_qs, u"1e300"_qs}
        << u"--max-paths: \"1e300\" is out of range 1..1024"_qs;
    QTest::newRow("exact limit -1")
        << QStringList{u"plan"_qs, u"capacity"_qs, project, u"--exact-limit"_qs, u"-1"_qs}
        << u"--exact-limit: \"-1\" is out of range 0..100000"_qs;
    QTest::newRow("dci link 1.5")
        << QStringList{u"plan"_qs, u"dci"_qs, project, u"--link"_qs, u"1.5"_qs}
        << u"--link: \"1.5\" is not a whole number; give a whole number in "
           "1..9007199254740991"_qs;
}

void TestCli::integerOptionsRefuseFractionsAndOutOfRange()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const Run run = nqi(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

// nqi address --prefix ::/0 (or ff02::/16, or --fix ZJK:lo=::) allocated the unspecified,
// loopback, multicast or link-local addresses.
void TestCli::addressRefusesSpecialPurposeRanges_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("refusal");
    QTest::newRow("--prefix ::/0") << QStringList{u"--prefix"_qs, u"::/0"_qs}
                                   << u"::/0 includes ::/128, the unspecified address"_qs;
    QTest::newRow("--prefix ff02::/16") << QStringList{u"--prefix"_qs, u"ff02::/16"_qs}
                                        << u"ff02::/16 lies in ff00::/8, multicast"_qs;
    QTest::newRow("--fix ZJK:lo=::") << QStringList{u"--fix"_qs, u"ZJK:lo=::"_qs}
                                     << u"::/128 lies in ::/128, the unspecified address"_qs;
}

void TestCli::addressRefusesSpecialPurposeRanges()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, refusal);
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    const QByteArray before = hashOf(project);
    const QString csv = dir.filePath(u"addresses.csv"_qs);
    const Run run = nqi(QStringList{u"address"_qs, project, u"--csv"_qs, csv} + arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(refusal), qPrintable(run.err));
    QCOMPARE(hashOf(project), before);
    QVERIFY(!QFileInfo::exists(csv));
    // Documentation and unique local prefixes are taken.
    QCOMPARE(nqi({u"address"_qs, project, u"--prefix"_qs, u"fd12:3456::/32"_qs, u"--no-save"_qs})
                 .exitCode,
             0);
}

void TestCli::satelliteSizesAreBoundedBeforeWork_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QStringList area{u"--bbox"_qs, u"73,18,135,54"_qs};
    // Aborted with std::length_error.
    QTest::newRow("years at 1 s")
        << (QStringList{u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"1584/72/17:53:550"_qs,
                        u"--from"_qs, u"2000-01-01T00:00:00Z"_qs, u"--to"_qs,
                        u"2030-01-01T00:00:00Z"_qs, u"--step"_qs, u"1"_qs} +
            area)
        << 1 << u"is 946771201 steps, more than 1000000: choose a longer step (at least 947 s)"_qs;
    // Grew to 22 GB and was killed.
    QTest::newRow("Walker shell of 2e9")
        << (QStringList{u"plan"_qs, u"satellite"_qs, u"--walker"_qs,
                        u"2000000000/1000/1:53:550"_qs} +
            area)
        << 2 << u"T \"2000000000\" is out of range 1..500000"_qs;
    QTest::newRow("threads 1e300")
        << (QStringList{u"plan"_qs, u"satellite"_qs, u"--walker"_qs, u"72/6/1:53:550"_qs,
                        u"--threads"_qs, u"1e300"_qs})
        << 2 << u"--threads: \"1e300\" is out of range 0..256"_qs;
}

void TestCli::satelliteSizesAreBoundedBeforeWork()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QElapsedTimer timer;
    timer.start();
    const Run run = nqi(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
    QVERIFY(timer.elapsed() < 20000);
}

// A templates/ folder beside a project (which may come with a project someone sends) was used
// without being asked for; one of its templates exhausted memory.
void TestCli::configUsesTemplatesOnlyFromTheFolderNamed()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(QDir(dir.path()).mkpath(u"templates"_qs));
    QFile beside(dir.filePath(u"templates/frr.conf.mustache"_qs));
    QVERIFY(beside.open(QIODevice::WriteOnly));
    beside.write("hostname {{hostname}} from the folder beside the project\n");
    beside.close();
    const QString out = dir.filePath(u"out"_qs);
    Run run = nqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, out});
    QCOMPARE(run.exitCode, 0);
    QFile config(out + u"/ZJK/frr.conf"_qs);
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QByteArray text = config.readAll();
    QVERIFY(!text.contains("from the folder beside the project"));
    QVERIFY(text.contains("router isis core"));
    // Named with --templates, it is used; a template over the bound is refused with the bound.
    const QString named = dir.filePath(u"named"_qs);
    run = nqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, named,
               u"--templates"_qs, dir.filePath(u"templates"_qs)});
    QCOMPARE(run.exitCode, 0);
    QFile chosen(named + u"/ZJK/frr.conf"_qs);
    QVERIFY(chosen.open(QIODevice::ReadOnly));
    QCOMPARE(chosen.readAll(), QByteArray("hostname ZJK from the folder beside the project\n"));
    QVERIFY(beside.open(QIODevice::WriteOnly));
    beside.write(QByteArray(2 << 20, '!'));
    beside.close();
    run = nqi({u"config"_qs, project, u"--dialect"_qs, u"frr"_qs, u"-o"_qs, dir.filePath(u"big"_qs),
               u"--templates"_qs, dir.filePath(u"templates"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"the template is larger than 1 MiB (1048576 bytes)"_qs),
             qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dir.filePath(u"big"_qs)));
}

// The summary said "Demands: 1 routed, ..." and nothing of a demand no path joins.
void TestCli::latencySummaryCountsUnroutedDemands()
{
    const QString project = m_dir.filePath(u"islands.gpkg"_qs);
    const Run made = nqi(
        {u"import"_qs,
         write(u"islands-sites.csv"_qs, "code,kind,lat,lon\nA,national_hub,30,110\nB,pop,30,111\n"
                                        "C,pop,30,115\n"),
         write(u"islands-links.csv"_qs, "a,b,capacity_gbps\nA,B,100\n"),
         write(u"islands-demands.csv"_qs, "source,destination,rate_gbps\nA,B,1\nA,C,2\n"), u"-o"_qs,
         project});
    QVERIFY2(made.exitCode == 0, qPrintable(made.err));
    const Run text = nqi({u"plan"_qs, u"latency"_qs, project});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains(u"Demands: 1 routed, 1 unrouted (no path)"_qs),
             qPrintable(text.out));
    QVERIFY2(text.out.contains(u"  demand 2 A-C: no path joins its sites\n"_qs),
             qPrintable(text.out));
    const Run json = nqi({u"plan"_qs, u"latency"_qs, project, u"--json"_qs});
    const QJsonArray unrouted =
        QJsonDocument::fromJson(json.out.toUtf8()).object()[u"unrouted"_qs].toArray();
    QCOMPARE(unrouted.size(), 1);
    QCOMPARE(unrouted[0].toObject()[u"destination"_qs].toString(), u"C"_qs);
}

// `nqi config P --dialect frr -o . --force` in the folder holding P deleted the folder's
// contents, the project included. --force now replaces only a folder nqi config wrote, and
// never a folder that holds the project; the folders written are readable by others (FRR).
void TestCli::configForceKeepsWhatNqiDidNotWrite()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    QVERIFY(QDir(dir.path()).mkpath(u"notes"_qs));
    for (const QString &name : {u"notes/plan.txt"_qs, u"other.csv"_qs}) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("the user's\n");
    }
    auto everything = [&dir] {
        QStringList files;
        QDirIterator it(dir.path(), QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            files << QDir(dir.path()).relativeFilePath(path) + u' ' +
                         QString::fromLatin1(hashOf(path).toHex());
        }
        files.sort();
        return files;
    };
    auto nqiIn = [](const QString &folder, const QStringList &arguments) {
        QProcess process;
        process.setWorkingDirectory(folder);
        process.start(QStringLiteral(NQI_CLI), arguments);
        Run run;
        if (process.waitForFinished(120000)) {
            run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
            run.err = QString::fromUtf8(process.readAllStandardError());
        }
        return run;
    };
    // The reproducer, and the project itself as the folder: refused, everything kept.
    const QStringList before = everything();
    Run run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"frr"_qs, u"-o"_qs,
                                 u"."_qs, u"--force"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"holds the input"_qs), qPrintable(run.err));
    QCOMPARE(everything(), before);
    run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"frr"_qs, u"-o"_qs,
                             u"p.gpkg"_qs, u"--force"_qs});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(everything(), before);
    // A folder of the user's with files in it: refused with --force too.
    run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"frr"_qs, u"-o"_qs,
                             u"notes"_qs, u"--force"_qs, u"--no-save"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is not a folder nqi config wrote"_qs), qPrintable(run.err));
    QCOMPARE(everything(), before);

    // A folder nqi config wrote is replaced; its folders and files are readable by others.
    const QString out = dir.filePath(u"configs"_qs);
    run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"frr"_qs, u"-o"_qs,
                             u"configs"_qs, u"--no-save"_qs});
    QCOMPARE(run.exitCode, 0);
    const mode_t mask = [] {
        const mode_t current = ::umask(022);
        ::umask(current);
        return current;
    }();
    for (const QString &path :
         QStringList{out, out + u"/ZJK"_qs, out + u"/ZJK/frr.conf"_qs, out + u"/.nqi-config"_qs}) {
        struct stat info = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, (S_ISDIR(info.st_mode) ? 0777u : 0666u) & ~mask);
    }
    run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"vrp"_qs, u"-o"_qs,
                             u"configs"_qs, u"--force"_qs, u"--no-save"_qs});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(QFileInfo::exists(out + u"/ZJK/vrp.cfg"_qs));
    QVERIFY(!QFileInfo::exists(out + u"/ZJK/frr.conf"_qs));
    // Once it holds a file of the user's, it is kept as it is.
    {
        QFile mine(out + u"/ZJK/mine.txt"_qs);
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine\n");
    }
    const QStringList withMine = everything();
    run = nqiIn(dir.path(), {u"config"_qs, u"p.gpkg"_qs, u"--dialect"_qs, u"frr"_qs, u"-o"_qs,
                             u"configs"_qs, u"--force"_qs, u"--no-save"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"(ZJK/mine.txt)"_qs), qPrintable(run.err));
    QCOMPARE(everything(), withMine);
}

// `nqi import remote.vrt` whose source is /vsicurl/http://... connected out. The port is one
// this test listens on (loopback): no connection may reach it, and the import fails saying why.
void TestCli::importOfAVrtNeverConnectsOut()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QVERIFY(listener >= 0);
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&address), length) == 0);
    QVERIFY(::listen(listener, 16) == 0);
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    const QByteArray url = "http://127.0.0.1:" + QByteArray::number(ntohs(address.sin_port));
    const QString vrt =
        write(u"remote.vrt"_qs, "<OGRVRTDataSource><OGRVRTLayer name=\"sites\"><SrcDataSource>"
                                "/vsicurl/" +
                                    url +
                                    "/sites.geojson</SrcDataSource></OGRVRTLayer>"
                                    "</OGRVRTDataSource>\n");
    const QString project = m_dir.filePath(u"remote.gpkg"_qs);
    const Run run = nqi({u"import"_qs, vrt, u"-o"_qs, project});
    const int connection = ::accept(listener, nullptr, nullptr);
    if (connection >= 0)
        ::close(connection);
    ::close(listener);
    QVERIFY2(connection < 0, "the import connected to the test's port");
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"remote.vrt: a VRT file refers to other files and may fetch from "
                              "the network"_qs),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(project));
}

// ---- nqi merge: what it refuses (docs/scale-out.md) -----------------------------------------
namespace {

// A writable copy of the sample project in dir.
QString sampleCopy(const QTemporaryDir &dir, const QString &name)
{
    const QString project = dir.filePath(name);
    if (!QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project))
        qFatal("cannot copy the sample project to %s", qPrintable(project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    return project;
}

// The part files of a resilience sweep of project cut into count shards (prefix-I.json).
QStringList
shardParts(const QString &project, int count, const QString &prefix, const QStringList &flags = {})
{
    QStringList parts;
    for (int i = 1; i <= count; ++i) {
        const QString part = u"%1-%2.json"_qs.arg(prefix).arg(i);
        const Run run =
            nqi(QStringList{u"plan"_qs, u"resilience"_qs, project} + flags +
                QStringList{u"--shard"_qs, u"%1/%2"_qs.arg(i).arg(count), u"-o"_qs, part});
        if (run.exitCode != 0 || !QFile::exists(part))
            qFatal("nqi plan resilience --shard %d/%d failed: %s", i, count, qPrintable(run.err));
        parts << part;
    }
    return parts;
}

// Adds one site to project: its network (and so its digest) is another one afterwards.
void editProject(const QTemporaryDir &dir, const QString &project)
{
    const QString csv = dir.filePath(u"one-more-site.csv"_qs);
    QFile file(csv);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(csv));
    file.write("code,name,kind,latitude,longitude\nNEW1,New site,pop,30,110\n");
    file.close();
    if (nqi({u"import"_qs, csv, u"--into"_qs, project}).exitCode != 0)
        qFatal("cannot add a site to %s", qPrintable(project));
}

// An earlier result at the output path, which a refused merge must leave as it is.
QString earlierOutput(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"result.json"_qs);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write("{\"earlier\": true}\n");
    return path;
}

// A part file's JSON object, read back (a part nqi wrote is one).
QJsonObject readPart(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return QJsonDocument::fromJson(file.readAll()).object();
}

void writePart(const QString &path,
               const QJsonObject &part,
               QJsonDocument::JsonFormat format = QJsonDocument::Compact)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(QJsonDocument(part).toJson(format));
}

// A part's checksum as docs/scale-out.md defines it: "sha256:" and the SHA-256 in hex of the
// compact JSON of the part without its "checksum".
QString partChecksum(QJsonObject part)
{
    part.remove(u"checksum"_qs);
    const QByteArray canonical = QJsonDocument(part).toJson(QJsonDocument::Compact);
    return u"sha256:"_qs +
           QString::fromLatin1(
               QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

} // namespace

// A plain result, garbage and an empty file are refused as parts, each named, with exit code 1;
// the project and the output file already there are left as they were.
void TestCli::mergeRefusesWhatIsNotAPart()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 2, dir.filePath(u"part"_qs));
    const QString result = dir.filePath(u"whole.json"_qs);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--json"_qs, u"-o"_qs, result}).exitCode,
             0);
    const QString garbage = write(u"garbage-part.json"_qs, "this is not a part\n");
    const QString empty = write(u"empty-part.json"_qs, {});
    const QString output = earlierOutput(dir);
    const QByteArray projectHash = hashOf(project), outputHash = hashOf(output);

    struct Case
    {
        QStringList files;
        QString message;
    };
    const std::vector<Case> cases{
        {{result, parts[1]},
         u"whole.json: format: a whole resilience result, not a part: it "
         "needs no merge"_qs},
        {{parts[0], result}, u"whole.json: format: a whole resilience result, not a part"_qs},
        {{parts[0], garbage, parts[1]}, u"garbage-part.json: not a resilience part: not JSON"_qs},
        {{empty, parts[0], parts[1]}, u"empty-part.json: not a resilience part: not JSON"_qs},
    };
    for (const Case &c : cases) {
        const Run run = nqi(QStringList{u"merge"_qs} + c.files + QStringList{u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(c.message), qPrintable(run.err));
        QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
        QCOMPARE(hashOf(output), outputHash);
        QCOMPARE(hashOf(project), projectHash);
    }
    // What to do is said for a file that is no part at all.
    const Run run = nqi({u"merge"_qs, garbage});
    QVERIFY2(run.err.contains(u"give the part files `nqi plan resilience --shard I/N -o FILE` "
                              "wrote"_qs),
             qPrintable(run.err));
    // The same parts merge (the refusals above were for the files, not the parts).
    QCOMPARE(nqi({u"merge"_qs, parts[0], parts[1], u"-o"_qs, output}).exitCode, 0);
    QCOMPARE(hashOf(output), hashOf(result));
}

// A shard given twice is named with both files; missing shards are listed with how to compute
// them. Nothing is written.
void TestCli::mergeRefusesAShardGivenTwiceOrMissing()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 4, dir.filePath(u"part"_qs));
    const QString copy = dir.filePath(u"copy-of-part-2.json"_qs);
    QVERIFY(QFile::copy(parts[1], copy));
    const QString output = earlierOutput(dir);
    const QByteArray projectHash = hashOf(project), outputHash = hashOf(output);
    auto refused = [&](const QStringList &files) {
        const Run run = nqi(QStringList{u"merge"_qs} + files +
                            QStringList{u"-o"_qs, output, u"--save"_qs, project});
        if (run.exitCode != 1)
            qWarning("exit code %d: %s", run.exitCode, qPrintable(run.out));
        if (hashOf(output) != outputHash || hashOf(project) != projectHash)
            return u"a refused merge changed the project or the output"_qs;
        return run.exitCode == 1 ? run.err : u"not refused"_qs;
    };

    QString err = refused({parts[0], parts[1], parts[2], parts[3], parts[1]});
    QVERIFY2(err.contains(u"part-2.json: shard: shard 2/4 is given twice (also "_qs) &&
                 err.contains(u"give each shard once"_qs),
             qPrintable(err));
    // The same shard under another file name is the same shard.
    err = refused({parts[0], parts[1], copy, parts[2], parts[3]});
    QVERIFY2(err.contains(u"copy-of-part-2.json: shard: shard 2/4 is given twice"_qs),
             qPrintable(err));

    err = refused({parts[0], parts[1], parts[3]});
    // With the whole command that computes it (it used to say `nqi plan resilience ...`).
    QVERIFY2(err.contains(u"the sweep has 4 shards and 1 of them is missing: shard 3 of 4; "
                          "compute it (or find its part file) and merge again: `nqi plan "
                          "resilience "_qs) &&
                 err.contains(u" --shard 3/4 --json -o part-3.json`"_qs),
             qPrintable(err));
    err = refused({parts[2]});
    QVERIFY2(err.contains(u"3 of them are missing: shard 1, 2, 4 of 4; compute them (or find "
                          "their part files) and merge again: `nqi plan resilience "_qs) &&
                 err.contains(u" --shard 1/4 --json -o part-1.json` (and the same with the "
                              "others' numbers)"_qs),
             qPrintable(err));

    // Every part once, in any order, merges.
    QCOMPARE(nqi({u"merge"_qs, parts[3], parts[1], parts[0], parts[2], u"-o"_qs, output}).exitCode,
             0);
    QVERIFY(hashOf(output) != outputHash);
}

// Parts of other options (N-1 with N-2), of another shard count or of another network (the
// digest) are not one sweep; a project other than the one the parts read is refused too.
void TestCli::mergeRefusesPartsOfAnotherSweep()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QString other = sampleCopy(dir, u"other.gpkg"_qs);
    editProject(dir, other);
    const QStringList n1 = shardParts(project, 2, dir.filePath(u"n1"_qs));
    const QStringList n2 = shardParts(project, 2, dir.filePath(u"n2"_qs), {u"--n2"_qs});
    const QStringList three = shardParts(project, 3, dir.filePath(u"three"_qs));
    const QStringList elsewhere = shardParts(other, 2, dir.filePath(u"other"_qs));
    const QString output = earlierOutput(dir);
    const QByteArray projectHash = hashOf(project), otherHash = hashOf(other),
                     outputHash = hashOf(output);
    auto refused = [&](const QStringList &arguments) {
        const Run run = nqi(QStringList{u"merge"_qs} + arguments + QStringList{u"-o"_qs, output});
        if (hashOf(output) != outputHash || hashOf(project) != projectHash ||
            hashOf(other) != otherHash)
            return u"a refused merge changed a project or the output"_qs;
        return run.exitCode == 1 ? run.err : u"not refused (exit code %1)"_qs.arg(run.exitCode);
    };

    QString err = refused({n1[0], n2[1]});
    QVERIFY2(err.contains(u"n2-2.json: options: computed with other options "
                          "({\"n2\":true,\"perHopMs\":0,\"topK\":10}) than "_qs) &&
                 err.contains(u"({\"n2\":false,\"perHopMs\":0,\"topK\":10}); give the parts of "
                              "one sweep"_qs),
             qPrintable(err));
    err = refused({n1[0], n1[1], three[2]});
    QVERIFY2(err.contains(u"three-3.json: shard: shard 3/3 is of a sweep cut into 3 shards, "_qs) &&
                 err.contains(u"is of one cut into 2; give the parts of one sweep"_qs),
             qPrintable(err));
    err = refused({n1[0], elsewhere[1]});
    QVERIFY2(err.contains(u"other-2.json: digest: computed on another network than "_qs) &&
                 err.contains(u"compute every shard again on one project"_qs),
             qPrintable(err));
    // Parts of p.gpkg merged over other.gpkg: another network than the parts read.
    for (const QString &flag : {u"--project"_qs, u"--save"_qs}) {
        err = refused({n1[0], n1[1], flag, other});
        QVERIFY2(err.contains(u"other.gpkg: the parts were computed on another network than "
                              "this project holds now"_qs) &&
                     err.contains(u"give the project the shards read, or compute them again"_qs),
                 qPrintable(err));
    }
    // Each sweep on its own merges.
    QCOMPARE(nqi({u"merge"_qs, n2[0], n2[1]}).exitCode, 0);
    QCOMPARE(nqi({u"merge"_qs, three[0], three[1], three[2]}).exitCode, 0);
    QCOMPARE(nqi({u"merge"_qs, elsewhere[0], elsewhere[1]}).exitCode, 0);
}

// --save into the project the parts name, edited since they ran: the result would be stale;
// refused, and the project is left byte for byte as the edit left it.
void TestCli::mergeRefusesAProjectEditedSinceTheParts()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 3, dir.filePath(u"part"_qs));
    editProject(dir, project);
    const QString output = earlierOutput(dir);
    const QByteArray projectHash = hashOf(project), outputHash = hashOf(output);
    for (const QStringList &how : {QStringList{u"--save"_qs, project}, QStringList{}}) {
        const Run run = nqi(QStringList{u"merge"_qs} + parts + how + QStringList{u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"p.gpkg: the parts were computed on another network than "
                                  "this project holds now"_qs) &&
                     run.err.contains(u"the project was edited since"_qs),
                 qPrintable(run.err));
        QCOMPARE(hashOf(project), projectHash);
        QCOMPARE(hashOf(output), outputHash);
    }
    // Nothing was stored: the project has no resilience result.
    const Run info = nqi({u"info"_qs, project, u"--json"_qs});
    QCOMPARE(info.exitCode, 0);
    QVERIFY2(!QJsonDocument::fromJson(info.out.toUtf8())
                  .object()[u"results"_qs]
                  .toObject()
                  .contains(u"resilience"_qs),
             qPrintable(info.out));
}

// -o naming a folder is refused, and nothing is stored with --save either (the merge stores
// only once it can write its output).
void TestCli::mergeRefusesAFolderAsOutput()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 2, dir.filePath(u"part"_qs));
    const QString folder = dir.filePath(u"results"_qs);
    QVERIFY(QDir().mkpath(folder));
    const QByteArray projectHash = hashOf(project);
    Run run = nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, folder});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"results: is a folder; give the name of a file"_qs),
             qPrintable(run.err));
    QVERIFY(QDir(folder).isEmpty());
    QCOMPARE(hashOf(project), projectHash);

    run = nqi(QStringList{u"merge"_qs} + parts +
              QStringList{u"--save"_qs, project, u"-o"_qs, folder});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"results: is a folder; give the name of a file"_qs),
             qPrintable(run.err));
    QVERIFY(QDir(folder).isEmpty());
    QCOMPARE(hashOf(project), projectHash); // the output failed: nothing stored either
}

// A part carries a checksum of its content: a figure changed by hand, a part cut short and
// "repaired", or a part whose checksum was taken out is refused, naming the file and the
// command that computes the shard again; nothing is written or stored. The same content in
// another layout (indented) is the same part and merges byte for byte.
void TestCli::mergeRefusesAPartEditedSinceNqiWroteIt()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 3, dir.filePath(u"part"_qs));
    const QString whole = dir.filePath(u"whole.json"_qs);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--json"_qs, u"-o"_qs, whole}).exitCode,
             0);
    const QJsonObject original = readPart(parts[1]);
    const QJsonArray links = original.value(u"links"_qs).toArray();
    const QJsonArray pairs = original.value(u"pairs"_qs).toArray();
    QVERIFY2(links.size() >= 5 && pairs.size() >= 10, "shard 2/3 has link and pair figures");

    // A link's worst load lowered by hand: still a well-formed part the merge would take.
    QJsonObject edited = original;
    QJsonArray editedLinks = links;
    editedLinks[2] = links.at(2).toDouble() * 0.5;
    edited.insert(u"links"_qs, editedLinks);
    // Cut short, then made JSON again: the last pair's figures are gone.
    QJsonObject truncated = original;
    QJsonArray shortPairs = pairs;
    for (int i = 0; i < 5; ++i)
        shortPairs.removeLast();
    truncated.insert(u"pairs"_qs, shortPairs);
    QJsonObject unchecked = original;
    unchecked.remove(u"checksum"_qs);

    const QString expectedCommand = u"compute that shard again with: nqi plan resilience %1 "
                                    "--shard 2/3 --json -o %2"_qs.arg(project, parts[1]);
    const QString output = dir.filePath(u"result.json"_qs);
    const QByteArray projectHash = hashOf(project);
    struct Case
    {
        QJsonObject part;
        QString message;
    };
    const std::vector<Case> cases{
        {edited, u"part-2.json: its content does not match its checksum: it was edited or "
                 "damaged after nqi wrote it; "_qs +
                     expectedCommand},
        {truncated, u"part-2.json: its content does not match its checksum"_qs},
        {unchecked, u"part-2.json: checksum: the part has no checksum"_qs},
    };
    for (const Case &c : cases) {
        writePart(parts[1], c.part);
        for (const QStringList &how : {QStringList{}, QStringList{u"--save"_qs, project}}) {
            const Run run =
                nqi(QStringList{u"merge"_qs} + parts + how + QStringList{u"-o"_qs, output});
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains(c.message), qPrintable(run.err));
            QVERIFY2(run.err.contains(expectedCommand), qPrintable(run.err));
            QVERIFY2(!QFile::exists(output), "a refused merge wrote its output");
            QCOMPARE(hashOf(project), projectHash);
        }
    }

    // The checksum is the one docs/scale-out.md defines.
    QVERIFY2(original.value(u"checksum"_qs).toString().startsWith(u"sha256:"_qs),
             "a part says its checksum");
    QCOMPARE(original.value(u"checksum"_qs).toString(), partChecksum(original));
    // The part as nqi wrote it, also laid out another way, merges into the single run's result.
    for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
        writePart(parts[1], original, format);
        QCOMPARE(nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, output}).exitCode, 0);
        QCOMPARE(hashOf(output), hashOf(whole));
        QVERIFY(QFile::remove(output));
    }
}

// A part says the nqi version that wrote it; parts of another version are refused (the merge
// computes the normal state again with its own code), even with a checksum that matches.
void TestCli::mergeRefusesPartsOfAnotherNqiVersion()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 2, dir.filePath(u"part"_qs));
    const Run version = nqi({u"--version"_qs});
    const QString thisVersion = version.out.trimmed().mid(4); // "nqi X.Y.Z"
    QVERIFY2(!thisVersion.isEmpty(), qPrintable(version.out));
    QJsonObject part = readPart(parts[0]);
    const QString output = dir.filePath(u"result.json"_qs);
    part.insert(u"nqiVersion"_qs, u"0.0.1-other"_qs);
    part.insert(u"checksum"_qs, partChecksum(part));
    writePart(parts[0], part);
    Run run = nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, output});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"part-1.json: nqiVersion: written by nqi 0.0.1-other, this is "
                              "nqi %1"_qs.arg(thisVersion)),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(output));

    part.remove(u"nqiVersion"_qs);
    part.insert(u"checksum"_qs, partChecksum(part));
    writePart(parts[0], part);
    run = nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, output});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"part-1.json: nqiVersion: written by an nqi that does not say "
                              "its version"_qs),
             qPrintable(run.err));
    QVERIFY(!QFile::exists(output));

    // This version's own, checked the same way, merges.
    QCOMPARE(readPart(parts[1]).value(u"nqiVersion"_qs).toString(), thisVersion);
    part.insert(u"nqiVersion"_qs, thisVersion);
    part.insert(u"checksum"_qs, partChecksum(part));
    writePart(parts[0], part);
    QCOMPARE(nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, output}).exitCode, 0);
}

// The project and the parts are inputs: no output replaces them (also through a link), a failed
// output leaves the project unchanged, and a job folder never replaces files NQI did not write.
void TestCli::scaleOutNeverOverwritesItsInputs()
{
    QTemporaryDir dir;
    const QString project = dir.filePath(u"p.gpkg"_qs);
    QVERIFY(QFile::copy(QStringLiteral(NQI_SAMPLE_PROJECT), project));
    QFile::setPermissions(project, QFile::ReadOwner | QFile::WriteOwner);
    const QByteArray before = hashOf(project);
    const QString link = dir.filePath(u"link.gpkg"_qs);
    QVERIFY(QFile::link(project, link));
    for (const QString &output : {project, link}) {
        for (const QStringList &extra :
             {QStringList{}, QStringList{u"--shard"_qs, u"1/2"_qs}, QStringList{u"--save"_qs}}) {
            const Run run = nqi(QStringList{u"plan"_qs, u"resilience"_qs, project, u"-o"_qs,
                                            output} +
                                extra);
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(hashOf(project), before);
        }
    }
    // An empty --shard was ignored: the whole sweep written where a part was asked for; an
    // empty -o wrote to the terminal.
    for (const QStringList &empty :
         {QStringList{u"--shard"_qs, QString(), u"-o"_qs, dir.filePath(u"e.json"_qs)},
          QStringList{u"-o"_qs, QString()}}) {
        const Run run = nqi(QStringList{u"plan"_qs, u"resilience"_qs, project} + empty);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u" is empty: give "_qs), qPrintable(run.err));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"e.json"_qs)));
        QVERIFY(!run.out.contains(u"\"links\""_qs));
    }
    const QString a = dir.filePath(u"a.json"_qs), b = dir.filePath(u"b.json"_qs);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--shard"_qs, u"1/2"_qs, u"-o"_qs, a})
                 .exitCode,
             0);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--shard"_qs, u"2/2"_qs, u"-o"_qs, b})
                 .exitCode,
             0);
    const QByteArray partA = hashOf(a);
    const QString partLink = dir.filePath(u"alink.json"_qs);
    QVERIFY(QFile::link(a, partLink));
    for (const QString &output : {project, link, partLink}) {
        const Run run = nqi({u"merge"_qs, a, b, u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(hashOf(project), before);
        QCOMPARE(hashOf(a), partA);
    }
    // A failed output stores nothing: plan --save and merge --save with -o a folder.
    const QString folder = dir.filePath(u"folder"_qs);
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs, u"-o"_qs, folder}).exitCode,
             1);
    QCOMPARE(hashOf(project), before);
    QCOMPARE(nqi({u"merge"_qs, a, b, u"--save"_qs, project, u"-o"_qs, folder}).exitCode, 1);
    QCOMPARE(hashOf(project), before);

    // A folder holding a job.json that is not a job manifest, or files NQI does not write.
    const QString mine = dir.filePath(u"mine"_qs);
    QVERIFY(QDir().mkpath(mine));
    for (const auto &[name, text] : {std::pair{u"job.json"_qs, QByteArray("{\"mine\":1}")},
                                     std::pair{u"README.md"_qs, QByteArray("my notes")}}) {
        QFile file(QDir(mine).filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    }
    Run run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"-o"_qs, mine});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"not an NQI Slurm job folder"_qs), qPrintable(run.err));
    QCOMPARE(hashOf(QDir(mine).filePath(u"README.md"_qs)),
             QCryptographicHash::hash("my notes", QCryptographicHash::Sha256));
    // An NQI job folder can be written again for the same job (say with another partition),
    // but not for another one, which could be queued on the cluster reading it (it used to be
    // rewritten without a word), nor once it holds someone else's file.
    const QString job = dir.filePath(u"job"_qs);
    QCOMPARE(nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"-o"_qs, job})
                 .exitCode,
             0);
    QCOMPARE(nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"--partition"_qs,
                  u"compute"_qs, u"-o"_qs, job})
                 .exitCode,
             0);
    const QByteArray manifest = hashOf(QDir(job).filePath(u"job.json"_qs));
    for (const QStringList &other :
         {QStringList{u"--tasks"_qs, u"3"_qs}, QStringList{u"--tasks"_qs, u"2"_qs, u"--n2"_qs},
          QStringList{u"--tasks"_qs, u"2"_qs, u"--top"_qs, u"3"_qs}}) {
        run = nqi(QStringList{u"slurm"_qs, u"resilience"_qs, project} + other +
                  QStringList{u"-o"_qs, job});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"holds another job (2 tasks"_qs), qPrintable(run.err));
        QCOMPARE(hashOf(QDir(job).filePath(u"job.json"_qs)), manifest);
    }
    QFile extra(QDir(job).filePath(u"notes.txt"_qs));
    QVERIFY(extra.open(QIODevice::WriteOnly));
    extra.close();
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"-o"_qs, job});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"notes.txt"_qs), qPrintable(run.err));
}

// Options each within range may combine into figures beyond any number: refused, never printed
// as "inf s" or stored as a result the project then calls damaged.
void TestCli::optionsThatGiveNoFiguresAreRefused()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    Run run = nqi({u"plan"_qs, u"dci"_qs, project, u"--link"_qs, u"5"_qs, u"--model-gb"_qs,
                   u"1e308"_qs, u"--save"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"beyond what can be stated"_qs), qPrintable(run.err));
    QVERIFY(!run.out.contains(u"inf"_qs) && !run.out.contains(u"nan"_qs));
    QVERIFY(!nqi({u"info"_qs, project}).out.contains(u"dci"_qs));
    run = nqi({u"plan"_qs, u"fabric"_qs, u"--gpus"_qs, u"16384"_qs, u"--switch-watts"_qs,
               u"1e308"_qs, u"--json"_qs});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"powerKw"_qs), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());

    // A link of 1e-320 Gbps makes resilience's utilisations infinite. `nqi plan --save` refused
    // it, but the whole sweep into a file and a merge of its shards wrote nulls, and the merge
    // stored them (then called the project's result damaged).
    const auto write = [&](const QString &name, const QByteArray &text) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    write(u"sites.csv"_qs, "code,name,kind,lat,lon\nA,A,metro_dc,30,110\nB,B,metro_dc,30.1,110\n"
                           "C,C,metro_dc,30.2,110\n");
    write(u"links.csv"_qs, "id,a,b,capacity_gbps,length_km,igp_metric\n1,A,B,100,10,1\n"
                           "2,B,C,100,10,1\n3,A,C,1e-320,10,1\n");
    write(u"demands.csv"_qs, "id,source,destination,rate_gbps\n1,A,C,10\n");
    const QString tiny = dir.filePath(u"tiny.gpkg"_qs);
    QCOMPARE(nqi({u"import"_qs, dir.filePath(u"sites.csv"_qs), dir.filePath(u"links.csv"_qs),
                  dir.filePath(u"demands.csv"_qs), u"-o"_qs, tiny})
                 .exitCode,
             0);
    run = nqi({u"plan"_qs, u"resilience"_qs, tiny, u"--json"_qs, u"-o"_qs,
               dir.filePath(u"whole.json"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"beyond what can be stated"_qs), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dir.filePath(u"whole.json"_qs)));
    for (const QString &shard : {u"1/2"_qs, u"2/2"_qs})
        QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, tiny, u"--shard"_qs, shard, u"-o"_qs,
                      dir.filePath(u"part-%1.json"_qs.arg(shard.front()))})
                     .exitCode,
                 0);
    run = nqi({u"merge"_qs, dir.filePath(u"part-1.json"_qs), dir.filePath(u"part-2.json"_qs),
               u"--save"_qs, tiny, u"-o"_qs, dir.filePath(u"merged.json"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"beyond what can be stated"_qs), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(dir.filePath(u"merged.json"_qs)));
    QVERIFY2(nqi({u"info"_qs, tiny}).out.contains(u"none (run"_qs),
             qPrintable(nqi({u"info"_qs, tiny}).out));
}

// The failures that cut traffic are counted one way everywhere: the text summary counts what the
// report's summary and table count (every entry of "disconnected"), and says how many of them cut
// demands in transit; lost traffic is rounded as the report rounds it.
void TestCli::failuresThatCutTrafficCountAlike()
{
    const QJsonObject json = samplePlan(u"resilience"_qs);
    const QJsonArray cuts = json[u"disconnected"_qs].toArray();
    int inTransit = 0;
    for (const QJsonValue &cut : cuts)
        inTransit += cut[u"demands"_qs].toArray().isEmpty() ? 0 : 1;
    QVERIFY(inTransit > 0 && inTransit < cuts.size());
    const Run run =
        nqi({u"plan"_qs, u"resilience"_qs, QStringLiteral(NQI_SAMPLE_PROJECT)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Failures that cut traffic: %1 (%2 of them cut demands in transit"_qs
                                  .arg(cuts.size())
                                  .arg(inTransit)),
             qPrintable(run.out));
    QVERIFY2(!run.out.contains(QRegularExpression(u"\\.\\d{3,} Gbps"_qs)), qPrintable(run.out));
}

// A merge in two levels, as a cluster's nodes would: some parts combined into one part each
// (nqi merge --partial), then those merged (alone or beside plain parts) into exactly the single
// run's result; a shard given twice across levels is refused, nothing written.
void TestCli::mergeInTwoLevels()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 5, dir.filePath(u"part"_qs), {u"--n2"_qs});
    const QString single = dir.filePath(u"single.json"_qs);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--n2"_qs, u"--json"_qs, u"-o"_qs,
                  single})
                 .exitCode,
             0);
    const QString g1 = dir.filePath(u"g1.json"_qs), g2 = dir.filePath(u"g2.json"_qs);
    Run run = nqi({u"merge"_qs, u"--partial"_qs, parts[0], parts[2], u"-o"_qs, g1});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Combined 2 parts (2 of 5 shards)"_qs), qPrintable(run.out));
    QCOMPARE(
        nqi({u"merge"_qs, u"--partial"_qs, parts[1], parts[3], parts[4], u"-o"_qs, g2}).exitCode,
        0);
    const auto bytes = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QString merged = dir.filePath(u"merged.json"_qs);
    run = nqi({u"merge"_qs, g2, g1, u"-o"_qs, merged});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"Merged 2 parts (5 shards)"_qs), qPrintable(run.out));
    QVERIFY(bytes(merged) == bytes(single));
    const QString mixed = dir.filePath(u"mixed.json"_qs);
    QCOMPARE(nqi({u"merge"_qs, parts[1], g1, parts[3], parts[4], u"-o"_qs, mixed}).exitCode, 0);
    QVERIFY(bytes(mixed) == bytes(single));
    // A shard twice, and what --partial does not take.
    const QString twice = dir.filePath(u"twice.json"_qs);
    run = nqi({u"merge"_qs, g1, parts[0], g2, u"-o"_qs, twice});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"shard 1/5 is given twice"_qs), qPrintable(run.err));
    QVERIFY(!QFile::exists(twice));
    run = nqi({u"merge"_qs, u"--partial"_qs, g1, parts[0], u"-o"_qs, twice});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(!QFile::exists(twice));
    QCOMPARE(nqi({u"merge"_qs, u"--partial"_qs, parts[0], parts[1]}).exitCode, 2);
    QCOMPARE(nqi({u"merge"_qs, u"--partial"_qs, parts[0], u"--save"_qs, project, u"-o"_qs, twice})
                 .exitCode,
             2);
}

// A job of more tasks than --parts-per-merge merges in two levels: combine.sbatch (an array over
// groups of parts) and merge.sbatch (over the groups' parts). Its scripts, run as Slurm would run
// them (array task ids in the environment), give the single run's result byte for byte; written
// again with fewer tasks, the folder loses the script submit.sh would no longer queue.
void TestCli::slurmJobMergesInTwoLevels()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QString single = dir.filePath(u"single.json"_qs);
    QCOMPARE(nqi({u"plan"_qs, u"resilience"_qs, project, u"--json"_qs, u"-o"_qs, single}).exitCode,
             0);
    const QString job = dir.filePath(u"job"_qs);
    Run run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs,
                   u"--parts-per-merge"_qs, u"2"_qs, u"-o"_qs, job});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"merged in two levels: 3 groups of up to 2 parts"_qs),
             qPrintable(run.out));
    const auto text = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    const QDir folder(job);
    QVERIFY(text(folder.filePath(u"combine.sbatch"_qs)).contains(u"#SBATCH --array=1-3\n"_qs));
    QVERIFY(text(folder.filePath(u"merge.sbatch"_qs)).contains(u"combined/combined-*.json"_qs));
    QVERIFY(text(folder.filePath(u"submit.sh"_qs)).contains(u"combine.sbatch"_qs));
    QVERIFY(text(folder.filePath(u"README.md"_qs)).contains(u"two levels"_qs));
    QCOMPARE(QJsonDocument::fromJson(text(folder.filePath(u"job.json"_qs)).toUtf8())
                 .object()[u"mergeGroups"_qs]
                 .toInt(),
             3);

    // Each script as an array task of its job would run it.
    const auto task = [&](const QString &script, int id) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"NQI_PROGRAM"_qs, QStringLiteral(NQI_CLI));
        environment.insert(u"SLURM_SUBMIT_DIR"_qs, job);
        if (id > 0)
            environment.insert(u"SLURM_ARRAY_TASK_ID"_qs, QString::number(id));
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(job);
        process.start(u"/bin/bash"_qs, {folder.filePath(script)});
        if (!process.waitForFinished(120000) || process.exitCode() != 0)
            qWarning("%s %d: %s", qPrintable(script), id,
                     process.readAllStandardError().constData());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    };
    for (int i = 1; i <= 5; ++i)
        QCOMPARE(task(u"shards.sbatch"_qs, i), 0);
    for (int j = 1; j <= 3; ++j)
        QCOMPARE(task(u"combine.sbatch"_qs, j), 0);
    QVERIFY(!folder.exists(u"combined/combined-4.json"_qs));
    QCOMPARE(task(u"merge.sbatch"_qs, 0), 0);
    const auto bytes = [](const QString &path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    QVERIFY(bytes(folder.filePath(u"result.json"_qs)) == bytes(single));
    // The last group holds the one part left over (5 = 2 + 2 + 1).
    const QJsonObject last = QJsonDocument::fromJson(bytes(folder.filePath(
                                                         u"combined/combined-3.json"_qs)))
                                 .object();
    QCOMPARE(last[u"shard"_qs].toObject()[u"indexes"_qs].toArray(), QJsonArray{4});

    // Written again (a new folder) with no more tasks than one merge reads: one level.
    const QString again = dir.filePath(u"again"_qs);
    QCOMPARE(nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs,
                  u"--parts-per-merge"_qs, u"2"_qs, u"-o"_qs, again})
                 .exitCode,
             0);
    QVERIFY(QFile::exists(QDir(again).filePath(u"combine.sbatch"_qs)));
    QCOMPARE(nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs, u"-o"_qs, again})
                 .exitCode,
             0);
    QVERIFY(!QFile::exists(QDir(again).filePath(u"combine.sbatch"_qs)));
    QVERIFY(text(QDir(again).filePath(u"merge.sbatch"_qs)).contains(u"parts/part-*.json"_qs));
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs,
               u"--parts-per-merge"_qs, u"1"_qs, u"-o"_qs, again});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--parts-per-merge"_qs), qPrintable(run.err));
    // Parts go on a merge's command line: no merge task reads more than 4096 of them.
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs,
               u"--parts-per-merge"_qs, u"4097"_qs, u"-o"_qs, again});
    QCOMPARE(run.exitCode, 2);
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"100000"_qs,
               u"--parts-per-merge"_qs, u"2"_qs, u"-o"_qs, dir.filePath(u"huge"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"make 50000 groups, more than one merge reads (4096): give "
                              "--parts-per-merge 25 or more"_qs),
             qPrintable(run.err));
    // A failed shard cancels every group's merge: the README says to queue them all again, each
    // after what it reads (the merge queued alone used to start at once and fail).
    QVERIFY2(text(folder.filePath(u"README.md"_qs))
                     .contains(u"shard=$(sbatch --parsable --array=I shards.sbatch)"_qs) &&
                 text(folder.filePath(u"README.md"_qs))
                     .contains(u"`groups=$(sbatch --parsable --dependency=afterok:$shard "
                               "combine.sbatch)` then `sbatch --dependency=afterok:$groups "
                               "merge.sbatch`"_qs),
             qPrintable(text(folder.filePath(u"README.md"_qs))));
    // Slurm's time limits, and nothing else.
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"--time"_qs,
               u"-5"_qs, u"-o"_qs, dir.filePath(u"minus"_qs)});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"--time \"-5\""_qs), qPrintable(run.err));
    QCOMPARE(nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"2"_qs, u"--time"_qs,
                  u"UNLIMITED"_qs, u"-o"_qs, dir.filePath(u"unlimited"_qs)})
                 .exitCode,
             0);
    // The folder of a job that ran is an earlier job's, said so.
    run = nqi({u"slurm"_qs, u"resilience"_qs, project, u"--tasks"_qs, u"5"_qs, u"-o"_qs, job});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"holds the parts or result of an earlier job"_qs),
             qPrintable(run.err));
}

// -o with --save: when the project cannot be saved (here it is immutable, which stops root too),
// the command fails and leaves no output file behind, for nqi merge and nqi plan resilience
// alike (a failed output storing nothing is tested above).
void TestCli::aFailedSaveLeavesNoOutput()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 2, dir.filePath(u"part"_qs));
    QProcess chattr;
    chattr.start(u"chattr"_qs, {u"+i"_qs, project});
    if (!chattr.waitForFinished(10000) || chattr.exitStatus() != QProcess::NormalExit ||
        chattr.exitCode() != 0)
        QSKIP("chattr +i is not available here (needs root and a file system with attributes)");
    struct Mutable
    {
        QString path;
        ~Mutable() { QProcess::execute(u"chattr"_qs, {u"-i"_qs, path}); }
    } mutableAgain{project};
    const QByteArray before = hashOf(project);

    const QString merged = dir.filePath(u"merged.json"_qs);
    Run run = nqi(QStringList{u"merge"_qs} + parts +
                  QStringList{u"--save"_qs, project, u"-o"_qs, merged});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"p.gpkg"_qs), qPrintable(run.err));
    QVERIFY2(!QFile::exists(merged), "a merge whose save failed left its output");
    const QString planned = dir.filePath(u"planned.json"_qs);
    run = nqi({u"plan"_qs, u"resilience"_qs, project, u"--save"_qs, u"-o"_qs, planned});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(!QFile::exists(planned), "a plan whose save failed left its output");
    QCOMPARE(hashOf(project), before);
    QVERIFY(QDir(dir.path()).entryList({u"*.json.*"_qs, u".*.json*"_qs}, QDir::Files | QDir::Hidden)
                .isEmpty()); // no temporary file left either

    // Without --save, the same merge writes its output.
    QCOMPARE(nqi(QStringList{u"merge"_qs} + parts + QStringList{u"-o"_qs, merged}).exitCode, 0);
    QVERIFY(QFile::exists(merged));
}

// What is no part at all is refused before it is read whole: a device (/dev/zero would be read
// until memory runs out), a folder, a large file that does not begin as JSON does; a part whose
// figures are of the wrong type, its checksum made to match, is refused as damaged.
void TestCli::mergeRefusesDevicesFoldersAndWrongTypes()
{
    QTemporaryDir dir;
    const QString project = sampleCopy(dir, u"p.gpkg"_qs);
    const QStringList parts = shardParts(project, 2, dir.filePath(u"part"_qs));
    const QString output = earlierOutput(dir);
    const QByteArray outputHash = hashOf(output);
    const QString zeros = dir.filePath(u"zeros.json"_qs);
    {
        QFile file(zeros);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(qint64(256) << 20)); // 256 MiB of zero bytes, sparse
    }
    struct Case
    {
        QString file, message;
    };
    const std::vector<Case> cases{
        {u"/dev/zero"_qs, u"/dev/zero: not a resilience part: not a regular file"_qs},
        {dir.path(), u"a folder, not a part file"_qs},
        {zeros, u"zeros.json: not a resilience part: not JSON (it does not begin with {)"_qs},
    };
    for (const Case &c : cases) {
        QElapsedTimer timer;
        timer.start();
        const Run run = nqi({u"merge"_qs, parts[0], c.file, parts[1], u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(c.message), qPrintable(run.err));
        QCOMPARE(hashOf(output), outputHash);
    }
    // Figures of the wrong type, sealed with a matching checksum.
    for (const QString &key : {u"links"_qs, u"pairs"_qs, u"cuts"_qs}) {
        QJsonObject part = readPart(parts[1]);
        part.insert(key, u"abc"_qs);
        part.insert(u"checksum"_qs, partChecksum(part));
        const QString forged = dir.filePath(u"forged-%1.json"_qs.arg(key));
        writePart(forged, part);
        const Run run = nqi({u"merge"_qs, parts[0], forged, u"-o"_qs, output});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(u"is damaged: its \"%1\" is not a list"_qs.arg(key)),
                 qPrintable(run.err));
        QCOMPARE(hashOf(output), outputHash);
    }
}

QTEST_MAIN(TestCli)
#include "tst_cli.moc"
