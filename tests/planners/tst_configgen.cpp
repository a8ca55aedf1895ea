// Device configurations: the four dialects, iBGP roles, template overrides and errors, and that
// no value can break out of its line (a site named "X" + newline + " shutdown").

#include "core/model/network.h"
#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"
#include "planners/configgen/configgen.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <map>
#include <set>

#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace nqi;
using namespace nqi::planners;
using addressing::Dialect;

namespace {

const Dialect kDialects[] = {Dialect::Frr, Dialect::Vrp, Dialect::IosXr, Dialect::Junos};

// A ring of four routers; the first is a route reflector. Names and IGP metrics are given
// (metrics 10, 20, 30, 40 when not).
core::Network ring(const QStringList &names, const QList<qint64> &metrics = {})
{
    core::Network network;
    QList<core::SiteId> ids;
    for (int i = 0; i < 4; ++i) {
        core::Site site;
        site.code = u"R%1"_qs.arg(i + 1);
        site.name = names.value(i);
        site.latitudeDeg = 30.0 + i;
        site.longitudeDeg = 110.0 + i;
        site.role = i == 0 ? u"route_reflector"_qs : QString();
        ids << network.addSite(site);
    }
    for (int i = 0; i < 4; ++i) {
        core::Link link;
        link.siteA = ids[i];
        link.siteB = ids[(i + 1) % 4];
        link.capacityGbps = 100.0;
        link.igpMetric = metrics.value(i, 10 * (i + 1));
        link.name = names.value(i);
        network.addLink(link);
    }
    core::ProjectSettings settings = network.settings();
    settings.name = names.value(0);
    network.setSettings(settings);
    network.setAddressPlan(addressing::plan(network).plan);
    return network;
}

std::vector<configgen::RouterConfig> generate(const core::Network &network, Dialect dialect,
                                              const QString &folder = {})
{
    configgen::Options options;
    options.dialect = dialect;
    options.version = u"test"_qs;
    options.templateFolder = folder;
    return configgen::generate(network, options);
}

QString failure(const core::Network &network, Dialect dialect, const QString &folder)
{
    try {
        generate(network, dialect, folder);
    } catch (const core::Failure &failure) {
        const core::Diagnostic &d = failure.diagnostic();
        return u"%1:%2: %3"_qs.arg(d.file).arg(d.line).arg(d.message);
    }
    return {};
}

// vtysh --dryrun on a configuration: empty when FRR accepts it, else what it said.
QString frrRejects(const QString &text)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"frr.conf"_qs);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write"_qs;
    file.write(text.toUtf8());
    file.close();
    QProcess vtysh;
    vtysh.start(u"vtysh"_qs, {u"--dryrun"_qs, u"--inputfile"_qs, path});
    if (!vtysh.waitForFinished(30000))
        return u"vtysh did not finish"_qs;
    if (vtysh.exitStatus() == QProcess::NormalExit && vtysh.exitCode() == 0)
        return {};
    return QString::fromUtf8(vtysh.readAllStandardOutput() + vtysh.readAllStandardError());
}

