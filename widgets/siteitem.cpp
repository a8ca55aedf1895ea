#include "widgets/siteitem.h"

#include "widgets/kindnames.h"
#include "widgets/maptransform.h"

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QMutex>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QSvgRenderer>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

QFont labelFont()
{
    QFont font;
    font.setPointSizeF(8.5);
    return font;
}

QString shortLabel(const Site &site)
{
    // "北京 Beijing (京津冀 hub)" -> "北京 Beijing": the parenthesis is for the inspector.
    QString label = site.name.isEmpty() ? site.code : site.name;
    const qsizetype bracket = label.indexOf(u" ("_qs);
    if (bracket > 0)
        label.truncate(bracket);
    if (label.size() > 28)
        label = label.left(27) + QChar(0x2026);
    return label;
}

} // namespace

SiteItem::SiteItem(const Site &site)
{
    // No hover events: with none accepted the scene skips a hit test on every mouse move,
    // which in a large network costs more than the frame. Tooltips work without them.
    setFlags(ItemIgnoresTransformations | ItemIsSelectable);
    setSite(site);
}

void SiteItem::setSite(const Site &site)
{
    prepareGeometryChange();
    m_id = site.id;
    m_kind = site.kind;
    m_label = shortLabel(site);
    setPos(mercator::toScene(site.latitudeDeg, site.longitudeDeg));
    setZValue(10 + priority());
    setToolTip(u"<b>%1</b><br>%2 · %3<br>%4, %5"_qs
                   .arg(site.name.toHtmlEscaped(), site.code, siteKindTitle(site.kind))
                   .arg(site.latitudeDeg, 0, 'f', 4)
                   .arg(site.longitudeDeg, 0, 'f', 4));
    update();
}

int SiteItem::priority() const
{
    switch (m_kind) {
    case SiteKind::NationalHub:
        return 5;
    case SiteKind::DcCluster:
        return 4;
    case SiteKind::MetroDc:
        return 3;
    case SiteKind::GroundStation:
    case SiteKind::IngestSite:
        return 2;
    default:
        return 1;
    }
}

int SiteItem::iconSize() const
{
    return priority() >= 4 ? 20 : priority() == 3 ? 16 : 14;
}

void SiteItem::setLabelVisible(bool visible)
{
    if (visible == m_labelVisible)
        return;
    prepareGeometryChange();
    m_labelVisible = visible;
}

void SiteItem::setLabelPlacement(LabelPlacement placement)
{
    if (placement == m_placement)
        return;
    prepareGeometryChange();
    m_placement = placement;
}

QRectF SiteItem::labelRect(LabelPlacement placement) const
{
    const QFontMetricsF metrics(labelFont());
    const qreal half = iconSize() / 2.0;
    const qreal width = metrics.horizontalAdvance(m_label) + 6;
    const qreal height = metrics.height();
    switch (placement) {
    case LabelPlacement::Left:
        return {-half - 3 - width, -height / 2, width, height};
    case LabelPlacement::Above:
        return {-width / 2, -half - 1 - height, width, height};
    case LabelPlacement::Below:
        return {-width / 2, half + 1, width, height};
    case LabelPlacement::Right:
        break;
    }
    return {half + 3, -height / 2, width, height};
}

QRectF SiteItem::boundingRect() const
{
    const qreal half = iconSize() / 2.0 + 2;
    QRectF rect(-half, -half, 2 * half, 2 * half);
    if (m_labelVisible)
        rect = rect.united(labelRect().adjusted(-1, -1, 1, 1));
    return rect;
}

QPainterPath SiteItem::shape() const
{
    QPainterPath path;
    const qreal half = iconSize() / 2.0 + 2;
    path.addEllipse(QPointF(0, 0), half, half);
    return path;
}

void SiteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const int size = iconSize();
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    if (isSelected()) {
        painter->setPen(QPen(QColor(255, 193, 7), 3));
        painter->setBrush(QColor(255, 193, 7, 90));
        painter->drawEllipse(QPointF(0, 0), size / 2.0 + 4, size / 2.0 + 4);
    }
    painter->drawPixmap(QRectF(-size / 2.0, -size / 2.0, size, size), icon(m_kind, size, dpr),
                        QRectF());
    if (!m_labelVisible)
        return;
    const QRectF rect = labelRect();
    painter->setFont(labelFont());
    // A halo keeps the label readable over any basemap colour.
    QPainterPath text;
    text.addText(rect.left() + 3, rect.center().y() + QFontMetricsF(labelFont()).ascent() / 2 - 1,
                 labelFont(), m_label);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->strokePath(
        text, QPen(QColor(255, 255, 255, 220), 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->fillPath(text, (option->state & QStyle::State_Selected) ? QColor(120, 60, 0)
                                                                     : QColor(33, 33, 33));
}

QImage SiteItem::iconImage(SiteKind kind, int size, qreal devicePixelRatio)
{
    static QMutex mutex;
    static QHash<QString, QImage> cache;
    const QString key =
        toString(kind) + u'/' + QString::number(size) + u'@' + QString::number(devicePixelRatio);
    const QMutexLocker lock(&mutex);
    const auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    QSvgRenderer renderer(u":/nqi/icons/sites/"_qs + toString(kind) + u".svg"_qs);
    QImage image(QSize(size, size) * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        renderer.render(&painter);
    }
    image.setDevicePixelRatio(devicePixelRatio);
    cache.insert(key, image);
    return image;
}

QPixmap SiteItem::icon(SiteKind kind, int size, qreal devicePixelRatio)
{
    static QHash<QString, QPixmap> cache; // GUI thread only, like QPixmap itself
    const QString key =
        toString(kind) + u'/' + QString::number(size) + u'@' + QString::number(devicePixelRatio);
    const auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    const QPixmap pixmap = QPixmap::fromImage(iconImage(kind, size, devicePixelRatio));
    cache.insert(key, pixmap);
    return pixmap;
}

void SiteItem::setDrawnByLayer(bool drawnByLayer)
{
    m_drawnByLayer = drawnByLayer;
    setFlag(ItemHasNoContents, m_drawnByLayer && !isSelected());
    update();
}

QVariant SiteItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemSelectedHasChanged)
        setFlag(ItemHasNoContents, m_drawnByLayer && !value.toBool());
    return QGraphicsItem::itemChange(change, value);
}

} // namespace widgets
} // namespace nqi
