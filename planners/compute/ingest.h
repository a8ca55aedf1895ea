#pragma once

#include "core/model/network.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace nqi::planners::ingest {

struct Line
{
    double gbps = 0.0;
    double monthlyCost = 0.0; ///< per line, in the project's currency
};

struct Options
{
    double volumeTb = 0.0;     ///< decimal terabytes per window
    double windowHours = 24.0; ///< the window the volume must move in
    double efficiency = 0.8;   ///< goodput / line rate (protocol overhead, contention)
    std::vector<Line> lines{{0.1, 1500.0}, {1.0, 8000.0}, {10.0, 40000.0}, {100.0, 200000.0}};
    double diskTb = 20.0;               ///< capacity of one shipped device
    double diskWriteGbps = 2.0;         ///< copy rate per device, each end
    double transitHours = 48.0;         ///< door to door
    double diskCostPerShipment = 300.0; ///< per device and trip
};

struct LineOption
{
    Line line;
    double hours = 0.0;       ///< one line
    int linesNeeded = 1;      ///< parallel lines to meet the window
    double monthlyCost = 0.0; ///< linesNeeded x the line's price
    bool meetsWindow = false; ///< with one line
};

struct Result
{
    double volumeTb = 0.0, windowHours = 0.0, efficiency = 0.0;
    double requiredGbps = 0.0; ///< line rate needed to move the volume in the window
    std::vector<LineOption> options;
    std::optional<size_t> cheapest; ///< index into options (bundled to meet the window)
    int disks = 0;
    double diskHours = 0.0; ///< write, transit, read
    bool disksMeetWindow = false;
    double diskMonthlyCost = 0.0; ///< shipping every window for a month
};

/// Line rate and transfer time for bulk data ingest, and the cheapest way to meet the window.
Result plan(const Options &options);

/// The ingest volume of a site: its demands given as volume per window (summed; the tightest
/// window). Throws Failure when the site has none.
Options fromSite(const core::Network &network, const QString &code, Options options);

/// Parses "100", "100TB", "90 TiB", "1.5PB" as decimal terabytes; nullopt when not a volume.
std::optional<double> parseTerabytes(const QString &text);

QJsonObject toJson(const Result &result, const QString &currency);

} // namespace nqi::planners::ingest
