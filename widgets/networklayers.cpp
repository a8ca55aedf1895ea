#include "widgets/networklayers.h"

#include "planners/common/parallel.h"
#include "widgets/siteitem.h"

#include <QCache>
#include <QMutex>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <thread>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

} // namespace

std::vector<LinkItem::Geometry> linkGeometries(const Network &network)
{
    const std::vector<Link> &links = network.links();
    std::vector<LinkItem::Geometry> geometries(links.size());
    planners::parallelFor(
        int(links.size()), links.size() < 2000 ? 1 : planners::workerCount(), [&](int i, int) {
            geometries[size_t(i)] = LinkItem::geometryOf(network, links[size_t(i)]);
        });
    return geometries;
}

NetworkLayers::NetworkLayers(QObject *parent)
    : QObject(parent)
{
}

NetworkLayers::~NetworkLayers() = default;

namespace {

constexpr int kLabelMargin = 3;

// A label with its white halo as an image; cached (thread safe, bounded) since the same labels
// are drawn again on every pan and zoom.
QImage labelImage(const QString &text, const QFont &font, const QSizeF &size, qreal dpr)
{
    static QMutex mutex;
    static QCache<QString, QImage> cache(48 * 1024 * 1024); // bytes
    const QString key = text + QChar(0x1f) + QString::number(size.width()) + QChar(0x1f) +
                        QString::number(size.height()) + QChar(0x1f) + QString::number(dpr) +
                        QChar(0x1f) + QString::number(font.pointSizeF());
    {
        const QMutexLocker lock(&mutex);
        if (const QImage *cached = cache.object(key))
            return *cached;
    }
    const QSizeF padded = size + QSizeF(2 * kLabelMargin, 2 * kLabelMargin);
    QImage image(int(std::ceil(padded.width() * dpr)), int(std::ceil(padded.height() * dpr)),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        QPainterPath path;
        path.addText(kLabelMargin + 3,
                     kLabelMargin + size.height() / 2 + QFontMetricsF(font).ascent() / 2 - 1, font,
                     text);
        painter.strokePath(
            path, QPen(QColor(255, 255, 255, 220), 3, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.fillPath(path, QColor(33, 33, 33));
    }
    const QMutexLocker lock(&mutex);
    cache.insert(key, new QImage(image), int(image.sizeInBytes()));
    return image;
}

} // namespace

void NetworkLayers::draw(QPainter &painter,
                         const NetworkSnapshot &snapshot,
                         const QRectF &sceneRect,
                         double pixelsPerUnit,
                         const std::atomic<bool> *cancel,
                         Detail detail)
{
    const bool print = detail == Detail::Print;
    const double unitsPerPixel = 1.0 / pixelsPerUnit;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    // Links in pixel coordinates as polylines with flat caps: the raster engine's fast path.
    // Level of detail: a link shorter than a pixel is not drawn (its sites show where it is).
    qsizetype visibleLinks = 0;
    for (const NetworkSnapshot::LinkShape &link : snapshot.links)
        visibleLinks += link.bounds.intersects(sceneRect) ? 1 : 0;
    const bool thinLines = !print && visibleLinks > 3000;
    auto drawLinks = [&](QPainter &target, qsizetype first, qsizetype last) {
        QPen pen;
        pen.setCapStyle(print ? Qt::RoundCap : Qt::FlatCap);
        pen.setJoinStyle(print ? Qt::RoundJoin : Qt::MiterJoin);
        pen.setCosmetic(true);
        // Links drawn with the same pen one after another go to the painter as one path: one
        // call for many links costs far less than a call each.
        QPainterPath batch;
        int batched = 0;
        auto flush = [&] {
            if (batched > 0)
                target.drawPath(batch);
            batch.clear();
            batched = 0;
        };
        // Vertices closer than this (in x and y) to the last one drawn are left out: a geodesic
        // bends too little over a few pixels to show (a long arc at world scale is off its chord
        // by less than 0.1 px over 8 px); its ends are always drawn.
        const double spacing = print ? 0.0 : 8.0;
        for (qsizetype i = first; i < last; ++i) {
            const NetworkSnapshot::LinkShape &link = snapshot.links[i];
            if ((i & 1023) == 0 && cancel && cancel->load(std::memory_order_relaxed))
                break;
            if (!link.bounds.intersects(sceneRect))
                continue;
            if (!print && link.bounds.width() < unitsPerPixel &&
                link.bounds.height() < unitsPerPixel)
                continue;
            // Lines of one pixel go through the raster engine's cosmetic stroker, tens of times
            // faster than wider strokes: when the view holds many links, all are drawn so, and
            // capacity shows as width once the user zooms in to fewer of them.
            const qreal width = thinLines ? 1.0 : link.widthPx;
            if (pen.color() != link.colour || pen.widthF() != width || batched >= 2048) {
                flush();
                pen.setColor(link.colour);
                pen.setWidthF(width);
                target.setPen(pen);
            }
            const int count = link.path.elementCount();
            QPointF previous;
            for (int e = 0; e < count; ++e) {
                const QPainterPath::Element element = link.path.elementAt(e);
                const QPointF point((element.x - sceneRect.left()) * pixelsPerUnit,
                                    (element.y - sceneRect.top()) * pixelsPerUnit);
                if (e == 0) {
                    batch.moveTo(point);
                } else if (e + 1 == count || std::abs(point.x() - previous.x()) >= spacing ||
                           std::abs(point.y() - previous.y()) >= spacing) {
                    batch.lineTo(point);
                } else {
                    continue;
                }
                previous = point;
            }
            ++batched;
        }
        flush();
    };
    // Many links: the second half is drawn into its own image on another core meanwhile.
    auto *device = painter.device();
    const qsizetype count = snapshot.links.size();
    if (visibleLinks > 8000 && device && device->devType() == QInternal::Image) {
        const auto *target = static_cast<const QImage *>(device);
        QImage second(target->size(), QImage::Format_ARGB32_Premultiplied);
        second.setDevicePixelRatio(target->devicePixelRatio());
        second.fill(Qt::transparent);
        std::thread helper([&] {
            QPainter other(&second);
            other.setRenderHint(QPainter::Antialiasing);
            drawLinks(other, count / 2, count);
        });
        drawLinks(painter, 0, count / 2);
        helper.join();
        painter.drawImage(QPointF(0, 0), second);
    } else {
        drawLinks(painter, 0, count);
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
        // Labels with their halo are drawn once into a cached image, then blitted.
        const QRectF rect = site.labelRect.translated(at);
        const QImage label = labelImage(site.label, font, site.labelRect.size(), dpr);
        painter.drawImage(
            QPointF(std::round(rect.left()) - kLabelMargin, std::round(rect.top()) - kLabelMargin),
            label);
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
