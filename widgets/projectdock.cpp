#include "widgets/projectdock.h"

#include "core/model/numbers.h"
#include "widgets/document.h"
#include "widgets/kindnames.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace nqi {
namespace widgets {

using namespace nqi::core;

ObjectTableModel::ObjectTableModel(Document *document, Kind kind, QObject *parent)
    : QAbstractTableModel(parent)
    , m_document(document)
    , m_kind(kind)
{
    // Row counts and contents change together with the network; a reset keeps this simple
    // and is cheap next to the map update the same edit causes.
    for (auto signal : {&Document::networkReset, &Document::demandsChanged})
        connect(document, signal, this, &ObjectTableModel::reload);
    connect(document, &Document::siteAdded, this, &ObjectTableModel::reload);
    connect(document, &Document::siteChanged, this, &ObjectTableModel::reload);
    connect(document, &Document::siteRemoved, this, &ObjectTableModel::reload);
    connect(document, &Document::linkAdded, this, &ObjectTableModel::reload);
    connect(document, &Document::linkChanged, this, &ObjectTableModel::reload);
    connect(document, &Document::linkRemoved, this, &ObjectTableModel::reload);
    reload();
}

void ObjectTableModel::reload()
{
    beginResetModel();
    const Network &network = m_document->network();
    m_rows = int(m_kind == Kind::Sites   ? network.sites().size()
                 : m_kind == Kind::Links ? network.links().size()
                                         : network.demands().size());
    endResetModel();
}

int ObjectTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int ObjectTableModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_kind == Kind::Sites ? 8 : m_kind == Kind::Links ? 9 : 8;
}

qint64 ObjectTableModel::idAt(int row) const
{
    const Network &network = m_document->network();
    if (row < 0 || row >= m_rows)
        return 0;
    switch (m_kind) {
    case Kind::Sites:
        return network.sites()[row].id;
    case Kind::Links:
        return network.links()[row].id;
    case Kind::Demands:
        return network.demands()[row].id;
    }
    return 0;
}

int ObjectTableModel::rowOf(qint64 id) const
{
    // Lists are kept in id order: binary search.
    const Network &network = m_document->network();
    auto find = [id](const auto &objects) {
        const auto it = std::lower_bound(objects.begin(), objects.end(), id,
                                         [](const auto &o, qint64 key) { return o.id < key; });
        return it != objects.end() && it->id == id ? int(it - objects.begin()) : -1;
    };
    switch (m_kind) {
    case Kind::Sites:
        return find(network.sites());
    case Kind::Links:
        return find(network.links());
    case Kind::Demands:
        return find(network.demands());
    }
    return -1;
}

QVariant ObjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *const sites[] = {
        QT_TR_NOOP("Id"),  QT_TR_NOOP("Code"), QT_TR_NOOP("Name"),   QT_TR_NOOP("Kind"),
        QT_TR_NOOP("Lat"), QT_TR_NOOP("Lon"),  QT_TR_NOOP("Region"), QT_TR_NOOP("GPUs")};
    static const char *const links[] = {QT_TR_NOOP("Id"),
                                        QT_TR_NOOP("A"),
                                        QT_TR_NOOP("B"),
                                        QT_TR_NOOP("Capacity (Gbps)"),
                                        QT_TR_NOOP("Medium"),
                                        QT_TR_NOOP("Length (km)"),
                                        QT_TR_NOOP("Latency (ms)"),
                                        QT_TR_NOOP("IGP metric"),
                                        QT_TR_NOOP("SRLGs")};
    static const char *const demands[] = {QT_TR_NOOP("Id"),          QT_TR_NOOP("Source"),
                                          QT_TR_NOOP("Destination"), QT_TR_NOOP("Rate (Gbps)"),
                                          QT_TR_NOOP("Class"),       QT_TR_NOOP("Max latency (ms)"),
                                          QT_TR_NOOP("Protection"),  QT_TR_NOOP("Regions")};
    const char *const *names = m_kind == Kind::Sites   ? sites
                               : m_kind == Kind::Links ? links
                                                       : demands;
    return section >= 0 && section < columnCount() ? tr(names[section]) : QVariant();
}

