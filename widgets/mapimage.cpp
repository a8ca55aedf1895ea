#include "widgets/mapimage.h"

#include "planners/common/parallel.h"
#include "widgets/basemap.h"
#include "widgets/kindnames.h"
#include "widgets/linkitem.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptransform.h"
#include "widgets/siteitem.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QHash>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace nqi::widgets {

using namespace nqi::core;

namespace {

// The canvas's limits and spacing (mapcanvas.cpp).
constexpr double kMinUnitsPerPixel = 0.5;
constexpr double kMaxUnitsPerPixel = 80000.0;
constexpr int kOverlayClearancePx = 6;
constexpr int kLegendIconPx = 16;
const QColor kOcean(214, 230, 240);

// The canvas's strings, in its translation context.
QString canvasText(const char *text)
{
    return QCoreApplication::translate("nqi::widgets::MapCanvas", text);
}

int legendLineHeight(const QFontMetrics &metrics)
{
    return std::max(metrics.height() + 4, kLegendIconPx + 3);
}

} // namespace

namespace maplegend {

Texts Texts::interface()
{
    return {canvasText("Sites"),
            {canvasText("below 50%"), canvasText("50–70%"), canvasText("70–80%"),
             canvasText("80–100%"), canvasText("over 100%")}};
}

QList<double> utilizationStepValues()
{
    return {0.0, 0.6, 0.75, 0.9, 1.5};
}

QRect utilizationRect(const QFontMetrics &metrics,
                      const QRect &view,
                      const QString &title,
                      const Texts &texts)
{
    if (title.isEmpty())
        return {};
    int width = metrics.horizontalAdvance(title);
    for (const QString &step : texts.utilizationSteps)
        width = std::max(width, 34 + metrics.horizontalAdvance(step));
    return {view.right() - width - 30, view.top() + 12, width + 20,
            legendLineHeight(metrics) * int(texts.utilizationSteps.size() + 1) + 10};
}

QRect siteKindRect(const QFontMetrics &metrics,
                   const QRect &view,
                   const QList<SiteKind> &kinds,
                   const Texts &texts)
{
    if (kinds.isEmpty())
        return {};
    int width = metrics.horizontalAdvance(texts.sites);
    for (const SiteKind kind : kinds)
        width = std::max(width, kLegendIconPx + 8 + metrics.horizontalAdvance(siteKindTitle(kind)));
    const int height = legendLineHeight(metrics) * int(kinds.size() + 1) + 10;
    return {view.right() - width - 30, view.bottom() - height - 12, width + 20, height};
}

QRect scaleBarRect(const QRect &view)
{
    return {view.left() + 10, view.bottom() - 40, 132, 30};
}

void draw(QPainter &painter,
          const QRect &view,
          const QFont &font,
          const QString &utilizationTitle,
          const QList<SiteKind> &kinds,
          const Texts &texts)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font);
    const QFontMetrics metrics(font);
    const int lineHeight = legendLineHeight(metrics);
    auto frame = [&](const QRect &box, const QString &title) {
        painter.setPen(QColor(160, 160, 160));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRoundedRect(box, 6, 6);
        painter.setPen(QColor(30, 30, 30));
        painter.drawText(QRect(box.left() + 10, box.top() + 5, box.width() - 20, lineHeight),
                         Qt::AlignVCenter, title);
    };
    if (const QRect box = utilizationRect(metrics, view, utilizationTitle, texts); !box.isNull()) {
        frame(box, utilizationTitle);
        const QList<double> values = utilizationStepValues();
        for (qsizetype i = 0; i < texts.utilizationSteps.size() && i < values.size(); ++i) {
            const int y = box.top() + 5 + lineHeight * int(i + 1);
            painter.setPen(QPen(MapCanvas::utilizationColour(values[i]), 4));
            painter.drawLine(box.left() + 10, y + lineHeight / 2, box.left() + 34,
                             y + lineHeight / 2);
            painter.setPen(QColor(30, 30, 30));
            painter.drawText(QRect(box.left() + 40, y, box.width() - 50, lineHeight),
                             Qt::AlignVCenter, texts.utilizationSteps[i]);
        }
    }
    if (const QRect box = siteKindRect(metrics, view, kinds, texts); !box.isNull()) {
        frame(box, texts.sites);
        const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
        for (qsizetype i = 0; i < kinds.size(); ++i) {
            const int y = box.top() + 5 + lineHeight * int(i + 1);
            // The image form of the icon: pixmaps belong to the GUI thread.
            painter.drawImage(QRectF(box.left() + 10, y + (lineHeight - kLegendIconPx) / 2,
                                     kLegendIconPx, kLegendIconPx),
                              SiteItem::iconImage(kinds[i], kLegendIconPx, dpr));
            painter.drawText(QRect(box.left() + 18 + kLegendIconPx, y,
                                   box.width() - 28 - kLegendIconPx, lineHeight),
                             Qt::AlignVCenter, siteKindTitle(kinds[i]));
        }
    }
    painter.restore();
}

