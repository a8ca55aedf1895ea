#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "planners/resilience/scenario.h"
#include "planners/route/route.h"
#include "report/report.h"
#include "widgets/document.h"
#include "widgets/resultsview.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>


// Stored planner results are checked against their planner's schema when read back: a damaged
// one (emptied, a field removed, of the wrong type, an array of the wrong elements) is stale with
// a note naming the field, shows nothing and gives no figure to a report.
namespace {

using namespace nqi;

struct Stored
{
    QString key;
    QJsonObject options;
};

// Every planner, run on the sample project the way the workbench stores it.
const std::vector<Stored> &storedPlanners()
{
    static const std::vector<Stored> planners{
        {u"route"_qs, {}},
        {u"latency"_qs, {}},
        {u"resilience"_qs, {}},
        {u"capacity"_qs, {{u"failures"_qs, true}}},
        {u"fabric:ZJK"_qs, {{u"gpus"_qs, 1016}, {u"site"_qs, u"ZJK"_qs}}},
        {u"dci:5"_qs, {{u"link"_qs, 5}, {u"bufferMb"_qs, 64.0}}},
        {u"ingest:ING-CAR-SH"_qs, {{u"site"_qs, u"ING-CAR-SH"_qs}}},
        {u"satellite"_qs,
         {{u"walker"_qs, QJsonArray{u"36/6/1:53:1200"_qs}},
          {u"start"_qs, u"2024-01-13T00:00:00Z"_qs},
          {u"end"_qs, u"2024-01-13T01:00:00Z"_qs},
          {u"stepSeconds"_qs, 300},
          {u"stations"_qs, QJsonArray{u"GS-KS"_qs}}}}};
    return planners;
}

core::Network sample()
{
    static const core::Network network =
        core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    return network;
}

// The sample with every planner's real result stored, current.
const core::Network &withResults()
{
    static const core::Network network = [] {
        core::Network n = sample();
        for (const Stored &planner : storedPlanners()) {
            planners::Progress progress;
            const QJsonObject json =
                planners::runPlanner(planner.key.section(u':', 0, 0), n, planner.options, progress);
            core::PlannerResult result;
            result.planner = planner.key;
            result.createdUtc = u"2026-01-01T00:00:00Z"_qs;
            result.options =
                QString::fromUtf8(QJsonDocument(planner.options).toJson(QJsonDocument::Compact));
            result.inputDigest = n.digest();
            result.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
            n.setPlannerResult(result);
        }
        return n;
    }();
    return network;
}

QJsonObject storedJson(const QString &key)
{
    return QJsonDocument::fromJson(withResults().plannerResult(key)->json).object();
}

// The network with one stored result replaced by json, its digest kept (current on its face).
core::Network damaged(const QString &key, const QByteArray &json)
{
    core::Network network = withResults();
    core::PlannerResult result = *network.plannerResult(key);
    result.json = json;
    network.setPlannerResult(result);
    return network;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// The first field of a shape's object fields (depth first) that is an array of objects, with
// the path to it.
const planners::JsonField *firstArrayOfObjects(const planners::JsonShape &shape)
{
    for (const planners::JsonField &field : shape.fields)
        if (field.required && field.shape.type == planners::JsonShape::Type::Array &&
            !field.shape.elements.empty() &&
            field.shape.elements.front().type == planners::JsonShape::Type::Object)
            return &field;
    return nullptr;
}

// Points drawn in a chart, over all its graphs and bars.
int chartPoints(QCustomPlot *plot)
{
    int points = 0;
    for (int i = 0; i < plot->plottableCount(); ++i)
        points += plot->plottable(i)->interface1D()->dataCount();
    return points;
}

QJsonValue wrongValueFor(const planners::JsonShape &shape)
{
    return shape.type == planners::JsonShape::Type::String ? QJsonValue(12.5)
                                                           : QJsonValue(u"12.5"_qs);
}

} // namespace

class TestStoredResults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void realResultsFitTheirSchema();
    void damagedResultIsStaleWithANote_data();
    void damagedResultIsStaleWithANote();
    void reportPrintsNoFigureFromADamagedResult_data();
    void reportPrintsNoFigureFromADamagedResult();
    void resultsViewShowsNothingOfADamagedResult();
    void resultKeysNameTheRunConfiguration();
    void n2StoredWhereN1BelongsIsNeverPrintedAsN1();
    void resultsViewSaysWhichConfigurationItShows();
    void resultRowsShowOnTheMap();
    void everyWorstCaseIsFoundAgainFromItsScenarioName();
    void costChartIsReadableAtTheDocksSize();
};

