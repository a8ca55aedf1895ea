#include "planners/common/residency.h"

namespace nqi::planners {

RegionMembership::RegionMembership(const core::Network &network)
    : m_network(&network)
{
}

bool RegionMembership::contains(const core::Site &site, const QStringList &regionNames) const
{
    for (const QString &name : regionNames) {
        if (site.region.compare(name, Qt::CaseInsensitive) == 0)
            return true;
        for (const core::Region &region : m_network->regions()) {
            if (region.purpose == core::RegionPurpose::Coverage ||
                region.name.compare(name, Qt::CaseInsensitive) != 0)
                continue;
            if (regionContains(region, site.latitudeDeg, site.longitudeDeg))
                return true;
        }
    }
    return false;
}

namespace {

// Even-odd rule over all rings (holes included) in plain longitude/latitude.
bool ringsContain(const core::Region &region, double latitudeDeg, double longitudeDeg)
{
    bool inside = false;
    for (const auto &ring : region.rings) {
        const qsizetype count = ring.size();
        for (qsizetype i = 0, j = count - 1; i < count; j = i++) {
            const core::LatLon &p = ring[i];
            const core::LatLon &q = ring[j];
            if ((p.latitudeDeg > latitudeDeg) != (q.latitudeDeg > latitudeDeg)) {
                const double crossing = p.longitudeDeg + (latitudeDeg - p.latitudeDeg) *
                                                             (q.longitudeDeg - p.longitudeDeg) /
                                                             (q.latitudeDeg - p.latitudeDeg);
                if (longitudeDeg < crossing)
                    inside = !inside;
            }
        }
    }
    return inside;
}

} // namespace

bool regionContains(const core::Region &region, double latitudeDeg, double longitudeDeg)
{
    // A region drawn across the antimeridian keeps continuous longitudes (176..186): a site at
    // -175 is the same place as 185.
    return ringsContain(region, latitudeDeg, longitudeDeg) ||
           ringsContain(region, latitudeDeg, longitudeDeg + 360.0) ||
           ringsContain(region, latitudeDeg, longitudeDeg - 360.0);
}

} // namespace nqi::planners
