#include "planners/compute/fabric.h"

#include "core/model/diagnostic.h"
#include "core/model/numbers.h"

#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace nqi::planners::fabric {
namespace {

qint64 ceilDiv(qint64 a, qint64 b)
{
    return (a + b - 1) / b;
}

[[noreturn]] void refuse(const QString &message)
{
    throw core::Failure(core::makeError({}, 0, u"fabric"_qs, message));
}

} // namespace

Result plan(const Options &o)
{
    // Every count is checked against its bound first: sizes drive the work below.
    auto bounded = [](qint64 value, qint64 min, qint64 max, const QString &what) {
        if (value < min || value > max)
            refuse(u"%1 %2 is out of range %3..%4"_qs.arg(what).arg(value).arg(min).arg(max));
    };
    bounded(o.gpus, 1, kMaxGpus, u"accelerators (--gpus)"_qs);
    bounded(o.gpusPerServer, 1, kMaxGpusPerServer,
            u"accelerators per server (--gpus-per-server)"_qs);
    bounded(o.rails, 1, kMaxRails, u"rails (--rails)"_qs);
    bounded(o.serversPerSu, 1, kMaxServersPerSu,
            u"servers per scalable unit (--servers-per-su)"_qs);
    bounded(o.portsPerTransceiver, 1, kMaxPortsPerTransceiver,
            u"ports per transceiver (--ports-per-transceiver)"_qs);
    bounded(o.switchPorts, 4, kMaxSwitchPorts, u"the switch radix (--switch-ports)"_qs);
    if (o.switchPorts % 2 != 0)
        refuse(u"the switch radix (--switch-ports) must be an even number of at least 4, not %1"_qs
                   .arg(o.switchPorts));
    if (!(o.nicGbps > 0.0) || !std::isfinite(o.nicGbps) || !(o.portGbps > 0.0) ||
        !std::isfinite(o.portGbps) || o.portGbps < o.nicGbps)
        refuse(u"switch ports (%1 Gbps) must be at least as fast as the NICs (%2 Gbps)"_qs.arg(
            core::formatNumber(o.portGbps), core::formatNumber(o.nicGbps)));
    const double ratio = o.portGbps / o.nicGbps;
    if (ratio > kMaxBreakout + 0.5)
        refuse(u"a %1 Gbps switch port would break out into %2 NIC links of %3 Gbps; at most %4"_qs
                   .arg(core::formatNumber(o.portGbps), core::formatNumber(ratio),
                        core::formatNumber(o.nicGbps))
                   .arg(kMaxBreakout));
    if (std::abs(ratio - std::round(ratio)) > 1e-9)
        refuse(u"a %1 Gbps switch port cannot break out into %2 Gbps NIC links"_qs.arg(
            core::formatNumber(o.portGbps), core::formatNumber(o.nicGbps)));
    if (!(o.oversubscription >= 1.0 && o.oversubscription <= kMaxOversubscription))
        refuse(u"oversubscription %1 is out of range 1..%2 (1 is non-blocking)"_qs
                   .arg(core::formatNumber(o.oversubscription))
                   .arg(kMaxOversubscription));
    if (o.tiers && *o.tiers != 2 && *o.tiers != 3)
        refuse(u"tiers must be 2 or 3, not %1"_qs.arg(*o.tiers));

    Result r;
    r.topology = o.topology;
    r.breakout = int(std::lround(ratio));
    const qint64 k = o.switchPorts;
    r.leafDownlinks =
        int(std::floor(double(k) * o.oversubscription / (o.oversubscription + 1.0) + 1e-9));
    r.leafUplinks = int(k) - r.leafDownlinks;
    if (r.leafUplinks < 1)
        refuse(u"oversubscription %1 leaves a %2-port leaf no uplink"_qs
                   .arg(core::formatNumber(o.oversubscription))
                   .arg(k));
    const qint64 down = qint64(r.leafDownlinks) * r.breakout; // NIC links per leaf
    const qint64 up = r.leafUplinks;

    r.servers = ceilDiv(o.gpus, o.gpusPerServer);
    r.endpoints = r.servers * o.rails;
    r.scalableUnits = ceilDiv(r.servers, o.serversPerSu);
    if (o.topology == Topology::RailOptimized) {
        // Rail i of every server in a scalable unit goes to the unit's rail-i leaf (or leaves).
        // Full units alike, then the last one (the count is bounded, but need not be walked).
        const qint64 fullUnits = r.servers / o.serversPerSu;
        const qint64 lastServers = r.servers - fullUnits * o.serversPerSu;
        r.leafSwitches = fullUnits * o.rails * ceilDiv(o.serversPerSu, down);
        if (lastServers > 0)
            r.leafSwitches += o.rails * ceilDiv(lastServers, down);
    } else {
        const qint64 serversPerLeaf = down / o.rails;
        if (serversPerLeaf < 1)
            refuse(u"a server's %1 rails do not fit on one leaf's %2 downlinks"_qs.arg(o.rails).arg(
                down));
        r.leafSwitches = ceilDiv(r.servers, serversPerLeaf);
    }

    // Each spine port serves one leaf: at most k leaves in 2 tiers; in 3 tiers, pods of k/2
    // leaves under `up` aggregation switches, at most k pods (the standard fat-tree for o = 1).
    r.max2TierEndpoints = k * down;
    r.max3TierEndpoints = k * (k / 2) * down;
    r.max2TierGpus = r.max2TierEndpoints / o.rails * o.gpusPerServer;
    r.max3TierGpus = r.max3TierEndpoints / o.rails * o.gpusPerServer;
    const bool fitsTwo = r.leafSwitches <= k;
    const bool fitsThree = r.leafSwitches <= k * (k / 2);
    if (o.tiers)
        r.tiers = *o.tiers;
    else
        r.tiers = fitsTwo ? 2 : 3;
    if ((r.tiers == 2 && !fitsTwo) || !fitsThree) {
        refuse(u"%1 accelerators need %2 leaf switches; %3 tiers of %4-port switches hold at most "
               "%5 leaves (%6 accelerators): use a higher-radix switch, more oversubscription or "
               "3 tiers"_qs.arg(o.gpus)
                   .arg(r.leafSwitches)
                   .arg(r.tiers == 2 && fitsThree ? 2 : 3)
                   .arg(k)
                   .arg(r.tiers == 2 && fitsThree ? k : k * (k / 2))
                   .arg(r.tiers == 2 && fitsThree ? r.max2TierGpus : r.max3TierGpus));
    }

    r.serverLeafCables = ceilDiv(r.endpoints, r.breakout);
    r.leafSpineCables = r.leafSwitches * up;
    qint64 portsUsed = r.serverLeafCables + 2 * r.leafSpineCables;
    if (r.tiers == 2) {
        // Every leaf has the same whole number m of links to every spine (NVIDIA DGX SuperPOD
        // reference architectures): u / m spines, each taking m links from every leaf. The
        // fewest spines come from the largest m that divides u and whose leaves * m links fit
        // a spine's k ports; m = 1 always fits in two tiers (at most k leaves).
        r.spineLinksPerLeaf = 1;
        for (qint64 m = up; m > 1; --m) {
            if (up % m == 0 && r.leafSwitches * m <= k) {
                r.spineLinksPerLeaf = int(m);
                break;
            }
        }
        r.spineSwitches = up / r.spineLinksPerLeaf;
    } else {
        const qint64 pods = ceilDiv(r.leafSwitches, k / 2);
        r.spineSwitches = pods * up;
        r.spineCoreCables = r.leafSpineCables; // aggregation is non-blocking: as many up as down
        r.coreSwitches = ceilDiv(r.spineCoreCables, k);
        portsUsed += 2 * r.spineCoreCables;
    }
    r.switchTransceivers = ceilDiv(portsUsed, o.portsPerTransceiver);
    r.serverTransceivers = r.endpoints;
    const double edgeGbps = double(r.endpoints) * o.nicGbps;
    const double uplinkGbps = double(r.leafSpineCables) * o.portGbps;
    r.bisectionTbps = std::min(edgeGbps, uplinkGbps) / 2.0 / 1000.0;

    const qint64 transceivers = r.switchTransceivers + r.serverTransceivers;
    if (o.switchWatts || o.transceiverWatts)
        r.powerKw = (double(r.switches()) * o.switchWatts.value_or(0.0) +
                     double(transceivers) * o.transceiverWatts.value_or(0.0)) /
                    1000.0;
    if (o.switchCost || o.transceiverCost || o.cableCost)
        r.cost = double(r.switches()) * o.switchCost.value_or(0.0) +
                 double(transceivers) * o.transceiverCost.value_or(0.0) +
                 double(r.cables()) * o.cableCost.value_or(0.0);
    return r;
}

