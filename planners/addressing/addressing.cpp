#include "planners/addressing/addressing.h"

#include "core/io/csvwriter.h"
#include "core/model/diagnostic.h"
#include "planners/addressing/ipv6.h"

#include <QJsonArray>

#include <arpa/inet.h>

#include <algorithm>
#include <map>
#include <set>

namespace nqi::planners::addressing {
namespace {

using core::AddressAllocation;
using core::AddressUse;
using ipv6::Address;
using ipv6::Prefix;

[[noreturn]] void refuse(const QString &message)
{
    throw core::Failure(core::makeError({}, 0, u"address plan"_qs, message));
}

QString siteCodeOf(const core::Network &network, core::SiteId id)
{
    const core::Site *site = network.site(id);
    return site ? site->code : u"#%1"_qs.arg(id);
}

// "the loopback of ZJK", "link 12 (ZJK–BJ)": how messages name a block's owner.
QString describe(const core::Network &network, AddressUse use, qint64 object)
{
    switch (use) {
    case AddressUse::Loopback:
        return u"the loopback of %1"_qs.arg(siteCodeOf(network, object));
    case AddressUse::Locator:
        return u"the SRv6 locator of %1"_qs.arg(siteCodeOf(network, object));
    case AddressUse::Site:
        return u"the site block of %1"_qs.arg(siteCodeOf(network, object));
    case AddressUse::RouterId:
        return u"the router ID of %1"_qs.arg(siteCodeOf(network, object));
    case AddressUse::Link:
        if (const core::Link *link = network.link(object)) {
            return u"link %1 (%2–%3)"_qs.arg(QString::number(object),
                                             siteCodeOf(network, link->siteA),
                                             siteCodeOf(network, link->siteB));
        }
        return u"link %1"_qs.arg(object);
    }
    return {};
}

int useOrder(AddressUse use)
{
    switch (use) {
    case AddressUse::Loopback:
        return 0;
    case AddressUse::Link:
        return 1;
    case AddressUse::Locator:
        return 2;
    case AddressUse::Site:
        return 3;
    case AddressUse::RouterId:
        return 4;
    }
    return 5;
}

// IPv4 for router IDs: "10.0.0.1", "10.0.0.1/32", "10.0.0.0/8".
struct Ipv4Prefix
{
    quint32 address = 0;
    int length = 32;

    quint64 size() const { return quint64(1) << (32 - length); }
    quint32 last() const { return quint32(address + size() - 1); }
    bool contains(quint32 other) const { return other >= address && other <= last(); }
    // The addresses handed out: all but the first (the network) and the last (broadcast) of a
    // pool of four or more, and never 0.0.0.0 (no router ID).
    quint32 firstHost() const { return std::max<quint32>(length <= 30 ? address + 1 : address, 1); }
    quint32 lastHost() const { return length <= 30 ? last() - 1 : last(); }
};

std::optional<Ipv4Prefix> parseIpv4(const QString &text, QString *error)
{
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(u'/');
    in_addr bytes{};
    if (::inet_pton(AF_INET, (slash < 0 ? trimmed : trimmed.left(slash)).toLatin1().constData(),
                    &bytes) != 1) {
        *error = u"\"%1\" is not an IPv4 address (a.b.c.d)"_qs.arg(trimmed);
        return std::nullopt;
    }
    Ipv4Prefix prefix{ntohl(bytes.s_addr), 32};
    if (slash >= 0) {
        bool ok = false;
        prefix.length = trimmed.mid(slash + 1).toInt(&ok);
        if (!ok || prefix.length < 0 || prefix.length > 32) {
            *error = u"\"%1\": the prefix length must be 0..32"_qs.arg(trimmed);
            return std::nullopt;
        }
    }
    const quint32 hostMask =
        prefix.length == 0 ? ~quint32(0) : (quint32(1) << (32 - prefix.length)) - 1;
    if ((prefix.address & hostMask) != 0) {
        *error = u"\"%1\" has bits set after the first %2"_qs.arg(trimmed).arg(prefix.length);
        return std::nullopt;
    }
    return prefix;
}

QString formatIpv4(quint32 address)
{
    return u"%1.%2.%3.%4"_qs.arg(address >> 24)
        .arg((address >> 16) & 0xff)
        .arg((address >> 8) & 0xff)
        .arg(address & 0xff);
}

// One pool of equal blocks: block i is base + i * 2^(128 - blockLength), i in [first, end).
struct Pool
{
    Pool(Address base_, int blockLength_, Address first_, Address end_, QString name_)
        : base(base_)
        , blockLength(blockLength_)
        , first(first_)
        , end(end_)
        , name(std::move(name_))
    {
    }

