#include "widgets/charts.h"

#include "widgets/resultformat.h"

#include "planners/registry.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace nqi::widgets {

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


namespace {

using planners::Format;
using Selects = planners::TableDescriptor::Selects;
using ChartKind = planners::ChartDescriptor::Kind;

// A text of the charts in a language ("zh...": Chinese): they are drawn for the Results dock in
// the interface's language and for reports in theirs, in any thread.
QString inLanguage(const char16_t *en, const char16_t *zh, const QString &language)
{
    return QString::fromUtf16(language.startsWith(u"zh") ? zh : en);
}

QJsonValue at(const QJsonObject &root, const QString &path)
{
    return resultformat::valueAt(root, path);
}

// The table of a planner whose rows are those at rows (what a chart's rows stand for).
const planners::TableDescriptor *tableWithRows(const QString &key, const QString &rows)
{
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
    return planner ? planner->table(rows) : nullptr;
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

QString fieldName(const QString &key,
                  const QString &rows,
                  const QString &field,
                  const QString &language)
{
    const planners::ColumnDescriptor *column = columnOf(key, rows, field);
    if (!column)
        return field;
    // A series is named without the result's fields the header may name ("Cost ({currency})").
    static const QRegularExpression fields(u" ?[(（]\\{[^}]*\\}[)）]"_qs);
    return column->header.in(language).remove(fields);
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
                    const QJsonObject &json,
              const QString &language)
{
    const QJsonArray rows = at(json, chart.rows).toArray();
    const QString valueName = fieldName(key, chart.rows, chart.value, language);
    const QString countName = chart.axis.in(language);
    constexpr int kBins = 12;
    QVector<double> keys(kBins), counts(kBins, 0.0);
    double width = 0.0;
    if (chart.format == Format::Percent) {
        for (int bin = 0; bin < kBins; ++bin)
            keys[bin] = bin * 10.0 + 5.0;
        for (const QJsonValue &row : rows)
            counts[std::clamp(int(row[chart.value].toDouble() * 10.0), 0, kBins - 1)] += 1.0;
        width = 9.0;
        plot.xAxis->setLabel(inLanguage(u"%1 (%), the last bar 110% and above", u"%1（%），最后一栏为 110% 及以上", language).arg(valueName));
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
QString fractionLabel(const QString &key, const QString &rows, const QString &language)
{
    const planners::TableDescriptor *table = tableWithRows(key, rows);
    switch (table ? table->selects : Selects::None) {
    case Selects::Demand:
        return inLanguage(u"Fraction of demands", u"需求占比", language);
    case Selects::Link:
        return inLanguage(u"Fraction of links", u"链路占比", language);
    case Selects::Site:
        return inLanguage(u"Fraction of sites", u"站点占比", language);
    case Selects::Scenario:
        return inLanguage(u"Fraction of failures", u"故障占比", language);
    case Selects::None:
        break;
    }
    return inLanguage(u"Cumulative fraction", u"累积占比", language);
}

Drawn drawCdf(QCustomPlot &plot,
              const QString &key,
              const planners::ChartDescriptor &chart,
              const QJsonObject &json,
              const QString &language)
{
    const QJsonArray rows = at(json, chart.rows).toArray();
    // A second value is drawn when the rows' table names it: a legend in the interface's
    // language, never a field's name.
    const planners::ColumnDescriptor *second =
        chart.value2.isEmpty() ? nullptr : columnOf(key, chart.rows, chart.value2);
    const int curves = addCdf(plot, rows, chart.value, second ? chart.value2 : QString(),
                              fieldName(key, chart.rows, chart.value, language),
                              second ? second->header.in(language) : QString());
    if (curves > 1)
        plot.legend->setVisible(true);
    plot.xAxis->setLabel(chart.axis.in(language));
    plot.yAxis->setLabel(fractionLabel(key, chart.rows, language));
    return curves > 0 ? Drawn::Curves : Drawn::Nothing;
}

// Two values per row side by side, rows sorted by the second (the worst case over the normal):
// the first rowsAtMost of them when there are more (0: all).
Drawn drawPairs(QCustomPlot &plot,
                const QString &key,
                const planners::ChartDescriptor &chart,
                const QJsonObject &json,
                const QString &language,
                int rowsAtMost)
{
    QJsonArray rows = at(json, chart.rows).toArray();
    const qsizetype total = rows.size();
    if (rowsAtMost > 0 && total > rowsAtMost) {
        QList<QJsonValue> sorted(rows.begin(), rows.end());
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&chart](const QJsonValue &l, const QJsonValue &r) {
                             return l[chart.value2].toDouble() > r[chart.value2].toDouble();
                         });
        rows = QJsonArray();
        for (qsizetype i = 0; i < rowsAtMost; ++i)
            rows.append(sorted[i]);
    }
    const double scale = chart.format == Format::Percent ? 100.0 : 1.0;
    const QString secondName = fieldName(key, chart.rows, chart.value2, language);
    addPairBars(plot, rows, chart.value, chart.value2, scale,
                fieldName(key, chart.rows, chart.value, language), secondName);
    plot.legend->setVisible(true);
    const planners::TableDescriptor *table = tableWithRows(key, chart.rows);
    const QString rowsName = table ? table->title.in(language) : chart.rows;
    const QString by = language.startsWith(u"zh") ? secondName : secondName.toLower();
    plot.xAxis->setLabel(rows.size() < total
                             ? inLanguage(u"%1, by %2: the first %3 of %4",
                                          u"%1，按%2排序：%4 项中的前 %3 项", language)
                                   .arg(rowsName, by)
                                   .arg(rows.size())
                                   .arg(total)
                             : inLanguage(u"%1, by %2", u"%1，按%2排序", language).arg(rowsName, by));
    plot.yAxis->setLabel(chart.axis.in(language));
    return Drawn::Bars;
}

// A bar per row, the largest values first: labels by the label field as the table shows it;
// failures in red (traffic lost), anything else in blue.
Drawn drawBars(QCustomPlot &plot,
               const QString &key,
               const planners::ChartDescriptor &chart,
               const QJsonObject &json,
              const QString &language)
{
    const planners::ColumnDescriptor *labelColumn = columnOf(key, chart.rows, chart.label);
    const Format labelFormat = labelColumn ? labelColumn->format : Format::Text;
    // Words on the axis are rotated and fit more bars; numbers (ids) stay on one line, fewer
    // of them: rotated labels of every link left the bars a few pixels at the dock's size.
    const bool words = labelFormat != Format::Integer && labelFormat != Format::Number;
    const int shownAtMost = words ? 20 : 15;
    QList<QJsonObject> rows;
    const QJsonArray all = at(json, chart.rows).toArray();
    for (const QJsonValue &row : all)
        if (row[chart.value].toDouble() > 0.0)
            rows << row.toObject();
    std::stable_sort(rows.begin(), rows.end(),
                     [&chart](const QJsonObject &l, const QJsonObject &r) {
                         return l[chart.value].toDouble() > r[chart.value].toDouble();
                     });
    // Of all the rows, as the table and the figures count them (rows of 0 have no bar).
    const qsizetype total = all.size();
    rows = rows.mid(0, shownAtMost);
    QVector<double> keys, values;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        keys << double(i + 1);
        values << scaled(rows[i][chart.value], chart.format);
        const QJsonValue label = rows[i][chart.label];
        ticker->addTick(double(i + 1), labelFormat == Format::Scenario
                                           ? resultformat::scenarioText(label.toString(), language)
                                       : label.isDouble() ? QString::number(label.toDouble())
                                                          : label.toString());
    }
    const planners::TableDescriptor *table = tableWithRows(key, chart.rows);
    const bool failures = table && table->selects == Selects::Scenario;
    addBars(plot, keys, values, failures ? kRed : kBlue, chart.axis.in(language))
        ->setWidth(0.7);
    plot.xAxis->setTicker(ticker);
    if (words)
        plot.xAxis->setTickLabelRotation(60);
    // The axis names what the rows are ("Failures that cut traffic", "Upgrades").
    const QString rowsName = table ? table->title.in(language) : chart.rows;
    // Rows that list a part of a count (N-2's cuts) say of how many.
    const qint64 whole = table ? resultformat::listedOf(*table, json) : 0;
    QString label = total > rows.size()
                        ? inLanguage(u"%1: the %2 largest of %3", u"%1：%3 项中最大的 %2 项",
                                     language)
                              .arg(rowsName)
                              .arg(rows.size())
                              .arg(total)
                        : rowsName;
    if (whole > 0)
        label += inLanguage(u" listed (%1 in all)", u"（共 %1 项，仅列出部分）", language).arg(whole);
    plot.xAxis->setLabel(label);
    plot.yAxis->setLabel(resultformat::withFields(chart.axis.in(language), json));
    return Drawn::Bars;
}

// Charts a planner draws its own way (ChartDescriptor::Kind::Custom), by planner and position.
Drawn drawFabricTiers(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json,
              const QString &language)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const QStringList tiers{inLanguage(u"Server–leaf", u"服务器–叶", language), inLanguage(u"Leaf–spine", u"叶–脊", language),
                            inLanguage(u"Spine–core", u"脊–核心", language)};
    const QStringList cableKeys{u"serverLeaf"_qs, u"leafSpine"_qs, u"spineCore"_qs};
    const QStringList switchKeys{u"leafSwitches"_qs, u"spineSwitches"_qs, u"coreSwitches"_qs};
    QVector<double> keys, switches, cables;
    for (int i = 0; i < 3; ++i) {
        keys << i + 1;
        ticker->addTick(i + 1, tiers[i]);
        switches << json[switchKeys[i]].toDouble();
        cables << json[u"cablesPerTier"_qs][cableKeys[i]].toDouble();
    }
    addBars(plot, keys, cables, kGrey, inLanguage(u"Cables", u"线缆", language))->setWidth(0.7);
    addBars(plot, keys, switches, kBlue, inLanguage(u"Switches (leaf, spine, core)", u"交换机（叶、脊、核心）", language))->setWidth(0.4);
    plot.yAxis->setScaleType(QCPAxis::stLogarithmic);
    plot.yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    plot.xAxis->setTicker(ticker);
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(inLanguage(u"Tier", u"层级", language));
    plot.yAxis->setLabel(chart.axis.in(language));
    return Drawn::Bars;
}

