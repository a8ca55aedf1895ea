#include "widgets/commands.h"

#include "widgets/document.h"

#include <QCoreApplication>
#include <QSet>
#include <QStringList>

#include <algorithm>

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

// The primitives on the document itself.
class DocumentEditor final : public Editor
{
public:
    explicit DocumentEditor(Document *document)
        : m_document(document)
    {
    }
    void addSite(const Site &site) override { m_document->addSite(site); }
    void updateSite(const Site &site) override { m_document->updateSite(site); }
    void removeSite(SiteId id) override { m_document->removeSite(id); }
    void addLink(const Link &link) override { m_document->addLink(link); }
    void updateLink(const Link &link) override { m_document->updateLink(link); }
    void removeLink(LinkId id) override { m_document->removeLink(id); }
    void addDemand(const Demand &demand) override { m_document->addDemand(demand); }
    void updateDemand(const Demand &demand) override { m_document->updateDemand(demand); }
    void removeDemand(DemandId id) override { m_document->removeDemand(id); }
    void addRegion(const Region &region) override { m_document->addRegion(region); }
    void removeRegion(RegionId id) override { m_document->removeRegion(id); }
    void addConstellation(const Constellation &constellation) override
    {
        m_document->addConstellation(constellation);
    }
    void removeConstellation(ConstellationId id) override { m_document->removeConstellation(id); }
    void setPlannerResult(const QString &planner,
                          const std::optional<PlannerResult> &result) override
    {
        m_document->setPlannerResult(planner, result);
    }
    void setAddressPlan(const AddressPlan &plan) override { m_document->setAddressPlan(plan); }

private:
    Document *m_document;
};

// The same primitives on a network (a scratch copy of the document's): the document's are the
// network's with signals, so the rules are the same (a site goes with its links and demands).
class NetworkEditor final : public Editor
{
public:
    explicit NetworkEditor(Network &network)
        : m_network(network)
    {
    }
    void addSite(const Site &site) override { m_network.addSite(site); }
    void updateSite(const Site &site) override { m_network.updateSite(site); }
    void removeSite(SiteId id) override { m_network.removeSite(id); }
    void addLink(const Link &link) override { m_network.addLink(link); }
    void updateLink(const Link &link) override { m_network.updateLink(link); }
    void removeLink(LinkId id) override { m_network.removeLink(id); }
    void addDemand(const Demand &demand) override { m_network.addDemand(demand); }
    void updateDemand(const Demand &demand) override { m_network.updateDemand(demand); }
    void removeDemand(DemandId id) override { m_network.removeDemand(id); }
    void addRegion(const Region &region) override { m_network.addRegion(region); }
    void removeRegion(RegionId id) override { m_network.removeRegion(id); }
    void addConstellation(const Constellation &constellation) override
    {
        m_network.addConstellation(constellation);
    }
    void removeConstellation(ConstellationId id) override { m_network.removeConstellation(id); }
    void setPlannerResult(const QString &planner,
                          const std::optional<PlannerResult> &result) override
    {
        if (result)
            m_network.setPlannerResult(*result);
        else
            m_network.removePlannerResult(planner);
    }
    void setAddressPlan(const AddressPlan &plan) override { m_network.setAddressPlan(plan); }

private:
    Network &m_network;
};

QString translate(const char *text)
{
    return QCoreApplication::translate("nqi::widgets::Commands", text);
}

} // namespace

Command::Command(Document *document)
    : m_document(document)
{
}

void Command::check()
{
    Network scratch = m_document->network();
    NetworkEditor editor(scratch);
    try {
        apply(editor);
    } catch (const Failure &failure) {
        m_problem = failure.diagnostic();
        return;
    }
    try {
        revert(editor);
    } catch (const Failure &failure) {
        // An undo that cannot apply is a command that was made wrong: refused as well.
        m_problem = failure.diagnostic();
        m_problem->message = translate("cannot be undone: %1").arg(m_problem->message);
        return;
    }
    // So is one whose undo does not give back what it changed: removing a site removes its
    // links and demands too, and a command that did not keep them would lose them on undo.
    if (!(scratch == m_document->network())) {
        m_problem = makeError({}, 0, text(),
                              translate("cannot be undone: %1")
                                  .arg(translate("undo would not restore the project as it was")));
    }
}

void Command::redo()
{
    if (m_problem) {
        setObsolete(true); // never applied: QUndoStack::push deletes it
        return;
    }
    DocumentEditor editor(m_document);
    try {
        apply(editor);
    } catch (const Failure &failure) {
        // Only when the network changed between making and pushing the command.
        qCritical("%s: not applied: %s", qPrintable(text()),
                  qPrintable(failure.diagnostic().toString()));
        m_problem = failure.diagnostic();
        setObsolete(true);
    }
}

