#include "widgets/resultsview.h"

#include "widgets/charts.h"
#include "widgets/document.h"
#include "widgets/kindnames.h"
#include "widgets/modelmessages.h"
#include "widgets/resultformat.h"

#include "planners/registry.h"
#include "planners/resilience/scenario.h"
#include "planners/route/route.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace nqi::widgets {
namespace {

// The view's texts; one translation context with the class (lupdate reads this macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(nqi::widgets::ResultsView)
};

using planners::Format;
using Selects = planners::TableDescriptor::Selects;
using ChartKind = planners::ChartDescriptor::Kind;

// The first cell of a row holds the row's JSON object, for showing it on the map.
constexpr int kRowRole = Qt::UserRole + 1;

QString configurationInUiLanguage(const planners::ResultKey &key)
{
    return planners::configurationTitle(key, interfaceLanguage());
}

const std::vector<planners::TableDescriptor> &tablesOf(const QString &key)
{
    static const std::vector<planners::TableDescriptor> none;
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
    return planner ? planner->tables : none;
}

const std::vector<planners::ChartDescriptor> &chartsOf(const QString &key)
{
    static const std::vector<planners::ChartDescriptor> none;
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
    return planner ? planner->charts : none;
}

// A result's title with its subject and run configuration: "Resilience — N-2: ...", "GPU
// fabric at ZJK".
QString plannerTitle(const QString &text)
{
    const planners::ResultKey key = planners::ResultKey::parse(text);
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key.planner);
    QString title = planner ? planner->title.in(interfaceLanguage()) : key.planner;
    if (!key.subject.isEmpty())
        title = planner && planner->reads == planners::Reads::Link
                    ? Text::tr("%1 %2").arg(title, key.subject)
                    : Text::tr("%1 at %2").arg(title, key.subject);
    const QString configuration = configurationInUiLanguage(key);
    return configuration.isEmpty() ? title : Text::tr("%1 — %2").arg(title, configuration);
}

QJsonValue at(const QJsonObject &root, const QString &path)
{
    return resultformat::valueAt(root, path);
}

} // namespace

/// A failure scenario as the resilience planner names it ("normal", "link 7 A-B", "site A",
/// "srlg X", "links 7+9"), in the interface's language.
QString scenarioTitle(const QString &name)
{
    return resultformat::scenarioText(name, interfaceLanguage());
}

namespace {

QStandardItem *cell(const QJsonValue &raw, const planners::ColumnDescriptor &column)
{
    // The text and order the report gives the same value (widgets/resultformat).
    const QJsonValue value = column.element >= 0 ? raw.toArray().at(column.element) : raw;
    auto *item = new QStandardItem;
    item->setEditable(false);
    const QString text =
        column.format == Format::Problem // as the planner words it, in the interface's language
            ? messageText(value.toString())
            : resultformat::text(value, column.format, interfaceLanguage());
    if (resultformat::isNumeric(column.format) || column.format == Format::Count) {
        item->setData(resultformat::sortValue(value, column.format), Qt::UserRole);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    } else if (column.format == Format::List || column.format == Format::Scenarios) {
        item->setData(resultformat::sortValue(value, column.format), Qt::UserRole);
        item->setToolTip(text);
    } else {
        item->setData(text, Qt::UserRole);
    }
    if (column.format == Format::Percent && value.toDouble() > 1.0)
        item->setForeground(QColor(183, 28, 28)); // over capacity
    item->setText(text);
    return item;
}

} // namespace

ResultsView::ResultsView(Document *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_planner(new QComboBox(this))
    , m_tableChoice(new QComboBox(this))
    , m_chartChoice(new QComboBox(this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableView(this))
    , m_model(new QStandardItemModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_plot(new QCustomPlot(this))
    , m_statusTimer(new QTimer(this))
{
    setObjectName(u"ResultsView"_qs);
    m_planner->setObjectName(u"ResultsPlanner"_qs);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // it quotes stored text: never markup

    auto *tablePage = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tablePage);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_tableChoice);
    tableLayout->addWidget(m_table);
    auto *chartPage = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPage);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_chartChoice);
    chartLayout->addWidget(m_plot, 1);
    m_plot->setMinimumHeight(80);
    m_table->setMinimumHeight(60);
    m_tabs->addTab(tablePage, tr("Table"));
    m_tabs->addTab(chartPage, tr("Chart"));

    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Result:"), this));
    top->addWidget(m_planner, 1);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_tabs, 1);

    connect(m_planner, &QComboBox::currentIndexChanged, this, &ResultsView::rebuild);
    connect(m_tableChoice, &QComboBox::currentIndexChanged, this, &ResultsView::fillTable);
    connect(m_chartChoice, &QComboBox::currentIndexChanged, this, &ResultsView::drawChart);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResultsView::showRowOnMap);
    connect(document, &Document::plannerResultChanged, this, [this](const QString &planner) {
        refreshPlanners();
        showPlanner(planner);
    });
    connect(document, &Document::networkReset, this, &ResultsView::refreshPlanners);
    // An edit can only make the shown result stale: re-check that (a digest of the whole
    // network) once the edits settle, rather than rebuilding tables, charts and colours per edit.
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(300);
    connect(m_statusTimer, &QTimer::timeout, this, &ResultsView::updateStatus);
    for (auto signal : {&Document::siteChanged, &Document::linkChanged, &Document::siteAdded,
                        &Document::linkAdded, &Document::siteRemoved, &Document::linkRemoved})
        connect(document, signal, m_statusTimer, qOverload<>(&QTimer::start));
    connect(document, &Document::demandsChanged, m_statusTimer, qOverload<>(&QTimer::start));
    refreshPlanners();
}

