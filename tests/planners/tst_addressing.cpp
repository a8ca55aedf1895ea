// The IPv6 address plan: layout, stability under change, fixed blocks and clear errors.

#include "core/model/network.h"
#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"
#include "planners/addressing/ipv6.h"

#include <QTest>

#include <map>
#include <set>

using namespace nqi;
using namespace nqi::planners;
using core::AddressUse;

namespace {

core::Network sample()
{
    return core::ProjectStore::load(QStringLiteral(NQI_BINARY_DIR
                                                   "/samples/east-data-west-computing.gpkg"));
}

core::SiteId addSite(core::Network &network, const QString &code, double lon)
{
    core::Site site;
    site.code = code;
    site.name = code;
    site.latitudeDeg = 35.0;
    site.longitudeDeg = lon;
    return network.addSite(site);
}

core::LinkId addLink(core::Network &network, core::SiteId a, core::SiteId b)
{
    core::Link link;
    link.siteA = a;
    link.siteB = b;
    link.capacityGbps = 100.0;
    return network.addLink(link);
}

using Key = std::pair<AddressUse, qint64>;
std::map<Key, core::AddressAllocation> byOwner(const core::AddressPlan &plan)
{
    std::map<Key, core::AddressAllocation> owners;
    for (const core::AddressAllocation &allocation : plan.allocations)
        owners[{allocation.use, allocation.object}] = allocation;
    return owners;
}

QString failure(const core::Network &network, const addressing::Options &options)
{
    try {
        addressing::plan(network, options);
    } catch (const core::Failure &failure) {
        return failure.diagnostic().message;
    }
    return {};
}

} // namespace

class TestAddressing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ipv6Text();
    void layoutOfTheSample();
    void interfacesAndCsv();
    void stableWhenSitesAndLinksAreAdded();
    void stableWhenALinkIsRemoved();
    void fixedBlocks();
    void errors();
    void newPrefixRenumbers();
    void storedInTheProject();
    void specialPurposeRangesRefused_data();
    void specialPurposeRangesRefused();
    void routerIdsUniqueWhenSiteIdsCollide();
    void routerIdsStableWhenSitesAreAddedAndSaved();
    void routerIdsFixedAndFromAPool();
};

void TestAddressing::ipv6Text()
{
    const auto prefix = ipv6::parsePrefix(u"2001:DB8:0:0:1::/80"_qs);
    QVERIFY(prefix);
    QCOMPARE(ipv6::format(*prefix), u"2001:db8:0:0:1::/80"_qs); // RFC 5952: one zero run only
    QCOMPARE(ipv6::format(*ipv6::parseAddress(u"2001:db8:0:0:0:0:2:1"_qs)), u"2001:db8::2:1"_qs);
    QString error;
    QVERIFY(!ipv6::parsePrefix(u"2001:db8::1/32"_qs, &error));
    QVERIFY2(error.contains(u"did you mean 2001:db8::/32"_qs), qPrintable(error));
    QVERIFY(!ipv6::parsePrefix(u"2001:db8::/129"_qs, &error));
    QVERIFY(!ipv6::parsePrefix(u"10.0.0.0/8"_qs, &error));
    QVERIFY(ipv6::parsePrefix(u"::/0"_qs)->contains(*ipv6::parsePrefix(u"2001:db8::/32"_qs)));
    QVERIFY(!ipv6::parsePrefix(u"2001:db8::/127"_qs)->overlaps(*ipv6::parsePrefix(u"2001:db8::2"_qs)));
}

