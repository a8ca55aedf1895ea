#pragma once

#include "core/model/network.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace nqi::planners {

/**
 * Which sites lie in which regions, for data-residency rules. A site is in region R when its
 * region field names R (ignoring case), or when it lies inside the polygon of a project region
 * named R whose purpose includes residency.
 */
class RegionMembership
{
public:
    explicit RegionMembership(const core::Network &network);

    bool contains(const core::Site &site, const QStringList &regionNames) const;

private:
    const core::Network *m_network;
};

/// Point in polygon (even-odd rule over all rings, so holes are excluded), in degrees.
bool regionContains(const core::Region &region, double latitudeDeg, double longitudeDeg);

} // namespace nqi::planners
