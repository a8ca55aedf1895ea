#include "widgets/resultsview.h"

#include "widgets/charts.h"
#include "widgets/document.h"
#include "widgets/modelmessages.h"

#include "planners/registry.h"
#include "planners/resilience/scenario.h"
#include "planners/route/route.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QGuiApplication>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
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

enum class Format { Text, Scenario, Problem, Integer, Number, Percent, Bool, List };

// The first cell of a row holds the row's JSON object, for showing it on the map.
constexpr int kRowRole = Qt::UserRole + 1;

struct Column
{
    QString header;
    QString key;
    Format format;
    int index = -1; ///< element of an array value
};

struct TableSpec
{
    QString name;
    QString path; ///< where the rows are: "links", "te.links", "circles.sites"
    QList<Column> columns;
};

// The language run configurations are named in: the interface's (main() sets the default
// locale to the one chosen).
QString configurationInUiLanguage(const planners::ResultKey &key)
{
    return planners::configurationTitle(
        key, QLocale().language() == QLocale::Chinese ? u"zh"_qs : u"en"_qs);
}

QString plannerOnlyTitle(const QString &planner, const QString &subject);

// A result's title with its run configuration: "Resilience (failures): N-2: ...".
QString plannerTitle(const QString &text)
{
    const planners::ResultKey key = planners::ResultKey::parse(text);
    const QString title = plannerOnlyTitle(key.planner, key.subject);
    const QString configuration = configurationInUiLanguage(key);
    return configuration.isEmpty() ? title : Text::tr("%1 — %2").arg(title, configuration);
}

QString plannerOnlyTitle(const QString &planner, const QString &subject)
{
    if (planner == u"fabric")
        return subject.isEmpty() ? Text::tr("GPU fabric")
                                 : Text::tr("GPU fabric for %1").arg(subject);
    if (planner == u"dci")
        return Text::tr("Link %1 between data centres").arg(subject);
    if (planner == u"ingest")
        return Text::tr("Data ingest at %1").arg(subject);
    if (planner == u"route")
        return Text::tr("Routing");
    if (planner == u"resilience")
        return Text::tr("Resilience");
    if (planner == u"latency")
        return Text::tr("Latency");
    if (planner == u"capacity")
        return Text::tr("Capacity");
    return planner;
}