void TestAddressing::layoutOfTheSample()
{
    const core::Network network = sample();
    const addressing::Result result = addressing::plan(network);
    QCOMPARE(result.plan.projectPrefix, u"2001:db8::/32"_qs);
    const auto routers = addressing::routers(network);
    std::map<AddressUse, int> counts;
    std::vector<ipv6::Prefix> blocks;
    const auto project = *ipv6::parsePrefix(u"2001:db8::/32"_qs);
    std::set<QString> routerIds;
    for (const auto &allocation : result.plan.allocations) {
        ++counts[allocation.use];
        if (allocation.use == AddressUse::RouterId) {
            QVERIFY2(routerIds.insert(allocation.prefix).second, qPrintable(allocation.prefix));
            continue;
        }
        const auto prefix = ipv6::parsePrefix(allocation.prefix);
        QVERIFY(prefix);
        QVERIFY(project.contains(*prefix));
        const int expected[] = {128, 127, 64, 48};
        QCOMPARE(prefix->length, expected[int(allocation.use)]);
        blocks.push_back(*prefix);
    }
    QCOMPARE(counts[AddressUse::Loopback], int(routers.size()));
    QCOMPARE(counts[AddressUse::Locator], int(routers.size()));
    QCOMPARE(counts[AddressUse::Link], int(network.links().size()));
    QCOMPARE(counts[AddressUse::Site], int(network.sites().size()));
    QCOMPARE(counts[AddressUse::RouterId], int(routers.size()));
    for (size_t i = 0; i < blocks.size(); ++i)
        for (size_t j = i + 1; j < blocks.size(); ++j)
            QVERIFY2(!blocks[i].overlaps(blocks[j]), qPrintable(ipv6::format(blocks[i])));
    // Deterministic: the same network gets the same plan.
    QVERIFY(addressing::plan(network).plan == result.plan);
    // The first router's loopback is ::1; link /127s follow in the second /64; locators in the
    // second /48, sites from the third.
    const auto owners = byOwner(result.plan);
    QCOMPARE(owners.at({AddressUse::Loopback, routers.front()}).prefix, u"2001:db8::1/128"_qs);
    QCOMPARE(owners.at({AddressUse::Link, network.links().front().id}).prefix,
             u"2001:db8:0:1::/127"_qs);
    QCOMPARE(owners.at({AddressUse::Locator, routers.front()}).prefix, u"2001:db8:1::/64"_qs);
    QCOMPARE(owners.at({AddressUse::Site, network.sites().front().id}).prefix,
             u"2001:db8:2::/48"_qs);
    // Router IDs: 10.0.0.0/8 + the site id where free.
    QCOMPARE(owners.at({AddressUse::RouterId, routers.front()}).prefix,
             u"10.0.0.%1/32"_qs.arg(routers.front()));
}

void TestAddressing::interfacesAndCsv()
{
    core::Network network = sample();
    network.setAddressPlan(addressing::plan(network).plan);
    for (const auto dialect : {addressing::Dialect::Frr, addressing::Dialect::Vrp,
                               addressing::Dialect::IosXr, addressing::Dialect::Junos}) {
        const auto rows = addressing::interfaces(network, network.addressPlan(), dialect);
        QCOMPARE(rows.size(), addressing::routers(network).size() + 2 * network.links().size());
        std::set<std::pair<core::SiteId, QString>> names;
        std::map<core::LinkId, std::vector<addressing::Interface>> ends;
        for (const auto &row : rows) {
            QVERIFY2(names.insert({row.site, row.interface}).second, qPrintable(row.interface));
            if (dialect == addressing::Dialect::Frr)
                QVERIFY(row.interface.size() <= 15); // IFNAMSIZ - 1
            if (row.link)
                ends[row.link].push_back(row);
        }
        for (const auto &[id, pair] : ends) {
            QCOMPARE(pair.size(), size_t(2));
            QCOMPARE(pair[0].peerInterface, pair[1].interface);
            QCOMPARE(pair[1].peerInterface, pair[0].interface);
            const auto a = *ipv6::parseAddress(pair[0].address);
            const auto b = *ipv6::parseAddress(pair[1].address);
            QCOMPARE(a ^ b, ipv6::Address(1)); // the two ends of one /127
        }
    }
    const QByteArray csv = addressing::toCsv(
        network, addressing::interfaces(network, network.addressPlan(), addressing::Dialect::Frr));
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("site,interface,address,prefix_length,link,peer_site,"
                                       "peer_interface"));
    QVERIFY(lines.at(1).endsWith(",lo,2001:db8::1,128,,,"));
}

void TestAddressing::stableWhenSitesAndLinksAreAdded()
{
    core::Network network = sample();
    network.setAddressPlan(addressing::plan(network).plan);
    const auto before = byOwner(network.addressPlan());

    const core::SiteId fresh = addSite(network, u"NEW1"_qs, 100.0);
    const core::SiteId first = network.sites().front().id;
    const core::LinkId link = addLink(network, fresh, first);
    const core::LinkId second = addLink(network, fresh, network.sites()[network.sites().size() - 2].id);
    const addressing::Result result = addressing::plan(network);
    QCOMPARE(result.added, 6); // loopback, locator, site block, router ID, two links
    QCOMPARE(result.dropped, 0);
    const auto after = byOwner(result.plan);
    for (const auto &[key, allocation] : before)
        QCOMPARE(after.at(key), allocation); // prefix and ports unchanged
    QCOMPARE(after.at({AddressUse::Link, link}).portB, 1 + [&] {
        int highest = -1;
        for (const auto &[key, allocation] : before) {
            const core::Link *l = network.link(key.second);
            if (key.first == AddressUse::Link && l->siteA == first)
                highest = std::max(highest, allocation.portA);
            if (key.first == AddressUse::Link && l->siteB == first)
                highest = std::max(highest, allocation.portB);
        }
        return highest;
    }());
    QCOMPARE(after.at({AddressUse::Link, second}).portA, 1);
}

