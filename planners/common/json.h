#pragma once

#include "core/model/network.h"

#include <QJsonArray>
#include <QString>

#include <vector>

namespace nqi::planners {

/// A site's code for planner JSON (empty for an unknown id).
inline QString siteCode(const core::Network &network, core::SiteId id)
{
    const core::Site *site = network.site(id);
    return site ? site->code : QString();
}

/// Site codes in order, e.g. a path.
inline QJsonArray siteCodes(const core::Network &network, const std::vector<core::SiteId> &ids)
{
    QJsonArray codes;
    for (core::SiteId id : ids)
        codes.append(siteCode(network, id));
    return codes;
}

} // namespace nqi::planners
