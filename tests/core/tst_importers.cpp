#include "core/io/exporter.h"
#include "core/io/importer.h"
#include "core/store/projectstore.h"
#include "testnetworks.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace nqi::core;
using nqi::tests::failureMessage;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(NQI_TEST_DATA_DIR "/import/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return file.readAll();
}

} // namespace

class TestImporters : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void csvSitesLinksDemands();
    void csvFilesInAnyOrder();
    void graphmlTopologyZooRules();
    void graphmlStrict();
    void badInput_data();
    void badInput();
    void intoExistingNetworkKeepsIdsAndRejectsClashes();
    void gdalFormatsReadBack_data();
    void gdalFormatsReadBack();
    void gdalForeignLayers();
    void anotherProjectImportsAsLayers();
    void zeroLengthBetweenSitesAtOneSpot();
    void routeLengthOfAnotherRouteFactorIsReported();
    void unclearInputGetsValueAndRule_data();
    void unclearInputGetsValueAndRule();
    void graphmlLinkSpeedRawThatIsNoSpeed_data();
    void graphmlLinkSpeedRawThatIsNoSpeed();
    void csvImportIsStreamed();
    void projectValuesBeyondTheModelsBoundsAreRefused_data();
    void projectValuesBeyondTheModelsBoundsAreRefused();
    void gdalImportNeverReachesTheNetwork_data();
    void gdalImportNeverReachesTheNetwork();
    void damagedGeoPackageSaysItIsDamaged();
    void layerWithoutOrWithUnknownCrs_data();
    void layerWithoutOrWithUnknownCrs();
    void layerFieldsNamingOneColumnTwiceAreRefused();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

QString TestImporters::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

void TestImporters::csvSitesLinksDemands()
{
    Network network;
    const ImportReport report =
        Importer::importFiles(network, {write(u"sites.csv"_qs, fixture("sites.csv")),
                                        write(u"links.csv"_qs, fixture("links.csv")),
                                        write(u"demands.csv"_qs, fixture("demands.csv"))});
    QCOMPARE(report.sitesAdded, 3);
    QCOMPARE(report.linksAdded, 3);
    QCOMPARE(report.demandsAdded, 2);
    QVERIFY(report.warnings.isEmpty());

    const Site *beijing = network.siteByCode(u"BJ"_qs);
    QVERIFY(beijing);
    QCOMPARE(beijing->name, u"北京 Beijing"_qs);
    QCOMPARE(toString(beijing->kind), toString(SiteKind::NationalHub));
    QCOMPARE(beijing->latitudeDeg, 39.9075);
    QCOMPARE(beijing->attributes.value(u"operator"_qs).toString(), u"CT"_qs);
    QCOMPARE(network.siteByCode(u"SH"_qs)->name, u"上海, Shanghai"_qs);
    QVERIFY(!network.siteByCode(u"SH"_qs)->attributes.contains(u"operator"_qs));
    QCOMPARE(toString(network.siteByCode(u"GZ"_qs)->kind), toString(SiteKind::NationalHub));

    const Link &first = network.links().front();
    QCOMPARE(first.lengthKm, std::optional<double>(1318.4));
    QCOMPARE(first.igpMetric, std::optional<qint64>(65));
    QCOMPARE(first.srlgs, (QStringList{u"JING-HU"_qs, u"Conduit 7"_qs}));
    QCOMPARE(toString(network.links()[1].medium), toString(LinkMedium::DciWave));
    QVERIFY(!network.links()[1].lengthKm);
    QCOMPARE(network.links()[2].siteA, network.links()[1].siteA); // parallel links stay apart

    const Demand *training = network.demand(5);
    QVERIFY(training);
    QCOMPARE(toString(training->demandClass), toString(DemandClass::TrainingSync));
    QCOMPARE(toString(training->protection), toString(Protection::OnePlusOne));
    QCOMPARE(training->allowedRegions, (QStringList{u"Beijing"_qs, u"Shanghai"_qs}));
    QCOMPARE(toString(network.demand(6)->demandClass), toString(DemandClass::BestEffort));
    QCOMPARE(network.totalDemandGbps(), 102.5);
}

void TestImporters::csvFilesInAnyOrder()
{
    Network network;
    Importer::importFiles(network, {write(u"order/demands.csv"_qs, fixture("demands.csv")),
                                    write(u"order/links.csv"_qs, fixture("links.csv")),
                                    write(u"order/sites.csv"_qs, fixture("sites.csv"))});
    QCOMPARE(network.sites().size(), std::size_t(3));
    QCOMPARE(network.demands().size(), std::size_t(2));
}