void Command::undo()
{
    if (m_problem)
        return;
    DocumentEditor editor(m_document);
    try {
        revert(editor);
    } catch (const Failure &failure) {
        qCritical("%s: not undone: %s", qPrintable(text()),
                  qPrintable(failure.diagnostic().toString()));
        setObsolete(true);
    }
}

std::optional<Diagnostic> pushCommand(std::unique_ptr<Command> command)
{
    if (command->problem())
        return command->problem();
    Document *document = command->document();
    Command *pushed = command.release();
    document->undoStack()->push(pushed); // owns it from here, even when obsolete
    return std::nullopt;
}

AddSiteCommand::AddSiteCommand(Document *document, Site site)
    : Command(document)
    , m_site(std::move(site))
{
    if (m_site.id == 0)
        m_site.id = document->network().nextSiteId();
    setText(translate("Add Site %1").arg(m_site.code));
    check();
}

void AddSiteCommand::apply(Editor &editor) const
{
    editor.addSite(m_site);
}

void AddSiteCommand::revert(Editor &editor) const
{
    editor.removeSite(m_site.id);
}

AddLinkCommand::AddLinkCommand(Document *document, Link link)
    : Command(document)
    , m_link(std::move(link))
{
    if (m_link.id == 0)
        m_link.id = document->network().nextLinkId();
    const Site *a = document->network().site(m_link.siteA);
    const Site *b = document->network().site(m_link.siteB);
    setText(translate("Add Link %1-%2").arg(a ? a->code : QString(), b ? b->code : QString()));
    check();
}

void AddLinkCommand::apply(Editor &editor) const
{
    editor.addLink(m_link);
}

void AddLinkCommand::revert(Editor &editor) const
{
    editor.removeLink(m_link.id);
}

AddDemandCommand::AddDemandCommand(Document *document, Demand demand)
    : Command(document)
    , m_demand(std::move(demand))
{
    if (m_demand.id == 0)
        m_demand.id = document->network().nextDemandId();
    const Site *a = document->network().site(m_demand.source);
    const Site *b = document->network().site(m_demand.destination);
    setText(translate("Add Demand %1 to %2").arg(a ? a->code : QString(), b ? b->code : QString()));
    check();
}

void AddDemandCommand::apply(Editor &editor) const
{
    editor.addDemand(m_demand);
}

void AddDemandCommand::revert(Editor &editor) const
{
    editor.removeDemand(m_demand.id);
}

AddRegionCommand::AddRegionCommand(Document *document, Region region)
    : Command(document)
    , m_region(std::move(region))
{
    if (m_region.id == 0)
        m_region.id = document->network().nextRegionId();
    setText(translate("Draw Region %1").arg(m_region.name));
    check();
}

void AddRegionCommand::apply(Editor &editor) const
{
    editor.addRegion(m_region);
}

void AddRegionCommand::revert(Editor &editor) const
{
    editor.removeRegion(m_region.id);
}

AddConstellationCommand::AddConstellationCommand(Document *document,
                                                 core::Constellation constellation)
    : Command(document)
    , m_constellation(std::move(constellation))
{
    if (m_constellation.id == 0)
        m_constellation.id = document->network().nextConstellationId();
    setText(translate("Add Constellation %1").arg(m_constellation.name));
    check();
}

void AddConstellationCommand::apply(Editor &editor) const
{
    editor.addConstellation(m_constellation);
}

void AddConstellationCommand::revert(Editor &editor) const
{
    editor.removeConstellation(m_constellation.id);
}

SetPlannerResultCommand::SetPlannerResultCommand(Document *document,
                                                 PlannerResult result,
                                                 const QString &text)
    : Command(document)
    , m_result(std::move(result))
{
    if (const PlannerResult *previous = document->network().plannerResult(m_result.planner))
        m_previous = *previous;
    setText(text);
    check();
}

void SetPlannerResultCommand::apply(Editor &editor) const
{
    editor.setPlannerResult(m_result.planner, m_result);
}

void SetPlannerResultCommand::revert(Editor &editor) const
{
    editor.setPlannerResult(m_result.planner, m_previous);
}

SetAddressPlanCommand::SetAddressPlanCommand(Document *document,
                                             core::AddressPlan plan,
                                             const QString &text)
    : Command(document)
    , m_plan(std::move(plan))
    , m_previous(document->network().addressPlan())
{
    setText(text);
    check();
}

void SetAddressPlanCommand::apply(Editor &editor) const
{
    editor.setAddressPlan(m_plan);
}

void SetAddressPlanCommand::revert(Editor &editor) const
{
    editor.setAddressPlan(m_previous);
}

// Edits of many objects apply in order and are undone in reverse order, so that undo passes
// through the states redo did (each of which was valid).

UpdateSitesCommand::UpdateSitesCommand(Document *document,
                                       QList<Site> before,
                                       QList<Site> after,
                                       const QString &text)
    : Command(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
    check();
}

void UpdateSitesCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Site &site : m_after)
        editor.updateSite(site);
}

void UpdateSitesCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.updateSite(*it);
}

