#include "widgets/kindnames.h"

#include <QCoreApplication>
#include <QLocale>

namespace nqi::widgets {

QString interfaceLanguage()
{
    return QLocale().language() == QLocale::Chinese ? u"zh"_qs : u"en"_qs;
}
namespace {

// One translation context for every vocabulary (lupdate reads this macro).
struct Text
{
    Q_DECLARE_TR_FUNCTIONS(nqi::widgets::KindNames)
};

} // namespace

using namespace nqi::core;

QString siteKindTitle(SiteKind kind)
{
    switch (kind) {
    case SiteKind::NationalHub:
        return Text::tr("National hub");
    case SiteKind::DcCluster:
        return Text::tr("Data centre cluster");
    case SiteKind::MetroDc:
        return Text::tr("Metro data centre");
    case SiteKind::EdgeDc:
        return Text::tr("Edge data centre");
    case SiteKind::IngestSite:
        return Text::tr("Ingest site");
    case SiteKind::Pop:
        return Text::tr("Point of presence");
    case SiteKind::GroundStation:
        return Text::tr("Ground station");
    case SiteKind::Enterprise:
        return Text::tr("Enterprise");
    case SiteKind::Other:
        break;
    }
    return Text::tr("Other site");
}

QString linkMediumTitle(LinkMedium medium)
{
    switch (medium) {
    case LinkMedium::Fiber:
        return Text::tr("Fibre");
    case LinkMedium::DciWave:
        return Text::tr("DCI wavelength");
    case LinkMedium::Leased:
        return Text::tr("Leased line");
    case LinkMedium::Microwave:
        return Text::tr("Microwave");
    case LinkMedium::SatelliteFeeder:
        return Text::tr("Satellite feeder link");
    case LinkMedium::Isl:
        break;
    }
    return Text::tr("Inter-satellite link");
}

QString demandClassTitle(DemandClass demandClass)
{
    switch (demandClass) {
    case DemandClass::TrainingSync:
        return Text::tr("Training sync");
    case DemandClass::IngestBulk:
        return Text::tr("Bulk ingest");
    case DemandClass::Inference:
        return Text::tr("Inference");
    case DemandClass::Replication:
        return Text::tr("Replication");
    case DemandClass::BestEffort:
        break;
    }
    return Text::tr("Best effort");
}

QString protectionTitle(Protection protection)
{
    switch (protection) {
    case Protection::None:
        return Text::tr("None");
    case Protection::OnePlusOne:
        return Text::tr("1+1");
    case Protection::Restoration:
        break;
    }
    return Text::tr("Restoration");
}

QString regionPurposeTitle(RegionPurpose purpose)
{
    switch (purpose) {
    case RegionPurpose::Coverage:
        return Text::tr("Coverage");
    case RegionPurpose::Residency:
        return Text::tr("Data residency");
    case RegionPurpose::Both:
        break;
    }
    return Text::tr("Coverage and data residency");
}

} // namespace nqi::widgets
