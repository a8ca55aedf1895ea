#pragma once

#include "core/model/kinds.h"
#include "core/model/site.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace nqi::core {

using LinkId = qint64;

/// A bidirectional connection between two sites; capacity applies per direction.
struct Link
{
    LinkId id = 0;
    SiteId siteA = 0;
    SiteId siteB = 0;
    QString name;
    LinkMedium medium = LinkMedium::Fiber;
    double capacityGbps = 0.0;         ///< per circuit, per direction
    int parallelCount = 1;             ///< circuits in the bundle
    std::optional<double> lengthKm;    ///< route length when known; else geodesic x route factor
    std::optional<double> routeFactor; ///< overrides the project's route factor
    std::optional<qint64> igpMetric;
    std::optional<double> cost;         ///< in the project's currency per year
    std::optional<double> availability; ///< 0..1
    QStringList srlgs;                  ///< shared-risk link group names

    double totalCapacityGbps() const { return capacityGbps * parallelCount; }

    bool operator==(const Link &) const = default;
};

} // namespace nqi::core
