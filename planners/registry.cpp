#include "planners/registry.h"

#include "planners/capacity/capacity.h"
#include "planners/latency/latency.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

namespace nqi::planners {

QStringList plannerNames()
{
    return {u"route"_qs, u"latency"_qs, u"resilience"_qs, u"capacity"_qs};
}

QJsonObject runPlanner(const QString &name,
                       const core::Network &network,
                       const QJsonObject &options,
                       Progress &progress)
{
    const double perHop = options.value(u"perHopMs"_qs).toDouble(0.0);
    if (name == u"route") {
        route::Options o;
        o.trafficEngineering = options.value(u"te"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return route::toJson(network, route::run(network, o, progress));
    }
    if (name == u"resilience") {
        resilience::Options o;
        o.linkPairs = options.value(u"n2"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return resilience::toJson(network, resilience::run(network, o, progress));
    }
    if (name == u"latency") {
        latency::Options o;
        o.roundTrip = options.value(u"roundTrip"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return latency::toJson(network, latency::run(network, o, progress));
    }
    if (name == u"capacity") {
        capacity::Options o;
        o.targetUtilization = options.value(u"target"_qs).toDouble(o.targetUtilization);
        o.failures = options.value(u"failures"_qs).toBool(true);
        return capacity::toJson(network, capacity::run(network, o, progress));
    }
    throw core::Failure(
        u"unknown planner \"%1\"; the planners are %2"_qs.arg(name, plannerNames().join(u", "_qs)));
}

} // namespace nqi::planners
