#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"
#include "planners/resilience/resilience.h"

#include <cmath>

namespace nqi::planners::resilience {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;
using Selects = TableDescriptor::Selects;

namespace {

JsonShape result()
{
    const JsonShape sites = arrayOf(string());
    return object({{u"scenarios"_qs, integer()},
                   {u"maxNormalUtilization"_qs, number()},
                   {u"maxWorstUtilization"_qs, number()},
                   {u"links"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                 {u"a"_qs, string()},
                                                 {u"b"_qs, string()},
                                                 {u"capacityGbps"_qs, number()},
                                                 {u"normalLoadGbps"_qs, number()},
                                                 {u"normalUtilization"_qs, number()},
                                                 {u"worstLoadGbps"_qs, number()},
                                                 {u"worstUtilization"_qs, number()},
                                                 {u"worstScenario"_qs, string()},
                                                 // Not in results stored before top-k existed.
                                                 optional(u"top"_qs,
                                                          arrayOf(object(
                                                              {{u"scenario"_qs, string()},
                                                               {u"loadGbps"_qs, number()},
                                                               {u"utilization"_qs, number()}})))}))},
                   // Results stored before the count was given lack it.
                   optional(u"cuttingScenarios"_qs, integer()),
                   optional(u"linkPairCuts"_qs, object({{u"scenarios"_qs, integer()},
                                                        {u"listed"_qs, integer()},
                                                        {u"listedAtMost"_qs, integer()}})),
                   {u"disconnected"_qs, arrayOf(object({{u"scenario"_qs, string()},
                                                        {u"demands"_qs, arrayOf(integer())},
                                                        {u"lostGbps"_qs, number()},
                                                        {u"endpointDown"_qs, arrayOf(integer())},
                                                        {u"endpointDownGbps"_qs, number()}}))},
                   {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                   {u"normalLatencyMs"_qs, numberOrNull()},
                                                   {u"worstLatencyMs"_qs, numberOrNull()},
                                                   {u"worstStretch"_qs, numberOrNull()},
                                                   {u"worstScenario"_qs, string()},
                                                   {u"scenariosDisconnected"_qs, integer()},
                                                   {u"availability"_qs, numberOrNull()}}))},
                   {u"bridges"_qs, arrayOf(integer())},
                   {u"articulationPoints"_qs, sites},
                   {u"protection"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                      {u"found"_qs, boolean()},
                                                      optional(u"primary"_qs, sites),
                                                      optional(u"backup"_qs, sites),
                                                      optional(u"primaryLatencyMs"_qs, number()),
                                                      optional(u"backupLatencyMs"_qs, number()),
                                                      optional(u"problem"_qs, string())}))}});
}

