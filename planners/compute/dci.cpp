#include "planners/compute/dci.h"

#include "core/model/diagnostic.h"
#include "core/model/physics.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace nqi::planners::dci {
namespace {

struct RateBound
{
    double gbps;
    double interfaceBits;
    double responseBits;
};

// IEEE 802.1Qbb-2011 Annex N (PFC delay model), upper bounds per rate, in bit times.
constexpr RateBound kBounds[] = {
    {10.0, 8192.0, 30720.0},     {25.0, 6144.0, 40960.0},     {40.0, 24576.0, 60416.0},
    {100.0, 122880.0, 201728.0}, {400.0, 491520.0, 463360.0},
};

// Rates between the tabulated ones take the next faster rate's bounds (more bits, the safe
// side); rates above the table scale the fastest entry by rate.
const RateBound &boundFor(double rateGbps, double &scale)
{
    scale = 1.0;
    for (const RateBound &bound : kBounds)
        if (rateGbps <= bound.gbps + 1e-9)
            return bound;
    const RateBound &fastest = kBounds[std::size(kBounds) - 1];
    scale = rateGbps / fastest.gbps;
    return fastest;
}

constexpr double kPfcFrameBits = 672.0;      // 64-byte PFC frame + IFG + preamble
constexpr double kFrameOverheadBits = 160.0; // IFG (96) + preamble and SFD (64)

} // namespace

double interfaceDelayBits(double rateGbps)
{
    double scale = 1.0;
    return boundFor(rateGbps, scale).interfaceBits * scale;
}

double responseDelayBits(double rateGbps)
{
    double scale = 1.0;
    return boundFor(rateGbps, scale).responseBits * scale;
}

Result plan(const Options &o)
{
    if (!(o.distanceKm >= 0.0) || !(o.rateGbps > 0.0))
        throw core::Failure(core::makeError(
            {}, 0, u"dci"_qs, u"give a distance of at least 0 km and a positive rate"_qs));
    if (!(o.mtuBytes >= 64.0))
        throw core::Failure(
            core::makeError({}, 0, u"dci"_qs, u"the MTU must be at least 64 bytes"_qs));
    Result r;
    r.distanceKm = o.distanceKm;
    r.rateGbps = o.rateGbps;
    r.oneWayMs = core::physics::fibreLatencyMs(o.distanceKm);
    r.rttMs = 2.0 * r.oneWayMs;
    const double bitsPerSecond = o.rateGbps * 1e9;
    r.bdpMB = bitsPerSecond * r.rttMs / 1000.0 / 8.0 / 1e6;

    // Headroom: what can still arrive after the buffer crosses its threshold. A maximum frame
    // finishing at the receiver, the PFC frame, interface delays both ways, the cable both ways,
    // the sender's response time, and a maximum frame finishing at the sender.
    const double maxFrameBits = o.mtuBytes * 8.0 + kFrameOverheadBits;
    const double fixedBits = 2.0 * maxFrameBits + kPfcFrameBits +
                             2.0 * interfaceDelayBits(o.rateGbps) + responseDelayBits(o.rateGbps);
    const double cableBitsPerKm = 2.0 * bitsPerSecond * core::physics::fibreLatencyMs(1.0) / 1000.0;
    r.headroomFixedMB = fixedBits / 8.0 / 1e6;
    r.headroomMB = (fixedBits + cableBitsPerKm * o.distanceKm) / 8.0 / 1e6;
    if (o.bufferMb)
        r.maxLosslessKm = std::max(0.0, (*o.bufferMb * 1e6 * 8.0 - fixedBits) / cableBitsPerKm);

    // Data parallelism with a ring all-reduce of S gradient bytes. In one DC each accelerator
    // moves 2(n-1)/n S ~ 2S over its own bandwidth B. Across two DCs, hierarchically: reduce-
    // scatter inside each DC (S/B), a two-party ring across the link for the reduced gradient
    // (each direction carries S/2 twice: S/R, plus a round trip), all-gather inside (S/B).
    const double gradientBits = o.modelGb * 1e9 * 8.0;
    r.singleDcSyncSeconds = 2.0 * gradientBits / (o.intraDcGbps * 1e9);
    r.crossDcSyncSeconds = r.singleDcSyncSeconds + gradientBits / bitsPerSecond + r.rttMs / 1000.0;
    r.slowdown = (o.computeSeconds + r.crossDcSyncSeconds) / (o.computeSeconds + r.singleDcSyncSeconds);
    return r;
}

QJsonObject toJson(const Result &r)
{
    QJsonObject json{{u"distanceKm"_qs, r.distanceKm},
                     {u"rateGbps"_qs, r.rateGbps},
                     {u"oneWayMs"_qs, r.oneWayMs},
                     {u"rttMs"_qs, r.rttMs},
                     {u"bdpMB"_qs, r.bdpMB},
                     {u"headroomMB"_qs, r.headroomMB},
                     {u"headroomFixedMB"_qs, r.headroomFixedMB},
                     {u"crossDcSyncSeconds"_qs, r.crossDcSyncSeconds},
                     {u"singleDcSyncSeconds"_qs, r.singleDcSyncSeconds},
                     {u"slowdown"_qs, r.slowdown}};
    json.insert(u"maxLosslessKm"_qs, r.maxLosslessKm ? QJsonValue(*r.maxLosslessKm) : QJsonValue());
    return json;
}

} // namespace nqi::planners::dci
