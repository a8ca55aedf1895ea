#include "widgets/maptools/addlinktool.h"

#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptools/valuespopup.h"

namespace nqi::widgets {

using namespace nqi::core;

namespace {
// What the user entered last, for as long as the program runs (not a setting).
double g_capacityGbps = 100.0;
} // namespace

double AddLinkTool::lastCapacityGbps()
{
    return g_capacityGbps;
}

ValuesPopup *AddLinkTool::makePopup(SiteId from, SiteId to)
{
    const Network &network = document()->network();
    auto *popup = new ValuesPopup(
        tr("New link %1 – %2").arg(network.site(from)->code, network.site(to)->code),
        canvas()->viewport());
    popup->setObjectName(u"newLinkPopup"_qs);
    popup->addNumber(u"capacityGbps"_qs, tr("Capacity"), g_capacityGbps, 0.1, 1, tr(" Gbps"));
    return popup;
}

void AddLinkTool::add(SiteId from, SiteId to, const ValuesPopup &popup)
{
    Link link;
    link.siteA = from;
    link.siteB = to;
    link.capacityGbps = popup.number(u"capacityGbps"_qs);
    g_capacityGbps = link.capacityGbps;
    push(std::make_unique<AddLinkCommand>(document(), link));
}

QString AddLinkTool::firstSiteText() const
{
    return tr("Click the site the link starts at.");
}

} // namespace nqi::widgets
