#include "widgets/maplayout.h"

#include "widgets/maptransform.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace nqi::widgets::maplayout {

namespace {

// Rectangles (pixels) kept in cells of 64 px, so a new one is checked against its neighbours
// only.
class LabelGrid
{
public:
    void place(const QRectF &rect)
    {
        forCells(rect, [&](quint64 key) { m_cells[key].append(rect); });
    }
    // Whether @p rect overlaps nothing placed but @p own.
    bool isFree(const QRectF &rect, const QRectF &own) const
    {
        bool free = true;
        forCells(rect, [&](quint64 key) {
            const auto it = m_cells.constFind(key);
            if (!free || it == m_cells.cend())
                return;
            for (const QRectF &other : *it) {
                if (other != own && other.intersects(rect)) {
                    free = false;
                    return;
                }
            }
        });
        return free;
    }

private:
    static constexpr int kCell = 64;
    template <class Visit>
    static void forCells(const QRectF &rect, Visit &&visit)
    {
        for (int cx = int(std::floor(rect.left() / kCell));
             cx <= int(std::floor(rect.right() / kCell)); ++cx) {
            for (int cy = int(std::floor(rect.top() / kCell));
                 cy <= int(std::floor(rect.bottom() / kCell)); ++cy)
                visit((quint64(quint32(cx)) << 32) | quint32(cy));
        }
    }
    QHash<quint64, QList<QRectF>> m_cells;
};

} // namespace

QRectF fitBounds(const QList<QPointF> &sitePositions)
{
    QRectF bounds;
    for (const QPointF &position : sitePositions)
        bounds = bounds.isNull() ? QRectF(position, QSizeF(1, 1))
                                 : bounds.united(QRectF(position, QSizeF(1, 1)));
    if (bounds.isNull())
        return {};
    const double margin = std::max({bounds.width(), bounds.height(), 50000.0}) * 0.08;
    return bounds.adjusted(-margin, -margin, margin, margin);
}

ViewFit fitInFreeArea(const QRectF &bounds,
                      const QRect &view,
                      const QList<QRect> &overlays,
                      double minMetresPerPixel,
                      std::optional<QPointF> focus)
{
    const QRectF whole(view);
    QList<QRectF> kept;
    QList<double> xs{whole.left(), whole.right()};
    QList<double> ys{whole.top(), whole.bottom()};
    for (const QRect &rect : overlays) {
        const QRectF clear = QRectF(rect).adjusted(-kOverlayClearancePx, -kOverlayClearancePx,
                                                   kOverlayClearancePx, kOverlayClearancePx);
        kept << clear;
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
                    if (std::any_of(kept.cbegin(), kept.cend(),
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
    if (!std::isfinite(unitsPerPixel)) // a view too small for any: the whole of it
        unitsPerPixel = std::max(bounds.width() / whole.width(), bounds.height() / whole.height());

    const QPointF centre = focus.value_or(bounds.center());
    const double groundScale = mercator::groundScale(mercator::fromScene(centre).latitudeDeg);
    unitsPerPixel = std::clamp(std::max(unitsPerPixel, minMetresPerPixel / groundScale),
                               kMinUnitsPerPixel, kMaxUnitsPerPixel);
    // Where the focus may sit in the area with the whole of bounds still in it.
    const double halfWidth = area.width() / 2 * unitsPerPixel;
    const double halfHeight = area.height() / 2 * unitsPerPixel;
    auto within = [](double value, double low, double high) {
        return low <= high ? std::clamp(value, low, high) : (low + high) / 2;
    };
    const QPointF areaCentre(
        within(centre.x(), bounds.right() - halfWidth, bounds.left() + halfWidth),
        within(centre.y(), bounds.bottom() - halfHeight, bounds.top() + halfHeight));
    return {areaCentre + (whole.center() - area.center()) * unitsPerPixel, unitsPerPixel};
}

std::vector<std::optional<SiteItem::LabelPlacement>>
placeLabels(const std::vector<LabelSite> &sites,
            const QRect &view,
            const QList<QRect> &legends,
            bool labelsShown)
{
    std::vector<size_t> order(sites.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const SiteItem &x = *sites[a].site, &y = *sites[b].site;
        return x.priority() != y.priority() ? x.priority() > y.priority() : x.siteId() < y.siteId();
    });
    LabelGrid grid;
    const QRectF area = QRectF(view).adjusted(-200, -50, 200, 50);
    for (const QRect &legend : legends)
        grid.place(QRectF(legend));
    std::vector<QRectF> icons(sites.size());
    for (const size_t i : order) {
        const QPointF at = sites[i].atPx;
        const qreal half = sites[i].site->iconSize() / 2.0;
        icons[i] = QRectF(at.x() - half, at.y() - half, 2 * half, 2 * half);
        if (area.contains(at))
            grid.place(icons[i]);
    }
    std::vector<std::optional<SiteItem::LabelPlacement>> placements(sites.size());
    if (!labelsShown)
        return placements;
    for (const size_t i : order) {
        const QPointF at = sites[i].atPx;
        if (!area.contains(at))
            continue;
        for (const auto placement :
             {SiteItem::LabelPlacement::Right, SiteItem::LabelPlacement::Left,
              SiteItem::LabelPlacement::Above, SiteItem::LabelPlacement::Below}) {
            const QRectF label = sites[i].site->labelRect(placement).translated(at);
            if (grid.isFree(label, icons[i])) {
                grid.place(label);
                placements[i] = placement;
                break;
            }
        }
    }
    return placements;
}

} // namespace nqi::widgets::maplayout