void ResultsView::refreshPlanners()
{
    const QString current = currentPlanner();
    const QSignalBlocker blocker(m_planner);
    m_planner->clear();
    for (const auto &[planner, result] : m_document->network().plannerResults())
        m_planner->addItem(plannerTitle(planner), planner);
    const int index = m_planner->findData(current);
    m_planner->setCurrentIndex(index >= 0 ? index : (m_planner->count() > 0 ? 0 : -1));
    rebuild();
}

void ResultsView::showPlanner(const QString &planner)
{
    const int index = m_planner->findData(planner);
    if (index >= 0 && index != m_planner->currentIndex())
        m_planner->setCurrentIndex(index);
    else
        rebuild();
}

QString ResultsView::currentPlanner() const
{
    return m_planner->currentData().toString();
}

QString ResultsView::currentTable() const
{
    return m_tableChoice->currentText();
}

void ResultsView::showTable(const QString &name)
{
    m_tabs->setCurrentIndex(0);
    m_tableChoice->setCurrentIndex(m_tableChoice->findText(name));
}

void ResultsView::showChart(const QString &name)
{
    m_tabs->setCurrentIndex(1);
    m_chartChoice->setCurrentIndex(m_chartChoice->findText(name));
}

QStringList ResultsView::tableNames() const
{
    QStringList names;
    for (int i = 0; i < m_tableChoice->count(); ++i)
        names << m_tableChoice->itemText(i);
    return names;
}

QStringList ResultsView::chartNames() const
{
    QStringList names;
    for (int i = 0; i < m_chartChoice->count(); ++i)
        names << m_chartChoice->itemText(i);
    return names;
}

int ResultsView::chartSeriesCount() const
{
    return m_plot->plottableCount();
}

QString ResultsView::statusText()
{
    if (m_statusTimer->isActive()) // an edit is waiting to be checked: check it now
        updateStatus();
    return m_status->text();
}

void ResultsView::updateStatus()
{
    m_statusTimer->stop();
    const QString planner = currentPlanner();
    const core::PlannerResult *result = m_document->network().plannerResult(planner);
    if (!result) {
        m_status->setText(tr("No results yet: run a planner from the Plan menu."));
        return;
    }
    QString status = tr("%1, computed %2.").arg(plannerTitle(planner), result->createdUtc);
    const planners::StoredResult read = planners::readStoredResult(m_document->network(), *result);
    if (!read.problem.isEmpty())
        status += u' ' + tr("It cannot be used: %1. Run the planner again.").arg(read.problem);
    else if (!read.current)
        status += u' ' + tr("The network has changed since: run it again for current figures.");
    m_status->setText(status);
}

// Only a result that fits its planner's schema is shown (a damaged one shows nothing).
QJsonObject ResultsView::currentJson() const
{
    // Parsed and checked once per stored result: a rebuild reads it for the table, the chart,
    // the map and the status, and a large result took a second each time on the GUI thread.
    const QString key = currentPlanner();
    const core::PlannerResult *stored = m_document->network().plannerResult(key);
    if (!stored)
        return {};
    if (key != m_parsedKey || stored->json.constData() != m_parsedBytes.constData() ||
        stored->json.size() != m_parsedBytes.size()) {
        m_parsedKey = key;
        m_parsedBytes = stored->json; // shared: identical data means the same stored result
        m_parsed = planners::readStoredResult(m_document->network(), *stored).json;
    }
    return m_parsed;
}

