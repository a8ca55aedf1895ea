#include "widgets/linkitem.h"

#include "core/geo/geodesy.h"
#include "widgets/kindnames.h"
#include "widgets/maptransform.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>
#include <optional>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {
qreal g_sceneUnitsPerPixel = 1000.0;
constexpr qreal kHitWidthPx = 8.0; // the hit area: 4 px either side of the line

double squaredDistance(const QPointF &a, const QPointF &b)
{
    const QPointF d = a - b;
    return d.x() * d.x() + d.y() * d.y();
}

double squaredDistanceToSegment(const QPointF &p, const QPointF &a, const QPointF &b)
{
    const QPointF ab = b - a;
    const double length2 = ab.x() * ab.x() + ab.y() * ab.y();
    if (length2 <= 0)
        return squaredDistance(p, a);
    const double t =
        std::clamp(((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / length2, 0.0, 1.0);
    return squaredDistance(p, a + t * ab);
}

double squaredDistanceToRect(const QPointF &p, const QRectF &r)
{
    const double dx = std::max({r.left() - p.x(), 0.0, p.x() - r.right()});
    const double dy = std::max({r.top() - p.y(), 0.0, p.y() - r.bottom()});
    return dx * dx + dy * dy;
}

// Whether segment ab crosses rectangle r (Liang-Barsky clipping leaves a part of it).
bool segmentCrossesRect(const QPointF &a, const QPointF &b, const QRectF &r)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

// Squared distance between segment ab and rectangle r (0 when they meet).
double squaredDistanceSegmentToRect(const QPointF &a, const QPointF &b, const QRectF &r)
{
    if (segmentCrossesRect(a, b, r))
        return 0;
    return std::min({squaredDistanceToRect(a, r), squaredDistanceToRect(b, r),
                     squaredDistanceToSegment(r.topLeft(), a, b),
                     squaredDistanceToSegment(r.topRight(), a, b),
                     squaredDistanceToSegment(r.bottomLeft(), a, b),
                     squaredDistanceToSegment(r.bottomRight(), a, b)});
}

// Whether the path is one axis-aligned rectangle (what views and rubber bands ask about).
std::optional<QRectF> asRectangle(const QPainterPath &path)
{
    if (path.elementCount() != 5)
        return std::nullopt;
    const QRectF box = path.boundingRect();
    QPainterPath rectangle;
    rectangle.addRect(box);
    if (rectangle != path)
        return std::nullopt;
    return box;
}

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
    : LinkItem(link, geometryOf(network, link))
{
}

LinkItem::LinkItem(const Link &link, Geometry geometry)
{
    setFlags(ItemIsSelectable);
    setZValue(5);
    setLink(link, std::move(geometry));
}

void LinkItem::setSceneUnitsPerPixel(qreal units)
{
    g_sceneUnitsPerPixel = units;
}

LinkItem::Geometry LinkItem::geometryOf(const Network &network, const Link &link)
{
    Geometry geometry;
    const Site *a = network.site(link.siteA);
    const Site *b = network.site(link.siteB);
    if (a && b) {
        const QList<LatLon> points = geo::geodesicPath(a->latitudeDeg, a->longitudeDeg,
                                                       b->latitudeDeg, b->longitudeDeg, 25.0);
        geometry.path.moveTo(mercator::toScene(points.constFirst()));
        for (qsizetype i = 1; i < points.size(); ++i)
            geometry.path.lineTo(mercator::toScene(points[i]));
    }
    geometry.toolTip = u"<b>%1 – %2</b><br>%3 × %4 Gbps, %5<br>%6 km, %7 ms"_qs
                           .arg(a ? a->code : QString(), b ? b->code : QString())
                           .arg(link.parallelCount)
                           .arg(link.capacityGbps)
                           .arg(linkMediumTitle(link.medium))
                           .arg(network.lengthKm(link), 0, 'f', 1)
                           .arg(network.latencyMs(link), 0, 'f', 2);
    return geometry;
}

void LinkItem::setLink(const Network &network, const Link &link)
{
    setLink(link, geometryOf(network, link));
}

void LinkItem::setLink(const Link &link, Geometry geometry)
{
    m_id = link.id;
    setPath(geometry.path);
    // 100G -> 1.5 px, 400G -> 2.5 px, 1.6T -> 3.5 px, 6.4T -> 4.5 px
    const double capacity = std::max(link.totalCapacityGbps(), 1.0);
    m_widthPx = std::clamp(1.5 + 0.5 * std::log2(capacity / 100.0), 1.0, 6.0);
    m_colour = colourOf(link.medium);
    setToolTip(geometry.toolTip);
}

QRectF LinkItem::boundingRect() const
{
    const qreal margin = kHitWidthPx * g_sceneUnitsPerPixel;
    return path().controlPointRect().adjusted(-margin, -margin, margin, margin);
}

QPainterPath LinkItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(kHitWidthPx * g_sceneUnitsPerPixel);
    stroker.setCapStyle(Qt::RoundCap); // as contains() measures: distance to the line
    stroker.setJoinStyle(Qt::RoundJoin);
    return stroker.createStroke(path());
}

bool LinkItem::contains(const QPointF &point) const
{
    return collidesWithRect(QRectF(point, QSizeF(0, 0)));
}

bool LinkItem::collidesWithRect(const QRectF &rect) const
{
    const double reach = kHitWidthPx / 2 * g_sceneUnitsPerPixel;
    const double reach2 = reach * reach;
    const QPainterPath &line = path();
    for (int i = 1; i < line.elementCount(); ++i) {
        const QPainterPath::Element to = line.elementAt(i);
        if (to.type != QPainterPath::LineToElement)
            continue; // a new part (the line crossed the antimeridian)
        if (squaredDistanceSegmentToRect(line.elementAt(i - 1), to, rect) <= reach2)
            return true;
    }
    return line.elementCount() == 1 && squaredDistanceToRect(line.elementAt(0), rect) <= reach2;
}

bool LinkItem::collidesWithPath(const QPainterPath &path, Qt::ItemSelectionMode mode) const
{
    if (mode == Qt::IntersectsItemShape)
        if (const std::optional<QRectF> rectangle = asRectangle(path))
            return collidesWithRect(*rectangle);
    return QGraphicsPathItem::collidesWithPath(path, mode);
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
