// Adding a planner is one descriptor and one registration: this test adds a small one ("degree":
// the links of every site) and finds it, with no other code, in the options check, the
// workbench's Plan menu and form, the Results dock and the report.
#include "mainwindow.h"

#include "planners/registry.h"
#include "report/report.h"
#include "widgets/document.h"
#include "widgets/plannerform.h"
#include "widgets/resultsview.h"
#include "widgets/taskmanager.h"
#include "../htmltext.h"

#include <QJsonArray>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace nqi;

namespace {

// ---- The demo planner: everything a planner declares, in one place. ----
planners::PlannerDescriptor degreePlanner()
{
    using namespace planners::shape;
    using planners::Format;
    planners::PlannerDescriptor d;
    d.name = u"degree"_qs;
    d.title = {u"Site degree"_qs, u"站点度数"_qs};
    d.menuText = {u"Site &Degree"_qs, u"站点度数(&D)"_qs};
    d.description = {u"The links of every site, and the sites with fewer than a minimum."_qs,
                     u"每个站点的链路数，以及链路数少于下限的站点。"_qs};
    planners::OptionDescriptor minimum;
    minimum.key = u"minimum"_qs;
    minimum.flag = u"minimum"_qs;
    minimum.type = planners::OptionDescriptor::Type::Integer;
    minimum.defaultValue = 2;
    minimum.minimum = 1;
    minimum.maximum = 100;
    minimum.valueName = u"N"_qs;
    minimum.label = {u"Fewest links a site should have"_qs, u"站点应有的最少链路数"_qs};
    minimum.help = {u"Sites with fewer links are listed, 1..100 (default 2)."_qs,
                    u"列出链路数少于该值的站点，1..100（默认 2）。"_qs};
    d.options = {minimum};
    d.run = [](const core::Network *network, const QJsonObject &options, planners::Progress &) {
        std::map<core::SiteId, int> degree;
        for (const core::Link &link : network->links()) {
            ++degree[link.siteA];
            ++degree[link.siteB];
        }
        QJsonArray sites, below;
        int most = 0;
        for (const core::Site &site : network->sites()) {
            const int links = degree[site.id];
            most = std::max(most, links);
            sites.append(QJsonObject{{u"site"_qs, site.code}, {u"links"_qs, links}});
            if (links < options.value(u"minimum"_qs).toInt())
                below.append(site.code);
        }
        return QJsonObject{{u"sites"_qs, sites}, {u"below"_qs, below}, {u"mostLinks"_qs, most}};
    };
    d.result = object({{u"sites"_qs, arrayOf(object({{u"site"_qs, string()},
                                                     {u"links"_qs, integer()}}))},
                       {u"below"_qs, arrayOf(string())},
                       {u"mostLinks"_qs, integer()}});
    d.tables = {{{u"Sites"_qs, u"站点"_qs},
                 u"sites"_qs,
                 {{{u"Site"_qs, u"站点"_qs}, u"site"_qs, Format::Text},
                  {{u"Links"_qs, u"链路数"_qs}, u"links"_qs, Format::Integer}},
                 planners::TableDescriptor::Selects::Site,
                 u"site"_qs}};
    d.charts = {{planners::ChartDescriptor::Kind::Histogram,
                 {u"Links per site"_qs, u"各站点链路数"_qs},
                 u"sites"_qs,
                 u"links"_qs,
                 {},
                 {},
                 {u"Sites"_qs, u"站点"_qs},
                 Format::Integer}};
    d.figures = {{{u"Most links at one site"_qs, u"单站点最多链路数"_qs}, u"mostLinks"_qs,
                  Format::Integer},
                 {{u"Sites below the minimum"_qs, u"低于下限的站点"_qs}, u"below"_qs,
                  Format::Count}};
    d.method = {u"Degree: the links ending at each site, parallel links counted each."_qs,
                u"度数：以每个站点为端点的链路数，并行链路分别计数。"_qs};
    d.chapters = {{u"degree"_qs,
                   {u"Sites and their links"_qs, u"站点与链路"_qs},
                   {u"Sites and their links: where one cut isolates a site"_qs,
                    u"站点与链路：一处中断即孤立站点之处"_qs},
                   {},
                   [](const QJsonObject &result, const QString &, const QString &language) {
                       QStringList below;
                       for (const QJsonValue &site : result[u"below"_qs].toArray())
                           below << site.toString();
                       return QStringList{(language.startsWith(u"zh")
                                               ? u"链路数低于下限的站点：%1。"_qs
                                               : u"Sites below the minimum: %1."_qs)
                                              .arg(below.join(u", "_qs))};
                   },
                   {0},
                   {u"sites"_qs},
                   5,
                   {u"The project has no sites."_qs, u"项目中没有站点。"_qs}}};
    return d;
}
// ---- End of the demo planner. ----

} // namespace

class TestDemoPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void theRegistryChecksAndRunsIt();
    void theWorkbenchOffersRunsAndShowsIt();
    void theReportSummarisesIt();
    void itsChapterIsInTheReport();
};

void TestDemoPlanner::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    planners::registerPlanner(degreePlanner()); // the one registration line
    QVERIFY(planners::plannerNames().contains(u"degree"_qs));
    // Names are unique.
    QVERIFY_THROWS_EXCEPTION(core::Failure, planners::registerPlanner(degreePlanner()));
}

void TestDemoPlanner::theRegistryChecksAndRunsIt()
{
    core::Network network;
    core::Site a, b, c;
    a.code = u"A"_qs;
    b.code = u"B"_qs;
    c.code = u"C"_qs;
    a.id = network.addSite(a);
    b.id = network.addSite(b);
    c.id = network.addSite(c);
    core::Link ab;
    ab.siteA = a.id;
    ab.siteB = b.id;
    ab.capacityGbps = 100;
    network.addLink(ab);
    core::Link bc = ab;
    bc.siteA = b.id;
    bc.siteB = c.id;
    network.addLink(bc);
    planners::Progress progress;
    const QJsonObject json = planners::runPlanner(u"degree"_qs, network, {}, progress);
    QCOMPARE(json[u"mostLinks"_qs].toInt(), 2);
    QCOMPARE(json[u"below"_qs].toArray(), (QJsonArray{u"A"_qs, u"C"_qs}));
    QVERIFY(planners::checkJson(json, planners::plannerDescriptor(u"degree"_qs)->result).isEmpty());
    // Its option is checked as every planner's is, named as the command line names it.
    QVERIFY_THROWS_EXCEPTION(core::Failure, planners::runPlanner(u"degree"_qs, network,
                                                                 {{u"minimum"_qs, 0}}, progress));
    try {
        planners::runPlanner(u"degree"_qs, network, {{u"minimum"_qs, 0}}, progress);
    } catch (const core::Failure &failure) {
        QCOMPARE(failure.diagnostic().message,
                 u"degree: --minimum: 0 is out of range: give 1..100"_qs);
    }
}

void TestDemoPlanner::theWorkbenchOffersRunsAndShowsIt()
{
    app::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT)));

    // The Plan menu lists it.
    QAction *entry = nullptr;
    for (QAction *menu : window.menuBar()->actions())
        if (menu->menu() && menu->text() == u"&Plan")
            for (QAction *item : menu->menu()->actions())
                if (item->text() == u"Site &Degree")
                    entry = item;
    QVERIFY(entry);

    // Its form is generated: its option, its range.
    widgets::PlannerForm form(*planners::plannerDescriptor(u"degree"_qs),
                              &window.document()->network());
    auto *minimum = qobject_cast<QSpinBox *>(form.editor(u"minimum"_qs));
    QVERIFY(minimum);
    QCOMPARE(minimum->minimum(), 1);
    QCOMPARE(minimum->maximum(), 100);
    QCOMPARE(form.options()[u"minimum"_qs].toInt(), 2);

    // Run from the menu as a background task; the Results dock shows its table and chart.
    entry->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(widgets::TaskManager::instance()->tasks(&window).isEmpty(), 60000);
    QVERIFY(window.document()->network().plannerResult(u"degree"_qs));
    widgets::ResultsView *results = window.resultsView();
    results->showPlanner(u"degree"_qs);
    QCOMPARE(results->tableNames(), QStringList{u"Sites"_qs});
    QCOMPARE(results->chartNames(), QStringList{u"Links per site"_qs});
    window.document()->undoStack()->setClean();
}

