#include "widgets/commands.h"

#include "widgets/document.h"

#include <QCoreApplication>
#include <QSet>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

// Batches a command's primitives when it touches many objects.
class DocumentBatch
{
public:
    explicit DocumentBatch(Document *document, bool enabled = true)
        : m_document(enabled ? document : nullptr)
    {
        if (m_document)
            m_document->beginBatch();
    }
    ~DocumentBatch()
    {
        if (m_document)
            m_document->endBatch();
    }
    DocumentBatch(const DocumentBatch &) = delete;
    DocumentBatch &operator=(const DocumentBatch &) = delete;

private:
    Document *m_document;
};

} // namespace

AddSiteCommand::AddSiteCommand(Document *document, Site site)
    : m_document(document)
    , m_site(std::move(site))
{
    if (m_site.id == 0)
        m_site.id = document->network().nextSiteId();
    setText(QCoreApplication::translate("nqi::widgets::Commands", "Add Site %1").arg(m_site.code));
}

void AddSiteCommand::redo()
{
    m_document->insertSite(m_site);
}
void AddSiteCommand::undo()
{
    m_document->eraseSite(m_site.id);
}

AddLinkCommand::AddLinkCommand(Document *document, Link link)
    : m_document(document)
    , m_link(std::move(link))
{
    if (m_link.id == 0)
        m_link.id = document->network().nextLinkId();
    const Site *a = document->network().site(m_link.siteA);
    const Site *b = document->network().site(m_link.siteB);
    setText(QCoreApplication::translate("nqi::widgets::Commands", "Add Link %1-%2")
                .arg(a ? a->code : QString(), b ? b->code : QString()));
}

void AddLinkCommand::redo()
{
    m_document->insertLink(m_link);
}
void AddLinkCommand::undo()
{
    m_document->eraseLink(m_link.id);
}

AddDemandCommand::AddDemandCommand(Document *document, Demand demand)
    : m_document(document)
    , m_demand(std::move(demand))
{
    if (m_demand.id == 0)
        m_demand.id = document->network().nextDemandId();
    const Site *a = document->network().site(m_demand.source);
    const Site *b = document->network().site(m_demand.destination);
    setText(QCoreApplication::translate("nqi::widgets::Commands", "Add Demand %1 to %2")
                .arg(a ? a->code : QString(), b ? b->code : QString()));
}

void AddDemandCommand::redo()
{
    m_document->insertDemand(m_demand);
}
void AddDemandCommand::undo()
{
    m_document->eraseDemand(m_demand.id);
}

AddRegionCommand::AddRegionCommand(Document *document, Region region)
    : m_document(document)
    , m_region(std::move(region))
{
    if (m_region.id == 0)
        m_region.id = document->network().nextRegionId();
    setText(
        QCoreApplication::translate("nqi::widgets::Commands", "Draw Region %1").arg(m_region.name));
}

void AddRegionCommand::redo()
{
    m_document->insertRegion(m_region);
}
void AddRegionCommand::undo()
{
    m_document->eraseRegion(m_region.id);
}

AddConstellationCommand::AddConstellationCommand(Document *document,
                                                 core::Constellation constellation)
    : m_document(document)
    , m_constellation(std::move(constellation))
{
    if (m_constellation.id == 0)
        m_constellation.id = document->network().nextConstellationId();
    setText(QCoreApplication::translate("nqi::widgets::Commands", "Add Constellation %1")
                .arg(m_constellation.name));
}

void AddConstellationCommand::redo()
{
    m_document->insertConstellation(m_constellation);
}

void AddConstellationCommand::undo()
{
    m_document->eraseConstellation(m_constellation.id);
}

StorePlannerResultCommand::StorePlannerResultCommand(Document *document,
                                                     PlannerResult result,
                                                     const QString &text)
    : m_document(document)
    , m_result(std::move(result))
{
    if (const PlannerResult *previous = document->network().plannerResult(m_result.planner))
        m_previous = *previous;
    setText(text);
}

void StorePlannerResultCommand::redo()
{
    m_document->replacePlannerResult(m_result.planner, m_result);
}

void StorePlannerResultCommand::undo()
{
    m_document->replacePlannerResult(m_result.planner, m_previous);
}

SetAddressPlanCommand::SetAddressPlanCommand(Document *document,
                                             core::AddressPlan plan,
                                             const QString &text)
    : m_document(document)
    , m_plan(std::move(plan))
    , m_previous(document->network().addressPlan())
{
    setText(text);
}

void SetAddressPlanCommand::redo()
{
    m_document->replaceAddressPlan(m_plan);
}

void SetAddressPlanCommand::undo()
{
    m_document->replaceAddressPlan(m_previous);
}