void TestAddressing::stableWhenALinkIsRemoved()
{
    core::Network network = sample();
    network.setAddressPlan(addressing::plan(network).plan);
    const auto before = byOwner(network.addressPlan());
    const core::LinkId removed = network.links()[3].id;
    network.removeLink(removed);
    const addressing::Result result = addressing::plan(network);
    QCOMPARE(result.dropped, 1);
    QCOMPARE(result.added, 0);
    const auto after = byOwner(result.plan);
    QVERIFY(!after.count({AddressUse::Link, removed}));
    for (const auto &[key, allocation] : after)
        QCOMPARE(allocation, before.at(key));
}

void TestAddressing::fixedBlocks()
{
    core::Network network = sample();
    addressing::Options options;
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::99"_qs),
                     addressing::parseFix(u"link:5=2001:db8:ffff::/127"_qs),
                     addressing::parseFix(u"BJ:locator=2001:db8:1:abcd::/64"_qs)};
    const addressing::Result result = addressing::plan(network, options);
    network.setAddressPlan(result.plan);
    const auto owners = byOwner(result.plan);
    const core::SiteId zjk = network.siteByCode(u"ZJK"_qs)->id;
    QCOMPARE(owners.at({AddressUse::Loopback, zjk}).prefix, u"2001:db8::99/128"_qs);
    QVERIFY(owners.at({AddressUse::Loopback, zjk}).fixed);
    QCOMPARE(owners.at({AddressUse::Link, 5}).prefix, u"2001:db8:ffff::/127"_qs);
    // Fixed blocks stay when the plan is made again without the options.
    const addressing::Result again = addressing::plan(network);
    QVERIFY(again.plan == result.plan);
    // A fixed block inside a pool is skipped by the automatic allocation.
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::1"_qs)};
    core::Network fresh = sample();
    const auto owned = byOwner(addressing::plan(fresh, options).plan);
    const core::SiteId firstRouter = addressing::routers(fresh).front();
    QCOMPARE(owned.at({AddressUse::Loopback, firstRouter}).prefix, u"2001:db8::2/128"_qs);
}

void TestAddressing::errors()
{
    core::Network network = sample();
    addressing::Options options;
    options.prefix = u"2001:db8::/47"_qs;
    QVERIFY(failure(network, options).contains(u"too small"_qs));
    options.prefix = u"2001:db8::/46"_qs; // two site blocks for 59 sites
    QVERIFY2(failure(network, options).contains(u"site (/48) pool is exhausted"_qs),
             qPrintable(failure(network, options)));
    options.prefix = u"2001:db8::1/32"_qs;
    QVERIFY(failure(network, options).contains(u"did you mean 2001:db8::/32"_qs));
    options.prefix.clear();
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::7"_qs),
                     addressing::parseFix(u"BJ:lo=2001:db8::7"_qs)};
    const QString overlap = failure(network, options);
    QVERIFY2(overlap.contains(u"the loopback of BJ (2001:db8::7/128) overlaps the loopback of "
                              "ZJK (2001:db8::7/128)"_qs) ||
                 overlap.contains(u"the loopback of ZJK (2001:db8::7/128) overlaps the loopback "
                                  "of BJ (2001:db8::7/128)"_qs),
             qPrintable(overlap));
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::/64"_qs)};
    QVERIFY(failure(network, options).contains(u"must be a /128"_qs));
    options.fixes = {addressing::parseFix(u"NOPE:lo=2001:db8::9"_qs)};
    QVERIFY(failure(network, options).contains(u"no site has the code \"NOPE\""_qs));
    QVERIFY_THROWS_EXCEPTION(core::Failure, addressing::parseFix(u"ZJK=2001:db8::9"_qs));
    QVERIFY_THROWS_EXCEPTION(core::Failure, addressing::parseFix(u"ZJK:eth0=2001:db8::9"_qs));
    // A block the plan already gave away cannot be fixed to another owner.
    network.setAddressPlan(addressing::plan(network).plan);
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::1"_qs)};
    QVERIFY(failure(network, options).contains(u"overlaps"_qs));
}

