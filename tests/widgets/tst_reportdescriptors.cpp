// The report's summary and tables come from the planners' descriptors: every headline figure of
// every result it prints, and resilience's worst scenarios per link (top-k).

#include "report/report.h"

#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "widgets/resultformat.h"
#include "../htmltext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace nqi;

class TestReportDescriptors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryListsEveryDescriptorFigure_data();
    void summaryListsEveryDescriptorFigure();
    void worstScenariosOfTheBusiestLinks_data();
    void worstScenariosOfTheBusiestLinks();
    void aStaleResultIsComputedAgainAsTheUserRanIt();
    void anEmptyTableSaysSo();
    void upgradesNameTheirModules();
};

namespace {

// The sample with route (IGP and TE), N-1, N-2, latency, capacity and a fabric stored, current.
const core::Network &sampleWithResults()
{
    static const core::Network network = [] {
        core::Network n = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
        const std::pair<QString, QJsonObject> runs[] = {
            {u"route"_qs, {}},
            {u"route"_qs, {{u"te"_qs, true}}},
            {u"resilience"_qs, {}},
            {u"resilience"_qs, {{u"n2"_qs, true}}},
            {u"latency"_qs, {}},
            {u"capacity"_qs, {}},
            {u"fabric"_qs, {{u"site"_qs, u"ZJK"_qs}, {u"gpus"_qs, 1016}}}};
        for (const auto &[planner, options] : runs) {
            planners::Progress progress;
            const QJsonObject json = planners::runPlanner(planner, n, options, progress);
            core::PlannerResult result;
            result.planner = planners::resultKey(planner, options).toString();
            result.createdUtc = u"2026-01-01T00:00:00Z"_qs;
            result.options =
                QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
            result.inputDigest = n.digest();
            result.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
            n.setPlannerResult(result);
        }
        return n;
    }();
    return network;
}

// The report's text of a network without markup, on one line (empty when it was not written).
QString reportText(const core::Network &network,
                   const QString &language,
                   const QStringList &sections)
{
    QTemporaryDir dir;
    report::Options options;
    options.language = language;
    options.sections = sections;
    const QString html = dir.filePath(u"r.html"_qs);
    report::write(network, html, options);
    QFile file(html);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString text = htmlText(file.readAll());
    return text.replace(u"&quot;"_qs, u"\""_qs).replace(u"&amp;"_qs, u"&"_qs);
}

// The report's text of the sample with every result.
QString reportText(const QString &language, const QStringList &sections)
{
    return reportText(sampleWithResults(), language, sections);
}

} // namespace

void TestReportDescriptors::summaryListsEveryDescriptorFigure_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << u"en"_qs;
    QTest::newRow("zh") << u"zh"_qs;
}

// Each stored result's figures, as its descriptor labels and formats them, under its title and
// run configuration; a figure the result lacks (TE's of an IGP run) is left out.
void TestReportDescriptors::summaryListsEveryDescriptorFigure()
{
    QFETCH(QString, language);
    const QString text = reportText(language, {u"summary"_qs});
    QVERIFY(!text.isEmpty());
    const core::Network &network = sampleWithResults();
    int checked = 0;
    for (const auto &[key, stored] : network.plannerResults()) {
        const planners::PlannerDescriptor *planner = planners::plannerDescriptor(key);
        QVERIFY(planner);
        const QString configuration =
            planners::configurationTitle(planners::ResultKey::parse(key), language);
        if (!configuration.isEmpty())
            QVERIFY2(text.contains(configuration), qPrintable(key));
        // The result's group: from its title to the next result's.
        const qsizetype from =
            text.indexOf(configuration.isEmpty() ? planner->title.in(language) : configuration);
        QVERIFY2(from >= 0, qPrintable(key));
        const QJsonObject json = QJsonDocument::fromJson(stored.json).object();
        for (const planners::FigureDescriptor &figure : planner->figures) {
            const QString value = widgets::resultformat::text(
                widgets::resultformat::valueAt(json, figure.field), figure.format, language);
            if (value.isEmpty())
                continue;
            const QString row = figure.label.in(language) + u' ' + value;
            QVERIFY2(text.indexOf(row, from) >= 0,
                     qPrintable(key + u": "_qs + row + u" in "_qs + text.mid(from, 600)));
            ++checked;
        }
    }
    QVERIFY2(checked >= 20, qPrintable(QString::number(checked)));
    // N-1 and N-2 apart: the N-2 worst case is not under the N-1 title.
    const QJsonObject n2 =
        QJsonDocument::fromJson(network.plannerResult(u"resilience+n2"_qs)->json).object();
    const QString n2Worst =
        widgets::resultformat::percentText(n2[u"maxWorstUtilization"_qs].toDouble());
    const qsizetype n1At = text.indexOf(
        planners::configurationTitle(planners::ResultKey::parse(u"resilience"_qs), language));
    const qsizetype n2At = text.indexOf(
        planners::configurationTitle(planners::ResultKey::parse(u"resilience+n2"_qs), language));
    QVERIFY(n1At >= 0 && n2At > n1At);
    QVERIFY(text.indexOf(n2Worst, n1At) > n2At);
}

void TestReportDescriptors::worstScenariosOfTheBusiestLinks_data()
{
    summaryListsEveryDescriptorFigure_data();
}

