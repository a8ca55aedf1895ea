#pragma once

#include "core/model/network.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <optional>

namespace nqi::widgets {

/**
 * The open project: the network, its file and its undo stack. Every change goes through an undo
 * command (commands.h) that calls the primitives below; views listen to the signals.
 */
class Document : public QObject
{
    Q_OBJECT

public:
    explicit Document(QObject *parent = nullptr);

    const core::Network &network() const { return m_network; }
    QUndoStack *undoStack() { return &m_undoStack; }

    const QString &filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    QString displayName() const;
    bool isModified() const { return !m_undoStack.isClean(); }

    /// Replaces the whole network (open, new); clears undo history.
    void reset(core::Network network, const QString &filePath);
    /// Marks the current state as saved.
    void markSaved(const QString &filePath);

    /// Many primitives in a row (imports, large deletions): views get one networkReset at the
    /// end instead of a signal per object.
    void beginBatch() { ++m_batchDepth; }
    void endBatch();

    // Primitives for undo commands, named and acting as core::Network's add/update/remove. They
    // throw core::Failure (and change nothing) when invalid.
    void addSite(const core::Site &site);
    void updateSite(const core::Site &site);
    /// Removes the site with its links and the demands that start or end there, as
    /// core::Network::removeSite does (linkRemoved for each of its links, then siteRemoved).
    void removeSite(core::SiteId id);
    void addLink(const core::Link &link);
    void updateLink(const core::Link &link);
    void removeLink(core::LinkId id);
    void addDemand(const core::Demand &demand);
    void updateDemand(const core::Demand &demand);
    void removeDemand(core::DemandId id);
    void addRegion(const core::Region &region);
    void removeRegion(core::RegionId id);
    void addConstellation(const core::Constellation &constellation);
    void removeConstellation(core::ConstellationId id);
    /// Stores (or with nullopt removes) a planner's result.
    void setPlannerResult(const QString &planner, const std::optional<core::PlannerResult> &result);
    void setAddressPlan(const core::AddressPlan &plan);

Q_SIGNALS:
    void networkReset();
    void siteAdded(core::SiteId id);
    void siteChanged(core::SiteId id);
    void siteRemoved(core::SiteId id);
    void linkAdded(core::LinkId id);
    void linkChanged(core::LinkId id);
    void linkRemoved(core::LinkId id);
    void demandsChanged();
    void regionAdded(core::RegionId id);
    void regionRemoved(core::RegionId id);
    void constellationsChanged();
    void plannerResultChanged(const QString &planner);
    void addressPlanChanged();
    void filePathChanged(const QString &path);
    void modifiedChanged(bool modified);

private:
    bool notify(); ///< false while batching (the change is remembered for endBatch)

    core::Network m_network;
    QUndoStack m_undoStack;
    QString m_filePath;
    int m_batchDepth = 0;
    bool m_batchChanged = false;
};

} // namespace nqi::widgets
