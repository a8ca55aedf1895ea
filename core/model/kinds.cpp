#include "core/model/kinds.h"

#include "core/model/addressplan.h"

#include <array>
#include <utility>

namespace nqi::core {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, const char16_t *>, N>;

constexpr NameTable<AddressUse, 5> kAddressUses{{
    {AddressUse::Loopback, u"loopback"},
    {AddressUse::Link, u"link"},
    {AddressUse::Locator, u"locator"},
    {AddressUse::Site, u"site"},
    {AddressUse::RouterId, u"router_id"},
}};

constexpr NameTable<SiteKind, 9> kSiteKinds{{
    {SiteKind::NationalHub, u"national_hub"},
    {SiteKind::DcCluster, u"dc_cluster"},
    {SiteKind::MetroDc, u"metro_dc"},
    {SiteKind::EdgeDc, u"edge_dc"},
    {SiteKind::IngestSite, u"ingest_site"},
    {SiteKind::Pop, u"pop"},
    {SiteKind::GroundStation, u"ground_station"},
    {SiteKind::Enterprise, u"enterprise"},
    {SiteKind::Other, u"other"},
}};

constexpr NameTable<LinkMedium, 6> kMedia{{
    {LinkMedium::Fiber, u"fiber"},
    {LinkMedium::DciWave, u"dci_wave"},
    {LinkMedium::Leased, u"leased"},
    {LinkMedium::Microwave, u"microwave"},
    {LinkMedium::SatelliteFeeder, u"satellite_feeder"},
    {LinkMedium::Isl, u"isl"},
}};

constexpr NameTable<DemandClass, 5> kClasses{{
    {DemandClass::TrainingSync, u"training_sync"},
    {DemandClass::IngestBulk, u"ingest_bulk"},
    {DemandClass::Inference, u"inference"},
    {DemandClass::Replication, u"replication"},
    {DemandClass::BestEffort, u"best_effort"},
}};

constexpr NameTable<Protection, 3> kProtections{{
    {Protection::None, u"none"},
    {Protection::OnePlusOne, u"1+1"},
    {Protection::Restoration, u"restoration"},
}};

constexpr NameTable<RegionPurpose, 3> kPurposes{{
    {RegionPurpose::Coverage, u"coverage"},
    {RegionPurpose::Residency, u"residency"},
    {RegionPurpose::Both, u"both"},
}};

template <typename Enum, std::size_t N>
QString nameOf(const NameTable<Enum, N> &table, Enum value)
{
    for (const auto &[key, name] : table) {
        if (key == value)
            return QString::fromUtf16(name);
    }
    return {};
}

QString normalised(const QString &text)
{
    QString key = text.trimmed().toLower();
    key.replace(u'-', u'_');
    key.replace(u' ', u'_');
    return key;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse(const NameTable<Enum, N> &table, const QString &text)
{
    const QString key = normalised(text);
    for (const auto &[value, name] : table) {
        if (key == QStringView(name))
            return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
QStringList namesOf(const NameTable<Enum, N> &table)
{
    QStringList names;
    for (const auto &entry : table)
        names << QString::fromUtf16(entry.second);
    return names;
}

} // namespace

QString toString(SiteKind kind)
{
    return nameOf(kSiteKinds, kind);
}
QString toString(LinkMedium medium)
{
    return nameOf(kMedia, medium);
}
QString toString(DemandClass demandClass)
{
    return nameOf(kClasses, demandClass);
}
QString toString(Protection protection)
{
    return nameOf(kProtections, protection);
}
QString toString(RegionPurpose purpose)
{
    return nameOf(kPurposes, purpose);
}

QString toString(AddressUse use)
{
    return nameOf(kAddressUses, use);
}
std::optional<AddressUse> addressUseFromString(const QString &text)
{
    return parse(kAddressUses, text);
}

std::optional<SiteKind> siteKindFromString(const QString &text)
{
    return parse(kSiteKinds, text);
}
std::optional<LinkMedium> linkMediumFromString(const QString &text)
{
    const QString key = normalised(text);
    if (key == u"fibre")
        return LinkMedium::Fiber;
    return parse(kMedia, text);
}
std::optional<DemandClass> demandClassFromString(const QString &text)
{
    return parse(kClasses, text);
}
std::optional<Protection> protectionFromString(const QString &text)
{
    const QString key = normalised(text);
    if (key == u"one_plus_one" || key == u"1_plus_1")
        return Protection::OnePlusOne;
    if (key.isEmpty())
        return Protection::None;
    return parse(kProtections, text);
}
std::optional<RegionPurpose> regionPurposeFromString(const QString &text)
{
    return parse(kPurposes, text);
}

QStringList siteKindNames()
{
    return namesOf(kSiteKinds);
}
QStringList linkMediumNames()
{
    return namesOf(kMedia);
}
QStringList demandClassNames()
{
    return namesOf(kClasses);
}
QStringList protectionNames()
{
    return namesOf(kProtections);
}
QStringList regionPurposeNames()
{
    return namesOf(kPurposes);
}

} // namespace nqi::core
