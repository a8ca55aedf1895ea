#pragma once

#include "core/model/kinds.h"

#include <QList>
#include <QString>

namespace nqi::core {

using RegionId = qint64;

struct LatLon
{
    double latitudeDeg = 0.0;
    double longitudeDeg = 0.0;

    bool operator==(const LatLon &) const = default;
};

/// A polygon (outer ring first, then holes) used for coverage and data residency.
struct Region
{
    RegionId id = 0;
    QString name;
    RegionPurpose purpose = RegionPurpose::Both;
    QList<QList<LatLon>> rings; ///< closed or open rings; the store closes them

    bool operator==(const Region &) const = default;
};

} // namespace nqi::core