    Address base = 0;
    int blockLength = 128;
    Address first = 0;
    Address end = 0;
    QString name;
    std::vector<Prefix> taken; // blocks already used inside the pool, sorted
    Address next = 0;          // lowest index that may be free
    size_t takenCursor = 0;

    Address blockSize() const { return Address(1) << (128 - blockLength); }
    Address firstAddress() const { return base + first * blockSize(); }
    Address lastAddress() const { return base + end * blockSize() - 1; }
    bool holds(const Prefix &prefix) const
    {
        if (prefix.length != blockLength || prefix.address < base)
            return false;
        const Address index = (prefix.address - base) / blockSize();
        return index >= first && index < end;
    }
    Prefix allocate()
    {
        Address index = std::max(next, first);
        while (true) {
            if (index >= end)
                refuse(u"the %1 pool is exhausted; use a larger project prefix"_qs.arg(name));
            const Prefix block{base + index * blockSize(), blockLength};
            while (takenCursor < taken.size() && taken[takenCursor].last() < block.address)
                ++takenCursor;
            if (takenCursor < taken.size() && taken[takenCursor].overlaps(block)) {
                index = (taken[takenCursor].last() - base) / blockSize() + 1;
                continue;
            }
            next = index + 1;
            return block;
        }
    }
};

// What a refused special-purpose range is told to use instead.
const char16_t kUsable[] = u"a plan's addresses must be global unicast (2000::/3), unique local "
                           "(fc00::/7) or documentation (2001:db8::/32, 3fff::/20)";

bool isRouter(const std::set<core::SiteId> &routers, qint64 site)
{
    return routers.count(site) != 0;
}

struct StoredRouterId
{
    qint64 site = 0;
    quint32 address = 0;
    bool fixed = false;
};

/*
 * Router IDs: each router keeps the one it has (fixed ones always; others unless --router-id-pool
 * names a pool without it), fixed ones asked for now replace it, and two routers never share
 * one. A router without one takes pool base + its site id when that is free (10.0.0.1 for site 1,
 * the identifier NQI derived from the site id before router IDs were stored), else the lowest
 * free address of the pool.
 */
void allocateRouterIds(const core::Network &network,
                       const Options &options,
                       const std::vector<core::SiteId> &routerList,
                       const std::map<qint64, quint32> &fixedNow,
                       const std::vector<StoredRouterId> &stored,
                       Result &result,
                       std::vector<AddressAllocation> &plan)
{
    QString error;
    const QString poolText = options.routerIdPool.isEmpty()
                                 ? QString::fromUtf16(kDefaultRouterIdPool)
                                 : options.routerIdPool;
    const std::optional<Ipv4Prefix> pool = parseIpv4(poolText, &error);
    if (!pool)
        refuse(u"router ID pool: %1"_qs.arg(error));
    std::map<quint32, qint64> holders; // address -> site
    std::map<qint64, std::pair<quint32, bool>> ids;
    auto take = [&](qint64 site, quint32 address, bool fixed) {
        const auto [it, inserted] = holders.emplace(address, site);
        if (!inserted) {
            refuse(u"the router IDs of %1 and %2 are both %3; fix one of them to another "
                   "address (--fix SITE:router-id=A.B.C.D)"_qs.arg(siteCodeOf(network, it->second),
                                                                   siteCodeOf(network, site),
                                                                   formatIpv4(address)));
        }
        ids[site] = {address, fixed};
    };
    for (const auto &[site, address] : fixedNow)
        take(site, address, true);
    // Stored IDs, fixed ones first; a stored one another router holds already is given anew.
    for (const bool fixedPass : {true, false}) {
        for (const StoredRouterId &id : stored) {
            if (id.fixed != fixedPass || ids.count(id.site))
                continue;
            const bool renumber =
                !id.fixed && !options.routerIdPool.isEmpty() && !pool->contains(id.address);
            if (renumber || (!id.fixed && holders.count(id.address)))
                continue;
            take(id.site, id.address, id.fixed);
            ++result.kept;
        }
    }
    const quint64 hosts = quint64(pool->lastHost()) - pool->firstHost() + 1;
    std::vector<core::SiteId> missing;
    for (core::SiteId router : routerList)
        if (!ids.count(router))
            missing.push_back(router);
    std::vector<core::SiteId> rest;
    for (core::SiteId router : missing) {
        const quint64 preferred = quint64(pool->address) + quint64(router);
        if (router > 0 && preferred >= pool->firstHost() && preferred <= pool->lastHost() &&
            !holders.count(quint32(preferred))) {
            take(router, quint32(preferred), false);
            ++result.added;
        } else {
            rest.push_back(router);
        }
    }
    quint64 next = pool->firstHost();
    for (size_t i = 0; i < rest.size(); ++i) {
        while (next <= pool->lastHost() && holders.count(quint32(next)))
            ++next;
        if (next > pool->lastHost()) {
            refuse(u"the router ID pool %1 is exhausted: its %2 addresses are taken and %3 more "
                   "routers need an ID; give a larger pool with --router-id-pool (an IPv4 "
                   "prefix), or fix IDs with --fix SITE:router-id=A.B.C.D"_qs.arg(
                       formatIpv4(pool->address) + u'/' + QString::number(pool->length),
                       QString::number(hosts), QString::number(rest.size() - i)));
        }
        take(rest[i], quint32(next), false);
        ++result.added;
    }
    for (const auto &[site, id] : ids) {
        plan.push_back(
            {AddressUse::RouterId, site, formatIpv4(id.first) + u"/32"_qs, id.second, -1, -1});
    }
}

} // namespace

Fix parseFix(const QString &text)
{
    const qsizetype equals = text.indexOf(u'=');
    const qsizetype colon = text.indexOf(u':');
    if (equals < 0 || colon < 0 || colon > equals) {
        throw core::Failure(core::makeError(
            {}, 0, u"--fix %1"_qs.arg(text),
            u"expected SITE:lo|locator|site=PREFIX, SITE:router-id=A.B.C.D or link:ID=PREFIX, "
            "e.g. ZJK:lo=2001:db8::99"_qs));
    }
    Fix fix;
    const QString owner = text.left(colon);
    if (owner.compare(u"link"_qs, Qt::CaseInsensitive) != 0 && text.indexOf(u'=') > 0 &&
        QStringList{u"router-id"_qs, u"router_id"_qs, u"routerid"_qs, u"rid"_qs}.contains(
            text.mid(colon + 1, equals - colon - 1).trimmed().toLower())) {
        fix.use = AddressUse::RouterId;
        fix.site = owner.trimmed();
        fix.prefix = text.mid(equals + 1).trimmed();
        return fix;
    }
    const QString what = text.mid(colon + 1, equals - colon - 1).trimmed().toLower();
    fix.prefix = text.mid(equals + 1).trimmed();
    if (owner.compare(u"link"_qs, Qt::CaseInsensitive) == 0) {
        bool ok = false;
        fix.link = what.toLongLong(&ok);
        if (!ok || fix.link <= 0) {
            throw core::Failure(core::makeError({}, 0, u"--fix %1"_qs.arg(text),
                                                u"\"%1\" is not a link id"_qs.arg(what)));
        }
        fix.use = AddressUse::Link;
        return fix;
    }
    fix.site = owner.trimmed();
    if (what == u"lo" || what == u"loopback")
        fix.use = AddressUse::Loopback;
    else if (what == u"locator")
        fix.use = AddressUse::Locator;
    else if (what == u"site")
        fix.use = AddressUse::Site;
    else
        throw core::Failure(
            core::makeError({}, 0, u"--fix %1"_qs.arg(text),
                            u"\"%1\" is not lo, locator, site or router-id"_qs.arg(what)));
    return fix;
}

std::vector<core::SiteId> routers(const core::Network &network)
{
    std::set<core::SiteId> ids;
    for (const core::Link &link : network.links()) {
        ids.insert(link.siteA);
        ids.insert(link.siteB);
    }
    return {ids.begin(), ids.end()};
}

Result plan(const core::Network &network, const Options &options)
{
    const core::AddressPlan &existing = network.addressPlan();
    const QString prefixText = !options.prefix.isEmpty()          ? options.prefix
                               : !existing.projectPrefix.isEmpty() ? existing.projectPrefix
                                                                   : QString::fromUtf16(kDefaultPrefix);
    QString error;
    const std::optional<Prefix> project = ipv6::parsePrefix(prefixText, &error);
    if (!project)
        refuse(u"project prefix: %1"_qs.arg(error));
    if (const auto reserved = ipv6::reservedRangeOverlapping(*project)) {
        const bool stored = options.prefix.isEmpty() && !existing.projectPrefix.isEmpty();
        refuse(u"%1 %2; %3: give another with --prefix"_qs.arg(
            stored ? u"the project's stored prefix (nqi_settings address_prefix)"_qs
                   : u"the project prefix"_qs,
            ipv6::describeOverlap(*project, *reserved), QString::fromUtf16(kUsable)));
    }
    if (project->length > 46) {
        refuse(u"the project prefix %1 is too small: the plan needs a /48 for loopbacks and "
               "links, one for SRv6 locators and one per site; use /46 or shorter (e.g. /32)"_qs
                   .arg(ipv6::format(*project)));
    }

    Result result;
    result.plan.projectPrefix = ipv6::format(*project);
    if (!existing.projectPrefix.isEmpty()) {
        const std::optional<Prefix> before = ipv6::parsePrefix(existing.projectPrefix);
        result.renumbered = !before || !(*before == *project);
    }

    const std::vector<core::SiteId> routerList = routers(network);
    const std::set<core::SiteId> routerSet(routerList.begin(), routerList.end());
    auto needs = [&](AddressUse use, qint64 object) {
        switch (use) {
        case AddressUse::Loopback:
        case AddressUse::Locator:
        case AddressUse::RouterId:
            return isRouter(routerSet, object);
        case AddressUse::Site:
            return network.site(object) != nullptr;
        case AddressUse::Link:
            return network.link(object) != nullptr;
        }
        return false;
    };

    // The pools, carved from the project prefix.
    const Address slash48 = Address(1) << 80;
    const Address slash64 = Address(1) << 64;
    const Address siteBlocks = Address(1) << (48 - project->length);
    std::map<AddressUse, Pool> pools;
    pools.emplace(AddressUse::Loopback, Pool(project->address, 128, 1, slash64, u"loopback"_qs));
    pools.emplace(AddressUse::Link, Pool(project->address + slash64, 127, 0, slash64 / 2, u"link"_qs));
    pools.emplace(AddressUse::Locator,
                  Pool(project->address + slash48, 64, 0, Address(1) << 16, u"SRv6 locator"_qs));
    pools.emplace(AddressUse::Site, Pool(project->address, 48, 2, siteBlocks, u"site (/48)"_qs));

    // Fixed blocks asked for now, by owner (router IDs apart: IPv4).
    std::map<std::pair<AddressUse, qint64>, Prefix> fixes;
    std::map<qint64, quint32> fixedRouterIds;
    for (const Fix &fix : options.fixes) {
        qint64 object = fix.link;
        if (fix.use != AddressUse::Link) {
            const core::Site *site = network.siteByCode(fix.site);
            if (!site)
                refuse(u"--fix: no site has the code \"%1\""_qs.arg(fix.site));
            object = site->id;
        } else if (!network.link(object)) {
            refuse(u"--fix: there is no link %1"_qs.arg(object));
        }
        if (!needs(fix.use, object)) {
            refuse(u"--fix: %1 has no links, so it is no router and has no %2"_qs.arg(
                fix.site, core::toString(fix.use)));
        }
        if (fix.use == AddressUse::RouterId) {
            const std::optional<Ipv4Prefix> id = parseIpv4(fix.prefix, &error);
            if (!id)
                refuse(u"--fix for %1: %2"_qs.arg(describe(network, fix.use, object), error));
            if (id->length != 32 || id->address == 0) {
                refuse(u"--fix for %1: a router ID is one IPv4 address other than 0.0.0.0, not "
                       "%2"_qs.arg(describe(network, fix.use, object), fix.prefix));
            }
            fixedRouterIds[object] = id->address;
            continue;
        }
        const std::optional<Prefix> prefix = ipv6::parsePrefix(fix.prefix, &error);
        if (!prefix)
            refuse(u"--fix for %1: %2"_qs.arg(describe(network, fix.use, object), error));
        if (const auto reserved = ipv6::reservedRangeOverlapping(*prefix)) {
            refuse(u"--fix for %1: %2; %3"_qs.arg(describe(network, fix.use, object),
                                                  ipv6::describeOverlap(*prefix, *reserved),
                                                  QString::fromUtf16(kUsable)));
        }
        fixes[{fix.use, object}] = *prefix;
    }

    // Keep what was allocated and is still needed; fixed blocks always, others while they sit
    // in their pool of this project prefix.
    std::vector<AddressAllocation> kept;
    std::vector<StoredRouterId> storedRouterIds;
    std::set<std::pair<AddressUse, qint64>> owners;
    std::map<qint64, std::pair<int, int>> oldPorts;
    for (const AddressAllocation &allocation : existing.allocations) {
        if (allocation.use == AddressUse::Link)
            oldPorts[allocation.object] = {allocation.portA, allocation.portB};
        const std::pair key{allocation.use, allocation.object};
        if (!needs(allocation.use, allocation.object) || owners.count(key)) {
            ++result.dropped;
            continue;
        }
        if (fixes.count(key) ||
            (allocation.use == AddressUse::RouterId && fixedRouterIds.count(allocation.object))) {
            continue;
        }
        if (allocation.use == AddressUse::RouterId) {
            const std::optional<Ipv4Prefix> id = parseIpv4(allocation.prefix, &error);
            if (!id || id->length != 32 || id->address == 0) {
                refuse(u"the stored router ID of %1 (%2) is not valid%3; fix it or remove it from "
                       "the table nqi_addresses"_qs.arg(
                           siteCodeOf(network, allocation.object), allocation.prefix,
                           error.isEmpty() ? QString() : u" ("_qs + error + u')'));
            }
            storedRouterIds.push_back({allocation.object, id->address, allocation.fixed});
            owners.insert(key);
            continue;
        }
        const std::optional<Prefix> prefix = ipv6::parsePrefix(allocation.prefix, &error);
        if (!prefix) {
            refuse(u"the stored block of %1 is not valid (%2); fix it or remove it from the "
                   "table nqi_addresses"_qs.arg(describe(network, allocation.use, allocation.object),
                                                error));
        }
        if (!allocation.fixed && (result.renumbered || !pools.at(allocation.use).holds(*prefix)))
            continue;
        if (const auto reserved = ipv6::reservedRangeOverlapping(*prefix)) {
            refuse(u"the stored block of %1: %2; %3: fix another with --fix, or remove it from "
                   "the table nqi_addresses"_qs.arg(
                       describe(network, allocation.use, allocation.object),
                       ipv6::describeOverlap(*prefix, *reserved), QString::fromUtf16(kUsable)));
        }
        owners.insert(key);
        kept.push_back(allocation);
        kept.back().prefix = ipv6::format(*prefix);
        ++result.kept;
    }
    for (const auto &[key, prefix] : fixes) {
        AddressAllocation allocation{key.first, key.second, ipv6::format(prefix), true, -1, -1};
        owners.insert(key);
        kept.push_back(allocation);
    }

    // Sizes: loopbacks /128 and links /127 wherever they are; locators and site blocks /64 or
    // shorter (a locator needs room for its functions).
    std::vector<std::pair<Prefix, const AddressAllocation *>> blocks;
    for (const AddressAllocation &allocation : kept) {
        const Prefix prefix = *ipv6::parsePrefix(allocation.prefix);
        const QString who = describe(network, allocation.use, allocation.object);
        if (allocation.use == AddressUse::Loopback && prefix.length != 128)
            refuse(u"%1 must be a /128, not %2"_qs.arg(who, allocation.prefix));
        if (allocation.use == AddressUse::Link && prefix.length != 127)
            refuse(u"%1 must be a /127 (RFC 6164), not %2"_qs.arg(who, allocation.prefix));
        if ((allocation.use == AddressUse::Locator || allocation.use == AddressUse::Site) &&
            prefix.length > 64) {
            refuse(u"%1 must be a /64 or shorter, not %2"_qs.arg(who, allocation.prefix));
        }
        blocks.emplace_back(prefix, &allocation);
    }
    std::sort(blocks.begin(), blocks.end(), [](const auto &a, const auto &b) {
        return a.first.address != b.first.address ? a.first.address < b.first.address
                                                   : a.first.length < b.first.length;
    });
    for (size_t i = 1, widest = 0; i < blocks.size(); ++i) {
        if (blocks[i].first.address <= blocks[widest].first.last()) {
            const AddressAllocation &a = *blocks[widest].second;
            const AddressAllocation &b = *blocks[i].second;
            refuse(u"%1 (%2) overlaps %3 (%4); change one of them"_qs.arg(
                describe(network, a.use, a.object), a.prefix, describe(network, b.use, b.object),
                b.prefix));
        }
        if (blocks[i].first.last() > blocks[widest].first.last())
            widest = i;
    }
    for (auto &[use, pool] : pools) {
        for (const auto &[prefix, allocation] : blocks) {
            if (prefix.last() >= pool.firstAddress() && prefix.address <= pool.lastAddress())
                pool.taken.push_back(prefix);
        }
    }

    // New blocks, objects in id order.
    auto add = [&](AddressUse use, qint64 object) {
        if (owners.count({use, object}))
            return;
        kept.push_back({use, object, ipv6::format(pools.at(use).allocate()), false, -1, -1});
        owners.insert({use, object});
        ++result.added;
    };
    for (core::SiteId router : routerList)
        add(AddressUse::Loopback, router);
    for (const core::Link &link : network.links())
        add(AddressUse::Link, link.id);
    for (core::SiteId router : routerList)
        add(AddressUse::Locator, router);
    for (const core::Site &site : network.sites())
        add(AddressUse::Site, site.id);
    allocateRouterIds(network, options, routerList, fixedRouterIds, storedRouterIds, result, kept);

    // Ports: kept where known and not taken twice, else the lowest free at that router.
    std::sort(kept.begin(), kept.end(), [](const AddressAllocation &a, const AddressAllocation &b) {
        return useOrder(a.use) != useOrder(b.use) ? useOrder(a.use) < useOrder(b.use)
                                                  : a.object < b.object;
    });
    std::map<core::SiteId, std::set<int>> usedPorts;
    std::vector<AddressAllocation *> unnumbered;
    for (AddressAllocation &allocation : kept) {
        if (allocation.use != AddressUse::Link)
            continue;
        const core::Link &link = *network.link(allocation.object);
        if (const auto it = oldPorts.find(link.id); it != oldPorts.end()) {
            allocation.portA = it->second.first;
            allocation.portB = it->second.second;
        }
        if (allocation.portA < 0 || !usedPorts[link.siteA].insert(allocation.portA).second)
            allocation.portA = -1;
        if (allocation.portB < 0 || !usedPorts[link.siteB].insert(allocation.portB).second)
            allocation.portB = -1;
        if (allocation.portA < 0 || allocation.portB < 0)
            unnumbered.push_back(&allocation);
    }
    auto lowestFree = [&usedPorts](core::SiteId site) {
        std::set<int> &used = usedPorts[site];
        int port = 0;
        while (used.count(port))
            ++port;
        used.insert(port);
        return port;
    };
    for (AddressAllocation *allocation : unnumbered) {
        const core::Link &link = *network.link(allocation->object);
        if (allocation->portA < 0)
            allocation->portA = lowestFree(link.siteA);
        if (allocation->portB < 0)
            allocation->portB = lowestFree(link.siteB);
    }
    result.plan.allocations = std::move(kept);
    return result;
}

std::optional<Dialect> dialectFromString(const QString &text)
{
    const QString key = text.trimmed().toLower();
    if (key == u"frr")
        return Dialect::Frr;
    if (key == u"vrp" || key == u"huawei")
        return Dialect::Vrp;
    if (key == u"iosxr" || key == u"ios-xr" || key == u"cisco")
        return Dialect::IosXr;
    if (key == u"junos" || key == u"juniper")
        return Dialect::Junos;
    return std::nullopt;
}

QString toString(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Frr:
        return u"frr"_qs;
    case Dialect::Vrp:
        return u"vrp"_qs;
    case Dialect::IosXr:
        return u"iosxr"_qs;
    case Dialect::Junos:
        return u"junos"_qs;
    }
    return {};
}