// The punctuation of a Junos configuration outside comments and quoted strings.
QString junosStructure(QString text)
{
    static const QRegularExpression comments(u"/\\*.*?\\*/"_qs,
                                             QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression strings(u"\"[^\"\n]*\""_qs);
    text.remove(comments).remove(strings);
    QString structure;
    for (QChar c : std::as_const(text))
        if (c == u'{' || c == u'}' || c == u';' || c == u'"' || c == u'#')
            structure += c;
    return structure;
}

bool haveVtysh()
{
    return !QStandardPaths::findExecutable(u"vtysh"_qs).isEmpty();
}

// What FRR's own daemons make of a configuration: each of zebra, staticd, isisd and bgpd reads
// it (-C: check the configuration and exit) and reports the lines it refuses, as
// "isisd line 12: Command returned Warning Config Failed:  isis metric 100". "No such command"
// is left out: it only means the line belongs to another daemon. This is the check vtysh
// --dryrun cannot make (vtysh knows the grammar, the daemon the rules, e.g. that a metric above
// 63 needs metric-style wide). Null with the reason in skip when the daemons cannot run here.
std::optional<QStringList> frrDaemonsRefuse(const QString &text, QString *skip)
{
    const QString daemons = u"/usr/lib/frr"_qs;
    if (!QFileInfo(daemons + u"/isisd"_qs).isExecutable()) {
        *skip = u"FRR's daemons are not installed (apt install frr)"_qs;
        return std::nullopt;
    }
    // The daemons read the file as the user frr.
    QTemporaryDir dir;
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                          QFile::ReadOther | QFile::ExeOther);
    const QString path = dir.filePath(u"frr.conf"_qs);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
        *skip = u"cannot write "_qs + path;
        return std::nullopt;
    }
    file.close();
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
    static const QRegularExpression complaint(u"\\] (.+) on config line (\\d+): (.*)$"_qs,
                                              QRegularExpression::MultilineOption);
    QStringList refused;
    for (const QString &daemon : {u"zebra"_qs, u"staticd"_qs, u"isisd"_qs, u"bgpd"_qs}) {
        QProcess process;
        process.start(daemons + u'/' + daemon,
                      {u"-C"_qs, u"-f"_qs, path, u"--log"_qs, u"stdout"_qs});
        const qint64 pid = process.waitForStarted() ? process.processId() : 0;
        if (!process.waitForFinished(30000)) {
            process.kill();
            process.waitForFinished();
            *skip = daemon + u" -C did not finish"_qs;
            return std::nullopt;
        }
        // The daemon's folder for crash logs, which -C leaves behind.
        QDir().rmdir(u"/var/tmp/frr/%1.%2"_qs.arg(daemon).arg(pid));
        const QString output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            *skip = u"%1 -C cannot run here (root is needed to become the user frr): %2"_qs.arg(
                daemon, output.trimmed().right(300));
            return std::nullopt;
        }
        for (auto it = complaint.globalMatch(output); it.hasNext();) {
            const QRegularExpressionMatch match = it.next();
            const QString line = u"%1 line %2: %3: %4"_qs.arg(daemon, match.captured(2),
                                                              match.captured(1), match.captured(3));
            if (match.captured(1) != u"No such command" && !refused.contains(line))
                refused << line;
        }
        // A refused change found when the daemon commits a block has no line number.
        const QString failed = u"% Configuration failed"_qs;
        for (qsizetype at = output.indexOf(failed); at >= 0; at = output.indexOf(failed, at + 1)) {
            QString block = output.mid(at, 600);
            block.truncate(block.indexOf(u"\n\n"_qs, failed.size() + 4));
            refused << daemon + u": "_qs + block.simplified();
        }
    }
    return refused;
}

} // namespace

class TestConfiggen : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void safeTextAndNames();
    void sampleInFourDialects();
    void ibgpRoles();
    void noValueBreaksOutOfItsLine_data();
    void noValueBreaksOutOfItsLine();
    void templateOverrideAndErrors();
    void isisMetricsUpToTheWideMaximum_data();
    void isisMetricsUpToTheWideMaximum();
    void bgpRouterIdsUniqueWhenSiteIdsCollide();
    void readmeTakesHostileTextLiterally();
    void templateAndRenderingBounded_data();
    void templateAndRenderingBounded();
    void forceReplacesOnlyAFolderNqiWrote();
    void folderModesFollowTheUmask();
    void fullDiskLeavesTheFolderAsItWas();
};

void TestConfiggen::safeTextAndNames()
{
    QCOMPARE(configgen::oneLine(u"a\nb\r\nc\u2028d\u0085e\tf"_qs), u"a b c d e f"_qs);
    QCOMPARE(configgen::safeText(Dialect::Vrp, u"北京"_qs), u"bei jing"_qs);
    QCOMPARE(configgen::safeText(Dialect::Frr, u"北京\n shutdown"_qs), u"北京 shutdown"_qs);
    QCOMPARE(configgen::safeText(Dialect::Junos, u"a\"b\\c */"_qs), u"a'b/c * /"_qs);
    QCOMPARE(configgen::safeText(Dialect::IosXr, u"up!"_qs), u"up."_qs);
    QCOMPARE(configgen::hostname(u"ZJK"_qs), u"ZJK"_qs);
    QCOMPARE(configgen::hostname(u"9_a"_qs), u"r-9-a"_qs);
}

