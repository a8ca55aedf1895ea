#include "widgets/document.h"

#include <QFileInfo>
#include <QList>

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

void Document::setPlannerResult(const QString &planner, const std::optional<PlannerResult> &result)
{
    if (result)
        m_network.setPlannerResult(*result);
    else
        m_network.removePlannerResult(planner);
    Q_EMIT plannerResultChanged(planner);
}

void Document::setAddressPlan(const core::AddressPlan &plan)
{
    m_network.setAddressPlan(plan);
    Q_EMIT addressPlanChanged();
}

void Document::addSite(const Site &site)
{
    m_network.addSite(site);
    if (notify())
        Q_EMIT siteAdded(site.id);
}

void Document::updateSite(const Site &site)
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

void Document::removeSite(SiteId id)
{
    QList<LinkId> links;
    for (const Link &link : m_network.links()) {
        if (link.siteA == id || link.siteB == id)
            links << link.id;
    }
    m_network.removeSite(id);
    for (LinkId link : links) {
        if (notify())
            Q_EMIT linkRemoved(link);
    }
    if (notify())
        Q_EMIT siteRemoved(id);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::addLink(const Link &link)
{
    m_network.addLink(link);
    if (notify())
        Q_EMIT linkAdded(link.id);
}

void Document::updateLink(const Link &link)
{
    m_network.updateLink(link);
    if (notify())
        Q_EMIT linkChanged(link.id);
}

void Document::removeLink(LinkId id)
{
    m_network.removeLink(id);
    if (notify())
        Q_EMIT linkRemoved(id);
}

void Document::addDemand(const Demand &demand)
{
    m_network.addDemand(demand);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::updateDemand(const Demand &demand)
{
    m_network.updateDemand(demand);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::removeDemand(DemandId id)
{
    m_network.removeDemand(id);
    if (notify())
        Q_EMIT demandsChanged();
}

void Document::addRegion(const Region &region)
{
    m_network.addRegion(region);
    if (notify())
        Q_EMIT regionAdded(region.id);
}

void Document::addConstellation(const core::Constellation &constellation)
{
    m_network.addConstellation(constellation);
    if (notify())
        Q_EMIT constellationsChanged();
}

void Document::removeConstellation(core::ConstellationId id)
{
    m_network.removeConstellation(id);
    if (notify())
        Q_EMIT constellationsChanged();
}

void Document::removeRegion(RegionId id)
{
    m_network.removeRegion(id);
    if (notify())
        Q_EMIT regionRemoved(id);
}

} // namespace widgets
} // namespace nqi