void drawScaleBar(QPainter &painter, const QRect &view, double metresPerPixel)
{
    if (!(metresPerPixel > 0) || !std::isfinite(metresPerPixel))
        return;
    const double maxMetres = 120 * metresPerPixel;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double metres = magnitude;
    for (double factor : {5.0, 2.0, 1.0}) {
        if (factor * magnitude <= maxMetres) {
            metres = factor * magnitude;
            break;
        }
    }
    const int pixels = int(std::round(metres / metresPerPixel));
    const QString text =
        metres >= 1000 ? canvasText("%1 km").arg(metres / 1000) : canvasText("%1 m").arg(metres);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    const QPoint origin(view.left() + 16, view.bottom() - 18);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(255, 255, 255, 200));
    painter.drawRect(QRect(origin.x() - 6, origin.y() - 22, pixels + 12, 30));
    painter.setPen(QPen(QColor(40, 40, 40), 2));
    painter.drawLine(origin, origin + QPoint(pixels, 0));
    painter.drawLine(origin, origin + QPoint(0, -6));
    painter.drawLine(origin + QPoint(pixels, 0), origin + QPoint(pixels, -6));
    painter.drawText(QRect(origin.x(), origin.y() - 22, pixels, 16), Qt::AlignCenter, text);
    painter.restore();
}

} // namespace maplegend

MapImage::MapImage(const Network &network, std::shared_ptr<const BasemapData> basemap)
    : m_basemap(std::move(basemap))
{
    // The links as the canvas's items draw them: the geodesic path, a width by capacity and the
    // medium's colour (the items' own code, on every core for a large network).
    const std::vector<Link> &links = network.links();
    std::vector<LinkItem::Geometry> geometries(links.size());
    planners::parallelFor(
        int(links.size()), links.size() < 2000 ? 1 : planners::workerCount(), [&](int i, int) {
            geometries[size_t(i)] = LinkItem::geometryOf(network, links[size_t(i)]);
        });
    m_links.links.reserve(qsizetype(links.size()));
    for (size_t i = 0; i < links.size(); ++i) {
        const LinkItem item(links[i], std::move(geometries[i]));
        m_links.links.append(
            {item.path(), item.path().controlPointRect(), item.widthPx(), item.colour()});
        m_linkIds.push_back(links[i].id);
    }
    for (const Site &site : network.sites()) {
        m_sites.push_back(std::make_unique<SiteItem>(site));
        if (!m_kinds.contains(site.kind))
            m_kinds << site.kind;
    }
    std::sort(m_kinds.begin(), m_kinds.end()); // the enumeration's order: hubs first
    // Hubs drawn last, on top.
    std::sort(m_sites.begin(), m_sites.end(), [](const auto &a, const auto &b) {
        return a->priority() != b->priority() ? a->priority() < b->priority()
                                              : a->siteId() < b->siteId();
    });
    for (const Region &region : network.regions()) {
        QPolygonF polygon;
        for (const LatLon &point : region.rings.value(0))
            polygon << mercator::toScene(point);
        m_regions.append({polygon, region.purpose == RegionPurpose::Coverage
                                       ? QColor(46, 125, 50)
                                       : QColor(123, 31, 162)});
    }
}

MapImage::~MapImage() = default;

QList<QRect> MapImage::legendRects(const MapImageView &view) const
{
    const QFontMetrics metrics(m_font);
    const QRect rect(QPoint(0, 0), view.sizePx);
    QList<QRect> rects;
    for (const QRect &legend :
         {maplegend::utilizationRect(metrics, rect, view.utilizationTitle, m_texts),
          maplegend::siteKindRect(metrics, rect, m_kinds, m_texts)})
        if (!legend.isNull())
            rects << legend;
    return rects;
}

