#include "planners/compute/fabric.h"
#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"

namespace nqi::planners::fabric {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;

namespace {

JsonShape result()
{
    // Counts of devices may pass 2^53 for absurd sizes: numbers, not integers.
    return object({{u"tiers"_qs, integer()},
                   {u"topology"_qs, string()},
                   {u"servers"_qs, number()},
                   {u"endpoints"_qs, number()},
                   {u"scalableUnits"_qs, number()},
                   {u"leafSwitches"_qs, number()},
                   {u"spineSwitches"_qs, number()},
                   {u"coreSwitches"_qs, number()},
                   {u"switches"_qs, number()},
                   {u"cables"_qs, number()},
                   {u"cablesPerTier"_qs, object({{u"serverLeaf"_qs, number()},
                                                 {u"leafSpine"_qs, number()},
                                                 {u"spineCore"_qs, number()}})},
                   {u"switchTransceivers"_qs, number()},
                   {u"serverTransceivers"_qs, number()},
                   {u"bisectionTbps"_qs, number()},
                   {u"leafDownlinks"_qs, number()},
                   {u"leafUplinks"_qs, number()},
                   {u"breakout"_qs, number()},
                   {u"max2TierGpus"_qs, number()},
                   {u"max3TierGpus"_qs, number()},
                   {u"max2TierEndpoints"_qs, number()},
                   {u"max3TierEndpoints"_qs, number()},
                   optional(u"powerKw"_qs, number()),
                   optional(u"cost"_qs, number()),
                   {u"gpus"_qs, number()},
                   optional(u"site"_qs, string())});
}

OptionDescriptor count(const QString &key,
                       const QString &flag,
                       QJsonValue defaultValue,
                       double minimum,
                       double maximum,
                       Text label,
                       Text help)
{
    OptionDescriptor o;
    o.key = key;
    o.flag = flag;
    o.type = OType::Integer;
    o.defaultValue = std::move(defaultValue);
    o.minimum = minimum;
    o.maximum = maximum;
    o.valueName = u"N"_qs;
    o.label = std::move(label);
    o.help = std::move(help);
    return o;
}

// The summary `nqi plan` prints without --json.
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

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"fabric"_qs;
    d.title = {u"GPU fabric"_qs, u"GPU 组网"_qs};
    d.menuText = {u"GPU &Fabric for the Selected Site…"_qs, u"所选站点的 GPU 组网(&F)…"_qs};
    d.description = {
        u"Size the network fabric of a GPU cluster inside a data centre: a Clos of leaf, spine "
        "(and core) switches, rail-optimised or plain leaf-spine, 2 tiers when they hold the "
        "cluster, else 3: switches, cables and transceivers per tier, bisection bandwidth and "
        "the largest cluster the switch allows."_qs,
        u"为数据中心内的 GPU 集群规划网络：由叶、脊（及核心）交换机组成的 Clos，轨道优化或普通"
        "叶脊，两层能容纳时用两层，否则三层；给出各层交换机、线缆和光模块数量、对分带宽以及"
        "该交换机可支持的最大集群规模。"_qs};

