#include "planners/capacity/capacity.h"
#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"
#include "planners/registry.h"

#include <QRegularExpression>

#include <map>

namespace nqi::planners::capacity {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;
using Selects = TableDescriptor::Selects;

namespace {

JsonShape result()
{
    return object(
        {{u"targetUtilization"_qs, number()},
         {u"modules"_qs, arrayOf(object({{u"gbps"_qs, number()}, {u"cost"_qs, number()}}))},
         {u"links"_qs, arrayOf(object({{u"id"_qs, integer()},
                                       {u"a"_qs, string()},
                                       {u"b"_qs, string()},
                                       {u"capacityGbps"_qs, number()},
                                       {u"worstLoadGbps"_qs, number()},
                                       {u"worstScenario"_qs, string()},
                                       {u"requiredGbps"_qs, number()},
                                       {u"modules"_qs, arrayOf(integer())},
                                       // Results stored before the mix was given lack it.
                                       optional(u"mix"_qs, string()),
                                       {u"addedGbps"_qs, number()},
                                       {u"cost"_qs, number()},
                                       {u"newUtilization"_qs, number()}}))},
         // Results stored before the bill was given lack it.
         optional(u"bill"_qs, arrayOf(object({{u"gbps"_qs, number()},
                                              {u"count"_qs, integer()},
                                              {u"addedGbps"_qs, number()},
                                              {u"unitCost"_qs, number()},
                                              {u"cost"_qs, number()}}))),
         {u"totalAddedGbps"_qs, number()},
         {u"totalCost"_qs, number()},
         {u"heuristicCost"_qs, number()},
         {u"method"_qs, string()},
         {u"currency"_qs, string()}});
}

// The report's words before the bill: what the plan was sized for, by which method, and whether
// its prices are the placeholders (which only rank the choices).
QStringList reportProse(const QJsonObject &json, const QString &key, const QString &language)
{
    const bool zh = language.startsWith(u"zh");
    const QString currency = json[u"currency"_qs].toString();
    const QString target = QString::number(json[u"targetUtilization"_qs].toDouble() * 100.0, 'f', 0);
    const bool underFailures = ResultKey::parse(key).configuration.isEmpty();
    // The method as the planner names it, in Chinese for a Chinese report.
    QString method = json[u"method"_qs].toString();
    if (zh) {
        static const QRegularExpression exceeded(
            u"^heuristic \\((\\d+) links exceed the exact limit of (\\d+)\\)$"_qs);
        static const std::map<QString, QString> named{
            {u"exact (CBC)"_qs, u"精确求解（CBC）"_qs},
            {u"heuristic"_qs, u"启发式"_qs},
            {u"heuristic (CBC found no proven optimum)"_qs, u"启发式（CBC 未得到已证明的最优解）"_qs},
            {u"nothing to add"_qs, u"无需扩容"_qs}};
        if (const QRegularExpressionMatch m = exceeded.match(method); m.hasMatch())
            method = u"启发式（%1 条链路超出精确求解上限 %2）"_qs.arg(m.captured(1), m.captured(2));
        else if (const auto it = named.find(method); it != named.end())
            method = it->second;
    }
    QStringList paragraphs;
    if (underFailures)
        paragraphs << (zh ? u"目标利用率 %1 %（正常状态及所有单点故障）；方法：%2。"_qs
                          : u"Target utilisation %1 % in the normal state and under every single "
                            "failure; method: %2."_qs)
                              .arg(target, method);
    else
        paragraphs << (zh ? u"目标利用率 %1 %（仅正常状态，未按故障扩容）；方法：%2。"_qs
                          : u"Target utilisation %1 % in the normal state (not sized for "
                            "failures); method: %2."_qs)
                              .arg(target, method);
    const QJsonArray modules = json[u"modules"_qs].toArray();
    const std::vector<Module> defaults = Options{}.modules;
    bool placeholders = modules.size() == qsizetype(defaults.size());
    for (qsizetype m = 0; placeholders && m < modules.size(); ++m)
        placeholders = modules[m][u"gbps"_qs].toDouble() == defaults[size_t(m)].gbps &&
                       modules[m][u"cost"_qs].toDouble() == defaults[size_t(m)].cost;
    if (placeholders)
        paragraphs << (zh ? u"成本使用规划器的占位模块价格（100G 模块 1 %1，400G 3 %1，800G 5 "
                            u"%1），仅用于比较方案；给出模块价格（工作台“规划 > 扩容”，或 nqi "
                            u"plan capacity --module GBPS:COST）即得实际数字。"_qs
                          : u"Costs use the planner's placeholder module prices (a 100G module 1 "
                            "%1, 400G 3 %1, 800G 5 %1), which only rank the choices; give the "
                            "modules' prices (Plan > Capacity in the workbench, or nqi plan "
                            "capacity --module GBPS:COST) for real figures."_qs)
                              .arg(currency);
    return paragraphs;
}

// The summary `nqi plan` prints without --json.
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
    for (const QJsonValue &plan : links)
        c.out << u"  %1: +%2 Gbps (%3), cost %4; sized for %5\n"_qs.arg(
            linkName(plan.toObject()), core::formatNumber(plan[u"addedGbps"_qs].toDouble()),
            plan[u"mix"_qs].toString(), core::formatNumber(plan[u"cost"_qs].toDouble()),
            plan[u"worstScenario"_qs].toString());
}

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"capacity"_qs;
    d.title = {u"Capacity"_qs, u"容量"_qs};
    d.menuText = {u"&Capacity Upgrades…"_qs, u"容量扩容(&C)…"_qs};
    d.description = {
        u"Choose per link a number of modules so that in the normal state and under every "
        "single link, site and SRLG failure no link exceeds the target utilisation, at least "
        "cost: a heuristic for any size, confirmed by an exact MIP (COIN-OR CBC) when small."_qs,
        u"为每条链路选择模块数量，使正常状态及任一单链路、站点和 SRLG 故障下没有链路超过目标"
        "利用率，且总成本最低：任意规模均给出启发式解，规模较小时以精确混合整数规划"
        "（COIN-OR CBC）求证。"_qs};

