#include "planners/registry.h"

#include "planners/capacity/capacity.h"
#include "planners/compute/dci.h"
#include "planners/compute/fabric.h"
#include "planners/compute/ingest.h"
#include "planners/latency/latency.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

namespace nqi::planners {

QStringList plannerNames()
{
    return {u"route"_qs,  u"latency"_qs, u"resilience"_qs, u"capacity"_qs,
            u"fabric"_qs, u"dci"_qs,     u"ingest"_qs};
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
        o.exactLinkLimit = options.value(u"exactLimit"_qs).toInt(o.exactLinkLimit);
        if (const QJsonArray modules = options.value(u"modules"_qs).toArray(); !modules.isEmpty())
            o.modules = capacity::modulesFromJson(modules);
        return capacity::toJson(network, capacity::run(network, o, progress));
    }
    if (name == u"fabric") {
        fabric::Options o;
        o.gpus = options.value(u"gpus"_qs).toInteger();
        o.gpusPerServer = options.value(u"gpusPerServer"_qs).toInt(o.gpusPerServer);
        o.rails = options.value(u"rails"_qs).toInt(o.rails);
        o.nicGbps = options.value(u"nicGbps"_qs).toDouble(o.nicGbps);
        o.switchPorts = options.value(u"switchPorts"_qs).toInt(o.switchPorts);
        o.portGbps = options.value(u"portGbps"_qs).toDouble(o.portGbps);
        o.serversPerSu = options.value(u"serversPerSu"_qs).toInt(o.serversPerSu);
        o.oversubscription = options.value(u"oversubscription"_qs).toDouble(o.oversubscription);
        if (options.value(u"topology"_qs).toString() == u"leaf_spine")
            o.topology = fabric::Topology::LeafSpine;
        auto optional = [&options](const QString &key) -> std::optional<double> {
            if (!options.contains(key))
                return std::nullopt;
            return options.value(key).toDouble();
        };
        o.switchWatts = optional(u"switchWatts"_qs);
        o.switchCost = optional(u"switchCost"_qs);
        o.transceiverWatts = optional(u"transceiverWatts"_qs);
        o.transceiverCost = optional(u"transceiverCost"_qs);
        QJsonObject json = fabric::toJson(fabric::plan(o));
        json.insert(u"gpus"_qs, o.gpus);
        if (options.contains(u"site"_qs))
            json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    }
    if (name == u"dci") {
        dci::Options o;
        const core::Link *link = network.link(options.value(u"link"_qs).toInteger());
        if (!link)
            throw core::Failure(
                u"dci: no link %1 in the project"_qs.arg(options.value(u"link"_qs).toInteger()));
        o.distanceKm = network.lengthKm(*link);
        o.rateGbps = link->capacityGbps;
        if (options.contains(u"bufferMb"_qs))
            o.bufferMb = options.value(u"bufferMb"_qs).toDouble();
        o.modelGb = options.value(u"modelGb"_qs).toDouble(o.modelGb);
        o.computeSeconds = options.value(u"computeSeconds"_qs).toDouble(o.computeSeconds);
        QJsonObject json = dci::toJson(dci::plan(o));
        json.insert(u"link"_qs, link->id);
        json.insert(u"a"_qs, network.site(link->siteA)->code);
        json.insert(u"b"_qs, network.site(link->siteB)->code);
        return json;
    }
    if (name == u"ingest") {
        ingest::Options o;
        o.efficiency = options.value(u"efficiency"_qs).toDouble(o.efficiency);
        o = ingest::fromSite(network, options.value(u"site"_qs).toString(), o);
        QJsonObject json = ingest::toJson(ingest::plan(o), network.settings().currency);
        json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    }
    throw core::Failure(
        u"unknown planner \"%1\"; the planners are %2"_qs.arg(name, plannerNames().join(u", "_qs)));
}

} // namespace nqi::planners