    OptionDescriptor gpus = count(u"gpus"_qs, u"gpus"_qs, QJsonValue::Undefined, 1, kMaxGpus,
                                  {u"Accelerators"_qs, u"加速卡数"_qs},
                                  {u"Accelerators in the cluster, 1..10,000,000 (for a site: its "
                                   "GPUs)."_qs,
                                   u"集群中的加速卡数，1..10,000,000（针对站点时：该站点的 GPU "
                                   "数）。"_qs});
    OptionDescriptor switchPorts =
        count(u"switchPorts"_qs, u"switch-ports"_qs, defaults.switchPorts, 4, kMaxSwitchPorts,
              {u"Switch ports"_qs, u"交换机端口数"_qs},
              {u"Switch radix at the port speed, even, 4..2048."_qs,
               u"按端口速率计的交换机端口数，偶数，4..2048。"_qs});
    OptionDescriptor topology;
    topology.key = u"topology"_qs;
    topology.flag = u"topology"_qs;
    topology.type = OType::Choice;
    topology.defaultValue = u"rail_optimized"_qs;
    topology.valueName = u"T"_qs;
    topology.choices = {{u"rail_optimized"_qs,
                         {u"Rail-optimised"_qs, u"轨道优化"_qs},
                         {u"rail"_qs, u"rail-optimised"_qs}},
                        {u"leaf_spine"_qs, {u"Leaf-spine"_qs, u"叶脊"_qs}, {}}};
    topology.label = {u"Topology"_qs, u"拓扑"_qs};
    topology.help = {u"rail (rail-optimised, default) or leaf-spine."_qs,
                     u"rail（轨道优化，默认）或 leaf-spine（叶脊）。"_qs};
    OptionDescriptor tiers = count(u"tiers"_qs, u"tiers"_qs, QJsonValue::Null, 2, 3,
                                   {u"Tiers (2 or 3; empty: the fewest that hold it)"_qs,
                                    u"层数（2 或 3；留空：能容纳的最少层数）"_qs},
                                   {u"Force 2 or 3 tiers (default: 2 when they hold the "
                                    "cluster)."_qs,
                                    u"强制 2 层或 3 层（默认：两层能容纳时用两层）。"_qs});
    OptionDescriptor oversubscription = common::amountOption(
        u"oversubscription"_qs, u"oversubscription"_qs, defaults.oversubscription, QString(),
        u"R"_qs, {u"Leaf oversubscription"_qs, u"叶层收敛比"_qs},
        {u"Leaf downlink:uplink bandwidth ratio, 1..100."_qs,
         u"叶交换机下行与上行带宽之比，1..100。"_qs});
    oversubscription.minimum = 1.0;
    oversubscription.maximum = kMaxOversubscription;
    OptionDescriptor nic = common::amountOption(
        u"nicGbps"_qs, u"nic-gbps"_qs, defaults.nicGbps, u"Gb/s"_qs, u"GBPS"_qs,
        {u"NIC speed"_qs, u"网卡速率"_qs}, {u"NIC speed in Gb/s."_qs, u"网卡速率，单位 Gb/s。"_qs});
    nic.minimumExclusive = true;
    OptionDescriptor port =
        common::amountOption(u"portGbps"_qs, u"port-gbps"_qs, defaults.portGbps, u"Gb/s"_qs,
                             u"GBPS"_qs, {u"Port speed"_qs, u"端口速率"_qs},
                             {u"Switch port speed in Gb/s."_qs, u"交换机端口速率，单位 Gb/s。"_qs});
    port.minimumExclusive = true;
    auto notGiven = [](const QString &key, const QString &flag, const QString &unit, Text label,
                       Text help) {
        return common::amountOption(key, flag, QJsonValue::Null, unit,
                                    unit.isEmpty() ? u"C"_qs : u"W"_qs, std::move(label),
                                    std::move(help));
    };
    OptionDescriptor site;
    site.key = u"site"_qs;
    site.flag = u"site"_qs;
    site.type = OType::Site;
    site.valueName = u"CODE"_qs;
    site.label = {u"Site"_qs, u"站点"_qs};
    site.help = {u"The data centre the fabric is for (the result is kept under its code)."_qs,
                 u"该组网所属的数据中心（结果按其代码保存）。"_qs};
    d.options = {gpus,
                 count(u"gpusPerServer"_qs, u"gpus-per-server"_qs, defaults.gpusPerServer, 1,
                       kMaxGpusPerServer, {u"Accelerators per server"_qs, u"每服务器加速卡数"_qs},
                       {u"Accelerators per server."_qs, u"每台服务器的加速卡数。"_qs}),
                 count(u"rails"_qs, u"rails"_qs, defaults.rails, 1, kMaxRails,
                       {u"NICs (rails) per server"_qs, u"每服务器网卡（轨道）数"_qs},
                       {u"NICs (rails) per server."_qs, u"每台服务器的网卡（轨道）数。"_qs}),
                 nic,
                 switchPorts,
                 port,
                 count(u"portsPerTransceiver"_qs, u"ports-per-transceiver"_qs,
                       defaults.portsPerTransceiver, 1, kMaxPortsPerTransceiver,
                       {u"Switch ports per transceiver"_qs, u"每个光模块的交换机端口数"_qs},
                       {u"Switch ports per transceiver, 2 for twin-port OSFP."_qs,
                        u"每个光模块对应的交换机端口数，双端口 OSFP 为 2。"_qs}),
                 count(u"serversPerSu"_qs, u"servers-per-su"_qs, defaults.serversPerSu, 1,
                       kMaxServersPerSu,
                       {u"Servers per scalable unit"_qs, u"每可扩展单元服务器数"_qs},
                       {u"Servers per scalable unit."_qs, u"每个可扩展单元的服务器数。"_qs}),
                 oversubscription,
                 topology,
                 tiers,
                 notGiven(u"switchWatts"_qs, u"switch-watts"_qs, u"W"_qs,
                          {u"Power per switch"_qs, u"每台交换机功率"_qs},
                          {u"Power per switch in W, for the total."_qs,
                           u"每台交换机功率，单位 W，用于计算总功率。"_qs}),
                 notGiven(u"switchCost"_qs, u"switch-cost"_qs, QString(),
                          {u"Cost per switch"_qs, u"每台交换机成本"_qs},
                          {u"Cost per switch."_qs, u"每台交换机成本。"_qs}),
                 notGiven(u"transceiverWatts"_qs, u"transceiver-watts"_qs, u"W"_qs,
                          {u"Power per transceiver"_qs, u"每个光模块功率"_qs},
                          {u"Power per transceiver in W."_qs, u"每个光模块功率，单位 W。"_qs}),
                 notGiven(u"transceiverCost"_qs, u"transceiver-cost"_qs, QString(),
                          {u"Cost per transceiver"_qs, u"每个光模块成本"_qs},
                          {u"Cost per transceiver."_qs, u"每个光模块成本。"_qs}),
                 notGiven(u"cableCost"_qs, u"cable-cost"_qs, QString(),
                          {u"Cost per cable"_qs, u"每根线缆成本"_qs},
                          {u"Cost per cable."_qs, u"每根线缆成本。"_qs}),
                 site};
    d.reads = Reads::Site;
    d.subjectOption = u"site"_qs;
    d.needsProject = false;
    d.asks = true;
    d.run = [](const core::Network *, const QJsonObject &options, Progress &) {
        Options o;
        o.gpus = options.value(u"gpus"_qs).toInteger();
        o.gpusPerServer = options.value(u"gpusPerServer"_qs).toInt(o.gpusPerServer);
        o.rails = options.value(u"rails"_qs).toInt(o.rails);
        o.nicGbps = options.value(u"nicGbps"_qs).toDouble(o.nicGbps);
        o.switchPorts = options.value(u"switchPorts"_qs).toInt(o.switchPorts);
        o.portGbps = options.value(u"portGbps"_qs).toDouble(o.portGbps);
        o.portsPerTransceiver =
            options.value(u"portsPerTransceiver"_qs).toInt(o.portsPerTransceiver);
        o.serversPerSu = options.value(u"serversPerSu"_qs).toInt(o.serversPerSu);
        o.oversubscription = options.value(u"oversubscription"_qs).toDouble(o.oversubscription);
        o.topology = options.value(u"topology"_qs).toString() == u"leaf_spine"
                         ? Topology::LeafSpine
                         : Topology::RailOptimized;
        if (options.contains(u"tiers"_qs))
            o.tiers = options.value(u"tiers"_qs).toInt();
        auto given = [&options](const QString &key) -> std::optional<double> {
            if (!options.contains(key))
                return std::nullopt;
            return options.value(key).toDouble();
        };
        o.switchWatts = given(u"switchWatts"_qs);
        o.switchCost = given(u"switchCost"_qs);
        o.transceiverWatts = given(u"transceiverWatts"_qs);
        o.transceiverCost = given(u"transceiverCost"_qs);
        o.cableCost = given(u"cableCost"_qs);
        QJsonObject json = toJson(plan(o));
        json.insert(u"gpus"_qs, o.gpus);
        if (options.contains(u"site"_qs))
            json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    };
    d.method = {u"GPU fabric: a Clos of leaf, spine and core switches sized from the switch radix and "
                "oversubscription (each leaf's ports split into downlinks and uplinks, faster ports "
                "broken out into NIC links), rail-optimised (rail i of every server in a scalable "
                "unit on that unit's rail-i leaf) or leaf-spine; 2 tiers when they hold the "
                "cluster, else 3; cables and transceivers per tier (docs/compute-planners.md)."_qs,
                u"GPU 集群网络：按交换机端口数和收敛比设计叶、脊、核心三级 Clos（叶交换机端口分为下行与"
                u"上行，高速端口拆分为网卡链路），轨道优化（每个可扩展单元内各服务器的第 i 条轨道接入该"
                u"单元的第 i 台叶交换机）或叶脊结构；两层可容纳时用两层，否则三层；按层统计线缆与光模块"
                u"（docs/compute-planners.md）。"_qs};
    d.result = result();
    d.textSummary = printFabric;
    auto c = [](const char16_t *en, const char16_t *zh, const char16_t *field,
                Format format = Format::Integer) {
        return ColumnDescriptor{
            {QString::fromUtf16(en), QString::fromUtf16(zh)}, QString::fromUtf16(field), format};
    };
    d.tables = {
        {{u"Summary"_qs, u"概要"_qs},
         QString(),
         {c(u"Tiers", u"层数", u"tiers"), c(u"Topology", u"拓扑", u"topology", Format::Text),
          c(u"Accelerators", u"加速卡", u"gpus"), c(u"Servers", u"服务器", u"servers"),
          c(u"NIC ports", u"网卡端口", u"endpoints"),
          c(u"Scalable units", u"可扩展单元", u"scalableUnits"),
          c(u"Leaf switches", u"叶交换机", u"leafSwitches"),
          c(u"Spine switches", u"脊交换机", u"spineSwitches"),
          c(u"Core switches", u"核心交换机", u"coreSwitches"),
          c(u"Cables, server to leaf", u"线缆：服务器–叶", u"cablesPerTier.serverLeaf"),
          c(u"Cables, leaf to spine", u"线缆：叶–脊", u"cablesPerTier.leafSpine"),
          c(u"Cables, spine to core", u"线缆：脊–核心", u"cablesPerTier.spineCore"),
          c(u"Transceivers, switch side", u"光模块：交换机侧", u"switchTransceivers"),
          c(u"Transceivers, server side", u"光模块：服务器侧", u"serverTransceivers"),
          c(u"Bisection bandwidth (Tb/s)", u"对分带宽（Tb/s）", u"bisectionTbps", Format::Number),
          c(u"Largest cluster in 2 tiers", u"两层最大规模", u"max2TierGpus"),
          c(u"Largest cluster in 3 tiers", u"三层最大规模", u"max3TierGpus"),
          c(u"Power (kW)", u"功率（kW）", u"powerKw", Format::Number),
          c(u"Cost", u"成本", u"cost", Format::Number)},
         TableDescriptor::Selects::None,
         {}}};
    d.charts = {{ChartDescriptor::Kind::Custom,
                 {u"Switches and cables per tier"_qs, u"各层交换机与线缆"_qs},
                 {},
                 {},
                 {},
                 {},
                 {u"Count (log scale)"_qs, u"数量（对数坐标）"_qs},
                 Format::Integer}};
    d.figures = {{{u"Switches"_qs, u"交换机"_qs}, u"switches"_qs, Format::Integer},
                 {{u"Cables"_qs, u"线缆"_qs}, u"cables"_qs, Format::Integer},
                 {{u"Tiers"_qs, u"层数"_qs}, u"tiers"_qs, Format::Integer}};
    return d;
}

} // namespace nqi::planners::fabric