void TestStoredResults::realResultsFitTheirSchema()
{
    QCOMPARE(planners::plannerNames().size(), qsizetype(storedPlanners().size()));
    for (const Stored &planner : storedPlanners()) {
        const planners::StoredResult read = planners::readStoredResult(withResults(), planner.key);
        QVERIFY2(read.problem.isEmpty(), qPrintable(planner.key + u": "_qs + read.problem));
        QVERIFY(read.current && read.usable());
        QCOMPARE(read.json, storedJson(planner.key));
        QVERIFY(read.staleNote().isEmpty());
    }
    // Stale only because the network changed: still readable, with that note.
    core::Network changed = withResults();
    core::Link link = changed.links().front();
    link.capacityGbps *= 2;
    changed.updateLink(link);
    const planners::StoredResult read = planners::readStoredResult(changed, u"route"_qs);
    QVERIFY(read.usable() && !read.current);
    QCOMPARE(read.staleNote(), u"the network changed since it ran"_qs);
    // Links and sites removed since leave an N-1 result with more scenarios than the network has
    // single failures now: still stale because the network changed, never "figures of N-2".
    core::Network smaller = withResults();
    for (int i = 0; i < 20; ++i)
        smaller.removeLink(smaller.links().back().id);
    const planners::StoredResult n1 = planners::readStoredResult(smaller, u"resilience"_qs);
    QVERIFY2(n1.usable() && !n1.current, qPrintable(n1.problem));
    QCOMPARE(n1.staleNote(), u"the network changed since it ran"_qs);
}

void TestStoredResults::damagedResultIsStaleWithANote_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    for (const Stored &planner : storedPlanners()) {
        const QString &key = planner.key;
        const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(key);
        QVERIFY(descriptor);
        const QJsonObject real = storedJson(key);
        const QByteArray name = key.toUtf8();
        const planners::JsonField &first = descriptor->result.fields.front();
        QTest::addRow("%s emptied", name.constData())
            << key << QByteArray("{}") << u"field \"%1\" is missing"_qs.arg(first.name);
        QTest::addRow("%s not JSON", name.constData())
            << key << QByteArray("{\"scenarios\": ") << u"it is not JSON"_qs;
        QTest::addRow("%s an array", name.constData())
            << key << QByteArray("[]") << u"the result is an array, not an object"_qs;
        // Each required field removed in turn, and each of the wrong type.
        for (const planners::JsonField &field : descriptor->result.fields) {
            if (!field.required)
                continue;
            QJsonObject without = real;
            without.remove(field.name);
            QTest::addRow("%s without %s", name.constData(), qPrintable(field.name))
                << key << compact(without) << u"field \"%1\" is missing"_qs.arg(field.name);
            QJsonObject wrong = real;
            wrong.insert(field.name, wrongValueFor(field.shape));
            QTest::addRow("%s %s of the wrong type", name.constData(), qPrintable(field.name))
                << key << compact(wrong) << u"field \"%1\" is "_qs.arg(field.name);
        }
        // An array of the wrong elements, and an element with a field of the wrong type.
        if (const planners::JsonField *array = firstArrayOfObjects(descriptor->result)) {
            QJsonObject numbers = real;
            numbers.insert(array->name, QJsonArray{1, 2, 3});
            QTest::addRow("%s %s of numbers", name.constData(), qPrintable(array->name))
                << key << compact(numbers)
                << u"field \"%1[0]\" is the number 1, not an object"_qs.arg(array->name);
            QJsonArray elements = real[array->name].toArray();
            if (!elements.isEmpty()) {
                const planners::JsonField &inner = array->shape.elements.front().fields.front();
                QJsonObject element = elements.last().toObject();
                element.insert(inner.name, wrongValueFor(inner.shape));
                elements.replace(elements.size() - 1, element);
                QJsonObject nested = real;
                nested.insert(array->name, elements);
                QTest::addRow("%s %s with a wrong element", name.constData(),
                              qPrintable(array->name))
                    << key << compact(nested)
                    << u"field \"%1[%2].%3\" is "_qs.arg(array->name)
                           .arg(elements.size() - 1)
                           .arg(inner.name);
            }
        }
    }
}

