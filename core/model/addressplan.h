#pragma once

#include <QString>

#include <optional>
#include <vector>

namespace nqi::core {

/// What an address block is for.
enum class AddressUse {
    Loopback, ///< a router's /128 (object: site id)
    Link,     ///< a link's /127, the A end on the lower address (object: link id)
    Locator,  ///< a router's SRv6 locator (object: site id)
    Site,     ///< a site's own networks, a /48 (object: site id)
    RouterId, ///< a router's 32-bit identifier (BGP router ID), IPv4 "10.0.0.1/32" (object: site
              ///< id)
};

/// One block of the address plan. Blocks once allocated keep their prefix (and a link its
/// interface numbers at both ends), so adding sites or links renumbers nothing.
struct AddressAllocation
{
    AddressUse use = AddressUse::Loopback;
    qint64 object = 0;  ///< site id, or link id for AddressUse::Link
    QString prefix;     ///< IPv6 network in RFC 5952 text with its length, "2001:db8::5/128"
                        ///< (router IDs: an IPv4 address as a /32, "10.0.0.1/32")
    bool fixed = false; ///< set by the user: never moved by the planner
    int portA = -1;     ///< links: interface number at site A (-1: not yet numbered)
    int portB = -1;     ///< links: interface number at site B

    bool operator==(const AddressAllocation &) const = default;
};

/// The project's IPv6 plan: the project prefix and every block carved from it (or fixed), and
/// each router's ID.
struct AddressPlan
{
    QString projectPrefix; ///< empty until planned; "2001:db8::/32" by default
    std::vector<AddressAllocation> allocations;

    bool isEmpty() const { return projectPrefix.isEmpty() && allocations.empty(); }
    bool operator==(const AddressPlan &) const = default;
};

/// "loopback", "link", "locator", "site", "router_id".
QString toString(AddressUse use);
std::optional<AddressUse> addressUseFromString(const QString &text);

} // namespace nqi::core