QVariant ObjectTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows)
        return {};
    const Network &network = m_document->network();
    if (role == Qt::UserRole)
        return idAt(index.row());
    if (role == Qt::TextAlignmentRole) {
        const bool numeric =
            m_kind == Kind::Sites ? (index.column() == 0 || index.column() >= 4)
            : m_kind == Kind::Links
                ? (index.column() == 0 ||
                   (index.column() >= 3 && index.column() != 4 && index.column() != 8))
                : (index.column() == 0 || index.column() == 3 || index.column() == 5);
        return QVariant(
            int(numeric ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter));
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    auto code = [&network](SiteId id) {
        const Site *site = network.site(id);
        return site ? site->code : QString();
    };
    auto optional = [](const std::optional<double> &value) {
        return value ? QVariant(*value) : QVariant();
    };
    switch (m_kind) {
    case Kind::Sites: {
        const Site &site = network.sites()[index.row()];
        switch (index.column()) {
        case 0:
            return site.id;
        case 1:
            return site.code;
        case 2:
            return site.name;
        case 3:
            return siteKindTitle(site.kind);
        case 4:
            return site.latitudeDeg;
        case 5:
            return site.longitudeDeg;
        case 6:
            return site.region;
        case 7:
            return site.gpus ? QVariant(*site.gpus) : QVariant();
        }
        break;
    }
    case Kind::Links: {
        const Link &link = network.links()[index.row()];
        switch (index.column()) {
        case 0:
            return link.id;
        case 1:
            return code(link.siteA);
        case 2:
            return code(link.siteB);
        case 3:
            return link.totalCapacityGbps();
        case 4:
            return linkMediumTitle(link.medium);
        case 5:
            return std::round(network.lengthKm(link) * 10.0) / 10.0;
        case 6:
            return std::round(network.latencyMs(link) * 1000.0) / 1000.0;
        case 7:
            return link.igpMetric ? QVariant(*link.igpMetric) : QVariant();
        case 8:
            return link.srlgs.join(u"; "_qs);
        }
        break;
    }
    case Kind::Demands: {
        const Demand &demand = network.demands()[index.row()];
        switch (index.column()) {
        case 0:
            return demand.id;
        case 1:
            return code(demand.source);
        case 2:
            return code(demand.destination);
        case 3:
            return std::round(demand.effectiveRateGbps() * 1000.0) / 1000.0;
        case 4:
            return demandClassTitle(demand.demandClass);
        case 5:
            return optional(demand.maxLatencyMs);
        case 6:
            return protectionTitle(demand.protection);
        case 7:
            return demand.allowedRegions.join(u"; "_qs);
        }
        break;
    }
    }
    return {};
}

ProjectDock::ProjectDock(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_tabs(new QTabWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    m_tabs->addTab(makePage(ObjectTableModel::Kind::Sites), tr("Sites"));
    m_tabs->addTab(makePage(ObjectTableModel::Kind::Links), tr("Links"));
    m_tabs->addTab(makePage(ObjectTableModel::Kind::Demands), tr("Demands"));
}

QTableView *ProjectDock::view(ObjectTableModel::Kind kind) const
{
    return m_views[int(kind)];
}

QWidget *ProjectDock::makePage(ObjectTableModel::Kind kind)
{
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *filter = new QLineEdit(page);
    filter->setPlaceholderText(tr("Filter…"));
    filter->setClearButtonEnabled(true);
    layout->addWidget(filter);
    auto *model = new ObjectTableModel(m_document, kind, page);
    auto *proxy = new QSortFilterProxyModel(page);
    proxy->setSourceModel(model);
    proxy->setFilterKeyColumn(-1);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortRole(Qt::EditRole);
    connect(filter, &QLineEdit::textChanged, proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *view = new QTableView(page);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    layout->addWidget(view);
    const int i = int(kind);
    m_views[i] = view;
    m_models[i] = model;
    m_proxies[i] = proxy;
    connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, kind] {
        if (m_syncing || kind == ObjectTableModel::Kind::Demands)
            return;
        Q_EMIT selectionChanged(selectedIds(ObjectTableModel::Kind::Sites),
                                selectedIds(ObjectTableModel::Kind::Links));
    });
    connect(view, &QTableView::doubleClicked, this, &ProjectDock::activated);
    return page;
}

QList<qint64> ProjectDock::selectedIds(ObjectTableModel::Kind kind) const
{
    QList<qint64> ids;
    const int i = int(kind);
    for (const QModelIndex &index : m_views[i]->selectionModel()->selectedRows())
        ids << m_proxies[i]->data(index, Qt::UserRole).toLongLong();
    std::sort(ids.begin(), ids.end());
    return ids;
}

void ProjectDock::setSelection(const QList<SiteId> &sites, const QList<LinkId> &links)
{
    m_syncing = true;
    for (auto [kind, ids] : {std::pair{ObjectTableModel::Kind::Sites, sites},
                             std::pair{ObjectTableModel::Kind::Links, links}}) {
        const int i = int(kind);
        QItemSelection selection;
        for (qint64 id : ids) {
            const int row = m_models[i]->rowOf(id);
            if (row < 0)
                continue;
            const QModelIndex index = m_proxies[i]->mapFromSource(m_models[i]->index(row, 0));
            if (index.isValid())
                selection.select(index, index);
        }
        m_views[i]->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect |
                                                            QItemSelectionModel::Rows);
        if (!selection.isEmpty())
            m_views[i]->scrollTo(selection.indexes().constFirst());
    }
    if (!sites.isEmpty())
        m_tabs->setCurrentIndex(0);
    else if (!links.isEmpty())
        m_tabs->setCurrentIndex(1);
    m_syncing = false;
}

} // namespace widgets
} // namespace nqi
