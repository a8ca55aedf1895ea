#pragma once

#include "core/model/network.h"
#include "widgets/linkitem.h"

#include <QGraphicsView>
#include <QHash>
#include <QImage>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

namespace nqi::widgets {

class Basemap;
class NetworkLayers;
struct NetworkSnapshot;
class Document;
class SiteItem;

/**
 * The map: Web Mercator, sites and links of the document over the basemap, with the editing
 * tools. Layers have fixed z: basemap 0, links 5, sites 10+, tool feedback 100.
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
    /// The kind the Add Site tool places.
    void setNewSiteKind(core::SiteKind kind) { m_newSiteKind = kind; }
    core::SiteKind newSiteKind() const { return m_newSiteKind; }

    QList<core::SiteId> selectedSites() const;
    QList<core::LinkId> selectedLinks() const;
    QList<core::RegionId> selectedRegions() const;
    void selectObjects(const QList<core::SiteId> &sites, const QList<core::LinkId> &links);

    void zoomToFit();
    void zoomToSelection();
    void zoomBy(double factor);
    void centreOn(double latitudeDeg, double longitudeDeg, double metresPerPixel = 0);

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
    /// The colour ramp of the utilisation legend.
    static QColor utilizationColour(double utilization);
    bool areDemandsVisible() const { return m_demandsVisible; }
    qsizetype demandLineCount() const { return m_demandLines.size(); }
    qsizetype regionItemCount() const { return m_regionItems.size(); }
    static constexpr qsizetype kMaxDemandLines = 5000;
    void setBasemapVisible(bool visible);

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

private:
    void rebuild();
    void addSiteItem(core::SiteId id);
    void addLinkItem(core::LinkId id);
    void addLinkItem(const core::Link &link, LinkItem::Geometry geometry);
    void addRegionItem(core::RegionId id);
    void finishRegion();
    void viewChanged();
    void requestBasemap();
    /// The view moved (pan, zoom, resize): re-render once it settles.
    void viewMoved();
    void requestLayers();
    std::shared_ptr<NetworkSnapshot> makeSnapshot() const;
    void updateLayerMode();
    void markEdited(QGraphicsItem *item);
    void declutterLabels();
    SiteItem *siteAt(const QPoint &viewPos) const;
    QString nextSiteCode() const;
    void cancelToolState();

    Document *m_document;
    QGraphicsScene *m_scene;
    Basemap *m_basemap;
    QHash<core::SiteId, SiteItem *> m_siteItems;
    QHash<core::LinkId, LinkItem *> m_linkItems;
    QHash<core::LinkId, double> m_utilization;
    QString m_utilizationTitle;
    QHash<core::RegionId, QGraphicsPolygonItem *> m_regionItems;
    QPolygonF m_regionDraft;                           // draw region: the vertices so far
    QGraphicsPolygonItem *m_regionDraftItem = nullptr; // and their outline
    Tool m_tool = Tool::Select;
    core::SiteKind m_newSiteKind = core::SiteKind::MetroDc;

    // Tool state
    core::SiteId m_firstSite = 0;              // add link / demand: the first end chosen
    std::optional<QPointF> m_measureStart;     // measure: the first point (scene)
    QGraphicsLineItem *m_rubberLine = nullptr; // feedback from the first point to the cursor
    SiteItem *m_dragSite = nullptr;
    QPointF m_dragOrigin;
    std::optional<QPoint> m_panFrom;

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