void TestStoredResults::damagedResultIsStaleWithANote()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    const core::Network network = damaged(key, json);
    QVERIFY(network.isCurrent(*network.plannerResult(key))); // the digest was kept
    const planners::StoredResult read = planners::readStoredResult(network, key);
    QVERIFY(!read.current);
    QVERIFY(!read.usable());
    QVERIFY(read.json.isEmpty());
    QVERIFY2(read.problem.startsWith(problem), qPrintable(read.problem));
    QVERIFY2(read.staleNote().contains(read.problem), qPrintable(read.staleNote()));
    QVERIFY(read.staleNote().contains(u"schema"_qs));
}

void TestStoredResults::reportPrintsNoFigureFromADamagedResult_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("problem");
    QTest::newRow("resilience emptied")
        << u"resilience"_qs << QByteArray("{}") << u"field \"scenarios\" is missing"_qs;
    QJsonObject resilience = storedJson(u"resilience"_qs);
    resilience.insert(u"scenarios"_qs, u"9999"_qs);
    QTest::newRow("resilience scenarios as text")
        << u"resilience"_qs << compact(resilience)
        << u"field \"scenarios\" is a string, not an integer"_qs;
    QJsonObject route = storedJson(u"route"_qs);
    route.insert(u"maxUtilization"_qs, u"0.01"_qs);
    QTest::newRow("route utilisation as text")
        << u"route"_qs << compact(route) << u"field \"maxUtilization\" is a string"_qs;
    QJsonObject capacity = storedJson(u"capacity"_qs);
    capacity.remove(u"totalCost"_qs);
    QTest::newRow("capacity without its cost")
        << u"capacity"_qs << compact(capacity) << u"field \"totalCost\" is missing"_qs;
    QJsonObject latency = storedJson(u"latency"_qs);
    latency.insert(u"violations"_qs, QJsonArray{u"a"_qs, u"b"_qs, u"c"_qs});
    QTest::newRow("latency violations of text")
        << u"latency"_qs << compact(latency) << u"field \"violations[0]\" is a string"_qs;
    QJsonObject fabric = storedJson(u"fabric:ZJK"_qs);
    fabric.insert(u"tiers"_qs, QJsonObject());
    QTest::newRow("fabric tiers an object")
        << u"fabric:ZJK"_qs << compact(fabric) << u"field \"tiers\" is an object"_qs;
    QTest::newRow("ingest emptied")
        << u"ingest:ING-CAR-SH"_qs << QByteArray("{}") << u"field \"volumeTb\" is missing"_qs;
}

// The report's summary is the same as from the sound result (its figures are computed again),
// or, for a result that cannot be computed again (fabric, ingest), leaves it out; a note says why.
void TestStoredResults::reportPrintsNoFigureFromADamagedResult()
{
    QFETCH(QString, key);
    QFETCH(QByteArray, json);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    report::Options options;
    options.sections = {u"summary"_qs};
    const QString sound = dir.filePath(u"sound.html"_qs);
    const QStringList soundNotes = report::write(withResults(), sound, options);
    QVERIFY2(soundNotes.isEmpty(), qPrintable(soundNotes.join(u'\n')));
    const QString bad = dir.filePath(u"damaged.html"_qs);
    const QStringList notes = report::write(damaged(key, json), bad, options);
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.front().contains(problem) && notes.front().contains(u"could not be used"_qs),
             qPrintable(notes.front()));
    QFile a(sound), b(bad);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QString soundHtml = QString::fromUtf8(a.readAll());
    const QString damagedHtml = QString::fromUtf8(b.readAll());
    if (key.contains(u':')) {
        const QString row =
            key.startsWith(u"fabric") ? u"GPU fabric at ZJK"_qs : u"Data ingest at ING-CAR-SH"_qs;
        QVERIFY(soundHtml.contains(row));
        QVERIFY(!damagedHtml.contains(row));
    } else {
        QCOMPARE(damagedHtml, soundHtml);
    }
}