// The summary `nqi plan` prints without --json.
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
    // As the report and the Results dock count them: every failure that cuts traffic, whether
    // in transit or only that of the failed site itself.
    double worstLost = 0.0;
    QString worstScenario;
    const QJsonArray cuts = array(c.json, u"disconnected"_qs);
    int inTransit = 0;
    for (const QJsonValue &d : cuts) {
        if (d[u"lostGbps"_qs].toDouble() > worstLost) {
            worstLost = d[u"lostGbps"_qs].toDouble();
            worstScenario = d[u"scenario"_qs].toString();
        }
        inTransit += d[u"demands"_qs].toArray().isEmpty() ? 0 : 1;
    }
    // N-2 lists the link pairs that cut the most traffic and counts the others.
    const qint64 cutting = c.json.value(u"cuttingScenarios"_qs).toInteger(cuts.size());
    c.out << u"Failures that cut traffic: %1"_qs.arg(cutting);
    if (cutting > cuts.size())
        c.out << u" (%1 listed: every single failure's and the %2 link pairs that cut the most)"_qs
                     .arg(cuts.size())
                     .arg(c.json[u"linkPairCuts"_qs][u"listed"_qs].toInteger());
    else if (!cuts.isEmpty())
        c.out << u" (%1 of them cut demands in transit, %2 only the failed site's own)"_qs
                     .arg(inTransit)
                     .arg(cuts.size() - inTransit);
    if (inTransit > 0)
        c.out << u"; worst: %1, %2 Gbps lost"_qs.arg(
            worstScenario, core::formatNumber(std::round(worstLost * 10.0) / 10.0));
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

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"resilience"_qs;
    d.title = {u"Resilience"_qs, u"可靠性"_qs};
    d.menuText = {u"Re&silience: Every Single Failure"_qs, u"可靠性：全部单点故障(&S)"_qs};
    d.shortcut = u"Ctrl+Shift+R"_qs;
    d.description = {
        u"Fail every link, every site and every SRLG in turn (and every pair of links for N-2), "
        "reroute under the same IGP/ECMP rules, and report worst-case link loads and the "
        "failure behind each, demands cut off, latency stretch, bridges, articulation points, "
        "disjoint paths for 1+1 demands and end-to-end availability."_qs,
        u"依次使每条链路、每个站点和每个 SRLG 故障（N-2 时另加每对链路），按相同的 IGP/ECMP "
        "规则重新路由，给出各链路的最坏负载及其对应故障、被中断的需求、时延伸展、桥、割点、"
        "1+1 需求的不相交路径以及端到端可用性。"_qs};

    OptionDescriptor n2;
    n2.key = u"n2"_qs;
    n2.flag = u"n2"_qs;
    n2.type = OType::Bool;
    n2.defaultValue = defaults.linkPairs;
    n2.label = {u"Also every pair of links (N-2)"_qs, u"同时计算每对链路故障（N-2）"_qs};
    n2.help = {u"Also fail every pair of links (N-2)."_qs, u"同时使每对链路同时故障（N-2）。"_qs};
    OptionDescriptor top;
    top.key = u"topK"_qs;
    top.flag = u"top"_qs;
    top.type = OType::Integer;
    top.defaultValue = defaults.topK;
    top.minimum = 0;
    top.maximum = kMaxTopK;
    top.valueName = u"K"_qs;
    top.label = {u"Worst scenarios kept per link"_qs, u"每条链路保留的最坏场景数"_qs};
    top.help = {u"Worst scenarios kept per link, worst first, 0..1000."_qs,
                u"每条链路保留的最坏场景数，按严重程度排序，0..1000。"_qs};
    d.options = {n2, top, common::perHopOption(), common::threadsOption()};
    d.configurations = {
        {QString(), u"n2"_qs, false, {u"N-1: single failures"_qs, u"N-1：单点故障"_qs}, {}, {}},
        {u"n2"_qs,
         u"n2"_qs,
         true,
         {u"N-2: single failures and link pairs"_qs, u"N-2：单点故障及双链路故障"_qs},
         {u"Resilience with Link &Pairs (N-2)"_qs, u"可靠性：链路双故障 (N-2)(&P)"_qs},
         {u"Link pairs (N-2): besides every single failure, every pair of links failing "
          "together; the rows and map marked N-2 give the worst case over them all."_qs,
          u"双链路故障（N-2）：除所有单点故障外，还依次考虑每一对链路同时故障；标注 N-2 "
          u"的行与地图给出全部场景中的最坏情况。"_qs}}};
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &progress) {
        Options o;
        o.linkPairs = options.value(u"n2"_qs).toBool();
        o.perHopLatencyMs = options.value(u"perHopMs"_qs).toDouble();
        o.topK = options.value(u"topK"_qs).toInt(o.topK);
        o.workers = options.value(u"threads"_qs).toInt();
        return toJson(*network, run(*network, o, progress));
    };
    d.result = result();
    d.textSummary = printResilience;

    const ColumnDescriptor id{{u"Id"_qs, u"编号"_qs}, u"id"_qs, Format::Integer};
    const ColumnDescriptor worstWhen{{u"Worst when"_qs, u"最坏情况发生于"_qs}, u"worstScenario"_qs,
                                     Format::Scenario};
    d.tables = {
        {{u"Links"_qs, u"链路"_qs},
         u"links"_qs,
         {id,
          {{u"Site A"_qs, u"A 端站点"_qs}, u"a"_qs, Format::Text},
          {{u"Site B"_qs, u"B 端站点"_qs}, u"b"_qs, Format::Text},
          {{u"Capacity (Gbps)"_qs, u"容量（Gbps）"_qs}, u"capacityGbps"_qs, Format::Number},
          {{u"Normal"_qs, u"正常"_qs}, u"normalUtilization"_qs, Format::Percent},
          {{u"Worst case"_qs, u"最坏情况"_qs}, u"worstUtilization"_qs, Format::Percent},
          {{u"Worst load (Gbps)"_qs, u"最坏负载（Gbps）"_qs}, u"worstLoadGbps"_qs, Format::Number},
          worstWhen,
          {{u"Worst scenarios"_qs, u"最坏场景"_qs}, u"top"_qs, Format::Scenarios}},
         Selects::Link,
         u"id"_qs},
        {{u"Failures that cut traffic"_qs, u"中断流量的故障"_qs},
         u"disconnected"_qs,
         {{{u"Failure"_qs, u"故障"_qs}, u"scenario"_qs, Format::Scenario},
          {{u"Lost (Gbps)"_qs, u"中断（Gbps）"_qs}, u"lostGbps"_qs, Format::Number},
          {{u"Demands cut"_qs, u"中断的需求"_qs}, u"demands"_qs, Format::List},
          {{u"At the failed site (Gbps)"_qs, u"故障站点收发（Gbps）"_qs}, u"endpointDownGbps"_qs,
           Format::Number}},
         Selects::Scenario,
         u"scenario"_qs,
         u"cuttingScenarios"_qs,
         {u"every single failure's and the link pairs' that cut the most"_qs,
          u"所有单点故障及中断流量最多的双链路故障"_qs}},
        {{u"Demands"_qs, u"需求"_qs},
         u"demands"_qs,
         {id,
          {{u"Normal latency (ms)"_qs, u"正常时延（ms）"_qs}, u"normalLatencyMs"_qs,
           Format::Number},
          {{u"Worst latency (ms)"_qs, u"最坏时延（ms）"_qs}, u"worstLatencyMs"_qs, Format::Number},
          {{u"Stretch"_qs, u"时延伸展比"_qs}, u"worstStretch"_qs, Format::Number},
          worstWhen,
          {{u"Failures that cut it"_qs, u"中断它的故障数"_qs}, u"scenariosDisconnected"_qs,
           Format::Integer},
          {{u"Availability"_qs, u"可用性"_qs}, u"availability"_qs, Format::Number}},
         Selects::Demand,
         u"id"_qs},
        {{u"1+1 protection"_qs, u"1+1 保护"_qs},
         u"protection"_qs,
         {id,
          {{u"Primary"_qs, u"主路径"_qs}, u"primary"_qs, Format::List},
          {{u"Backup"_qs, u"备路径"_qs}, u"backup"_qs, Format::List},
          {{u"Problem"_qs, u"问题"_qs}, u"problem"_qs, Format::Problem}},
         Selects::Demand,
         u"id"_qs}};
    d.charts = {{ChartDescriptor::Kind::Pairs,
                 {u"Normal vs worst-case utilisation"_qs, u"正常与最坏情况利用率"_qs},
                 u"links"_qs,
                 u"normalUtilization"_qs,
                 u"worstUtilization"_qs,
                 u"id"_qs,
                 {u"Utilisation (%)"_qs, u"利用率（%）"_qs},
                 Format::Percent},
                {ChartDescriptor::Kind::Bars,
                 {u"Disconnected traffic per failure"_qs, u"各故障中断的流量"_qs},
                 u"disconnected"_qs,
                 u"lostGbps"_qs,
                 {},
                 u"scenario"_qs,
                 {u"Traffic cut off (Gbps)"_qs, u"中断流量（Gbps）"_qs},
                 Format::Number}};
    d.map = {{MapColouringDescriptor::Target::Links, u"links"_qs, u"id"_qs,
              u"worstUtilization"_qs, {u"Worst-case utilisation"_qs, u"最坏情况利用率"_qs},
              {u"Worst-case utilisation"_qs, u"最坏利用率"_qs}}};
    d.method = {u"Failures: every single link, every site and every shared-risk link group "
                "(SRLG) in turn; traffic reroutes as the IGP would. Utilisation is that of the "
                "busier direction."_qs,
                u"故障集：依次考虑每条链路、每个站点和每个共享风险链路组（SRLG）的故障；流量按 IGP "
                u"重新收敛后的路径转发。利用率取较忙方向。"_qs};
    d.chapters = {{u"links"_qs,
                   {u"Links and utilisation"_qs, u"链路与利用率"_qs},
                   {u"Links: normal and worst-case utilisation under single failures (N-1)"_qs,
                    u"链路：正常与单点故障（N-1）下的最坏利用率"_qs},
                   {},
                   {},
                   {0},
                   {u"links"_qs},
                   20,
                   {}},
                  {u"failures"_qs,
                   {u"The ten worst failures"_qs, u"最严重的十个故障"_qs},
                   {u"The ten worst single failures (N-1)"_qs, u"最严重的十个单点故障（N-1）"_qs},
                   {},
                   {},
                   {1},
                   {u"disconnected"_qs},
                   10,
                   {u"No single failure cuts any demand off."_qs,
                    u"任何单点故障都不会中断需求。"_qs}}};
    d.figures = {
        {{u"Failure scenarios"_qs, u"故障场景数"_qs}, u"scenarios"_qs, Format::Integer},
        {{u"Largest utilisation, no failure"_qs, u"无故障时的最大利用率"_qs},
         u"maxNormalUtilization"_qs,
         Format::Percent},
        {{u"Worst-case utilisation"_qs, u"最坏情况利用率"_qs}, u"maxWorstUtilization"_qs,
         Format::Percent},
        {{u"Failures that cut traffic"_qs, u"中断流量的故障"_qs}, u"cuttingScenarios"_qs,
         Format::Integer},
        {{u"Of them link pairs (N-2)"_qs, u"其中双链路故障（N-2）"_qs},
         u"linkPairCuts.scenarios"_qs,
         Format::Integer},
        {{u"Bridges"_qs, u"桥"_qs}, u"bridges"_qs, Format::Count},
        {{u"Articulation points"_qs, u"割点"_qs}, u"articulationPoints"_qs, Format::Count}};
    return d;
}

} // namespace nqi::planners::resilience