void TestImporters::graphmlTopologyZooRules()
{
    Network network;
    const ImportReport report =
        Importer::importFiles(network, {write(u"zoo.graphml"_qs, fixture("zoo-small.graphml"))});
    // Nodes 2 (no coordinates) and 4 (no longitude) are left out with their edges; the
    // self-loop is left out; the parallel edges 0-1 become two links.
    QCOMPARE(report.sitesAdded, 3);
    QCOMPARE(report.linksAdded, 3);
    QCOMPARE(report.warnings.size(), 3);
    QVERIFY2(report.warnings[0].toString().contains(
                 u"zoo.graphml:11: warning: node 2 (\"Unknown PoP\"): no Latitude or Longitude; "
                 "left out with its 1 edge(s)"_qs),
             qPrintable(report.warnings[0].toString()));
    QVERIFY(report.warnings[1].message.contains(u"no Longitude"_qs));
    QVERIFY(report.warnings[2].toString().contains(u"zoo.graphml:17: warning: edge 3-3: a "
                                                   "self-loop; left out"_qs));
    QCOMPARE(network.sites()[0].code, u"Sao-Paulo"_qs);
    QCOMPARE(network.sites()[0].name, u"São Paulo"_qs);
    QCOMPARE(network.sites()[0].region, u"Brazil"_qs);
    QCOMPARE(network.sites()[2].code, u"Brasilia"_qs);
    QCOMPARE(network.links()[0].capacityGbps, 10.0);
    QCOMPARE(network.links()[1].capacityGbps, 2.5);
    QCOMPARE(network.links()[2].capacityGbps, 10.0); // no speed: the default
    QCOMPARE(report.notes.size(), 1);

    // Importing again into the same network gives unique codes.
    Importer::importFiles(network, {m_dir.filePath(u"zoo.graphml"_qs)});
    QCOMPARE(network.sites()[3].code, u"Sao-Paulo-2"_qs);
}

void TestImporters::graphmlStrict()
{
    Network network;
    ImportOptions options;
    options.strict = true;
    const QString message = failureMessage([&] {
        Importer::importFiles(network, {write(u"strict.graphml"_qs, fixture("zoo-small.graphml"))},
                              options);
    });
    QVERIFY2(message.contains(u"strict.graphml:11: node 2"_qs), qPrintable(message));
    QVERIFY(message.contains(u"(--strict)"_qs));
    QVERIFY(network.sites().empty());
}

void TestImporters::badInput_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // the message must contain this

    const QByteArray sitesHeader = "code,name,kind,lat,lon\n";
    QTest::newRow("empty file") << u"empty.csv"_qs << QByteArray()
                                << u"empty.csv: the file is empty"_qs;
    QTest::newRow("only blank lines")
        << u"blank.csv"_qs << QByteArray("\n\n")
        << u"blank.csv:1: the file is empty; expected a header line"_qs;
    QTest::newRow("unknown columns") << u"what.csv"_qs << QByteArray("x,y\n1,2\n")
                                     << u"what.csv:1: cannot tell what this holds"_qs;
    QTest::newRow("latitude not a number")
        << u"lat.csv"_qs << sitesHeader + "A,A,pop,north,116\n"
        << u"lat.csv:2: column lat: \"north\" is not a number"_qs;
    QTest::newRow("latitude out of range")
        << u"range.csv"_qs << sitesHeader + "A,A,pop,39,116\nB,B,pop,91,116\n"
        << u"range.csv:3: site B: latitude 91 is out of range -90..90 degrees"_qs;
    QTest::newRow("missing longitude column")
        << u"nolon.csv"_qs << QByteArray("code,name,lat\nA,A,39\n")
        << u"nolon.csv:1: sites need columns lat and lon"_qs;
    QTest::newRow("missing value") << u"nolat.csv"_qs << sitesHeader + "A,A,pop,,116\n"
                                   << u"nolat.csv:2: column lat: is empty"_qs;
    QTest::newRow("unknown kind") << u"kind.csv"_qs << sitesHeader + "A,A,castle,39,116\n"
                                  << u"kind.csv:2: column kind: unknown kind \"castle\""_qs;
    QTest::newRow("duplicate code")
        << u"dupcode.csv"_qs << sitesHeader + "A,A,pop,39,116\na,B,pop,30,110\n"
        << u"dupcode.csv:3: site a: code \"a\" is already used by site #3"_qs;
    QTest::newRow("duplicate id") << u"dupid.csv"_qs
                                  << QByteArray("id,code,lat,lon\n3,A,39,116\n3,B,30,110\n")
                                  << u"dupid.csv:3: site B: id 3 is already used"_qs;
    QTest::newRow("wrong field count")
        << u"fields.csv"_qs << sitesHeader + "A,A,pop,39\n"
        << u"fields.csv:2: 4 fields, but the header has 5 columns"_qs;
    QTest::newRow("unknown site code in links")
        << u"links-unknown.csv"_qs << QByteArray("a,b,capacity_gbps\nBJ,XX,100\n")
        << u"links-unknown.csv:2: column b: unknown site code \"XX\""_qs;
    QTest::newRow("links without capacity column")
        << u"links-nocap.csv"_qs << QByteArray("a,b\nBJ,SH\n")
        << u"links-nocap.csv:1: links need a capacity_gbps column"_qs;
    QTest::newRow("link capacity zero")
        << u"links-zero.csv"_qs << QByteArray("a,b,capacity_gbps\nBJ,SH,0\n")
        << u"links-zero.csv:2: link #1: capacity 0 Gbps must be positive"_qs;
    QTest::newRow("link self-loop")
        << u"links-loop.csv"_qs << QByteArray("a,b,capacity_gbps\nBJ,bj,10\n")
        << u"links-loop.csv:2: link #1: both ends are the same site"_qs;
    QTest::newRow("metric not an integer")
        << u"links-metric.csv"_qs << QByteArray("a,b,capacity_gbps,igp_metric\nBJ,SH,10,1.5\n")
        << u"links-metric.csv:2: column igp_metric: \"1.5\" is not a whole number"_qs;
    // 1e20 was converted to an integer out of range (UBSan, fuzz_csv).
    QTest::newRow("gpus beyond an integer")
        << u"sites-gpus.csv"_qs << QByteArray("code,lat,lon,gpus\nBJ,39.9,116.4,1e20\n")
        << u"sites-gpus.csv:2: column gpus: \"1e20\" is out of range"_qs;
    QTest::newRow("demand with unknown class")
        << u"demands-class.csv"_qs
        << QByteArray("source,destination,rate_gbps,class\nBJ,SH,1,urgent\n")
        << u"demands-class.csv:2: column class: unknown class \"urgent\""_qs;
    QTest::newRow("demand without rate")
        << u"demands-rate.csv"_qs << QByteArray("source,destination,rate_gbps\nBJ,SH,\n")
        << u"demands-rate.csv:2: demand #1: needs a rate in Gbps"_qs;
    QTest::newRow("truncated GraphML")
        << u"cut.graphml"_qs << fixture("zoo-small.graphml").left(700)
        << u"cut.graphml:10: malformed XML (Premature end of document.); the file may be truncated"_qs;
    QTest::newRow("GraphML edge to unknown node")
        << u"edge.graphml"_qs
        << QByteArray("<graphml><graph><node id=\"a\"/><edge source=\"a\" "
                      "target=\"b\"/></graph></graphml>")
        << u"edge.graphml:1: edge refers to unknown node \"b\""_qs;
    QTest::newRow("GraphML bad coordinate")
        << u"coord.graphml"_qs
        << QByteArray("<graphml><key id=\"y\" attr.name=\"Latitude\" for=\"node\"/>"
                      "<key id=\"x\" attr.name=\"Longitude\" for=\"node\"/><graph>\n"
                      "<node id=\"a\"><data key=\"y\">N40</data><data key=\"x\">1</data></node>"
                      "</graph></graphml>")
        << u"coord.graphml:2: node a: coordinates \"N40\", \"1\" are not numbers"_qs;
    QTest::newRow("XML that is not GraphML")
        << u"other.xml"_qs << QByteArray("<?xml version=\"1.0\"?>\n<svg><graphml/></svg>")
        << u"other.xml:2: not a GraphML file"_qs;
    QTest::newRow("binary junk") << u"junk.geojson"_qs << QByteArray("\x01\x02\x03 not json", 13)
                                 << u"junk.geojson: not a format"_qs;
    QTest::newRow("bad UTF-8") << u"latin1.csv"_qs << sitesHeader + "A,K\xF6ln,pop,50.9,6.9\n"
                               << u"latin1.csv:2: not valid UTF-8"_qs;
}