void ResultsView::rebuild()
{
    const QString planner = currentPlanner();
    const QJsonObject json = currentJson();
    {
        const QSignalBlocker tables(m_tableChoice);
        const QSignalBlocker charts(m_chartChoice);
        const QString table = m_tableChoice->currentText();
        const QString chart = m_chartChoice->currentText();
        m_tableChoice->clear();
        const std::vector<planners::TableDescriptor> &declared = tablesOf(planner);
        for (size_t i = 0; i < declared.size(); ++i) {
            if (!declared[i].rows.isEmpty() && (!at(json, declared[i].rows).isArray() ||
                                                at(json, declared[i].rows).toArray().isEmpty()))
                continue;
            QString title = declared[i].title.in(interfaceLanguage());
            // Rows that list a part of a count (N-2's cuts) say so.
            if (const qint64 whole = resultformat::listedOf(declared[i], json); whole > 0)
                title += tr(" (%1 of %2 listed: %3)")
                             .arg(at(json, declared[i].rows).toArray().size())
                             .arg(whole)
                             .arg(declared[i].listed.in(interfaceLanguage()));
            m_tableChoice->addItem(title, int(i));
        }
        m_chartChoice->clear();
        for (const planners::ChartDescriptor &declaredChart : chartsOf(planner))
            m_chartChoice->addItem(declaredChart.title.in(interfaceLanguage()));
        m_tableChoice->setCurrentIndex(std::max(0, m_tableChoice->findText(table)));
        m_chartChoice->setCurrentIndex(std::max(0, m_chartChoice->findText(chart)));
    }
    updateStatus();
    fillTable();
    drawChart();

    colourByResult();
    const planners::ResultKey key = planners::ResultKey::parse(planner);

    // A result of one site or link is shown on the map by selecting it, once per result chosen.
    const QString subject = key.subject;
    if (!subject.isEmpty() && planner != m_subjectShown) {
        QList<core::SiteId> sites;
        QList<core::LinkId> links;
        const core::Network &network = m_document->network();
        const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
        if (descriptor && descriptor->reads == planners::Reads::Link) {
            bool ok = false;
            const core::LinkId id = subject.toLongLong(&ok);
            if (ok && network.link(id))
                links << id;
        } else if (const core::Site *site = network.siteByCode(subject)) {
            sites << site->id;
        }
        if (!sites.isEmpty() || !links.isEmpty())
            Q_EMIT subjectShown(sites, links);
    }
    m_subjectShown = planner;
}

void ResultsView::colourByResult()
{
    // Colour the map as the planner declares (its worst case, its utilisation): of its link
    // colourings, the last the result holds (a TE run's links are those of its own routing,
    // docs/planners.md: "te"). The legend's title says which run configuration it shows. A
    // result that colours no links (fabric, ...) leaves the colouring as it is; a damaged one
    // clears it.
    const QString planner = currentPlanner();
    if (planner.isEmpty()) {
        m_colouredBy.clear();
        Q_EMIT linkColouring({}, tr("Utilisation"));
        return;
    }
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    if (!descriptor)
        return;
    const QJsonObject json = currentJson();
    const planners::MapColouringDescriptor *colouring = nullptr;
    for (const planners::MapColouringDescriptor &map : descriptor->map) {
        if (map.target != planners::MapColouringDescriptor::Target::Links)
            continue;
        if (!colouring || at(json, map.rows).isArray())
            colouring = &map;
    }
    if (!colouring)
        return;
    QHash<core::LinkId, double> utilization;
    for (const QJsonValue &link : at(json, colouring->rows).toArray())
        utilization.insert(link[colouring->id].toInteger(), link[colouring->value].toDouble());
    QString title = colouring->legend.in(interfaceLanguage());
    const planners::ResultKey key = planners::ResultKey::parse(planner);
    if (const QString configuration = configurationInUiLanguage(key); !configuration.isEmpty())
        title = tr("%1 (%2)").arg(title, configuration);
    m_colouredBy = planner;
    Q_EMIT linkColouring(utilization, title);
}

void ResultsView::selectRow(int row)
{
    m_table->selectRow(row);
}