void TestConfiggen::sampleInFourDialects()
{
    core::Network network = core::ProjectStore::load(QStringLiteral(NQI_BINARY_DIR
                                                     "/samples/east-data-west-computing.gpkg"));
    network.setAddressPlan(addressing::plan(network).plan);
    const size_t routers = addressing::routers(network).size();
    for (const Dialect dialect : kDialects) {
        const auto configs = generate(network, dialect);
        QCOMPARE(configs.size(), routers);
        const auto rows = addressing::interfaces(network, network.addressPlan(), dialect);
        for (const auto &config : configs) {
            QVERIFY(config.text.contains(config.hostname));
            // Every interface address of the router appears in its configuration.
            for (const auto &row : rows)
                if (row.site == config.site)
                    QVERIFY2(config.text.contains(row.address), qPrintable(row.address));
        }
    }
    if (!haveVtysh())
        QSKIP("vtysh (frr) is not installed: FRR's own check of the configurations skipped");
    QString skip;
    for (const auto &config : generate(network, Dialect::Frr)) {
        const QString rejected = frrRejects(config.text);
        QVERIFY2(rejected.isEmpty(), qPrintable(config.code + u": "_qs + rejected));
        // The daemons' own rules too (the sample has IS-IS metrics above 63).
        if (const auto refused = frrDaemonsRefuse(config.text, &skip))
            QVERIFY2(refused->isEmpty(), qPrintable(config.code + u": "_qs + refused->join(u'\n')));
    }
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
}

void TestConfiggen::ibgpRoles()
{
    core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    const auto configs = generate(network, Dialect::Frr);
    // R1 reflects for the three others; they peer with R1 only.
    QCOMPARE(configs[0].text.count(u"route-reflector-client"_qs), 3);
    QCOMPARE(configs[0].text.count(u" remote-as 65000"_qs), 3);
    QCOMPARE(configs[1].text.count(u" remote-as 65000"_qs), 1);
    QVERIFY(configs[0].text.contains(u"bgp cluster-id"_qs));
    // Without reflectors: a full mesh.
    core::Network mesh = network;
    for (core::Site site : mesh.sites()) {
        site.role.clear();
        mesh.updateSite(site);
    }
    for (const auto &config : generate(mesh, Dialect::Frr)) {
        QCOMPARE(config.text.count(u" remote-as 65000"_qs), 3);
        QVERIFY(!config.text.contains(u"route-reflector-client"_qs));
    }
    // IS-IS metrics are the links' IGP metrics.
    QVERIFY(configs[0].text.contains(u"isis metric 10\n"_qs));
    QVERIFY(configs[0].text.contains(u"isis metric 40\n"_qs));
}

void TestConfiggen::noValueBreaksOutOfItsLine_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addColumn<QString>("name");
    const QString attacks[] = {
        u"X\n shutdown"_qs,
        u"X\r\nshutdown"_qs,
        u"X\u2028shutdown\u2029shutdown\u0085shutdown"_qs,
        u"X\"; shutdown; \""_qs,
        u"X */ system { shutdown; } /*"_qs,
        u"X\n!\ninterface eth0\n shutdown\n#\nreturn"_qs,
        u"北京\n shutdown"_qs,
        u"X`y`\n# h <script>alert(1)</script> {{hostname}}{{#interfaces}}[a](b)\n shutdown"_qs,
    };
    const char *names[] = {"frr", "vrp", "iosxr", "junos"};
    for (const Dialect dialect : kDialects)
        for (int i = 0; i < int(std::size(attacks)); ++i)
            QTest::addRow("%s, attack %d", names[int(dialect)], i) << int(dialect) << attacks[i];
}

void TestConfiggen::noValueBreaksOutOfItsLine()
{
    QFETCH(int, dialect);
    QFETCH(QString, name);
    const Dialect d = Dialect(dialect);
    const auto benign = generate(ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs}), d);
    const auto attacked = generate(ring({name, name, name, name}), d);
    QCOMPARE(attacked.size(), benign.size());
    for (size_t i = 0; i < benign.size(); ++i) {
        const QStringList lines = attacked[i].text.split(u'\n');
        // The same lines as with harmless names: nothing was added or split.
        QCOMPARE(lines.size(), benign[i].text.split(u'\n').size());
        for (const QString &line : lines) {
            const QString command = line.trimmed();
            const bool injected = command.startsWith(u"shutdown"_qs) || command == u"return"_qs;
            QVERIFY2(!injected || benign[i].text.contains(line), qPrintable(line));
            if (d == Dialect::Junos)
                QCOMPARE(line.count(u'"') % 2, 0); // every string closes on its line
        }
        // A value is data, never template text: it is not rendered again.
        if (name.contains(u"{{hostname}}"_qs))
            QVERIFY(attacked[i].text.contains(u"{{hostname}}"_qs));
        if (d == Dialect::Junos) {
            // What the Junos parser sees outside comments and strings is the same structure.
            QCOMPARE(junosStructure(attacked[i].text), junosStructure(benign[i].text));
        }
        if (d == Dialect::Frr && haveVtysh()) {
            const QString rejected = frrRejects(attacked[i].text);
            QVERIFY2(rejected.isEmpty(), qPrintable(rejected));
        }
    }
}

