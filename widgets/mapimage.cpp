#include "widgets/mapimage.h"

#include "widgets/basemap.h"
#include "widgets/linkitem.h"
#include "widgets/maplayout.h"
#include "widgets/maptransform.h"
#include "widgets/siteitem.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace nqi::widgets {

using namespace nqi::core;

namespace {

const QColor kOcean(214, 230, 240);

} // namespace

MapImage::MapImage(const Network &network, std::shared_ptr<const BasemapData> basemap)
    : m_basemap(std::move(basemap))
{
    // The links as the canvas's items draw them: the geodesic path, a width by capacity and the
    // medium's colour (the items' own code, on every core for a large network).
    const std::vector<Link> &links = network.links();
    std::vector<LinkItem::Geometry> geometries = linkGeometries(network);
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
    return maplegend::legendRects(QFontMetrics(m_font), QRect(QPoint(0, 0), view.sizePx),
                                  view.utilizationTitle, m_kinds, m_texts);
}

QRectF MapImage::sceneRect(const MapImageView &view) const
{
    const QSizeF size(view.sizePx);
    auto around = [&](const QPointF &centre, double unitsPerPixel) {
        unitsPerPixel =
            std::clamp(unitsPerPixel, maplayout::kMinUnitsPerPixel, maplayout::kMaxUnitsPerPixel);
        const QSizeF extent = size * unitsPerPixel;
        return QRectF(centre - QPointF(extent.width() / 2, extent.height() / 2), extent);
    };
    if (view.centre)
        return around(mercator::toScene(*view.centre),
                      view.metresPerPixel / mercator::groundScale(view.centre->latitudeDeg));
    QList<QPointF> positions;
    positions.reserve(qsizetype(m_sites.size()));
    for (const auto &site : m_sites)
        positions << site->pos();
    const QRectF bounds = maplayout::fitBounds(positions);
    if (bounds.isNull())
        return around(mercator::toScene(35.0, 105.0), 5000.0 / mercator::groundScale(35.0));
    // The canvas's Zoom to Fit, clear of the legends and the scale bar.
    const QRect viewRect(QPoint(0, 0), view.sizePx);
    const maplayout::ViewFit fit = maplayout::fitInFreeArea(
        bounds, viewRect, legendRects(view) << maplegend::scaleBarRect(viewRect));
    return around(fit.centre, fit.unitsPerPixel);
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
                snapshot->links[i].colour = maplegend::utilizationColour(*value);
        }
    }

    // Labels placed as the canvas declutters them, clear of the legends.
    const double pixelsPerUnit = view.sizePx.width() / sceneRect.width();
    std::vector<maplayout::LabelSite> sites;
    sites.reserve(m_sites.size());
    for (const auto &site : m_sites)
        sites.push_back({site.get(), (site->pos() - sceneRect.topLeft()) * pixelsPerUnit});
    const std::vector<std::optional<SiteItem::LabelPlacement>> placements = maplayout::placeLabels(
        sites, QRect(QPoint(0, 0), view.sizePx), legendRects(view), view.labels);
    snapshot->sites.reserve(qsizetype(m_sites.size()));
    for (size_t i = 0; i < m_sites.size(); ++i) {
        const SiteItem &site = *m_sites[i];
        snapshot->sites.append({site.pos(), site.kind(), site.iconSize(), site.label(),
                                placements[i] ? site.labelRect(*placements[i]) : QRectF()});
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
