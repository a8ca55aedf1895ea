#pragma once

#include "core/model/kinds.h"
#include "core/model/site.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace nqi::core {

using DemandId = qint64;

/// Traffic from one site to another: a rate, or a volume to move within a window.
struct Demand
{
    DemandId id = 0;
    SiteId source = 0;
    SiteId destination = 0;
    QString name;
    std::optional<double> rateGbps;
    std::optional<double> volumeTb;    ///< terabytes (10^12 bytes) per window
    std::optional<double> windowHours; ///< the window volumeTb must move in
    DemandClass demandClass = DemandClass::BestEffort;
    std::optional<double> maxLatencyMs;
    Protection protection = Protection::None;
    QStringList allowedRegions; ///< empty: anywhere; else the regions its paths may cross

    /// The rate given, or the volume spread evenly over the window.
    double effectiveRateGbps() const;

    bool operator==(const Demand &) const = default;
};

} // namespace nqi::core