void TestImporters::badInput()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);

    // Every bad file goes into a network that already holds BJ and SH: it must stay unchanged.
    Network network;
    Importer::importFiles(
        network, {write(u"base/sites.csv"_qs, "code,lat,lon\nBJ,39.9,116.4\nSH,31.2,121.5\n")});
    const Network before = network;
    const QString path = write(u"bad/"_qs + fileName, content);
    const QString message = failureMessage([&] { Importer::importFiles(network, {path}); });
    QVERIFY2(message.contains(expected), qPrintable(u"got: "_qs + message));
    QVERIFY(message.startsWith(path.left(path.size() - fileName.size())));
    QVERIFY(network == before);
    QCOMPARE(network.nextSiteId(), before.nextSiteId());
}

void TestImporters::intoExistingNetworkKeepsIdsAndRejectsClashes()
{
    Network network;
    Importer::importFiles(network, {write(u"into/sites.csv"_qs, fixture("sites.csv"))});
    Importer::importFiles(
        network,
        {write(u"into/more.csv"_qs, "id,code,lat,lon\n50,CD,30.67,104.07\n,CQ,29.56,106.55\n")});
    QCOMPARE(network.siteByCode(u"CD"_qs)->id, SiteId(50));
    QCOMPARE(network.siteByCode(u"CQ"_qs)->id, SiteId(51));
    const Network before = network;
    const QString message = failureMessage([&] {
        Importer::importFiles(network,
                              {write(u"into/clash.csv"_qs, "id,code,lat,lon\n50,WH,30.6,114.3\n")});
    });
    QVERIFY2(message.contains(u"clash.csv:2: site WH: id 50 is already used"_qs),
             qPrintable(message));
    QVERIFY(network == before);
}

void TestImporters::gdalFormatsReadBack_data()
{
    QTest::addColumn<QString>("extension");
    QTest::newRow("GeoJSON") << u"geojson"_qs;
    QTest::newRow("KML") << u"kml"_qs;
    QTest::newRow("GeoPackage") << u"gpkg"_qs;
    QTest::newRow("Shapefile") << u"shp"_qs;
    QTest::newRow("CSV") << u"csv"_qs;
}

