// Writes a synthetic network as CSV (sites, links, demands) for `nqi import`, and the same sites
// and links as GeoJSON for the peer (ogr2ogr). Deterministic.
// Usage: nqi_bench_generate DIR SITES LINKS DEMANDS

#include "core/io/csvwriter.h"
#include "core/io/exporter.h"
#include "core/model/network.h"

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

    Network network;
    const int columns = int(std::ceil(std::sqrt(siteCount * 1.6)));
    const int rows = (siteCount + columns - 1) / columns;
    for (int i = 0; i < siteCount; ++i) {
        Site site;
        site.code = u"S"_qs + QString::number(i + 1);
        site.name = u"站点 Site "_qs + QString::number(i + 1);
        site.kind = i % 100 == 0 ? SiteKind::MetroDc : SiteKind::Pop;
        site.latitudeDeg = 20.0 + 25.0 * (i / columns) / double(rows);
        site.longitudeDeg = 80.0 + 45.0 * (i % columns) / double(columns);
        site.region = u"R"_qs + QString::number((i / 97) % 34);
        network.addSite(site);
    }
    quint64 state = 88172645463325252ull;
    auto random = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    // Links to nearby sites on the grid, like a real mesh.
    for (int l = 0; l < linkCount; ++l) {
        const int a = int(random() % siteCount);
        static const int offsets[] = {1, -1, 0, 0, 1, -1, 2, -2};
        const int dx = offsets[random() % 8];
        const int dy = dx == 0 ? (random() % 2 ? 1 : -1) : int(random() % 3) - 1;
        int b = a + dx + dy * columns;
        if (b < 0 || b >= siteCount || b == a)
            b = (a + 1) % siteCount;
        Link link;
        link.siteA = a + 1;
        link.siteB = b + 1;
        link.capacityGbps = 100.0 * double(1 + random() % 8);
        link.igpMetric = qint64(1 + random() % 1000);
        if (random() % 2)
            link.lengthKm = double(100 + random() % 100000) / 10.0;
        if (random() % 4 == 0)
            link.srlgs = {u"G"_qs + QString::number(random() % 5000)};
        network.addLink(link);
    }
    for (int d = 0; d < demandCount; ++d) {
        Demand demand;
        demand.source = qint64(1 + random() % siteCount);
        demand.destination = qint64(1 + random() % siteCount);
        if (demand.source == demand.destination)
            demand.destination = demand.destination % siteCount + 1;
        demand.rateGbps = double(5 + random() % 10000) / 10.0;
        demand.demandClass = DemandClass(random() % 5);
        if (random() % 3 == 0)
            demand.maxLatencyMs = double(1 + random() % 50);
        network.addDemand(demand);
    }
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
