#include "widgets/maptools/adddemandtool.h"

#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptools/valuespopup.h"

#include <QHash>
#include <QQueue>
#include <QSet>

namespace nqi::widgets {

using namespace nqi::core;

namespace {

// What the user entered last, for as long as the program runs (not a setting).
double g_rateGbps = 10.0;
DemandClass g_class = DemandClass::BestEffort;

// Whether a chain of links joins the two sites (breadth first over the links).
bool connected(const Network &network, SiteId from, SiteId to)
{
    QHash<SiteId, QList<SiteId>> neighbours;
    for (const Link &link : network.links()) {
        neighbours[link.siteA] << link.siteB;
        neighbours[link.siteB] << link.siteA;
    }
    QSet<SiteId> seen{from};
    QQueue<SiteId> queue;
    queue.enqueue(from);
    while (!queue.isEmpty()) {
        const SiteId site = queue.dequeue();
        if (site == to)
            return true;
        for (SiteId next : neighbours.value(site)) {
            if (!seen.contains(next)) {
                seen.insert(next);
                queue.enqueue(next);
            }
        }
    }
    return false;
}

} // namespace

QString AddDemandTool::className(DemandClass demandClass)
{
    switch (demandClass) {
    case DemandClass::TrainingSync:
        return tr("Training sync");
    case DemandClass::IngestBulk:
        return tr("Bulk ingest");
    case DemandClass::Inference:
        return tr("Inference");
    case DemandClass::Replication:
        return tr("Replication");
    case DemandClass::BestEffort:
        break;
    }
    return tr("Best effort");
}

ValuesPopup *AddDemandTool::makePopup(SiteId from, SiteId to)
{
    const Network &network = document()->network();
    auto *popup = new ValuesPopup(
        tr("New demand %1 → %2").arg(network.site(from)->code, network.site(to)->code),
        canvas()->viewport());
    popup->setObjectName(u"newDemandPopup"_qs);
    popup->addNumber(u"rateGbps"_qs, tr("Rate"), g_rateGbps, 0.01, 2, tr(" Gbps"));
    QList<std::pair<QString, QVariant>> classes;
    for (const DemandClass demandClass :
         {DemandClass::TrainingSync, DemandClass::IngestBulk, DemandClass::Inference,
          DemandClass::Replication, DemandClass::BestEffort}) {
        classes.append({className(demandClass), int(demandClass)});
    }
    popup->addChoice(u"demandClass"_qs, tr("Class"), classes, int(g_class));
    return popup;
}

void AddDemandTool::add(SiteId from, SiteId to, const ValuesPopup &popup)
{
    Demand demand;
    demand.source = from;
    demand.destination = to;
    demand.rateGbps = popup.number(u"rateGbps"_qs);
    demand.demandClass = DemandClass(popup.choice(u"demandClass"_qs).toInt());
    g_rateGbps = *demand.rateGbps;
    g_class = demand.demandClass;
    if (!push(std::make_unique<AddDemandCommand>(document(), demand)))
        return;
    const Network &network = document()->network();
    if (!connected(network, from, to)) {
        Q_EMIT warning(tr("The demand %1 → %2 cannot be routed: no links join %1 and %2. "
                          "Add links between them, or it stays unrouted.")
                           .arg(network.site(from)->code, network.site(to)->code));
    }
}

QString AddDemandTool::firstSiteText() const
{
    return tr("Click the site the traffic comes from.");
}

} // namespace nqi::widgets
