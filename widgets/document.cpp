#include "widgets/document.h"

#include <QFileInfo>

namespace nqi {
namespace widgets {

using namespace nqi::core;

Document::Document(QObject *parent)
    : QObject(parent)
{
    connect(&m_undoStack, &QUndoStack::cleanChanged, this,
            [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
}

void Document::setFilePath(const QString &path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(path);
}

QString Document::displayName() const
{
    if (!m_network.settings().name.isEmpty())
        return m_network.settings().name;
    return m_filePath.isEmpty() ? tr("Untitled") : QFileInfo(m_filePath).completeBaseName();
}

void Document::reset(Network network, const QString &filePath)
{
    m_undoStack.clear();
    m_network = std::move(network);
    setFilePath(filePath);
    m_undoStack.setClean();
    Q_EMIT networkReset();
}

void Document::markSaved(const QString &filePath)
{
    setFilePath(filePath);
    m_undoStack.setClean();
}

void Document::endBatch()
{
    if (--m_batchDepth == 0 && m_batchChanged) {
        m_batchChanged = false;
        Q_EMIT networkReset();
    }
}

bool Document::notify()
{
    if (m_batchDepth == 0)
        return true;
    m_batchChanged = true;
    return false;
}

void Document::replacePlannerResult(const QString &planner,
                                    const std::optional<PlannerResult> &result)
{
    if (result)
        m_network.setPlannerResult(*result);
    else
        m_network.removePlannerResult(planner);
    Q_EMIT plannerResultChanged(planner);
}

void Document::replaceAddressPlan(const core::AddressPlan &plan)
{
    m_network.setAddressPlan(plan);
    Q_EMIT addressPlanChanged();
}

void Document::insertSite(const Site &site)
{
    m_network.addSite(site);
    if (notify())
        Q_EMIT siteAdded(site.id);
}

void Document::replaceSite(const Site &site)
{
    m_network.updateSite(site);
    if (notify())
        Q_EMIT siteChanged(site.id);
    // Links of a moved site change length and shape.
    for (const Link &link : m_network.links()) {
        if ((link.siteA == site.id || link.siteB == site.id) && notify())
            Q_EMIT linkChanged(link.id);
    }
}

void Document::eraseSite(SiteId id)
{
    for (const Link &link : m_network.links()) {
        if (link.siteA == id || link.siteB == id)
            throw Failure(u"site #%1 still has links; remove them first"_qs.arg(id));
    }
    m_network.removeSite(id);
    if (notify())
        Q_EMIT siteRemoved(id);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::insertLink(const Link &link)
{
    m_network.addLink(link);
    if (notify())
        Q_EMIT linkAdded(link.id);
}

void Document::replaceLink(const Link &link)
{
    m_network.updateLink(link);
    if (notify())
        Q_EMIT linkChanged(link.id);
}

void Document::eraseLink(LinkId id)
{
    m_network.removeLink(id);
    if (notify())
        Q_EMIT linkRemoved(id);
}

void Document::insertDemand(const Demand &demand)
{
    m_network.addDemand(demand);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::replaceDemand(const Demand &demand)
{
    m_network.updateDemand(demand);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::eraseDemand(DemandId id)
{
    m_network.removeDemand(id);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::insertRegion(const Region &region)
{
    m_network.addRegion(region);
    if (notify())
        Q_EMIT regionAdded(region.id);
}

void Document::insertConstellation(const core::Constellation &constellation)
{
    m_network.addConstellation(constellation);
    if (notify())
        Q_EMIT constellationsChanged();
}

void Document::eraseConstellation(core::ConstellationId id)
{
    m_network.removeConstellation(id);
    if (notify())
        Q_EMIT constellationsChanged();
}

void Document::eraseRegion(RegionId id)
{
    m_network.removeRegion(id);
    if (notify())
        Q_EMIT regionRemoved(id);
}

} // namespace widgets
} // namespace nqi
