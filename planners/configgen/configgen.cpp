#include "planners/configgen/configgen.h"

#include "core/model/diagnostic.h"
#include "planners/addressing/ipv6.h"
#include "planners/common/routinggraph.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <kainjow/mustache.hpp>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <set>

namespace nqi::planners::configgen {
namespace {

using addressing::Dialect;
using Data = kainjow::mustache::data;

[[noreturn]] void refuse(const QString &file, qint64 line, const QString &message)
{
    throw core::Failure(core::makeError(file, line, {}, message));
}

std::string utf8(const QString &text)
{
    return text.toStdString();
}

// Non-ASCII text in Latin letters, then plain ASCII: 北京 -> bei jing, Zürich -> Zurich.
QString transliterated(const QString &text)
{
    thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII"), UTRANS_FORWARD, status));
        return U_SUCCESS(status) ? std::move(t) : nullptr;
    }();
    QString latin = text;
    if (transliterator) {
        icu::UnicodeString unicode(reinterpret_cast<const UChar *>(text.utf16()),
                                   int32_t(text.size()));
        transliterator->transliterate(unicode);
        latin = QString(reinterpret_cast<const QChar *>(unicode.getBuffer()), unicode.length());
    }
    QString ascii;
    ascii.reserve(latin.size());
    for (QChar c : std::as_const(latin))
        ascii += (c.unicode() >= 0x20 && c.unicode() < 0x7f) ? c : u'?';
    return ascii;
}

bool isRouteReflector(const core::Site &site)
{
    const QString role = site.role.trimmed().toLower();
    return role == u"rr" || role.contains(u"route_reflector") || role.contains(u"route-reflector") ||
           role.contains(u"route reflector");
}

// 10.x.y.z from the site id: a 32-bit BGP identifier that never changes for the site.
QString routerId(core::SiteId id)
{
    return u"10.%1.%2.%3"_qs.arg((id >> 16) & 0xff).arg((id >> 8) & 0xff).arg(id & 0xff);
}

// AREA.xxxx.xxxx.xxxx.00 with the site id as the system id.
QString net(const QString &area, core::SiteId id)
{
    const QString hex = u"%1"_qs.arg(quint64(id), 12, 16, QChar(u'0'));
    return u"%1.%2.%3.%4.00"_qs.arg(area, hex.mid(0, 4), hex.mid(4, 4), hex.mid(8, 4));
}

// The line a byte offset of a template is on (1-based).
qint64 lineOf(const std::string &text, size_t offset)
{
    return 1 + std::count(text.begin(), text.begin() + qsizetype(std::min(offset, text.size())),
                          '\n');
}

} // namespace

QString oneLine(const QString &text)
{
    QString line;
    line.reserve(text.size());
    for (QChar c : text) {
        const QChar::Category category = c.category();
        const bool breaks = category == QChar::Other_Control || category == QChar::Other_Format ||
                            category == QChar::Separator_Line ||
                            category == QChar::Separator_Paragraph;
        line += breaks ? QChar(u' ') : c;
    }
    line = line.simplified();
    if (line.size() > 200)
        line = line.left(200).trimmed();
    return line;
}

QString safeText(Dialect dialect, const QString &text)
{
    const QString line = oneLine(text);
    switch (dialect) {
    case Dialect::Frr:
        return line; // UTF-8 is kept: vtysh takes the rest of the line as the text
    case Dialect::Vrp:
        return oneLine(transliterated(line));
    case Dialect::IosXr:
        return oneLine(transliterated(line).replace(u'!', u'.'));
    case Dialect::Junos:
        // Inside quotes and /* */ comments: no quote, backslash or comment end survives.
        return oneLine(transliterated(line)
                           .replace(u'"', u'\'')
                           .replace(u'\\', u'/')
                           .replace(u'#', u' ')
                           .replace(u"*/"_qs, u"* /"_qs));
    }
    return line;
}

QString hostname(const QString &siteCode)
{
    QString name;
    for (QChar c : siteCode) {
        const bool keep = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                          (c >= u'0' && c <= u'9') || c == u'-';
        name += keep ? c : QChar(u'-');
    }
    if (name.isEmpty() || !name.at(0).isLetter())
        name.prepend(u"r-"_qs);
    return name.left(63);
}

QString templateFileName(Dialect dialect)
{
    return configFileName(dialect) + u".mustache"_qs;
}

