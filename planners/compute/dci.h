#pragma once

#include <QJsonObject>

#include <optional>

namespace nqi::planners::dci {

struct Options
{
    double distanceKm = 0.0;        ///< fibre route length
    double rateGbps = 0.0;          ///< line rate of the link (per direction)
    double mtuBytes = 9216.0;       ///< largest frame at each end
    std::optional<double> bufferMb; ///< lossless buffer per port and priority, for maxLosslessKm
    double modelGb = 140.0;      ///< gradient bytes to synchronise per step (e.g. 70B params, bf16)
    double intraDcGbps = 400.0;  ///< per-accelerator network bandwidth inside one DC
    double computeSeconds = 1.0; ///< compute time of a training step, for the slowdown
};

struct Result
{
    double distanceKm = 0.0, rateGbps = 0.0;
    double oneWayMs = 0.0, rttMs = 0.0;
    double bdpMB = 0.0;                  ///< rate x RTT
    double headroomMB = 0.0;             ///< PFC headroom per port and priority at each end
    double headroomFixedMB = 0.0;        ///< the part that does not grow with distance
    std::optional<double> maxLosslessKm; ///< when a buffer is given
    double crossDcSyncSeconds = 0.0;     ///< gradient all-reduce across the two DCs
    double singleDcSyncSeconds = 0.0;    ///< the same all-reduce inside one DC
    double slowdown = 1.0;               ///< step time across DCs / step time in one DC
};

/**
 * Lossless inter-DC link sizing (PFC headroom after IEEE 802.1Qbb Annex N) and cross-DC
 * training synchronisation time (hierarchical ring all-reduce). See docs/compute-planners.md.
 */
Result plan(const Options &options);

QJsonObject toJson(const Result &result);

/// IEEE 802.1Qbb upper bounds, in bit times, at a line rate: interface delay and PFC response.
double interfaceDelayBits(double rateGbps);
double responseDelayBits(double rateGbps);

} // namespace nqi::planners::dci
