#include "commands.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/capacity/capacity.h"
#include "planners/latency/latency.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace nqi::cli {
namespace {

using core::Failure;

constexpr auto kPlanUsage =
    u"Usage: nqi plan <planner> PROJECT.gpkg [options]\n"
    "\n"
    "Planners:\n"
    "  route       demands over IGP shortest paths with ECMP (--te: also\n"
    "              traffic engineering); link loads and utilisation\n"
    "\n"
    "  resilience  every single link, site and SRLG failure (--n2: link\n"
    "              pairs): worst-case loads, cut demands, bridges\n"
    "  latency     per-demand latency and SLA violations, latencies between\n"
    "              hubs and DCs, and the 1/5/20 ms latency circles\n"
    "  capacity    modular link upgrades (100G/400G/800G) so that no failure\n"
    "              pushes a link over the target utilisation, at least cost\n"
    "\n"
    "Run `nqi plan <planner> --help` for its options.\n";

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 1) + u'%';
}

QString ms(double value)
{
    return QString::number(value, 'f', 3) + u" ms"_qs;
}

// Parses a non-negative number option; false after printing a usage error.
bool numberOption(const QCommandLineParser &parser,
                  const QCommandLineOption &option,
                  double &value,
                  QString &problem)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    value = parser.value(option).toDouble(&ok);
    if (!ok || !(value >= 0.0) || !std::isfinite(value)) {
        problem = u"--%1 needs a number of at least 0"_qs.arg(option.names().constLast());
        return false;
    }
    return true;
}

struct Common
{
    QCommandLineOption save{u"save"_qs, u"Store the result in the project (table nqi_results)."_qs};
    QCommandLineOption json{u"json"_qs, u"Print the result as JSON (see docs/planners.md)."_qs};
    QCommandLineOption perHop{u"per-hop-ms"_qs,
                              u"Device latency added per link crossed (default 0)."_qs, u"MS"_qs};
    QCommandLineOption threads{u"threads"_qs, u"Threads to use (default: one per core)."_qs,
                               u"N"_qs};
};

// Stores a planner's result in the project it read (atomically, like every save).
void saveResult(const QString &path,
                core::Network network,
                const QString &planner,
                const QJsonObject &options,
                const QJsonObject &result)
{
    core::PlannerResult stored;
    stored.planner = planner;
    stored.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    stored.options = QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
    stored.inputDigest = network.digest();
    stored.json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    network.setPlannerResult(std::move(stored));
    core::ProjectStore::save(network, path);
}