QString loopbackName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Frr:
        return u"lo"_qs;
    case Dialect::Vrp:
        return u"LoopBack0"_qs;
    case Dialect::IosXr:
        return u"Loopback0"_qs;
    case Dialect::Junos:
        return u"lo0"_qs;
    }
    return {};
}

QString interfaceName(Dialect dialect, int port, double gbps)
{
    const QString n = QString::number(port);
    switch (dialect) {
    case Dialect::Frr:
        return u"eth"_qs + n;
    case Dialect::Vrp:
        return (gbps >= 400   ? u"400GE0/0/"_qs
                : gbps >= 100 ? u"100GE0/0/"_qs
                : gbps >= 40  ? u"40GE0/0/"_qs
                : gbps >= 10  ? u"XGigabitEthernet0/0/"_qs
                              : u"GigabitEthernet0/0/"_qs) +
               n;
    case Dialect::IosXr:
        return (gbps >= 400   ? u"FourHundredGigE0/0/0/"_qs
                : gbps >= 100 ? u"HundredGigE0/0/0/"_qs
                : gbps >= 40  ? u"FortyGigE0/0/0/"_qs
                : gbps >= 10  ? u"TenGigE0/0/0/"_qs
                              : u"GigabitEthernet0/0/0/"_qs) +
               n;
    case Dialect::Junos:
        return (gbps >= 100 ? u"et-0/0/"_qs : gbps >= 10 ? u"xe-0/0/"_qs : u"ge-0/0/"_qs) + n;
    }
    return {};
}

