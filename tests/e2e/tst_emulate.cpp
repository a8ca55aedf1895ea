// nqi emulate end to end: FRR in network namespaces routes exactly as the route planner
// predicts, on part of the sample backbone and on random networks with equal-cost paths and
// parallel links; everything made is removed again, also when interrupted.
// Needs root, iproute2 and FRR; skipped with the reason where namespaces are not permitted.

#include "core/model/network.h"
#include "core/store/projectstore.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>

#include <unistd.h>

using namespace nqi;

namespace {

struct Run
{
    int exitCode = -1;
    QString out, err;
};

Run run(const QString &program, const QStringList &arguments, int timeoutMs = 300000)
{
    QProcess process;
    process.start(program, arguments);
    Run result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

Run nqiCli(const QStringList &arguments)
{
    return run(QStringLiteral(NQI_CLI), arguments);
}

// Network namespaces of nqi emulate (named nqi<id>-<site code>).
QStringList emulatedNamespaces()
{
    QStringList names;
    for (const QString &line : run(u"ip"_qs, {u"netns"_qs, u"list"_qs}).out.split(u'\n')) {
        const QString name = line.section(u' ', 0, 0);
        if (name.startsWith(u"nqi"_qs) && name.contains(u'-'))
            names << name;
    }
    return names;
}

// The sites within `count` of BJ (breadth first over links), with the links among them.
core::Network sampleBackbone(int count)
{
    const core::Network sample = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    std::vector<core::SiteId> order{sample.siteByCode(u"BJ"_qs)->id};
    for (size_t i = 0; i < order.size() && int(order.size()) < count; ++i)
        for (const core::Link &link : sample.links()) {
            const core::SiteId other = link.siteA == order[i]   ? link.siteB
                                       : link.siteB == order[i] ? link.siteA
                                                                : 0;
            if (other && std::find(order.begin(), order.end(), other) == order.end() &&
                int(order.size()) < count)
                order.push_back(other);
        }
    core::Network part = sample;
    for (const core::Site &site : sample.sites())
        if (std::find(order.begin(), order.end(), site.id) == order.end())
            part.removeSite(site.id);
    part.clearPlannerResults();
    part.setAddressPlan({});
    return part;
}

// Routers on a spanning tree plus extra links, IGP metrics drawn from `metrics` (1..3 by default:
// many equal-cost paths), and parallel links between some neighbours.
core::Network randomNetwork(int routers, quint32 seed, const QList<qint64> &metrics = {1, 2, 3})
{
    QRandomGenerator random(seed);
    core::Network network;
    std::vector<core::SiteId> ids;
    for (int i = 0; i < routers; ++i) {
        core::Site site;
        site.code = u"N%1"_qs.arg(i);
        site.name = site.code;
        site.latitudeDeg = 30.0 + random.bounded(10.0);
        site.longitudeDeg = 100.0 + random.bounded(20.0);
        site.role = i == 0 ? u"route_reflector"_qs : QString();
        ids.push_back(network.addSite(site));
    }
    auto addLink = [&](int a, int b) {
        core::Link link;
        link.siteA = ids[size_t(a)];
        link.siteB = ids[size_t(b)];
        link.capacityGbps = 100.0;
        link.igpMetric = metrics[qsizetype(random.bounded(quint32(metrics.size())))];
        network.addLink(link);
    };
    for (int i = 1; i < routers; ++i)
        addLink(i, int(random.bounded(i)));
    for (int extra = 0; extra < routers / 2; ++extra) {
        const int a = int(random.bounded(routers));
        const int b = int(random.bounded(routers));
        if (a != b)
            addLink(a, b);
    }
    // Parallel links: a second (and third) link on two existing ones, same metric.
    for (int k = 0; k < 2; ++k) {
        core::Link twin = network.links()[size_t(k * 3)];
        twin.id = 0;
        network.addLink(twin);
    }
    return network;
}

} // namespace

class TestEmulate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void routesAsPlanned_data();
    void routesAsPlanned();
    void interruptedUpLeavesNothing();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
};

void TestEmulate::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("nqi emulate needs root for network namespaces; run the e2e tests as root");
    for (const char *daemon : {"zebra", "isisd", "bgpd", "staticd"})
        if (!QFileInfo(u"/usr/lib/frr/"_qs + QLatin1String(daemon)).isExecutable())
            QSKIP("FRR is not installed (apt install frr)");
    if (QStandardPaths::findExecutable(u"ip"_qs).isEmpty() ||
        QStandardPaths::findExecutable(u"ping"_qs).isEmpty())
        QSKIP("iproute2 or ping is not installed");
    const Run probe = run(u"ip"_qs, {u"netns"_qs, u"add"_qs, u"nqi-probe"_qs});
    run(u"ip"_qs, {u"netns"_qs, u"delete"_qs, u"nqi-probe"_qs});
    if (probe.exitCode != 0)
        QSKIP(qPrintable(u"network namespaces are not permitted here: "_qs + probe.err.trimmed()));
    QVERIFY(emulatedNamespaces().isEmpty());
}

