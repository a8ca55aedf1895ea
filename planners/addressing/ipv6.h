#pragma once

#include <QString>

#include <optional>

namespace nqi::planners::ipv6 {

/// An IPv6 address as one 128-bit number (network byte order: the first group is the top).
__extension__ typedef unsigned __int128 Address;

struct Prefix
{
    Address address = 0; ///< host bits zero
    int length = 0;      ///< 0..128

    Address last() const;
    bool contains(const Prefix &other) const;
    bool overlaps(const Prefix &other) const;
    bool operator==(const Prefix &) const = default;
};

std::optional<Address> parseAddress(const QString &text);
/// "2001:db8::/32"; a missing "/length" is /128. Error text says what is wrong.
std::optional<Prefix> parsePrefix(const QString &text, QString *error = nullptr);
/// RFC 5952: lower case, longest run of zero groups as "::".
QString format(Address address);
QString format(const Prefix &prefix);

/// A range no address plan may use: an entry of the IANA IPv6 Special-Purpose Address Registry
/// (RFC 6890) or a block that is neither global unicast nor unique local.
struct ReservedRange
{
    Prefix prefix;
    QString what; ///< "the unspecified address (RFC 4291)"
};

/**
 * The reserved range a prefix overlaps (the most specific one named), or nothing for global
 * unicast (2000::/3, documentation 2001:db8::/32 and 3fff::/20 included) and unique local
 * (fc00::/7) prefixes clear of the special-purpose entries.
 */
std::optional<ReservedRange> reservedRangeOverlapping(const Prefix &prefix);

/// "fe80::1/128 lies in fe80::/10, link-local unicast (RFC 4291)"; "::/0 includes ::/128, ...".
QString describeOverlap(const Prefix &prefix, const ReservedRange &range);

} // namespace nqi::planners::ipv6
