#pragma once

#include "core/model/network.h"

#include <QString>

#include <cmath>

// A deterministic synthetic network for benchmarks: sites on a grid over China, links to nearby
// sites like a real mesh (random IGP metrics, some lengths and SRLGs), random demands.
inline nqi::core::Network syntheticNetwork(int siteCount, int linkCount, int demandCount)
{
    using namespace nqi::core;
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
    return network;
}
