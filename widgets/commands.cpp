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

// The primitives on the document itself.
class DocumentEditor final : public Editor
{
public:
    explicit DocumentEditor(Document *document)
        : m_document(document)
    {
    }
    void insertSite(const Site &site) override { m_document->insertSite(site); }
    void replaceSite(const Site &site) override { m_document->replaceSite(site); }
    void eraseSite(SiteId id) override { m_document->eraseSite(id); }
    void insertLink(const Link &link) override { m_document->insertLink(link); }
    void replaceLink(const Link &link) override { m_document->replaceLink(link); }
    void eraseLink(LinkId id) override { m_document->eraseLink(id); }
    void insertDemand(const Demand &demand) override { m_document->insertDemand(demand); }
    void replaceDemand(const Demand &demand) override { m_document->replaceDemand(demand); }
    void eraseDemand(DemandId id) override { m_document->eraseDemand(id); }
    void insertRegion(const Region &region) override { m_document->insertRegion(region); }
    void eraseRegion(RegionId id) override { m_document->eraseRegion(id); }
    void insertConstellation(const Constellation &constellation) override
    {
        m_document->insertConstellation(constellation);
    }
    void eraseConstellation(ConstellationId id) override { m_document->eraseConstellation(id); }
    void replacePlannerResult(const QString &planner,
                              const std::optional<PlannerResult> &result) override
    {
        m_document->replacePlannerResult(planner, result);
    }
    void replaceAddressPlan(const AddressPlan &plan) override
    {
        m_document->replaceAddressPlan(plan);
    }

private:
    Document *m_document;
};

// The same primitives on a network (a scratch copy of the document's), with the document's
// rules: Document::eraseSite refuses a site that still has links.
class NetworkEditor final : public Editor
{
public:
    explicit NetworkEditor(Network &network)
        : m_network(network)
    {
    }
    void insertSite(const Site &site) override { m_network.addSite(site); }
    void replaceSite(const Site &site) override { m_network.updateSite(site); }
    void eraseSite(SiteId id) override
    {
        for (const Link &link : m_network.links())
            if (link.siteA == id || link.siteB == id)
                throw Failure(u"site #%1 still has links; remove them first"_qs.arg(id));
        m_network.removeSite(id);
    }
    void insertLink(const Link &link) override { m_network.addLink(link); }
    void replaceLink(const Link &link) override { m_network.updateLink(link); }
    void eraseLink(LinkId id) override { m_network.removeLink(id); }
    void insertDemand(const Demand &demand) override { m_network.addDemand(demand); }
    void replaceDemand(const Demand &demand) override { m_network.updateDemand(demand); }
    void eraseDemand(DemandId id) override { m_network.removeDemand(id); }
    void insertRegion(const Region &region) override { m_network.addRegion(region); }
    void eraseRegion(RegionId id) override { m_network.removeRegion(id); }
    void insertConstellation(const Constellation &constellation) override
    {
        m_network.addConstellation(constellation);
    }
    void eraseConstellation(ConstellationId id) override { m_network.removeConstellation(id); }
    void replacePlannerResult(const QString &planner,
                              const std::optional<PlannerResult> &result) override
    {
        if (result)
            m_network.setPlannerResult(*result);
        else
            m_network.removePlannerResult(planner);
    }
    void replaceAddressPlan(const AddressPlan &plan) override { m_network.setAddressPlan(plan); }

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
    editor.insertSite(m_site);
}

void AddSiteCommand::revert(Editor &editor) const
{
    editor.eraseSite(m_site.id);
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
    editor.insertLink(m_link);
}

void AddLinkCommand::revert(Editor &editor) const
{
    editor.eraseLink(m_link.id);
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
    editor.insertDemand(m_demand);
}

void AddDemandCommand::revert(Editor &editor) const
{
    editor.eraseDemand(m_demand.id);
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
    editor.insertRegion(m_region);
}

void AddRegionCommand::revert(Editor &editor) const
{
    editor.eraseRegion(m_region.id);
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
    editor.insertConstellation(m_constellation);
}