QList<TableSpec> tablesOf(const QString &key)
{
    const QString planner = planners::ResultKey::parse(key).planner;
    using C = Column;
    const C id{Text::tr("Id"), u"id"_qs, Format::Integer};
    const C a{Text::tr("Site A"), u"a"_qs, Format::Text};
    const C b{Text::tr("Site B"), u"b"_qs, Format::Text};
    const C capacity{Text::tr("Capacity (Gbps)"), u"capacityGbps"_qs, Format::Number};
    if (planner == u"route") {
        const QList<C> links{id,
                             a,
                             b,
                             C{Text::tr("Load A→B (Gbps)"), u"loadAbGbps"_qs, Format::Number},
                             C{Text::tr("Load B→A (Gbps)"), u"loadBaGbps"_qs, Format::Number},
                             capacity,
                             C{Text::tr("Utilisation"), u"utilization"_qs, Format::Percent}};
        return {{Text::tr("Links"), u"links"_qs, links},
                {Text::tr("Demands"),
                 u"demands"_qs,
                 {id, C{Text::tr("Source"), u"source"_qs, Format::Text},
                  C{Text::tr("Destination"), u"destination"_qs, Format::Text},
                  C{Text::tr("Rate (Gbps)"), u"rateGbps"_qs, Format::Number},
                  C{Text::tr("Latency (ms)"), u"latencyMs"_qs, Format::Number},
                  C{Text::tr("Hops"), u"hops"_qs, Format::Integer},
                  C{Text::tr("Equal-cost paths"), u"pathCount"_qs, Format::Integer},
                  C{Text::tr("Over its bound"), u"latencyViolated"_qs, Format::Bool},
                  C{Text::tr("Outside its regions"), u"outsideRegions"_qs, Format::List}}},
                {Text::tr("Unrouted demands"),
                 u"unrouted"_qs,
                 {id, C{Text::tr("Source"), u"source"_qs, Format::Text},
                  C{Text::tr("Destination"), u"destination"_qs, Format::Text},
                  C{Text::tr("Rate (Gbps)"), u"rateGbps"_qs, Format::Number}}},
                {Text::tr("Traffic engineering: links"), u"te.links"_qs, links},
                {Text::tr("Traffic engineering: demands"),
                 u"te.demands"_qs,
                 {id, C{Text::tr("Paths"), u"paths"_qs, Format::List},
                  C{Text::tr("Problem"), u"problem"_qs, Format::Problem}}}};
    }
    if (planner == u"resilience") {
        return {
            {Text::tr("Links"),
             u"links"_qs,
             {id, a, b, capacity, C{Text::tr("Normal"), u"normalUtilization"_qs, Format::Percent},
              C{Text::tr("Worst case"), u"worstUtilization"_qs, Format::Percent},
              C{Text::tr("Worst load (Gbps)"), u"worstLoadGbps"_qs, Format::Number},
              C{Text::tr("Worst when"), u"worstScenario"_qs, Format::Scenario}}},
            {Text::tr("Failures that cut traffic"),
             u"disconnected"_qs,
             {C{Text::tr("Failure"), u"scenario"_qs, Format::Scenario},
              C{Text::tr("Lost (Gbps)"), u"lostGbps"_qs, Format::Number},
              C{Text::tr("Demands cut"), u"demands"_qs, Format::List},
              C{Text::tr("At the failed site (Gbps)"), u"endpointDownGbps"_qs, Format::Number}}},
            {Text::tr("Demands"),
             u"demands"_qs,
             {id, C{Text::tr("Normal latency (ms)"), u"normalLatencyMs"_qs, Format::Number},
              C{Text::tr("Worst latency (ms)"), u"worstLatencyMs"_qs, Format::Number},
              C{Text::tr("Stretch"), u"worstStretch"_qs, Format::Number},
              C{Text::tr("Worst when"), u"worstScenario"_qs, Format::Scenario},
              C{Text::tr("Failures that cut it"), u"scenariosDisconnected"_qs, Format::Integer},
              C{Text::tr("Availability"), u"availability"_qs, Format::Number}}},
            {Text::tr("1+1 protection"),
             u"protection"_qs,
             {id, C{Text::tr("Primary"), u"primary"_qs, Format::List},
              C{Text::tr("Backup"), u"backup"_qs, Format::List},
              C{Text::tr("Problem"), u"problem"_qs, Format::Problem}}}};
    }
    if (planner == u"latency") {
        return {{Text::tr("Demands"),
                 u"demands"_qs,
                 {id, C{Text::tr("Latency (ms)"), u"latencyMs"_qs, Format::Number},
                  C{Text::tr("Fastest possible (ms)"), u"fastestMs"_qs, Format::Number},
                  C{Text::tr("Bound (ms)"), u"maxLatencyMs"_qs, Format::Number},
                  C{Text::tr("Over its bound"), u"violated"_qs, Format::Bool}}},
                {Text::tr("Site pairs"),
                 u"pairs"_qs,
                 {a, b, C{Text::tr("Latency (ms)"), u"latencyMs"_qs, Format::Number},
                  C{Text::tr("Fastest possible (ms)"), u"fastestMs"_qs, Format::Number}}},
                {Text::tr("Latency circles"),
                 u"circles.sites"_qs,
                 {C{Text::tr("Site"), u"site"_qs, Format::Text},
                  C{Text::tr("Nearest hub or DC"), u"nearestCompute"_qs, Format::Text},
                  C{Text::tr("Its latency (ms)"), u"nearestComputeMs"_qs, Format::Number},
                  C{Text::tr("Within circle 1"), u"within"_qs, Format::List, 0},
                  C{Text::tr("Within circle 2"), u"within"_qs, Format::List, 1},
                  C{Text::tr("Within circle 3"), u"within"_qs, Format::List, 2}}}};
    }
    if (planner == u"fabric") {
        return {
            {Text::tr("Summary"),
             QString(),
             {C{Text::tr("Tiers"), u"tiers"_qs, Format::Integer},
              C{Text::tr("Topology"), u"topology"_qs, Format::Text},
              C{Text::tr("Accelerators"), u"gpus"_qs, Format::Integer},
              C{Text::tr("Servers"), u"servers"_qs, Format::Integer},
              C{Text::tr("NIC ports"), u"endpoints"_qs, Format::Integer},
              C{Text::tr("Scalable units"), u"scalableUnits"_qs, Format::Integer},
              C{Text::tr("Leaf switches"), u"leafSwitches"_qs, Format::Integer},
              C{Text::tr("Spine switches"), u"spineSwitches"_qs, Format::Integer},
              C{Text::tr("Core switches"), u"coreSwitches"_qs, Format::Integer},
              C{Text::tr("Cables, server to leaf"), u"cablesPerTier.serverLeaf"_qs,
                Format::Integer},
              C{Text::tr("Cables, leaf to spine"), u"cablesPerTier.leafSpine"_qs, Format::Integer},
              C{Text::tr("Cables, spine to core"), u"cablesPerTier.spineCore"_qs, Format::Integer},
              C{Text::tr("Transceivers, switch side"), u"switchTransceivers"_qs, Format::Integer},
              C{Text::tr("Transceivers, server side"), u"serverTransceivers"_qs, Format::Integer},
              C{Text::tr("Bisection bandwidth (Tb/s)"), u"bisectionTbps"_qs, Format::Number},
              C{Text::tr("Largest cluster in 2 tiers"), u"max2TierGpus"_qs, Format::Integer},
              C{Text::tr("Largest cluster in 3 tiers"), u"max3TierGpus"_qs, Format::Integer},
              C{Text::tr("Power (kW)"), u"powerKw"_qs, Format::Number},
              C{Text::tr("Cost"), u"cost"_qs, Format::Number}}}};
    }
    if (planner == u"dci") {
        return {
            {Text::tr("Summary"),
             QString(),
             {C{Text::tr("Route length (km)"), u"distanceKm"_qs, Format::Number},
              C{Text::tr("Rate (Gb/s)"), u"rateGbps"_qs, Format::Number},
              C{Text::tr("Round trip (ms)"), u"rttMs"_qs, Format::Number},
              C{Text::tr("Bandwidth-delay product (MB)"), u"bdpMB"_qs, Format::Number},
              C{Text::tr("PFC headroom at each end (MB)"), u"headroomMB"_qs, Format::Number},
              C{Text::tr("Longest lossless distance (km)"), u"maxLosslessKm"_qs, Format::Number},
              C{Text::tr("Gradient sync across the DCs (s)"), u"crossDcSyncSeconds"_qs,
                Format::Number},
              C{Text::tr("Gradient sync in one DC (s)"), u"singleDcSyncSeconds"_qs, Format::Number},
              C{Text::tr("Training step slowdown"), u"slowdown"_qs, Format::Number}}}};
    }
    if (planner == u"ingest") {
        return {{Text::tr("Lines"),
                 u"options"_qs,
                 {C{Text::tr("Line (Gb/s)"), u"lineGbps"_qs, Format::Number},
                  C{Text::tr("Hours on one line"), u"hours"_qs, Format::Number},
                  C{Text::tr("Meets the window"), u"meetsWindow"_qs, Format::Bool},
                  C{Text::tr("Lines to meet it"), u"linesNeeded"_qs, Format::Integer},
                  C{Text::tr("Monthly cost"), u"monthlyCost"_qs, Format::Number}}},
                {Text::tr("Summary"),
                 QString(),
                 {C{Text::tr("Volume (TB)"), u"volumeTb"_qs, Format::Number},
                  C{Text::tr("Window (h)"), u"windowHours"_qs, Format::Number},
                  C{Text::tr("Efficiency"), u"efficiency"_qs, Format::Percent},
                  C{Text::tr("Line rate needed (Gb/s)"), u"requiredGbps"_qs, Format::Number},
                  C{Text::tr("Cheapest line (Gb/s)"), u"cheapest.lineGbps"_qs, Format::Number},
                  C{Text::tr("Cheapest: lines"), u"cheapest.lines"_qs, Format::Integer},
                  C{Text::tr("Cheapest: monthly cost"), u"cheapest.monthlyCost"_qs, Format::Number},
                  C{Text::tr("Disks to ship"), u"disks.devices"_qs, Format::Integer},
                  C{Text::tr("Disks: hours door to door"), u"disks.hours"_qs, Format::Number},
                  C{Text::tr("Disks meet the window"), u"disks.meetsWindow"_qs, Format::Bool}}}};
    }
    if (planner == u"capacity") {
        return {{Text::tr("Upgrades"),
                 u"links"_qs,
                 {id, a, b, capacity,
                  C{Text::tr("Worst load (Gbps)"), u"worstLoadGbps"_qs, Format::Number},
                  C{Text::tr("Sized for"), u"worstScenario"_qs, Format::Scenario},
                  C{Text::tr("Added (Gbps)"), u"addedGbps"_qs, Format::Number},
                  C{Text::tr("Modules"), u"modules"_qs, Format::List},
                  C{Text::tr("Cost"), u"cost"_qs, Format::Number},
                  C{Text::tr("New utilisation"), u"newUtilization"_qs, Format::Percent}}}};
    }
    return {};
}