void TestConfiggen::templateOverrideAndErrors()
{
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    QTemporaryDir folder;
    auto write = [&folder](const QString &name, const QByteArray &text) {
        QFile file(folder.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text);
    };
    // A folder without the dialect's template uses the built-in one.
    QVERIFY(generate(network, Dialect::Frr, folder.path())[0].text.contains(u"router isis"_qs));
    write(u"frr.conf.mustache"_qs, "hostname {{hostname}}\n{{#interfaces}}if {{name}}\n{{/interfaces}}");
    const auto configs = generate(network, Dialect::Frr, folder.path());
    QCOMPARE(configs[0].text, u"hostname R1\nif eth0\nif eth1\n"_qs);

    write(u"frr.conf.mustache"_qs, "hostname {{hostname}}\n!\n{{#interfaces}}\ninterface {{name}}\n");
    const QString unclosed = failure(network, Dialect::Frr, folder.path());
    QVERIFY2(unclosed.contains(u"frr.conf.mustache:3: Unclosed section \"interfaces\""_qs),
             qPrintable(unclosed));
    write(u"frr.conf.mustache"_qs, "hostname {{hostname}}\n!\n!\ninterface {{nmae}}\n");
    const QString unknown = failure(network, Dialect::Frr, folder.path());
    QVERIFY2(unknown.contains(u"frr.conf.mustache:4: unknown name \"nmae\""_qs),
             qPrintable(unknown));
    // The plan must cover the network.
    core::Network unplanned = network;
    unplanned.setAddressPlan({});
    QVERIFY(failure(unplanned, Dialect::Frr, {}).contains(u"run nqi address"_qs));
}

// FRR took the interface blocks before `router isis ... metric-style wide`, so it read their
// metrics as narrow ones: every metric above 63 was refused and the interface ran at metric 10.
void TestConfiggen::isisMetricsUpToTheWideMaximum_data()
{
    QTest::addColumn<QList<qint64>>("metrics");
    QTest::newRow("narrow range") << QList<qint64>{1, 10, 63, 5};
    QTest::newRow("just above narrow") << QList<qint64>{64, 65, 100, 1000};
    QTest::newRow("wide maximum") << QList<qint64>{16777215, 16777214, 8388608, 64};
}

void TestConfiggen::isisMetricsUpToTheWideMaximum()
{
    QFETCH(QList<qint64>, metrics);
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs}, metrics);
    // Each metric, as written in each dialect, on the routers at both ends of its link.
    const QString forms[] = {u" isis metric %1\n"_qs, u" isis ipv6 cost %1 level-2\n"_qs,
                             u"   metric %1\n"_qs, u" level 2 metric %1;\n"_qs};
    for (const Dialect dialect : kDialects) {
        const auto configs = generate(network, dialect);
        for (int i = 0; i < 4; ++i) {
            const QString line = forms[int(dialect)].arg(metrics[i]);
            QVERIFY2(configs[size_t(i)].text.contains(line), qPrintable(line));
            QVERIFY2(configs[size_t((i + 1) % 4)].text.contains(line), qPrintable(line));
        }
    }
    // FRR itself: isisd takes every metric (a refused one would leave the interface at 10).
    QString skip;
    for (const auto &config : generate(network, Dialect::Frr)) {
        const std::optional<QStringList> refused = frrDaemonsRefuse(config.text, &skip);
        if (!refused)
            break;
        QVERIFY2(refused->isEmpty(), qPrintable(config.code + u": "_qs + refused->join(u'\n')));
    }
    // Where the device reads a configuration line by line, what a line needs comes first:
    // FRR's wide metric style before the interfaces' metrics, VRP's locator before IS-IS uses it.
    for (const auto &config : generate(network, Dialect::Frr)) {
        const qsizetype style = config.text.indexOf(u"metric-style wide"_qs);
        QVERIFY(style > 0 && style < config.text.indexOf(u"isis metric"_qs));
    }
    for (const auto &config : generate(network, Dialect::Vrp)) {
        const qsizetype locator = config.text.indexOf(u"\n locator main ipv6-prefix"_qs);
        const qsizetype style = config.text.indexOf(u"cost-style wide"_qs);
        QVERIFY(locator > 0 &&
                locator < config.text.indexOf(u"segment-routing ipv6 locator main"_qs));
        QVERIFY(style > 0 && style < config.text.indexOf(u"isis ipv6 cost"_qs));
    }
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
}