void TestAddressing::newPrefixRenumbers()
{
    core::Network network = sample();
    addressing::Options options;
    options.fixes = {addressing::parseFix(u"ZJK:lo=2001:db8::99"_qs)};
    network.setAddressPlan(addressing::plan(network, options).plan);
    options = {};
    options.prefix = u"2001:db9::/32"_qs;
    const addressing::Result result = addressing::plan(network, options);
    QVERIFY(result.renumbered);
    const auto target = *ipv6::parsePrefix(u"2001:db9::/32"_qs);
    for (const auto &allocation : result.plan.allocations) {
        QCOMPARE(target.contains(*ipv6::parsePrefix(allocation.prefix)), !allocation.fixed);
    }
}

void TestAddressing::storedInTheProject()
{
    QTemporaryDir dir;
    core::Network network = sample();
    network.setAddressPlan(addressing::plan(network).plan);
    const QString path = dir.filePath(u"plan.gpkg"_qs);
    core::ProjectStore::save(network, path);
    const core::Network loaded = core::ProjectStore::load(path);
    QVERIFY(loaded.addressPlan() == network.addressPlan());
    QCOMPARE(addressing::plan(loaded).added, 0);
}

// `nqi address --prefix ::/0` (or ff02::/16, or --fix ZJK:lo=::) handed out the unspecified,
// loopback, multicast or link-local addresses. Every range of the IANA special-purpose registry
// and everything outside global unicast and unique local is refused, naming the range;
// global unicast, unique local and documentation prefixes are accepted.
void TestAddressing::specialPurposeRangesRefused_data()
{
    QTest::addColumn<QString>("where"); // prefix, fix or stored
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("refusal"); // empty: accepted
    auto row = [](const char *name, const char *where, const QString &value,
                  const QString &refusal) {
        QTest::newRow(name) << QString::fromLatin1(where) << value << refusal;
    };
    row("::/0", "prefix", u"::/0"_qs, u"::/0 includes ::/128, the unspecified address"_qs);
    row("ff02::/16", "prefix", u"ff02::/16"_qs, u"ff02::/16 lies in ff00::/8, multicast"_qs);
    row("fe80::/10", "prefix", u"fe80::/10"_qs, u"lies in fe80::/10, link-local unicast"_qs);
    row("IPv4-mapped", "prefix", u"::ffff:0:0/96"_qs, u"IPv4-mapped addresses"_qs);
    row("NAT64", "prefix", u"64:ff9b::/96"_qs, u"IPv4/IPv6 translation prefix"_qs);
    row("local NAT64", "prefix", u"64:ff9b:1::/48"_qs, u"local-use IPv4/IPv6 translation"_qs);
    row("discard-only", "prefix", u"100::/64"_qs, u"discard-only prefix"_qs);
    row("IETF protocol assignments", "prefix", u"2001::/32"_qs,
        u"lies in 2001::/23, IETF protocol assignments"_qs);
    row("wider than 2001::/23", "prefix", u"2001::/16"_qs, u"2001::/16 includes 2001::/23"_qs);
    row("6to4", "prefix", u"2002::/16"_qs, u"6to4"_qs);
    row("SRv6 SIDs", "prefix", u"5f00::/16"_qs, u"SRv6 SIDs"_qs);
    row("site-local", "prefix", u"fec0::/10"_qs, u"site-local"_qs);
    row("reserved by the IETF", "prefix", u"4000::/16"_qs,
        u"4000::/16 lies in 4000::/3, space reserved by the IETF"_qs);
    row("all of global unicast", "prefix", u"2000::/3"_qs, u"includes 2001::/23"_qs);
    row("documentation 2001:db8::/32", "prefix", u"2001:db8::/32"_qs, {});
    row("documentation 3fff::/20", "prefix", u"3fff::/20"_qs, {});
    row("unique local fd00::/8", "prefix", u"fd12:3456::/32"_qs, {});
    row("unique local fc00::/7", "prefix", u"fc00::/7"_qs, {});
    row("global unicast", "prefix", u"2400:cb00::/32"_qs, {});
    row("fixed unspecified", "fix", u"ZJK:lo=::"_qs,
        u"--fix for the loopback of ZJK: ::/128 lies in ::/128, the unspecified address"_qs);
    row("fixed loopback", "fix", u"ZJK:lo=::1"_qs, u"the loopback address (RFC 4291)"_qs);
    row("fixed link-local", "fix", u"ZJK:lo=fe80::1"_qs, u"link-local unicast"_qs);
    row("fixed multicast link", "fix", u"link:5=ff02::/127"_qs, u"multicast"_qs);
    row("fixed benchmarking site", "fix", u"ZJK:site=2001:2::/48"_qs,
        u"IETF protocol assignments"_qs);
    row("fixed unique local", "fix", u"ZJK:lo=fd00::99"_qs, {});
    row("stored link-local prefix", "stored", u"fe80::/10"_qs,
        u"the project's stored prefix (nqi_settings address_prefix) fe80::/10 lies in "
        "fe80::/10"_qs);
    row("stored multicast fixed block", "stored fix", u"ff05::1/128"_qs,
        u"the stored block of the loopback of ZJK: ff05::1/128 lies in ff00::/8, multicast"_qs);
}