QRectF MapImage::sceneRect(const MapImageView &view) const
{
    const QSizeF size(view.sizePx);
    auto around = [&](const QPointF &centre, double unitsPerPixel) {
        unitsPerPixel = std::clamp(unitsPerPixel, kMinUnitsPerPixel, kMaxUnitsPerPixel);
        const QSizeF extent = size * unitsPerPixel;
        return QRectF(centre - QPointF(extent.width() / 2, extent.height() / 2), extent);
    };
    if (view.centre)
        return around(mercator::toScene(*view.centre),
                      view.metresPerPixel / mercator::groundScale(view.centre->latitudeDeg));
    QRectF bounds;
    for (const auto &site : m_sites)
        bounds = bounds.isNull() ? QRectF(site->pos(), QSizeF(1, 1))
                                 : bounds.united(QRectF(site->pos(), QSizeF(1, 1)));
    if (bounds.isNull())
        return around(mercator::toScene(35.0, 105.0), 5000.0 / mercator::groundScale(35.0));
    const double margin = std::max({bounds.width(), bounds.height(), 50000.0}) * 0.08;
    bounds.adjust(-margin, -margin, margin, margin);

    // The canvas's fit: of the rectangles whose sides lie on the image's or an overlay's edges
    // and that no overlay overlaps, the one that shows the bounds largest.
    const QRect viewRect(QPoint(0, 0), view.sizePx);
    const QRectF whole(viewRect);
    QList<QRectF> overlays;
    QList<double> xs{whole.left(), whole.right()};
    QList<double> ys{whole.top(), whole.bottom()};
    QList<QRect> kept = legendRects(view);
    kept.append(maplegend::scaleBarRect(viewRect));
    for (const QRect &rect : std::as_const(kept)) {
        const QRectF clear = QRectF(rect).adjusted(-kOverlayClearancePx, -kOverlayClearancePx,
                                                   kOverlayClearancePx, kOverlayClearancePx);
        overlays << clear;
        xs << std::clamp(clear.left(), whole.left(), whole.right())
           << std::clamp(clear.right(), whole.left(), whole.right());
        ys << std::clamp(clear.top(), whole.top(), whole.bottom())
           << std::clamp(clear.bottom(), whole.top(), whole.bottom());
    }
    QRectF area = whole;
    double unitsPerPixel = std::numeric_limits<double>::infinity();
    for (double x1 : std::as_const(xs)) {
        for (double x2 : std::as_const(xs)) {
            for (double y1 : std::as_const(ys)) {
                for (double y2 : std::as_const(ys)) {
                    const QRectF candidate(QPointF(x1, y1), QPointF(x2, y2));
                    if (candidate.width() < 32 || candidate.height() < 32)
                        continue;
                    if (std::any_of(overlays.cbegin(), overlays.cend(),
                                    [&](const QRectF &o) { return o.intersects(candidate); }))
                        continue;
                    const double units = std::max(bounds.width() / candidate.width(),
                                                  bounds.height() / candidate.height());
                    if (units < unitsPerPixel) {
                        unitsPerPixel = units;
                        area = candidate;
                    }
                }
            }
        }
    }
    if (!std::isfinite(unitsPerPixel))
        unitsPerPixel = std::max(bounds.width() / whole.width(), bounds.height() / whole.height());
    unitsPerPixel = std::clamp(unitsPerPixel, kMinUnitsPerPixel, kMaxUnitsPerPixel);
    const QPointF centre = bounds.center();
    const double halfWidth = area.width() / 2 * unitsPerPixel;
    const double halfHeight = area.height() / 2 * unitsPerPixel;
    auto within = [](double value, double low, double high) {
        return low <= high ? std::clamp(value, low, high) : (low + high) / 2;
    };
    const QPointF areaCentre(
        within(centre.x(), bounds.right() - halfWidth, bounds.left() + halfWidth),
        within(centre.y(), bounds.bottom() - halfHeight, bounds.top() + halfHeight));
    return around(areaCentre + (whole.center() - area.center()) * unitsPerPixel, unitsPerPixel);
}