void TestImporters::gdalFormatsReadBack()
{
    QFETCH(QString, extension);
    const Network original = nqi::tests::fullyPopulatedNetwork();
    const QString folder = m_dir.filePath(u"formats-"_qs + extension);
    QVERIFY(QDir().mkpath(folder));
    const QString sites = folder + u"/sites."_qs + extension;
    const QString links = folder + u"/links."_qs + extension;
    const QString demands = folder + u"/demands."_qs + extension;
    Exporter::exportLayer(original, ExportLayer::Sites, sites);
    Exporter::exportLayer(original, ExportLayer::Links, links);
    Exporter::exportLayer(original, ExportLayer::Demands, demands);

    Network network;
    network.setSettings(original.settings()); // derived lengths follow the route factor
    const ImportReport report = Importer::importFiles(network, {demands, links, sites});
    for (const Diagnostic &warning : report.warnings)
        QVERIFY2(!warning.message.contains(u"route_length_km"_qs), qPrintable(warning.toString()));
    QCOMPARE(network.sites().size(), original.sites().size());
    QCOMPARE(network.links().size(), original.links().size());
    QCOMPARE(network.demands().size(), original.demands().size());
    for (const Site &site : original.sites()) {
        const Site *read = network.site(site.id);
        QVERIFY(read);
        QCOMPARE(read->code, site.code);
        QCOMPARE(toString(read->kind), toString(site.kind));
        QVERIFY(qAbs(read->latitudeDeg - site.latitudeDeg) < 1e-9);
        QVERIFY(qAbs(read->longitudeDeg - site.longitudeDeg) < 1e-9);
        QCOMPARE(read->name, site.name);
        QCOMPARE(read->region, site.region);
    }
    for (const Link &link : original.links()) {
        const Link *read = network.link(link.id);
        QVERIFY(read);
        QCOMPARE(read->siteA, link.siteA);
        QCOMPARE(read->capacityGbps, link.capacityGbps);
        QVERIFY(qAbs(network.lengthKm(*read) - original.lengthKm(link)) < 1e-6);
        QCOMPARE(read->srlgs, link.srlgs);
    }
    QCOMPARE(network.demand(1)->allowedRegions, original.demand(1)->allowedRegions);
    QCOMPARE(network.demand(99)->effectiveRateGbps(), original.demand(99)->effectiveRateGbps());
}

void TestImporters::gdalForeignLayers()
{
    // A point layer from elsewhere: no lat/lon columns (coordinates from the geometry), field
    // names in other spellings.
    const QString points = write(u"foreign/pops.geojson"_qs, fixture("pops.geojson"));
    // A line layer whose ends are found by position.
    const QString lines = write(u"foreign/cables.geojson"_qs, fixture("cables.geojson"));
    Network network;
    Importer::importFiles(network, {lines, points});
    QCOMPARE(network.sites().size(), std::size_t(2));
    QCOMPARE(network.siteByCode(u"KM"_qs)->name, u"昆明"_qs);
    QCOMPARE(toString(network.siteByCode(u"KM"_qs)->kind), toString(SiteKind::MetroDc));
    QCOMPARE(network.links().size(), std::size_t(1));
    QCOMPARE(network.links().front().siteA, network.siteByCode(u"KM"_qs)->id);
    QCOMPARE(network.links().front().siteB, network.siteByCode(u"NN"_qs)->id);

    const QString stray = write(u"foreign/stray.geojson"_qs, fixture("stray.geojson"));
    const Network before = network;
    const QString message = failureMessage([&] { Importer::importFiles(network, {stray}); });
    QVERIFY2(message.contains(
                 u"layer stray, feature 0: the line's last end (30, 90) is not at a site"_qs),
             qPrintable(message));
    QVERIFY(network == before);
}

void TestImporters::anotherProjectImportsAsLayers()
{
    // A project holds site ids and codes side by side; import must follow the codes.
    const Network original = nqi::tests::fullyPopulatedNetwork();
    const QString project = m_dir.filePath(u"other-project.gpkg"_qs);
    ProjectStore::save(original, project);
    Network network;
    network.addSite([] {
        Site site; // takes id 1, so ids in the file and in the network differ
        site.code = u"FIRST"_qs;
        site.latitudeDeg = 1;
        site.longitudeDeg = 1;
        return site;
    }());
    const ImportReport report = Importer::importFiles(network, {project});
    QCOMPARE(report.sitesAdded, qsizetype(original.sites().size()));
    QCOMPARE(report.linksAdded, qsizetype(original.links().size()));
    QCOMPARE(report.demandsAdded, qsizetype(original.demands().size()));
    const Link &backbone = network.links().front();
    QCOMPARE(network.site(backbone.siteA)->code, u"BJ"_qs);
    QCOMPARE(network.site(backbone.siteB)->code, u"SH"_qs);
    QCOMPARE(network.site(network.demands().front().source)->code, u"BJ"_qs);
    // The regions layer is neither sites, links nor demands: left out with a warning.
    // So is the constellations table (constellations are not imported from GIS layers).
    // The other project's route factor (1.37) is not this one's (1.5): its links of derived
    // length would be longer here, which is said.
    QCOMPARE(report.warnings.size(), 3);
    QString warnings;
    for (const Diagnostic &warning : report.warnings)
        warnings += warning.toString() + u'\n';
    QVERIFY2(warnings.contains(u"layer regions: neither sites, links nor demands"_qs),
             qPrintable(warnings));
    QVERIFY(warnings.contains(u"layer constellations: neither sites"_qs));
    QVERIFY2(warnings.contains(u": warning: layer links, feature 40, column route_length_km: "
                               "route_length_km is"_qs),
             qPrintable(warnings));
}

// Two sites at the same coordinates (two buildings of one campus, a cross-connect): the link's
// derived length is 0 km. Exports wrote that as length_km 0, which import refused; it is the
// derived length, and derived again. A 0 km link between sites apart is still refused.
void TestImporters::zeroLengthBetweenSitesAtOneSpot()
{
    const QString sites = write(u"spot-sites.csv"_qs, "code,lat,lon\nA,52.1,5.1\nB,52.1,5.1\n"
                                                      "C,52.2,5.1\n");
    const QString links = write(u"spot-links.csv"_qs, "a,b,capacity_gbps,length_km\nA,B,100,0\n"
                                                      "B,C,100,\n");
    Network network;
    Importer::importFiles(network, {sites, links});
    QCOMPARE(network.links().size(), std::size_t(2));
    const Link &crossConnect = network.links().front();
    QCOMPARE(crossConnect.lengthKm, std::optional<double>());
    QCOMPARE(network.lengthKm(crossConnect), 0.0);
    QCOMPARE(network.latencyMs(crossConnect), 0.0);

    const QString apart = write(u"spot-apart.csv"_qs, "a,b,capacity_gbps,length_km\nB,C,100,0\n");
    const Network before = network;
    const QString message = failureMessage([&] { Importer::importFiles(network, {apart}); });
    QCOMPARE(message, apart + u":2: column length_km: 0 km, but the sites are 11.127 km apart: "
                              "give the route length in km, or leave the cell empty to derive it "
                              "(distance × route factor)"_qs);
    QVERIFY(network == before);
}

