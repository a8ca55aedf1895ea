#include "planrun.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <map>

namespace nqi::cli {
namespace {

using core::Failure;
using planners::OptionDescriptor;
using planners::PlannerDescriptor;
using OType = OptionDescriptor::Type;

// ---------------------------------------------------------------------------------------------
// Flags and help, from the descriptor

// A number as people write it: whole numbers in full ("10000000", not "1e+07").
QString plain(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return core::formatNumber(value);
}

// A value as the command line gives it: lists joined by commas, an entry of a rate list as
// GBPS:COST.
QString valueText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_qs : u"false"_qs;
    case QJsonValue::Double:
        return plain(value.toDouble());
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array: {
        QStringList parts;
        for (const QJsonValue &element : value.toArray())
            parts << valueText(element);
        return parts.join(u',');
    }
    case QJsonValue::Object: {
        QStringList parts;
        const QJsonObject object = value.toObject();
        if (object.contains(u"gbps"_qs)) // rate first, as GBPS:COST
            parts << valueText(object.value(u"gbps"_qs));
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            if (it.key() != u"gbps")
                parts << valueText(it.value());
        return parts.join(u':');
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

QString rangeText(const OptionDescriptor &option)
{
    const bool low = std::isfinite(option.minimum), high = std::isfinite(option.maximum);
    if (low && high)
        return option.minimumExclusive
                   ? u"above %1, at most %2"_qs.arg(plain(option.minimum), plain(option.maximum))
                   : u"%1..%2"_qs.arg(plain(option.minimum), plain(option.maximum));
    if (low)
        return (option.minimumExclusive ? u"above %1"_qs : u"at least %1"_qs)
            .arg(plain(option.minimum));
    if (high)
        return u"at most %1"_qs.arg(plain(option.maximum));
    return {};
}

// A list option: given once with commas, or repeated.
bool isList(const OptionDescriptor &option)
{
    return option.type == OType::NumberList || option.type == OType::ChoiceList ||
           option.defaultValue.isArray();
}

// The subject options (a site's code, a link's id) name something in a project.
bool namesProjectObject(const OptionDescriptor &option)
{
    return option.type == OType::Site || option.type == OType::Link;
}

// Planners that read values from a project when one is given (dci's link, ingest's site) take
// an optional project; planners that need one take it always; the others (fabric) take none.
bool takesProject(const PlannerDescriptor &planner)
{
    return planner.needsProject ||
           std::any_of(planner.options.begin(), planner.options.end(),
                       [](const OptionDescriptor &o) { return o.withoutProject; });
}

// The help of an option: its text, then what the descriptor says of its values.
QString helpText(const OptionDescriptor &option)
{
    QStringList facts;
    if (option.type == OType::Choice || option.type == OType::ChoiceList) {
        QStringList values;
        for (const OptionDescriptor::Choice &choice : option.choices)
            values << (choice.aliases.isEmpty()
                           ? choice.value
                           : u"%1 (or %2)"_qs.arg(choice.value, choice.aliases.join(u", "_qs)));
        facts << u"one of: "_qs + values.join(u", "_qs);
    }
    if (option.type == OType::Integer || option.type == OType::Number ||
        option.type == OType::NumberList) {
        const QString range = rangeText(option);
        if (!range.isEmpty())
            facts << (option.type == OType::NumberList ? u"each "_qs : u"range "_qs) + range;
    }
    if (!option.unit.isEmpty() && option.formScale == 1.0) // else the unit of the form's value
        facts << u"unit "_qs + option.unit;
    if (option.type == OType::Bool && !option.offFlag.isEmpty())
        facts << u"sets %1 (default true) to false"_qs.arg(option.pythonName());
    else if (option.required())
        facts << u"required"_qs;
    else if (namesProjectObject(option))
        facts << u"in the project"_qs;
    else if (option.type != OType::Bool)
        facts << u"default "_qs + (option.defaultValue.isNull() ? u"not given"_qs
                                                                : valueText(option.defaultValue));
    if (isList(option))
        facts << u"repeat or separate by commas"_qs;
    return facts.isEmpty() ? option.help.en
                           : option.help.en + u" ["_qs + facts.join(u"; "_qs) + u']';
}

QCommandLineOption flagOf(const OptionDescriptor &option)
{
    if (option.type == OType::Bool)
        return QCommandLineOption(option.offFlag.isEmpty() ? option.flag : option.offFlag,
                                  helpText(option));
    return QCommandLineOption(option.flag, helpText(option),
                              option.valueName.isEmpty() ? u"VALUE"_qs : option.valueName);
}

// ---------------------------------------------------------------------------------------------
// Text output: each planner's summary as `nqi plan NAME` has always printed it, from the JSON

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 1) + u'%';
}

QString ms(double value)
{
    return QString::number(value, 'f', 3) + u" ms"_qs;
}

QString fixed(const QJsonValue &value, int decimals)
{
    return QString::number(value.toDouble(), 'f', decimals);
}

QJsonArray array(const QJsonObject &json, const QString &key)
{
    return json.value(key).toArray();
}

QStringList texts(const QJsonArray &values)
{
    QStringList list;
    for (const QJsonValue &value : values)
        list << (value.isString() ? value.toString() : plain(value.toDouble()));
    return list;
}

// The rows of an array sorted by a field, largest first (stable).
QList<QJsonObject> largestFirst(const QJsonArray &rows, const QString &field)
{
    QList<QJsonObject> sorted;
    for (const QJsonValue &row : rows)
        sorted << row.toObject();
    std::stable_sort(sorted.begin(), sorted.end(), [&field](const auto &a, const auto &b) {
        return a.value(field).toDouble() > b.value(field).toDouble();
    });
    return sorted;
}

QString linkName(const QJsonObject &link)
{
    return u"link %1 %2-%3"_qs.arg(link.value(u"id"_qs).toInteger())
        .arg(link.value(u"a"_qs).toString(), link.value(u"b"_qs).toString());
}

struct TextContext
{
    QTextStream &out;
    const QJsonObject &json;
    const QJsonObject &options; ///< checked, with defaults
    const QStringList &given;   ///< keys of the options given on the command line
};

void printRoute(const TextContext &c)
{
    c.out << u"IGP/ECMP routing: max utilisation "_qs
          << percent(c.json.value(u"maxUtilization"_qs).toDouble()) << u'\n';
    const QList<QJsonObject> links = largestFirst(array(c.json, u"links"_qs), u"utilization"_qs);
    c.out << u"Busiest links:\n"_qs;
    for (const QJsonObject &link : links.mid(0, 10)) {
        const double load = std::max(link.value(u"loadAbGbps"_qs).toDouble(),
                                     link.value(u"loadBaGbps"_qs).toDouble());
        c.out << u"  %1: %2 / %3 Gbps, %4\n"_qs.arg(
            linkName(link), core::formatNumber(std::round(load * 1000) / 1000),
            core::formatNumber(link.value(u"capacityGbps"_qs).toDouble()),
            percent(link.value(u"utilization"_qs).toDouble()));
    }
    int violated = 0, outside = 0;
    const QJsonArray demands = array(c.json, u"demands"_qs);
    for (const QJsonValue &demand : demands) {
        violated += demand[u"latencyViolated"_qs].toBool() ? 1 : 0;
        outside += demand[u"outsideRegions"_qs].toArray().isEmpty() ? 0 : 1;
    }
    c.out << u"Demands: %1 routed, %2 unrouted, %3 over their latency bound, %4 leaving their "
             "allowed regions\n"_qs.arg(demands.size())
                 .arg(array(c.json, u"unrouted"_qs).size())
                 .arg(violated)
                 .arg(outside);
    if (!c.json.contains(u"te"_qs))
        return;
    const QJsonObject te = c.json.value(u"te"_qs).toObject();
    const QString status = te.value(u"status"_qs).toString();
    c.out << u"Traffic engineering: "_qs
          << (te.value(u"solved"_qs).toBool()
                  ? u"max utilisation %1 (%2, %3 candidate paths)"_qs
                        .arg(percent(te.value(u"maxUtilization"_qs).toDouble()), status)
                        .arg(te.value(u"candidatePaths"_qs).toInteger())
                  : status)
          << u'\n';
    for (const QJsonValue &demand : te.value(u"demands"_qs).toArray())
        if (const QString problem = demand[u"problem"_qs].toString(); !problem.isEmpty())
            c.out << u"  demand %1 cannot be placed: %2\n"_qs.arg(demand[u"id"_qs].toInteger())
                         .arg(problem);
}

void printResilience(const TextContext &c)
{
    c.out << u"%1 failure scenarios: max utilisation %2 normally, %3 in the worst case\n"_qs
                 .arg(c.json.value(u"scenarios"_qs).toInteger())
                 .arg(percent(c.json.value(u"maxNormalUtilization"_qs).toDouble()),
                      percent(c.json.value(u"maxWorstUtilization"_qs).toDouble()));
    c.out << u"Links most loaded under failure:\n"_qs;
    const QList<QJsonObject> links =
        largestFirst(array(c.json, u"links"_qs), u"worstUtilization"_qs);
    for (const QJsonObject &link : links.mid(0, 10))
        c.out << u"  %1: %2 normally, %3 when %4\n"_qs.arg(
            linkName(link), percent(link.value(u"normalUtilization"_qs).toDouble()),
            percent(link.value(u"worstUtilization"_qs).toDouble()),
            link.value(u"worstScenario"_qs).toString());
    double worstLost = 0.0;
    QString worstScenario;
    int cutting = 0;
    for (const QJsonValue &d : array(c.json, u"disconnected"_qs)) {
        if (d[u"lostGbps"_qs].toDouble() > worstLost) {
            worstLost = d[u"lostGbps"_qs].toDouble();
            worstScenario = d[u"scenario"_qs].toString();
        }
        cutting += d[u"demands"_qs].toArray().isEmpty() ? 0 : 1;
    }
    c.out << u"Scenarios that cut demands off: %1"_qs.arg(cutting);
    if (cutting > 0)
        c.out << u" (worst: %1, %2 Gbps lost)"_qs.arg(worstScenario, core::formatNumber(worstLost));
    c.out << u'\n';
    const QStringList bridges = texts(array(c.json, u"bridges"_qs));
    const QStringList points = texts(array(c.json, u"articulationPoints"_qs));
    c.out << u"Bridges (links): "_qs << (bridges.isEmpty() ? u"none"_qs : bridges.join(u", "_qs))
          << u'\n';
    c.out << u"Articulation points: "_qs << (points.isEmpty() ? u"none"_qs : points.join(u", "_qs))
          << u'\n';
    for (const QJsonValue &p : array(c.json, u"protection"_qs))
        if (!p[u"found"_qs].toBool())
            c.out << u"Demand %1 (1+1): %2\n"_qs.arg(p[u"id"_qs].toInteger())
                         .arg(p[u"problem"_qs].toString());
}

void printLatency(const TextContext &c)
{
    const QJsonArray demands = array(c.json, u"demands"_qs);
    const QJsonArray unrouted = array(c.json, u"unrouted"_qs);
    double worst = 0.0;
    for (const QJsonValue &d : demands)
        worst = std::max(worst, d[u"latencyMs"_qs].toDouble());
    c.out << u"Demands: %1 routed, %2 unrouted (no path), slowest %3, %4 over their latency "
             "bound\n"_qs.arg(demands.size())
                 .arg(unrouted.size())
                 .arg(ms(worst))
                 .arg(array(c.json, u"violations"_qs).size());
    for (const QJsonValue &d : unrouted)
        c.out << u"  demand %1 %2-%3: no path joins its sites\n"_qs.arg(d[u"id"_qs].toInteger())
                     .arg(d[u"source"_qs].toString(), d[u"destination"_qs].toString());
    for (const QJsonValue &d : demands)
        if (d[u"violated"_qs].toBool())
            c.out << u"  demand %1: %2 > %3\n"_qs.arg(d[u"id"_qs].toInteger())
                         .arg(ms(d[u"latencyMs"_qs].toDouble()),
                              ms(d[u"maxLatencyMs"_qs].toDouble()));
    const QJsonObject circles = c.json.value(u"circles"_qs).toObject();
    QStringList limits;
    for (const QJsonValue &limit : circles.value(u"limitsMs"_qs).toArray())
        limits << core::formatNumber(limit.toDouble()) + u" ms"_qs;
    c.out << u"Latency circles (%1, %2): "_qs.arg(
        limits.join(u", "_qs),
        c.json.value(u"roundTrip"_qs).toBool() ? u"round trip"_qs : u"one way"_qs);
    const QStringList outside = texts(circles.value(u"outside"_qs).toArray());
    c.out << (outside.isEmpty()
                  ? u"every site has a hub or DC within %1"_qs.arg(limits.value(limits.size() - 1))
                  : u"%1 sites have no hub or DC within %2: %3"_qs.arg(outside.size())
                        .arg(limits.value(limits.size() - 1), outside.join(u", "_qs)))
          << u'\n';
}

void printCapacity(const TextContext &c)
{
    const QString currency = c.json.value(u"currency"_qs).toString();
    const QJsonArray links = array(c.json, u"links"_qs);
    c.out << u"Target utilisation %1 (%2): %3 links to upgrade, %4 Gbps added, cost %5 %6\n"_qs
                 .arg(percent(c.json.value(u"targetUtilization"_qs).toDouble()),
                      c.options.value(u"failures"_qs).toBool(true)
                          ? u"under every single failure"_qs
                          : u"normal state"_qs)
                 .arg(links.size())
                 .arg(core::formatNumber(c.json.value(u"totalAddedGbps"_qs).toDouble()),
                      core::formatNumber(c.json.value(u"totalCost"_qs).toDouble()), currency);
    c.out << u"Method: "_qs << c.json.value(u"method"_qs).toString() << u" (heuristic alone: "_qs
          << core::formatNumber(c.json.value(u"heuristicCost"_qs).toDouble()) << u' ' << currency
          << u")\n"_qs;
    if (!c.given.contains(u"modules"_qs)) // as the report says too
        c.out << u"Prices: the planner's placeholders (100G 1, 400G 3, 800G 5 "_qs << currency
              << u"), which only rank the choices; give real ones with --module GBPS:COST\n"_qs;
    const QJsonArray modules = array(c.json, u"modules"_qs);
    for (const QJsonValue &plan : links) {
        QStringList mix;
        const QJsonArray counts = plan[u"modules"_qs].toArray();
        for (qsizetype m = 0; m < counts.size(); ++m)
            if (counts[m].toInteger() > 0)
                mix << u"%1 x %2G"_qs.arg(counts[m].toInteger())
                           .arg(core::formatNumber(modules[m][u"gbps"_qs].toDouble()));
        c.out << u"  %1: +%2 Gbps (%3), cost %4; sized for %5\n"_qs.arg(
            linkName(plan.toObject()), core::formatNumber(plan[u"addedGbps"_qs].toDouble()),
            mix.join(u" + "_qs), core::formatNumber(plan[u"cost"_qs].toDouble()),
            plan[u"worstScenario"_qs].toString());
    }
}

void printFabric(const TextContext &c)
{
    auto n = [&c](const QString &field) {
        return plain(c.json.value(field).toDouble());
    };
    const QJsonObject cables = c.json.value(u"cablesPerTier"_qs).toObject();
    auto cable = [&cables](const QString &field) {
        return plain(cables.value(field).toDouble());
    };
    c.out << u"%1 accelerators on %2 servers, %3 NIC ports: %4-tier %5 fabric\n"_qs.arg(
        n(u"gpus"_qs), n(u"servers"_qs), n(u"endpoints"_qs), n(u"tiers"_qs),
        c.json.value(u"topology"_qs).toString() == u"leaf_spine" ? u"leaf-spine"_qs
                                                                 : u"rail-optimised"_qs);
    c.out << u"Switches: %1 leaf, %2 spine, %3 core (%4 in all)\n"_qs.arg(
        n(u"leafSwitches"_qs), n(u"spineSwitches"_qs), n(u"coreSwitches"_qs), n(u"switches"_qs));
    c.out << u"Cables: %1 server-leaf, %2 leaf-spine, %3 spine-core; transceivers: %4 switch "
             "side, %5 server side\n"_qs.arg(cable(u"serverLeaf"_qs), cable(u"leafSpine"_qs),
                                             cable(u"spineCore"_qs), n(u"switchTransceivers"_qs),
                                             n(u"serverTransceivers"_qs));
    c.out << u"Bisection bandwidth: %1 Tb/s; this switch holds up to %2 accelerators in 2 tiers, "
             "%3 in 3\n"_qs.arg(core::formatNumber(c.json.value(u"bisectionTbps"_qs).toDouble()),
                                n(u"max2TierGpus"_qs), n(u"max3TierGpus"_qs));
}

void printDci(const TextContext &c)
{
    const QJsonObject &j = c.json;
    c.out << u"%1 km at %2 Gbps: RTT %3, bandwidth-delay product %4 MB\n"_qs.arg(
        core::formatNumber(j.value(u"distanceKm"_qs).toDouble()),
        core::formatNumber(j.value(u"rateGbps"_qs).toDouble()), ms(j.value(u"rttMs"_qs).toDouble()),
        fixed(j.value(u"bdpMB"_qs), 2));
    c.out << u"PFC headroom per port and priority at each end: %1 MB (%2 MB of it independent of "
             "distance)\n"_qs.arg(fixed(j.value(u"headroomMB"_qs), 3),
                                  fixed(j.value(u"headroomFixedMB"_qs), 3));
    if (j.value(u"maxLosslessKm"_qs).isDouble())
        c.out << u"A %1 MB buffer stays lossless up to %2 km\n"_qs.arg(
            core::formatNumber(c.options.value(u"bufferMb"_qs).toDouble()),
            fixed(j.value(u"maxLosslessKm"_qs), 1));
    c.out << u"Gradient synchronisation: %1 s across the two DCs, %2 s inside one; step slowdown "
             "x%3\n"_qs.arg(fixed(j.value(u"crossDcSyncSeconds"_qs), 3),
                            fixed(j.value(u"singleDcSyncSeconds"_qs), 3),
                            fixed(j.value(u"slowdown"_qs), 2));
}

void printIngest(const TextContext &c)
{
    const QJsonObject &j = c.json;
    const QString currency = j.value(u"currency"_qs).toString();
    c.out << u"%1 TB in %2 h at %3% efficiency needs %4 Gb/s\n"_qs.arg(
        core::formatNumber(j.value(u"volumeTb"_qs).toDouble()),
        core::formatNumber(j.value(u"windowHours"_qs).toDouble()),
        core::formatNumber(j.value(u"efficiency"_qs).toDouble() * 100.0),
        fixed(j.value(u"requiredGbps"_qs), 2));
    for (const QJsonValue &line : array(j, u"options"_qs))
        c.out << u"  %1 Gb/s line: %2 h%3; %4 line(s) meet the window for %5 %6 a month\n"_qs.arg(
            core::formatNumber(line[u"lineGbps"_qs].toDouble()), fixed(line[u"hours"_qs], 1),
            line[u"meetsWindow"_qs].toBool() ? u" (meets the window)"_qs : QString(),
            plain(line[u"linesNeeded"_qs].toDouble()), fixed(line[u"monthlyCost"_qs], 0), currency);
    const QJsonObject cheapest = j.value(u"cheapest"_qs).toObject();
    if (cheapest.contains(u"lines"_qs))
        c.out << u"Cheapest: %1 x %2 Gb/s, %3 %4 a month\n"_qs.arg(
            plain(cheapest.value(u"lines"_qs).toDouble()),
            core::formatNumber(cheapest.value(u"lineGbps"_qs).toDouble()),
            fixed(cheapest.value(u"monthlyCost"_qs), 0), currency);
    const QJsonObject disks = j.value(u"disks"_qs).toObject();
    c.out << u"Shipping disks: %1 devices, %2 h door to door%3\n"_qs.arg(
        plain(disks.value(u"devices"_qs).toDouble()), fixed(disks.value(u"hours"_qs), 1),
        disks.value(u"meetsWindow"_qs).toBool() ? u" (meets the window)"_qs
                                                : u" (misses the window)"_qs);
}

// A figure or a cell as the descriptor formats it.
QString formatted(const QJsonValue &value, planners::Format format)
{
    using planners::Format;
    if (value.isUndefined() || value.isNull())
        return u"-"_qs;
    switch (format) {
    case Format::Percent:
        return percent(value.toDouble());
    case Format::Count:
        return QString::number(value.toArray().size());
    case Format::Integer:
    case Format::Number:
        return value.isDouble() ? core::formatNumber(value.toDouble()) : valueText(value);
    default:
        return valueText(value);
    }
}

QJsonValue at(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    for (const QString &part : path.split(u'.'))
        value = value.toObject().value(part);
    return value;
}

// Planners without a summary of their own: the descriptor's headline figures, then the first
// ten rows of its first table.
void printFromDescriptor(const PlannerDescriptor &planner, const TextContext &c)
{
    c.out << planner.title.en << u'\n';
    for (const planners::FigureDescriptor &figure : planner.figures) {
        const QJsonValue value = at(c.json, figure.field);
        if (value.isUndefined())
            continue;
        c.out << u"  "_qs << figure.label.en << u": "_qs << formatted(value, figure.format)
              << (figure.unit.isEmpty() ? QString() : u' ' + figure.unit) << u'\n';
    }
    if (planner.tables.empty())
        return;
    const planners::TableDescriptor &table = planner.tables.front();
    const QJsonArray rows =
        table.rows.isEmpty() ? QJsonArray{c.json} : at(c.json, table.rows).toArray();
    c.out << table.title.en << u":\n"_qs;
    for (qsizetype i = 0; i < std::min<qsizetype>(10, rows.size()); ++i) {
        QStringList cells;
        for (const planners::ColumnDescriptor &column : table.columns)
            cells << column.header.en + u' ' +
                         formatted(at(rows[i].toObject(), column.field), column.format);
        c.out << u"  "_qs << cells.join(u", "_qs) << u'\n';
    }
}

void printText(const PlannerDescriptor &planner, const TextContext &context)
{
    static const std::map<QString, void (*)(const TextContext &)> summaries{
        {u"route"_qs, printRoute},     {u"resilience"_qs, printResilience},
        {u"latency"_qs, printLatency}, {u"capacity"_qs, printCapacity},
        {u"fabric"_qs, printFabric},   {u"dci"_qs, printDci},
        {u"ingest"_qs, printIngest}};
    if (const auto it = summaries.find(planner.name); it != summaries.end())
        it->second(context);
    else
        printFromDescriptor(planner, context);
}

// ---------------------------------------------------------------------------------------------
// The command

// The rule for an optional project, in words: "give a project with --link ID, or
// --distance-km and --rate-gbps".
QString projectRule(const PlannerDescriptor &planner)
{
    QStringList subject, alone;
    for (const OptionDescriptor &o : planner.options) {
        if (o.key == planner.subjectOption)
            subject << u"--%1 %2"_qs.arg(o.flag, o.valueName);
        if (o.withoutProject)
            alone << u"--"_qs + o.flag;
    }
    return u"give a project with %1, or %2"_qs.arg(subject.join(u' '), alone.join(u" and "_qs));
}

// The options given on the command line, as JSON (values parsed, not yet checked); problem
// names the flag on a bad value.
QJsonObject givenOptions(const PlannerDescriptor &planner,
                         const QCommandLineParser &parser,
                         bool withProjectObjects,
                         QString &problem)
{
    QJsonObject options;
    for (const OptionDescriptor &option : planner.options) {
        if (namesProjectObject(option) && !withProjectObjects)
            continue;
        if (option.type == OType::Bool) {
            const QString flag = option.offFlag.isEmpty() ? option.flag : option.offFlag;
            if (parser.isSet(flag))
                options.insert(option.key, option.offFlag.isEmpty());
            continue;
        }
        if (!parser.isSet(option.flag))
            continue;
        const QString text =
            isList(option) ? parser.values(option.flag).join(u',') : parser.value(option.flag);
        QString why;
        const QJsonValue value = planners::parseOptionText(option, text, why);
        if (value.isUndefined()) {
            problem = u"--%1: %2"_qs.arg(option.flag, why);
            return {};
        }
        options.insert(option.key, value);
    }
    return options;
}

void saveResult(const QString &path,
                core::Network network,
                const PlannerDescriptor &planner,
                const QJsonObject &options,
                const QJsonObject &result,
                core::FileStamp &stamp)
{
    const QJsonObject stored = planners::storedOptions(planner, options);
    core::PlannerResult entry;
    // Under its run configuration's key: an N-2 run is kept beside the N-1 one, TE beside IGP.
    entry.planner = planners::resultKey(planner.name, options).toString();
    entry.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    entry.options = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    entry.inputDigest = network.digest();
    entry.json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    network.setPlannerResult(std::move(entry));
    core::ProjectStore::save(network, path, stamp);
}

} // namespace