Drawn drawDciHeadroom(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json,
              const QString &language)
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
    graph->setName(inLanguage(u"Headroom needed", u"所需余量", language));
    QCPGraph *here = plot.addGraph();
    here->setData({distance}, {json[u"headroomMB"_qs].toDouble()}, true);
    here->setLineStyle(QCPGraph::lsNone);
    here->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kRed, 8));
    here->setName(inLanguage(u"This link", u"本链路", language));
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(inLanguage(u"Route length (km)", u"路由长度（km）", language));
    plot.yAxis->setLabel(chart.axis.in(language));
    return Drawn::Curves;
}

Drawn drawIngestTimes(QCustomPlot &plot,
                      const planners::ChartDescriptor &chart,
                      const QJsonObject &json,
              const QString &language)
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
    graph->setName(inLanguage(u"Transfer time", u"传输时间", language));
    QCPGraph *window = plot.addGraph();
    const double hours = json[u"windowHours"_qs].toDouble();
    window->setData({x.value(0), x.value(x.size() - 1)}, {hours, hours}, true);
    window->setPen(QPen(kRed, 1.5, Qt::DashLine));
    window->setName(inLanguage(u"Window", u"时间窗", language));
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    plot.legend->setVisible(true);
    plot.xAxis->setLabel(inLanguage(u"Line rate (Gb/s, log scale)", u"线路速率（Gb/s，对数坐标）", language));
    plot.yAxis->setLabel(chart.axis.in(language));
    return Drawn::Curves;
}