// Sites 1, 16777217 and 4294967297 all got the BGP router ID 10.0.0.1 (the site id's low 24
// bits): iBGP between them never came up.
void TestConfiggen::bgpRouterIdsUniqueWhenSiteIdsCollide()
{
    core::Network network;
    QList<core::SiteId> ids;
    for (const qint64 id : {qint64(1), qint64(16777217), qint64(4294967297)}) {
        core::Site site;
        site.id = id;
        site.code = u"S%1"_qs.arg(id);
        site.latitudeDeg = 30.0;
        site.longitudeDeg = 100.0 + double(ids.size());
        ids << network.addSite(site);
    }
    for (int i = 0; i < 3; ++i) {
        core::Link link;
        link.siteA = ids[i];
        link.siteB = ids[(i + 1) % 3];
        link.capacityGbps = 100.0;
        network.addLink(link);
    }
    network.setAddressPlan(addressing::plan(network).plan);
    const QRegularExpression routerId[] = {QRegularExpression(u"bgp router-id (\\S+)"_qs),
                                           QRegularExpression(u"\n router-id (\\S+)"_qs),
                                           QRegularExpression(u"bgp router-id (\\S+)"_qs),
                                           QRegularExpression(u"router-id (\\S+);"_qs)};
    for (const Dialect dialect : kDialects) {
        std::set<QString> seen;
        for (const auto &config : generate(network, dialect)) {
            const QString id = routerId[int(dialect)].match(config.text).captured(1);
            QVERIFY2(!id.isEmpty(), qPrintable(config.text));
            QVERIFY2(seen.insert(id).second, qPrintable(config.code + u" repeats "_qs + id));
        }
    }
    // The IS-IS system ID is the site id: one that does not fit 48 bits is refused.
    core::Site huge;
    huge.id = qint64(1) << 48;
    huge.code = u"HUGE"_qs;
    huge.latitudeDeg = 31.0;
    huge.longitudeDeg = 101.0;
    network.addSite(huge);
    core::Link link;
    link.siteA = ids[0];
    link.siteB = huge.id;
    link.capacityGbps = 100.0;
    network.addLink(link);
    network.setAddressPlan(addressing::plan(network).plan);
    QVERIFY2(failure(network, Dialect::Frr, {}).contains(u"does not fit an IS-IS system ID"_qs),
             qPrintable(failure(network, Dialect::Frr, {})));
}

// The README put the project name into Markdown as it was: a name with newlines added lines
// (headings, code fences, HTML) to the README.
void TestConfiggen::readmeTakesHostileTextLiterally()
{
    const QString hostile = u"Plan\n# Injected heading\n```\n<script>alert(1)</script>\n"
                            "{{#interfaces}}{{name}}{{/interfaces}} `code` *em* _em_ "
                            "[link](http://example.com) ![i](x.png) &amp; | a | ~~s~~ \\"_qs;
    QTemporaryDir dir;
    auto readme = [&dir](const QString &name, const QString &folder) {
        core::Network network = ring({name, u"B"_qs, u"C"_qs, u"D"_qs});
        configgen::Options options;
        options.version = u"1.0 <b>"_qs;
        configgen::writeFolder(network, options, configgen::generate(network, options),
                               dir.filePath(folder), false);
        QFile file(dir.filePath(folder + u"/README.md"_qs));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    };
    const QStringList benign = readme(u"Plan"_qs, u"benign"_qs).split(u'\n');
    const QStringList attacked = readme(hostile, u"attacked"_qs).split(u'\n');
    // The same lines but the title: nothing added, nothing split.
    QCOMPARE(attacked.size(), benign.size());
    for (qsizetype i = 1; i < benign.size(); ++i)
        QCOMPARE(attacked[i], benign[i]);
    // The title holds the whole name on its line, every character of markup escaped.
    const QString title = attacked.front();
    QVERIFY2(title.startsWith(u"# Device configurations: Plan \\# Injected heading \\`\\`\\` "
                              "\\<script\\>alert\\(1\\)"_qs),
             qPrintable(title));
    QCOMPARE(title, u"# Device configurations: "_qs + configgen::markdownText(hostile));
    QString unescaped = title.mid(u"# Device configurations: "_qs.size());
    for (qsizetype i = 0; i < unescaped.size(); ++i) {
        if (unescaped[i] == u'\\') {
            QVERIFY2(i + 1 < unescaped.size() &&
                         QString(u"\\`*_{}[]()<>#!|~&"_qs).contains(unescaped[i + 1]),
                     qPrintable(title));
            unescaped.remove(i, 1); // the escaped character stays, taken literally
            continue;
        }
        QVERIFY2(!QString(u"`*_{}[]()<>#!|~&"_qs).contains(unescaped[i]),
                 qPrintable(u"unescaped %1 in %2"_qs.arg(unescaped[i]).arg(title)));
    }
    QCOMPARE(unescaped, configgen::oneLine(hostile));
    QVERIFY(attacked.join(u'\n').contains(u"NQI Workbench 1.0 \\<b\\>"_qs));
}

