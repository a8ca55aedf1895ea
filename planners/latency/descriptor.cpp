#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"
#include "planners/latency/latency.h"

#include "core/model/kinds.h"

#include <QJsonArray>

namespace nqi::planners::latency {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;
using Selects = TableDescriptor::Selects;

namespace {

JsonShape result()
{
    const JsonShape sites = arrayOf(string());
    return object(
        {{u"roundTrip"_qs, boolean()},
         // Source, destination and rate: results stored before they were given lack them.
         {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                         optional(u"source"_qs, string()),
                                         optional(u"destination"_qs, string()),
                                         optional(u"rateGbps"_qs, number()),
                                         {u"latencyMs"_qs, number()},
                                         {u"fastestMs"_qs, number()},
                                         {u"violated"_qs, boolean()},
                                         optional(u"maxLatencyMs"_qs, number())}))},
         {u"violations"_qs, arrayOf(integer())},
         optional(u"unrouted"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                   {u"source"_qs, string()},
                                                   {u"destination"_qs, string()}}))),
         {u"pairs"_qs, arrayOf(object({{u"a"_qs, string()},
                                       {u"b"_qs, string()},
                                       {u"latencyMs"_qs, numberOrNull()},
                                       {u"fastestMs"_qs, numberOrNull()}}))},
         {u"circles"_qs,
          object({{u"limitsMs"_qs, arrayOf(number())},
                  {u"sites"_qs, arrayOf(object({{u"site"_qs, string()},
                                                {u"within"_qs, arrayOf(sites)},
                                                {u"nearestComputeMs"_qs, numberOrNull()},
                                                optional(u"nearestCompute"_qs, string())}))},
                  {u"outside"_qs, sites}})}});
}

// The site kinds, with the titles the workbench gives them.
std::vector<OptionDescriptor::Choice> siteKinds()
{
    static const Text titles[] = {
        {u"National hub"_qs, u"国家算力枢纽"_qs},     {u"Data centre cluster"_qs, u"数据中心集群"_qs},
        {u"Metro data centre"_qs, u"城域数据中心"_qs}, {u"Edge data centre"_qs, u"边缘数据中心"_qs},
        {u"Ingest site"_qs, u"数据入算站点"_qs},       {u"Point of presence"_qs, u"接入点"_qs},
        {u"Ground station"_qs, u"地面站"_qs},          {u"Enterprise"_qs, u"企业"_qs},
        {u"Other site"_qs, u"其他站点"_qs}};
    std::vector<OptionDescriptor::Choice> choices;
    const QStringList names = core::siteKindNames();
    for (qsizetype i = 0; i < names.size(); ++i)
        choices.push_back({names[i], i < qsizetype(std::size(titles)) ? titles[i]
                                                                      : Text{names[i], {}}});
    return choices;
}

QJsonArray kindNames(const std::vector<core::SiteKind> &kinds)
{
    QJsonArray names;
    for (core::SiteKind kind : kinds)
        names.append(core::toString(kind));
    return names;
}

std::vector<core::SiteKind> kindsOf(const QJsonValue &names, std::vector<core::SiteKind> kinds)
{
    if (!names.isArray())
        return kinds;
    kinds.clear();
    for (const QJsonValue &name : names.toArray())
        if (const auto kind = core::siteKindFromString(name.toString()))
            kinds.push_back(*kind);
    return kinds;
}