// A file exported from a project with route factor 1.3 imported into one with 1.5: links of
// derived length would silently be 15% longer (and their latency, and every result). Import
// says so once, with the first such link; --strict refuses; the right factor is quiet.
void TestImporters::routeLengthOfAnotherRouteFactorIsReported()
{
    Network original = nqi::tests::syntheticNetwork(40, 2, 0);
    ProjectSettings settings = original.settings();
    settings.routeFactor = 1.3;
    original.setSettings(settings);
    const QString sites = m_dir.filePath(u"factor-sites.csv"_qs);
    const QString links = m_dir.filePath(u"factor-links.csv"_qs);
    Exporter::exportLayer(original, ExportLayer::Sites, sites);
    Exporter::exportLayer(original, ExportLayer::Links, links);
    qsizetype derived = 0;
    for (const Link &link : original.links())
        derived += link.lengthKm ? 0 : 1;
    QVERIFY(derived > 1);

    Network other; // route factor 1.5
    const ImportReport report = Importer::importFiles(other, {sites, links});
    QCOMPARE(report.warnings.size(), 1);
    const QString warning = report.warnings.constFirst().toString();
    QVERIFY2(warning.startsWith(links + u":"_qs), qPrintable(warning));
    QVERIFY2(warning.contains(u":2: warning: column route_length_km: route_length_km is "_qs),
             qPrintable(warning));
    QVERIFY2(warning.contains(u"(distance × the project's route factor 1.5): the file was written "
                              "by a project with another route factor"_qs),
             qPrintable(warning));
    QVERIFY2(warning.endsWith(u"(%1 links differ so)"_qs.arg(derived)), qPrintable(warning));

    ImportOptions strict;
    strict.strict = true;
    Network untouched;
    const QString message = failureMessage([&] {
        Importer::importFiles(untouched, {sites, links}, strict);
    });
    QVERIFY2(message.contains(u"route_length_km is"_qs) && message.endsWith(u"(--strict)"_qs),
             qPrintable(message));
    QVERIFY(untouched.sites().empty());

    Network same;
    same.setSettings(settings);
    QVERIFY(Importer::importFiles(same, {sites, links}).warnings.isEmpty());
    QCOMPARE(same.digest(), original.digest());
}

void TestImporters::unclearInputGetsValueAndRule_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // the whole message
    QTest::newRow("latitude just above 90")
        << u"lat.csv"_qs << QByteArray("code,lat,lon\nA,90.0000001,116\n")
        << u"lat.csv:2: site A: latitude 90.0000001 is out of range -90..90 degrees"_qs;
    QTest::newRow("attributes an array")
        << u"attr.csv"_qs << QByteArray("code,lat,lon,attributes\nA,39,116,\"[1,2]\"\n")
        << u"attr.csv:2: column attributes: \"[1,2]\" is an array in JSON, not an object: "
           "write {\"name\": value, ...}"_qs;
    QTest::newRow("attributes not JSON")
        << u"attr2.csv"_qs << QByteArray("code,lat,lon,attributes\nA,39,116,{x}\n")
        << u"attr2.csv:2: column attributes: \"{x}\" is not valid JSON: unterminated object at "
           "character 3"_qs;
    QTest::newRow("duplicated code column")
        << u"dup.csv"_qs << QByteArray("code,lat,lon,name,Code\nA,39,116,A,B\n")
        << u"dup.csv:1: header columns 1 and 5 are both \"Code\"; a column may appear only "
           "once: rename or remove one"_qs;
    QTest::newRow("duplicated unknown column")
        << u"dup2.csv"_qs << QByteArray("a,b,capacity_gbps,note,note\nBJ,SH,1,x,y\n")
        << u"dup2.csv:1: header columns 4 and 5 are both \"note\"; a column may appear only "
           "once: rename or remove one"_qs;
    QTest::newRow("negative length")
        << u"neg.csv"_qs << QByteArray("a,b,capacity_gbps,length_km\nBJ,SH,1,-5\n")
        << u"neg.csv:2: column length_km: -5 km is not a length: give the route length in km "
           "(more than 0), or leave the cell empty to derive it (distance × route factor)"_qs;
    QTest::newRow("length not a number")
        << u"nan.csv"_qs << QByteArray("a,b,capacity_gbps,length_km\nBJ,SH,1,nan\n")
        << u"nan.csv:2: column length_km: \"nan\" is not a number"_qs;
    QTest::newRow("length of 0 km between sites apart")
        << u"zero.csv"_qs << QByteArray("a,b,capacity_gbps,length_km\nBJ,SH,1,0\n")
        << u"zero.csv:2: column length_km: 0 km, but the sites are 965.277 km apart: give the "
           "route length in km, or leave the cell empty to derive it (distance × route factor)"_qs;
    QTest::newRow("length beyond the model's bound")
        << u"far.csv"_qs << QByteArray("a,b,capacity_gbps,length_km\nBJ,SH,1,1200\nSH,BJ,1,1e300\n")
        << u"far.csv:3: link #2: length 1e+300 km is longer than 100000 km, the longest a link "
           "may be (2.5 times round the equator); give the route length in km"_qs;
    QTest::newRow("parallel count beyond the model's bound")
        << u"par.csv"_qs << QByteArray("a,b,capacity_gbps,parallel_count\nBJ,SH,1,100000000\n")
        << u"par.csv:2: column parallel_count: 100000000 is out of range 1..1024 (circuits in one "
           "link's bundle)"_qs;
    const QByteArray longName(1000000, 'h');
    QTest::newRow("1 MB header")
        << u"wide.csv"_qs << QByteArray(longName + ",x\n1,2\n")
        << u"wide.csv:1: cannot tell what this holds: sites need columns code,lat,lon; links "
           "a,b,capacity_gbps; demands source,destination,rate_gbps. Found: "_qs +
               QString(80, u'h') + u"… (1000000 bytes), x"_qs;
    QTest::newRow("1 MB value") << u"val.csv"_qs
                                << QByteArray("code,lat,lon\nA," + QByteArray(1000000, '9') +
                                              "x,1\n")
                                << u"val.csv:2: column lat: \""_qs + QString(80, u'9') +
                                       u"… (1000001 bytes)\" is not a number"_qs;
}

