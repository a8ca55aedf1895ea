#pragma once

#include "core/model/diagnostic.h"
#include "core/model/network.h"

#include <QList>
#include <QUndoCommand>

#include <memory>
#include <optional>

namespace nqi::widgets {

class Document;

/**
 * The primitives a command is made of, applied to a document (with its signals) or, to check a
 * command before it is pushed, to a scratch copy of the document's network. They are
 * core::Network's add/update/remove (and set) and follow its rules: removeSite removes the site's
 * links and demands too. Each throws core::Failure and changes nothing when the change is invalid.
 */
class Editor
{
public:
    virtual ~Editor() = default;
    virtual void addSite(const core::Site &site) = 0;
    virtual void updateSite(const core::Site &site) = 0;
    virtual void removeSite(core::SiteId id) = 0;
    virtual void addLink(const core::Link &link) = 0;
    virtual void updateLink(const core::Link &link) = 0;
    virtual void removeLink(core::LinkId id) = 0;
    virtual void addDemand(const core::Demand &demand) = 0;
    virtual void updateDemand(const core::Demand &demand) = 0;
    virtual void removeDemand(core::DemandId id) = 0;
    virtual void addRegion(const core::Region &region) = 0;
    virtual void removeRegion(core::RegionId id) = 0;
    virtual void addConstellation(const core::Constellation &constellation) = 0;
    virtual void removeConstellation(core::ConstellationId id) = 0;
    virtual void setPlannerResult(const QString &planner,
                                  const std::optional<core::PlannerResult> &result) = 0;
    virtual void setAddressPlan(const core::AddressPlan &plan) = 0;
};

/**
 * Every undo command on a document. A command is checked when it is made: its steps are applied,
 * then undone, on a copy of the document's network. One that does not apply (a code already
 * used, a link whose site is gone, ...) or whose undo would not give back the network it started
 * from (a site removed without the links it took along) has a problem() and is never applied: push
 * it with pushCommand(), which refuses it and returns the problem. So redo() and undo() never throw
 * and never leave an edit of many objects half done. Push a command right after making it: it was
 * checked against the network as it was then.
 */
class Command : public QUndoCommand
{
public:
    /// Why the command cannot apply (nothing changes then); nullopt when it can.
    const std::optional<core::Diagnostic> &problem() const { return m_problem; }
    Document *document() const { return m_document; }

    void redo() final;
    void undo() final;

protected:
    explicit Command(Document *document);
    /// Applies the steps to a copy of the network, then their undoing: the problem if any.
    /// Every constructor calls it last.
    void check();
    /// redo()'s steps and undo()'s (the inverse, in reverse order).
    virtual void apply(Editor &editor) const = 0;
    virtual void revert(Editor &editor) const = 0;

private:
    Document *m_document;
    std::optional<core::Diagnostic> m_problem;
};

/**
 * Pushes a command on its document's undo stack when it applies; otherwise deletes it, changes
 * nothing and returns its problem.
 */
std::optional<core::Diagnostic> pushCommand(std::unique_ptr<Command> command);

/// Adds one site, link or demand (ids are taken before the command is pushed, so redo after
/// undo restores the same ids).
class AddSiteCommand : public Command
{
public:
    AddSiteCommand(Document *document, core::Site site);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::Site m_site;
};

class AddLinkCommand : public Command
{
public:
    AddLinkCommand(Document *document, core::Link link);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::Link m_link;
};

class AddDemandCommand : public Command
{
public:
    AddDemandCommand(Document *document, core::Demand demand);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::Demand m_demand;
};

class AddRegionCommand : public Command
{
public:
    AddRegionCommand(Document *document, core::Region region);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::Region m_region;
};

/// Adds a satellite constellation (Walker shells or a TLE set) to the project.
class AddConstellationCommand : public Command
{
public:
    AddConstellationCommand(Document *document, core::Constellation constellation);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::Constellation m_constellation;
};

/// Stores a planner's result in the project (undo restores the previous one).
class SetPlannerResultCommand : public Command
{
public:
    SetPlannerResultCommand(Document *document, core::PlannerResult result, const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::PlannerResult m_result;
    std::optional<core::PlannerResult> m_previous;
};

/// Stores a new or extended IPv6 address plan.
class SetAddressPlanCommand : public Command
{
public:
    SetAddressPlanCommand(Document *document, core::AddressPlan plan, const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    core::AddressPlan m_plan;
    core::AddressPlan m_previous;
};

/// Replaces sites' fields (edits in the inspector, moves on the map).
class UpdateSitesCommand : public Command
{
public:
    UpdateSitesCommand(Document *document,
                       QList<core::Site> before,
                       QList<core::Site> after,
                       const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Site> m_before;
    QList<core::Site> m_after;
};

class UpdateLinksCommand : public Command
{
public:
    UpdateLinksCommand(Document *document,
                       QList<core::Link> before,
                       QList<core::Link> after,
                       const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Link> m_before;
    QList<core::Link> m_after;
};

class UpdateDemandsCommand : public Command
{
public:
    UpdateDemandsCommand(Document *document,
                         QList<core::Demand> before,
                         QList<core::Demand> after,
                         const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Demand> m_before;
    QList<core::Demand> m_after;
};

/// Replaces regions (a new name, purpose or outline), each keeping its id and place.
class UpdateRegionsCommand : public Command
{
public:
    UpdateRegionsCommand(Document *document,
                         QList<core::Region> before,
                         QList<core::Region> after,
                         const QString &text);

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Region> m_before;
    QList<core::Region> m_after;
};

/// Removes sites, links, demands and regions in one step; a site goes with its links and the
/// demands that start or end there, and the text says so ("Remove Site BJ and its 3 link(s),
/// 2 demand(s)"). Undo puts them all back with their ids, in their places.
class RemoveCommand : public Command
{
public:
    RemoveCommand(Document *document,
                  const QList<core::SiteId> &sites,
                  const QList<core::LinkId> &links,
                  const QList<core::DemandId> &demands,
                  const QList<core::RegionId> &regions = {});

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Site> m_sites;
    QList<core::Link> m_links;
    QList<core::Demand> m_demands;
    QList<core::Region> m_regions;
};

/// Adds everything an import brought in (the difference between two networks) as one step.
class ImportCommand : public Command
{
public:
    ImportCommand(Document *document, const core::Network &imported, const QString &text);
    bool isEmpty() const { return m_sites.isEmpty() && m_links.isEmpty() && m_demands.isEmpty(); }

private:
    void apply(Editor &editor) const override;
    void revert(Editor &editor) const override;
    QList<core::Site> m_sites;
    QList<core::Link> m_links;
    QList<core::Demand> m_demands;
};

} // namespace nqi::widgets
