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

} // namespace nqi::planners::ipv6