EditSitesCommand::EditSitesCommand(Document *document,
                                   QList<Site> before,
                                   QList<Site> after,
                                   const QString &text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void EditSitesCommand::redo()
{
    for (const Site &site : std::as_const(m_after))
        m_document->replaceSite(site);
}

void EditSitesCommand::undo()
{
    for (const Site &site : std::as_const(m_before))
        m_document->replaceSite(site);
}

EditLinksCommand::EditLinksCommand(Document *document,
                                   QList<Link> before,
                                   QList<Link> after,
                                   const QString &text)
    : m_document(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
}

void EditLinksCommand::redo()
{
    for (const Link &link : std::as_const(m_after))
        m_document->replaceLink(link);
}

void EditLinksCommand::undo()
{
    for (const Link &link : std::as_const(m_before))
        m_document->replaceLink(link);
}

DeleteCommand::DeleteCommand(Document *document,
                             const QList<SiteId> &sites,
                             const QList<LinkId> &links,
                             const QList<DemandId> &demands,
                             const QList<RegionId> &regions)
    : m_document(document)
{
    for (RegionId id : regions) {
        if (const Region *region = document->network().region(id))
            m_regions << *region;
    }
    const Network &network = document->network();
    const QSet<SiteId> siteSet(sites.cbegin(), sites.cend());
    const QSet<LinkId> linkSet(links.cbegin(), links.cend());
    const QSet<DemandId> demandSet(demands.cbegin(), demands.cend());
    for (const Site &site : network.sites()) {
        if (siteSet.contains(site.id))
            m_sites << site;
    }
    for (const Link &link : network.links()) {
        if (linkSet.contains(link.id) || siteSet.contains(link.siteA) ||
            siteSet.contains(link.siteB)) {
            m_links << link;
        }
    }
    for (const Demand &demand : network.demands()) {
        if (demandSet.contains(demand.id) || siteSet.contains(demand.source) ||
            siteSet.contains(demand.destination)) {
            m_demands << demand;
        }
    }
    if (m_sites.size() == 1 && m_links.isEmpty() && m_demands.isEmpty() && m_regions.isEmpty())
        setText(QCoreApplication::translate("nqi::widgets::Commands", "Delete Site %1")
                    .arg(m_sites.constFirst().code));
    else
        setText(QCoreApplication::translate(
            "nqi::widgets::Commands", "Delete %n Object(s)", nullptr,
            int(m_sites.size() + m_links.size() + m_demands.size() + m_regions.size())));
}

void DeleteCommand::redo()
{
    const DocumentBatch batch(m_document, m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Demand &demand : std::as_const(m_demands))
        m_document->eraseDemand(demand.id);
    for (const Link &link : std::as_const(m_links))
        m_document->eraseLink(link.id);
    for (const Site &site : std::as_const(m_sites))
        m_document->eraseSite(site.id);
    for (const Region &region : std::as_const(m_regions))
        m_document->eraseRegion(region.id);
}

void DeleteCommand::undo()
{
    const DocumentBatch batch(m_document, m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Site &site : std::as_const(m_sites))
        m_document->insertSite(site);
    for (const Link &link : std::as_const(m_links))
        m_document->insertLink(link);
    for (const Demand &demand : std::as_const(m_demands))
        m_document->insertDemand(demand);
    for (const Region &region : std::as_const(m_regions))
        m_document->insertRegion(region);
}

} // namespace widgets
} // namespace nqi

namespace nqi {
namespace widgets {

ImportCommand::ImportCommand(Document *document, const Network &imported, const QString &text)
    : m_document(document)
{
    const Network &current = document->network();
    for (const Site &site : imported.sites()) {
        if (!current.site(site.id))
            m_sites << site;
    }
    for (const Link &link : imported.links()) {
        if (!current.link(link.id))
            m_links << link;
    }
    for (const Demand &demand : imported.demands()) {
        if (!current.demand(demand.id))
            m_demands << demand;
    }
    setText(text);
}

void ImportCommand::redo()
{
    const DocumentBatch batch(m_document);
    for (const Site &site : std::as_const(m_sites))
        m_document->insertSite(site);
    for (const Link &link : std::as_const(m_links))
        m_document->insertLink(link);
    for (const Demand &demand : std::as_const(m_demands))
        m_document->insertDemand(demand);
}

void ImportCommand::undo()
{
    const DocumentBatch batch(m_document);
    for (auto it = m_demands.crbegin(); it != m_demands.crend(); ++it)
        m_document->eraseDemand(it->id);
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        m_document->eraseLink(it->id);
    for (auto it = m_sites.crbegin(); it != m_sites.crend(); ++it)
        m_document->eraseSite(it->id);
}

} // namespace widgets
} // namespace nqi