void TestDemoPlanner::theReportSummarisesIt()
{
    core::Network network = [] {
        app::MainWindow window;
        window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT));
        return window.document()->network();
    }();
    planners::Progress progress;
    core::PlannerResult stored;
    stored.planner = u"degree"_qs;
    stored.options = u"{\"minimum\":2}"_qs;
    stored.inputDigest = network.digest();
    const QJsonObject json = planners::runPlanner(u"degree"_qs, network, {}, progress);
    stored.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
    network.setPlannerResult(stored);
    QTemporaryDir dir;
    const QString html = dir.filePath(u"report.html"_qs);
    report::Options options;
    options.sections = {u"summary"_qs};
    report::write(network, html, options);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    QString text = htmlText(page.readAll());
    QVERIFY2(text.contains(u"Site degree"_qs), qPrintable(text.left(2000)));
    QVERIFY(text.contains(u"Most links at one site "_qs +
                          QString::number(json[u"mostLinks"_qs].toInt())));
    QVERIFY(text.contains(u"Sites below the minimum "_qs +
                          QString::number(json[u"below"_qs].toArray().size())));
}

// The chapter it declares: a section of `nqi report --sections` and of the report dialog, between
// the report's own sections and "results", written from the declaration alone (heading, words,
// chart, table) with its method, its result computed for the report when the project holds none.
void TestDemoPlanner::itsChapterIsInTheReport()
{
    const QStringList sections = report::sectionNames();
    QVERIFY2(sections.contains(u"degree"_qs), qPrintable(sections.join(u',')));
    QVERIFY(sections.indexOf(u"degree"_qs) > sections.indexOf(u"sites"_qs));
    QVERIFY(sections.indexOf(u"degree"_qs) < sections.indexOf(u"results"_qs));
    QCOMPARE(report::sectionTitle(u"degree"_qs, u"zh"_qs), u"站点与链路"_qs);

    core::Network network = [] {
        app::MainWindow window;
        window.openProject(QStringLiteral(NQI_SAMPLE_PROJECT));
        return window.document()->network();
    }();
    QVERIFY(!network.plannerResult(u"degree"_qs));
    planners::Progress progress;
    const QJsonObject json = planners::runPlanner(u"degree"_qs, network, {}, progress);
    QStringList below;
    for (const QJsonValue &site : json[u"below"_qs].toArray())
        below << site.toString();
    QVERIFY(!below.isEmpty());
    QTemporaryDir dir;
    const QString html = dir.filePath(u"report.html"_qs);
    report::Options options;
    options.sections = {u"degree"_qs, u"methods"_qs};
    report::write(network, html, options);
    QFile page(html);
    QVERIFY(page.open(QIODevice::ReadOnly));
    const QByteArray raw = page.readAll();
    QString text = htmlText(raw);
    QVERIFY2(text.contains(u"Sites and their links: where one cut isolates a site"_qs),
             qPrintable(text.left(2000)));
    QVERIFY(text.contains(u"Sites below the minimum: "_qs + below.join(u", "_qs) + u'.'));
    QVERIFY(text.contains(u"Degree: the links ending at each site"_qs));
    QVERIFY(text.contains(u"computed for this report"_qs));
    // Its table, the first 5 rows (sorted by links, most first) and all in a CSV beside it.
    QVERIFY2(text.contains(u"5 of %1 "_qs.arg(network.sites().size())), qPrintable(text));
    // Its chart, as an image.
    QVERIFY(raw.count("data:image/png;base64,") >= 1);
}

QTEST_MAIN(TestDemoPlanner)
#include "tst_demoplanner.moc"
