#include "core/model/kinds.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

#include <algorithm>

using namespace nqi;

/**
 * What the Results dock, the report and Python read of a result is what the planner's
 * descriptor declares: every table's rows and columns, every chart's and map colouring's
 * fields and every headline figure. Each planner runs on the sample project and every field
 * those declarations name must be in its result schema and in the result itself (in at least
 * one row of an array), so a renamed or misspelt field fails here, not as an empty column.
 */
class TestDescriptors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyFieldAViewReadsExists_data();
    void everyFieldAViewReadsExists();
    void everyTextIsInBothLanguages_data();
    void everyTextIsInBothLanguages();

private:
    core::Network m_network;
};

namespace {

// Fields a view reads that the sample's results do not hold, and why.
const QHash<QString, QString> &knownAbsent()
{
    static const QHash<QString, QString> absent{
        {u"route:unrouted"_qs, u"the sample routes every demand"_qs},
        {u"route:demands.outsideRegions"_qs, u"no demand of the sample leaves its regions"_qs},
        {u"route:te.demands.problem"_qs,
         u"traffic engineering places every demand of the sample"_qs},
    };
    return absent;
}

// Whether the JSON holds path (dotted); through an array, in at least one of its elements.
bool present(const QJsonValue &value, QStringList path)
{
    if (path.isEmpty())
        return !value.isUndefined();
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            if (present(element, path))
                return true;
        return false;
    }
    if (!value.isObject())
        return false;
    const QString head = path.takeFirst();
    const QJsonObject object = value.toObject();
    return object.contains(head) && present(object.value(head), path);
}

QString joined(const QString &rows, const QString &field)
{
    return rows.isEmpty() ? field : rows + u'.' + field;
}

} // namespace

void TestDescriptors::initTestCase()
{
    m_network = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    QVERIFY(!m_network.sites().empty());
}

void TestDescriptors::everyFieldAViewReadsExists_data()
{
    QTest::addColumn<QString>("planner");
    // Its runs, one per options: a field must be in the result of at least one (te.* only
    // with traffic engineering).
    QTest::addColumn<QJsonArray>("runs");
    // The sample's subjects for the compute planners: a DC site with accelerators, a link, an
    // ingest site with demands given as volumes.
    QString dc, ingestSite;
    for (const core::Site &site : m_network.sites())
        if (dc.isEmpty() && site.gpus && *site.gpus > 0)
            dc = site.code;
    for (const core::Demand &demand : m_network.demands())
        for (core::SiteId end : {demand.source, demand.destination})
            if (ingestSite.isEmpty() && demand.volumeTb &&
                m_network.site(end)->kind == core::SiteKind::IngestSite)
                ingestSite = m_network.site(end)->code;
    QVERIFY(!dc.isEmpty());
    QVERIFY(!ingestSite.isEmpty());
    QVERIFY(!m_network.links().empty());
    qint64 gpus = 0;
    for (const core::Site &site : m_network.sites())
        if (site.code == dc)
            gpus = *site.gpus;

    QSet<QString> covered;
    auto row = [&covered](const QString &planner, const QJsonArray &runs) {
        covered << planner;
        QTest::newRow(qPrintable(planner)) << planner << runs;
    };
    row(u"route"_qs, {QJsonObject(), QJsonObject{{u"te"_qs, true}}});
    row(u"latency"_qs, {QJsonObject(), QJsonObject{{u"roundTrip"_qs, true}}});
    row(u"resilience"_qs, {QJsonObject(), QJsonObject{{u"n2"_qs, true}}});
    row(u"capacity"_qs, {QJsonObject(), QJsonObject{{u"failures"_qs, false}}});
    // With prices and power, so that the fabric's power and cost are in its summary.
    row(u"fabric"_qs, {QJsonObject{{u"site"_qs, dc},
                                   {u"gpus"_qs, gpus},
                                   {u"switchWatts"_qs, 1500},
                                   {u"switchCost"_qs, 40000},
                                   {u"transceiverWatts"_qs, 15},
                                   {u"transceiverCost"_qs, 800},
                                   {u"cableCost"_qs, 100}}});
    row(u"dci"_qs, {QJsonObject{{u"link"_qs, m_network.links().front().id}}});
    row(u"ingest"_qs, {QJsonObject{{u"site"_qs, ingestSite}}});
    // The sample keeps no constellation: a small Walker shell over a box, a station and a path
    // between two of its sites over inter-satellite links, within an hour.
    row(u"satellite"_qs, {QJsonObject{{u"walker"_qs, QJsonArray{u"36/6/1:53:1200"_qs}},
                                      {u"start"_qs, u"2024-01-13T00:00:00Z"_qs},
                                      {u"end"_qs, u"2024-01-13T01:00:00Z"_qs},
                                      {u"stepSeconds"_qs, 300},
                                      {u"bbox"_qs, u"110,30,114,34"_qs},
                                      {u"gridDeg"_qs, 2},
                                      {u"stations"_qs, QJsonArray{u"GS-KS"_qs, u"39.9,116.4"_qs}},
                                      {u"path"_qs, u"BJ:GS-KS"_qs},
                                      {u"isl"_qs, true}}});
    for (const QString &planner : planners::plannerNames())
        QVERIFY2(covered.contains(planner), qPrintable(planner + u" is not run by this test"_qs));
}

