#include "core/io/exporter.h"
#include "core/io/importer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace nqi::core;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(data), data.size());
}

} // namespace

// Every Internet Topology Zoo network goes GraphML -> project -> sites and links CSV -> project
// -> CSV, and comes back as the same project: what an export writes, import accepts and
// reproduces exactly (ids, codes, coordinates, every link field, lengths and latencies).
class TestRoundTrip : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void topologyZooCsvRoundTrip_data();
    void topologyZooCsvRoundTrip();
    void topologyZooGdalRoundTrip_data();
    void topologyZooGdalRoundTrip();
    void cleanupTestCase();

private:
    QString m_folder;
    QTemporaryDir m_dir;
    QElapsedTimer m_timer;
};

void TestRoundTrip::initTestCase()
{
    m_folder = QStringLiteral(NQI_SHARED_DIR "/datasets/topology-zoo/graphml");
    if (!QDir(m_folder).exists())
        QSKIP("the Topology Zoo dataset is not beside the project (../shared/datasets)");
    QVERIFY(m_dir.isValid());
    m_timer.start();
}

void TestRoundTrip::topologyZooCsvRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = QDir(m_folder).entryList({u"*.graphml"_qs}, QDir::Files, QDir::Name);
    QVERIFY(files.size() > 250);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << file;
}

void TestRoundTrip::topologyZooCsvRoundTrip()
{
    QFETCH(QString, file);
    Network original;
    Importer::importFiles(original, {QDir(m_folder).filePath(file)});

    const QByteArray sites = Exporter::csv(original, ExportLayer::Sites);
    const QByteArray links = Exporter::csv(original, ExportLayer::Links);
    const QString sitesPath = m_dir.filePath(u"sites.csv"_qs);
    const QString linksPath = m_dir.filePath(u"links.csv"_qs);
    writeFile(sitesPath, sites);
    writeFile(linksPath, links);

    Network reimported;
    reimported.setSettings(original.settings());
    try {
        const ImportReport report = Importer::importFiles(reimported, {linksPath, sitesPath});
        for (const Diagnostic &warning : report.warnings)
            QFAIL(qPrintable(u"the export imports with a warning: "_qs + warning.toString()));
    } catch (const Failure &failure) {
        QFAIL(
            qPrintable(u"the export does not import again: "_qs + failure.diagnostic().toString()));
    }

    // The second export is byte-identical to the first.
    QCOMPARE(Exporter::csv(reimported, ExportLayer::Sites), sites);
    QCOMPARE(Exporter::csv(reimported, ExportLayer::Links), links);

    // The same project: every site and link as it was, so the same lengths and latencies.
    QCOMPARE(reimported.sites().size(), original.sites().size());
    QCOMPARE(reimported.links().size(), original.links().size());
    for (size_t i = 0; i < original.sites().size(); ++i)
        QCOMPARE(reimported.sites()[i], original.sites()[i]);
    for (size_t i = 0; i < original.links().size(); ++i) {
        const Link &before = original.links()[i];
        const Link &after = reimported.links()[i];
        QCOMPARE(after, before);
        QCOMPARE(reimported.lengthKm(after), original.lengthKm(before));
        QCOMPARE(reimported.latencyMs(after), original.latencyMs(before));
    }
    QCOMPARE(reimported.digest(), original.digest());
}

void TestRoundTrip::topologyZooGdalRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("extension");
    // Every file takes half a minute through GDAL (each export is flushed to disk): these
    // hold every case the others do. Kdl: the largest, sites at one spot; Ntt: 48 links across
    // the antimeridian; Hurricane Electric: both; Ai3 and AsnetAm: no links (an empty layer);
    // Abilene: none of these.
    for (const char *file : {"Kdl", "Ntt", "HurricaneElectric", "Ai3", "AsnetAm", "Abilene"}) {
        for (const QString &extension : {u"geojson"_qs, u"gpkg"_qs}) {
            const QString name = QLatin1StringView(file) + u".graphml"_qs;
            QTest::newRow(qPrintable(name + u' ' + extension)) << name << extension;
        }
    }
}

// The formats import reads that hold numbers exactly (GeoJSON written with 17 significant
// digits, GeoPackage's doubles) make the same project too, lines cut at the antimeridian
// included.
void TestRoundTrip::topologyZooGdalRoundTrip()
{
    QFETCH(QString, file);
    QFETCH(QString, extension);
    Network original;
    Importer::importFiles(original, {QDir(m_folder).filePath(file)});
    const QString sitesPath = m_dir.filePath(u"sites."_qs + extension);
    const QString linksPath = m_dir.filePath(u"links."_qs + extension);
    Exporter::exportLayer(original, ExportLayer::Sites, sitesPath);
    Exporter::exportLayer(original, ExportLayer::Links, linksPath);

    Network reimported;
    reimported.setSettings(original.settings());
    try {
        const ImportReport report = Importer::importFiles(reimported, {linksPath, sitesPath});
        for (const Diagnostic &warning : report.warnings)
            QFAIL(qPrintable(u"the export imports with a warning: "_qs + warning.toString()));
    } catch (const Failure &failure) {
        QFAIL(
            qPrintable(u"the export does not import again: "_qs + failure.diagnostic().toString()));
    }
    QCOMPARE(Exporter::csv(reimported, ExportLayer::Sites),
             Exporter::csv(original, ExportLayer::Sites));
    QCOMPARE(Exporter::csv(reimported, ExportLayer::Links),
             Exporter::csv(original, ExportLayer::Links));
    QCOMPARE(reimported.digest(), original.digest());
}

void TestRoundTrip::cleanupTestCase()
{
    qInfo("round trips took %lld ms", static_cast<long long>(m_timer.elapsed()));
}

QTEST_GUILESS_MAIN(TestRoundTrip)
#include "tst_roundtrip.moc"