UpdateLinksCommand::UpdateLinksCommand(Document *document,
                                       QList<Link> before,
                                       QList<Link> after,
                                       const QString &text)
    : Command(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
    check();
}

void UpdateLinksCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Link &link : m_after)
        editor.updateLink(link);
}

void UpdateLinksCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.updateLink(*it);
}

UpdateDemandsCommand::UpdateDemandsCommand(Document *document,
                                           QList<Demand> before,
                                           QList<Demand> after,
                                           const QString &text)
    : Command(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
    check();
}

void UpdateDemandsCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Demand &demand : m_after)
        editor.updateDemand(demand);
}

void UpdateDemandsCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.updateDemand(*it);
}

UpdateRegionsCommand::UpdateRegionsCommand(Document *document,
                                           QList<Region> before,
                                           QList<Region> after,
                                           const QString &text)
    : Command(document)
    , m_before(std::move(before))
    , m_after(std::move(after))
{
    setText(text);
    check();
}

void UpdateRegionsCommand::apply(Editor &editor) const
{
    for (const Region &region : m_after) {
        editor.removeRegion(region.id);
        editor.addRegion(region);
    }
}

void UpdateRegionsCommand::revert(Editor &editor) const
{
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it) {
        editor.removeRegion(it->id);
        editor.addRegion(*it);
    }
}

RemoveCommand::RemoveCommand(Document *document,
                             const QList<SiteId> &sites,
                             const QList<LinkId> &links,
                             const QList<DemandId> &demands,
                             const QList<RegionId> &regions)
    : Command(document)
{
    const Network &network = document->network();
    const QSet<RegionId> regionSet(regions.cbegin(), regions.cend());
    for (const Region &region : network.regions()) {
        if (regionSet.contains(region.id))
            m_regions << region;
    }
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
    // One site with what hangs off it says so: "Remove Site BJ and its 3 link(s), 2 demand(s)".
    const SiteId site = m_sites.size() == 1 ? m_sites.constFirst().id : 0; // ids start at 1
    const auto hangsOffSite = [site](SiteId a, SiteId b) {
        return a == site || b == site;
    };
    const bool oneSite =
        site != 0 && m_regions.isEmpty() &&
        std::all_of(m_links.cbegin(), m_links.cend(),
                    [&](const Link &link) { return hangsOffSite(link.siteA, link.siteB); }) &&
        std::all_of(m_demands.cbegin(), m_demands.cend(), [&](const Demand &demand) {
            return hangsOffSite(demand.source, demand.destination);
        });
    if (oneSite && m_links.isEmpty() && m_demands.isEmpty()) {
        setText(translate("Remove Site %1").arg(m_sites.constFirst().code));
    } else if (oneSite) {
        QStringList parts;
        if (!m_links.isEmpty())
            parts << QCoreApplication::translate("nqi::widgets::Commands", "%n link(s)", nullptr,
                                                 int(m_links.size()));
        if (!m_demands.isEmpty())
            parts << QCoreApplication::translate("nqi::widgets::Commands", "%n demand(s)", nullptr,
                                                 int(m_demands.size()));
        const QString hanging =
            parts.size() == 1 ? parts.constFirst() : translate("%1, %2").arg(parts[0], parts[1]);
        setText(translate("Remove Site %1 and its %2").arg(m_sites.constFirst().code, hanging));
    } else {
        setText(QCoreApplication::translate(
            "nqi::widgets::Commands", "Remove %n Object(s)", nullptr,
            int(m_sites.size() + m_links.size() + m_demands.size() + m_regions.size())));
    }
    check();
}

void RemoveCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Demand &demand : m_demands)
        editor.removeDemand(demand.id);
    for (const Link &link : m_links)
        editor.removeLink(link.id);
    for (const Site &site : m_sites)
        editor.removeSite(site.id);
    for (const Region &region : m_regions)
        editor.removeRegion(region.id);
}

void RemoveCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Site &site : m_sites)
        editor.addSite(site);
    for (const Link &link : m_links)
        editor.addLink(link);
    for (const Demand &demand : m_demands)
        editor.addDemand(demand);
    for (const Region &region : m_regions)
        editor.addRegion(region);
}

ImportCommand::ImportCommand(Document *document, const Network &imported, const QString &text)
    : Command(document)
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
    check();
}

void ImportCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document());
    for (const Site &site : m_sites)
        editor.addSite(site);
    for (const Link &link : m_links)
        editor.addLink(link);
    for (const Demand &demand : m_demands)
        editor.addDemand(demand);
}

void ImportCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document());
    for (auto it = m_demands.crbegin(); it != m_demands.crend(); ++it)
        editor.removeDemand(it->id);
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        editor.removeLink(it->id);
    for (auto it = m_sites.crbegin(); it != m_sites.crend(); ++it)
        editor.removeSite(it->id);
}

} // namespace widgets
} // namespace nqi
