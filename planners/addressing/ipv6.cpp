#include "planners/addressing/ipv6.h"

#include <arpa/inet.h>

#include <vector>

namespace nqi::planners::ipv6 {
namespace {

// The bits after the first `length`: all for /0, none for /128.
Address hostMask(int length)
{
    return length <= 0 ? ~Address(0) : length >= 128 ? Address(0)
                                                     : (Address(1) << (128 - length)) - 1;
}

} // namespace

Address Prefix::last() const
{
    return address | hostMask(length);
}

bool Prefix::contains(const Prefix &other) const
{
    return other.length >= length && other.address >= address && other.last() <= last();
}

bool Prefix::overlaps(const Prefix &other) const
{
    return address <= other.last() && other.address <= last();
}

std::optional<Address> parseAddress(const QString &text)
{
    in6_addr bytes{};
    if (::inet_pton(AF_INET6, text.trimmed().toLatin1().constData(), &bytes) != 1)
        return std::nullopt;
    Address address = 0;
    for (unsigned char byte : bytes.s6_addr)
        address = (address << 8) | byte;
    return address;
}

std::optional<Prefix> parsePrefix(const QString &text, QString *error)
{
    auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString trimmed = text.trimmed();
    const qsizetype slash = trimmed.indexOf(u'/');
    const std::optional<Address> address = parseAddress(slash < 0 ? trimmed : trimmed.left(slash));
    if (!address)
        return refuse(u"\"%1\" is not an IPv6 address"_qs.arg(trimmed));
    int length = 128;
    if (slash >= 0) {
        bool ok = false;
        length = trimmed.mid(slash + 1).toInt(&ok);
        if (!ok || length < 0 || length > 128)
            return refuse(u"\"%1\": the prefix length must be 0..128"_qs.arg(trimmed));
    }
    if ((*address & hostMask(length)) != 0) {
        return refuse(u"\"%1\" has bits set after the first %2; did you mean %3?"_qs.arg(
            trimmed, QString::number(length), format(Prefix{*address & ~hostMask(length), length})));
    }
    return Prefix{*address, length};
}

QString format(Address address)
{
    in6_addr bytes{};
    for (int i = 15; i >= 0; --i) {
        bytes.s6_addr[i] = static_cast<unsigned char>(address & 0xff);
        address >>= 8;
    }
    char text[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET6, &bytes, text, sizeof text);
    return QString::fromLatin1(text);
}

QString format(const Prefix &prefix)
{
    return format(prefix.address) + u'/' + QString::number(prefix.length);
}

std::optional<ReservedRange> reservedRangeOverlapping(const Prefix &prefix)
{
    // The IANA IPv6 Special-Purpose Address Registry, the documentation prefixes left out
    // (2001:db8::/32 and 3fff::/20 lie outside every entry), then what is outside the global
    // unicast and unique local space.
    struct Entry
    {
        const char16_t *prefix;
        const char16_t *what;
    };
    static const Entry kEntries[] = {
        {u"::/128", u"the unspecified address (RFC 4291)"},
        {u"::1/128", u"the loopback address (RFC 4291)"},
        {u"::ffff:0:0/96", u"IPv4-mapped addresses (RFC 4291)"},
        {u"64:ff9b::/96", u"the IPv4/IPv6 translation prefix (RFC 6052)"},
        {u"64:ff9b:1::/48", u"local-use IPv4/IPv6 translation (RFC 8215)"},
        {u"100::/64", u"the discard-only prefix (RFC 6666)"},
        {u"100:0:0:1::/64", u"the dummy IPv6 prefix (RFC 9780)"},
        {u"2001::/23", u"IETF protocol assignments (RFC 2928: Teredo, benchmarking, ORCHID, ...)"},
        {u"2002::/16", u"6to4 (RFC 3056)"},
        {u"2620:4f:8000::/48", u"AS112 direct delegation (RFC 7534)"},
        {u"5f00::/16", u"SRv6 SIDs (RFC 9602)"},
        {u"fe80::/10", u"link-local unicast (RFC 4291)"},
        {u"fec0::/10", u"site-local unicast, deprecated (RFC 3879)"},
        {u"ff00::/8", u"multicast (RFC 4291)"},
    };
    static const std::vector<ReservedRange> ranges = [] {
        std::vector<ReservedRange> list;
        for (const Entry &entry : kEntries)
            list.push_back(
                {*parsePrefix(QString::fromUtf16(entry.prefix)), QString::fromUtf16(entry.what)});
        return list;
    }();
    for (const ReservedRange &range : ranges) {
        if (range.prefix.overlaps(prefix))
            return range;
    }
    // The rest of the IANA IPv6 address space that is neither global unicast (2000::/3) nor
    // unique local (fc00::/7).
    static const std::vector<ReservedRange> reserved = [] {
        std::vector<ReservedRange> list;
        for (const char16_t *block :
             {u"::/8", u"100::/8", u"200::/7", u"400::/6", u"800::/5", u"1000::/4", u"4000::/3",
              u"6000::/3", u"8000::/3", u"a000::/3", u"c000::/3", u"e000::/4", u"f000::/5",
              u"f800::/6", u"fe00::/9"}) {
            list.push_back({*parsePrefix(QString::fromUtf16(block)),
                            u"space reserved by the IETF, neither global unicast (2000::/3) nor "
                            "unique local (fc00::/7)"_qs});
        }
        return list;
    }();
    for (const ReservedRange &range : reserved) {
        if (range.prefix.overlaps(prefix))
            return range;
    }
    return std::nullopt;
}

QString describeOverlap(const Prefix &prefix, const ReservedRange &range)
{
    if (range.prefix.contains(prefix))
        return u"%1 lies in %2, %3"_qs.arg(format(prefix), format(range.prefix), range.what);
    return u"%1 includes %2, %3"_qs.arg(format(prefix), format(range.prefix), range.what);
}

} // namespace nqi::planners::ipv6