// The summary `nqi plan` prints without --json.
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

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"latency"_qs;
    d.title = {u"Latency"_qs, u"时延"_qs};
    d.menuText = {u"&Latency and SLA"_qs, u"时延与 SLA(&L)"_qs};
    d.description = {
        u"Latency of every demand over its IGP paths (slowest equal-cost path) and over the "
        "fastest path, SLA violations, latencies between sites of chosen kinds, and the latency "
        "circles: for every site, the hubs and DCs within each limit over the fastest network "
        "path."_qs,
        u"每条需求沿 IGP 路径（最慢的等价路径）及沿最快路径的时延、SLA 违约、指定类型站点之间的"
        "时延，以及时延圈：每个站点沿最快网络路径在各时延上限内可达的枢纽和数据中心。"_qs};

    OptionDescriptor roundTrip;
    roundTrip.key = u"roundTrip"_qs;
    roundTrip.flag = u"round-trip"_qs;
    roundTrip.type = OType::Bool;
    roundTrip.defaultValue = defaults.roundTrip;
    roundTrip.label = {u"Round-trip time"_qs, u"往返时延"_qs};
    roundTrip.help = {u"Circles and site pairs in round-trip time (default: one way)."_qs,
                      u"时延圈和站点对按往返时延计算（默认：单向）。"_qs};
    OptionDescriptor kinds;
    kinds.key = u"kinds"_qs;
    kinds.flag = u"kinds"_qs;
    kinds.type = OType::ChoiceList;
    kinds.defaultValue = kindNames(defaults.pairKinds);
    kinds.valueName = u"KIND,..."_qs;
    kinds.choices = siteKinds();
    kinds.label = {u"Site kinds of the pair table"_qs, u"站点对表中的站点类型"_qs};
    kinds.help = {u"Site kinds whose pairwise latencies are listed (default "
                  "national_hub,dc_cluster)."_qs,
                  u"列出两两时延的站点类型。"_qs};
    OptionDescriptor circles;
    circles.key = u"circles"_qs;
    circles.flag = u"circles"_qs;
    circles.type = OType::NumberList;
    QJsonArray limits;
    for (double limit : defaults.circlesMs)
        limits.append(limit);
    circles.defaultValue = limits;
    circles.minimum = 0.0;
    circles.minimumExclusive = true;
    circles.maximum = 100000.0;
    circles.unit = u"ms"_qs;
    circles.valueName = u"MS,..."_qs;
    circles.label = {u"Latency circles"_qs, u"时延圈"_qs};
    circles.help = {u"Circle limits in ms, at most 32."_qs,
                    u"时延圈上限，单位 ms，最多 32 个。"_qs};
    d.options = {roundTrip, kinds, circles, common::perHopOption(), common::threadsOption()};
    d.configurations = {{QString(), u"roundTrip"_qs, false, {u"one-way"_qs, u"单向"_qs}, {}, {}},
                        {u"rtt"_qs,
                         u"roundTrip"_qs,
                         true,
                         {u"round trip"_qs, u"往返"_qs},
                         {u"Latency in Ro&und-Trip Time"_qs, u"往返时延(&U)"_qs},
                         {u"Round trip: each demand's latency there and back, over the IGP paths "
                          "each way."_qs,
                          u"往返：每条需求去程与回程时延之和，两个方向均按 IGP 路径。"_qs}}};
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &progress) {
        Options o;
        o.roundTrip = options.value(u"roundTrip"_qs).toBool();
        o.perHopLatencyMs = options.value(u"perHopMs"_qs).toDouble();
        o.pairKinds = kindsOf(options.value(u"kinds"_qs), o.pairKinds);
        if (const QJsonArray given = options.value(u"circles"_qs).toArray(); !given.isEmpty()) {
            o.circlesMs.clear();
            for (const QJsonValue &limit : given)
                o.circlesMs.push_back(limit.toDouble());
        }
        o.workers = options.value(u"threads"_qs).toInt();
        return toJson(*network, run(*network, o, progress));
    };
    d.result = result();
    d.textSummary = printLatency;

    const ColumnDescriptor latencyMs{{u"Latency (ms)"_qs, u"时延（ms）"_qs}, u"latencyMs"_qs,
                                     Format::Number};
    const ColumnDescriptor fastestMs{{u"Fastest possible (ms)"_qs, u"最快可达（ms）"_qs},
                                     u"fastestMs"_qs, Format::Number};
    d.tables = {
        {{u"Demands"_qs, u"需求"_qs},
         u"demands"_qs,
         {{{u"Id"_qs, u"编号"_qs}, u"id"_qs, Format::Integer},
          {{u"Source"_qs, u"源"_qs}, u"source"_qs, Format::Text},
          {{u"Destination"_qs, u"目的"_qs}, u"destination"_qs, Format::Text},
          {{u"Rate (Gbps)"_qs, u"速率（Gbps）"_qs}, u"rateGbps"_qs, Format::Number},
          latencyMs,
          fastestMs,
          {{u"Bound (ms)"_qs, u"上限（ms）"_qs}, u"maxLatencyMs"_qs, Format::Number},
          {{u"Over its bound"_qs, u"超出上限"_qs}, u"violated"_qs, Format::Bool}},
         Selects::Demand,
         u"id"_qs},
        {{u"Site pairs"_qs, u"站点对"_qs},
         u"pairs"_qs,
         {{{u"Site A"_qs, u"A 端站点"_qs}, u"a"_qs, Format::Text},
          {{u"Site B"_qs, u"B 端站点"_qs}, u"b"_qs, Format::Text},
          latencyMs,
          fastestMs},
         Selects::None,
         {}},
        {{u"Latency circles"_qs, u"时延圈"_qs},
         u"circles.sites"_qs,
         {{{u"Site"_qs, u"站点"_qs}, u"site"_qs, Format::Text},
          {{u"Nearest hub or DC"_qs, u"最近的枢纽或数据中心"_qs}, u"nearestCompute"_qs,
           Format::Text},
          {{u"Its latency (ms)"_qs, u"其时延（ms）"_qs}, u"nearestComputeMs"_qs, Format::Number},
          {{u"Within circle 1"_qs, u"第 1 圈内"_qs}, u"within"_qs, Format::List, 0},
          {{u"Within circle 2"_qs, u"第 2 圈内"_qs}, u"within"_qs, Format::List, 1},
          {{u"Within circle 3"_qs, u"第 3 圈内"_qs}, u"within"_qs, Format::List, 2}},
         Selects::Site,
         u"site"_qs}};
    d.charts = {{ChartDescriptor::Kind::Cdf,
                 {u"Latency CDF"_qs, u"时延累积分布"_qs},
                 u"demands"_qs,
                 u"latencyMs"_qs,
                 u"fastestMs"_qs,
                 {},
                 {u"Latency (ms)"_qs, u"时延（ms）"_qs},
                 Format::Number}};
    // The map shows its circles' sites through the table's selection; it colours nothing.
    d.map = {};
    d.method = {u"Latency: over the IGP's equal-cost paths, the slowest of them (a flow may take "
                "any), beside the fastest path the fibre allows; the latency circles give every "
                "site the hubs and data centres within each limit, and its nearest one."_qs,
                u"时延：按 IGP 等价路径中最慢的一条计算（流量可能走其中任一条），并给出光纤所能达到的"
                u"最快路径；时延圈给出每个站点在各时延上限内的枢纽与数据中心及最近的一个。"_qs};
    d.chapters = {{u"demands"_qs,
                   {u"Demands, latency and SLA"_qs, u"需求、时延与 SLA"_qs},
                   {u"Demands: latency and SLA"_qs, u"需求：时延与 SLA"_qs},
                   {},
                   {},
                   {0},
                   {u"demands"_qs},
                   20,
                   {}}};
    d.figures = {{{u"Demands over their latency bound"_qs, u"超出时延上限的需求"_qs},
                  u"violations"_qs,
                  Format::Count},
                 {{u"Sites with no hub or DC within the largest circle"_qs,
                   u"最大时延圈内没有枢纽或数据中心的站点"_qs},
                  u"circles.outside"_qs,
                  Format::Count}};
    return d;
}

} // namespace nqi::planners::latency