void TestStoredResults::resultsViewShowsNothingOfADamagedResult()
{
    QJsonObject resilience = storedJson(u"resilience"_qs);
    QJsonArray links = resilience[u"links"_qs].toArray();
    QJsonObject link = links.first().toObject();
    link.insert(u"worstUtilization"_qs, u"high"_qs);
    links.replace(0, link);
    resilience.insert(u"links"_qs, links);
    widgets::Document document;
    document.reset(damaged(u"resilience"_qs, compact(resilience)), {});
    widgets::ResultsView view(&document);
    QList<QHash<core::LinkId, double>> colourings;
    connect(&view, &widgets::ResultsView::linkColouring, this,
            [&colourings](const QHash<core::LinkId, double> &u) { colourings << u; });
    view.showPlanner(u"route"_qs);
    QVERIFY(view.statusText().endsWith(u"computed 2026-01-01T00:00:00Z."_qs));
    QVERIFY(view.table()->model()->rowCount() > 0);
    QVERIFY(chartPoints(view.chart()) > 0);
    view.showPlanner(u"resilience"_qs);
    QCOMPARE(view.currentPlanner(), u"resilience"_qs);
    const QString status = view.statusText();
    QVERIFY2(status.contains(u"It cannot be used: field \"links[0].worstUtilization\" is a "
                             "string, not a number. Run the planner again."_qs),
             qPrintable(status));
    QCOMPARE(view.table()->model()->rowCount(), 0);
    QCOMPARE(chartPoints(view.chart()), 0);
    QVERIFY(!colourings.isEmpty());
    QVERIFY(colourings.last().isEmpty()); // the map is not coloured by it
}

void TestStoredResults::resultKeysNameTheRunConfiguration()
{
    using planners::ResultKey;
    QCOMPARE(planners::resultKey(u"resilience"_qs, {}).toString(), u"resilience"_qs);
    QCOMPARE(planners::resultKey(u"resilience"_qs, {{u"n2"_qs, true}}).toString(),
             u"resilience+n2"_qs);
    QCOMPARE(planners::resultKey(u"route"_qs, {{u"te"_qs, true}, {u"perHopMs"_qs, 1}}).toString(),
             u"route+te"_qs);
    QCOMPARE(planners::resultKey(u"latency"_qs, {{u"roundTrip"_qs, true}}).toString(),
             u"latency+rtt"_qs);
    QCOMPARE(planners::resultKey(u"capacity"_qs, {}).toString(), u"capacity"_qs);
    QCOMPARE(planners::resultKey(u"capacity"_qs, {{u"failures"_qs, false}}).toString(),
             u"capacity+normal"_qs);
    QCOMPARE(planners::resultKey(u"fabric"_qs, {{u"site"_qs, u"ZJK"_qs}}).toString(),
             u"fabric:ZJK"_qs);
    QCOMPARE(planners::resultKey(u"dci"_qs, {{u"link"_qs, 5}}).toString(), u"dci:5"_qs);
    const ResultKey parsed = ResultKey::parse(u"resilience+n2"_qs);
    QCOMPARE(parsed.planner, u"resilience"_qs);
    QCOMPARE(parsed.configuration, u"n2"_qs);
    QCOMPARE(ResultKey::parse(u"fabric:A-B_1"_qs).subject, u"A-B_1"_qs);
    QCOMPARE(planners::plannerDescriptor(u"resilience+n2"_qs)->name, u"resilience"_qs);
    QCOMPARE(planners::configurationTitle(parsed), u"N-2: single failures and link pairs"_qs);
    QCOMPARE(planners::configurationTitle(parsed, u"zh_CN"_qs), u"N-2：单点故障及双链路故障"_qs);
    QCOMPARE(planners::configurationOptions(parsed), (QJsonObject{{u"n2"_qs, true}}));
    // A key of a configuration no planner has is never read.
    core::Network network = withResults();
    core::PlannerResult odd = *network.plannerResult(u"resilience"_qs);
    odd.planner = u"resilience+n9"_qs;
    network.setPlannerResult(odd);
    const planners::StoredResult read = planners::readStoredResult(network, u"resilience+n9"_qs);
    QVERIFY(!read.usable());
    QCOMPARE(read.problem, u"the resilience planner has no run configuration \"n9\""_qs);
}