int runPlannerCommand(const PlannerDescriptor &planner,
                      const QStringList &arguments,
                      Streams streams,
                      const PlanCommandExtension &extension)
{
    const QString command = arguments.constFirst();
    const bool project = takesProject(planner);
    QCommandLineParser parser;
    parser.setApplicationDescription(planner.description.en);
    if (planner.needsProject)
        parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    else if (project)
        parser.addPositionalArgument(
            u"project"_qs,
            u"A project, with --%1 %2."_qs.arg(planner.option(planner.subjectOption)->flag,
                                               planner.option(planner.subjectOption)->valueName),
            u"[PROJECT.gpkg]"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON (docs/planners.md)."_qs);
    const QCommandLineOption save(u"save"_qs,
                                  u"Store the result in the project (table nqi_results)."_qs);
    const QCommandLineOption wait = waitOption(); // with --save
    parser.addOption(json);
    if (project)
        parser.addOptions({save, wait});
    for (const OptionDescriptor &option : planner.options)
        if (project || !namesProjectObject(option))
            parser.addOption(flagOf(option));
    for (const QCommandLineOption &flag : extension.flags)
        parser.addOption(flag);
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;

    const QStringList positional = parser.positionalArguments();
    const QString path = positional.value(0);
    if (!project && !positional.isEmpty())
        return usageError(streams, parser, command,
                          u"%1 takes no project file"_qs.arg(planner.name));
    if (positional.size() > 1 || (planner.needsProject && positional.isEmpty()))
        return usageError(streams, parser, command, u"give one project file"_qs);
    QString problem;
    QJsonObject options = givenOptions(planner, parser, project, problem);
    if (!problem.isEmpty())
        return usageError(streams, parser, command, problem);
    if (project && !planner.needsProject) {
        // With a project, the subject names what is read from it; without, the values are given.
        bool fits = path.isEmpty() ? !options.contains(planner.subjectOption)
                                   : options.contains(planner.subjectOption);
        for (const OptionDescriptor &o : planner.options)
            if (o.withoutProject && path.isEmpty() && !options.contains(o.key))
                fits = false;
        if (!fits)
            return usageError(streams, parser, command, projectRule(planner));
    }
    const bool saving = project && parser.isSet(save);
    if (saving && path.isEmpty())
        return usageError(streams, parser, command, u"--save needs a project file"_qs);
    const QStringList given = options.keys();
    if (const QString why = planners::checkOptions(planner, options); !why.isEmpty())
        return usageError(streams, parser, command, why);
    if (extension.run)
        if (const std::optional<int> code = extension.run(command, parser, options, streams))
            return *code;

    return guarded(streams, [&] {
        // With --save the project is locked from the moment it is read until the result is
        // stored, so nothing another writer adds meanwhile is lost.
        std::unique_ptr<core::ProjectLock> lock;
        if (saving)
            lock = lockProject(path, parser, command, streams);
        core::FileStamp stamp;
        std::optional<core::Network> network;
        if (!path.isEmpty()) {
            network = core::ProjectStore::load(path, stamp);
            // What only the project can say (is there such a link?), said of the project.
            QJsonObject checked = options;
            if (const QString why = planners::checkOptions(planner, checked, &*network);
                !why.isEmpty())
                throw Failure(core::makeError(path, 0, {}, why));
        }
        planners::Progress progress;
        QJsonObject result;
        try {
            result = planners::runPlanner(planner.name, network ? &*network : nullptr, options,
                                          progress);
        } catch (const Failure &failure) {
            core::Diagnostic diagnostic = failure.diagnostic();
            if (diagnostic.file.isEmpty())
                diagnostic.file = path; // the project it ran on
            throw Failure(diagnostic);
        }
        if (saving)
            saveResult(path, *network, planner, options, result, stamp);
        if (parser.isSet(json))
            streams.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        else
            printText(planner, {streams.out, result, options, given});
        return int(Success);
    });
}

} // namespace nqi::cli