// A template whose sections repeated inside each other over a list exhausted memory
// (std::bad_alloc after 53 s). A template, what it renders and how long it renders are bounded,
// and the message gives the bound.
void TestConfiggen::templateAndRenderingBounded_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qint64>("timeLimitMs");
    QTest::addColumn<qint64>("maxOutputBytes");
    QTest::addColumn<QString>("refusal");
    const qint64 defaultTime = configgen::Options().renderTimeLimitMs;
    const qint64 defaultOutput = configgen::Options().maxOutputBytes;
    auto nested = [](int depth, const QByteArray &inside) -> QByteArray {
        return QByteArray("{{#bgp_neighbors}}").repeated(depth) + inside +
               QByteArray("{{/bgp_neighbors}}").repeated(depth);
    };
    // R1 reflects for three routers: 3^depth repetitions.
    QTest::newRow("template larger than 1 MiB")
        << QByteArray("hostname {{hostname}}\n") + QByteArray(1 << 20, '!') << defaultTime
        << defaultOutput
        << u"the template is larger than 1 MiB (1048576 bytes), the bound of a template"_qs;
    QTest::newRow("nested sections, a line each")
        << nested(20, "neighbor {{address}} " + QByteArray(100, 'x') + "\n") << defaultTime
        << defaultOutput
        << u"the configuration of R1 would be larger than 4 MiB (4194304 bytes), the bound of "
           "one configuration: does a section repeat inside another over a list"_qs;
    QTest::newRow("nested sections on one line")
        << nested(20, "neighbor {{address}} ") << defaultTime << defaultOutput
        << u"the configuration of R1 would be larger than 4 MiB (4194304 bytes)"_qs;
    QTest::newRow("nested sections, no text")
        << nested(25, {}) << qint64(500) << defaultOutput
        << u"rendering took longer than 0.5 s (at R1), the bound of one export"_qs;
    QTest::newRow("all configurations together")
        << QByteArray("hostname {{hostname}}\n") + QByteArray(3000, '!') + '\n'
        << defaultTime << qint64(10000)
        << u"the configurations would be larger than 10000 bytes together (at R4), the bound of "
           "one export"_qs;
    QTest::newRow("partials") << QByteArray("hostname {{hostname}}\n{{>site_name}}\n")
                              << defaultTime << defaultOutput
                              << u"frr.conf.mustache:2: partials ({{>name}}) are not supported"_qs;
    QTest::newRow("within the bounds")
        << nested(3, "neighbor {{address}}\n") << defaultTime << defaultOutput << QString();
}

void TestConfiggen::templateAndRenderingBounded()
{
    QFETCH(QByteArray, text);
    QFETCH(qint64, timeLimitMs);
    QFETCH(qint64, maxOutputBytes);
    QFETCH(QString, refusal);
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    QTemporaryDir folder;
    QFile file(folder.filePath(u"frr.conf.mustache"_qs));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(text) == text.size());
    file.close();
    configgen::Options options;
    options.templateFolder = folder.path();
    options.renderTimeLimitMs = timeLimitMs;
    options.maxOutputBytes = maxOutputBytes;
    QElapsedTimer clock;
    clock.start();
    QString message;
    try {
        const auto configs = configgen::generate(network, options);
        QCOMPARE(configs[0].text.count(u"neighbor"_qs), 27);
    } catch (const core::Failure &failure) {
        const core::Diagnostic &d = failure.diagnostic();
        message = u"%1:%2: %3"_qs.arg(d.file).arg(d.line).arg(d.message);
    }
    QVERIFY2(refusal.isEmpty() ? message.isEmpty() : message.contains(refusal),
             qPrintable(message));
    // Refused in about the time given, not after minutes.
    QVERIFY2(clock.elapsed() < timeLimitMs + 5000, qPrintable(QString::number(clock.elapsed())));
}

