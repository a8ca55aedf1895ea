#pragma once

#include "core/model/network.h"

#include <QAbstractTableModel>
#include <QWidget>

class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace nqi::widgets {

class Document;

/// Sites, links or demands of the document as a table (ids in Qt::UserRole).
class ObjectTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Kind { Sites, Links, Demands };

    ObjectTableModel(Document *document, Kind kind, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    qint64 idAt(int row) const;
    int rowOf(qint64 id) const;

private:
    void reload();

    Document *m_document;
    Kind m_kind;
    int m_rows = 0;
};

/// The Project dock: sites, links and demands lists with filter and sort; selection follows
/// the map and the map follows it.
class ProjectDock : public QWidget
{
    Q_OBJECT

public:
    explicit ProjectDock(Document *document, QWidget *parent = nullptr);

    void setSelection(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);
    QTableView *view(ObjectTableModel::Kind kind) const;

Q_SIGNALS:
    void selectionChanged(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);
    void activated(); ///< a row was double-clicked: zoom to it

private:
    QWidget *makePage(ObjectTableModel::Kind kind);
    QList<qint64> selectedIds(ObjectTableModel::Kind kind) const;

    Document *m_document;
    QTabWidget *m_tabs;
    QTableView *m_views[3] = {};
    ObjectTableModel *m_models[3] = {};
    QSortFilterProxyModel *m_proxies[3] = {};
    bool m_syncing = false;
};

} // namespace nqi::widgets
