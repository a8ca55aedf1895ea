#include "widgets/resultsview.h"

#include "widgets/charts.h"
#include "widgets/document.h"
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

// The interface's language (main() sets the default locale to the one chosen), as descriptors'
// texts and run configurations take it.
QString uiLanguage()
{
    return QLocale().language() == QLocale::Chinese ? u"zh"_qs : u"en"_qs;
}

QString configurationInUiLanguage(const planners::ResultKey &key)
{
    return planners::configurationTitle(key, uiLanguage());
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
    QString title = planner ? planner->title.in(uiLanguage()) : key.planner;
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
    return resultformat::scenarioText(name, uiLanguage());
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
            : resultformat::text(value, column.format, uiLanguage());
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

// The table of a planner whose rows are those at rows (what a chart's rows stand for).
const planners::TableDescriptor *tableWithRows(const QString &key, const QString &rows)
{
    for (const planners::TableDescriptor &table : tablesOf(key))
        if (table.rows == rows)
            return &table;
    return nullptr;
}

// The column showing a field of the rows at rows, for naming a chart's values as the table does.
const planners::ColumnDescriptor *
columnOf(const QString &key, const QString &rows, const QString &field)
{
    if (const planners::TableDescriptor *table = tableWithRows(key, rows))
        for (const planners::ColumnDescriptor &column : table->columns)
            if (column.field == field)
                return &column;
    return nullptr;
}

QString fieldName(const QString &key, const QString &rows, const QString &field)
{
    const planners::ColumnDescriptor *column = columnOf(key, rows, field);
    if (!column)
        return field;
    // A series is named without the result's fields the header may name ("Cost ({currency})").
    static const QRegularExpression fields(u" ?[(（]\\{[^}]*\\}[)）]"_qs);
    return column->header.in(uiLanguage()).remove(fields);
}


const QColor kBlue(33, 102, 172), kRed(198, 40, 40), kGrey(120, 120, 120);

QCPBars *addBars(QCustomPlot &plot,
                 const QVector<double> &keys,
                 const QVector<double> &values,
                 const QColor &colour,
                 const QString &name)
{
    auto *bars = new QCPBars(plot.xAxis, plot.yAxis);
    bars->setName(name);
    bars->setData(keys, values, true);
    bars->setPen(colour.darker(120));
    bars->setBrush(colour);
    return bars;
}

double scaled(const QJsonValue &value, Format format)
{
    return value.toDouble() * (format == Format::Percent ? 100.0 : 1.0);
}

// How a chart was drawn, for the room left around the data.
enum class Drawn { Nothing, Bars, Curves };

// A distribution of the value over the rows: tenths of a fraction (the last bar 110% and above)
// for a percentage, else twelve equal bins from the least to the largest value.
Drawn drawHistogram(QCustomPlot &plot,
                    const QString &key,
                    const planners::ChartDescriptor &chart,
                    const QJsonObject &json)
{
    const QJsonArray rows = at(json, chart.rows).toArray();
    const QString valueName = fieldName(key, chart.rows, chart.value);
    const QString countName = chart.axis.in(uiLanguage());
    constexpr int kBins = 12;
    QVector<double> keys(kBins), counts(kBins, 0.0);
    double width = 0.0;
    if (chart.format == Format::Percent) {
        for (int bin = 0; bin < kBins; ++bin)
            keys[bin] = bin * 10.0 + 5.0;
        for (const QJsonValue &row : rows)
            counts[std::clamp(int(row[chart.value].toDouble() * 10.0), 0, kBins - 1)] += 1.0;
        width = 9.0;
        plot.xAxis->setLabel(Text::tr("%1 (%), the last bar 110% and above").arg(valueName));
    } else {
        double least = HUGE_VAL, largest = -HUGE_VAL;
        for (const QJsonValue &row : rows)
            if (row[chart.value].isDouble()) {
                least = std::min(least, row[chart.value].toDouble());
                largest = std::max(largest, row[chart.value].toDouble());
            }
        if (least > largest)
            return Drawn::Nothing;
        const double step = largest > least ? (largest - least) / kBins : 1.0;
        for (int bin = 0; bin < kBins; ++bin)
            keys[bin] = least + (bin + 0.5) * step;
        for (const QJsonValue &row : rows)
            if (row[chart.value].isDouble())
                counts[std::clamp(int((row[chart.value].toDouble() - least) / step), 0,
                                  kBins - 1)] += 1.0;
        width = step * 0.9;
        plot.xAxis->setLabel(valueName);
    }
    addBars(plot, keys, counts, kBlue, countName)->setWidth(width);
    plot.yAxis->setLabel(countName);
    return Drawn::Bars;
}

// What a fraction of the rows is a fraction of ("Fraction of demands").
QString fractionLabel(const QString &key, const QString &rows)
{
    const planners::TableDescriptor *table = tableWithRows(key, rows);
    switch (table ? table->selects : Selects::None) {
    case Selects::Demand:
        return Text::tr("Fraction of demands");
    case Selects::Link:
        return Text::tr("Fraction of links");
    case Selects::Site:
        return Text::tr("Fraction of sites");
    case Selects::Scenario:
        return Text::tr("Fraction of failures");
    case Selects::None:
        break;
    }
    return Text::tr("Cumulative fraction");
}

Drawn drawCdf(QCustomPlot &plot,
              const QString &key,
              const planners::ChartDescriptor &chart,
              const QJsonObject &json)
{
    const QJsonArray rows = at(json, chart.rows).toArray();
    // A second value is drawn when the rows' table names it: a legend in the interface's
    // language, never a field's name.
    const planners::ColumnDescriptor *second =
        chart.value2.isEmpty() ? nullptr : columnOf(key, chart.rows, chart.value2);
    const int curves = addCdf(plot, rows, chart.value, second ? chart.value2 : QString(),
                              fieldName(key, chart.rows, chart.value),
                              second ? second->header.in(uiLanguage()) : QString());
    if (curves > 1)
        plot.legend->setVisible(true);
    plot.xAxis->setLabel(chart.axis.in(uiLanguage()));
    plot.yAxis->setLabel(fractionLabel(key, chart.rows));
    return curves > 0 ? Drawn::Curves : Drawn::Nothing;
}

// Two values per row side by side, rows sorted by the second (the worst case over the normal).
Drawn drawPairs(QCustomPlot &plot,
                const QString &key,
                const planners::ChartDescriptor &chart,
                const QJsonObject &json)
{
    const QJsonArray rows = at(json, chart.rows).toArray();
    const double scale = chart.format == Format::Percent ? 100.0 : 1.0;
    const QString secondName = fieldName(key, chart.rows, chart.value2);
    addPairBars(plot, rows, chart.value, chart.value2, scale,
                fieldName(key, chart.rows, chart.value), secondName);
    plot.legend->setVisible(true);
    const planners::TableDescriptor *table = tableWithRows(key, chart.rows);
    const QString rowsName = table ? table->title.in(uiLanguage()) : chart.rows;
    plot.xAxis->setLabel(
        Text::tr("%1, by %2")
            .arg(rowsName, uiLanguage() == u"en" ? secondName.toLower() : secondName));
    plot.yAxis->setLabel(chart.axis.in(uiLanguage()));
    return Drawn::Bars;
}

// A bar per row, the largest values first: labels by the label field as the table shows it;
// failures in red (traffic lost), anything else in blue.
Drawn drawBars(QCustomPlot &plot,
               const QString &key,
               const planners::ChartDescriptor &chart,
               const QJsonObject &json)
{
    const planners::ColumnDescriptor *labelColumn = columnOf(key, chart.rows, chart.label);
    const Format labelFormat = labelColumn ? labelColumn->format : Format::Text;
    // Words on the axis are rotated and fit more bars; numbers (ids) stay on one line, fewer
    // of them: rotated labels of every link left the bars a few pixels at the dock's size.
    const bool words = labelFormat != Format::Integer && labelFormat != Format::Number;
    const int shownAtMost = words ? 20 : 15;
    QList<QJsonObject> rows;
    for (const QJsonValue &row : at(json, chart.rows).toArray())
        if (row[chart.value].toDouble() > 0.0)
            rows << row.toObject();
    std::stable_sort(rows.begin(), rows.end(),
                     [&chart](const QJsonObject &l, const QJsonObject &r) {
                         return l[chart.value].toDouble() > r[chart.value].toDouble();
                     });
    const qsizetype total = rows.size();
    rows = rows.mid(0, shownAtMost);
    QVector<double> keys, values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        keys << double(i + 1);
        values << scaled(rows[i][chart.value], chart.format);
        const QJsonValue label = rows[i][chart.label];
        ticker->addTick(double(i + 1), labelFormat == Format::Scenario
                                           ? scenarioTitle(label.toString())
                                       : label.isDouble() ? QString::number(label.toDouble())
                                                          : label.toString());
    }
    const planners::TableDescriptor *table = tableWithRows(key, chart.rows);
    const bool failures = table && table->selects == Selects::Scenario;
    addBars(plot, keys, values, failures ? kRed : kBlue, chart.axis.in(uiLanguage()))
        ->setWidth(0.7);
    plot.xAxis->setTicker(ticker);
    if (words)
        plot.xAxis->setTickLabelRotation(60);
    // The axis names what the rows are ("Failures that cut traffic", "Upgrades").
    const QString rowsName = table ? table->title.in(uiLanguage()) : chart.rows;
    plot.xAxis->setLabel(
        total > rows.size()
            ? Text::tr("%1: the %2 largest of %3").arg(rowsName).arg(rows.size()).arg(total)
            : rowsName);
    plot.yAxis->setLabel(resultformat::withFields(chart.axis.in(uiLanguage()), json));
    return Drawn::Bars;
}

