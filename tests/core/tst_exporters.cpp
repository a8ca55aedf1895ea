#include "core/io/exporter.h"
#include "core/io/importer.h"
#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

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
    void linkAcrossTheAntimeridianIsCut_data();
    void linkAcrossTheAntimeridianIsCut();

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
    // The same project: a link's length stays given or derived as it was (a derived one follows
    // its sites when they move), so stored results stay current.
    QCOMPARE(reimported.sites(), original.sites());
    QCOMPARE(reimported.links(), original.links());
    QCOMPARE(reimported.demands(), original.demands());
    QCOMPARE(reimported.totalFiberKm(), original.totalFiberKm());
}

void TestExporters::linksCsvColumns()
{
    const QByteArray csv = Exporter::csv(nqi::tests::fullyPopulatedNetwork(), ExportLayer::Links);
    QVERIFY(csv.startsWith("id,a,b,capacity_gbps,length_km,medium,igp_metric,srlg,parallel_count,"
                           "route_factor,cost,availability,name,route_length_km,latency_ms\n"));
    // A given length; then the length the planners use and the latency, for GIS users.
    QVERIFY2(csv.contains("\n1,BJ,SH,400,1318.4,dci_wave,65,JING-HU;Conduit 7,4,,1250000,0.9995,"
                          "京沪 backbone,1318.4,6.455836857643698\n"),
             csv.constData());
    // A derived length: length_km empty, as it was given (none); its route factor as given.
    QVERIFY2(csv.contains("\n2,SH,BJ,100,,fiber,,,1,1.2,,,,1280.1523427797022,"
                          "6.268548754487356\n"),
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
        QVERIFY(output.contains(u"Geometry: Multi Line String"_qs) ||
                output.contains(u"Geometry: Line String"_qs)); // Shapefile: either
    static const QRegularExpression extent(
        uR"(Extent: \((-?[\d.]+), -?[\d.]+\) - \((-?[\d.]+),)"_qs);
    const QRegularExpressionMatch match = extent.match(output);
    QVERIFY2(match.hasMatch(), qPrintable(output));
    QVERIFY(match.captured(1).toDouble() >= -180.0 && match.captured(2).toDouble() <= 180.0);
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

void TestExporters::linkAcrossTheAntimeridianIsCut_data()
{
    QTest::addColumn<QString>("extension");
    QTest::newRow("GeoJSON") << u"geojson"_qs;
    QTest::newRow("GeoPackage") << u"gpkg"_qs;
    QTest::newRow("KML") << u"kml"_qs;
    QTest::newRow("Shapefile") << u"shp"_qs;
    QTest::newRow("FlatGeobuf") << u"fgb"_qs;
}

// The link Suva (178.4 E) - Apia (171.8 W) is exported as two parts, one each side of the
// antimeridian, meeting on the geodesic at 180 / -180 (RFC 7946, section 3.1.9). It went to
// 188.2 E, off the edge of the world in a GIS; demands are drawn the same way.
void TestExporters::linkAcrossTheAntimeridianIsCut()
{
    QFETCH(QString, extension);
    const Network network = nqi::tests::fullyPopulatedNetwork();
    const QString path = m_dir.filePath(u"antimeridian-links."_qs + extension);
    Exporter::exportLayer(network, ExportLayer::Links, path);
    if (extension == u"geojson") {
        const QJsonArray features =
            QJsonDocument::fromJson(readAll(path)).object().value(u"features"_qs).toArray();
        QCOMPARE(features.size(), qsizetype(network.links().size()));
        for (const QJsonValue &feature : features) {
            const QJsonObject geometry = feature[u"geometry"_qs].toObject();
            QCOMPARE(geometry[u"type"_qs].toString(), u"MultiLineString"_qs);
            const QJsonArray parts = geometry[u"coordinates"_qs].toArray();
            for (const QJsonValue &part : parts) {
                for (const QJsonValue &point : part.toArray())
                    QVERIFY(std::abs(point.toArray().at(0).toDouble()) <= 180.0);
            }
            const qint64 id = feature[u"properties"_qs][u"id"_qs].toInteger();
            QCOMPARE(parts.size(), id == 40 ? 2 : 1);
            if (id == 40) {
                const QJsonArray end = parts[0].toArray().last().toArray();
                const QJsonArray start = parts[1].toArray().first().toArray();
                QCOMPARE(end.at(0).toDouble(), 180.0);
                QCOMPARE(start.at(0).toDouble(), -180.0);
                QCOMPARE(end.at(1).toDouble(), start.at(1).toDouble());
                QCOMPARE(parts[1].toArray().last().toArray().at(0).toDouble(), -171.7667);
            }
        }
    }
    if (QStandardPaths::findExecutable(u"ogrinfo"_qs).isEmpty())
        QSKIP("ogrinfo (gdal-bin) is not installed");
    QProcess ogrinfo;
    ogrinfo.start(u"ogrinfo"_qs, {u"-al"_qs, u"-q"_qs, path});
    QVERIFY(ogrinfo.waitForFinished(60000));
    QCOMPARE(ogrinfo.exitCode(), 0);
    const QString output = QString::fromUtf8(ogrinfo.readAllStandardOutput());
    static const QRegularExpression longitude(uR"([(,](-?\d+(?:\.\d+)?) -?\d)"_qs);
    int points = 0;
    for (auto it = longitude.globalMatch(output); it.hasNext(); ++points) {
        const QRegularExpressionMatch match = it.next();
        QVERIFY2(std::abs(match.captured(1).toDouble()) <= 180.0, qPrintable(match.captured(0)));
    }
    QVERIFY(points > 20);
    // Two parts: the first ends at 180, the second starts at -180.
    static const QRegularExpression cut(uR"(,180(?:\.0)? -17\.\d+\),\(-180(?:\.0)? -17\.\d+,)"_qs);
    QVERIFY2(cut.match(output).hasMatch(), qPrintable(output));

    // And it imports again: the ends of each line are its sites.
    Network reimported;
    reimported.setSettings(network.settings());
    const QString sites = m_dir.filePath(u"antimeridian-sites."_qs + extension);
    Exporter::exportLayer(network, ExportLayer::Sites, sites);
    Importer::importFiles(reimported, {sites, path});
    QCOMPARE(reimported.links().size(), network.links().size());
    QCOMPARE(reimported.link(40)->siteA, network.link(40)->siteA);
    QCOMPARE(reimported.link(40)->siteB, network.link(40)->siteB);
}

QTEST_GUILESS_MAIN(TestExporters)
#include "tst_exporters.moc"
