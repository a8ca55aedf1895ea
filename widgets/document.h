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

    // Primitives for undo commands. They throw core::Failure (and change nothing) when invalid.
    void insertSite(const core::Site &site);
    void replaceSite(const core::Site &site);
    void eraseSite(core::SiteId id);
    void insertLink(const core::Link &link);
    void replaceLink(const core::Link &link);
    void eraseLink(core::LinkId id);
    void insertDemand(const core::Demand &demand);
    void replaceDemand(const core::Demand &demand);
    void eraseDemand(core::DemandId id);
    void insertRegion(const core::Region &region);
    void eraseRegion(core::RegionId id);
    void insertConstellation(const core::Constellation &constellation);
    void eraseConstellation(core::ConstellationId id);
    /// Stores (or with nullopt removes) a planner's result.
    void replacePlannerResult(const QString &planner,
                              const std::optional<core::PlannerResult> &result);
    void replaceAddressPlan(const core::AddressPlan &plan);

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