namespace {

// Every file under a folder (hidden ones too) with its contents, to show nothing changed.
std::map<QString, QByteArray> snapshot(const QString &folder)
{
    std::map<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        files[QDir(folder).relativeFilePath(file.fileName())] =
            file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
    }
    return files;
}

void writeText(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
}

} // namespace

// --force removed the target folder whatever it held (QDir::removeRecursively): given the
// project's own folder, it deleted the project. It now replaces only a folder NQI wrote, which
// lists what it wrote, and removes nothing else.
void TestConfiggen::forceReplacesOnlyAFolderNqiWrote()
{
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    configgen::Options options;
    options.version = u"test"_qs;
    const auto configs = configgen::generate(network, options);
    QTemporaryDir dir;
    auto write = [&](const QString &target, bool replace, const QStringList &inputs = {}) {
        try {
            configgen::writeFolder(network, options, configs, target, replace, inputs);
        } catch (const core::Failure &failure) {
            return failure.diagnostic().message;
        }
        return QString();
    };
    const QString out = dir.filePath(u"out"_qs);
    QCOMPARE(write(out, false), QString());
    // The marker lists every file written there.
    QFile marker(out + u"/.nqi-config"_qs);
    QVERIFY(marker.open(QIODevice::ReadOnly));
    const QString listed = QString::fromUtf8(marker.readAll());
    marker.close();
    QVERIFY(listed.startsWith(u"# NQI Workbench test wrote this folder"_qs));
    for (const QString &file :
         {u"R1/frr.conf"_qs, u"R4/frr.conf"_qs, u"addresses.csv"_qs, u"README.md"_qs})
        QVERIFY2(listed.contains(u'\n' + file + u'\n'), qPrintable(listed));
    QCOMPARE(snapshot(out).size(), size_t(4 + 3));

    // Without replace: refused. With it: a folder NQI wrote is replaced, nothing left beside.
    QVERIFY(write(out, false).contains(u"give --force"_qs));
    writeText(out + u"/R1/frr.conf"_qs, "old\n");
    QCOMPARE(write(out, true), QString());
    QCOMPARE(snapshot(out)[u"R1/frr.conf"_qs], configs[0].text.toUtf8());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{u"out"_qs});

    // A folder NQI wrote holding a file it did not write: refused, everything kept.
    struct Case
    {
        const char *name;
        std::function<void(const QString &)> prepare;
        QStringList inputs;
        QString refusal;
    };
    const Case cases[] = {
        {"a file NQI did not write",
         [](const QString &f) { writeText(f + u"/notes.txt"_qs, "mine\n"); },
         {},
         u"holds what nqi config did not write there (notes.txt)"_qs},
        {"a file in a router's folder",
         [](const QString &f) { writeText(f + u"/R2/backup.conf"_qs, "mine\n"); },
         {},
         u"(R2/backup.conf)"_qs},
        {"an empty folder of the user's",
         [](const QString &f) { QDir(f).mkpath(u"mine"_qs); },
         {},
         u"(mine/)"_qs},
        {"a symbolic link",
         [](const QString &f) {
             QFile::remove(f + u"/README.md"_qs);
             QFile::link(u"/etc/hostname"_qs, f + u"/README.md"_qs);
         },
         {},
         u"(README.md)"_qs},
        {"no marker",
         [](const QString &f) { QFile::remove(f + u"/.nqi-config"_qs); },
         {},
         u"is not a folder nqi config wrote: it has no .nqi-config"_qs},
        {"a marker NQI did not write",
         [](const QString &f) { writeText(f + u"/.nqi-config"_qs, "R1/frr.conf\n"); },
         {},
         u"its .nqi-config is not one NQI wrote"_qs},
        {"a marker listing a file outside",
         [](const QString &f) {
             writeText(f + u"/.nqi-config"_qs, "# NQI Workbench 1\n../project.gpkg\n");
         },
         {},
         u"lists \"../project.gpkg\" (line 2), which NQI never writes"_qs},
        {"the project inside",
         [](const QString &f) {
             writeText(f + u"/project.gpkg"_qs, "project\n");
             QFile list(f + u"/.nqi-config"_qs);
             list.open(QIODevice::Append);
             list.write("project.gpkg\n"); // even when the marker names it
         },
         {u"project.gpkg"_qs},
         u"holds the input"_qs},
    };
    for (const Case &c : cases) {
        const QString folder = dir.filePath(QString::fromLatin1(c.name));
        QCOMPARE(write(folder, false), QString());
        c.prepare(folder);
        QStringList inputs;
        for (const QString &input : c.inputs)
            inputs << QDir(folder).filePath(input);
        const auto before = snapshot(folder);
        const QString message = write(folder, true, inputs);
        QVERIFY2(message.contains(c.refusal),
                 qPrintable(QString::fromLatin1(c.name) + u": "_qs + message));
        QVERIFY2(snapshot(folder) == before, c.name);
    }
    // A file is not a folder.
    writeText(dir.filePath(u"file"_qs), "x");
    QVERIFY(write(dir.filePath(u"file"_qs), true).contains(u"is a file, not a folder"_qs));
    // A folder of the user's that holds nothing is taken.
    QVERIFY(QDir(dir.path()).mkpath(u"empty"_qs));
    QCOMPARE(write(dir.filePath(u"empty"_qs), false), QString());
}