void printJson(Streams streams, const QJsonObject &object)
{
    streams.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

void printRouteText(Streams streams,
                    const core::Network &network,
                    const planners::route::Result &result)
{
    using planners::route::LinkLoad;
    streams.out << u"IGP/ECMP routing: max utilisation "_qs << percent(result.maxUtilization)
                << u'\n';
    std::vector<LinkLoad> links = result.links;
    std::stable_sort(links.begin(), links.end(), [](const LinkLoad &a, const LinkLoad &b) {
        return a.utilization > b.utilization;
    });
    streams.out << u"Busiest links:\n"_qs;
    for (size_t i = 0; i < std::min<size_t>(10, links.size()); ++i) {
        const LinkLoad &link = links[i];
        streams.out << u"  link %1 %2-%3: %4 / %5 Gbps, %6\n"_qs.arg(link.id).arg(
            network.site(link.a)->code, network.site(link.b)->code,
            core::formatNumber(std::round(std::max(link.loadAbGbps, link.loadBaGbps) * 1000) /
                               1000),
            core::formatNumber(link.capacityGbps), percent(link.utilization));
    }
    int violated = 0, outside = 0;
    for (const auto &demand : result.demands) {
        violated += demand.latencyViolated ? 1 : 0;
        outside += demand.outsideRegions.empty() ? 0 : 1;
    }
    streams.out << u"Demands: %1 routed, %2 unrouted, %3 over their latency bound, %4 leaving "
                   "their allowed regions\n"_qs
                       .arg(qsizetype(result.demands.size() - result.unrouted.size()))
                       .arg(qsizetype(result.unrouted.size()))
                       .arg(violated)
                       .arg(outside);
    if (result.te) {
        const auto &te = *result.te;
        streams.out << u"Traffic engineering: "_qs
                    << (te.solved ? u"max utilisation %1 (%2, %3 candidate paths)"_qs
                                        .arg(percent(te.maxUtilization), te.status)
                                        .arg(te.candidatePaths)
                                  : te.status)
                    << u'\n';
        for (const auto &demand : te.demands)
            if (!demand.problem.isEmpty())
                streams.out << u"  demand %1 cannot be placed: %2\n"_qs.arg(demand.id).arg(
                    demand.problem);
    }
}

int runRoute(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Route every demand over IGP shortest paths (igp_metric, else latency in microseconds) "
        "with ECMP, and report link loads, utilisation and per-demand paths and latency."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    Common common;
    const QCommandLineOption te(u"te"_qs, u"Also solve traffic engineering: minimise the maximum "
                                          "utilisation within latency bounds and regions (LP)."_qs);
    const QCommandLineOption maxPaths(
        u"max-paths"_qs, u"Equal-cost paths listed per demand (default 16)."_qs, u"N"_qs);
    parser.addOptions({common.json, common.save, common.perHop, common.threads, te, maxPaths});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);

    planners::route::Options options;
    options.trafficEngineering = parser.isSet(te);
    QString problem;
    double threads = 0.0, paths = 16.0;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !numberOption(parser, common.threads, threads, problem) ||
        !numberOption(parser, maxPaths, paths, problem))
        return usageError(streams, parser, command, problem);
    options.workers = int(threads);
    options.maxPathsPerDemand = std::max(1, int(paths));
    try {
        const core::Network network =
            core::ProjectStore::load(parser.positionalArguments().constFirst());
        planners::Progress progress;
        const auto result = planners::route::run(network, options, progress);
        const QJsonObject json = planners::route::toJson(network, result);
        if (parser.isSet(common.save))
            saveResult(parser.positionalArguments().constFirst(), network, u"route"_qs,
                       QJsonObject{{u"te"_qs, options.trafficEngineering},
                                   {u"perHopMs"_qs, options.perHopLatencyMs}},
                       json);
        if (parser.isSet(common.json))
            printJson(streams, json);
        else
            printRouteText(streams, network, result);
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

void printResilienceText(Streams streams,
                         const core::Network &network,
                         const planners::resilience::Result &result)
{
    using planners::resilience::LinkWorst;
    streams.out << u"%1 failure scenarios: max utilisation %2 normally, %3 in the worst case\n"_qs
                       .arg(qsizetype(result.scenarios.size() - 1))
                       .arg(percent(result.maxNormalUtilization),
                            percent(result.maxWorstUtilization));
    std::vector<LinkWorst> links = result.links;
    std::stable_sort(links.begin(), links.end(), [](const LinkWorst &a, const LinkWorst &b) {
        return a.worstUtilization > b.worstUtilization;
    });
    streams.out << u"Links most loaded under failure:\n"_qs;
    for (size_t i = 0; i < std::min<size_t>(10, links.size()); ++i) {
        const LinkWorst &link = links[i];
        streams.out << u"  link %1 %2-%3: %4 normally, %5 when %6\n"_qs.arg(link.id).arg(
            network.site(link.a)->code, network.site(link.b)->code, percent(link.normalUtilization),
            percent(link.worstUtilization), result.scenarios[size_t(link.worstScenario)].name);
    }
    double worstLost = 0.0;
    QString worstScenario;
    for (const auto &d : result.disconnected) {
        if (d.lostGbps > worstLost) {
            worstLost = d.lostGbps;
            worstScenario = result.scenarios[size_t(d.scenario)].name;
        }
    }
    int cutting = 0;
    for (const auto &d : result.disconnected)
        cutting += d.demands.empty() ? 0 : 1;
    streams.out << u"Scenarios that cut demands off: %1"_qs.arg(cutting);
    if (cutting > 0)
        streams.out << u" (worst: %1, %2 Gbps lost)"_qs.arg(worstScenario,
                                                            core::formatNumber(worstLost));
    streams.out << u'\n';
    QStringList bridges, points;
    for (core::LinkId id : result.bridges)
        bridges << QString::number(id);
    for (core::SiteId id : result.articulationPoints)
        points << network.site(id)->code;
    streams.out << u"Bridges (links): "_qs
                << (bridges.isEmpty() ? u"none"_qs : bridges.join(u", "_qs)) << u'\n';
    streams.out << u"Articulation points: "_qs
                << (points.isEmpty() ? u"none"_qs : points.join(u", "_qs)) << u'\n';
    for (const auto &p : result.protection)
        if (!p.found)
            streams.out << u"Demand %1 (1+1): %2\n"_qs.arg(p.id).arg(p.problem);
}

int runResilience(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fail every link, every site and every SRLG in turn (and every pair of links with "
        "--n2), reroute under the same IGP/ECMP rules, and report worst-case link loads and "
        "the failure behind each, demands cut off, latency stretch, bridges, articulation "
        "points, disjoint paths for 1+1 demands and end-to-end availability."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    Common common;
    const QCommandLineOption n2(u"n2"_qs, u"Also fail every pair of links."_qs);
    parser.addOptions({common.json, common.save, common.perHop, common.threads, n2});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::resilience::Options options;
    options.linkPairs = parser.isSet(n2);
    QString problem;
    double threads = 0.0;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !numberOption(parser, common.threads, threads, problem))
        return usageError(streams, parser, command, problem);
    options.workers = int(threads);
    try {
        const core::Network network =
            core::ProjectStore::load(parser.positionalArguments().constFirst());
        planners::Progress progress;
        const auto result = planners::resilience::run(network, options, progress);
        const QJsonObject json = planners::resilience::toJson(network, result);
        if (parser.isSet(common.save))
            saveResult(parser.positionalArguments().constFirst(), network, u"resilience"_qs,
                       QJsonObject{{u"n2"_qs, options.linkPairs},
                                   {u"perHopMs"_qs, options.perHopLatencyMs}},
                       json);
        if (parser.isSet(common.json))
            printJson(streams, json);
        else
            printResilienceText(streams, network, result);
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

// Parses "a,b,c" as numbers; false on anything else.
bool numberList(const QString &text, std::vector<double> &values)
{
    values.clear();
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double value = part.trimmed().toDouble(&ok);
        if (!ok || !(value > 0.0))
            return false;
        values.push_back(value);
    }
    return !values.empty();
}

int runLatency(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Latency of every demand over its IGP paths (slowest equal-cost path, one way) and over "
        "the fastest path, SLA violations, latencies between sites of chosen kinds, and the "
        "latency circles: for every site, the hubs and DCs within each limit over the fastest "
        "network path."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    Common common;
    const QCommandLineOption roundTrip(
        u"round-trip"_qs, u"Circles and site pairs in round-trip time (default: one way)."_qs);
    const QCommandLineOption kinds(u"kinds"_qs,
                                   u"Site kinds whose pairwise latencies are listed "
                                   "(default national_hub,dc_cluster)."_qs,
                                   u"KIND,..."_qs);
    const QCommandLineOption circles(u"circles"_qs, u"Circle limits in ms (default 1,5,20)."_qs,
                                     u"MS,..."_qs);
    parser.addOptions(
        {common.json, common.save, common.perHop, common.threads, roundTrip, kinds, circles});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::latency::Options options;
    options.roundTrip = parser.isSet(roundTrip);
    QString problem;
    double threads = 0.0;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !numberOption(parser, common.threads, threads, problem))
        return usageError(streams, parser, command, problem);
    options.workers = int(threads);
    if (parser.isSet(circles) && !numberList(parser.value(circles), options.circlesMs))
        return usageError(streams, parser, command,
                          u"--circles needs positive numbers separated by commas"_qs);
    if (parser.isSet(kinds)) {
        options.pairKinds.clear();
        for (const QString &name : parser.value(kinds).split(u',', Qt::SkipEmptyParts)) {
            const auto kind = core::siteKindFromString(name.trimmed());
            if (!kind)
                return usageError(streams, parser, command,
                                  u"unknown site kind \"%1\""_qs.arg(name));
            options.pairKinds.push_back(*kind);
        }
    }
    try {
        const core::Network network =
            core::ProjectStore::load(parser.positionalArguments().constFirst());
        planners::Progress progress;
        const auto result = planners::latency::run(network, options, progress);
        const QJsonObject json = planners::latency::toJson(network, result);
        if (parser.isSet(common.save))
            saveResult(parser.positionalArguments().constFirst(), network, u"latency"_qs,
                       QJsonObject{{u"roundTrip"_qs, options.roundTrip},
                                   {u"perHopMs"_qs, options.perHopLatencyMs}},
                       json);
        if (parser.isSet(common.json)) {
            printJson(streams, json);
            return Success;
        }
        int routed = 0;
        double worst = 0.0;
        for (const auto &d : result.demands) {
            routed += d.routed ? 1 : 0;
            worst = std::max(worst, d.latencyMs);
        }
        streams.out << u"Demands: %1 routed, slowest %2, %3 over their latency bound\n"_qs
                           .arg(routed)
                           .arg(ms(worst))
                           .arg(result.violations.size());
        for (const auto &d : result.demands)
            if (d.violated)
                streams.out << u"  demand %1: %2 > %3\n"_qs.arg(d.id).arg(ms(d.latencyMs),
                                                                          ms(*d.boundMs));
        QStringList limits;
        for (double limit : result.circlesMs)
            limits << core::formatNumber(limit) + u" ms"_qs;
        streams.out << u"Latency circles (%1, %2): "_qs.arg(
            limits.join(u", "_qs), result.roundTrip ? u"round trip"_qs : u"one way"_qs);
        QStringList outside;
        for (core::SiteId id : result.outside)
            outside << network.site(id)->code;
        streams.out << (outside.isEmpty()
                            ? u"every site has a hub or DC within %1"_qs.arg(
                                  limits.value(limits.size() - 1))
                            : u"%1 sites have no hub or DC within %2: %3"_qs.arg(outside.size())
                                  .arg(limits.value(limits.size() - 1), outside.join(u", "_qs)))
                    << u'\n';
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

int runCapacity(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Choose per link a number of modules so that in the normal state and under every "
        "single link, site and SRLG failure no link exceeds the target utilisation, at least "
        "cost: a heuristic for any size, confirmed by an exact MIP (COIN-OR CBC) when small."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    Common common;
    const QCommandLineOption target(u"target"_qs, u"Target utilisation, 0..1 (default 0.7)."_qs,
                                    u"U"_qs);
    const QCommandLineOption module(u"module"_qs,
                                    u"A module as GBPS:COST; repeat for several (default "
                                    "100:1 400:3 800:5)."_qs,
                                    u"GBPS:COST"_qs);
    const QCommandLineOption normalOnly(u"normal-only"_qs, u"Size for the normal state only."_qs);
    const QCommandLineOption exactLimit(u"exact-limit"_qs,
                                        u"Largest number of links to upgrade for which the exact "
                                        "MIP runs (default 5000)."_qs,
                                        u"N"_qs);
    parser.addOptions(
        {common.json, common.save, common.threads, target, module, normalOnly, exactLimit});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::capacity::Options options;
    options.failures = !parser.isSet(normalOnly);
    QString problem;
    double threads = 0.0, limit = options.exactLinkLimit;
    if (!numberOption(parser, common.threads, threads, problem) ||
        !numberOption(parser, target, options.targetUtilization, problem) ||
        !numberOption(parser, exactLimit, limit, problem))
        return usageError(streams, parser, command, problem);
    if (!(options.targetUtilization > 0.0 && options.targetUtilization <= 1.0))
        return usageError(streams, parser, command, u"--target must be above 0 and at most 1"_qs);
    options.workers = int(threads);
    options.exactLinkLimit = int(limit);
    if (parser.isSet(module)) {
        options.modules.clear();
        for (const QString &text : parser.values(module)) {
            const QStringList parts = text.split(u':');
            bool okGbps = false, okCost = false;
            const double gbps = parts.value(0).toDouble(&okGbps);
            const double cost = parts.value(1).toDouble(&okCost);
            if (parts.size() != 2 || !okGbps || !okCost || !(gbps > 0.0) || !(cost >= 0.0))
                return usageError(streams, parser, command,
                                  u"--module \"%1\" must be GBPS:COST, e.g. 400:3"_qs.arg(text));
            options.modules.push_back({gbps, cost});
        }
    }
    try {
        const core::Network network =
            core::ProjectStore::load(parser.positionalArguments().constFirst());
        planners::Progress progress;
        const auto result = planners::capacity::run(network, options, progress);
        const QJsonObject json = planners::capacity::toJson(network, result);
        if (parser.isSet(common.save))
            saveResult(parser.positionalArguments().constFirst(), network, u"capacity"_qs,
                       QJsonObject{{u"target"_qs, options.targetUtilization},
                                   {u"failures"_qs, options.failures}},
                       json);
        if (parser.isSet(common.json)) {
            printJson(streams, json);
            return Success;
        }
        const QString currency = network.settings().currency;
        streams.out
            << u"Target utilisation %1 (%2): %3 links to upgrade, %4 Gbps added, cost %5 %6\n"_qs
                   .arg(percent(result.targetUtilization),
                        options.failures ? u"under every single failure"_qs : u"normal state"_qs)
                   .arg(result.links.size())
                   .arg(core::formatNumber(result.totalAddedGbps),
                        core::formatNumber(result.totalCost), currency);
        streams.out << u"Method: "_qs << result.method << u" (heuristic alone: "_qs
                    << core::formatNumber(result.heuristicCost) << u' ' << currency << u")\n"_qs;
        for (const auto &plan : result.links) {
            QStringList mix;
            for (size_t m = 0; m < plan.modules.size(); ++m)
                if (plan.modules[m] > 0)
                    mix << u"%1 x %2G"_qs.arg(plan.modules[m])
                               .arg(core::formatNumber(result.modules[m].gbps));
            streams.out
                << u"  link %1 %2-%3: +%4 Gbps (%5), cost %6; sized for %7\n"_qs.arg(plan.id).arg(
                       network.site(plan.a)->code, network.site(plan.b)->code,
                       core::formatNumber(plan.addedGbps), mix.join(u" + "_qs),
                       core::formatNumber(plan.cost), plan.worstScenario);
        }
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

} // namespace

int runPlan(const QStringList &arguments, Streams streams)
{
    const QString planner = arguments.value(1);
    if (planner.isEmpty() || planner == u"--help" || planner == u"-h") {
        (planner.isEmpty() ? streams.err : streams.out) << QStringView(kPlanUsage);
        return planner.isEmpty() ? Usage : Success;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.constFirst() + u' ' + planner);
    if (planner == u"route")
        return runRoute(rest, streams);
    if (planner == u"resilience")
        return runResilience(rest, streams);
    if (planner == u"latency")
        return runLatency(rest, streams);
    if (planner == u"capacity")
        return runCapacity(rest, streams);
    streams.err << u"nqi plan: unknown planner \""_qs << planner << u"\"\n\n"_qs
                << QStringView(kPlanUsage);
    return Usage;
}

} // namespace nqi::cli
