#include "commands.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace nqi::cli {
namespace {

using core::Failure;

constexpr auto kPlanUsage = u"Usage: nqi plan <planner> PROJECT.gpkg [options]\n"
                            "\n"
                            "Planners:\n"
                            "  route       demands over IGP shortest paths with ECMP (--te: also\n"
                            "              traffic engineering); link loads and utilisation\n"
                            "\n"
                            "  resilience  every single link, site and SRLG failure (--n2: link\n"
                            "              pairs): worst-case loads, cut demands, bridges\n"
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
    QCommandLineOption json{u"json"_qs, u"Print the result as JSON (see docs/planners.md)."_qs};
    QCommandLineOption perHop{u"per-hop-ms"_qs,
                              u"Device latency added per link crossed (default 0)."_qs, u"MS"_qs};
    QCommandLineOption threads{u"threads"_qs, u"Threads to use (default: one per core)."_qs,
                               u"N"_qs};
};

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
    (void)ms;
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
    parser.addOptions({common.json, common.perHop, common.threads, te, maxPaths});
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
        if (parser.isSet(common.json))
            printJson(streams, planners::route::toJson(network, result));
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
    parser.addOptions({common.json, common.perHop, common.threads, n2});
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
        if (parser.isSet(common.json))
            printJson(streams, planners::resilience::toJson(network, result));
        else
            printResilienceText(streams, network, result);
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
    streams.err << u"nqi plan: unknown planner \""_qs << planner << u"\"\n\n"_qs
                << QStringView(kPlanUsage);
    return Usage;
}

} // namespace nqi::cli
