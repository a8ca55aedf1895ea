#include "planners/compute/ingest.h"

#include "core/model/diagnostic.h"
#include "core/model/numbers.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace nqi::planners::ingest {

std::optional<double> parseTerabytes(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(TB|TiB|PB|PiB|GB|GiB)?\\s*$"_qs,
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2).toLower();
    if (unit.isEmpty() || unit == u"tb")
        return value;
    if (unit == u"tib")
        return value * 1.099511627776;
    if (unit == u"pb")
        return value * 1000.0;
    if (unit == u"pib")
        return value * 1125.899906842624;
    if (unit == u"gb")
        return value / 1000.0;
    return value * 1.073741824e-3; // GiB
}

// Lines or devices a plan may count: a billion (an int holds them, and no real plan comes near).
constexpr double kMaxCount = 1e9;

Result plan(const Options &o)
{
    auto refuse = [](const QString &message) {
        throw core::Failure(core::makeError({}, 0, u"ingest"_qs, message));
    };
    if (!(o.volumeTb > 0.0))
        refuse(u"give a positive volume (--tb-per-day, or a site with volume demands)"_qs);
    if (!(o.windowHours > 0.0))
        refuse(u"the window must be positive"_qs);
    if (!(o.efficiency > 0.0 && o.efficiency <= 1.0))
        refuse(u"the efficiency must be above 0 and at most 1"_qs);
    if (o.lines.empty())
        refuse(u"give at least one line to compare"_qs);
    Result r;
    r.volumeTb = o.volumeTb;
    r.windowHours = o.windowHours;
    r.efficiency = o.efficiency;
    const double bits = o.volumeTb * 1e12 * 8.0;
    r.requiredGbps = bits / (o.windowHours * 3600.0) / o.efficiency / 1e9;
    for (const Line &line : o.lines) {
        if (!(line.gbps > 0.0) || !(line.monthlyCost >= 0.0))
            refuse(u"a line needs a positive rate and a cost of at least 0"_qs);
        LineOption option;
        option.line = line;
        option.hours = bits / (line.gbps * 1e9 * o.efficiency) / 3600.0;
        option.meetsWindow = option.hours <= o.windowHours * (1.0 + 1e-12);
        // Counted as a double first: a volume or window beyond reason would overflow an int
        // (and then read as one line meeting the window).
        const double lines = std::ceil(r.requiredGbps / line.gbps - 1e-9);
        if (!(lines <= kMaxCount))
            refuse(u"moving %1 TB in %2 h needs %3 Gb/s, more than a billion %4 Gb/s lines: "
                   "check the volume and the window"_qs.arg(core::formatNumber(o.volumeTb),
                                                             core::formatNumber(o.windowHours),
                                                             core::formatNumber(r.requiredGbps),
                                                             core::formatNumber(line.gbps)));
        option.linesNeeded = std::max(1, int(lines));
        option.monthlyCost = option.linesNeeded * line.monthlyCost;
        r.options.push_back(option);
    }
    for (size_t i = 0; i < r.options.size(); ++i)
        if (!r.cheapest || r.options[i].monthlyCost < r.options[*r.cheapest].monthlyCost)
            r.cheapest = i;

    const double disks = std::ceil(o.volumeTb / o.diskTb - 1e-9);
    if (!(disks <= kMaxCount))
        refuse(u"%1 TB on %2 TB devices is more than a billion devices: check the volume"_qs.arg(
            core::formatNumber(o.volumeTb), core::formatNumber(o.diskTb)));
    r.disks = int(disks);
    const double copyHours = o.diskTb * 1e12 * 8.0 / (o.diskWriteGbps * 1e9) / 3600.0;
    r.diskHours = 2.0 * copyHours + o.transitHours; // devices written and read in parallel
    r.disksMeetWindow = r.diskHours <= o.windowHours;
    r.diskMonthlyCost = r.disks * o.diskCostPerShipment * (30.0 * 24.0 / o.windowHours);
    return r;
}

Options fromSite(const core::Network &network, const QString &code, Options options)
{
    const core::Site *site = network.siteByCode(code);
    if (!site)
        throw core::Failure(core::makeError({}, 0, u"--site %1"_qs.arg(code),
                                            u"no site with this code in the project"_qs));
    double volume = 0.0;
    std::optional<double> window;
    for (const core::Demand &demand : network.demands()) {
        if (demand.source != site->id || !demand.volumeTb)
            continue;
        volume += *demand.volumeTb;
        const double hours = demand.windowHours.value_or(24.0);
        window = window ? std::min(*window, hours) : hours;
    }
    if (!window)
        throw core::Failure(core::makeError(
            {}, 0, u"--site %1"_qs.arg(code),
            u"the site sends no demand given as a volume (volume_tb); give --tb-per-day"_qs));
    options.volumeTb = volume;
    options.windowHours = *window;
    return options;
}

QJsonObject toJson(const Result &r, const QString &currency)
{
    QJsonArray options;
    for (const LineOption &option : r.options)
        options.append(QJsonObject{{u"lineGbps"_qs, option.line.gbps},
                                   {u"hours"_qs, option.hours},
                                   {u"monthlyCost"_qs, option.monthlyCost},
                                   {u"linesNeeded"_qs, option.linesNeeded},
                                   {u"pricePerLine"_qs, option.line.monthlyCost},
                                   {u"meetsWindow"_qs, option.meetsWindow}});
    QJsonObject cheapest;
    if (r.cheapest) {
        const LineOption &option = r.options[*r.cheapest];
        cheapest = {{u"lineGbps"_qs, option.line.gbps},
                    {u"lines"_qs, option.linesNeeded},
                    {u"monthlyCost"_qs, option.monthlyCost}};
    }
    return {{u"volumeTb"_qs, r.volumeTb},
            {u"windowHours"_qs, r.windowHours},
            {u"efficiency"_qs, r.efficiency},
            {u"requiredGbps"_qs, r.requiredGbps},
            {u"options"_qs, options},
            {u"cheapest"_qs, cheapest},
            {u"disks"_qs, QJsonObject{{u"devices"_qs, r.disks},
                                      {u"hours"_qs, r.diskHours},
                                      {u"meetsWindow"_qs, r.disksMeetWindow},
                                      {u"monthlyCost"_qs, r.diskMonthlyCost}}},
            {u"currency"_qs, currency}};
}

} // namespace nqi::planners::ingest
