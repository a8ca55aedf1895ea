#pragma once

#include "widgets/siteitem.h"

#include <QList>
#include <QPointF>
#include <QRect>
#include <QRectF>

#include <optional>
#include <vector>

/// Where a map's view and labels go, the same for the map canvas and for map images
/// (widgets::MapImage): plain functions of scene and viewport-pixel rectangles, for any thread.
namespace nqi::widgets::maplayout {

/// The scales a map shows, in scene units (Web Mercator metres) per pixel.
constexpr double kMinUnitsPerPixel = 0.5;
constexpr double kMaxUnitsPerPixel = 80000.0;
/// Space kept between what a fit shows and the overlays (legends, scale bar), in pixels.
constexpr int kOverlayClearancePx = 6;

/// The sites' extent (scene) with the margin Zoom to Fit leaves around it; null without sites.
QRectF fitBounds(const QList<QPointF> &sitePositions);

/// A view: its centre (scene) and its scale.
struct ViewFit
{
    QPointF centre;
    double unitsPerPixel = 1.0;
};

/// The view that shows @p bounds (scene) as large as it fits in @p view (pixels) less the
/// @p overlays (pixels): of the rectangles whose sides lie on the view's or an overlay's edges
/// and that no overlay overlaps, the one that shows the bounds largest. At @p minMetresPerPixel
/// (ground) or smaller, within the scale limits, with @p focus (scene) as near the middle as
/// that allows (the bounds' centre when none).
ViewFit fitInFreeArea(const QRectF &bounds,
                      const QRect &view,
                      const QList<QRect> &overlays,
                      double minMetresPerPixel = 0,
                      std::optional<QPointF> focus = std::nullopt);

/// A site to label and where it is in the view (pixels).
struct LabelSite
{
    const SiteItem *site = nullptr;
    QPointF atPx;
};

/// Labels decluttered: in priority order (hubs first), each right of its icon, else left, above
/// or below, unless it would overlap a label already placed, a site's icon or a legend; a label
/// that fits nowhere is hidden until the user zooms in. Only sites near @p view (pixels) get
/// one. Gives each site's placement, in the order of @p sites; none where hidden (every label
/// when not @p labelsShown). Placed rectangles go into a grid of 64 px cells, so this stays
/// linear in the number of sites.
std::vector<std::optional<SiteItem::LabelPlacement>>
placeLabels(const std::vector<LabelSite> &sites,
            const QRect &view,
            const QList<QRect> &legends,
            bool labelsShown);

} // namespace nqi::widgets::maplayout
