#pragma once

#include "core/model/network.h"
#include "widgets/linkitem.h"

#include <QGraphicsView>
#include <QHash>
#include <QImage>
#include <QMap>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace nqi::widgets {

class AddSiteTool;
class Basemap;
class NetworkLayers;
struct NetworkSnapshot;
class Document;
class MapTool;
class SiteItem;

/**
 * The map: Web Mercator, sites and links of the document over the basemap, with the editing
 * tools. Layers have fixed z: basemap 0, links 5, sites 10+, tool feedback 100. The canvas keeps
 * the view, the layers, the legends and hit testing; each tool is a MapTool (maptools/) that it
 * forwards the mouse and keys to.
 */
class MapCanvas : public QGraphicsView
{
    Q_OBJECT

public:
    enum class Tool { Select, Pan, MoveSite, AddSite, AddLink, AddDemand, Measure, DrawRegion };
    Q_ENUM(Tool)

    explicit MapCanvas(Document *document, QWidget *parent = nullptr);
    ~MapCanvas() override;

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    /// The tool that takes the mouse now.
    MapTool *activeTool() const { return m_activeTool; }
    MapTool *toolObject(Tool tool) const { return m_tools.value(tool); }
    /// The kind the Add Site tool places.
    void setNewSiteKind(core::SiteKind kind);
    core::SiteKind newSiteKind() const;

    Document *document() const { return m_document; }
    /// The site whose icon is under a viewport position, the topmost; nullptr when none.
    SiteItem *siteAt(const QPoint &viewPos) const;
    /// Moves the map by a number of screen pixels (the Pan tool, the middle button).
    void panBy(const QPoint &pixels);

    QList<core::SiteId> selectedSites() const;
    QList<core::LinkId> selectedLinks() const;
    QList<core::RegionId> selectedRegions() const;
    void selectObjects(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);

    /// Fits every site into the part of the view that no legend covers; the view keeps them
    /// fitted when it is resized, until it is moved.
    void zoomToFit();
    /// Fits the selection; a single site is shown at the regional scale.
    void zoomToSelection();
    /// Shows the sites with the sites linked to them (what Find shows), at the regional scale
    /// or smaller, clear of the legends.
    void zoomToSites(const QList<core::SiteId> &sites);
    void zoomBy(double factor);
    void centreOn(double latitudeDeg, double longitudeDeg, double metresPerPixel = 0);
    /// Ground metres per pixel of the regional scale (1:2,000,000 at the standard 0.28 mm
    /// pixel): closer than this the basemap shows no more detail.
    static constexpr double kRegionalMetresPerPixel = 560.0;

    /// Ground metres per screen pixel at the centre of the view.
    double metresPerPixel() const;

    void setGraticuleVisible(bool visible);
    bool isGraticuleVisible() const { return m_graticule; }
    void setProvincesVisible(bool visible);
    void setLabelsVisible(bool visible);
    /// Demands as dashed flow lines from source to destination (up to kMaxDemandLines).
    void setDemandsVisible(bool visible);
    /// Colours links by utilisation (1.0 = full) with a legend titled @p title; empty clears.
    void setLinkUtilization(const QHash<core::LinkId, double> &utilization, const QString &title);
    const QHash<core::LinkId, double> &linkUtilization() const { return m_utilization; }
    /// The utilisation legend's title; empty when links are not coloured.
    QString utilizationLegendTitle() const;
    /// The colour ramp of the utilisation legend.
    static QColor utilizationColour(double utilization);
    bool areDemandsVisible() const { return m_demandsVisible; }
    qsizetype demandLineCount() const { return m_demandLines.size(); }
    qsizetype regionItemCount() const { return m_regionItems.size(); }
    static constexpr qsizetype kMaxDemandLines = 5000;
    void setBasemapVisible(bool visible);

    /// The site kinds the legend lists: those in the project, hubs first.
    QList<core::SiteKind> legendSiteKinds() const;
    /// A site kind's name as the legend shows it (widgets::siteKindTitle).
    static QString siteKindTitle(core::SiteKind kind);
    /// Where the legends are (site kinds, link colouring), in viewport pixels.
    QList<QRect> legendRects() const;

    /// Shows a warning over the map until the user closes it or the links or demands change;
    /// warning() is emitted too.
    void showWarning(const QString &text);
    /// The warning shown over the map, empty when none is.
    QString warningText() const;