// Each message gives the file, the line or field, the value (cut to a readable length) and the
// rule: no "latitude 90" for 90.0000001, no "no error occurred", no duplicated column taken.
void TestImporters::unclearInputGetsValueAndRule()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    Network network;
    Site bj;
    bj.code = u"BJ"_qs;
    bj.latitudeDeg = 39.9;
    bj.longitudeDeg = 116.4;
    network.addSite(bj);
    Site sh = bj;
    sh.code = u"SH"_qs;
    sh.latitudeDeg = 31.2;
    network.addSite(sh);
    const Network before = network;
    const QString path = write(fileName, content);
    const QString message = failureMessage([&] { Importer::importFiles(network, {path}); });
    QCOMPARE(message, m_dir.filePath(expected));
    QVERIFY(network == before);
}

void TestImporters::graphmlLinkSpeedRawThatIsNoSpeed_data()
{
    QTest::addColumn<QString>("speed");
    QTest::newRow("1e400") << u"1e400"_qs;
    QTest::newRow("-5e9") << u"-5e9"_qs;
    QTest::newRow("zero") << u"0"_qs;
    QTest::newRow("words") << u"fast"_qs;
}

// LinkSpeedRaw of 1e400 or -5e9 became 10 Gbps with the note "no LinkSpeedRaw".
void TestImporters::graphmlLinkSpeedRawThatIsNoSpeed()
{
    QFETCH(QString, speed);
    const QByteArray graphml =
        "<graphml><key id=\"y\" attr.name=\"Latitude\" for=\"node\"/>"
        "<key id=\"x\" attr.name=\"Longitude\" for=\"node\"/>"
        "<key id=\"s\" attr.name=\"LinkSpeedRaw\" for=\"edge\"/><graph>\n"
        "<node id=\"a\"><data key=\"y\">40</data><data key=\"x\">116</data></node>\n"
        "<node id=\"b\"><data key=\"y\">31</data><data key=\"x\">121</data></node>\n"
        "<edge source=\"a\" target=\"b\"><data key=\"s\">" +
        speed.toUtf8() +
        "</data></edge>\n"
        "<edge source=\"b\" target=\"a\"><data key=\"s\">2.5e9</data></edge>\n"
        "</graph></graphml>";
    const QString path = write(u"speed.graphml"_qs, graphml);
    Network network;
    const ImportReport report = Importer::importFiles(network, {path});
    QCOMPARE(report.linksAdded, 2);
    QCOMPARE(report.warnings.size(), 1);
    QCOMPARE(report.warnings.constFirst().toString(),
             path + u":4: warning: edge a-b: LinkSpeedRaw \"%1\" is not a speed: it must be a "
                    "positive, finite number of bit/s; capacity set to 10 Gbps"_qs.arg(speed));
    QVERIFY(report.notes.filter(u"no LinkSpeedRaw"_qs).isEmpty());
    QCOMPARE(network.links()[0].capacityGbps, 10.0);
    QCOMPARE(network.links()[1].capacityGbps, 2.5);

    ImportOptions strict;
    strict.strict = true;
    Network untouched;
    const QString message =
        failureMessage([&] { Importer::importFiles(untouched, {path}, strict); });
    QVERIFY2(message.contains(u"LinkSpeedRaw \"%1\" is not a speed"_qs.arg(speed)),
             qPrintable(message));
    QVERIFY(untouched.sites().empty());
}

