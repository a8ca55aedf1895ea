#include "planners/compute/ingest.h"
#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/descriptor.h"

#include "core/model/diagnostic.h"

#include <QJsonArray>

#include <cmath>

namespace nqi::planners::ingest {

using namespace shape;
using namespace text;
using OType = OptionDescriptor::Type;

namespace {

JsonShape result()
{
    return object({{u"volumeTb"_qs, number()},
                   {u"windowHours"_qs, number()},
                   {u"efficiency"_qs, number()},
                   {u"requiredGbps"_qs, number()},
                   {u"options"_qs, arrayOf(object({{u"lineGbps"_qs, number()},
                                                   {u"hours"_qs, number()},
                                                   {u"monthlyCost"_qs, number()},
                                                   {u"linesNeeded"_qs, number()},
                                                   {u"pricePerLine"_qs, number()},
                                                   {u"meetsWindow"_qs, boolean()}}))},
                   {u"cheapest"_qs,
                    object({optional(u"lineGbps"_qs, number()), optional(u"lines"_qs, number()),
                            optional(u"monthlyCost"_qs, number())})},
                   {u"disks"_qs, object({{u"devices"_qs, number()},
                                         {u"hours"_qs, number()},
                                         {u"meetsWindow"_qs, boolean()},
                                         {u"monthlyCost"_qs, number()}})},
                   {u"currency"_qs, string()},
                   optional(u"site"_qs, string())});
}

QJsonArray linesToJson(const std::vector<Line> &lines)
{
    QJsonArray array;
    for (const Line &line : lines)
        array.append(QJsonObject{{u"gbps"_qs, line.gbps}, {u"monthlyCost"_qs, line.monthlyCost}});
    return array;
}

// Ingest's amounts are above 0 (a window, a volume per device, an efficiency).
OptionDescriptor amount(const QString &key,
                        const QString &flag,
                        QJsonValue defaultValue,
                        const QString &unit,
                        const QString &valueName,
                        Text label,
                        Text help)
{
    OptionDescriptor o = common::amountOption(key, flag, std::move(defaultValue), unit, valueName,
                                              std::move(label), std::move(help));
    o.minimumExclusive = true;
    return o;
}

// The summary `nqi plan` prints without --json.
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

} // namespace

PlannerDescriptor descriptor()
{
    const Options defaults;
    PlannerDescriptor d;
    d.name = u"ingest"_qs;
    d.title = {u"Data ingest"_qs, u"数据入算"_qs};
    d.menuText = {u"Data &Ingest for the Selected Site…"_qs, u"所选站点的数据入算(&I)…"_qs};
    d.description = {
        u"Bulk data ingest: the line rate needed to move a volume within its window, the "
        "transfer time on each offered line, the cheapest lines that meet the window, and "
        "shipping disks as the alternative. Volumes in decimal TB; TiB, PB, PiB accepted with "
        "their unit."_qs,
        u"批量数据入算：在时间窗内传完数据量所需的线路速率、各可选线路上的传输时间、满足时间窗"
        "的最低成本线路方案，以及寄送硬盘的替代方案。数据量按十进制 TB 计，也可带单位给出 "
        "TiB、PB、PiB。"_qs};

    OptionDescriptor site;
    site.key = u"site"_qs;
    site.flag = u"site"_qs;
    site.type = OType::Site;
    site.valueName = u"CODE"_qs;
    site.label = {u"Ingest site"_qs, u"入算站点"_qs};
    site.help = {u"The ingest site's code: its demands given as volumes are the volume and "
                 "window."_qs,
                 u"入算站点代码：以该站点按数据量给出的需求作为数据量和时间窗。"_qs};
    OptionDescriptor volume;
    volume.key = u"volumeTb"_qs;
    volume.flag = u"tb-per-day"_qs;
    volume.type = OType::Text;
    volume.valueName = u"V"_qs;
    volume.unit = u"TB"_qs;
    volume.withoutProject = true;
    volume.label = {u"Volume per window"_qs, u"每个时间窗的数据量"_qs};
    volume.help = {u"Volume per window, e.g. 100 or 90TiB (default: the site's demands)."_qs,
                   u"每个时间窗的数据量，例如 100 或 90TiB（默认：该站点的需求）。"_qs};
    volume.parse = [](const QString &text, QString &problem) -> QJsonValue {
        const std::optional<double> tb = parseTerabytes(text);
        if (!tb || !(*tb > 0.0) || !(*tb <= 1e9)) {
            problem = u"\"%1\" is not a volume of at most 1,000,000,000 TB (e.g. 100, 100TB, "
                      "90TiB, 1.5PB)"_qs.arg(core::excerpt(text));
            return QJsonValue(QJsonValue::Undefined);
        }
        return *tb;
    };
    volume.validate = [](const QJsonValue &value) -> QString {
        if (!value.isDouble() || !(value.toDouble() > 0.0) || !(value.toDouble() <= 1e9))
            return u"must be a volume above 0 and at most 1,000,000,000 TB (a zettabyte)"_qs;
        return {};
    };
    OptionDescriptor window =
        amount(u"windowHours"_qs, u"window-hours"_qs, QJsonValue::Null, u"h"_qs, u"H"_qs,
               {u"Window"_qs, u"时间窗"_qs},
               {u"Window the volume must move in, in hours (default: the site's demands', else "
                "24)."_qs,
                u"数据量须在其中传完的时间窗，单位小时（默认：该站点需求的时间窗，否则 24）。"_qs});
    OptionDescriptor efficiency =
        amount(u"efficiency"_qs, u"efficiency"_qs, defaults.efficiency, QString(), u"E"_qs,
               {u"Share of the line rate the transfer achieves"_qs, u"传输可达到的线路速率比例"_qs},
               {u"Goodput over line rate, above 0 and at most 1."_qs,
                u"有效吞吐与线路速率之比，大于 0 且不超过 1。"_qs});
    efficiency.maximum = 1.0;
    efficiency.formScale = 100.0;
    efficiency.unit = u"%"_qs; // as the form shows it
    OptionDescriptor lines;
    lines.key = u"lines"_qs;
    lines.flag = u"line"_qs;
    lines.valueName = u"GBPS:COST"_qs;
    common::makeRateCostList(lines, u"monthlyCost"_qs, 64);
    lines.defaultValue = linesToJson(defaults.lines);
    lines.label = {u"Lines and their monthly prices"_qs, u"线路及月租"_qs};
    lines.help = {u"A line as GBPS:MONTHLY_COST; repeat or separate by commas (default 0.1:1500 "
                  "1:8000 10:40000 100:200000)."_qs,
                  u"线路，格式为 GBPS:月租；可重复给出或以逗号分隔（默认 0.1:1500 1:8000 "
                  "10:40000 100:200000）。"_qs};
    d.options = {
        site,
        volume,
        window,
        efficiency,
        lines,
        amount(u"diskTb"_qs, u"disk-tb"_qs, defaults.diskTb, u"TB"_qs, u"TB"_qs,
               {u"Capacity per shipped device"_qs, u"每个寄送设备的容量"_qs},
               {u"Capacity per shipped device in TB."_qs, u"每个寄送设备的容量，单位 TB。"_qs}),
        amount(u"transitHours"_qs, u"transit-hours"_qs, defaults.transitHours, u"h"_qs, u"H"_qs,
               {u"Shipping time door to door"_qs, u"门到门运输时间"_qs},
               {u"Shipping time door to door in hours."_qs, u"门到门运输时间，单位小时。"_qs})};
    d.options.back().minimumExclusive = false;
    d.reads = Reads::Site;
    d.subjectOption = u"site"_qs;
    d.needsProject = false;
    d.asks = true;
    d.run = [](const core::Network *network, const QJsonObject &options, Progress &) {
        Options o;
        o.efficiency = options.value(u"efficiency"_qs).toDouble(o.efficiency);
        o.diskTb = options.value(u"diskTb"_qs).toDouble(o.diskTb);
        o.transitHours = options.value(u"transitHours"_qs).toDouble(o.transitHours);
        if (const QJsonArray list = options.value(u"lines"_qs).toArray(); !list.isEmpty()) {
            o.lines.clear();
            for (const QJsonValue &line : list)
                o.lines.push_back(
                    {line[u"gbps"_qs].toDouble(), line[u"monthlyCost"_qs].toDouble()});
        }
        QString currency = u"CNY"_qs;
        if (options.contains(u"site"_qs)) {
            if (!network)
                throw core::Failure(u"ingest: --site %1 needs a project"_qs.arg(
                    options.value(u"site"_qs).toString()));
            o = fromSite(*network, options.value(u"site"_qs).toString(), o);
            currency = network->settings().currency;
        } else if (!options.contains(u"volumeTb"_qs)) {
            throw core::Failure(u"ingest: give a project with --site CODE, or --tb-per-day"_qs);
        }
        if (network)
            currency = network->settings().currency;
        o.volumeTb = options.value(u"volumeTb"_qs).toDouble(o.volumeTb);
        o.windowHours = options.value(u"windowHours"_qs).toDouble(o.windowHours);
        QJsonObject json = toJson(plan(o), currency);
        if (options.contains(u"site"_qs))
            json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    };
    d.method = {u"Data ingest: required line rate = volume x 8 / window / efficiency; per offered line "
                "the transfer time, the lines in parallel that meet the window and their monthly "
                "cost; shipping disks as the alternative (write, transit and read)."_qs,
                u"数据入算：所需线路速率 = 数据量 × 8 / 时间窗 / 效率；对每种可选线路给出传输时间、满足"
                u"时间窗所需的并行线路数及月费用；以寄送硬盘（写入、运输、读出）作为替代方案。"_qs};
    d.result = result();
    d.textSummary = printIngest;
    auto c = [](const char16_t *en, const char16_t *zh, const char16_t *field,
                Format format = Format::Number) {
        return ColumnDescriptor{
            {QString::fromUtf16(en), QString::fromUtf16(zh)}, QString::fromUtf16(field), format};
    };
    d.tables = {
        {{u"Lines"_qs, u"线路"_qs},
         u"options"_qs,
         {c(u"Line (Gb/s)", u"线路（Gb/s）", u"lineGbps"),
          c(u"Hours on one line", u"单线路耗时（h）", u"hours"),
          c(u"Meets the window", u"满足时间窗", u"meetsWindow", Format::Bool),
          c(u"Lines to meet it", u"满足所需线路数", u"linesNeeded", Format::Integer),
          c(u"Monthly cost", u"月费用", u"monthlyCost")},
         TableDescriptor::Selects::None,
         {}},
        {{u"Summary"_qs, u"概要"_qs},
         QString(),
         {c(u"Volume (TB)", u"数据量（TB）", u"volumeTb"),
          c(u"Window (h)", u"时间窗（h）", u"windowHours"),
          c(u"Efficiency", u"效率", u"efficiency", Format::Percent),
          c(u"Line rate needed (Gb/s)", u"所需线路速率（Gb/s）", u"requiredGbps"),
          c(u"Cheapest line (Gb/s)", u"最低成本线路（Gb/s）", u"cheapest.lineGbps"),
          c(u"Cheapest: lines", u"最低成本：线路数", u"cheapest.lines", Format::Integer),
          c(u"Cheapest: monthly cost", u"最低成本：月费用", u"cheapest.monthlyCost"),
          c(u"Disks to ship", u"需寄送硬盘数", u"disks.devices", Format::Integer),
          c(u"Disks: hours door to door", u"硬盘：门到门小时数", u"disks.hours"),
          c(u"Disks meet the window", u"硬盘满足时间窗", u"disks.meetsWindow", Format::Bool)},
         TableDescriptor::Selects::None,
         {}}};
    d.charts = {{ChartDescriptor::Kind::Custom,
                 {u"Transfer time against line rate"_qs, u"传输时间与线路速率"_qs},
                 u"options"_qs,
                 u"hours"_qs,
                 {},
                 u"lineGbps"_qs,
                 {u"Hours (log scale)"_qs, u"小时（对数坐标）"_qs},
                 Format::Number}};
    d.figures = {{{u"Line rate needed"_qs, u"所需线路速率"_qs},
                  u"requiredGbps"_qs,
                  Format::Number,
                  u"Gb/s"_qs},
                 {{u"Cheapest monthly cost"_qs, u"最低月费用"_qs},
                  u"cheapest.monthlyCost"_qs,
                  Format::Number}};
    return d;
}

} // namespace nqi::planners::ingest