void TestEmulate::routesAsPlanned_data()
{
    QTest::addColumn<QString>("project");
    QTest::addColumn<int>("routers");
    QTest::addColumn<bool>("ecmp");
    auto save = [this](const core::Network &network, const QString &name) {
        const QString path = m_dir.filePath(name);
        core::ProjectStore::save(network, path);
        return path;
    };
    QTest::newRow("sample backbone, 12 routers")
        << save(sampleBackbone(12), u"backbone.gpkg"_qs) << 12 << false;
    QTest::newRow("random, ECMP and parallel links, seed 1")
        << save(randomNetwork(10, 1), u"random1.gpkg"_qs) << 10 << true;
    QTest::newRow("random, ECMP and parallel links, seed 2")
        << save(randomNetwork(11, 2), u"random2.gpkg"_qs) << 11 << true;
    // Wide metrics only: FRR refused every metric above 63 and ran those links at 10. The
    // metrics tie across paths of different lengths (16,777,151 + 64 = 16,777,215).
    const core::Network wide = randomNetwork(10, 4, {64, 16777151, 16777215});
    std::set<qint64> metrics;
    for (const core::Link &link : wide.links())
        metrics.insert(*link.igpMetric);
    QCOMPARE(metrics, (std::set<qint64>{64, 16777151, 16777215}));
    QTest::newRow("random, wide metrics 64..16,777,215, seed 4")
        << save(wide, u"wide.gpkg"_qs) << 10 << true;
}

void TestEmulate::routesAsPlanned()
{
    QFETCH(QString, project);
    QFETCH(int, routers);
    QFETCH(bool, ecmp);
    const Run up = nqiCli({u"emulate"_qs, project, u"up"_qs});
    QVERIFY2(up.exitCode == 0, qPrintable(up.err));
    QCOMPARE(emulatedNamespaces().size(), routers);
    const Run check = nqiCli({u"emulate"_qs, project, u"check"_qs, u"--json"_qs});
    const Run down = nqiCli({u"emulate"_qs, project, u"down"_qs});
    QVERIFY2(down.exitCode == 0, qPrintable(down.err));
    QVERIFY(emulatedNamespaces().isEmpty());
    QVERIFY(!QFileInfo::exists(u"/run/nqi-emulate"_qs) ||
            QDir(u"/run/nqi-emulate"_qs).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot));

    const QJsonObject report = QJsonDocument::fromJson(check.out.toUtf8()).object();
    qInfo("%s", qPrintable(check.out.simplified()));
    QCOMPARE(report[u"routers"_qs].toInt(), routers);
    QCOMPARE(report[u"routesChecked"_qs].toInt(), routers * (routers - 1));
    if (ecmp) // the kernels split over several next hops where the planner does
        QVERIFY(report[u"ecmpRoutes"_qs].toInt() > 0);
    QVERIFY2(report[u"mismatches"_qs].toArray().isEmpty(),
             QJsonDocument(report[u"mismatches"_qs].toArray()).toJson().constData());
    QCOMPARE(report[u"pingsLost"_qs].toInt(), 0);
    QVERIFY(report[u"pings"_qs].toInt() > 0);
    QVERIFY(report[u"ok"_qs].toBool());
    QCOMPARE(check.exitCode, 0);
}

void TestEmulate::interruptedUpLeavesNothing()
{
    const QString project = m_dir.filePath(u"interrupted.gpkg"_qs);
    core::ProjectStore::save(randomNetwork(14, 3), project);
    QProcess up;
    up.start(QStringLiteral(NQI_CLI), {u"emulate"_qs, project, u"up"_qs});
    QVERIFY(up.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(emulatedNamespaces().size() >= 3, 20000);
    up.terminate(); // SIGTERM, handled as Ctrl+C is
    QVERIFY(up.waitForFinished(60000));
    QCOMPARE(up.exitCode(), 1);
    QVERIFY2(QString::fromUtf8(up.readAllStandardError()).contains(u"interrupted"_qs),
             "up did not say it was interrupted");
    QVERIFY(emulatedNamespaces().isEmpty());
}

void TestEmulate::cleanupTestCase()
{
    // Whatever a failed test left behind.
    for (const QString &name : emulatedNamespaces())
        run(u"ip"_qs, {u"netns"_qs, u"delete"_qs, name});
}

QTEST_GUILESS_MAIN(TestEmulate)
#include "tst_emulate.moc"
