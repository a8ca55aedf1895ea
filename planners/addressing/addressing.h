#pragma once

#include "core/model/network.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace nqi::planners::addressing {

/// The default project prefix: the IPv6 documentation block (RFC 3849).
inline constexpr char16_t kDefaultPrefix[] = u"2001:db8::/32";
/// Where routers' IDs come from unless another pool is given (private IPv4, RFC 1918).
inline constexpr char16_t kDefaultRouterIdPool[] = u"10.0.0.0/8";

/// A user-fixed block: "ZJK:lo=2001:db8::99", "ZJK:locator=2001:db8:ff::/64",
/// "ZJK:site=2001:db8:ab::/48", "link:12=2001:db8:0:1::20/127", or a router ID:
/// "ZJK:router-id=10.1.1.1".
struct Fix
{
    core::AddressUse use = core::AddressUse::Loopback;
    QString site; ///< site code (loopback, locator, site)
    core::LinkId link = 0;
    QString prefix;
};
/// Parses a --fix argument; throws Failure saying what is wrong.
Fix parseFix(const QString &text);

struct Options
{
    QString prefix; ///< empty: the plan's own, else kDefaultPrefix
    std::vector<Fix> fixes;
    /// IPv4 prefix new router IDs come from; empty: kDefaultRouterIdPool. When given, router IDs
    /// outside it that are not fixed are given anew from it.
    QString routerIdPool;
};

struct Result
{
    core::AddressPlan plan;
    int kept = 0, added = 0, dropped = 0;
    bool renumbered = false; ///< the project prefix changed: every block not fixed was redone
};

/**
 * Allocates the project's IPv6 plan from its prefix, keeping every block already allocated.
 *
 * Layout of a project prefix P (at most /46): P's first /48 holds the loopbacks (/128 each, in
 * its first /64, from ::1) and the point-to-point links (/127 each, in its second /64); the
 * second /48 the SRv6 locators (/64 per router); each further /48 is one site's own networks.
 * Routers are the sites with at least one link. New blocks take the lowest free slot of their
 * pool, objects in id order, so the same network always gets the same plan; blocks of objects
 * that are gone are released. Link ends are numbered per router (lowest free port).
 *
 * Every router also gets an ID (BGP router ID, IS-IS cluster ID), an IPv4 address unique in the
 * project and kept like the blocks: pool base + site id when free (10.0.0.1 for site 1), else
 * the lowest free address of the pool (options.routerIdPool, 10.0.0.0/8 by default).
 *
 * Throws Failure for a bad prefix, a special-purpose range (RFC 6890), a fixed block of the
 * wrong size or use, overlapping blocks (naming both), two routers with one ID, or an exhausted
 * pool.
 */
Result plan(const core::Network &network, const Options &options = {});

/// Routers: sites with at least one link, in id order.
std::vector<core::SiteId> routers(const core::Network &network);

/// Interface names as each device dialect spells them.
enum class Dialect { Frr, Vrp, IosXr, Junos };
std::optional<Dialect> dialectFromString(const QString &text);
QString toString(Dialect dialect);
QString loopbackName(Dialect dialect);
/// The interface of port `port` for a link of `gbps` per circuit: "eth3", "100GE0/0/3",
/// "HundredGigE0/0/0/3", "et-0/0/3". FRR names are valid Linux names (at most 15 characters).
QString interfaceName(Dialect dialect, int port, double gbps);

/// One interface of the plan, as the CSV and the configurations show it.
struct Interface
{
    core::SiteId site = 0;
    QString interface;
    QString address; ///< without the length
    int prefixLength = 0;
    core::LinkId link = 0; ///< 0 for the loopback
    core::SiteId peer = 0;
    QString peerInterface;
    int port = -1; ///< -1 for the loopback
};

/// Every router's loopback and link ends (routers in id order; loopback first, then by port).
/// The plan must cover the network (plan() made it).
std::vector<Interface> interfaces(const core::Network &network, const core::AddressPlan &plan,
                                  Dialect dialect);

/// CSV with the columns site,interface,address,prefix_length,link,peer_site,peer_interface.
QByteArray toCsv(const core::Network &network, const std::vector<Interface> &interfaces);

QJsonObject toJson(const Result &result);

} // namespace nqi::planners::addressing