QString configFileName(Dialect dialect)
{
    switch (dialect) {
    case Dialect::Frr:
        return u"frr.conf"_qs;
    case Dialect::Vrp:
        return u"vrp.cfg"_qs;
    case Dialect::IosXr:
        return u"iosxr.cfg"_qs;
    case Dialect::Junos:
        return u"junos.conf"_qs;
    }
    return {};
}

QString builtinTemplate(Dialect dialect)
{
    QFile file(u":/nqi/templates/"_qs + templateFileName(dialect));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

std::vector<RouterConfig> generate(const core::Network &network, const Options &options)
{
    const Dialect dialect = options.dialect;
    // The template: the override folder's, else the built-in one.
    QString templateName = u"built-in "_qs + templateFileName(dialect);
    QString templateText = builtinTemplate(dialect);
    if (!options.templateFolder.isEmpty()) {
        const QString path = QDir(options.templateFolder).filePath(templateFileName(dialect));
        QFile file(path);
        if (file.exists()) {
            if (!file.open(QIODevice::ReadOnly))
                refuse(path, 0, u"cannot read the template: %1"_qs.arg(file.errorString()));
            templateName = path;
            templateText = QString::fromUtf8(file.readAll());
        }
    }
    const std::string source = utf8(templateText);
    kainjow::mustache::mustache tmpl{source};
    if (!tmpl.is_valid()) {
        // kainjow says "Unclosed section "x" at 123" (a byte offset): give the line instead.
        QString message = QString::fromStdString(tmpl.error_message());
        qint64 line = 0;
        static const QRegularExpression at(u" at (\\d+)$"_qs);
        if (const QRegularExpressionMatch match = at.match(message); match.hasMatch()) {
            line = lineOf(source, size_t(match.captured(1).toULongLong()));
            message.truncate(match.capturedStart());
        }
        refuse(templateName, line, message);
    }
    // Data is made safe before it reaches the template, so the HTML escaping Mustache would
    // apply is switched off.
    tmpl.set_custom_escape([](const std::string &text) { return text; });

    // The address plan, by owner.
    const core::AddressPlan &plan = network.addressPlan();
    std::map<std::pair<core::AddressUse, qint64>, ipv6::Prefix> blocks;
    for (const core::AddressAllocation &allocation : plan.allocations) {
        if (const auto prefix = ipv6::parsePrefix(allocation.prefix))
            blocks[{allocation.use, allocation.object}] = *prefix;
    }
    auto block = [&](core::AddressUse use, qint64 object, const core::Site &site) {
        const auto it = blocks.find({use, object});
        if (it == blocks.end()) {
            refuse({}, 0, u"the address plan has no %1 for %2; run nqi address (or Plan > "
                           "Address Plan) first"_qs.arg(core::toString(use), site.code));
        }
        return it->second;
    };
    const std::vector<addressing::Interface> interfaces =
        addressing::interfaces(network, plan, dialect);
    std::map<core::SiteId, std::vector<const addressing::Interface *>> byRouter;
    for (const addressing::Interface &row : interfaces)
        if (row.link)
            byRouter[row.site].push_back(&row);

    const std::vector<core::SiteId> routers = addressing::routers(network);
    std::vector<core::SiteId> reflectors;
    for (core::SiteId id : routers)
        if (isRouteReflector(*network.site(id)))
            reflectors.push_back(id);

    std::set<QString> known;
    auto set = [&known](Data &data, const char *key, const Data &value) {
        known.insert(QString::fromLatin1(key));
        data.set(key, value);
    };
    std::vector<RouterConfig> configs;
    for (core::SiteId id : routers) {
        const core::Site &site = *network.site(id);
        const bool rr = std::find(reflectors.begin(), reflectors.end(), id) != reflectors.end();
        const ipv6::Prefix loopback = block(core::AddressUse::Loopback, id, site);
        const ipv6::Prefix locator = block(core::AddressUse::Locator, id, site);
        const ipv6::Prefix siteBlock = block(core::AddressUse::Site, id, site);
        Data data;
        set(data, "hostname", utf8(hostname(site.code)));
        set(data, "site_code", utf8(site.code));
        set(data, "site_name", utf8(safeText(dialect, site.name.isEmpty() ? site.code : site.name)));
        set(data, "kind", utf8(core::toString(site.kind)));
        set(data, "role", utf8(safeText(dialect, site.role)));
        set(data, "project", utf8(safeText(dialect, network.settings().name)));
        set(data, "version", utf8(safeText(dialect, options.version)));
        set(data, "asn", utf8(QString::number(options.asn)));
        set(data, "router_id", utf8(routerId(id)));
        set(data, "net", utf8(net(options.isisArea, id)));
        set(data, "isis_tag", "core");
        set(data, "is_rr", rr);
        set(data, "loopback_name", utf8(addressing::loopbackName(dialect)));
        set(data, "loopback_address", utf8(ipv6::format(loopback.address)));
        set(data, "site_prefix", utf8(ipv6::format(siteBlock)));
        set(data, "site_network", utf8(ipv6::format(siteBlock.address)));
        set(data, "site_length", utf8(QString::number(siteBlock.length)));
        set(data, "locator_name", "main");
        set(data, "locator_prefix", utf8(ipv6::format(locator)));
        set(data, "locator_address", utf8(ipv6::format(locator.address)));
        set(data, "locator_length", utf8(QString::number(locator.length)));

        Data list{Data::type::list};
        for (const addressing::Interface *row : byRouter[id]) {
            const core::Link &link = *network.link(row->link);
            const core::Site &peer = *network.site(row->peer);
            Data item;
            set(item, "name", utf8(row->interface));
            set(item, "address", utf8(row->address));
            set(item, "prefix_length", utf8(QString::number(row->prefixLength)));
            set(item, "metric", utf8(QString::number(igpMetric(network, link))));
            set(item, "peer_code", utf8(peer.code));
            set(item, "peer_hostname", utf8(hostname(peer.code)));
            set(item, "peer_interface", utf8(row->peerInterface));
            set(item, "link_id", utf8(QString::number(link.id)));
            set(item, "capacity_gbps", utf8(QString::number(link.capacityGbps)));
            const QString description =
                u"to %1 %2 %3 (link %4)"_qs.arg(peer.code, peer.name, row->peerInterface)
                    .arg(link.id);
            set(item, "description", utf8(safeText(dialect, description)));
            list.push_back(item);
        }
        set(data, "interfaces", list);

        // iBGP: full mesh without route reflectors; with them, clients peer with every
        // reflector and reflectors with everyone (their clients as clients).
        Data neighbors{Data::type::list}, peers{Data::type::list}, clients{Data::type::list};
        int peerCount = 0, clientCount = 0;
        for (core::SiteId other : routers) {
            if (other == id)
                continue;
            const bool otherRr =
                std::find(reflectors.begin(), reflectors.end(), other) != reflectors.end();
            if (!reflectors.empty() && !rr && !otherRr)
                continue;
            const core::Site &peer = *network.site(other);
            const bool client = rr && !otherRr;
            Data item;
            set(item, "address",
                utf8(ipv6::format(block(core::AddressUse::Loopback, other, peer).address)));
            set(item, "peer_code", utf8(peer.code));
            set(item, "description", utf8(safeText(dialect, peer.code + u' ' + peer.name)));
            set(item, "rr_client", client);
            neighbors.push_back(item);
            (client ? clients : peers).push_back(item);
            ++(client ? clientCount : peerCount);
        }
        set(data, "bgp_neighbors", neighbors);
        set(data, "bgp_peers", peers);
        set(data, "bgp_clients", clients);
        set(data, "has_bgp", peerCount + clientCount > 0);
        set(data, "has_peers", peerCount > 0);
        set(data, "has_clients", clientCount > 0);

        const std::string text = tmpl.render(data);
        if (!tmpl.is_valid())
            refuse(templateName, 0, QString::fromStdString(tmpl.error_message()));
        // Section tags on lines of their own leave empty lines behind (kainjow keeps them).
        QString rendered;
        const QString raw = QString::fromStdString(text);
        for (QStringView line : QStringView(raw).split(u'\n')) {
            if (!line.trimmed().isEmpty())
                rendered += line + u'\n';
        }
        configs.push_back(
            {id, site.code, hostname(site.code), configFileName(dialect), rendered});
    }

    // A name the data does not have renders as nothing: refuse it instead (a typo in an
    // overriding template would otherwise drop a line silently).
    static const QRegularExpression tag(u"\\{\\{\\{?\\s*[#^/&]?\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*\\}?\\}\\}"_qs);
    for (auto it = tag.globalMatch(templateText); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const QString name = match.captured(1);
        for (const QString &part : name.split(u'.')) {
            if (!known.count(part) && !routers.empty()) {
                refuse(templateName,
                       lineOf(source, size_t(templateText.left(match.capturedStart()).toUtf8().size())),
                       u"unknown name \"%1\"; the names are listed in docs/configurations.md"_qs.arg(
                           name));
            }
        }
    }
    return configs;
}

} // namespace nqi::planners::configgen