    OptionDescriptor target;
    target.key = u"target"_qs;
    target.flag = u"target"_qs;
    target.type = OType::Number;
    target.defaultValue = defaults.targetUtilization;
    target.minimum = 0.0;
    target.minimumExclusive = true;
    target.maximum = 1.0;
    target.valueName = u"U"_qs;
    target.formScale = 100.0;
    target.unit = u"%"_qs;
    target.label = {u"Largest utilisation allowed on any link"_qs, u"任意链路允许的最大利用率"_qs};
    target.help = {u"Target utilisation as a fraction, above 0 and at most 1."_qs,
                   u"目标利用率（比例），大于 0 且不超过 1。"_qs};
    OptionDescriptor failures;
    failures.key = u"failures"_qs;
    failures.flag = u"failures"_qs;
    failures.type = OType::Bool;
    failures.offFlag = u"normal-only"_qs;
    failures.defaultValue = defaults.failures;
    failures.label = {u"Also under every single link, site and SRLG failure"_qs,
                      u"同时满足任一单链路、站点及 SRLG 故障"_qs};
    failures.help = {u"Sized for every single link, site and SRLG failure as well as the normal state; "
                     "--normal-only sizes for the normal state alone."_qs,
                     u"除正常状态外，也按任一单链路、站点和 SRLG 故障扩容；--normal-only 表示只按正常"
                     "状态扩容。"_qs};
    OptionDescriptor modules;
    modules.key = u"modules"_qs;
    modules.flag = u"module"_qs;
    modules.valueName = u"GBPS:COST"_qs;
    common::makeRateCostList(modules, u"cost"_qs, kMaxModules);
    modules.defaultValue = modulesToJson(defaults.modules);
    modules.label = {u"Modules and their prices"_qs, u"模块及单价"_qs};
    modules.help = {u"A module as GBPS:COST; repeat or separate by commas for several (default "
                    "100:1 400:3 800:5: placeholder prices that only rank the choices)."_qs,
                    u"模块，格式为 GBPS:COST；多个模块可重复给出或以逗号分隔（默认 100:1 400:3 "
                    "800:5：仅用于比较方案的占位价格）。"_qs};
    OptionDescriptor exactLimit;
    exactLimit.key = u"exactLimit"_qs;
    exactLimit.flag = u"exact-limit"_qs;
    exactLimit.type = OType::Integer;
    exactLimit.defaultValue = defaults.exactLinkLimit;
    exactLimit.minimum = 0;
    exactLimit.maximum = kMaxExactLinkLimit;
    exactLimit.valueName = u"N"_qs;
    exactLimit.label = {u"Largest upgrade solved exactly (links)"_qs,
                        u"精确求解的最大扩容规模（链路数）"_qs};
    exactLimit.help = {u"Largest number of links to upgrade for which the exact MIP runs "
                       "(default 5000)."_qs,
                       u"运行精确混合整数规划的最大待扩容链路数。"_qs};
    d.options = {target,     failures, modules, common::perHopOption(), exactLimit,
                 common::threadsOption()};
    d.configurations = {{QString(), u"failures"_qs, true,
                         {u"sized for every single failure"_qs, u"按所有单点故障扩容"_qs}, {}, {}},
                        {u"normal"_qs, u"failures"_qs, false,
                         {u"sized for the normal state"_qs, u"按正常状态扩容"_qs}, {}, {}}};
    d.asks = true; // the module prices
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &progress) {
        Options o;
        o.targetUtilization = options.value(u"target"_qs).toDouble(o.targetUtilization);
        o.failures = options.value(u"failures"_qs).toBool(true);
        o.exactLinkLimit = options.value(u"exactLimit"_qs).toInt(o.exactLinkLimit);
        o.perHopLatencyMs = options.value(u"perHopMs"_qs).toDouble();
        if (const QJsonArray list = options.value(u"modules"_qs).toArray(); !list.isEmpty())
            o.modules = modulesFromJson(list);
        o.workers = options.value(u"threads"_qs).toInt();
        return toJson(*network, run(*network, o, progress));
    };
    d.result = result();
    d.textSummary = printCapacity;
    d.tables = {
        {{u"Upgrades"_qs, u"扩容"_qs},
         u"links"_qs,
         {{{u"Id"_qs, u"编号"_qs}, u"id"_qs, Format::Integer},
          {{u"Site A"_qs, u"A 端站点"_qs}, u"a"_qs, Format::Text},
          {{u"Site B"_qs, u"B 端站点"_qs}, u"b"_qs, Format::Text},
          {{u"Capacity (Gbps)"_qs, u"容量（Gbps）"_qs}, u"capacityGbps"_qs, Format::Number},
          {{u"Worst load (Gbps)"_qs, u"最坏负载（Gbps）"_qs}, u"worstLoadGbps"_qs, Format::Number},
          {{u"Sized for"_qs, u"按此情形配置"_qs}, u"worstScenario"_qs, Format::Scenario},
          {{u"Added (Gbps)"_qs, u"新增（Gbps）"_qs}, u"addedGbps"_qs, Format::Number},
          {{u"Modules"_qs, u"模块"_qs}, u"mix"_qs, Format::Text},
          {{u"Cost ({currency})"_qs, u"成本（{currency}）"_qs}, u"cost"_qs, Format::Number},
          {{u"New utilisation"_qs, u"新利用率"_qs}, u"newUtilization"_qs, Format::Percent}},
         Selects::Link,
         u"id"_qs},
        {{u"Bill of materials"_qs, u"物料清单"_qs},
         u"bill"_qs,
         {{{u"Module (Gbps)"_qs, u"模块（Gbps）"_qs}, u"gbps"_qs, Format::Number},
          {{u"Count"_qs, u"数量"_qs}, u"count"_qs, Format::Integer},
          {{u"Added (Gbps)"_qs, u"新增（Gbps）"_qs}, u"addedGbps"_qs, Format::Number},
          {{u"Unit cost ({currency})"_qs, u"单价（{currency}）"_qs}, u"unitCost"_qs,
           Format::Number},
          {{u"Cost ({currency})"_qs, u"成本（{currency}）"_qs}, u"cost"_qs, Format::Number}},
         Selects::None,
         {}}};
    d.charts = {{ChartDescriptor::Kind::Bars,
                 {u"Cost per link"_qs, u"各链路成本"_qs},
                 u"links"_qs,
                 u"cost"_qs,
                 {},
                 u"id"_qs,
                 {u"Cost ({currency})"_qs, u"成本（{currency}）"_qs},
                 Format::Number}};
    // No map colouring of its own: its rows are the upgraded links only, so the map keeps the
    // routing result's utilisation.
    d.map = {};
    d.method = {u"Capacity: modules of the given rates chosen per link so that no link exceeds "
                "the target utilisation in the normal state or, sized for failures, under any "
                "single failure, at least cost (COIN-OR CBC integer program, link by link)."_qs,
                u"扩容：为每条链路选择给定速率的模块，使正常状态（按故障扩容时还包括任一单点故障）"
                u"下链路利用率均不超过目标，且成本最低（COIN-OR CBC 整数规划，逐链路求解）。"_qs};
    d.chapters = {{u"capacity"_qs,
                   {u"Capacity to add"_qs, u"扩容"_qs},
                   {u"Capacity to add: bill of materials"_qs, u"扩容物料清单"_qs},
                   // Sized for failures, unless the project holds only a current result sized
                   // for the normal state (the user's choice).
                   {QString(), u"normal"_qs},
                   reportProse,
                   {},
                   {u"bill"_qs, u"links"_qs},
                   20,
                   {}}};
    d.figures = {{{u"Links to upgrade"_qs, u"待扩容链路"_qs}, u"links"_qs, Format::Count},
                 {{u"Capacity added"_qs, u"新增容量"_qs}, u"totalAddedGbps"_qs, Format::Number,
                  u"Gbps"_qs},
                 {{u"Total cost"_qs, u"总成本"_qs}, u"totalCost"_qs, Format::Number,
                  u"{currency}"_qs}};
    return d;
}

} // namespace nqi::planners::capacity
