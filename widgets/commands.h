#pragma once

#include "core/model/network.h"

#include <QList>
#include <QUndoCommand>

#include <optional>

namespace nqi::widgets {

class Document;

/// Adds one site, link or demand (ids are taken before the command is pushed, so redo after
/// undo restores the same ids).
class AddSiteCommand : public QUndoCommand
{
public:
    AddSiteCommand(Document *document, core::Site site);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::Site m_site;
};

class AddLinkCommand : public QUndoCommand
{
public:
    AddLinkCommand(Document *document, core::Link link);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::Link m_link;
};

class AddDemandCommand : public QUndoCommand
{
public:
    AddDemandCommand(Document *document, core::Demand demand);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::Demand m_demand;
};

class AddRegionCommand : public QUndoCommand
{
public:
    AddRegionCommand(Document *document, core::Region region);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::Region m_region;
};

/// Adds a satellite constellation (Walker shells or a TLE set) to the project.
class AddConstellationCommand : public QUndoCommand
{
public:
    AddConstellationCommand(Document *document, core::Constellation constellation);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::Constellation m_constellation;
};

/// Stores a planner's result in the project (undo restores the previous one).
class StorePlannerResultCommand : public QUndoCommand
{
public:
    StorePlannerResultCommand(Document *document, core::PlannerResult result, const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::PlannerResult m_result;
    std::optional<core::PlannerResult> m_previous;
};

/// Stores a new or extended IPv6 address plan.
class SetAddressPlanCommand : public QUndoCommand
{
public:
    SetAddressPlanCommand(Document *document, core::AddressPlan plan, const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    core::AddressPlan m_plan;
    core::AddressPlan m_previous;
};

/// Replaces sites' fields (edits in the inspector, moves on the map).
class EditSitesCommand : public QUndoCommand
{
public:
    EditSitesCommand(Document *document,
                     QList<core::Site> before,
                     QList<core::Site> after,
                     const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QList<core::Site> m_before;
    QList<core::Site> m_after;
};

class EditLinksCommand : public QUndoCommand
{
public:
    EditLinksCommand(Document *document,
                     QList<core::Link> before,
                     QList<core::Link> after,
                     const QString &text);
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QList<core::Link> m_before;
    QList<core::Link> m_after;
};

/// Deletes sites (with their links and demands), links, demands and regions; undo puts them back
/// with their ids, in their places.
class DeleteCommand : public QUndoCommand
{
public:
    DeleteCommand(Document *document,
                  const QList<core::SiteId> &sites,
                  const QList<core::LinkId> &links,
                  const QList<core::DemandId> &demands,
                  const QList<core::RegionId> &regions = {});
    void redo() override;
    void undo() override;

private:
    Document *m_document;
    QList<core::Site> m_sites;
    QList<core::Link> m_links;
    QList<core::Demand> m_demands;
    QList<core::Region> m_regions;
};

} // namespace nqi::widgets

namespace nqi::widgets {

/// Adds everything an import brought in (the difference between two networks) as one step.
class ImportCommand : public QUndoCommand
{
public:
    ImportCommand(Document *document, const core::Network &imported, const QString &text);
    void redo() override;
    void undo() override;
    bool isEmpty() const { return m_sites.isEmpty() && m_links.isEmpty() && m_demands.isEmpty(); }

private:
    Document *m_document;
    QList<core::Site> m_sites;
    QList<core::Link> m_links;
    QList<core::Demand> m_demands;
};

} // namespace nqi::widgets