void ResultsView::showRowOnMap()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        if (!m_rowShown.isEmpty()) {
            m_rowShown.clear();
            colourByResult();
        }
        return;
    }
    const QModelIndex index = m_proxy->mapToSource(selected.first());
    const QStandardItem *first = m_model->item(index.row(), 0);
    const QJsonObject row = first ? first->data(kRowRole).toJsonObject() : QJsonObject();
    if (row.isEmpty())
        return; // a summary's figure: nothing on the map
    const planners::TableDescriptor *table = shownTable();
    if (!table)
        return;
    const core::Network &network = m_document->network();
    switch (table->selects) {
    case Selects::Scenario:
        showScenario(row[table->selectField].toString());
        return;
    case Selects::Link: {
        const core::LinkId id = row[table->selectField].toInteger();
        // A link's worst case (the failure its scenario column names): that failure, with the
        // loads it leaves.
        for (const planners::ColumnDescriptor &column : table->columns)
            if (column.format == Format::Scenario && row[column.field].isString() &&
                row[column.field].toString() != u"normal") {
                showScenario(row[column.field].toString(), id);
                return;
            }
        colourByResult();
        m_rowShown = tr("Link %1").arg(id);
        if (network.link(id))
            Q_EMIT subjectShown({}, {id});
        return;
    }
    case Selects::Demand:
        showDemand(row[table->selectField].toInteger());
        return;
    case Selects::Site:
    case Selects::None: {
        // The sites the row names (a site's row; a pair of sites).
        QStringList codes;
        if (table->selects == Selects::Site)
            codes << row[table->selectField].toString();
        else
            for (const planners::ColumnDescriptor &column : table->columns)
                if (column.format == Format::Text && column.element < 0 &&
                    row[column.field].isString() &&
                    network.siteByCode(row[column.field].toString()))
                    codes << row[column.field].toString();
        QList<core::SiteId> sites;
        for (const QString &code : codes)
            if (const core::Site *site = network.siteByCode(code))
                sites << site->id;
        if (codes.isEmpty())
            return;
        colourByResult();
        m_rowShown = tr("Sites %1").arg(codes.join(u", "_qs));
        Q_EMIT subjectShown(sites, {});
        return;
    }
    }
}

const planners::TableDescriptor *ResultsView::shownTable() const
{
    const std::vector<planners::TableDescriptor> &tables = tablesOf(currentPlanner());
    const int index =
        m_tableChoice->currentData().isValid() ? m_tableChoice->currentData().toInt() : -1;
    return index >= 0 && size_t(index) < tables.size() ? &tables[size_t(index)] : nullptr;
}

planners::route::Result ResultsView::routeAsTheShownResult(const core::Network &network) const
{
    // With the device latency per hop the shown result ran with.
    planners::route::Options options;
    if (const core::PlannerResult *stored = m_document->network().plannerResult(currentPlanner()))
        options.perHopLatencyMs = stored->optionsObject().value(u"perHopMs"_qs).toDouble(0.0);
    planners::Progress progress;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    planners::route::Result routed = planners::route::run(network, options, progress);
    QGuiApplication::restoreOverrideCursor();
    return routed;
}

void ResultsView::showDemand(core::DemandId id)
{
    const core::Network &network = m_document->network();
    const core::Demand *demand = network.demand(id);
    if (!demand) {
        m_rowShown = tr("Demand %1 is no longer in the project.").arg(id);
        Q_EMIT linkColouring({}, m_rowShown);
        return;
    }
    const QString from = network.site(demand->source)->code;
    const QString to = network.site(demand->destination)->code;
    QHash<core::LinkId, double> share;
    // A demand's row that carries its split (paths with their rates: traffic engineering's)
    // shows it; otherwise it is routed as the IGP splits it.
    const QJsonObject json = currentJson();
    QJsonObject teDemand;
    for (const planners::TableDescriptor &table : tablesOf(currentPlanner())) {
        if (table.selects != Selects::Demand)
            continue;
        for (const QJsonValue &d : at(json, table.rows).toArray())
            if (d[table.selectField].toInteger() == id &&
                d[u"paths"_qs].toArray().first().toObject().contains(u"gbps"_qs))
                teDemand = d.toObject();
    }
    if (!teDemand.isEmpty()) {
        // The traffic engineering split: the LP's paths with their rates.
        double total = 0.0;
        for (const QJsonValue &path : teDemand[u"paths"_qs].toArray())
            total += path[u"gbps"_qs].toDouble();
        for (const QJsonValue &path : teDemand[u"paths"_qs].toArray()) {
            const QJsonArray sites = path[u"sites"_qs].toArray();
            for (qsizetype i = 0; i + 1 < sites.size(); ++i) {
                const core::Site *a = network.siteByCode(sites[i].toString());
                const core::Site *b = network.siteByCode(sites[i + 1].toString());
                for (const core::Link &link : network.links())
                    if (a && b &&
                        ((link.siteA == a->id && link.siteB == b->id) ||
                         (link.siteA == b->id && link.siteB == a->id))) {
                        share[link.id] += total > 0 ? path[u"gbps"_qs].toDouble() / total : 0.0;
                        break;
                    }
            }
        }
    } else {
        // The IGP's equal-cost split, which does not depend on the rates: the demand routed alone.
        core::Network alone = network;
        alone.clearPlannerResults();
        for (const core::Demand &other : network.demands())
            if (other.id != id)
                alone.removeDemand(other.id);
        const planners::route::Result routed = routeAsTheShownResult(alone);
        const double rate = demand->effectiveRateGbps();
        for (const planners::route::LinkLoad &load : routed.links) {
            const double carried = std::max(load.loadAbGbps, load.loadBaGbps);
            if (carried > 0.0 && rate > 0.0)
                share.insert(load.id, carried / rate);
        }
    }
    m_rowShown = share.isEmpty()
                     ? tr("Demand %1 %2→%3 has no path.").arg(id).arg(from, to)
                     : tr("Demand %1 %2→%3: its share on each link").arg(id).arg(from, to);
    Q_EMIT linkColouring(share, m_rowShown);
    Q_EMIT subjectShown({demand->source, demand->destination}, {});
}

