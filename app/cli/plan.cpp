#include "commands.h"
#include "scaleout.h"
#include "scaleoutcli.h"

#include "core/model/limits.h"
#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/capacity/capacity.h"
#include "planners/common/parallel.h"
#include "planners/compute/dci.h"
#include "planners/compute/fabric.h"
#include "planners/compute/ingest.h"
#include "planners/latency/latency.h"
#include "planners/registry.h"
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
    u"Usage: nqi plan <planner> [PROJECT.gpkg] [options]\n"
    "\n"
    "Planners over a project:\n"
    "  route       demands over IGP shortest paths with ECMP (--te: also\n"
    "              traffic engineering); link loads and utilisation\n"
    "  latency     per-demand latency and SLA violations, latencies between\n"
    "              hubs and DCs, and the 1/5/20 ms latency circles\n"
    "  resilience  every single link, site and SRLG failure (--n2: link\n"
    "              pairs): worst-case loads, cut demands, bridges\n"
    "  capacity    modular link upgrades (100G/400G/800G) so that no failure\n"
    "              pushes a link over the target utilisation, at least cost\n"
    "Compute planners (a project is optional):\n"
    "  fabric      GPU cluster fabric inside a DC: switches, cables, optics\n"
    "  dci         lossless link between DCs: RTT, BDP, PFC headroom,\n"
    "              cross-DC gradient synchronisation\n"
    "  ingest      bulk data ingest: line rate, transfer times, cheapest lines,\n"
    "              shipping disks\n"
    "  satellite   constellations (Walker shells or TLEs): footprints and\n"
    "              coverage of an area over a time window\n"
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
        problem = u"--%1: \"%2\" is not a number of at least 0"_qs.arg(
            option.names().constLast(), core::excerpt(parser.value(option)));
        return false;
    }
    return true;
}

// Parses a whole-number option within [min, max] into value (int or qint64); false with the
// problem ("--gpus: \"2.5\" is not a whole number; ...") on anything else: a fraction is never
// cut to an integer, and a value beyond the bound is never converted.
template <typename Integer>
bool integerOption(const QCommandLineParser &parser,
                   const QCommandLineOption &option,
                   qint64 min,
                   qint64 max,
                   Integer &value,
                   QString &problem)
{
    if (!parser.isSet(option))
        return true;
    QString why;
    const std::optional<qint64> parsed = core::parseInteger(parser.value(option), min, max, why);
    if (!parsed) {
        problem = u"--%1: %2"_qs.arg(option.names().constLast(), why);
        return false;
    }
    value = Integer(*parsed);
    return true;
}

// --threads: 0 (one per core) up to the planners' bound.
constexpr qint64 kMaxThreadsOption = planners::kMaxThreads;
// --max-paths and --exact-limit: lists and problem sizes the planners handle in memory.
constexpr qint64 kMaxPathsOption = 1024;
constexpr qint64 kMaxExactLimit = planners::capacity::kMaxExactLinkLimit;

struct Common
{
    QCommandLineOption save{u"save"_qs, u"Store the result in the project (table nqi_results)."_qs};
    QCommandLineOption json{u"json"_qs, u"Print the result as JSON (see docs/planners.md)."_qs};
    QCommandLineOption perHop{u"per-hop-ms"_qs,
                              u"Device latency added per link crossed (default 0)."_qs, u"MS"_qs};
    QCommandLineOption threads{u"threads"_qs, u"Threads to use, 1..256 (default: one per core)."_qs,
                               u"N"_qs};
    QCommandLineOption wait = waitOption(); ///< with --save
};

// Stores a planner's result in the project it read (atomically, like every save), beside the
// results of its other run configurations.
void saveResult(const QString &path,
                core::Network network,
                const QString &planner,
                const QJsonObject &options,
                const QJsonObject &result,
                core::FileStamp &stamp)
{
    core::PlannerResult stored;
    // Under its run configuration's key: an N-2 run is kept beside the N-1 one, TE beside IGP.
    stored.planner = planners::resultKey(planner, options).toString();
    stored.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    stored.options = QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
    stored.inputDigest = network.digest();
    stored.json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    network.setPlannerResult(std::move(stored));
    core::ProjectStore::save(network, path, stamp);
}