// The links chapter lists, for the links busiest under failure, their worst scenarios (the
// result's top-k) worst first, with each one's utilisation, in the report's language.
void TestReportDescriptors::worstScenariosOfTheBusiestLinks()
{
    QFETCH(QString, language);
    const QString text = reportText(language, {u"links"_qs});
    const QJsonObject n1 =
        QJsonDocument::fromJson(sampleWithResults().plannerResult(u"resilience"_qs)->json).object();
    QJsonObject busiest;
    for (const QJsonValue &link : n1[u"links"_qs].toArray())
        if (link[u"worstUtilization"_qs].toDouble() > busiest[u"worstUtilization"_qs].toDouble())
            busiest = link.toObject();
    const QJsonArray top = busiest[u"top"_qs].toArray();
    QVERIFY(top.size() >= 2);
    const qsizetype table = text.indexOf(language == u"zh" ? u"最坏场景（每项至多 5 个"_qs
                                                           : u"Worst scenarios of the 10 links"_qs);
    QVERIFY2(table >= 0, qPrintable(text.right(3000)));
    QString row = QString::number(busiest[u"id"_qs].toInteger()) + u' ' +
                  busiest[u"a"_qs].toString() + u' ' + busiest[u"b"_qs].toString();
    for (int i = 0; i < std::min<int>(5, int(top.size())); ++i)
        row += u' ' + QString::number(i + 1) + u' ' +
               widgets::resultformat::scenarioText(top[i][u"scenario"_qs].toString(), language) +
               u' ' + widgets::resultformat::percentText(top[i][u"utilization"_qs].toDouble()) +
               u' ' + widgets::resultformat::numberText(top[i][u"loadGbps"_qs].toDouble());
    QVERIFY2(text.indexOf(row, table) > table, qPrintable(row + u"\n"_qs + text.mid(table, 800)));
}

// A project holding only a capacity plan for the normal state, at the user's target and prices,
// made stale by an edit: the report computes that plan again as the user ran it (configuration,
// target, prices), not the default plan sized for failures at placeholder prices.
void TestReportDescriptors::aStaleResultIsComputedAgainAsTheUserRanIt()
{
    core::Network network = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    const QJsonObject options{{u"failures"_qs, false},
                              {u"target"_qs, 0.3},
                              {u"modules"_qs, QJsonArray{QJsonObject{{u"gbps"_qs, 100},
                                                                     {u"cost"_qs, 10000}},
                                                         QJsonObject{{u"gbps"_qs, 400},
                                                                     {u"cost"_qs, 25000}}}}};
    planners::Progress progress;
    const QJsonObject json = planners::runPlanner(u"capacity"_qs, network, options, progress);
    core::PlannerResult stored;
    stored.planner = planners::resultKey(u"capacity"_qs, options).toString();
    QCOMPARE(stored.planner, u"capacity+normal"_qs);
    stored.createdUtc = u"2026-01-01T00:00:00Z"_qs;
    stored.options = QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact));
    stored.inputDigest = network.digest();
    stored.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
    network.setPlannerResult(stored);
    core::Link link = network.links().front();
    link.capacityGbps *= 2;
    network.updateLink(link); // stale now
    QVERIFY(!planners::readStoredResult(network, u"capacity+normal"_qs).current);
    QVERIFY(report::requiredResults(network).contains(u"capacity+normal"_qs));
    QVERIFY(!report::requiredResults(network).contains(u"capacity"_qs));

    const QString text = reportText(network, u"en"_qs, {u"capacity"_qs, u"methods"_qs});
    QVERIFY(!text.isEmpty());
    QVERIFY2(text.contains(u"Target utilisation 30 % in the normal state (not sized for failures)"_qs),
             qPrintable(text.left(3000)));
    QVERIFY(!text.contains(u"placeholder module prices"_qs));
    QVERIFY(text.contains(u"was stale"_qs));
    // The runs table gives the options as the flags that run it again.
    QVERIFY2(text.contains(u"--normal-only"_qs) && text.contains(u"--target 0.3"_qs) &&
                 text.contains(u"--module 100:10000,400:25000"_qs),
             qPrintable(text.mid(text.indexOf(u"The runs behind"_qs))));
}

// A chapter's table with no rows says so under the chapter's heading (an empty project left the
// Links heading and the capacity chapter's Upgrades heading with nothing under them).
void TestReportDescriptors::anEmptyTableSaysSo()
{
    core::Network network;
    for (const auto &[code, longitude] : {std::pair{u"A"_qs, 110.0}, std::pair{u"B"_qs, 111.0}}) {
        core::Site site;
        site.code = code;
        site.latitudeDeg = 30.0;
        site.longitudeDeg = longitude;
        network.addSite(site);
    }
    const QString text = reportText(network, u"en"_qs, {u"links"_qs, u"capacity"_qs});
    QVERIFY2(text.contains(u"Links: none."_qs), qPrintable(text));
    QVERIFY2(text.contains(u"Upgrades: none."_qs), qPrintable(text));
}

// The links to upgrade name their modules as people read them ("1 x 400G"), not as counts per
// module rate ("0, 1, 0").
void TestReportDescriptors::upgradesNameTheirModules()
{
    const QString text = reportText(u"en"_qs, {u"capacity"_qs});
    QVERIFY2(text.contains(u"1 x 400G"_qs), qPrintable(text));
    QVERIFY(!text.contains(u"0, 1, 0"_qs));
}

QTEST_MAIN(TestReportDescriptors)
#include "tst_reportdescriptors.moc"