void ResultsView::showScenario(const QString &name, std::optional<core::LinkId> also)
{
    const core::Network &network = m_document->network();
    const std::optional<planners::resilience::Scenario> scenario =
        planners::resilience::scenarioNamed(network, name);
    if (!scenario) {
        m_rowShown = tr("%1 is not in the project as it is now.").arg(scenarioTitle(name));
        Q_EMIT linkColouring({}, m_rowShown);
        return;
    }
    // The loads the failure leaves: the network without the failed elements, routed as the
    // resilience planner reroutes (the IGP's ECMP).
    const planners::route::Result routed =
        routeAsTheShownResult(planners::resilience::afterFailure(network, *scenario));
    QHash<core::LinkId, double> utilization;
    for (const planners::route::LinkLoad &load : routed.links)
        utilization.insert(load.id, load.utilization);
    m_rowShown = also ? tr("Utilisation under %1, the worst case of link %2 (both selected)")
                            .arg(scenarioTitle(name))
                            .arg(*also)
                      : tr("Utilisation under %1 (failed: selected)").arg(scenarioTitle(name));
    Q_EMIT linkColouring(utilization, m_rowShown);
    QList<core::SiteId> sites;
    if (scenario->kind == planners::resilience::ScenarioKind::Site)
        sites << scenario->site;
    QList<core::LinkId> links(scenario->links.begin(), scenario->links.end());
    if (also && network.link(*also))
        links << *also;
    Q_EMIT subjectShown(sites, links);
}

QString ResultsView::title(const QString &key)
{
    return plannerTitle(key);
}

void ResultsView::fillTable()
{
    m_model->clear();
    if (!m_rowShown.isEmpty()) { // the row shown is gone with the table
        m_rowShown.clear();
        colourByResult();
    }
    const QJsonObject json = currentJson();
    const QString language = interfaceLanguage();
    if (const planners::TableDescriptor *table = shownTable()) {
        if (table->rows.isEmpty()) {
            // A summary: one row per figure.
            m_model->setHorizontalHeaderLabels({tr("Figure"), tr("Value")});
            for (const planners::ColumnDescriptor &column : table->columns) {
                const QJsonValue value = at(json, column.field);
                if (value.isUndefined())
                    continue;
                const QString header = resultformat::withFields(column.header.in(language), json);
                auto *label = new QStandardItem(header);
                label->setEditable(false);
                label->setData(header, Qt::UserRole);
                m_model->appendRow({label, cell(value, column)});
            }
        } else {
            QStringList headers;
            for (const planners::ColumnDescriptor &column : table->columns)
                headers << resultformat::withFields(column.header.in(language), json);
            m_model->setHorizontalHeaderLabels(headers);
            for (const QJsonValue &row : at(json, table->rows).toArray()) {
                QList<QStandardItem *> items;
                for (const planners::ColumnDescriptor &column : table->columns)
                    items << cell(at(row.toObject(), column.field), column);
                if (!items.isEmpty())
                    items.front()->setData(row.toObject(), kRowRole);
                m_model->appendRow(items);
            }
        }
    }
    m_table->sortByColumn(-1, Qt::AscendingOrder); // in the planner's order until asked
    m_table->resizeColumnsToContents();
}

void ResultsView::drawChart()
{
    const int index = m_chartChoice->currentIndex();
    drawResultChart(*m_plot, currentPlanner(), index, index >= 0 ? currentJson() : QJsonObject(),
                    interfaceLanguage());
    m_plot->replot();
}

} // namespace nqi::widgets