void printJson(Streams streams, const QJsonObject &object)
{
    streams.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

// Loads the project, runs a planner on it, stores the result with --save and prints it as
// JSON (--json) or as text. The planner's failures are printed; the project stays intact.
template <typename Run, typename PrintText>
int planProject(const QCommandLineParser &parser,
                const Common &common,
                Streams streams,
                const QString &planner,
                const QJsonObject &storedOptions,
                Run run,
                PrintText printText)
{
    const QString path = parser.positionalArguments().constFirst();
    try {
        // With --save the project is locked from the moment it is read until the result is
        // stored, so nothing another writer adds meanwhile is lost.
        std::unique_ptr<core::ProjectLock> lock;
        if (parser.isSet(common.save))
            lock = lockProject(path, parser, u"nqi plan "_qs + planner, streams);
        core::FileStamp stamp;
        const core::Network network = core::ProjectStore::load(path, stamp);
        planners::Progress progress;
        const auto [result, json] = run(network, progress);
        if (parser.isSet(common.save))
            saveResult(path, network, planner, storedOptions, json, stamp);
        if (parser.isSet(common.json))
            printJson(streams, json);
        else
            printText(network, result);
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

// Parses repeated GBPS:COST values (modules, lines); false and the bad text on the first error.
bool rateCostPairs(const QStringList &values,
                   std::vector<std::pair<double, double>> &pairs,
                   QString &bad)
{
    pairs.clear();
    for (const QString &text : values) {
        const QStringList parts = text.split(u':');
        bool okRate = false, okCost = false;
        const double rate = parts.value(0).toDouble(&okRate);
        const double cost = parts.value(1).toDouble(&okCost);
        if (parts.size() != 2 || !okRate || !okCost || !(rate > 0.0) || !(cost >= 0.0)) {
            bad = text;
            return false;
        }
        pairs.emplace_back(rate, cost);
    }
    return true;
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
        u"max-paths"_qs, u"Equal-cost paths listed per demand, 1..1024 (default 16)."_qs, u"N"_qs);
    parser.addOptions(
        {common.json, common.save, common.wait, common.perHop, common.threads, te, maxPaths});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);

    planners::route::Options options;
    options.trafficEngineering = parser.isSet(te);
    QString problem;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !integerOption(parser, common.threads, 0, kMaxThreadsOption, options.workers, problem) ||
        !integerOption(parser, maxPaths, 1, kMaxPathsOption, options.maxPathsPerDemand, problem))
        return usageError(streams, parser, command, problem);
    return planProject(
        parser, common, streams, u"route"_qs,
        QJsonObject{{u"te"_qs, options.trafficEngineering},
                    {u"perHopMs"_qs, options.perHopLatencyMs}},
        [&](const core::Network &network, planners::Progress &progress) {
            auto result = planners::route::run(network, options, progress);
            QJsonObject json = planners::route::toJson(network, result);
            return std::pair{std::move(result), std::move(json)};
        },
        [&](const core::Network &network, const auto &result) {
            printRouteText(streams, network, result);
        });
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
    // Beyond one machine (docs/scale-out.md): scaleout.h.
    const QCommandLineOption top(u"top"_qs,
                                 u"Worst scenarios kept per link, 0..1000 (default 10)."_qs,
                                 u"K"_qs);
    const QCommandLineOption shard(
        u"shard"_qs,
        u"Compute only shard I of N (I from 1 to N) and write its part as JSON, for `nqi "
        "merge`."_qs,
        u"I/N"_qs);
    const QCommandLineOption mpi(u"mpi"_qs, u"Under mpirun: each rank computes one shard, rank 0 "
                                            "merges them and writes the result (JSON)."_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs},
                                    u"Write the JSON (result or part) to FILE."_qs, u"FILE"_qs);
    parser.addOptions({common.json, common.save, common.wait, common.perHop, common.threads, n2,
                       top, shard, mpi, output});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::resilience::Options options;
    options.linkPairs = parser.isSet(n2);
    QString problem;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !integerOption(parser, common.threads, 0, kMaxThreadsOption, options.workers, problem) ||
        !integerOption(parser, top, 0, planners::resilience::kMaxTopK, options.topK, problem))
        return usageError(streams, parser, command, problem);
    const ResilienceScaleOut scaleOut{parser.positionalArguments().constFirst(), options,
                                      parser.value(shard), parser.isSet(mpi),
                                      parser.value(output), parser.isSet(common.json),
                                      parser.isSet(common.save), parser.isSet(common.threads)};
    if (parser.isSet(shard) && (parser.isSet(mpi) || parser.isSet(common.save)))
        return usageError(streams, parser, command,
                          u"--shard computes a part, not a result: no --mpi or --save with it "
                          "(nqi merge --save stores the merged parts)"_qs);
    int shardIndex = 0, shardCount = 1;
    if (parser.isSet(shard) &&
        !scaleout::parseShard(parser.value(shard), shardIndex, shardCount, problem))
        return usageError(streams, parser, command, u"--shard: "_qs + problem);
    if (needsScaleOut(scaleOut))
        return runResilienceScaleOut(scaleOut, parser, streams);
    return planProject(
        parser, common, streams, u"resilience"_qs, scaleout::storedOptions(options),
        [&](const core::Network &network, planners::Progress &progress) {
            auto result = planners::resilience::run(network, options, progress);
            QJsonObject json = planners::resilience::toJson(network, result);
            return std::pair{std::move(result), std::move(json)};
        },
        [&](const core::Network &network, const auto &result) {
            printResilienceText(streams, network, result);
        });
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
    parser.addOptions({common.json, common.save, common.wait, common.perHop, common.threads,
                       roundTrip, kinds, circles});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::latency::Options options;
    options.roundTrip = parser.isSet(roundTrip);
    QString problem;
    if (!numberOption(parser, common.perHop, options.perHopLatencyMs, problem) ||
        !integerOption(parser, common.threads, 0, kMaxThreadsOption, options.workers, problem))
        return usageError(streams, parser, command, problem);
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
    return planProject(
        parser, common, streams, u"latency"_qs,
        QJsonObject{{u"roundTrip"_qs, options.roundTrip},
                    {u"perHopMs"_qs, options.perHopLatencyMs}},
        [&](const core::Network &network, planners::Progress &progress) {
            auto result = planners::latency::run(network, options, progress);
            QJsonObject json = planners::latency::toJson(network, result);
            return std::pair{std::move(result), std::move(json)};
        },
        [&](const core::Network &network, const planners::latency::Result &result) {
            int routed = 0;
            double worst = 0.0;
            for (const auto &d : result.demands) {
                routed += d.routed ? 1 : 0;
                worst = std::max(worst, d.latencyMs);
            }
            streams.out << u"Demands: %1 routed, %2 unrouted (no path), slowest %3, %4 over "
                           "their latency bound\n"_qs.arg(routed)
                               .arg(qsizetype(result.unrouted.size()))
                               .arg(ms(worst))
                               .arg(result.violations.size());
            for (core::DemandId id : result.unrouted) {
                const core::Demand *demand = network.demand(id);
                streams.out << u"  demand %1 %2-%3: no path joins its sites\n"_qs.arg(id).arg(
                    network.site(demand->source)->code, network.site(demand->destination)->code);
            }
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
        });
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
    parser.addOptions({common.json, common.save, common.wait, common.threads, target, module,
                       normalOnly, exactLimit});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    planners::capacity::Options options;
    options.failures = !parser.isSet(normalOnly);
    QString problem;
    if (!integerOption(parser, common.threads, 0, kMaxThreadsOption, options.workers, problem) ||
        !numberOption(parser, target, options.targetUtilization, problem) ||
        !integerOption(parser, exactLimit, 0, kMaxExactLimit, options.exactLinkLimit, problem))
        return usageError(streams, parser, command, problem);
    if (!(options.targetUtilization > 0.0 && options.targetUtilization <= 1.0))
        return usageError(streams, parser, command,
                          u"--target must be above 0 and at most 1, not %1"_qs.arg(
                              core::formatNumber(options.targetUtilization)));
    if (parser.isSet(module)) {
        std::vector<std::pair<double, double>> pairs;
        QString bad;
        if (!rateCostPairs(parser.values(module), pairs, bad))
            return usageError(streams, parser, command,
                              u"--module \"%1\" must be GBPS:COST, e.g. 400:3"_qs.arg(bad));
        options.modules.clear();
        for (const auto &[gbps, cost] : pairs)
            options.modules.push_back({gbps, cost});
    }
    return planProject(
        parser, common, streams, u"capacity"_qs,
        QJsonObject{{u"target"_qs, options.targetUtilization},
                    {u"failures"_qs, options.failures},
                    {u"exactLimit"_qs, options.exactLinkLimit},
                    {u"modules"_qs, planners::capacity::modulesToJson(options.modules)}},
        [&](const core::Network &network, planners::Progress &progress) {
            auto result = planners::capacity::run(network, options, progress);
            QJsonObject json = planners::capacity::toJson(network, result);
            return std::pair{std::move(result), std::move(json)};
        },
        [&](const core::Network &network, const planners::capacity::Result &result) {
            const QString currency = network.settings().currency;
            streams.out
                << u"Target utilisation %1 (%2): %3 links to upgrade, %4 Gbps added, cost %5 %6\n"_qs
                       .arg(percent(result.targetUtilization),
                            options.failures ? u"under every single failure"_qs
                                             : u"normal state"_qs)
                       .arg(result.links.size())
                       .arg(core::formatNumber(result.totalAddedGbps),
                            core::formatNumber(result.totalCost), currency);
            streams.out << u"Method: "_qs << result.method << u" (heuristic alone: "_qs
                        << core::formatNumber(result.heuristicCost) << u' ' << currency
                        << u")\n"_qs;
            if (!parser.isSet(module)) // as the report says too
                streams.out << u"Prices: the planner's placeholders (100G 1, 400G 3, 800G 5 "_qs
                            << currency
                            << u"), which only rank the choices; give real ones with --module "
                               "GBPS:COST\n"_qs;
            for (const auto &plan : result.links) {
                QStringList mix;
                for (size_t m = 0; m < plan.modules.size(); ++m)
                    if (plan.modules[m] > 0)
                        mix << u"%1 x %2G"_qs.arg(plan.modules[m])
                                   .arg(core::formatNumber(result.modules[m].gbps));
                streams.out << u"  link %1 %2-%3: +%4 Gbps (%5), cost %6; sized for %7\n"_qs
                                   .arg(plan.id)
                                   .arg(network.site(plan.a)->code, network.site(plan.b)->code,
                                        core::formatNumber(plan.addedGbps), mix.join(u" + "_qs),
                                        core::formatNumber(plan.cost), plan.worstScenario);
            }
        });
}

