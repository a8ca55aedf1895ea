#include "widgets/linkitem.h"

#include "core/geo/geodesy.h"
#include "widgets/maptransform.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {
qreal g_sceneUnitsPerPixel = 1000.0;

QColor colourOf(LinkMedium medium)
{
    switch (medium) {
    case LinkMedium::DciWave:
        return QColor(106, 27, 154);
    case LinkMedium::Leased:
        return QColor(239, 108, 0);
    case LinkMedium::Microwave:
        return QColor(0, 137, 123);
    case LinkMedium::SatelliteFeeder:
    case LinkMedium::Isl:
        return QColor(46, 125, 50);
    case LinkMedium::Fiber:
        break;
    }
    return QColor(21, 101, 192);
}
} // namespace

LinkItem::LinkItem(const Network &network, const Link &link)
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    setLink(network, link);
}

void LinkItem::setSceneUnitsPerPixel(qreal units)
{
    g_sceneUnitsPerPixel = units;
}

void LinkItem::setLink(const Network &network, const Link &link)
{
    m_id = link.id;
    const Site *a = network.site(link.siteA);
    const Site *b = network.site(link.siteB);
    QPainterPath path;
    if (a && b) {
        const QList<LatLon> points = geo::geodesicPath(a->latitudeDeg, a->longitudeDeg,
                                                       b->latitudeDeg, b->longitudeDeg, 25.0);
        path.moveTo(mercator::toScene(points.constFirst()));
        for (qsizetype i = 1; i < points.size(); ++i)
            path.lineTo(mercator::toScene(points[i]));
    }
    setPath(path);
    // 100G -> 1.5 px, 400G -> 2.5 px, 1.6T -> 3.5 px, 6.4T -> 4.5 px
    const double capacity = std::max(link.totalCapacityGbps(), 1.0);
    m_widthPx = std::clamp(1.5 + 0.5 * std::log2(capacity / 100.0), 1.0, 6.0);
    m_colour = colourOf(link.medium);
    setToolTip(u"<b>%1 – %2</b><br>%3 × %4 Gbps, %5<br>%6 km, %7 ms"_qs
                   .arg(a ? a->code : QString(), b ? b->code : QString())
                   .arg(link.parallelCount)
                   .arg(link.capacityGbps)
                   .arg(toString(link.medium))
                   .arg(network.lengthKm(link), 0, 'f', 1)
                   .arg(network.latencyMs(link), 0, 'f', 2));
}

QRectF LinkItem::boundingRect() const
{
    const qreal margin = 8.0 * g_sceneUnitsPerPixel;
    return path().controlPointRect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(8.0 * g_sceneUnitsPerPixel);
    return stroker.createStroke(path());
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    if (isSelected()) {
        QPen halo(QColor(255, 193, 7, 200), m_widthPx + 5);
        halo.setCosmetic(true);
        halo.setCapStyle(Qt::RoundCap);
        painter->setPen(halo);
        painter->drawPath(path());
    }
    QPen pen(colour(), m_widthPx);
    pen.setCosmetic(true);
    pen.setCapStyle(Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(path());
}

void LinkItem::setDrawnByLayer(bool drawnByLayer)
{
    m_drawnByLayer = drawnByLayer;
    setFlag(ItemHasNoContents, m_drawnByLayer && !isSelected());
    update();
}

QVariant LinkItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        setFlag(ItemHasNoContents, m_drawnByLayer && !value.toBool());
    return QGraphicsPathItem::itemChange(change, value);
}

void LinkItem::setOverrideColour(const QColor &colour)
{
    if (colour == m_overrideColour)
        return;
    m_overrideColour = colour;
    update();
}

} // namespace widgets
} // namespace nqi
