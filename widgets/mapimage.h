#pragma once

#include "core/model/network.h"
#include "widgets/maplegend.h"
#include "widgets/networklayers.h"

#include <QColor>
#include <QFont>
#include <QHash>
#include <QImage>
#include <QList>
#include <QPolygonF>
#include <QRect>
#include <QRectF>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace nqi::widgets {

struct BasemapData;
class SiteItem;

/// What a map image shows: its size, where it looks and how the links are coloured.
struct MapImageView
{
    QSize sizePx{1498, 948};
    qreal devicePixelRatio = 1.0;
    /// Where the image is centred, with ground metres per pixel there; none: every site
    /// fitted into the part of the image that no legend covers (the canvas's Zoom to Fit).
    std::optional<core::LatLon> centre;
    double metresPerPixel = 0;
    /// Links coloured by utilisation (1.0 = full) with a legend of this title; empty: by medium.
    QHash<core::LinkId, double> utilization;
    QString utilizationTitle;
    bool provinces = true;
    bool labels = true;
    /// Drawn over the network in scene coordinates (a coverage heat map); may be empty.
    std::function<void(QPainter &painter, double pixelsPerUnit)> overlay;
};

/**
 * Draws maps of a network into images without a canvas, in any thread, as QGIS's print layouts
 * draw theirs with a QgsMapRendererJob: everything is copied from the network when made (the
 * links' geodesic paths, the sites' icons and labels), and each image is drawn by the map's own
 * layer renderers (Basemap::draw, NetworkLayers::draw), fitted, labelled (maplayout) and with
 * the legends and scale bar (maplegend) as the canvas does it. The pictures are those the map
 * canvas shows for the same view.
 */
class MapImage
{
public:
    /// basemap: null draws the sea and the network only.
    MapImage(const core::Network &network, std::shared_ptr<const BasemapData> basemap);
    ~MapImage();
    MapImage(const MapImage &) = delete;
    MapImage &operator=(const MapImage &) = delete;

    /// The area of the scene (Web Mercator metres) the view shows.
    QRectF sceneRect(const MapImageView &view) const;
    /// Draws the view; a null image when cancelled.
    QImage render(const MapImageView &view, const std::atomic<bool> *cancel = nullptr) const;

    bool hasBasemap() const { return bool(m_basemap); }
    void setLegendTexts(const maplegend::Texts &texts) { m_texts = texts; }
    void setFont(const QFont &font) { m_font = font; }

private:
    std::shared_ptr<NetworkSnapshot> snapshot(const MapImageView &view,
                                              const QRectF &sceneRect) const;
    QList<QRect> legendRects(const MapImageView &view) const;

    std::shared_ptr<const BasemapData> m_basemap;
    NetworkSnapshot m_links;                        ///< links in their medium's colour
    std::vector<core::LinkId> m_linkIds;            ///< of m_links, in order
    std::vector<std::unique_ptr<SiteItem>> m_sites; ///< drawing order: hubs last
    QList<core::SiteKind> m_kinds;
    struct RegionShape
    {
        QPolygonF polygon;
        QColor colour;
    };
    QList<RegionShape> m_regions;
    maplegend::Texts m_texts = maplegend::Texts::interface();
    QFont m_font;
};

} // namespace nqi::widgets
