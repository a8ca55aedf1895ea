#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"
#include "planners/route/route.h"

namespace nqi::planners::route {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;
using Selects = TableDescriptor::Selects;

namespace {

JsonShape linkLoads()
{
    return arrayOf(object({{u"id"_qs, integer()},
                           {u"a"_qs, string()},
                           {u"b"_qs, string()},
                           {u"loadAbGbps"_qs, number()},
                           {u"loadBaGbps"_qs, number()},
                           {u"capacityGbps"_qs, number()},
                           {u"utilization"_qs, number()}}));
}

JsonShape result()
{
    const JsonShape sites = arrayOf(string());
    JsonShape te =
        object({{u"solved"_qs, boolean()},
                {u"status"_qs, string()},
                {u"maxUtilization"_qs, numberOrNull()},
                {u"candidatePaths"_qs, integer()},
                {u"iterations"_qs, integer()},
                {u"links"_qs, linkLoads()},
                {u"demands"_qs,
                 arrayOf(object({{u"id"_qs, integer()},
                                 {u"paths"_qs, arrayOf(object({{u"sites"_qs, sites},
                                                               {u"gbps"_qs, number()},
                                                               {u"latencyMs"_qs, number()}}))},
                                 optional(u"problem"_qs, string())}))}});
    return object({{u"maxUtilization"_qs, number()},
                   {u"links"_qs, linkLoads()},
                   {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                   {u"source"_qs, string()},
                                                   {u"destination"_qs, string()},
                                                   {u"rateGbps"_qs, number()},
                                                   {u"latencyMs"_qs, number()},
                                                   {u"minLatencyMs"_qs, number()},
                                                   {u"hops"_qs, integer()},
                                                   {u"pathCount"_qs, number()},
                                                   {u"paths"_qs, arrayOf(sites)},
                                                   {u"latencyViolated"_qs, boolean()},
                                                   optional(u"outsideRegions"_qs, sites)}))},
                   {u"unrouted"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                    {u"source"_qs, string()},
                                                    {u"destination"_qs, string()},
                                                    {u"rateGbps"_qs, number()}}))},
                   optional(u"te"_qs, te)});
}

std::vector<ColumnDescriptor> linkColumns()
{
    return {{{u"Id"_qs, u"编号"_qs}, u"id"_qs, Format::Integer},
            {{u"Site A"_qs, u"A 端站点"_qs}, u"a"_qs, Format::Text},
            {{u"Site B"_qs, u"B 端站点"_qs}, u"b"_qs, Format::Text},
            {{u"Load A→B (Gbps)"_qs, u"负载 A→B（Gbps）"_qs}, u"loadAbGbps"_qs, Format::Number},
            {{u"Load B→A (Gbps)"_qs, u"负载 B→A（Gbps）"_qs}, u"loadBaGbps"_qs, Format::Number},
            {{u"Capacity (Gbps)"_qs, u"容量（Gbps）"_qs}, u"capacityGbps"_qs, Format::Number},
            {{u"Utilisation"_qs, u"利用率"_qs}, u"utilization"_qs, Format::Percent}};
}

// The summary `nqi plan` prints without --json.
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

} // namespace

