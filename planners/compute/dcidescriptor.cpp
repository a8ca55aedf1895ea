#include "planners/compute/dci.h"
#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"

namespace nqi::planners::dci {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;

namespace {

JsonShape result()
{
    return object({{u"distanceKm"_qs, number()},
                   {u"rateGbps"_qs, number()},
                   {u"oneWayMs"_qs, number()},
                   {u"rttMs"_qs, number()},
                   {u"bdpMB"_qs, number()},
                   {u"headroomMB"_qs, number()},
                   {u"headroomFixedMB"_qs, number()},
                   {u"crossDcSyncSeconds"_qs, number()},
                   {u"singleDcSyncSeconds"_qs, number()},
                   {u"slowdown"_qs, number()},
                   {u"maxLosslessKm"_qs, numberOrNull()},
                   optional(u"link"_qs, integer()),
                   optional(u"a"_qs, string()),
                   optional(u"b"_qs, string())});
}

// The summary `nqi plan` prints without --json.
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

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"dci"_qs;
    d.title = {u"Link between data centres"_qs, u"数据中心间链路"_qs};
    d.menuText = {u"Link Between &Data Centres (Selected Link)…"_qs,
                  u"数据中心间链路（所选链路）(&D)…"_qs};
    d.description = {
        u"A lossless link between two data centres: RTT, bandwidth-delay product, PFC headroom "
        "at each end (IEEE 802.1Qbb Annex N), the longest lossless distance a buffer allows, "
        "and the time to synchronise gradients across the two DCs (hierarchical ring "
        "all-reduce) against one DC."_qs,
        u"两个数据中心之间的无损链路：往返时延、带宽时延积、两端的 PFC 余量（IEEE 802.1Qbb "
        "附录 N）、给定缓存可支持的最长无损距离，以及跨两个数据中心同步梯度（分层环形 "
        "all-reduce）与单数据中心相比所需的时间。"_qs};