void TestDescriptors::everyFieldAViewReadsExists()
{
    QFETCH(QString, planner);
    QFETCH(QJsonArray, runs);
    const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
    QVERIFY(descriptor);
    QJsonArray results;
    for (const QJsonValue &options : runs) {
        planners::Progress progress;
        const QJsonObject result =
            planners::runPlanner(planner, &m_network, options.toObject(), progress);
        QCOMPARE(planners::checkJson(result, descriptor->result), QString());
        results.append(result);
    }
    const QJsonValue json = results; // present in one run's result: in the array of them

    QStringList problems;
    // A field path (dotted, from the result) a view reads, named by what reads it.
    auto check = [&](const QString &path, const QString &reader) {
        if (path.isEmpty())
            return;
        if (!descriptor->result.at(path)) {
            problems << u"%1: \"%2\" is not in the result's schema"_qs.arg(reader, path);
            return;
        }
        if (present(json, path.split(u'.')))
            return;
        for (QString prefix = path; !prefix.isEmpty();
             prefix = prefix.contains(u'.') ? prefix.section(u'.', 0, -2) : QString()) {
            if (knownAbsent().contains(planner + u':' + prefix))
                return;
        }
        problems << u"%1: \"%2\" is not in the result of the sample"_qs.arg(reader, path);
    };

    for (const planners::TableDescriptor &table : descriptor->tables) {
        const QString reader = u"table \"%1\""_qs.arg(table.title.en);
        if (!table.rows.isEmpty()) {
            check(table.rows, reader);
            if (const planners::JsonShape *rows = descriptor->result.at(table.rows))
                if (rows->type != planners::JsonShape::Type::Array)
                    problems << reader + u": its rows are not an array"_qs;
        }
        for (const planners::ColumnDescriptor &column : table.columns)
            check(joined(table.rows, column.field),
                  reader + u", column \"%1\""_qs.arg(column.header.en));
        if (table.selects != planners::TableDescriptor::Selects::None)
            check(joined(table.rows, table.selectField), reader + u", what a row selects"_qs);
    }
    for (const planners::ChartDescriptor &chart : descriptor->charts) {
        const QString reader = u"chart \"%1\""_qs.arg(chart.title.en);
        check(chart.rows, reader);
        for (const QString &field : {chart.value, chart.value2, chart.label})
            if (!field.isEmpty())
                check(joined(chart.rows, field), reader);
    }
    for (const planners::MapColouringDescriptor &map : descriptor->map) {
        const QString reader = u"map colouring \"%1\""_qs.arg(map.legend.en);
        check(map.rows, reader);
        check(joined(map.rows, map.id), reader);
        check(joined(map.rows, map.value), reader);
    }
    for (const planners::FigureDescriptor &figure : descriptor->figures)
        check(figure.field, u"figure \"%1\""_qs.arg(figure.label.en));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

void TestDescriptors::everyTextIsInBothLanguages_data()
{
    QTest::addColumn<QString>("planner");
    for (const QString &planner : planners::plannerNames())
        QTest::newRow(qPrintable(planner)) << planner;
}

void TestDescriptors::everyTextIsInBothLanguages()
{
    QFETCH(QString, planner);
    const planners::PlannerDescriptor *d = planners::plannerDescriptor(planner);
    QVERIFY(d);
    QStringList missing;
    auto both = [&missing](const planners::Text &text, const QString &what) {
        if (text.en.trimmed().isEmpty())
            missing << what + u": no English"_qs;
        if (text.zh.trimmed().isEmpty())
            missing << what + u" (\"" + text.en + u"\"): no Chinese"_qs;
    };
    both(d->title, u"title"_qs);
    both(d->menuText, u"menu text"_qs);
    both(d->description, u"description"_qs);
    for (const planners::OptionDescriptor &option : d->options) {
        both(option.label, u"option %1, label"_qs.arg(option.key));
        both(option.help, u"option %1, help"_qs.arg(option.key));
        for (const planners::OptionDescriptor::Choice &choice : option.choices)
            both(choice.title, u"option %1, choice %2"_qs.arg(option.key, choice.value));
    }
    for (const planners::ConfigurationDescriptor &configuration : d->configurations)
        both(configuration.title, u"configuration"_qs);
    for (const planners::TableDescriptor &table : d->tables) {
        both(table.title, u"table"_qs);
        for (const planners::ColumnDescriptor &column : table.columns)
            both(column.header, u"table \"%1\", column"_qs.arg(table.title.en));
    }
    for (const planners::ChartDescriptor &chart : d->charts) {
        both(chart.title, u"chart"_qs);
        both(chart.axis, u"chart \"%1\", axis"_qs.arg(chart.title.en));
    }
    for (const planners::MapColouringDescriptor &map : d->map)
        both(map.legend, u"map colouring"_qs);
    for (const planners::FigureDescriptor &figure : d->figures)
        both(figure.label, u"figure"_qs);
    // The report: every planner says how it computes (its "Methods and assumptions" paragraph);
    // what a configuration adds, a report map's heading and a chapter's texts, where given.
    both(d->method, u"method"_qs);
    for (const planners::ConfigurationDescriptor &configuration : d->configurations)
        if (!configuration.method.isEmpty())
            both(configuration.method, u"configuration \"%1\", method"_qs.arg(configuration.suffix));
    for (const planners::MapColouringDescriptor &map : d->map)
        if (!map.reportHeading.isEmpty())
            both(map.reportHeading, u"map colouring, report heading"_qs);
    for (const planners::ReportChapterDescriptor &chapter : d->chapters) {
        both(chapter.title, u"chapter %1, title"_qs.arg(chapter.section));
        both(chapter.heading, u"chapter %1, heading"_qs.arg(chapter.section));
        if (!chapter.none.en.isEmpty())
            both(chapter.none, u"chapter %1, when empty"_qs.arg(chapter.section));
        // ... and it prints tables and charts its planner declares, in configurations it has.
        for (const QString &rows : chapter.tables)
            if (std::none_of(d->tables.begin(), d->tables.end(),
                             [&rows](const auto &table) { return table.rows == rows; }))
                missing << u"chapter %1: no table of \"%2\""_qs.arg(chapter.section, rows);
        for (const int chart : chapter.charts)
            if (chart < 0 || size_t(chart) >= d->charts.size())
                missing << u"chapter %1: no chart %2"_qs.arg(chapter.section).arg(chart);
        for (const QString &configuration : chapter.configurations)
            if (!planners::configurations(d->name).contains(configuration))
                missing << u"chapter %1: no configuration \"%2\""_qs.arg(chapter.section,
                                                                         configuration);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
}

QTEST_GUILESS_MAIN(TestDescriptors)
#include "tst_descriptors.moc"