QStringList chartsOf(const QString &key)
{
    const QString planner = planners::ResultKey::parse(key).planner;
    if (planner == u"fabric")
        return {Text::tr("Switches and cables per tier")};
    if (planner == u"dci")
        return {Text::tr("PFC headroom against distance")};
    if (planner == u"ingest")
        return {Text::tr("Transfer time against line rate")};
    if (planner == u"route")
        return {Text::tr("Utilisation histogram"), Text::tr("Latency CDF")};
    if (planner == u"resilience")
        return {Text::tr("Normal vs worst-case utilisation"),
                Text::tr("Disconnected traffic per failure")};
    if (planner == u"latency")
        return {Text::tr("Latency CDF")};
    if (planner == u"capacity")
        return {Text::tr("Cost per link")};
    return {};
}

QJsonValue at(const QJsonObject &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &part : path.split(u'.'))
        value = value.toObject().value(part);
    return value;
}

QString listText(const QJsonValue &value)
{
    QStringList parts;
    for (const QJsonValue &item : value.toArray()) {
        if (item.isArray())
            parts << listText(item);
        else if (item.isObject() && item.toObject().contains(u"sites"_qs))
            parts << u"%1 (%2 Gbps)"_qs.arg(listText(item[u"sites"_qs]).replace(u", "_qs, u"–"_qs))
                         .arg(item[u"gbps"_qs].toDouble(), 0, 'f', 1);
        else if (item.isString())
            parts << item.toString();
        else
            parts << QString::number(item.toDouble());
    }
    return parts.join(u", "_qs);
}

} // namespace