namespace {

// Peak resident memory of this process in KiB since the last reset.
qint64 peakResidentKiB()
{
    QFile status(u"/proc/self/status"_qs);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

bool resetPeakResident()
{
    QFile clear(u"/proc/self/clear_refs"_qs);
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

} // namespace

// The CSV importer read the whole file into memory (as bytes and again as UTF-16 text): a
// 64 MB file of one site and blank lines took about 200 MB. Now memory follows the model.
void TestImporters::csvImportIsStreamed()
{
    const QString path = m_dir.filePath(u"stream.csv"_qs);
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("code,lat,lon\nA,39,116\n");
        const QByteArray blank(1024 * 1024, '\n');
        for (int i = 0; i < 64; ++i)
            file.write(blank);
        file.write("B,31,121\n");
    }
#if defined(__SANITIZE_ADDRESS__)
    // Freed memory stays in AddressSanitizer's quarantine (256 MB): the peak says nothing.
    QSKIP("the peak resident size is not the program's under AddressSanitizer");
#endif
    if (!resetPeakResident())
        QSKIP("this kernel cannot reset the peak resident size (/proc/self/clear_refs)");
    const qint64 before = peakResidentKiB();
    Network network;
    const ImportReport report = Importer::importFiles(network, {path});
    const qint64 grown = peakResidentKiB() - before;
    QCOMPARE(report.sitesAdded, 2);
    QCOMPARE(network.siteByCode(u"B"_qs)->latitudeDeg, 31.0);
    QVERIFY2(grown < 16 * 1024, qPrintable(u"peak memory grew by %1 KiB"_qs.arg(grown)));
    QFile::remove(path);
}

void TestImporters::projectValuesBeyondTheModelsBoundsAreRefused_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    // 1e8 was accepted; 4294967297 wrapped to 1.
    QTest::newRow("parallel count 1e8")
        << u"UPDATE links SET parallel_count = 100000000 WHERE fid = 1"_qs
        << u"table links, feature 1: column parallel_count holds 100000000; a link bundles "
           "1..1024 parallel circuits"_qs;
    QTest::newRow("parallel count 2^32 + 1")
        << u"UPDATE links SET parallel_count = 4294967297 WHERE fid = 1"_qs
        << u"table links, feature 1: column parallel_count holds 4294967297; a link bundles "
           "1..1024 parallel circuits"_qs;
    QTest::newRow("site fid INT64_MAX")
        << u"UPDATE sites SET fid = 9223372036854775807 WHERE fid = (SELECT max(fid) FROM "
           "sites)"_qs
        << u"table sites, feature 9223372036854775807: id 9223372036854775807 is out of range "
           "1..9007199254740991"_qs;
    QTest::newRow("next site id INT64_MAX")
        << u"UPDATE nqi_settings SET value = '9223372036854775807' WHERE key = "
           "'next_site_id'"_qs
        << u"table nqi_settings: next id 9223372036854775807 is out of range "
           "1..9007199254740992"_qs;
    QTest::newRow("attributes an array")
        << u"UPDATE sites SET attributes = '[1,2]' WHERE fid = (SELECT min(fid) FROM sites)"_qs
        << u": column attributes: \"[1,2]\" is an array in JSON, not an object: write "
           "{\"name\": value, ...}"_qs;
}

void TestImporters::projectValuesBeyondTheModelsBoundsAreRefused()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const QString project = m_dir.filePath(u"bounds.gpkg"_qs);
    QFile::remove(project);
    ProjectStore::save(nqi::tests::fullyPopulatedNetwork(), project);
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(QFile::encodeName(project).constData(), &db), SQLITE_OK);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &error);
    const QString said = QString::fromUtf8(error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(said));
    const QString message = failureMessage([&] { ProjectStore::load(project); });
    QVERIFY2(message.startsWith(project + u": "_qs) && message.endsWith(expected),
             qPrintable(message));
}

namespace {

// A TCP listener on a free loopback port, to see whether anything connects to it.
class Listener
{
public:
    Listener()
    {
        m_socket = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_socket < 0 || ::bind(m_socket, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::listen(m_socket, 16) != 0 ||
            ::getsockname(m_socket, reinterpret_cast<sockaddr *>(&address), &length) != 0)
            qFatal("cannot listen on the loopback interface");
        m_port = ntohs(address.sin_port);
    }
    ~Listener() { ::close(m_socket); }
    int port() const { return m_port; }
    // Connections made so far (each accepted and closed).
    int connections()
    {
        int count = 0;
        while (true) {
            const int client = ::accept(m_socket, nullptr, nullptr);
            if (client < 0)
                return count;
            ::close(client);
            ++count;
        }
    }

private:
    int m_socket = -1;
    int m_port = 0;
};

} // namespace

void TestImporters::gdalImportNeverReachesTheNetwork_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<bool>("allowVrt");
    QTest::addColumn<QString>("expected");
    const QString refused = u"a VRT file refers to other files and may fetch from the network: it "
                            "is not imported unless VRT files are allowed; import the files it "
                            "refers to instead"_qs;
    QTest::newRow("VRT") << u"remote.vrt"_qs << false << refused;
    QTest::newRow("VRT named .geojson") << u"remote.geojson"_qs << false << refused;
    QTest::newRow("VRT allowed: still no network") << u"allowed.vrt"_qs << true << QString();
}

// A .vrt whose source is /vsicurl/http://... made `nqi import` connect out.
void TestImporters::gdalImportNeverReachesTheNetwork()
{
    QFETCH(QString, fileName);
    QFETCH(bool, allowVrt);
    QFETCH(QString, expected);
    Listener listener;
    const QByteArray url = "http://127.0.0.1:" + QByteArray::number(listener.port());
    const QString path = write(
        fileName, "<OGRVRTDataSource><OGRVRTLayer name=\"sites\"><SrcDataSource>/vsicurl/" + url +
                      "/sites.geojson</SrcDataSource></OGRVRTLayer>"
                      "<OGRVRTLayer name=\"more\"><SrcDataSource>/vsicurl_streaming/" +
                      url + "/more.geojson</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n");
    Network network;
    ImportOptions options;
    options.allowVrt = allowVrt;
    const QString message =
        failureMessage([&] { Importer::importFiles(network, {path}, options); });
    QVERIFY2(!message.isEmpty(), "the import succeeded");
    if (!expected.isEmpty())
        QCOMPARE(message, path + u": "_qs + expected);
    QCOMPARE(listener.connections(), 0);
    QVERIFY(network.sites().empty());
}

