#pragma once

#include "core/model/addressplan.h"
#include "core/model/constellation.h"
#include "core/model/demand.h"
#include "core/model/diagnostic.h"
#include "core/model/limits.h"
#include "core/model/link.h"
#include "core/model/plannerresult.h"
#include "core/model/region.h"
#include "core/model/site.h"

#include <QHash>
#include <QString>

#include <map>
#include <vector>

namespace nqi::core {

/// Project-wide settings stored with the network.
struct ProjectSettings
{
    QString name;
    QString author;
    QString description;
    double routeFactor = 1.5; ///< default fibre route / geodesic ratio
    QString currency = QStringLiteral("CNY");

    bool operator==(const ProjectSettings &) const = default;
};

/**
 * The whole model: sites, links, demands, constellations and regions, with stable ids, each list
 * kept in id order.
 *
 * Every change goes through the add/update/remove operations, which validate first and throw
 * Failure without changing anything when the change would make the network invalid.
 */
class Network
{
public:
    const ProjectSettings &settings() const { return m_settings; }
    void setSettings(const ProjectSettings &settings);

    const std::vector<Site> &sites() const { return m_sites; }
    const std::vector<Link> &links() const { return m_links; }
    const std::vector<Demand> &demands() const { return m_demands; }
    const std::vector<Constellation> &constellations() const { return m_constellations; }
    const std::vector<Region> &regions() const { return m_regions; }

    const Site *site(SiteId id) const;
    /// Codes are unique ignoring case (they become hostnames); lookup ignores case too.
    const Site *siteByCode(const QString &code) const;
    const Link *link(LinkId id) const;
    const Demand *demand(DemandId id) const;
    const Region *region(RegionId id) const;

    /// Next unused id of each kind (one past the largest ever seen).
    SiteId nextSiteId() const { return m_nextSiteId; }
    LinkId nextLinkId() const { return m_nextLinkId; }
    DemandId nextDemandId() const { return m_nextDemandId; }
    RegionId nextRegionId() const { return m_nextRegionId; }
    ConstellationId nextConstellationId() const { return m_nextConstellationId; }

    /// Raises the next ids (after loading a project whose largest ids were deleted).
    void reserveIds(SiteId nextSite, LinkId nextLink, DemandId nextDemand);

    /// Add with the given id, or the next free one when id is 0. Returns the id used.
    SiteId addSite(Site site);
    LinkId addLink(Link link);
    DemandId addDemand(Demand demand);
    ConstellationId addConstellation(Constellation constellation);
    RegionId addRegion(Region region);

    void updateSite(const Site &site);
    void updateLink(const Link &link);
    void updateDemand(const Demand &demand);

    /// Removes the site with its links and the demands that start or end there.
    void removeSite(SiteId id);
    void removeLink(LinkId id);
    void removeDemand(DemandId id);
    void removeRegion(RegionId id);
    void removeConstellation(ConstellationId id);

    /// Problems with one object in the context of this network (empty when valid).
    Diagnostics check(const Site &site) const;
    Diagnostics check(const Link &link) const;
    Diagnostics check(const Demand &demand) const;
    Diagnostics check(const Constellation &constellation) const;
    Diagnostics check(const Region &region) const;

    /// Geodesic distance between the link's sites on the WGS84 ellipsoid.
    double geodesicKm(const Link &link) const;
    /// The link's length: given, or geodesic x (link's or project's) route factor.
    double lengthKm(const Link &link) const;
    /// One-way propagation delay in fibre over lengthKm().
    double latencyMs(const Link &link) const;

    double totalDemandGbps() const;
    double totalFiberKm() const;

    /// Planner results stored with the project, by planner name.
    const std::map<QString, PlannerResult> &plannerResults() const { return m_results; }
    const PlannerResult *plannerResult(const QString &planner) const;
    void setPlannerResult(PlannerResult result);
    void removePlannerResult(const QString &planner) { m_results.erase(planner); }
    void clearPlannerResults() { m_results.clear(); }
    /// Whether a stored result was computed on the network as it is now.
    bool isCurrent(const PlannerResult &result) const { return result.inputDigest == digest(); }

    /// The IPv6 address plan (planners/addressing makes it; stored with the project).
    const AddressPlan &addressPlan() const { return m_addressPlan; }
    void setAddressPlan(AddressPlan plan) { m_addressPlan = std::move(plan); }

    /**
     * SHA-256 over everything the stored planners read (the route factor, sites, links, demands,
     * regions), to tell whether a stored result is stale. The project's name and constellations
     * are left out: no stored result depends on them (satellite coverage is computed when
     * asked for).
     */
    QByteArray digest() const;

    bool operator==(const Network &other) const;

private:
    void reindexSites();
    void reindexLinks();
    void reindexDemands();

    ProjectSettings m_settings;
    std::vector<Site> m_sites;
    std::vector<Link> m_links;
    std::vector<Demand> m_demands;
    std::vector<Constellation> m_constellations;
    std::vector<Region> m_regions;
    std::map<QString, PlannerResult> m_results;
    AddressPlan m_addressPlan;
    QHash<SiteId, qsizetype> m_siteIndex;
    QHash<QString, qsizetype> m_siteCodeIndex; // lower-case code -> index
    QHash<LinkId, qsizetype> m_linkIndex;
    QHash<DemandId, qsizetype> m_demandIndex;
    SiteId m_nextSiteId = 1;
    LinkId m_nextLinkId = 1;
    DemandId m_nextDemandId = 1;
    ConstellationId m_nextConstellationId = 1;
    RegionId m_nextRegionId = 1;
};

/// Satellites a constellation holds: its Walker shells' T, and one per TLE element set.
qint64 satelliteCount(const Constellation &constellation);

/// True when code is a valid site code: 1-63 characters from [A-Za-z0-9_-], starting with a
/// letter or digit.
bool isValidSiteCode(const QString &code);

} // namespace nqi::core