/// A failure scenario as the resilience planner names it ("normal", "link 7 A-B", "site A",
/// "srlg X", "links 7+9"), in the interface's language.
QString scenarioTitle(const QString &name)
{
    if (name == u"normal")
        return Text::tr("normal");
    const qsizetype space = name.indexOf(u' ');
    const QString kind = name.left(space), rest = name.mid(space + 1);
    if (space > 0 && kind == u"link")
        return Text::tr("link %1").arg(rest);
    if (space > 0 && kind == u"links")
        return Text::tr("links %1").arg(rest);
    if (space > 0 && kind == u"site")
        return Text::tr("site %1").arg(rest);
    if (space > 0 && kind == u"srlg")
        return Text::tr("SRLG %1").arg(rest);
    return name;
}

namespace {

QStandardItem *cell(const QJsonValue &raw, const Column &column)
{
    const QJsonValue value = column.index >= 0 ? raw.toArray().at(column.index) : raw;
    auto *item = new QStandardItem;
    item->setEditable(false);
    QString text;
    QVariant sortKey;
    switch (column.format) {
    case Format::Text:
        text = value.isDouble() ? QString::number(value.toDouble()) : value.toString();
        sortKey = text;
        break;
    case Format::Scenario:
        text = scenarioTitle(value.toString());
        sortKey = text;
        break;
    case Format::Problem: // as the planner words it, in the interface's language
        text = messageText(value.toString());
        sortKey = text;
        break;
    case Format::Integer:
        text =
            value.isUndefined() || value.isNull() ? QString() : QString::number(value.toInteger());
        sortKey = value.toDouble();
        break;
    case Format::Number:
        text = value.isDouble() ? QString::number(value.toDouble(), 'f', 3) : QString();
        sortKey = value.isDouble() ? value.toDouble() : -HUGE_VAL;
        break;
    case Format::Percent:
        text = QString::number(value.toDouble() * 100.0, 'f', 1) + u'%';
        sortKey = value.toDouble();
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (value.toDouble() > 1.0)
            item->setForeground(QColor(183, 28, 28));
        break;
    case Format::Bool:
        text = value.toBool() ? Text::tr("yes") : QString();
        sortKey = value.toBool();
        break;
    case Format::List:
        text = listText(value);
        sortKey = value.toArray().size();
        item->setToolTip(text);
        break;
    }
    if (column.format == Format::Number || column.format == Format::Integer)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    item->setText(text);
    item->setData(sortKey, Qt::UserRole);
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
        for (const TableSpec &spec : tablesOf(planner))
            if (spec.path.isEmpty() ||
                (at(json, spec.path).isArray() && !at(json, spec.path).toArray().isEmpty()))
                m_tableChoice->addItem(spec.name);
        m_chartChoice->clear();
        m_chartChoice->addItems(chartsOf(planner));
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
        if (planner.startsWith(u"dci:")) {
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
    // Colour the map by the figure that matters most: worst case when known, else normal. The
    // legend's title says which run configuration it shows. A result without figures per link
    // (capacity, fabric, ...) leaves the colouring as it is.
    const QString planner = currentPlanner();
    const QJsonObject json = currentJson();
    const planners::ResultKey key = planners::ResultKey::parse(planner);
    if (key.planner == u"resilience" || key.planner == u"route" || planner.isEmpty()) {
        QHash<core::LinkId, double> utilization;
        const QString field =
            key.planner == u"resilience" ? u"worstUtilization"_qs : u"utilization"_qs;
        // A TE run's links are those of its own routing (docs/planners.md: "te").
        const QJsonArray links = key.configuration == u"te" && json[u"te"_qs].isObject()
                                     ? json[u"te"_qs][u"links"_qs].toArray()
                                     : json[u"links"_qs].toArray();
        for (const QJsonValue &link : links)
            utilization.insert(link[u"id"_qs].toInteger(), link[field].toDouble());
        QString title = key.planner == u"resilience" ? tr("Worst-case utilisation")
                                                     : tr("Utilisation");
        if (const QString configuration = configurationInUiLanguage(key); !configuration.isEmpty())
            title = tr("%1 (%2)").arg(title, configuration);
        Q_EMIT linkColouring(utilization, title);
    }

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
    const core::Network &network = m_document->network();
    const QString rows = m_rowsPath.section(u'.', -1);
    if (row.contains(u"scenario"_qs)) {
        showScenario(row[u"scenario"_qs].toString());
    } else if (rows == u"links" && row.contains(u"worstScenario"_qs) &&
               row[u"worstScenario"_qs].toString() != u"normal") {
        // A link's worst case: the failure that gives it, with the loads it leaves.
        showScenario(row[u"worstScenario"_qs].toString(), row[u"id"_qs].toInteger());
    } else if (rows == u"links") {
        const core::LinkId id = row[u"id"_qs].toInteger();
        colourByResult();
        m_rowShown = tr("Link %1").arg(id);
        if (network.link(id))
            Q_EMIT subjectShown({}, {id});
    } else if (rows == u"demands" || rows == u"unrouted" || rows == u"protection") {
        showDemand(row[u"id"_qs].toInteger());
    } else if (row.contains(u"site"_qs) || (row.contains(u"a"_qs) && row.contains(u"b"_qs))) {
        QList<core::SiteId> sites;
        for (const QString &field : {u"site"_qs, u"a"_qs, u"b"_qs})
            if (const core::Site *site = network.siteByCode(row[field].toString()))
                sites << site->id;
        colourByResult();
        m_rowShown = tr("Sites %1").arg(row.contains(u"site"_qs)
                                            ? row[u"site"_qs].toString()
                                            : row[u"a"_qs].toString() + u", "_qs +
                                                  row[u"b"_qs].toString());
        Q_EMIT subjectShown(sites, {});
    }
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
    const planners::ResultKey key = planners::ResultKey::parse(currentPlanner());
    const QJsonObject json = currentJson();
    QJsonObject teDemand;
    if (key.configuration == u"te")
        for (const QJsonValue &d : json[u"te"_qs][u"demands"_qs].toArray())
            if (d[u"id"_qs].toInteger() == id)
                teDemand = d.toObject();
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
    m_rowsPath.clear();
    if (!m_rowShown.isEmpty()) { // the row shown is gone with the table
        m_rowShown.clear();
        colourByResult();
    }
    const QJsonObject json = currentJson();
    for (const TableSpec &spec : tablesOf(currentPlanner())) {
        if (spec.name != m_tableChoice->currentText())
            continue;
        QStringList headers;
        for (const Column &column : spec.columns)
            headers << column.header;
        if (spec.path.isEmpty()) {
            // A summary: one row per figure.
            m_model->setHorizontalHeaderLabels({tr("Figure"), tr("Value")});
            for (const Column &column : spec.columns) {
                const QJsonValue value = at(json, column.key);
                if (value.isUndefined())
                    continue;
                auto *label = new QStandardItem(column.header);
                label->setEditable(false);
                label->setData(column.header, Qt::UserRole);
                m_model->appendRow({label, cell(value, column)});
            }
            continue;
        }
        m_model->setHorizontalHeaderLabels(headers);
        m_rowsPath = spec.path;
        const QJsonArray rows = at(json, spec.path).toArray();
        for (const QJsonValue &row : rows) {
            QList<QStandardItem *> items;
            for (const Column &column : spec.columns)
                items << cell(at(row.toObject(), column.key), column);
            if (!items.isEmpty())
                items.front()->setData(row.toObject(), kRowRole);
            m_model->appendRow(items);
        }
    }
    m_table->sortByColumn(-1, Qt::AscendingOrder); // in the planner's order until asked
    m_table->resizeColumnsToContents();
}

void ResultsView::drawChart()
{
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->legend->setVisible(false);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setTickLabelRotation(0);
    }
    const QJsonObject json = currentJson();
    const QString planner = planners::ResultKey::parse(currentPlanner()).planner;
    const int chart = m_chartChoice->currentIndex();
    const QColor blue(33, 102, 172), red(198, 40, 40), grey(120, 120, 120);

    auto bars = [&](const QVector<double> &keys, const QVector<double> &values,
                    const QColor &colour, const QString &name) {
        auto *graph = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        graph->setName(name);
        graph->setData(keys, values, true);
        graph->setPen(colour.darker(120));
        graph->setBrush(colour);
        return graph;
    };
    if (planner == u"route" && chart == 0) {
        QVector<double> keys, counts;
        for (int bin = 0; bin < 12; ++bin) {
            keys << bin * 10.0 + 5.0;
            counts << 0.0;
        }
        for (const QJsonValue &link : json[u"links"_qs].toArray())
            counts[std::clamp(int(link[u"utilization"_qs].toDouble() * 10.0), 0, 11)] += 1.0;
        bars(keys, counts, blue, tr("Links"))->setWidth(9.0);
        m_plot->xAxis->setLabel(tr("Utilisation (%), the last bar 110% and above"));
        m_plot->yAxis->setLabel(tr("Links"));
    } else if ((planner == u"route" && chart == 1) || (planner == u"latency" && chart == 0)) {
        if (addLatencyCdf(*m_plot, json[u"demands"_qs].toArray(), tr("Over IGP paths"),
                          tr("Over the fastest paths")) > 1)
            m_plot->legend->setVisible(true);
        m_plot->xAxis->setLabel(tr("One-way latency (ms)"));
        m_plot->yAxis->setLabel(tr("Fraction of demands"));
    } else if (planner == u"resilience" && chart == 0) {
        addUtilisationBars(*m_plot, json[u"links"_qs].toArray(), tr("Worst case"), tr("Normal"));
        m_plot->legend->setVisible(true);
        m_plot->xAxis->setLabel(tr("Links, by worst-case utilisation"));
        m_plot->yAxis->setLabel(tr("Utilisation (%)"));
    } else if (planner == u"resilience" && chart == 1) {
        addTrafficCutBars(*m_plot, json[u"disconnected"_qs].toArray(), 20, tr("Lost"),
                          [](const QString &scenario) { return scenarioTitle(scenario); });
        m_plot->xAxis->setLabel(tr("The 20 failures that cut the most traffic"));
        m_plot->yAxis->setLabel(tr("Traffic cut off (Gbps)"));
    } else if (planner.startsWith(u"fabric") && chart == 0) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        const QStringList tiers{tr("Server–leaf"), tr("Leaf–spine"), tr("Spine–core")};
        const QStringList cableKeys{u"serverLeaf"_qs, u"leafSpine"_qs, u"spineCore"_qs};
        const QStringList switchKeys{u"leafSwitches"_qs, u"spineSwitches"_qs, u"coreSwitches"_qs};
        QVector<double> keys, switches, cables;
        for (int i = 0; i < 3; ++i) {
            keys << i + 1;
            ticker->addTick(i + 1, tiers[i]);
            switches << json[switchKeys[i]].toDouble();
            cables << json[u"cablesPerTier"_qs][cableKeys[i]].toDouble();
        }
        auto *cableBars = bars(keys, cables, grey, tr("Cables"));
        auto *switchBars = bars(keys, switches, blue, tr("Switches (leaf, spine, core)"));
        cableBars->setWidth(0.7);
        switchBars->setWidth(0.4);
        m_plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        m_plot->xAxis->setTicker(ticker);
        m_plot->legend->setVisible(true);
        m_plot->xAxis->setLabel(tr("Tier"));
        m_plot->yAxis->setLabel(tr("Count (log scale)"));
    } else if (planner.startsWith(u"dci") && chart == 0) {
        const double distance = json[u"distanceKm"_qs].toDouble();
        const double fixed = json[u"headroomFixedMB"_qs].toDouble();
        const double perKm =
            distance > 0 ? (json[u"headroomMB"_qs].toDouble() - fixed) / distance : 0.0;
        const double reach =
            std::max({2.0 * distance, json[u"maxLosslessKm"_qs].toDouble() * 1.2, 10.0});
        QVector<double> x, y;
        for (int i = 0; i <= 50; ++i) {
            x << reach * i / 50.0;
            y << fixed + perKm * x.back();
        }
        QCPGraph *graph = m_plot->addGraph();
        graph->setData(x, y, true);
        graph->setPen(QPen(blue, 2));
        graph->setName(tr("Headroom needed"));
        QCPGraph *here = m_plot->addGraph();
        here->setData({distance}, {json[u"headroomMB"_qs].toDouble()}, true);
        here->setLineStyle(QCPGraph::lsNone);
        here->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, red, 8));
        here->setName(tr("This link"));
        m_plot->legend->setVisible(true);
        m_plot->xAxis->setLabel(tr("Route length (km)"));
        m_plot->yAxis->setLabel(tr("PFC headroom per port and priority (MB)"));
    } else if (planner.startsWith(u"ingest") && chart == 0) {
        QVector<double> x, y;
        for (const QJsonValue &option : json[u"options"_qs].toArray()) {
            x << option[u"lineGbps"_qs].toDouble();
            y << option[u"hours"_qs].toDouble();
        }
        QCPGraph *graph = m_plot->addGraph();
        graph->setData(x, y, true);
        graph->setPen(QPen(blue, 2));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, blue, 7));
        graph->setName(tr("Transfer time"));
        QCPGraph *window = m_plot->addGraph();
        const double hours = json[u"windowHours"_qs].toDouble();
        window->setData({x.value(0), x.value(x.size() - 1)}, {hours, hours}, true);
        window->setPen(QPen(red, 1.5, Qt::DashLine));
        window->setName(tr("Window"));
        for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
            axis->setScaleType(QCPAxis::stLogarithmic);
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        }
        m_plot->legend->setVisible(true);
        m_plot->xAxis->setLabel(tr("Line rate (Gb/s, log scale)"));
        m_plot->yAxis->setLabel(tr("Hours (log scale)"));
    } else if (planner == u"capacity" && chart == 0) {
        // The costliest links, labelled by id on one line: rotated "id A-B" labels of every
        // link left the bars a few pixels at the dock's size. The table lists them all.
        constexpr int kShown = 15;
        QList<QJsonObject> links;
        for (const QJsonValue &link : json[u"links"_qs].toArray())
            links << link.toObject();
        std::stable_sort(links.begin(), links.end(), [](const QJsonObject &l, const QJsonObject &r) {
            return l[u"cost"_qs].toDouble() > r[u"cost"_qs].toDouble();
        });
        const qsizetype shown = std::min<qsizetype>(kShown, links.size());
        QVector<double> keys, cost;
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (qsizetype i = 0; i < shown; ++i) {
            keys << double(i + 1);
            cost << links[i][u"cost"_qs].toDouble();
            ticker->addTick(double(i + 1), QString::number(links[i][u"id"_qs].toInteger()));
        }
        bars(keys, cost, blue, tr("Cost"))->setWidth(0.7);
        m_plot->xAxis->setTicker(ticker);
        m_plot->xAxis->setLabel(links.size() > shown
                                    ? tr("Link id: the %1 costliest of %2 links to upgrade")
                                          .arg(shown)
                                          .arg(links.size())
                                    : tr("Link id of each link to upgrade"));
        m_plot->yAxis->setLabel(tr("Cost (%1)").arg(json[u"currency"_qs].toString()));
    }
    m_plot->rescaleAxes();
    // Some room around the data: additive on linear axes, by a factor on logarithmic ones.
    if (m_plot->yAxis->scaleType() == QCPAxis::stLinear) {
        m_plot->yAxis->setRangeLower(0.0);
        m_plot->yAxis->setRangeUpper(m_plot->yAxis->range().upper * 1.08 + 1e-9);
    } else {
        m_plot->yAxis->setRange(std::max(0.5, m_plot->yAxis->range().lower / 2),
                                m_plot->yAxis->range().upper * 2);
    }
    if (m_plot->xAxis->scaleType() == QCPAxis::stLinear) {
        const bool barChart = planner != u"latency" && !(planner == u"route" && chart == 1) &&
                              !planner.startsWith(u"dci");
        const double pad = barChart ? 1.0 : 0.0;
        m_plot->xAxis->setRange(m_plot->xAxis->range().lower - pad,
                                m_plot->xAxis->range().upper + pad);
    } else {
        m_plot->xAxis->setRange(m_plot->xAxis->range().lower / 2, m_plot->xAxis->range().upper * 2);
    }
    m_plot->replot();
}