std::shared_ptr<NetworkSnapshot> MapImage::snapshot(const MapImageView &view,
                                                    const QRectF &sceneRect) const
{
    auto snapshot = std::make_shared<NetworkSnapshot>();
    snapshot->links = m_links.links;
    if (!view.utilization.isEmpty()) {
        for (qsizetype i = 0; i < snapshot->links.size(); ++i) {
            const auto value = view.utilization.constFind(m_linkIds[size_t(i)]);
            if (value != view.utilization.cend())
                snapshot->links[i].colour = MapCanvas::utilizationColour(*value);
        }
    }

    // Labels placed as the canvas declutters them: hubs first, each to the right of its icon,
    // else left, above or below, unless it would overlap a label already placed, an icon or a
    // legend. Placed rectangles go into a grid of 64 px cells.
    const double pixelsPerUnit = view.sizePx.width() / sceneRect.width();
    auto pixelOf = [&](const SiteItem &site) {
        return (site.pos() - sceneRect.topLeft()) * pixelsPerUnit;
    };
    constexpr int kCell = 64;
    QHash<quint64, QList<QRectF>> grid;
    auto cellsOf = [](const QRectF &rect, auto &&visit) {
        for (int cx = int(std::floor(rect.left() / kCell));
             cx <= int(std::floor(rect.right() / kCell)); ++cx) {
            for (int cy = int(std::floor(rect.top() / kCell));
                 cy <= int(std::floor(rect.bottom() / kCell)); ++cy)
                visit((quint64(quint32(cx)) << 32) | quint32(cy));
        }
    };
    auto place = [&](const QRectF &rect) {
        cellsOf(rect, [&](quint64 key) { grid[key].append(rect); });
    };
    auto isFree = [&](const QRectF &rect, const QRectF &own) {
        bool free = true;
        cellsOf(rect, [&](quint64 key) {
            const auto it = grid.constFind(key);
            if (!free || it == grid.cend())
                return;
            for (const QRectF &other : *it) {
                if (other != own && other.intersects(rect)) {
                    free = false;
                    return;
                }
            }
        });
        return free;
    };
    const QRectF area = QRectF(QPoint(0, 0), view.sizePx).adjusted(-200, -50, 200, 50);
    for (const QRect &legend : legendRects(view))
        place(QRectF(legend));
    std::vector<size_t> order(m_sites.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(), [this](size_t a, size_t b) {
        const SiteItem &x = *m_sites[a], &y = *m_sites[b];
        return x.priority() != y.priority() ? x.priority() > y.priority() : x.siteId() < y.siteId();
    });
    std::vector<QRectF> icons(m_sites.size());
    for (const size_t i : order) {
        const QPointF at = pixelOf(*m_sites[i]);
        const qreal half = m_sites[i]->iconSize() / 2.0;
        icons[i] = QRectF(at.x() - half, at.y() - half, 2 * half, 2 * half);
        if (area.contains(at))
            place(icons[i]);
    }
    std::vector<QRectF> labels(m_sites.size());
    for (const size_t i : order) {
        const SiteItem &site = *m_sites[i];
        const QPointF at = pixelOf(site);
        if (!view.labels || !area.contains(at))
            continue;
        for (const auto placement :
             {SiteItem::LabelPlacement::Right, SiteItem::LabelPlacement::Left,
              SiteItem::LabelPlacement::Above, SiteItem::LabelPlacement::Below}) {
            const QRectF label = site.labelRect(placement);
            if (isFree(label.translated(at), icons[i])) {
                place(label.translated(at));
                labels[i] = label;
                break;
            }
        }
    }
    snapshot->sites.reserve(qsizetype(m_sites.size()));
    for (size_t i = 0; i < m_sites.size(); ++i) {
        const SiteItem &site = *m_sites[i];
        snapshot->sites.append({site.pos(), site.kind(), site.iconSize(), site.label(), labels[i]});
    }
    return snapshot;
}

QImage MapImage::render(const MapImageView &view, const std::atomic<bool> *cancel) const
{
    if (view.sizePx.isEmpty())
        return {};
    const QRectF rect = sceneRect(view);
    const double pixelsPerUnit = view.sizePx.width() / rect.width();
    QImage image(view.sizePx * view.devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(view.devicePixelRatio);
    image.fill(kOcean);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_basemap)
        Basemap::draw(painter, *m_basemap, rect, pixelsPerUnit, view.provinces);

    // Regions under the links: a translucent fill and a dashed outline.
    painter.save();
    painter.scale(pixelsPerUnit, pixelsPerUnit);
    painter.translate(-rect.topLeft());
    for (const RegionShape &region : m_regions) {
        QPen pen(region.colour, 1.5, Qt::DashLine);
        pen.setCosmetic(true);
        painter.setPen(pen);
        QColor fill = region.colour;
        fill.setAlpha(35);
        painter.setBrush(fill);
        painter.drawPolygon(region.polygon);
    }
    painter.restore();

    NetworkLayers::draw(painter, *snapshot(view, rect), rect, pixelsPerUnit, cancel,
                        NetworkLayers::Detail::Print);
    if (cancel && cancel->load())
        return {};

    if (view.overlay) {
        painter.save();
        painter.scale(pixelsPerUnit, pixelsPerUnit);
        painter.translate(-rect.topLeft());
        view.overlay(painter, pixelsPerUnit);
        painter.restore();
    }

    const QRect viewRect(QPoint(0, 0), view.sizePx);
    maplegend::draw(painter, viewRect, m_font, view.utilizationTitle, m_kinds, m_texts);
    const double latitude = mercator::fromScene(rect.center()).latitudeDeg;
    maplegend::drawScaleBar(painter, viewRect, mercator::groundScale(latitude) / pixelsPerUnit);
    painter.end();
    return image;
}

} // namespace nqi::widgets