void AddConstellationCommand::revert(Editor &editor) const
{
    editor.eraseConstellation(m_constellation.id);
}

StorePlannerResultCommand::StorePlannerResultCommand(Document *document,
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

void StorePlannerResultCommand::apply(Editor &editor) const
{
    editor.replacePlannerResult(m_result.planner, m_result);
}

void StorePlannerResultCommand::revert(Editor &editor) const
{
    editor.replacePlannerResult(m_result.planner, m_previous);
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
    editor.replaceAddressPlan(m_plan);
}

void SetAddressPlanCommand::revert(Editor &editor) const
{
    editor.replaceAddressPlan(m_previous);
}

// Edits of many objects apply in order and are undone in reverse order, so that undo passes
// through the states redo did (each of which was valid).

EditSitesCommand::EditSitesCommand(Document *document,
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

void EditSitesCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Site &site : m_after)
        editor.replaceSite(site);
}

void EditSitesCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.replaceSite(*it);
}

EditLinksCommand::EditLinksCommand(Document *document,
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

void EditLinksCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Link &link : m_after)
        editor.replaceLink(link);
}

void EditLinksCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.replaceLink(*it);
}

EditDemandsCommand::EditDemandsCommand(Document *document,
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

void EditDemandsCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_after.size() > 50);
    for (const Demand &demand : m_after)
        editor.replaceDemand(demand);
}

void EditDemandsCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_before.size() > 50);
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it)
        editor.replaceDemand(*it);
}

EditRegionsCommand::EditRegionsCommand(Document *document,
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

void EditRegionsCommand::apply(Editor &editor) const
{
    for (const Region &region : m_after) {
        editor.eraseRegion(region.id);
        editor.insertRegion(region);
    }
}

void EditRegionsCommand::revert(Editor &editor) const
{
    for (auto it = m_before.crbegin(); it != m_before.crend(); ++it) {
        editor.eraseRegion(it->id);
        editor.insertRegion(*it);
    }
}

DeleteCommand::DeleteCommand(Document *document,
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
    if (m_sites.size() == 1 && m_links.isEmpty() && m_demands.isEmpty() && m_regions.isEmpty())
        setText(translate("Delete Site %1").arg(m_sites.constFirst().code));
    else
        setText(QCoreApplication::translate(
            "nqi::widgets::Commands", "Delete %n Object(s)", nullptr,
            int(m_sites.size() + m_links.size() + m_demands.size() + m_regions.size())));
    check();
}

void DeleteCommand::apply(Editor &editor) const
{
    const DocumentBatch batch(document(), m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Demand &demand : m_demands)
        editor.eraseDemand(demand.id);
    for (const Link &link : m_links)
        editor.eraseLink(link.id);
    for (const Site &site : m_sites)
        editor.eraseSite(site.id);
    for (const Region &region : m_regions)
        editor.eraseRegion(region.id);
}

void DeleteCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document(), m_sites.size() + m_links.size() + m_demands.size() > 50);
    for (const Site &site : m_sites)
        editor.insertSite(site);
    for (const Link &link : m_links)
        editor.insertLink(link);
    for (const Demand &demand : m_demands)
        editor.insertDemand(demand);
    for (const Region &region : m_regions)
        editor.insertRegion(region);
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
        editor.insertSite(site);
    for (const Link &link : m_links)
        editor.insertLink(link);
    for (const Demand &demand : m_demands)
        editor.insertDemand(demand);
}

void ImportCommand::revert(Editor &editor) const
{
    const DocumentBatch batch(document());
    for (auto it = m_demands.crbegin(); it != m_demands.crend(); ++it)
        editor.eraseDemand(it->id);
    for (auto it = m_links.crbegin(); it != m_links.crend(); ++it)
        editor.eraseLink(it->id);
    for (auto it = m_sites.crbegin(); it != m_sites.crend(); ++it)
        editor.eraseSite(it->id);
}

} // namespace widgets
} // namespace nqi