PlannerDescriptor descriptor()
{
    PlannerDescriptor d;
    d.name = u"route"_qs;
    d.title = {u"Routing"_qs, u"路由"_qs};
    d.menuText = {u"&Route Demands (IGP/ECMP)"_qs, u"需求路由（IGP/ECMP）(&R)"_qs};
    d.shortcut = u"Ctrl+R"_qs;
    d.description = {
        u"Route every demand over IGP shortest paths (igp_metric, else latency in "
        "microseconds) with ECMP, and report link loads, utilisation and per-demand paths and "
        "latency; with traffic engineering, also the placement that minimises the largest "
        "utilisation within latency bounds and regions (LP)."_qs,
        u"按 IGP 最短路径（igp_metric，缺省按微秒时延）及 ECMP 路由全部需求，给出链路负载、"
        "利用率以及每条需求的路径和时延；选择流量工程时，另求在时延上限和区域约束下使最大"
        "利用率最小的放置方案（线性规划）。"_qs};

    OptionDescriptor te;
    te.key = u"te"_qs;
    te.flag = u"te"_qs;
    te.type = OType::Bool;
    te.defaultValue = false;
    te.label = {u"Traffic engineering"_qs, u"流量工程"_qs};
    te.help = {u"Also solve traffic engineering: minimise the maximum utilisation within latency "
               "bounds and regions (LP)."_qs,
               u"同时求解流量工程：在时延上限和区域约束下使最大利用率最小（线性规划）。"_qs};
    OptionDescriptor maxPaths;
    maxPaths.key = u"maxPaths"_qs;
    maxPaths.flag = u"max-paths"_qs;
    maxPaths.type = OType::Integer;
    maxPaths.defaultValue = Options().maxPathsPerDemand;
    maxPaths.minimum = 1;
    maxPaths.maximum = 1024;
    maxPaths.valueName = u"N"_qs;
    maxPaths.label = {u"Equal-cost paths listed per demand"_qs, u"每条需求列出的等价路径数"_qs};
    maxPaths.help = {u"Equal-cost paths listed per demand; all are "
                     "counted and carry traffic."_qs,
                     u"每条需求列出的等价路径数；全部路径均计数并承载流量。"_qs};
    d.options = {te, common::perHopOption(), maxPaths, common::threadsOption()};
    d.configurations = {
        {QString(), u"te"_qs, false, {u"IGP shortest paths, ECMP"_qs, u"IGP 最短路径，ECMP"_qs}, {}, {}},
        {u"te"_qs,
         u"te"_qs,
         true,
         {u"traffic engineering"_qs, u"流量工程"_qs},
         {u"Route with &Traffic Engineering"_qs, u"流量工程路由(&T)"_qs},
         {u"Traffic engineering: besides the IGP's paths, each demand may take explicit paths "
          "(RSVP-TE or SR-TE style) chosen by a linear program (COIN-OR CLP) that minimises the "
          "largest link utilisation."_qs,
          u"流量工程：除 IGP 路径外，每条需求可走显式路径（RSVP-TE 或 SR-TE 方式），由线性规划"
          u"（COIN-OR CLP）选择，使最大链路利用率最小。"_qs}}};
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &progress) {
        Options o;
        o.trafficEngineering = options.value(u"te"_qs).toBool();
        o.perHopLatencyMs = options.value(u"perHopMs"_qs).toDouble();
        o.maxPathsPerDemand = options.value(u"maxPaths"_qs).toInt(o.maxPathsPerDemand);
        o.workers = options.value(u"threads"_qs).toInt();
        return toJson(*network, run(*network, o, progress));
    };
    d.result = result();
    d.textSummary = printRoute;

    const ColumnDescriptor id{{u"Id"_qs, u"编号"_qs}, u"id"_qs, Format::Integer};
    const ColumnDescriptor source{{u"Source"_qs, u"源"_qs}, u"source"_qs, Format::Text};
    const ColumnDescriptor destination{{u"Destination"_qs, u"目的"_qs}, u"destination"_qs,
                                       Format::Text};
    const ColumnDescriptor rate{{u"Rate (Gbps)"_qs, u"速率（Gbps）"_qs}, u"rateGbps"_qs,
                                Format::Number};
    d.tables = {
        {{u"Links"_qs, u"链路"_qs}, u"links"_qs, linkColumns(), Selects::Link, u"id"_qs},
        {{u"Demands"_qs, u"需求"_qs},
         u"demands"_qs,
         {id, source, destination, rate,
          {{u"Latency (ms)"_qs, u"时延（ms）"_qs}, u"latencyMs"_qs, Format::Number},
          {{u"Fastest equal-cost path (ms)"_qs, u"最快等价路径时延（ms）"_qs}, u"minLatencyMs"_qs,
           Format::Number},
          {{u"Hops"_qs, u"跳数"_qs}, u"hops"_qs, Format::Integer},
          {{u"Equal-cost paths"_qs, u"等价路径数"_qs}, u"pathCount"_qs, Format::Integer},
          {{u"Over its bound"_qs, u"超出上限"_qs}, u"latencyViolated"_qs, Format::Bool},
          {{u"Outside its regions"_qs, u"越出允许区域"_qs}, u"outsideRegions"_qs, Format::List}},
         Selects::Demand,
         u"id"_qs},
        {{u"Unrouted demands"_qs, u"无法路由的需求"_qs},
         u"unrouted"_qs,
         {id, source, destination, rate},
         Selects::Demand,
         u"id"_qs},
        {{u"Traffic engineering: links"_qs, u"流量工程：链路"_qs}, u"te.links"_qs, linkColumns(),
         Selects::Link, u"id"_qs},
        {{u"Traffic engineering: demands"_qs, u"流量工程：需求"_qs},
         u"te.demands"_qs,
         {id, {{u"Paths"_qs, u"路径"_qs}, u"paths"_qs, Format::List},
          {{u"Problem"_qs, u"问题"_qs}, u"problem"_qs, Format::Problem}},
         Selects::Demand,
         u"id"_qs}};
    d.charts = {{ChartDescriptor::Kind::Histogram,
                 {u"Utilisation histogram"_qs, u"利用率直方图"_qs},
                 u"links"_qs,
                 u"utilization"_qs,
                 {},
                 {},
                 {u"Links"_qs, u"链路"_qs},
                 Format::Percent},
                {ChartDescriptor::Kind::Cdf,
                 {u"Latency CDF"_qs, u"时延累积分布"_qs},
                 u"demands"_qs,
                 u"latencyMs"_qs,
                 u"minLatencyMs"_qs,
                 {},
                 {u"One-way latency (ms)"_qs, u"单向时延（ms）"_qs},
                 Format::Number}};
    d.map = {{MapColouringDescriptor::Target::Links, u"links"_qs, u"id"_qs, u"utilization"_qs,
              {u"Utilisation"_qs, u"利用率"_qs},
              {u"Utilisation in the normal state"_qs, u"正常状态下的利用率"_qs}},
             {MapColouringDescriptor::Target::Links, u"te.links"_qs, u"id"_qs, u"utilization"_qs,
              {u"Utilisation"_qs, u"利用率"_qs}, {}}};
    d.method = {u"Routing: IS-IS style shortest paths on each link's IGP metric (its igp_metric, "
                "else its one-way latency in microseconds); traffic splits evenly over all "
                "equal-cost next hops at every node (ECMP, as routers hash flows)."_qs,
                u"路由：按每条链路的 IGP 度量（igp_metric，否则为单向时延的微秒数）计算最短路径；"
                u"每个节点在所有等价下一跳之间平均分担流量（ECMP）。"_qs};
    d.figures = {{{u"Largest utilisation over IGP paths"_qs, u"IGP 路径下的最大利用率"_qs},
                  u"maxUtilization"_qs,
                  Format::Percent},
                 {{u"Largest utilisation with traffic engineering"_qs, u"流量工程后的最大利用率"_qs},
                  u"te.maxUtilization"_qs,
                  Format::Percent}};
    return d;
}

} // namespace nqi::planners::route
