// Device configurations: the four dialects, iBGP roles, template overrides and errors, and that
// no value can break out of its line (a site named "X" + newline + " shutdown").

#include "core/model/network.h"
#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"
#include "planners/configgen/configgen.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace nqi;
using namespace nqi::planners;
using addressing::Dialect;

namespace {

const Dialect kDialects[] = {Dialect::Frr, Dialect::Vrp, Dialect::IosXr, Dialect::Junos};

// A ring of four routers; the first is a route reflector. Names are given.
core::Network ring(const QStringList &names)
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
        link.igpMetric = 10 * (i + 1);
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
    for (const auto &config : generate(network, Dialect::Frr)) {
        const QString rejected = frrRejects(config.text);
        QVERIFY2(rejected.isEmpty(), qPrintable(config.code + u": "_qs + rejected));
    }
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

QTEST_GUILESS_MAIN(TestConfiggen)
#include "tst_configgen.moc"
