// Writes a synthetic network as CSV (sites, links, demands) for `nqi import`, and the same sites
// and links as GeoJSON for the peer (ogr2ogr). Deterministic.
// Usage: nqi_bench_generate DIR SITES LINKS DEMANDS

#include "core/io/csvwriter.h"
#include "core/io/exporter.h"
#include "core/model/network.h"
#include "synthetic.h"

#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <cmath>

using namespace nqi::core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 5) {
        QTextStream(stderr) << "usage: nqi_bench_generate DIR SITES LINKS DEMANDS\n";
        return 2;
    }
    const QDir dir(arguments[1]);
    const int siteCount = arguments[2].toInt();
    const int linkCount = arguments[3].toInt();
    const int demandCount = arguments[4].toInt();
    QDir().mkpath(dir.path());

    const Network network = syntheticNetwork(siteCount, linkCount, demandCount);
    try {
        Exporter::exportLayer(network, ExportLayer::Sites, dir.filePath(u"sites.csv"_qs));
        Exporter::exportLayer(network, ExportLayer::Links, dir.filePath(u"links.csv"_qs));
        Exporter::exportLayer(network, ExportLayer::Demands, dir.filePath(u"demands.csv"_qs));
        Exporter::exportLayer(network, ExportLayer::Sites, dir.filePath(u"sites.geojson"_qs));
        Exporter::exportLayer(network, ExportLayer::Links, dir.filePath(u"links.geojson"_qs));
    } catch (const Failure &failure) {
        QTextStream(stderr) << failure.diagnostic().toString() << '\n';
        return 1;
    }
    return 0;
}