void TestAddressing::specialPurposeRangesRefused()
{
    QFETCH(QString, where);
    QFETCH(QString, value);
    QFETCH(QString, refusal);
    core::Network network = sample();
    addressing::Options options;
    if (where == u"prefix") {
        options.prefix = value;
    } else if (where == u"fix") {
        options.fixes = {addressing::parseFix(value)};
    } else if (where == u"stored") {
        core::AddressPlan stored;
        stored.projectPrefix = value;
        network.setAddressPlan(stored);
    } else {
        network.setAddressPlan(addressing::plan(network).plan);
        core::AddressPlan stored = network.addressPlan();
        for (core::AddressAllocation &allocation : stored.allocations) {
            if (allocation.use == AddressUse::Loopback &&
                allocation.object == network.siteByCode(u"ZJK"_qs)->id) {
                allocation.prefix = value;
                allocation.fixed = true;
            }
        }
        network.setAddressPlan(stored);
    }
    const QString message = failure(network, options);
    if (refusal.isEmpty()) {
        QVERIFY2(message.isEmpty(), qPrintable(message));
        return;
    }
    QVERIFY2(message.contains(refusal), qPrintable(message));
    QVERIFY2(message.contains(u"global unicast (2000::/3), unique local (fc00::/7)"_qs),
             qPrintable(message));
}

// Router IDs were the low 24 bits of the site id: sites 1, 16777217 and 4294967297 all got
// 10.0.0.1, so their BGP sessions could not come up.
void TestAddressing::routerIdsUniqueWhenSiteIdsCollide()
{
    core::Network network;
    std::vector<core::SiteId> ids;
    for (const qint64 id : {qint64(1), qint64(16777217), qint64(4294967297), qint64(2)}) {
        core::Site site;
        site.id = id;
        site.code = u"S%1"_qs.arg(id);
        site.latitudeDeg = 30.0;
        site.longitudeDeg = 100.0 + double(ids.size());
        ids.push_back(network.addSite(site));
    }
    for (size_t i = 0; i < ids.size(); ++i)
        addLink(network, ids[i], ids[(i + 1) % ids.size()]);
    const auto owners = byOwner(addressing::plan(network).plan);
    // The site id where it fits the pool (as before), else the lowest free address.
    QCOMPARE(owners.at({AddressUse::RouterId, 1}).prefix, u"10.0.0.1/32"_qs);
    QCOMPARE(owners.at({AddressUse::RouterId, 2}).prefix, u"10.0.0.2/32"_qs);
    QCOMPARE(owners.at({AddressUse::RouterId, 16777217}).prefix, u"10.0.0.3/32"_qs);
    QCOMPARE(owners.at({AddressUse::RouterId, 4294967297}).prefix, u"10.0.0.4/32"_qs);
}