// Reads a number option into an optional; false (with the problem) on a bad value.
bool optionalNumber(const QCommandLineParser &parser,
                    const QCommandLineOption &option,
                    std::optional<double> &value,
                    QString &problem)
{
    if (!parser.isSet(option))
        return true;
    double number = 0.0;
    if (!numberOption(parser, option, number, problem))
        return false;
    value = number;
    return true;
}

int runFabric(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Size the network fabric of a GPU cluster inside a data centre: a Clos of leaf, spine "
        "(and core) switches, rail-optimised or plain leaf-spine, 2 tiers when they hold the "
        "cluster, else 3. Prints switches, cables and transceivers per tier, bisection "
        "bandwidth and the largest cluster the switch allows."_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON."_qs);
    const QCommandLineOption gpus(u"gpus"_qs, u"Accelerators in the cluster, 1..10,000,000."_qs,
                                  u"N"_qs);
    const QCommandLineOption perServer(u"gpus-per-server"_qs, u"Accelerators per server (8)."_qs,
                                       u"N"_qs);
    const QCommandLineOption rails(u"rails"_qs, u"NICs (rails) per server (8)."_qs, u"N"_qs);
    const QCommandLineOption nic(u"nic-gbps"_qs, u"NIC speed (400)."_qs, u"GBPS"_qs);
    const QCommandLineOption ports(u"switch-ports"_qs,
                                   u"Switch radix at --port-gbps, even, 4..2048 (64)."_qs, u"N"_qs);
    const QCommandLineOption port(u"port-gbps"_qs, u"Switch port speed (400)."_qs, u"GBPS"_qs);
    const QCommandLineOption perTransceiver(
        u"ports-per-transceiver"_qs, u"Switch ports per transceiver, 2 for twin-port OSFP (2)."_qs,
        u"N"_qs);
    const QCommandLineOption su(u"servers-per-su"_qs, u"Servers per scalable unit (32)."_qs,
                                u"N"_qs);
    const QCommandLineOption over(u"oversubscription"_qs, u"Leaf downlink:uplink ratio (1)."_qs,
                                  u"R"_qs);
    const QCommandLineOption topology(u"topology"_qs,
                                      u"rail (rail-optimised, default) or leaf-spine."_qs, u"T"_qs);
    const QCommandLineOption tiers(u"tiers"_qs, u"Force 2 or 3 tiers."_qs, u"N"_qs);
    const QCommandLineOption switchWatts(u"switch-watts"_qs, u"Power per switch, for the total."_qs,
                                         u"W"_qs);
    const QCommandLineOption switchCost(u"switch-cost"_qs, u"Cost per switch."_qs, u"C"_qs);
    const QCommandLineOption optWatts(u"transceiver-watts"_qs, u"Power per transceiver."_qs,
                                      u"W"_qs);
    const QCommandLineOption optCost(u"transceiver-cost"_qs, u"Cost per transceiver."_qs, u"C"_qs);
    const QCommandLineOption cableCost(u"cable-cost"_qs, u"Cost per cable."_qs, u"C"_qs);
    parser.addOptions({json, gpus, perServer, rails, nic, ports, port, perTransceiver, su, over,
                       topology, tiers, switchWatts, switchCost, optWatts, optCost, cableCost});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (!parser.positionalArguments().isEmpty())
        return usageError(streams, parser, command, u"fabric takes no project file"_qs);
    if (!parser.isSet(gpus))
        return usageError(streams, parser, command,
                          u"give the number of accelerators with --gpus"_qs);
    planners::fabric::Options options;
    QString problem;
    namespace fabric = planners::fabric;
    int tierCount = 0;
    if (!integerOption(parser, gpus, 1, fabric::kMaxGpus, options.gpus, problem) ||
        !integerOption(parser, perServer, 1, fabric::kMaxGpusPerServer, options.gpusPerServer,
                       problem) ||
        !integerOption(parser, rails, 1, fabric::kMaxRails, options.rails, problem) ||
        !numberOption(parser, nic, options.nicGbps, problem) ||
        !integerOption(parser, ports, 4, fabric::kMaxSwitchPorts, options.switchPorts, problem) ||
        !numberOption(parser, port, options.portGbps, problem) ||
        !integerOption(parser, perTransceiver, 1, fabric::kMaxPortsPerTransceiver,
                       options.portsPerTransceiver, problem) ||
        !integerOption(parser, su, 1, fabric::kMaxServersPerSu, options.serversPerSu, problem) ||
        !numberOption(parser, over, options.oversubscription, problem) ||
        !integerOption(parser, tiers, 2, 3, tierCount, problem) ||
        !optionalNumber(parser, switchWatts, options.switchWatts, problem) ||
        !optionalNumber(parser, switchCost, options.switchCost, problem) ||
        !optionalNumber(parser, optWatts, options.transceiverWatts, problem) ||
        !optionalNumber(parser, optCost, options.transceiverCost, problem) ||
        !optionalNumber(parser, cableCost, options.cableCost, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(tiers))
        options.tiers = tierCount;
    const QString shape = parser.value(topology);
    if (shape.isEmpty() || shape == u"rail" || shape == u"rail-optimized" ||
        shape == u"rail_optimized")
        options.topology = planners::fabric::Topology::RailOptimized;
    else if (shape == u"leaf-spine" || shape == u"leaf_spine")
        options.topology = planners::fabric::Topology::LeafSpine;
    else
        return usageError(streams, parser, command, u"--topology must be rail or leaf-spine"_qs);
    try {
        const auto result = planners::fabric::plan(options);
        if (parser.isSet(json)) {
            // As the registry gives it (Python, the workbench and stored results alike).
            QJsonObject object = planners::fabric::toJson(result);
            object.insert(u"gpus"_qs, options.gpus);
            printJson(streams, object);
            return Success;
        }
        streams.out << u"%1 accelerators on %2 servers, %3 NIC ports: %4-tier %5 fabric\n"_qs
                           .arg(options.gpus)
                           .arg(result.servers)
                           .arg(result.endpoints)
                           .arg(result.tiers)
                           .arg(result.topology == planners::fabric::Topology::RailOptimized
                                    ? u"rail-optimised"_qs
                                    : u"leaf-spine"_qs);
        streams.out << u"Switches: %1 leaf, %2 spine, %3 core (%4 in all)\n"_qs
                           .arg(result.leafSwitches)
                           .arg(result.spineSwitches)
                           .arg(result.coreSwitches)
                           .arg(result.switches());
        streams.out << u"Cables: %1 server-leaf, %2 leaf-spine, %3 spine-core; transceivers: %4 "
                       u"switch side, "
                       "%5 server side\n"_qs.arg(result.serverLeafCables)
                           .arg(result.leafSpineCables)
                           .arg(result.spineCoreCables)
                           .arg(result.switchTransceivers)
                           .arg(result.serverTransceivers);
        streams.out
            << u"Bisection bandwidth: %1 Tb/s; this switch holds up to %2 accelerators in 2 tiers, "
               "%3 in 3\n"_qs.arg(core::formatNumber(result.bisectionTbps))
                   .arg(result.max2TierGpus)
                   .arg(result.max3TierGpus);
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

int runDci(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"A lossless link between two data centres: RTT, bandwidth-delay product, PFC headroom "
        "at each end (IEEE 802.1Qbb Annex N), the longest lossless distance a buffer allows, "
        "and the time to synchronise gradients across the two DCs (hierarchical ring "
        "all-reduce) against one DC."_qs);
    parser.addPositionalArgument(u"project"_qs, u"A project, with --link."_qs,
                                 u"[PROJECT.gpkg]"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON."_qs);
    const QCommandLineOption link(u"link"_qs, u"The project's link id."_qs, u"ID"_qs);
    const QCommandLineOption distance(u"distance-km"_qs, u"Fibre route length."_qs, u"KM"_qs);
    const QCommandLineOption rate(u"rate-gbps"_qs, u"Line rate."_qs, u"GBPS"_qs);
    const QCommandLineOption buffer(u"buffer-mb"_qs,
                                    u"Lossless buffer per port and priority (MB)."_qs, u"MB"_qs);
    const QCommandLineOption mtu(u"mtu"_qs, u"Largest frame in bytes (9216)."_qs, u"BYTES"_qs);
    const QCommandLineOption model(
        u"model-gb"_qs, u"Gradient bytes per step in GB (140: 70B parameters in bf16)."_qs,
        u"GB"_qs);
    const QCommandLineOption intra(u"intra-dc-gbps"_qs,
                                   u"Per-accelerator bandwidth inside a DC (400)."_qs, u"GBPS"_qs);
    const QCommandLineOption compute(u"compute-seconds"_qs,
                                     u"Compute time per training step (1)."_qs, u"S"_qs);
    parser.addOptions({json, link, distance, rate, buffer, mtu, model, intra, compute});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    planners::dci::Options options;
    QString problem;
    core::LinkId linkId = 0;
    int mtuBytes = 0;
    if (!numberOption(parser, distance, options.distanceKm, problem) ||
        !numberOption(parser, rate, options.rateGbps, problem) ||
        !optionalNumber(parser, buffer, options.bufferMb, problem) ||
        !integerOption(parser, mtu, 64, 65535, mtuBytes, problem) ||
        !numberOption(parser, model, options.modelGb, problem) ||
        !numberOption(parser, intra, options.intraDcGbps, problem) ||
        !numberOption(parser, compute, options.computeSeconds, problem) ||
        !integerOption(parser, link, 1, core::limits::kMaxId, linkId, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(mtu))
        options.mtuBytes = mtuBytes;
    const bool fromProject = parser.positionalArguments().size() == 1 && parser.isSet(link);
    const bool given =
        parser.positionalArguments().isEmpty() && parser.isSet(distance) && parser.isSet(rate);
    if (!fromProject && !given)
        return usageError(streams, parser, command,
                          u"give a project with --link ID, or --distance-km and --rate-gbps"_qs);
    QJsonObject linkFields; // from a project: the link and its ends
    try {
        if (fromProject) {
            const QString path = parser.positionalArguments().constFirst();
            const core::Network network = core::ProjectStore::load(path);
            const core::Link *found = network.link(linkId);
            if (!found)
                throw Failure(core::makeError(
                    path, 0, u"--link %1"_qs.arg(linkId),
                    u"no such link in the project; `nqi export --layer links` lists them"_qs));
            linkFields = {{u"link"_qs, found->id},
                          {u"a"_qs, network.site(found->siteA)->code},
                          {u"b"_qs, network.site(found->siteB)->code}};
            if (!parser.isSet(distance))
                options.distanceKm = network.lengthKm(*found);
            if (!parser.isSet(rate))
                options.rateGbps = found->capacityGbps;
        }
        const auto result = planners::dci::plan(options);
        if (parser.isSet(json)) {
            QJsonObject object = planners::dci::toJson(result);
            if (fromProject) // as the registry gives it: the link and its ends
                for (auto it = linkFields.begin(); it != linkFields.end(); ++it)
                    object.insert(it.key(), it.value());
            printJson(streams, object);
            return Success;
        }
        streams.out << u"%1 km at %2 Gbps: RTT %3, bandwidth-delay product %4 MB\n"_qs
                           .arg(core::formatNumber(result.distanceKm))
                           .arg(core::formatNumber(result.rateGbps), ms(result.rttMs))
                           .arg(QString::number(result.bdpMB, 'f', 2));
        streams.out
            << u"PFC headroom per port and priority at each end: %1 MB (%2 MB of it independent of distance)\n"_qs
                   .arg(QString::number(result.headroomMB, 'f', 3),
                        QString::number(result.headroomFixedMB, 'f', 3));
        if (result.maxLosslessKm)
            streams.out << u"A %1 MB buffer stays lossless up to %2 km\n"_qs
                               .arg(core::formatNumber(*options.bufferMb))
                               .arg(QString::number(*result.maxLosslessKm, 'f', 1));
        streams.out
            << u"Gradient synchronisation: %1 s across the two DCs, %2 s inside one; step slowdown x%3\n"_qs
                   .arg(QString::number(result.crossDcSyncSeconds, 'f', 3),
                        QString::number(result.singleDcSyncSeconds, 'f', 3),
                        QString::number(result.slowdown, 'f', 2));
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

int runIngest(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Bulk data ingest: the line rate needed to move a volume within its window, the transfer "
        "time on each offered line, the cheapest lines that meet the window, and shipping disks "
        "as the alternative. Volumes in decimal TB; TiB, PB, PiB accepted with their unit."_qs);
    parser.addPositionalArgument(u"project"_qs, u"A project, with --site."_qs,
                                 u"[PROJECT.gpkg]"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON."_qs);
    const QCommandLineOption site(u"site"_qs, u"The ingest site's code: its volume demands."_qs,
                                  u"CODE"_qs);
    const QCommandLineOption volume(u"tb-per-day"_qs, u"Volume per window, e.g. 100 or 90TiB."_qs,
                                    u"V"_qs);
    const QCommandLineOption window(u"window-hours"_qs, u"Window the volume must move in (24)."_qs,
                                    u"H"_qs);
    const QCommandLineOption efficiency(u"efficiency"_qs, u"Goodput over line rate (0.8)."_qs,
                                        u"E"_qs);
    const QCommandLineOption line(u"line"_qs,
                                  u"A line as GBPS:MONTHLY_COST; repeat (default 0.1:1500 "
                                  "1:8000 10:40000 100:200000)."_qs,
                                  u"GBPS:COST"_qs);
    const QCommandLineOption disk(u"disk-tb"_qs, u"Capacity per shipped device (20)."_qs, u"TB"_qs);
    const QCommandLineOption transit(u"transit-hours"_qs, u"Shipping time door to door (48)."_qs,
                                     u"H"_qs);
    parser.addOptions({json, site, volume, window, efficiency, line, disk, transit});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    planners::ingest::Options options;
    QString problem;
    if (!numberOption(parser, window, options.windowHours, problem) ||
        !numberOption(parser, efficiency, options.efficiency, problem) ||
        !numberOption(parser, disk, options.diskTb, problem) ||
        !numberOption(parser, transit, options.transitHours, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(line)) {
        std::vector<std::pair<double, double>> pairs;
        QString bad;
        if (!rateCostPairs(parser.values(line), pairs, bad))
            return usageError(
                streams, parser, command,
                u"--line \"%1\" must be GBPS:MONTHLY_COST, e.g. 10:40000"_qs.arg(bad));
        options.lines.clear();
        for (const auto &[gbps, cost] : pairs)
            options.lines.push_back({gbps, cost});
    }
    const bool fromProject = parser.positionalArguments().size() == 1 && parser.isSet(site);
    const bool given = parser.positionalArguments().isEmpty() && parser.isSet(volume);
    if (!fromProject && !given)
        return usageError(streams, parser, command,
                          u"give a project with --site CODE, or --tb-per-day"_qs);
    if (given) {
        const auto tb = planners::ingest::parseTerabytes(parser.value(volume));
        if (!tb)
            return usageError(
                streams, parser, command,
                u"--tb-per-day \"%1\" is not a volume (e.g. 100, 100TB, 90TiB, 1.5PB)"_qs.arg(
                    parser.value(volume)));
        options.volumeTb = *tb;
    }
    try {
        QString currency = u"CNY"_qs;
        if (fromProject) {
            const QString path = parser.positionalArguments().constFirst();
            const core::Network network = core::ProjectStore::load(path);
            currency = network.settings().currency;
            const double windowGiven = options.windowHours;
            try {
                options = planners::ingest::fromSite(network, parser.value(site), options);
            } catch (const Failure &failure) {
                core::Diagnostic diagnostic = failure.diagnostic();
                diagnostic.file = path;
                throw Failure(diagnostic);
            }
            if (parser.isSet(window))
                options.windowHours = windowGiven;
        }
        const auto result = planners::ingest::plan(options);
        if (parser.isSet(json)) {
            QJsonObject object = planners::ingest::toJson(result, currency);
            if (fromProject) // as the registry gives it
                object.insert(u"site"_qs, parser.value(site));
            printJson(streams, object);
            return Success;
        }
        streams.out << u"%1 TB in %2 h at %3% efficiency needs %4 Gb/s\n"_qs
                           .arg(core::formatNumber(result.volumeTb))
                           .arg(core::formatNumber(result.windowHours))
                           .arg(core::formatNumber(result.efficiency * 100.0))
                           .arg(QString::number(result.requiredGbps, 'f', 2));
        for (const auto &option : result.options)
            streams.out
                << u"  %1 Gb/s line: %2 h%3; %4 line(s) meet the window for %5 %6 a month\n"_qs
                       .arg(core::formatNumber(option.line.gbps),
                            QString::number(option.hours, 'f', 1),
                            option.meetsWindow ? u" (meets the window)"_qs : QString())
                       .arg(option.linesNeeded)
                       .arg(QString::number(option.monthlyCost, 'f', 0), currency);
        if (result.cheapest) {
            const auto &best = result.options[*result.cheapest];
            streams.out << u"Cheapest: %1 x %2 Gb/s, %3 %4 a month\n"_qs.arg(best.linesNeeded)
                               .arg(core::formatNumber(best.line.gbps),
                                    QString::number(best.monthlyCost, 'f', 0), currency);
        }
        streams.out << u"Shipping disks: %1 devices, %2 h door to door%3\n"_qs.arg(result.disks)
                           .arg(QString::number(result.diskHours, 'f', 1))
                           .arg(result.disksMeetWindow ? u" (meets the window)"_qs
                                                       : u" (misses the window)"_qs);
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
    if (planner == u"fabric")
        return runFabric(rest, streams);
    if (planner == u"dci")
        return runDci(rest, streams);
    if (planner == u"ingest")
        return runIngest(rest, streams);
    if (planner == u"satellite")
        return runPlanSatellite(rest, streams);
    streams.err << u"nqi plan: unknown planner \""_qs << planner << u"\"\n\n"_qs
                << QStringView(kPlanUsage);
    return Usage;
}

} // namespace nqi::cli