// A project from before results were kept per configuration can hold an N-2 run under the
// N-1 key: it is not read as N-1 (the report once printed its 408.8 % and "links 5+67" under
// "single failures"); the N-1 figures are computed again, with a note.
void TestStoredResults::n2StoredWhereN1BelongsIsNeverPrintedAsN1()
{
    core::Network network = withResults();
    planners::Progress progress;
    const QJsonObject n2Options{{u"n2"_qs, true}};
    const QJsonObject n2 =
        planners::runPlanner(u"resilience"_qs, network, n2Options, progress);
    const QJsonObject n1 = storedJson(u"resilience"_qs);
    QVERIFY(n2[u"maxWorstUtilization"_qs].toDouble() > n1[u"maxWorstUtilization"_qs].toDouble());
    core::PlannerResult old = *network.plannerResult(u"resilience"_qs);
    old.options = QString::fromUtf8(compact(n2Options));
    old.json = compact(n2);
    network.setPlannerResult(old);
    const planners::StoredResult read = planners::readStoredResult(network, u"resilience"_qs);
    QVERIFY(!read.usable());
    QCOMPARE(read.problem, u"it ran as N-2: single failures and link pairs but is stored as the "
                           "N-1: single failures result"_qs);
    // Options that say nothing of it, or say N-1: its own figures give it away.
    for (const QString &options : {QString(), u"{\"perHopMs\":0}"_qs, u"{\"n2\":false}"_qs}) {
        core::Network disguised = network;
        core::PlannerResult hidden = *disguised.plannerResult(u"resilience"_qs);
        hidden.options = options;
        disguised.setPlannerResult(hidden);
        const planners::StoredResult seen =
            planners::readStoredResult(disguised, u"resilience"_qs);
        QVERIFY2(!seen.usable(), qPrintable(options));
        QCOMPARE(seen.problem, u"its figures are those of N-2: single failures and link pairs "
                               "(link-pair scenarios), not of N-1: single failures"_qs);
    }
    // A true N-1 result is read.
    QVERIFY(planners::readStoredResult(withResults(), u"resilience"_qs).usable());

    QTemporaryDir dir;
    report::Options options;
    options.sections = {u"summary"_qs};
    const QString html = dir.filePath(u"r.html"_qs);
    const QStringList notes = report::write(network, html, options);
    QCOMPARE(notes.size(), 1);
    QVERIFY2(notes.front().contains(u"resilience (N-1: single failures)"_qs), qPrintable(notes.front()));
    QFile file(html);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString page = QString::fromUtf8(file.readAll());
    const auto figure = [](const QJsonObject &json) -> QString {
        return QLocale(QLocale::English)
                   .toString(json[u"maxWorstUtilization"_qs].toDouble() * 100.0, 'f', 1) +
               u" %"_qs;
    };
    QVERIFY(page.contains(figure(n1)));
    QVERIFY(!page.contains(figure(n2)));
    QVERIFY(!page.contains(u"(N-2)"_qs));
}

