#include "planners/addressing/ipv6.h"

#include <arpa/inet.h>

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

} // namespace nqi::planners::ipv6