struct CustomChart
{
    QString planner;
    int chart; ///< its position in the planner's charts
    Drawn (*draw)(QCustomPlot &,
                  const planners::ChartDescriptor &,
                  const QJsonObject &,
                  const QString &);
};

Drawn drawCustom(QCustomPlot &plot,
                 const QString &planner,
                 int index,
                 const planners::ChartDescriptor &chart,
                 const QJsonObject &json,
              const QString &language)
{
    static const CustomChart custom[] = {{u"fabric"_qs, 0, drawFabricTiers},
                                         {u"dci"_qs, 0, drawDciHeadroom},
                                         {u"ingest"_qs, 0, drawIngestTimes}};
    for (const CustomChart &c : custom)
        if (c.planner == planner && c.chart == index)
            return c.draw(plot, chart, json, language);
    return Drawn::Nothing;
}
} // namespace

bool drawResultChart(QCustomPlot &plot,
                     const QString &key,
                     int index,
                     const QJsonObject &json,
                     const QString &language,
                     int rowsAtMost)
{
    plot.clearPlottables();
    plot.clearItems();
    plot.legend->setVisible(false);
    for (QCPAxis *axis : {plot.xAxis, plot.yAxis}) {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setTickLabelRotation(0);
        axis->setLabel(QString());
    }
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
    Drawn drawn = Drawn::Nothing;
    if (planner && index >= 0 && size_t(index) < planner->charts.size()) {
        const planners::ChartDescriptor &chart = planner->charts[size_t(index)];
        switch (chart.kind) {
        case ChartKind::Histogram:
            drawn = drawHistogram(plot, key, chart, json, language);
            break;
        case ChartKind::Cdf:
            drawn = drawCdf(plot, key, chart, json, language);
            break;
        case ChartKind::Pairs:
            drawn = drawPairs(plot, key, chart, json, language, rowsAtMost);
            break;
        case ChartKind::Bars:
            drawn = drawBars(plot, key, chart, json, language);
            break;
        case ChartKind::Custom:
            drawn = drawCustom(plot, planner->name, index, chart, json, language);
            break;
        }
    }
    plot.rescaleAxes();
    // Some room around the data: additive on linear axes, by a factor on logarithmic ones.
    if (plot.yAxis->scaleType() == QCPAxis::stLinear) {
        plot.yAxis->setRangeLower(0.0);
        plot.yAxis->setRangeUpper(plot.yAxis->range().upper * 1.08 + 1e-9);
    } else {
        plot.yAxis->setRange(std::max(0.5, plot.yAxis->range().lower / 2),
                             plot.yAxis->range().upper * 2);
    }
    if (plot.xAxis->scaleType() == QCPAxis::stLinear) {
        const double pad = drawn == Drawn::Bars ? 1.0 : 0.0;
        plot.xAxis->setRange(plot.xAxis->range().lower - pad, plot.xAxis->range().upper + pad);
    } else {
        plot.xAxis->setRange(plot.xAxis->range().lower / 2, plot.xAxis->range().upper * 2);
    }
    return drawn != Drawn::Nothing;
}

} // namespace nqi::widgets