    Basemap *basemap() const { return m_basemap; }
    /// Whether the basemap image for the current view is ready (tests, screenshots).
    bool isBasemapCurrent() const { return m_basemapCurrent; }
    /// Whether links and sites are drawn by the off-thread layer image (large networks).
    bool isLayered() const { return m_layered; }
    bool isLayerImageCurrent() const { return !m_layered || m_layersCurrent; }
    /// What the layer image of the current view is drawn from (benchmarks, reports).
    std::shared_ptr<const NetworkSnapshot> layerSnapshot() const;

    SiteItem *siteItem(core::SiteId id) const { return m_siteItems.value(id); }
    LinkItem *linkItem(core::LinkId id) const { return m_linkItems.value(id); }

Q_SIGNALS:
    void cursorMoved(double latitudeDeg, double longitudeDeg);
    void scaleChanged(double metresPerPixel);
    void selectionChanged();
    void measured(double distanceKm, double fibreLatencyMs);
    /// The Draw Region tool closed a polygon (double-click or Enter); the window names it.
    void regionDrawn(const QList<nqi::core::LatLon> &ring);
    void message(const QString &text);
    /// Something the user must see, shown over the map as well (an unroutable demand).
    void warning(const QString &text);
    void toolChanged(nqi::widgets::MapCanvas::Tool tool);

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void addSiteItem(core::SiteId id);
    void addLinkItem(core::LinkId id);
    void addLinkItem(const core::Link &link, LinkItem::Geometry geometry);
    void addRegionItem(core::RegionId id);
    void createTools();
    void viewChanged();
    void requestBasemap();
    /// The view moved (pan, zoom, resize): re-render once it settles.
    void viewMoved();
    void requestLayers();
    std::shared_ptr<NetworkSnapshot> makeSnapshot() const;
    void updateLayerMode();
    void markEdited(QGraphicsItem *item);
    void declutterLabels();
    /// Shows @p bounds (scene) as large as it fits in the viewport less the overlays, at
    /// @p minMetresPerPixel or smaller, with @p focus (scene) as near the middle as that
    /// allows (bounds' centre when none).
    void fitInFreeArea(const QRectF &bounds,
                       double minMetresPerPixel,
                       std::optional<QPointF> focus = std::nullopt);
    /// The legends' and the scale bar's rectangles (viewport pixels).
    QList<QRect> overlayRects() const;
    void siteKindsChanged();
    void placeWarning();

    Document *m_document;
    QGraphicsScene *m_scene;
    Basemap *m_basemap;
    QHash<core::SiteId, SiteItem *> m_siteItems;
    QHash<core::LinkId, LinkItem *> m_linkItems;
    QHash<core::LinkId, double> m_utilization;
    QString m_utilizationTitle;
    QHash<core::RegionId, QGraphicsPolygonItem *> m_regionItems;
    Tool m_tool = Tool::Select;
    QMap<Tool, MapTool *> m_tools;
    MapTool *m_activeTool = nullptr;
    AddSiteTool *m_addSiteTool = nullptr;
    std::optional<QPoint> m_panFrom; // the middle button's drag, in every tool
    mutable std::optional<QList<core::SiteKind>> m_siteKinds; // the legend's, once asked for
    QWidget *m_warning = nullptr;
    bool m_fitted = false; // zoomed to fit, and not moved since: fits again when resized

    NetworkLayers *m_layers;
    bool m_layered = false; // large network: links and sites drawn into an image off-thread
    QImage m_layersImage;
    QRectF m_layersRect;
    QTimer m_layersTimer;
    QList<QGraphicsItem *> m_editedItems;  // paint themselves until a layer image has them
    QList<QGraphicsItem *> m_pendingItems; // edited items the image in flight will have

    QImage m_basemapImage;
    QRectF m_basemapRect;
    bool m_basemapCurrent = false;
    bool m_layersCurrent = false;
    bool m_basemapVisible = true;
    bool m_provinces = true;
    bool m_graticule = false;
    bool m_labels = true;
    bool m_demandsVisible = false;
    QList<QGraphicsPathItem *> m_demandLines;
    void rebuildDemandLines();
    QTimer m_viewTimer;
};

} // namespace nqi::widgets