std::vector<Interface> interfaces(const core::Network &network, const core::AddressPlan &plan,
                                  Dialect dialect)
{
    std::map<qint64, const AddressAllocation *> loopbacks;
    std::map<core::SiteId, std::vector<Interface>> ends;
    for (const AddressAllocation &allocation : plan.allocations) {
        if (allocation.use == AddressUse::Loopback) {
            loopbacks[allocation.object] = &allocation;
        } else if (allocation.use == AddressUse::Link) {
            const core::Link *link = network.link(allocation.object);
            const std::optional<Prefix> prefix = ipv6::parsePrefix(allocation.prefix);
            if (!link || !prefix || allocation.portA < 0 || allocation.portB < 0)
                continue;
            const QString a = interfaceName(dialect, allocation.portA, link->capacityGbps);
            const QString b = interfaceName(dialect, allocation.portB, link->capacityGbps);
            ends[link->siteA].push_back({link->siteA, a, ipv6::format(prefix->address), 127,
                                         link->id, link->siteB, b, allocation.portA});
            ends[link->siteB].push_back({link->siteB, b, ipv6::format(prefix->address + 1), 127,
                                         link->id, link->siteA, a, allocation.portB});
        }
    }
    std::vector<Interface> rows;
    for (core::SiteId router : routers(network)) {
        if (const auto it = loopbacks.find(router); it != loopbacks.end()) {
            const std::optional<Prefix> prefix = ipv6::parsePrefix(it->second->prefix);
            if (prefix)
                rows.push_back({router, loopbackName(dialect), ipv6::format(prefix->address), 128,
                                0, 0, {}, -1});
        }
        std::vector<Interface> &mine = ends[router];
        std::sort(mine.begin(), mine.end(),
                  [](const Interface &a, const Interface &b) { return a.port < b.port; });
        rows.insert(rows.end(), mine.begin(), mine.end());
    }
    return rows;
}

