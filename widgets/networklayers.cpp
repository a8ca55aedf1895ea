#include "widgets/networklayers.h"

#include "widgets/siteitem.h"

#include <QPainter>
#include <cmath>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

} // namespace

NetworkLayers::NetworkLayers(QObject *parent)
    : QObject(parent)
{
}

NetworkLayers::~NetworkLayers() = default;

void NetworkLayers::draw(QPainter &painter,
                         const NetworkSnapshot &snapshot,
                         const QRectF &sceneRect,
                         double pixelsPerUnit,
                         const std::atomic<bool> *cancel)
{
    const double unitsPerPixel = 1.0 / pixelsPerUnit;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Links in pixel coordinates as polylines with flat caps: the raster engine's fast path.
    // Level of detail: a link shorter than a pixel is not drawn (its sites show where it is).
    qsizetype visibleLinks = 0;
    for (const NetworkSnapshot::LinkShape &link : snapshot.links)
        visibleLinks += link.bounds.intersects(sceneRect) ? 1 : 0;
    const bool thinLines = visibleLinks > 3000;
    QPolygonF polyline;
    QPen pen;
    pen.setCapStyle(Qt::FlatCap);
    pen.setJoinStyle(Qt::MiterJoin);
    for (qsizetype i = 0; i < snapshot.links.size(); ++i) {
        const NetworkSnapshot::LinkShape &link = snapshot.links[i];
        if ((i & 1023) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            break;
        if (!link.bounds.intersects(sceneRect))
            continue;
        if (link.bounds.width() < unitsPerPixel && link.bounds.height() < unitsPerPixel)
            continue;
        polyline.clear();
        for (int e = 0; e < link.path.elementCount(); ++e) {
            const QPainterPath::Element element = link.path.elementAt(e);
            polyline << QPointF((element.x - sceneRect.left()) * pixelsPerUnit,
                                (element.y - sceneRect.top()) * pixelsPerUnit);
        }
        // Lines of one pixel go through the raster engine's cosmetic stroker, tens of times
        // faster than wider strokes: when the view holds many links, all are drawn so, and
        // capacity shows as width once the user zooms in to fewer of them.
        const qreal width = thinLines ? 1.0 : link.widthPx;
        if (pen.color() != link.colour || pen.widthF() != width) {
            pen.setColor(link.colour);
            pen.setWidthF(width);
            pen.setCosmetic(true);
            painter.setPen(pen);
        }
        painter.drawPolyline(polyline);
    }
    painter.restore();

    // Sites in pixel coordinates, so icons and labels keep their size.
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font;
    font.setPointSizeF(8.5);
    painter.setFont(font);
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    for (qsizetype i = 0; i < snapshot.sites.size(); ++i) {
        const NetworkSnapshot::SiteShape &site = snapshot.sites[i];
        if ((i & 1023) == 0 && cancel && cancel->load(std::memory_order_relaxed))
            break;
        const QPointF at = (site.position - sceneRect.topLeft()) * pixelsPerUnit;
        if (at.x() < -100 || at.y() < -30 || at.x() > painter.window().width() + 300 ||
            at.y() > painter.window().height() + 30) {
            continue;
        }
        const qreal half = site.iconSize / 2.0;
        // At whole pixels and natural size the icon is a plain blit.
        painter.drawImage(QPointF(std::round(at.x() - half), std::round(at.y() - half)),
                          SiteItem::iconImage(site.kind, site.iconSize, dpr));
        if (site.labelRect.isEmpty())
            continue;
        const QRectF rect = site.labelRect.translated(at);
        QPainterPath text;
        text.addText(rect.left() + 3, rect.center().y() + QFontMetricsF(font).ascent() / 2 - 1,
                     font, site.label);
        painter.strokePath(
            text, QPen(QColor(255, 255, 255, 220), 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.fillPath(text, QColor(33, 33, 33));
    }
    painter.restore();
}

void NetworkLayers::render(std::shared_ptr<const NetworkSnapshot> snapshot,
                           const QRectF &sceneRect,
                           const QSize &pixelSize,
                           qreal devicePixelRatio)
{
    m_job.start(
        this, sceneRect, pixelSize, devicePixelRatio,
        [snapshot = std::move(snapshot)](QPainter &painter, const QRectF &rect,
                                         double pixelsPerUnit, const std::atomic<bool> &cancel) {
            draw(painter, *snapshot, rect, pixelsPerUnit, &cancel);
        },
        [this](const QImage &image, const QRectF &rect) { Q_EMIT rendered(image, rect); });
}

} // namespace widgets
} // namespace nqi