void addUtilisationBars(QCustomPlot &plot,
                        const QJsonArray &links,
                        const QString &worstName,
                        const QString &normalName)
{
    QList<QJsonObject> sorted;
    for (const QJsonValue &link : links)
        sorted << link.toObject();
    std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonObject &l, const QJsonObject &r) {
        return l[u"worstUtilization"_qs].toDouble() > r[u"worstUtilization"_qs].toDouble();
    });
    QVector<double> keys, normal, worst;
    for (int i = 0; i < sorted.size(); ++i) {
        keys << i + 1;
        normal << sorted[i][u"normalUtilization"_qs].toDouble() * 100.0;
        worst << sorted[i][u"worstUtilization"_qs].toDouble() * 100.0;
    }
    auto addBars = [&plot](const QVector<double> &k, const QVector<double> &values,
                           const QColor &colour, const QString &name, double width) {
        auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
        bars->setName(name);
        bars->setData(k, values, true);
        bars->setPen(colour.darker(120));
        bars->setBrush(colour);
        bars->setWidth(width);
    };
    addBars(keys, worst, QColor(198, 40, 40), worstName, 0.8);
    addBars(keys, normal, QColor(33, 102, 172), normalName, 0.5);
}

int addLatencyCdf(QCustomPlot &plot,
                  const QJsonArray &demands,
                  const QString &igpName,
                  const QString &fastestName)
{
    QVector<double> igp, fastest;
    for (const QJsonValue &demand : demands) {
        igp << demand[u"latencyMs"_qs].toDouble();
        if (demand.toObject().contains(u"fastestMs"_qs))
            fastest << demand[u"fastestMs"_qs].toDouble();
    }
    auto cdf = [&plot](QVector<double> values, const QColor &colour, const QString &name) {
        std::sort(values.begin(), values.end());
        QVector<double> x, y;
        for (int i = 0; i < values.size(); ++i) {
            x << values[i] << values[i];
            y << double(i) / values.size() << double(i + 1) / values.size();
        }
        QCPGraph *graph = plot.addGraph();
        graph->setName(name);
        graph->setData(x, y, true);
        graph->setPen(QPen(colour, 2));
    };
    cdf(igp, QColor(33, 102, 172), igpName);
    if (fastest.isEmpty())
        return 1;
    cdf(fastest, QColor(120, 120, 120), fastestName);
    return 2;
}

int addTrafficCutBars(QCustomPlot &plot,
                      const QJsonArray &disconnected,
                      int count,
                      const QString &name,
                      const std::function<QString(const QString &)> &scenarioName)
{
    QList<QJsonObject> cuts;
    for (const QJsonValue &cut : disconnected)
        if (cut[u"lostGbps"_qs].toDouble() > 0.0)
            cuts << cut.toObject();
    std::stable_sort(cuts.begin(), cuts.end(), [](const QJsonObject &l, const QJsonObject &r) {
        return l[u"lostGbps"_qs].toDouble() > r[u"lostGbps"_qs].toDouble();
    });
    cuts = cuts.mid(0, count);
    QVector<double> keys, lost;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < cuts.size(); ++i) {
        keys << i + 1;
        lost << cuts[i][u"lostGbps"_qs].toDouble();
        ticker->addTick(i + 1, scenarioName(cuts[i][u"scenario"_qs].toString()));
    }
    const QColor red(198, 40, 40);
    auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setName(name);
    bars->setData(keys, lost, true);
    bars->setPen(red.darker(120));
    bars->setBrush(red);
    bars->setWidth(0.7);
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setTickLabelRotation(60);
    return int(cuts.size());
}

} // namespace nqi::widgets