QByteArray toCsv(const core::Network &network, const std::vector<Interface> &interfaces)
{
    QList<QStringList> rows;
    rows.reserve(qsizetype(interfaces.size()));
    for (const Interface &row : interfaces) {
        rows.append({siteCodeOf(network, row.site), row.interface, row.address,
                     QString::number(row.prefixLength),
                     row.link ? QString::number(row.link) : QString(),
                     row.peer ? siteCodeOf(network, row.peer) : QString(), row.peerInterface});
    }
    return core::CsvWriter::format({u"site"_qs, u"interface"_qs, u"address"_qs,
                                    u"prefix_length"_qs, u"link"_qs, u"peer_site"_qs,
                                    u"peer_interface"_qs},
                                   rows);
}

QJsonObject toJson(const Result &result)
{
    QJsonObject counts;
    for (const AddressAllocation &allocation : result.plan.allocations) {
        const QString use = core::toString(allocation.use);
        counts[use] = counts[use].toInt() + 1;
    }
    return {{u"prefix"_qs, result.plan.projectPrefix},
            {u"blocks"_qs, counts},
            {u"kept"_qs, result.kept},
            {u"added"_qs, result.added},
            {u"dropped"_qs, result.dropped},
            {u"renumbered"_qs, result.renumbered}};
}

} // namespace nqi::planners::addressing