// A damaged GeoPackage imported as a source said "unknown site code TJ": its sites layer ended
// early without a word, and its links then named sites that seemed not to exist.
void TestImporters::damagedGeoPackageSaysItIsDamaged()
{
    Network sample;
    const QString samples = QStringLiteral(NQI_SOURCE_DIR "/resources/samples/"
                                                          "east-data-west-computing/");
    Importer::importFiles(sample, {samples + u"sites.csv"_qs, samples + u"links.csv"_qs,
                                   samples + u"demands.csv"_qs});
    const QString project = m_dir.filePath(u"sound.gpkg"_qs);
    ProjectStore::save(sample, project);
    QFile file(project);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray sound = file.readAll();
    file.close();
    int refused = 0;
    for (int percent = 20; percent <= 90; percent += 10) {
        QByteArray damaged = sound;
        const qsizetype at = damaged.size() * percent / 100 / 4096 * 4096;
        damaged.replace(at, 8192, QByteArray(8192, '\xff'));
        const QString path = write(u"damaged-%1.gpkg"_qs.arg(percent), damaged);
        Network network;
        const QString message = failureMessage([&] { Importer::importFiles(network, {path}); });
        if (message.isEmpty()) {
            // The damage fell where nothing is read: everything came in.
            QCOMPARE(network.sites().size(), sample.sites().size());
            QCOMPARE(network.links().size(), sample.links().size());
            QCOMPARE(network.demands().size(), sample.demands().size());
            continue;
        }
        ++refused;
        QVERIFY2(message.contains(u"damaged"_qs), qPrintable(message));
        QVERIFY2(!message.contains(u"unknown site code"_qs), qPrintable(message));
        QVERIFY(network.sites().empty());
    }
    QVERIFY(refused > 0);
}

void TestImporters::layerWithoutOrWithUnknownCrs_data()
{
    QTest::addColumn<QByteArray>("coordSys");
    QTest::addColumn<QByteArray>("points");
    QTest::addColumn<QString>("expected"); // the note, or the error's end
    QTest::addColumn<bool>("refused");
    QTest::newRow("none, degrees")
        << QByteArray() << QByteArray("Point 116.4 39.9\nPoint 121.4 31.2\n")
        << u"layer: layer layer declares no coordinate system; its coordinates were read as "
           "WGS 84 longitude and latitude"_qs
        << false;
    QTest::newRow("none, metres")
        << QByteArray() << QByteArray("Point 500000 4400000\nPoint 510000 4400000\n")
        << u"the layer declares no coordinate system, and its coordinates (500000, 4400000) are "
           "not longitude and latitude in degrees: give the layer its coordinate system (a .prj "
           "file beside a Shapefile, or the CRS in the program it came from) and import again"_qs
        << true;
    QTest::newRow("unknown, metres")
        << QByteArray("CoordSys NonEarth Units \"m\" Bounds (0, 0) (10000000, 10000000)\n")
        << QByteArray("Point 500000 4400000\nPoint 510000 4400000\n")
        << u"the layer declares an unknown coordinate system (\"Nonearth\"), and its coordinates "
           "(500000, 4400000) are not longitude and latitude in degrees: give the layer its "
           "coordinate system (a .prj file beside a Shapefile, or the CRS in the program it came "
           "from) and import again"_qs
        << true;
}

// A layer of an unknown coordinate system was read as WGS 84 without a word.
void TestImporters::layerWithoutOrWithUnknownCrs()
{
    QFETCH(QByteArray, coordSys);
    QFETCH(QByteArray, points);
    QFETCH(QString, expected);
    QFETCH(bool, refused);
    const QString path = write(u"crs/layer.mif"_qs,
                               "Version 300\nCharset \"Neutral\"\nDelimiter \",\"\n" + coordSys +
                                   "Columns 3\n  code Char(10)\n  name Char(10)\n  kind "
                                   "Char(10)\nData\n" +
                                   points);
    write(u"crs/layer.mid"_qs, "\"A\",\"A\",\"pop\"\n\"B\",\"B\",\"pop\"\n");
    Network network;
    if (refused) {
        const QString message = failureMessage([&] { Importer::importFiles(network, {path}); });
        QCOMPARE(message, path + u": layer layer, feature 1: "_qs + expected);
        QVERIFY(network.sites().empty());
    } else {
        const ImportReport report = Importer::importFiles(network, {path});
        QCOMPARE(report.sitesAdded, 2);
        QVERIFY2(report.notes.contains(u"layer.mif: "_qs + expected.mid(7)),
                 qPrintable(report.notes.join(u'\n')));
    }
}

void TestImporters::layerFieldsNamingOneColumnTwiceAreRefused()
{
    const QString path =
        write(u"twice.geojson"_qs,
              "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
              "{\"site code\":\"A\",\"site_code\":\"B\"},\"geometry\":{\"type\":\"Point\","
              "\"coordinates\":[116.4,39.9]}}]}");
    Network network;
    const QString message = failureMessage([&] { Importer::importFiles(network, {path}); });
    QCOMPARE(message, path + u": layer twice: fields 1 (\"site code\") and 2 (\"site_code\") name "
                             "the same column; a column may appear only once: rename or remove "
                             "one"_qs);
    QVERIFY(network.sites().empty());
}

QTEST_GUILESS_MAIN(TestImporters)
#include "tst_importers.moc"