    OptionDescriptor link;
    link.key = u"link"_qs;
    link.flag = u"link"_qs;
    link.type = OType::Link;
    link.valueName = u"ID"_qs;
    link.label = {u"Link"_qs, u"链路"_qs};
    link.help = {u"The project's link id: its length and capacity are the route length and "
                 "rate unless given."_qs,
                 u"项目中的链路编号：未另行给出时，以其长度和容量作为路由长度和速率。"_qs};
    OptionDescriptor distance =
        common::amountOption(u"distanceKm"_qs, u"distance-km"_qs, QJsonValue::Null, u"km"_qs,
                             u"KM"_qs, {u"Route length"_qs, u"路由长度"_qs},
                             {u"Fibre route length in km (default: the link's)."_qs,
                              u"光纤路由长度，单位 km（默认：该链路的长度）。"_qs});
    distance.maximum = 100000.0; // core::limits::kMaxLinkLengthKm
    distance.withoutProject = true;
    OptionDescriptor rate =
        common::amountOption(u"rateGbps"_qs, u"rate-gbps"_qs, QJsonValue::Null, u"Gb/s"_qs,
                             u"GBPS"_qs, {u"Line rate"_qs, u"线路速率"_qs},
                             {u"Line rate in Gb/s (default: the link's capacity)."_qs,
                              u"线路速率，单位 Gb/s（默认：该链路的容量）。"_qs});
    rate.minimumExclusive = true;
    rate.maximum = 1e6; // 1 Pb/s: a thousand times the fastest line
    rate.withoutProject = true;
    OptionDescriptor mtu;
    mtu.key = u"mtu"_qs;
    mtu.flag = u"mtu"_qs;
    mtu.type = OType::Integer;
    mtu.defaultValue = defaults.mtuBytes;
    mtu.minimum = 64;
    mtu.maximum = 65535;
    mtu.unit = u"bytes"_qs;
    mtu.valueName = u"BYTES"_qs;
    mtu.label = {u"Largest frame"_qs, u"最大帧长"_qs};
    mtu.help = {u"Largest frame in bytes, 64..65535."_qs, u"最大帧长，单位字节，64..65535。"_qs};
    d.options = {
        link,
        distance,
        rate,
        common::amountOption(
            u"bufferMb"_qs, u"buffer-mb"_qs, QJsonValue::Null, u"MB"_qs, u"MB"_qs,
            {u"Lossless buffer per port"_qs, u"每端口无损缓存"_qs},
            {u"Lossless buffer per port and priority in MB, for the longest lossless "
             "distance (default: not given)."_qs,
             u"每端口每优先级的无损缓存，单位 MB，用于计算最长无损距离（默认：未给出）。"_qs}),
        mtu,
        common::amountOption(
            u"modelGb"_qs, u"model-gb"_qs, defaults.modelGb, u"GB"_qs, u"GB"_qs,
            {u"Gradients per training step"_qs, u"每训练步梯度量"_qs},
            {u"Gradient bytes per step in GB (default 140: 70B parameters in bf16)."_qs,
             u"每训练步的梯度量，单位 GB（默认 140：700 亿参数，bf16）。"_qs}),
        common::amountOption(
            u"intraDcGbps"_qs, u"intra-dc-gbps"_qs, defaults.intraDcGbps, u"Gb/s"_qs, u"GBPS"_qs,
            {u"Bandwidth per accelerator inside a DC"_qs, u"数据中心内每卡带宽"_qs},
            {u"Per-accelerator network bandwidth inside one DC in Gb/s."_qs,
             u"单个数据中心内每张加速卡的网络带宽，单位 Gb/s。"_qs}),
        common::amountOption(u"computeSeconds"_qs, u"compute-seconds"_qs, defaults.computeSeconds,
                             u"s"_qs, u"S"_qs,
                             {u"Compute per training step"_qs, u"每训练步计算时间"_qs},
                             {u"Compute time of a training step in s, for the slowdown."_qs,
                              u"每训练步的计算时间，单位 s，用于计算减速比。"_qs})};
    d.options[6].minimumExclusive = true; // intra-DC bandwidth
    d.reads = Reads::Link;
    d.subjectOption = u"link"_qs;
    d.needsProject = false;
    d.asks = true;
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &) {
        Options o;
        QJsonObject linkFields;
        if (options.contains(u"link"_qs)) {
            const qint64 id = options.value(u"link"_qs).toInteger();
            const core::Link *found = network ? network->link(id) : nullptr;
            if (!found)
                throw core::Failure(
                    network ? u"dci: --link %1: no such link in the project; `nqi export --layer "
                              "links` lists them"_qs.arg(id)
                            : u"dci: --link %1 needs a project"_qs.arg(id));
            o.distanceKm = network->lengthKm(*found);
            o.rateGbps = found->capacityGbps;
            linkFields = {{u"link"_qs, found->id},
                          {u"a"_qs, network->site(found->siteA)->code},
                          {u"b"_qs, network->site(found->siteB)->code}};
        } else if (!options.contains(u"distanceKm"_qs) || !options.contains(u"rateGbps"_qs)) {
            throw core::Failure(
                u"dci: give a project with --link ID, or --distance-km and --rate-gbps"_qs);
        }
        o.distanceKm = options.value(u"distanceKm"_qs).toDouble(o.distanceKm);
        o.rateGbps = options.value(u"rateGbps"_qs).toDouble(o.rateGbps);
        if (options.contains(u"bufferMb"_qs))
            o.bufferMb = options.value(u"bufferMb"_qs).toDouble();
        o.mtuBytes = options.value(u"mtu"_qs).toDouble(o.mtuBytes);
        o.modelGb = options.value(u"modelGb"_qs).toDouble(o.modelGb);
        o.intraDcGbps = options.value(u"intraDcGbps"_qs).toDouble(o.intraDcGbps);
        o.computeSeconds = options.value(u"computeSeconds"_qs).toDouble(o.computeSeconds);
        QJsonObject json = toJson(plan(o));
        for (auto it = linkFields.constBegin(); it != linkFields.constEnd(); ++it)
            json.insert(it.key(), it.value());
        return json;
    };
    d.method = {u"Data-centre interconnect: round trip 2 x length x 4.897 µs/km; PFC headroom per port "
                "and priority after IEEE 802.1Qbb Annex N (frames at both ends, the PFC frame, "
                "interface, cable and response delays); cross-DC training as ring all-reduce inside "
                "each DC plus a two-party all-reduce of the reduced gradient over the link."_qs,
                u"数据中心互联：往返时延 = 2 × 长度 × 4.897 µs/km；每端口每优先级的 PFC 余量按 IEEE "
                u"802.1Qbb 附录 N 计算（两端帧、PFC 帧、接口、线缆与响应时延）；跨数据中心训练按各中心"
                u"内环形 all-reduce 加链路上两方 all-reduce 计算。"_qs};
    d.result = result();
    d.textSummary = printDci;
    auto c = [](const char16_t *en, const char16_t *zh, const char16_t *field) {
        return ColumnDescriptor{{QString::fromUtf16(en), QString::fromUtf16(zh)},
                                QString::fromUtf16(field),
                                Format::Number};
    };
    d.tables = {
        {{u"Summary"_qs, u"概要"_qs},
         QString(),
         {c(u"Route length (km)", u"路由长度（km）", u"distanceKm"),
          c(u"Rate (Gb/s)", u"速率（Gb/s）", u"rateGbps"),
          c(u"Round trip (ms)", u"往返时延（ms）", u"rttMs"),
          c(u"Bandwidth-delay product (MB)", u"带宽时延积（MB）", u"bdpMB"),
          c(u"PFC headroom at each end (MB)", u"每端 PFC 余量（MB）", u"headroomMB"),
          c(u"Longest lossless distance (km)", u"最长无损距离（km）", u"maxLosslessKm"),
          c(u"Gradient sync across the DCs (s)", u"跨数据中心梯度同步（s）", u"crossDcSyncSeconds"),
          c(u"Gradient sync in one DC (s)", u"单数据中心梯度同步（s）", u"singleDcSyncSeconds"),
          c(u"Training step slowdown", u"训练步减速比", u"slowdown")},
         TableDescriptor::Selects::None,
         {}}};
    d.charts = {
        {ChartDescriptor::Kind::Custom,
         {u"PFC headroom against distance"_qs, u"PFC 余量与距离"_qs},
         {},
         u"headroomMB"_qs,
         {},
         {},
         {u"PFC headroom per port and priority (MB)"_qs, u"每端口每优先级 PFC 余量（MB）"_qs},
         Format::Number}};
    d.map = {};
    d.figures = {
        {{u"Round trip"_qs, u"往返时延"_qs}, u"rttMs"_qs, Format::Number, u"ms"_qs},
        {{u"PFC headroom at each end"_qs, u"每端 PFC 余量"_qs},
         u"headroomMB"_qs,
         Format::Number,
         u"MB"_qs},
        {{u"Training step slowdown"_qs, u"训练步减速比"_qs}, u"slowdown"_qs, Format::Number}};
    return d;
}

} // namespace nqi::planners::dci