void TestStoredResults::resultsViewSaysWhichConfigurationItShows()
{
    core::Network network = withResults();
    planners::Progress progress;
    const QJsonObject n2Options{{u"n2"_qs, true}};
    core::PlannerResult n2;
    n2.planner = planners::resultKey(u"resilience"_qs, n2Options).toString();
    n2.createdUtc = u"2026-01-02T00:00:00Z"_qs;
    n2.options = QString::fromUtf8(compact(n2Options));
    n2.inputDigest = network.digest();
    n2.json = compact(planners::runPlanner(u"resilience"_qs, network, n2Options, progress));
    network.setPlannerResult(n2);
    widgets::Document document;
    document.reset(network, {});
    widgets::ResultsView view(&document);
    QStringList titles;
    connect(&view, &widgets::ResultsView::linkColouring, this,
            [&titles](const QHash<core::LinkId, double> &, const QString &title) {
                titles << title;
            });
    view.showPlanner(u"resilience"_qs);
    QVERIFY2(view.statusText().contains(u"N-1: single failures"_qs), qPrintable(view.statusText()));
    QVERIFY(!titles.isEmpty());
    QCOMPARE(titles.last(), u"Worst-case utilisation (N-1: single failures)"_qs);
    view.showPlanner(u"resilience+n2"_qs);
    QCOMPARE(view.currentPlanner(), u"resilience+n2"_qs);
    QVERIFY2(view.statusText().contains(u"N-2: single failures and link pairs"_qs),
             qPrintable(view.statusText()));
    QCOMPARE(titles.last(), u"Worst-case utilisation (N-2: single failures and link pairs)"_qs);
    QVERIFY(view.table()->model()->rowCount() > 0);
    QVERIFY(chartPoints(view.chart()) > 0);
}

// A row of a result table shows on the map: a link's worst case with the failure that gives it
// (the failed link and the link selected, the loads it leaves, as the planner found them); a
// demand's ECMP split over its links; no row, the result's own colours again.
void TestStoredResults::resultRowsShowOnTheMap()
{
    widgets::Document document;
    document.reset(withResults(), {});
    widgets::ResultsView view(&document);
    QHash<core::LinkId, double> colours;
    QString title;
    QList<core::SiteId> selectedSites;
    QList<core::LinkId> selectedLinks;
    connect(&view, &widgets::ResultsView::linkColouring, this,
            [&](const QHash<core::LinkId, double> &u, const QString &t) {
                colours = u;
                title = t;
            });
    connect(&view, &widgets::ResultsView::subjectShown, this,
            [&](const QList<core::SiteId> &s, const QList<core::LinkId> &l) {
                selectedSites = s;
                selectedLinks = l;
            });

    // The busiest link in its worst case.
    view.showPlanner(u"resilience"_qs);
    view.showTable(view.tableNames().constFirst()); // Links
    QJsonObject busiest;
    for (const QJsonValue &link : storedJson(u"resilience"_qs)[u"links"_qs].toArray())
        if (link[u"worstUtilization"_qs].toDouble() > busiest[u"worstUtilization"_qs].toDouble())
            busiest = link.toObject();
    const QString scenario = busiest[u"worstScenario"_qs].toString();
    QVERIFY2(scenario.startsWith(u"link "_qs), qPrintable(scenario));
    const core::LinkId failed = scenario.section(u' ', 1, 1).toLongLong();
    const core::LinkId id = busiest[u"id"_qs].toInteger();
    int row = -1;
    for (int r = 0; r < view.table()->model()->rowCount(); ++r)
        if (view.table()->model()->index(r, 0).data().toLongLong() == id)
            row = r;
    QVERIFY(row >= 0);
    view.selectRow(row);
    QVERIFY2(title.contains(scenario), qPrintable(title));
    QCOMPARE(view.rowShown(), title);
    QCOMPARE(selectedLinks, (QList<core::LinkId>{failed, id}));
    QVERIFY(!colours.contains(failed)); // down
    QVERIFY(std::abs(colours.value(id) - busiest[u"worstUtilization"_qs].toDouble()) < 1e-9);

    // A demand: its traffic split over its equal-cost paths, all of it leaving its source.
    view.showPlanner(u"route"_qs);
    view.showTable(view.tableNames().at(1)); // Demands
    QVERIFY(view.rowShown().isEmpty());
    view.selectRow(0);
    const core::DemandId demandId = view.table()->model()->index(0, 0).data().toLongLong();
    const core::Demand *demand = withResults().demand(demandId);
    QVERIFY(demand);
    QCOMPARE(selectedSites, (QList<core::SiteId>{demand->source, demand->destination}));
    QVERIFY2(title.startsWith(u"Demand %1 "_qs.arg(demandId)), qPrintable(title));
    QVERIFY(!colours.isEmpty());
    double leaving = 0.0;
    for (auto it = colours.cbegin(); it != colours.cend(); ++it) {
        QVERIFY(it.value() > 0.0 && it.value() <= 1.0 + 1e-9);
        const core::Link *link = withResults().link(it.key());
        if (link->siteA == demand->source || link->siteB == demand->source)
            leaving += it.value();
    }
    QVERIFY2(std::abs(leaving - 1.0) < 1e-9, qPrintable(QString::number(leaving)));

    // No row: the result's colours again.
    view.table()->clearSelection();
    QVERIFY(view.rowShown().isEmpty());
    QCOMPARE(title, u"Utilisation (IGP shortest paths, ECMP)"_qs);
}