// The output folder was left with QTemporaryDir's mode 0700, so FRR (the user frr) could not
// read it. Folders get 0777 and files 0666, less the umask, as any program's do.
void TestConfiggen::folderModesFollowTheUmask()
{
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    configgen::Options options;
    const auto configs = configgen::generate(network, options);
    QTemporaryDir dir;
    for (const mode_t mask : {mode_t(022), mode_t(027), mode_t(002)}) {
        const QString out = dir.filePath(u"umask%1"_qs.arg(mask, 3, 8, QChar(u'0')));
        const mode_t previous = ::umask(mask);
        configgen::writeFolder(network, options, configs, out, false);
        ::umask(previous);
        QDirIterator it(out, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden,
                        QDirIterator::Subdirectories);
        QStringList paths{out};
        while (it.hasNext())
            paths << it.next();
        for (const QString &path : paths) {
            struct stat info = {};
            QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
            const mode_t expected = (S_ISDIR(info.st_mode) ? 0777 : 0666) & ~mask;
            QVERIFY2((info.st_mode & 07777) == expected,
                     qPrintable(u"%1: %2, expected %3"_qs.arg(path)
                                    .arg(info.st_mode & 07777, 4, 8, QChar(u'0'))
                                    .arg(expected, 4, 8, QChar(u'0'))));
        }
    }
}

// On a full disk the configurations cannot all be written: the command fails saying so, and a
// folder written before stays as it was, with nothing left beside it.
void TestConfiggen::fullDiskLeavesTheFolderAsItWas()
{
    if (::geteuid() != 0)
        QSKIP("mounting a small file system needs root (CI runs as root)");
    QTemporaryDir dir;
    const QByteArray mountPoint = QFile::encodeName(dir.path());
    if (::mount("nqi-test-full", mountPoint.constData(), "tmpfs", 0, "size=64k,mode=0755") != 0)
        QSKIP("cannot mount a tmpfs here");
    struct Unmount
    {
        QByteArray path;
        ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
    } unmount{mountPoint};
    const core::Network network = ring({u"A"_qs, u"B"_qs, u"C"_qs, u"D"_qs});
    configgen::Options options;
    const auto configs = configgen::generate(network, options);
    const QString out = dir.filePath(u"configs"_qs);
    configgen::writeFolder(network, options, configs, out, false);
    const auto before = snapshot(out);
    // Fill what is left.
    QFile filler(dir.filePath(u"filler"_qs));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    const QByteArray block(4096, 'x');
    while (filler.write(block) == block.size() && filler.flush()) {
    }
    filler.close();
    QString message;
    try {
        configgen::writeFolder(network, options, configs, out, true);
    } catch (const core::Failure &failure) {
        message = failure.diagnostic().message;
    }
    QVERIFY2(message.contains(u"disk full"_qs), qPrintable(message));
    QVERIFY(snapshot(out) == before);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             (QStringList{u"configs"_qs, u"filler"_qs}));
}

QTEST_GUILESS_MAIN(TestConfiggen)
#include "tst_configgen.moc"