// Charts a planner draws its own way (ChartDescriptor::Kind::Custom), by planner and position.
Drawn drawFabricTiers(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const QStringList tiers{Text::tr("Server–leaf"), Text::tr("Leaf–spine"),
                            Text::tr("Spine–core")};
    const QStringList cableKeys{u"serverLeaf"_qs, u"leafSpine"_qs, u"spineCore"_qs};
    const QStringList switchKeys{u"leafSwitches"_qs, u"spineSwitches"_qs, u"coreSwitches"_qs};
    QVector<double> keys, switches, cables;
    for (int i = 0; i < 3; ++i) {
        keys << i + 1;
        ticker->addTick(i + 1, tiers[i]);
        switches << json[switchKeys[i]].toDouble();
        cables << json[u"cablesPerTier"_qs][cableKeys[i]].toDouble();
    }
    addBars(plot, keys, cables, kGrey, Text::tr("Cables"))->setWidth(0.7);
    addBars(plot, keys, switches, kBlue, Text::tr("Switches (leaf, spine, core)"))->setWidth(0.4);
    plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot.xAxis->setTicker(ticker);
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(Text::tr("Tier"));
    plot.yAxis->setLabel(chart.axis.in(uiLanguage()));
    return Drawn::Bars;
}

Drawn drawDciHeadroom(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json)
{
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
    QCPGraph *graph = plot.addGraph();
    graph->setData(x, y, true);
    graph->setPen(QPen(kBlue, 2));
    graph->setName(Text::tr("Headroom needed"));
    QCPGraph *here = plot.addGraph();
    here->setData({distance}, {json[u"headroomMB"_qs].toDouble()}, true);
    here->setLineStyle(QCPGraph::lsNone);
    here->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kRed, 8));
    here->setName(Text::tr("This link"));
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(Text::tr("Route length (km)"));
    plot.yAxis->setLabel(chart.axis.in(uiLanguage()));
    return Drawn::Curves;
}