// What the map shows of a failure comes from the scenario's name: for every link of the sample,
// N-1 and N-2, the network after its worst scenario, routed, loads it exactly as the resilience
// planner found (link, site, SRLG and link-pair scenarios alike).
void TestStoredResults::everyWorstCaseIsFoundAgainFromItsScenarioName()
{
    const core::Network &network = withResults();
    for (const bool pairs : {false, true}) {
        planners::Progress progress;
        const QJsonObject json = planners::runPlanner(
            u"resilience"_qs, network, {{u"n2"_qs, pairs}}, progress);
        QSet<QString> kinds;
        for (const QJsonValue &link : json[u"links"_qs].toArray()) {
            const QString name = link[u"worstScenario"_qs].toString();
            const auto scenario = planners::resilience::scenarioNamed(network, name);
            QVERIFY2(scenario, qPrintable(name));
            const planners::route::Result routed = planners::route::run(
                planners::resilience::afterFailure(network, *scenario), {}, progress);
            double utilization = 0.0;
            for (const planners::route::LinkLoad &load : routed.links)
                if (load.id == link[u"id"_qs].toInteger())
                    utilization = load.utilization;
            QVERIFY2(std::abs(utilization - link[u"worstUtilization"_qs].toDouble()) < 1e-9,
                     qPrintable(name));
            kinds << name.section(u' ', 0, 0);
        }
        QVERIFY2(kinds.contains(u"link"_qs), qPrintable(QStringList(kinds.values()).join(u',')));
        if (pairs)
            QVERIFY(kinds.contains(u"links"_qs));
    }
    QVERIFY(!planners::resilience::scenarioNamed(network, u"link 999999 A-B"_qs));
    QVERIFY(!planners::resilience::scenarioNamed(network, u"site NOSUCH"_qs));
    QVERIFY(!planners::resilience::scenarioNamed(network, u"links 1"_qs));
}

// At the Results dock's size in the default layout (a third of a 1,000-pixel window, the width of
// the map), the cost chart's bars get most of the chart's height: their labels no longer take it.
void TestStoredResults::costChartIsReadableAtTheDocksSize()
{
    widgets::Document document;
    document.reset(withResults(), {});
    widgets::ResultsView view(&document);
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showPlanner(u"capacity"_qs);
    QVERIFY(view.chartNames().contains(u"Cost per link"_qs));
    view.showChart(u"Cost per link"_qs);
    QVERIFY(chartPoints(view.chart()) > 0);
    view.chart()->replot();
    const QRect plotArea = view.chart()->axisRect()->rect();
    QVERIFY2(plotArea.height() >= 0.5 * view.chart()->height(),
             qPrintable(u"%1 of %2 px"_qs.arg(plotArea.height()).arg(view.chart()->height())));
    QCOMPARE(view.chart()->xAxis->tickLabelRotation(), 0.0);
}

QTEST_MAIN(TestStoredResults)
#include "tst_storedresults.moc"