QJsonObject toJson(const Result &r)
{
    QJsonObject json{{u"tiers"_qs, r.tiers},
                     {u"topology"_qs, r.topology == Topology::RailOptimized ? u"rail_optimized"_qs
                                                                            : u"leaf_spine"_qs},
                     {u"servers"_qs, r.servers},
                     {u"endpoints"_qs, r.endpoints},
                     {u"scalableUnits"_qs, r.scalableUnits},
                     {u"leafSwitches"_qs, r.leafSwitches},
                     {u"spineSwitches"_qs, r.spineSwitches},
                     {u"coreSwitches"_qs, r.coreSwitches},
                     {u"switches"_qs, r.switches()},
                     {u"cables"_qs, r.cables()},
                     {u"cablesPerTier"_qs, QJsonObject{{u"serverLeaf"_qs, r.serverLeafCables},
                                                       {u"leafSpine"_qs, r.leafSpineCables},
                                                       {u"spineCore"_qs, r.spineCoreCables}}},
                     {u"switchTransceivers"_qs, r.switchTransceivers},
                     {u"serverTransceivers"_qs, r.serverTransceivers},
                     {u"bisectionTbps"_qs, r.bisectionTbps},
                     {u"leafDownlinks"_qs, r.leafDownlinks},
                     {u"leafUplinks"_qs, r.leafUplinks},
                     {u"breakout"_qs, r.breakout},
                     {u"max2TierGpus"_qs, r.max2TierGpus},
                     {u"max3TierGpus"_qs, r.max3TierGpus},
                     {u"max2TierEndpoints"_qs, r.max2TierEndpoints},
                     {u"max3TierEndpoints"_qs, r.max3TierEndpoints}};
    if (r.powerKw)
        json.insert(u"powerKw"_qs, *r.powerKw);
    if (r.cost)
        json.insert(u"cost"_qs, *r.cost);
    return json;
}

} // namespace nqi::planners::fabric