Drawn drawIngestTimes(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json)
{
    QVector<double> x, y;
    for (const QJsonValue &option : at(json, chart.rows).toArray()) {
        x << option[chart.label].toDouble();
        y << option[chart.value].toDouble();
    }
    QCPGraph *graph = plot.addGraph();
    graph->setData(x, y, true);
    graph->setPen(QPen(kBlue, 2));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kBlue, 7));
    graph->setName(Text::tr("Transfer time"));
    QCPGraph *window = plot.addGraph();
    const double hours = json[u"windowHours"_qs].toDouble();
    window->setData({x.value(0), x.value(x.size() - 1)}, {hours, hours}, true);
    window->setPen(QPen(kRed, 1.5, Qt::DashLine));
    window->setName(Text::tr("Window"));
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(Text::tr("Line rate (Gb/s, log scale)"));
    plot.yAxis->setLabel(chart.axis.in(uiLanguage()));
    return Drawn::Curves;
}

struct CustomChart
{
    QString planner;
    int chart; ///< its position in the planner's charts
    Drawn (*draw)(QCustomPlot &, const planners::ChartDescriptor &, const QJsonObject &);
};

Drawn drawCustom(QCustomPlot &plot,
                 const QString &planner,
                 int index,
                 const planners::ChartDescriptor &chart,
                 const QJsonObject &json)
{
    static const CustomChart custom[] = {{u"fabric"_qs, 0, drawFabricTiers},
                                         {u"dci"_qs, 0, drawDciHeadroom},
                                         {u"ingest"_qs, 0, drawIngestTimes}};
    for (const CustomChart &c : custom)
        if (c.planner == planner && c.chart == index)
            return c.draw(plot, chart, json);
    return Drawn::Nothing;
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
        for (size_t i = 0; i < declared.size(); ++i)
            if (declared[i].rows.isEmpty() || (at(json, declared[i].rows).isArray() &&
                                               !at(json, declared[i].rows).toArray().isEmpty()))
                m_tableChoice->addItem(declared[i].title.in(uiLanguage()), int(i));
        m_chartChoice->clear();
        for (const planners::ChartDescriptor &declaredChart : chartsOf(planner))
            m_chartChoice->addItem(declaredChart.title.in(uiLanguage()));
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
    QString title = colouring->legend.in(uiLanguage());
    const planners::ResultKey key = planners::ResultKey::parse(planner);
    if (const QString configuration = configurationInUiLanguage(key); !configuration.isEmpty())
        title = tr("%1 (%2)").arg(title, configuration);
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
    const QString language = uiLanguage();
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
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->legend->setVisible(false);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setTickLabelRotation(0);
        axis->setLabel(QString());
    }
    const QString key = currentPlanner();
    const std::vector<planners::ChartDescriptor> &charts = chartsOf(key);
    const int index = m_chartChoice->currentIndex();
    Drawn drawn = Drawn::Nothing;
    if (index >= 0 && size_t(index) < charts.size()) {
        const planners::ChartDescriptor &chart = charts[size_t(index)];
        const QJsonObject json = currentJson();
        switch (chart.kind) {
        case ChartKind::Histogram:
            drawn = drawHistogram(*m_plot, key, chart, json);
            break;
        case ChartKind::Cdf:
            drawn = drawCdf(*m_plot, key, chart, json);
            break;
        case ChartKind::Pairs:
            drawn = drawPairs(*m_plot, key, chart, json);
            break;
        case ChartKind::Bars:
            drawn = drawBars(*m_plot, key, chart, json);
            break;
        case ChartKind::Custom:
            drawn =
                drawCustom(*m_plot, planners::ResultKey::parse(key).planner, index, chart, json);
            break;
        }
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
        const double pad = drawn == Drawn::Bars ? 1.0 : 0.0;
        m_plot->xAxis->setRange(m_plot->xAxis->range().lower - pad,
                                m_plot->xAxis->range().upper + pad);
    } else {
        m_plot->xAxis->setRange(m_plot->xAxis->range().lower / 2, m_plot->xAxis->range().upper * 2);
    }
    m_plot->replot();
}

