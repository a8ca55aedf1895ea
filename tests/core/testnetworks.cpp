#include "testnetworks.h"

#include <QJsonArray>

namespace nqi::tests {

using namespace nqi::core;

Network fullyPopulatedNetwork()
{
    Network network;
    ProjectSettings settings;
    settings.name = u"测试 project \"quoted\", with comma"_qs;
    settings.author = u"Zhang Wei 张伟"_qs;
    settings.description = u"Line one\nline two"_qs;
    settings.routeFactor = 1.37;
    settings.currency = u"USD"_qs;
    network.setSettings(settings);

    Site beijing;
    beijing.code = u"BJ"_qs;
    beijing.name = u"北京 Beijing"_qs;
    beijing.kind = SiteKind::NationalHub;
    beijing.latitudeDeg = 39.9075;
    beijing.longitudeDeg = 116.3972;
    beijing.region = u"Beijing"_qs;
    beijing.gpus = 12000;
    beijing.powerMw = 180.25;
    beijing.role = u"route_reflector"_qs;
    beijing.attributes = QJsonObject{{u"operator"_qs, u"China Telecom"_qs},
                                     {u"racks"_qs, 3500},
                                     {u"tags"_qs, QJsonArray{u"a"_qs, u"b"_qs}}};
    network.addSite(beijing);

    Site shanghai;
    shanghai.id = 7;
    shanghai.code = u"SH"_qs;
    shanghai.name = u"上海, \"Shanghai\""_qs;
    shanghai.kind = SiteKind::MetroDc;
    shanghai.latitudeDeg = 31.2222;
    shanghai.longitudeDeg = 121.4581;
    network.addSite(shanghai);

    Site fiji;
    fiji.code = u"SUVA"_qs;
    fiji.name = u"Suva"_qs;
    fiji.kind = SiteKind::GroundStation;
    fiji.latitudeDeg = -18.1416;
    fiji.longitudeDeg = 178.4419;
    network.addSite(fiji);

    Site samoa;
    samoa.code = u"APIA"_qs;
    samoa.name = u"Apia"_qs;
    samoa.kind = SiteKind::Pop;
    samoa.latitudeDeg = -13.8333;
    samoa.longitudeDeg = -171.7667;
    network.addSite(samoa);

    Link backbone;
    backbone.siteA = 1;
    backbone.siteB = 7;
    backbone.name = u"京沪 backbone"_qs;
    backbone.medium = LinkMedium::DciWave;
    backbone.capacityGbps = 400;
    backbone.parallelCount = 4;
    backbone.lengthKm = 1318.4;
    backbone.igpMetric = 65;
    backbone.cost = 1.25e6;
    backbone.availability = 0.9995;
    backbone.srlgs = {u"JING-HU"_qs, u"Conduit 7"_qs};
    network.addLink(backbone);

    Link computed;
    computed.siteA = 7;
    computed.siteB = 1;
    computed.capacityGbps = 100;
    computed.routeFactor = 1.2;
    network.addLink(computed);

    Link subsea; // crosses the antimeridian
    subsea.id = 40;
    subsea.siteA = 8;
    subsea.siteB = 9;
    subsea.medium = LinkMedium::Leased;
    subsea.capacityGbps = 0.1;
    network.addLink(subsea);

    Demand training;
    training.source = 1;
    training.destination = 7;
    training.name = u"训练同步"_qs;
    training.rateGbps = 800;
    training.demandClass = DemandClass::TrainingSync;
    training.maxLatencyMs = 12.5;
    training.protection = Protection::OnePlusOne;
    training.allowedRegions = {u"Beijing"_qs, u"Shanghai"_qs};
    network.addDemand(training);

    Demand ingest;
    ingest.id = 99;
    ingest.source = 7;
    ingest.destination = 1;
    ingest.volumeTb = 160;
    ingest.windowHours = 24;
    ingest.demandClass = DemandClass::IngestBulk;
    ingest.protection = Protection::Restoration;
    network.addDemand(ingest);

    Constellation starlink;
    starlink.name = u"Shells"_qs;
    starlink.shells = {{1584, 72, 1, 53.0, 550.0}, {720, 36, 1, 70.0, 570.0}};
    starlink.minElevationDeg = 25;
    starlink.islPattern = IslPattern::PlusGrid;
    network.addConstellation(starlink);

    Constellation tle;
    tle.name = u"ISS"_qs;
    tle.tleText =
        u"ISS (ZARYA)\n1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927\n"
        "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537\n"_qs;
    tle.minElevationDeg = 10;
    network.addConstellation(tle);

    Region guangdong;
    guangdong.name = u"广东 Guangdong"_qs;
    guangdong.purpose = RegionPurpose::Residency;
    guangdong.rings = {{{20.2, 109.6}, {25.5, 109.7}, {25.5, 117.3}, {20.2, 117.2}},
                       {{22.0, 113.0}, {22.5, 113.0}, {22.5, 113.5}}};
    network.addRegion(guangdong);
    PlannerResult result;
    result.planner = u"route"_qs;
    result.createdUtc = u"2026-11-23T10:00:00Z"_qs;
    result.options = u"{\"te\":false}"_qs;
    result.inputDigest = network.digest();
    result.json = R"({"maxUtilization":0.5,"note":"路由"})";
    network.setPlannerResult(result);

    AddressPlan plan;
    plan.projectPrefix = u"2001:db8::/32"_qs;
    plan.allocations = {{AddressUse::Loopback, 1, u"2001:db8::1/128"_qs, false, -1, -1},
                        {AddressUse::Link, 1, u"2001:db8:0:1::/127"_qs, false, 0, 0},
                        {AddressUse::Locator, 1, u"2001:db8:1:1::/64"_qs, true, -1, -1},
                        {AddressUse::Site, 2, u"2001:db8:2::/48"_qs, false, -1, -1}};
    network.setAddressPlan(plan);
    return network;
}

Network syntheticNetwork(int sites, int linksPerSite, int demands)
{
    Network network;
    const int columns = 400;
    for (int i = 0; i < sites; ++i) {
        Site site;
        site.code = u"S"_qs + QString::number(i + 1);
        site.name = u"Site "_qs + QString::number(i + 1);
        site.kind = i % 50 == 0 ? SiteKind::MetroDc : SiteKind::Pop;
        site.latitudeDeg = 20.0 + 25.0 * (i / columns) / (sites / columns + 1.0);
        site.longitudeDeg = 80.0 + 45.0 * (i % columns) / double(columns);
        site.region = u"R"_qs + QString::number(i % 31);
        network.addSite(site);
    }
    quint32 state = 12345;
    auto random = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int i = 0; i < sites; ++i) {
        for (int k = 1; k <= linksPerSite; ++k) {
            const int j = (i + k * 7 + int(random() % 3)) % sites;
            if (j == i)
                continue;
            Link link;
            link.siteA = i + 1;
            link.siteB = j + 1;
            link.capacityGbps = 100.0 * (1 + random() % 8);
            link.igpMetric = 1 + random() % 100;
            if (random() % 2)
                link.lengthKm = 10.0 + (random() % 100000) / 10.0;
            if (random() % 5 == 0)
                link.srlgs = {u"G"_qs + QString::number(random() % 1000)};
            network.addLink(link);
        }
    }
    for (int d = 0; d < demands; ++d) {
        Demand demand;
        demand.source = 1 + random() % sites;
        demand.destination = 1 + random() % sites;
        if (demand.source == demand.destination)
            demand.destination = demand.destination % sites + 1;
        demand.rateGbps = 0.5 + (random() % 1000) / 10.0;
        demand.demandClass = DemandClass(random() % 5);
        network.addDemand(demand);
    }
    return network;
}

QString failureMessage(const std::function<void()> &action)
{
    try {
        action();
    } catch (const Failure &failure) {
        return failure.diagnostic().toString();
    }
    return {};
}

} // namespace nqi::tests