void TestAddressing::routerIdsStableWhenSitesAreAddedAndSaved()
{
    QTemporaryDir dir;
    core::Network network = sample();
    network.setAddressPlan(addressing::plan(network).plan);
    // A new router whose id would be taken: the next id's address is held by another router.
    const auto before = byOwner(network.addressPlan());
    const core::SiteId fresh = addSite(network, u"NEW1"_qs, 100.0);
    addLink(network, fresh, network.sites().front().id);
    network.setAddressPlan(addressing::plan(network).plan);
    const auto after = byOwner(network.addressPlan());
    for (const auto &[key, allocation] : before)
        QCOMPARE(after.at(key), allocation);
    QCOMPARE(after.at({AddressUse::RouterId, fresh}).prefix, u"10.0.0.%1/32"_qs.arg(fresh));
    // Stored with the plan and read back the same; planning again adds nothing.
    const QString path = dir.filePath(u"ids.gpkg"_qs);
    core::ProjectStore::save(network, path);
    const core::Network loaded = core::ProjectStore::load(path);
    QVERIFY(loaded.addressPlan() == network.addressPlan());
    const addressing::Result again = addressing::plan(loaded);
    QCOMPARE(again.added, 0);
    QVERIFY(again.plan == network.addressPlan());
}

void TestAddressing::routerIdsFixedAndFromAPool()
{
    core::Network network = sample();
    const core::SiteId zjk = network.siteByCode(u"ZJK"_qs)->id;
    const core::SiteId bj = network.siteByCode(u"BJ"_qs)->id;
    addressing::Options options;
    options.fixes = {addressing::parseFix(u"ZJK:router-id=192.0.2.7"_qs)};
    network.setAddressPlan(addressing::plan(network, options).plan);
    auto owners = byOwner(network.addressPlan());
    QCOMPARE(owners.at({AddressUse::RouterId, zjk}).prefix, u"192.0.2.7/32"_qs);
    QVERIFY(owners.at({AddressUse::RouterId, zjk}).fixed);
    // A fixed ID another router holds takes it over; that router gets another.
    options.fixes = {addressing::parseFix(u"BJ:rid=10.0.0.%1"_qs.arg(zjk + 1))};
    const core::SiteId holder = zjk + 1;
    const auto moved = byOwner(addressing::plan(network, options).plan);
    QCOMPARE(moved.at({AddressUse::RouterId, bj}).prefix, u"10.0.0.%1/32"_qs.arg(holder));
    QVERIFY(moved.at({AddressUse::RouterId, holder}).prefix != u"10.0.0.%1/32"_qs.arg(holder));
    // Two fixed IDs alike, 0.0.0.0 and a bad address are refused.
    options.fixes = {addressing::parseFix(u"BJ:router-id=192.0.2.7"_qs)};
    QVERIFY2(failure(network, options).contains(u"are both 192.0.2.7"_qs),
             qPrintable(failure(network, options)));
    options.fixes = {addressing::parseFix(u"BJ:router-id=0.0.0.0"_qs)};
    QVERIFY(failure(network, options).contains(u"other than 0.0.0.0"_qs));
    options.fixes = {addressing::parseFix(u"BJ:router-id=10.0.0.300"_qs)};
    QVERIFY(failure(network, options).contains(u"is not an IPv4 address"_qs));
    // A pool given renumbers the IDs outside it (not the fixed one); one too small is refused
    // with its size.
    options.fixes.clear();
    options.routerIdPool = u"172.16.0.0/16"_qs;
    const auto pooled = byOwner(addressing::plan(network, options).plan);
    for (const auto &[key, allocation] : pooled) {
        if (key.first == AddressUse::RouterId && key.second != zjk)
            QVERIFY2(allocation.prefix.startsWith(u"172.16."_qs), qPrintable(allocation.prefix));
    }
    QCOMPARE(pooled.at({AddressUse::RouterId, zjk}).prefix, u"192.0.2.7/32"_qs);
    options.routerIdPool = u"172.16.0.0/26"_qs; // 62 addresses for 58 routers: enough
    QVERIFY2(failure(network, options).isEmpty(), qPrintable(failure(network, options)));
    options.routerIdPool = u"172.16.0.0/27"_qs; // 30 addresses
    QCOMPARE(failure(network, options),
             u"the router ID pool 172.16.0.0/27 is exhausted: its 30 addresses are taken and 28 "
             "more routers need an ID; give a larger pool with --router-id-pool (an IPv4 "
             "prefix), or fix IDs with --fix SITE:router-id=A.B.C.D"_qs);
    options.routerIdPool = u"172.16.0.1/24"_qs;
    QVERIFY(failure(network, options).contains(u"has bits set after the first 24"_qs));
}

QTEST_GUILESS_MAIN(TestAddressing)
#include "tst_addressing.moc"