void addPairBars(QCustomPlot &plot,
                 const QJsonArray &rows,
                 const QString &first,
                 const QString &second,
                 double scale,
                 const QString &firstName,
                 const QString &secondName)
{
    QList<QJsonObject> sorted;
    for (const QJsonValue &row : rows)
        sorted << row.toObject();
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&second](const QJsonObject &l, const QJsonObject &r) {
                         return l[second].toDouble() > r[second].toDouble();
                     });
    QVector<double> keys, firstValues, secondValues;
    for (int i = 0; i < sorted.size(); ++i) {
        keys << i + 1;
        firstValues << sorted[i][first].toDouble() * scale;
        secondValues << sorted[i][second].toDouble() * scale;
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
    addBars(keys, secondValues, QColor(198, 40, 40), secondName, 0.8);
    addBars(keys, firstValues, QColor(33, 102, 172), firstName, 0.5);
}

void addUtilisationBars(QCustomPlot &plot,
                        const QJsonArray &links,
                        const QString &worstName,
                        const QString &normalName)
{
    addPairBars(plot, links, u"normalUtilization"_qs, u"worstUtilization"_qs, 100.0, normalName,
                worstName);
}

int addCdf(QCustomPlot &plot,
           const QJsonArray &rows,
           const QString &field,
           const QString &secondField,
           const QString &name,
           const QString &secondName)
{
    QVector<double> first, second;
    for (const QJsonValue &row : rows) {
        if (row[field].isDouble())
            first << row[field].toDouble();
        if (!secondField.isEmpty() && row[secondField].isDouble())
            second << row[secondField].toDouble();
    }
    auto cdf = [&plot](QVector<double> values, const QColor &colour, const QString &curveName) {
        std::sort(values.begin(), values.end());
        QVector<double> x, y;
        for (int i = 0; i < values.size(); ++i) {
            x << values[i] << values[i];
            y << double(i) / values.size() << double(i + 1) / values.size();
        }
        QCPGraph *graph = plot.addGraph();
        graph->setName(curveName);
        graph->setData(x, y, true);
        graph->setPen(QPen(colour, 2));
    };
    cdf(first, QColor(33, 102, 172), name);
    if (second.isEmpty())
        return 1;
    cdf(second, QColor(120, 120, 120), secondName);
    return 2;
}

int addLatencyCdf(QCustomPlot &plot,
                  const QJsonArray &demands,
                  const QString &igpName,
                  const QString &fastestName)
{
    return addCdf(plot, demands, u"latencyMs"_qs, u"fastestMs"_qs, igpName, fastestName);
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
