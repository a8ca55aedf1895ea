#include "core/io/exporter.h"
#include "core/io/importer.h"
#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace nqi::core;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestExporters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvRoundTripIsIdentical_data();
    void csvRoundTripIsIdentical();
    void linksCsvColumns();
    void ogrinfoCountsExportedFeatures_data();
    void ogrinfoCountsExportedFeatures();
    void failedExportLeavesFileIntact();

private:
    QTemporaryDir m_dir;
};

void TestExporters::csvRoundTripIsIdentical_data()
{
    QTest::addColumn<QString>("source");
    QTest::newRow("sample project") << u"sample"_qs;
    QTest::newRow("every field set") << u"full"_qs;
    QTest::newRow("synthetic") << u"synthetic"_qs;
}

void TestExporters::csvRoundTripIsIdentical()
{
    QFETCH(QString, source);
    Network original;
    if (source == u"sample")
        original = ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    else if (source == u"full")
        original = nqi::tests::fullyPopulatedNetwork();
    else
        original = nqi::tests::syntheticNetwork(2000, 3, 5000);

    // export -> import -> export: the two exports are byte-identical.
    const QString first = m_dir.filePath(source + u"-1"_qs);
    const QString second = m_dir.filePath(source + u"-2"_qs);
    QVERIFY(QDir().mkpath(first) && QDir().mkpath(second));
    QStringList files;
    for (const char *layer : {"sites", "links", "demands"}) {
        const QString path = first + u'/' + QLatin1StringView(layer) + u".csv"_qs;
        Exporter::exportLayer(original, *exportLayerFromString(QLatin1StringView(layer)), path);
        files << path;
    }
    Network reimported;
    reimported.setSettings(original.settings());
    Importer::importFiles(reimported, files);
    QCOMPARE(reimported.sites().size(), original.sites().size());
    QCOMPARE(reimported.links().size(), original.links().size());
    QCOMPARE(reimported.demands().size(), original.demands().size());
    for (const char *layer : {"sites", "links", "demands"}) {
        const QString name = QLatin1StringView(layer) + u".csv"_qs;
        Exporter::exportLayer(reimported, *exportLayerFromString(QLatin1StringView(layer)),
                              second + u'/' + name);
        const QByteArray a = readAll(first + u'/' + name);
        const QByteArray b = readAll(second + u'/' + name);
        QVERIFY(!a.isEmpty());
        QVERIFY2(a == b, qPrintable(u"%1 differs after a round trip"_qs.arg(name)));
    }
    // Sites and demands come back exactly; links keep their length as a given one.
    QCOMPARE(reimported.sites(), original.sites());
    QCOMPARE(reimported.demands(), original.demands());
    QCOMPARE(reimported.totalFiberKm(), original.totalFiberKm());
}

void TestExporters::linksCsvColumns()
{
    const QByteArray csv = Exporter::csv(nqi::tests::fullyPopulatedNetwork(), ExportLayer::Links);
    QVERIFY(csv.startsWith("id,a,b,capacity_gbps,length_km,medium,igp_metric,srlg,"));
    QVERIFY2(csv.contains("\n1,BJ,SH,400,1318.4,dci_wave,65,JING-HU;Conduit 7,4,,1250000,0.9995,"
                          "京沪 backbone\n"),
             csv.constData());
}

void TestExporters::ogrinfoCountsExportedFeatures_data()
{
    QTest::addColumn<QString>("extension");
    QTest::newRow("GeoJSON") << u"geojson"_qs;
    QTest::newRow("KML") << u"kml"_qs;
    QTest::newRow("GeoPackage") << u"gpkg"_qs;
    QTest::newRow("Shapefile") << u"shp"_qs;
}

void TestExporters::ogrinfoCountsExportedFeatures()
{
    QFETCH(QString, extension);
    if (QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty())
        QSKIP("ogrinfo (gdal-bin) is not installed");
    const Network sample = ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    const QString path = m_dir.filePath(u"ogr-links."_qs + extension);
    Exporter::exportLayer(sample, ExportLayer::Links, path);
    QProcess ogrinfo;
    ogrinfo.start(u"ogrinfo"_qs, {u"-so"_qs, u"-al"_qs, path});
    QVERIFY(ogrinfo.waitForFinished(60000));
    const QString output = QString::fromUtf8(ogrinfo.readAllStandardOutput());
    QCOMPARE(ogrinfo.exitCode(), 0);
    QVERIFY2(output.contains(u"Feature Count: %1"_qs.arg(sample.links().size())),
             qPrintable(output));
    if (extension != u"kml") // KML layers declare no geometry type
        QVERIFY(output.contains(u"Geometry: Line String"_qs));
}

void TestExporters::failedExportLeavesFileIntact()
{
    const Network network = nqi::tests::fullyPopulatedNetwork();
    const QString path = m_dir.filePath(u"keep.geojson"_qs);
    Exporter::exportLayer(network, ExportLayer::Sites, path);
    const QByteArray before = readAll(path);

    QVERIFY_THROWS_EXCEPTION(Failure, Exporter::exportLayer(network, ExportLayer::Sites,
                                                            m_dir.filePath(u"x.unknownformat"_qs)));
    QVERIFY_THROWS_EXCEPTION(
        Failure,
        Exporter::exportLayer(network, ExportLayer::Sites, m_dir.filePath(u"no/dir/x.geojson"_qs)));
    QVERIFY_THROWS_EXCEPTION(Failure, Exporter::exportLayer(network, ExportLayer::Sites,
                                                            m_dir.filePath(u"no/dir/x.csv"_qs)));
    QCOMPARE(readAll(path), before);
    // No scratch folders are left behind.
    QCOMPARE(QDir(m_dir.path()).entryList({u".nqi-export-*"_qs}, QDir::Dirs | QDir::Hidden).size(),
             0);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
