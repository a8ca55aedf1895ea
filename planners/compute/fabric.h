#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace nqi::planners::fabric {

enum class Topology { RailOptimized, LeafSpine };

/// Bounds checked before any sizing, so that no input drives memory or time beyond them.
inline constexpr qint64 kMaxGpus = 10'000'000; ///< ten times the largest clusters announced
inline constexpr int kMaxGpusPerServer = 1024;
inline constexpr int kMaxRails = 64;
inline constexpr int kMaxSwitchPorts = 2048;
inline constexpr int kMaxPortsPerTransceiver = 16;
inline constexpr int kMaxServersPerSu = 100'000;
inline constexpr int kMaxBreakout = 64; ///< NIC links one switch port breaks out into
inline constexpr double kMaxOversubscription = 100.0;

struct Options
{
    qint64 gpus = 0;
    int gpusPerServer = 8;
    int rails = 8; ///< NIC ports per server (one per rail)
    double nicGbps = 400.0;
    int switchPorts = 64; ///< radix, at portGbps
    double portGbps = 400.0;
    int portsPerTransceiver = 2;   ///< switch side, e.g. twin-port OSFP
    int serversPerSu = 32;         ///< scalable unit (rail-optimised)
    double oversubscription = 1.0; ///< leaf downlink : uplink bandwidth
    Topology topology = Topology::RailOptimized;
    std::optional<int> tiers; ///< force 2 or 3; default: 2 when it holds the cluster
    std::optional<double> switchWatts, switchCost, transceiverWatts, transceiverCost, cableCost;
};

struct Result
{
    int tiers = 2;
    Topology topology = Topology::RailOptimized;
    qint64 servers = 0;
    qint64 endpoints = 0; ///< NIC ports on the fabric
    qint64 scalableUnits = 0;
    qint64 leafSwitches = 0, spineSwitches = 0, coreSwitches = 0;
    qint64 serverLeafCables = 0, leafSpineCables = 0, spineCoreCables = 0;
    qint64 switchTransceivers = 0, serverTransceivers = 0;
    double bisectionTbps = 0.0;
    qint64 max2TierEndpoints = 0, max3TierEndpoints = 0;
    qint64 max2TierGpus = 0, max3TierGpus = 0;
    int leafDownlinks = 0, leafUplinks = 0; ///< ports per leaf
    int breakout = 1;                       ///< NIC links per switch port
    int spineLinksPerLeaf = 1; ///< links from every leaf to every spine (aggregation switch)
    std::optional<double> powerKw, cost;

    qint64 switches() const { return leafSwitches + spineSwitches + coreSwitches; }
    qint64 cables() const { return serverLeafCables + leafSpineCables + spineCoreCables; }
};

/**
 * Sizes a Clos fabric (rail-optimised or plain leaf-spine, 2 or 3 tiers) for a GPU cluster.
 * Throws core::Failure when the inputs are inconsistent or the cluster exceeds what 3 tiers of
 * the chosen switch can hold. Method and sources: docs/compute-planners.md.
 */
Result plan(const Options &options);

QJsonObject toJson(const Result &result);

} // namespace nqi::planners::fabric
