#include "widgets/mapcanvas.h"

#include "core/geo/geodesy.h"
#include "core/model/physics.h"
#include "widgets/basemap.h"
#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/kindnames.h"
#include "widgets/linkitem.h"
#include "widgets/maplayout.h"
#include "widgets/maplegend.h"
#include "widgets/maptools/adddemandtool.h"
#include "widgets/maptools/addlinktool.h"
#include "widgets/maptools/addsitetool.h"
#include "widgets/maptools/drawregiontool.h"
#include "widgets/maptools/measuretool.h"
#include "widgets/maptools/movesitetool.h"
#include "widgets/maptools/pantool.h"
#include "widgets/maptools/selecttool.h"
#include "widgets/maptransform.h"
#include "widgets/networklayers.h"
#include "widgets/siteitem.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyle>
#include <QToolButton>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

// The scene spans the world three times across (the map continues past the antimeridian).
QRectF worldRect()
{
    const QPointF topLeft = mercator::toScene(mercator::kMaxLatitudeDeg, -540.0);
    const QPointF bottomRight = mercator::toScene(-mercator::kMaxLatitudeDeg, 540.0);
    return {topLeft, bottomRight};
}

// Edited-item lists hold sites and links alike.
void setDrawnByLayer(QGraphicsItem *item, bool drawnByLayer)
{
    if (item->type() == SiteItem::Type)
        static_cast<SiteItem *>(item)->setDrawnByLayer(drawnByLayer);
    else
        static_cast<LinkItem *>(item)->setDrawnByLayer(drawnByLayer);
}
// Above this many sites and links, they are drawn by an image rendered off the GUI thread.
constexpr qsizetype kLayeredThreshold = 1500;

} // namespace

MapCanvas::MapCanvas(Document *document, QWidget *parent)
    : QGraphicsView(parent)
    , m_document(document)
    , m_scene(new QGraphicsScene(this))
    , m_basemap(new Basemap(this))
    , m_layers(new NetworkLayers(this))
{
    m_layersTimer.setSingleShot(true);
    m_layersTimer.setInterval(80);
    connect(&m_layersTimer, &QTimer::timeout, this, &MapCanvas::requestLayers);
    connect(m_layers, &NetworkLayers::rendered, this,
            [this](const QImage &image, const QRectF &rect) {
                m_layersImage = image;
                m_layersRect = rect;
                // Current unless the view moved or the network changed since it was asked for.
                m_layersCurrent = !m_viewTimer.isActive() && !m_layersTimer.isActive();
                // The image now holds the edited items: let it draw them again.
                for (QGraphicsItem *item : std::as_const(m_pendingItems)) {
                    if (m_editedItems.contains(item))
                        continue;
                    setDrawnByLayer(item, m_layered);
                }
                m_pendingItems.clear();
                resetCachedContent();
                viewport()->update();
            });
    m_scene->setSceneRect(worldRect());
    m_scene->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setDragMode(QGraphicsView::RubberBandDrag);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setCacheMode(QGraphicsView::CacheNone);
    setMinimumSize(320, 240);

    m_viewTimer.setSingleShot(true);
    m_viewTimer.setInterval(60);
    connect(&m_viewTimer, &QTimer::timeout, this, &MapCanvas::viewChanged);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &MapCanvas::selectionChanged);
    connect(m_basemap, &Basemap::loaded, this, &MapCanvas::requestBasemap);
    connect(m_basemap, &Basemap::overlaysChanged, this, &MapCanvas::requestBasemap);
    connect(m_basemap, &Basemap::failed, this, [this](const QString &text) {
        viewport()->update();
        Q_EMIT message(text);
    });
    connect(m_basemap, &Basemap::rendered, this, [this](const QImage &image, const QRectF &rect) {
        m_basemapImage = image;
        m_basemapRect = rect;
        m_basemapCurrent = !m_viewTimer.isActive(); // unless the view moved since
        resetCachedContent();
        viewport()->update();
    });

    connect(document, &Document::networkReset, this, [this] {
        rebuild();
        zoomToFit();
    });
    connect(document, &Document::siteAdded, this, [this](SiteId id) {
        addSiteItem(id);
        markEdited(m_siteItems.value(id));
        siteKindsChanged();
    });
    connect(document, &Document::siteChanged, this, [this](SiteId id) {
        if (SiteItem *item = m_siteItems.value(id)) {
            item->setSite(*m_document->network().site(id));
            markEdited(item);
        }
        siteKindsChanged();
    });
    connect(document, &Document::siteRemoved, this, [this](SiteId id) {
        SiteItem *item = m_siteItems.take(id);
        m_editedItems.removeAll(item);
        m_pendingItems.removeAll(item);
        delete item;
        siteKindsChanged();
        markEdited(nullptr);
    });
    connect(document, &Document::linkAdded, this, [this](LinkId id) {
        addLinkItem(id);
        markEdited(m_linkItems.value(id));
    });
    connect(document, &Document::linkChanged, this, [this](LinkId id) {
        if (LinkItem *item = m_linkItems.value(id)) {
            item->setLink(m_document->network(), *m_document->network().link(id));
            markEdited(item);
        }
    });
    connect(document, &Document::linkRemoved, this, [this](LinkId id) {
        LinkItem *item = m_linkItems.take(id);
        m_editedItems.removeAll(item);
        m_pendingItems.removeAll(item);
        delete item;
        markEdited(nullptr);
    });

    connect(document, &Document::regionAdded, this, &MapCanvas::addRegionItem);
    connect(document, &Document::regionRemoved, this,
            [this](RegionId id) { delete m_regionItems.take(id); });
    connect(document, &Document::demandsChanged, this, &MapCanvas::rebuildDemandLines);
    connect(document, &Document::siteChanged, this, &MapCanvas::rebuildDemandLines);
    // A warning is about the last edit of the plan's links and demands: the next one ends it.
    for (auto signal : {&Document::networkReset, &Document::demandsChanged}) {
        connect(document, signal, this, [this] {
            if (m_warning)
                m_warning->hide();
        });
    }
    connect(document, &Document::linkAdded, this, [this] {
        if (m_warning)
            m_warning->hide();
    });

    createTools();
    m_basemap->load(Basemap::defaultPath());
    rebuild();
    centreOn(35.0, 105.0, 5000.0);
}

MapCanvas::~MapCanvas() = default;

void MapCanvas::rebuild()
{
    if (m_activeTool)
        m_activeTool->cancel();
    qDeleteAll(m_siteItems);
    qDeleteAll(m_linkItems);
    qDeleteAll(m_regionItems);
    m_siteItems.clear();
    m_linkItems.clear();
    m_regionItems.clear();
    for (const Region &region : m_document->network().regions())
        addRegionItem(region.id);
    // The links' geodesic paths on every core first, the items then made here.
    const Network &network = m_document->network();
    const std::vector<Link> &links = network.links();
    std::vector<LinkItem::Geometry> geometries = linkGeometries(network);
    for (size_t i = 0; i < links.size(); ++i)
        addLinkItem(links[i], std::move(geometries[i]));
    for (const Site &site : network.sites())
        addSiteItem(site.id);
    m_editedItems.clear();
    m_pendingItems.clear();
    updateLayerMode();
    siteKindsChanged();
    rebuildDemandLines();
}

void MapCanvas::updateLayerMode()
{
    const bool layered = m_siteItems.size() + m_linkItems.size() > kLayeredThreshold;
    if (layered != m_layered) {
        m_layered = layered;
        // With tens of thousands of items the BSP index costs every frame a sort of all the
        // items in view; painted from the layer image, they are better kept in a plain list
        // (hit tests stay cheap: a bounding-rectangle check per item).
        m_scene->setItemIndexMethod(layered ? QGraphicsScene::NoIndex
                                            : QGraphicsScene::BspTreeIndex);
        for (SiteItem *item : std::as_const(m_siteItems))
            item->setDrawnByLayer(layered);
        for (LinkItem *item : std::as_const(m_linkItems))
            item->setDrawnByLayer(layered);
        m_layersImage = QImage();
        m_editedItems.clear();
        m_pendingItems.clear();
    }
    m_layersCurrent = false;
    if (m_layered)
        m_layersTimer.start();
}

// An edited item paints itself at once; the layer image catches up shortly after.
void MapCanvas::markEdited(QGraphicsItem *item)
{
    if (!m_layered) {
        updateLayerMode();
        return;
    }
    if (item) {
        setDrawnByLayer(item, false);
        if (!m_editedItems.contains(item))
            m_editedItems << item;
    }
    m_layersCurrent = false;
    m_layersTimer.start();
}

std::shared_ptr<const NetworkSnapshot> MapCanvas::layerSnapshot() const
{
    return makeSnapshot();
}

std::shared_ptr<NetworkSnapshot> MapCanvas::makeSnapshot() const
{
    // In the network's order (not the item table's, which differs from run to run), so the
    // same network always gives the same picture.
    auto snapshot = std::make_shared<NetworkSnapshot>();
    snapshot->links.reserve(m_linkItems.size());
    for (const Link &link : m_document->network().links()) {
        if (const LinkItem *item = m_linkItems.value(link.id)) {
            snapshot->links.append(
                {item->path(), item->path().controlPointRect(), item->widthPx(), item->colour()});
        }
    }
    QList<SiteItem *> sites = m_siteItems.values();
    std::sort(sites.begin(), sites.end(), [](const SiteItem *a, const SiteItem *b) {
        // Hubs drawn last, on top.
        return a->priority() != b->priority() ? a->priority() < b->priority()
                                              : a->siteId() < b->siteId();
    });
    snapshot->sites.reserve(sites.size());
    for (const SiteItem *item : std::as_const(sites)) {
        snapshot->sites.append({item->pos(), item->kind(), item->iconSize(), item->label(),
                                item->isLabelVisible() ? item->labelRect() : QRectF()});
    }
    return snapshot;
}

void MapCanvas::requestLayers()
{
    if (!m_layered)
        return;
    std::shared_ptr<NetworkSnapshot> snapshot = makeSnapshot();
    m_pendingItems << m_editedItems;
    m_editedItems.clear();
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    m_layers->render(std::move(snapshot), visible, viewport()->size(), devicePixelRatioF());
}

void MapCanvas::addSiteItem(SiteId id)
{
    const Site *site = m_document->network().site(id);
    if (!site || m_siteItems.contains(id))
        return;
    auto *item = new SiteItem(*site);
    item->setLabelVisible(m_labels);
    m_scene->addItem(item);
    m_siteItems.insert(id, item);
}

void MapCanvas::addLinkItem(LinkId id)
{
    const Link *link = m_document->network().link(id);
    if (link && !m_linkItems.contains(id))
        addLinkItem(*link, LinkItem::geometryOf(m_document->network(), *link));
}

void MapCanvas::addLinkItem(const Link &link, LinkItem::Geometry geometry)
{
    const LinkId id = link.id;
    if (m_linkItems.contains(id))
        return;
    auto *item = new LinkItem(link, std::move(geometry));
    const auto utilization = m_utilization.constFind(id);
    if (utilization != m_utilization.cend())
        item->setOverrideColour(utilizationColour(*utilization));
    m_scene->addItem(item);
    m_linkItems.insert(id, item);
}

QColor MapCanvas::utilizationColour(double utilization)
{
    return maplegend::utilizationColour(utilization);
}

void MapCanvas::setLinkUtilization(const QHash<LinkId, double> &utilization, const QString &title)
{
    m_utilization = utilization;
    m_utilizationTitle = title;
    for (auto it = m_linkItems.cbegin(); it != m_linkItems.cend(); ++it) {
        const auto value = utilization.constFind(it.key());
        it.value()->setOverrideColour(value == utilization.cend() ? QColor()
                                                                  : utilizationColour(*value));
    }
    updateLayerMode(); // the layer image draws the new colours
    if (m_fitted)
        zoomToFit(); // clear of the legend that came or went
    viewport()->update();
}

// Regions sit under the links: a translucent fill and a dashed outline, selectable.
void MapCanvas::addRegionItem(RegionId id)
{
    const Region *region = m_document->network().region(id);
    if (!region || m_regionItems.contains(id))
        return;
    QPolygonF polygon;
    for (const LatLon &point : region->rings.value(0))
        polygon << mercator::toScene(point);
    auto *item = m_scene->addPolygon(polygon);
    const QColor colour =
        region->purpose == RegionPurpose::Coverage ? QColor(46, 125, 50) : QColor(123, 31, 162);
    QPen pen(colour, 1.5, Qt::DashLine);
    pen.setCosmetic(true);
    item->setPen(pen);
    item->setBrush(QColor(colour.red(), colour.green(), colour.blue(), 35));
    item->setZValue(3);
    item->setFlag(QGraphicsItem::ItemIsSelectable);
    item->setData(0, QVariant::fromValue(qint64(id)));
    item->setToolTip(u"<b>%1</b><br>%2"_qs.arg(
        region->name.toHtmlEscaped(), regionPurposeTitle(region->purpose).toHtmlEscaped()));
    m_regionItems.insert(id, item);
}

void MapCanvas::createTools()
{
    m_addSiteTool = new AddSiteTool(this);
    auto *measure = new MeasureTool(this);
    auto *region = new DrawRegionTool(this);
    m_tools = {{Tool::Select, new SelectTool(this)},
               {Tool::Pan, new PanTool(this)},
               {Tool::MoveSite, new MoveSiteTool(this)},
               {Tool::AddSite, m_addSiteTool},
               {Tool::AddLink, new AddLinkTool(this)},
               {Tool::AddDemand, new AddDemandTool(this)},
               {Tool::Measure, measure},
               {Tool::DrawRegion, region}};
    for (MapTool *tool : std::as_const(m_tools)) {
        connect(tool, &MapTool::message, this, &MapCanvas::message);
        connect(tool, &MapTool::warning, this, &MapCanvas::showWarning);
    }
    connect(measure, &MeasureTool::measured, this, &MapCanvas::measured);
    connect(region, &DrawRegionTool::regionDrawn, this, &MapCanvas::regionDrawn);
    m_activeTool = m_tools.value(m_tool);
}

void MapCanvas::setTool(Tool tool)
{
    m_activeTool->deactivate();
    m_tool = tool;
    m_activeTool = m_tools.value(tool);
    setDragMode(m_activeTool->dragMode());
    viewport()->setCursor(m_activeTool->cursor());
    m_activeTool->activate();
    Q_EMIT toolChanged(tool);
    Q_EMIT message(m_activeTool->statusText());
}

void MapCanvas::setNewSiteKind(SiteKind kind)
{
    m_addSiteTool->setKind(kind);
}

SiteKind MapCanvas::newSiteKind() const
{
    return m_addSiteTool->kind();
}

QList<SiteId> MapCanvas::selectedSites() const
{
    QList<SiteId> ids;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() == SiteItem::Type)
            ids << static_cast<SiteItem *>(item)->siteId();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<LinkId> MapCanvas::selectedLinks() const
{
    QList<LinkId> ids;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() == LinkItem::Type)
            ids << static_cast<LinkItem *>(item)->linkId();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<RegionId> MapCanvas::selectedRegions() const
{
    QList<RegionId> ids;
    for (auto it = m_regionItems.cbegin(); it != m_regionItems.cend(); ++it) {
        if (it.value()->isSelected())
            ids << it.key();
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

void MapCanvas::selectObjects(const QList<SiteId> &sites, const QList<LinkId> &links)
{
    const QSignalBlocker blocker(m_scene);
    m_scene->clearSelection();
    for (SiteId id : sites) {
        if (SiteItem *item = m_siteItems.value(id))
            item->setSelected(true);
    }
    for (LinkId id : links) {
        if (LinkItem *item = m_linkItems.value(id))
            item->setSelected(true);
    }
    Q_EMIT selectionChanged();
}

void MapCanvas::zoomToFit()
{
    QList<QPointF> positions;
    positions.reserve(m_siteItems.size());
    for (const SiteItem *item : std::as_const(m_siteItems))
        positions << item->pos();
    const QRectF bounds = maplayout::fitBounds(positions);
    if (bounds.isNull()) {
        centreOn(35.0, 105.0, 5000.0);
        return;
    }
    fitInFreeArea(bounds, 0);
    // Fitted before the window's layout settled (a project opened at start) or with docks
    // opening later, it would no longer fit: it fits again on resizes until the user moves it.
    m_fitted = true;
}

void MapCanvas::zoomToSelection()
{
    QRectF bounds;
    int sites = 0;
    int others = 0;
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        const bool site = item->type() == SiteItem::Type;
        ++(site ? sites : others);
        const QRectF rect = site ? QRectF(item->pos(), QSizeF(1, 1)) : item->sceneBoundingRect();
        bounds = bounds.isNull() ? rect : bounds.united(rect);
    }
    if (bounds.isNull())
        return;
    m_fitted = false;
    const double margin = std::max({bounds.width(), bounds.height(), 20000.0}) * 0.2;
    // A single site has no extent to fit: the regional scale shows where it is.
    fitInFreeArea(bounds.adjusted(-margin, -margin, margin, margin),
                  sites == 1 && others == 0 ? kRegionalMetresPerPixel : 0);
}

void MapCanvas::zoomToSites(const QList<SiteId> &sites)
{
    const Network &network = m_document->network();
    QSet<SiteId> shown(sites.cbegin(), sites.cend());
    for (const Link &link : network.links()) {
        if (shown.contains(link.siteA) || shown.contains(link.siteB)) {
            shown.insert(link.siteA);
            shown.insert(link.siteB);
        }
    }
    QRectF bounds;
    QRectF found;
    for (const SiteId id : std::as_const(shown)) {
        const SiteItem *item = m_siteItems.value(id);
        if (!item)
            continue;
        const QRectF point(item->pos(), QSizeF(1, 1));
        bounds = bounds.isNull() ? point : bounds.united(point);
        if (sites.contains(id))
            found = found.isNull() ? point : found.united(point);
    }
    if (bounds.isNull())
        return;
    m_fitted = false;
    const double margin = std::max({bounds.width(), bounds.height(), 20000.0}) * 0.1;
    fitInFreeArea(bounds.adjusted(-margin, -margin, margin, margin), kRegionalMetresPerPixel,
                  found.center());
}

void MapCanvas::fitInFreeArea(const QRectF &bounds,
                              double minMetresPerPixel,
                              std::optional<QPointF> focus)
{
    const maplayout::ViewFit fit = maplayout::fitInFreeArea(
        bounds, viewport()->rect(), overlayRects(), minMetresPerPixel, focus);
    setTransform(QTransform::fromScale(1.0 / fit.unitsPerPixel, 1.0 / fit.unitsPerPixel));
    centerOn(fit.centre);
    viewMoved();
    Q_EMIT scaleChanged(metresPerPixel());
}

double MapCanvas::metresPerPixel() const
{
    const double sceneUnitsPerPixel = 1.0 / transform().m11();
    const LatLon centre = mercator::fromScene(mapToScene(viewport()->rect().center()));
    return sceneUnitsPerPixel * mercator::groundScale(centre.latitudeDeg);
}

void MapCanvas::zoomBy(double factor)
{
    m_fitted = false;
    const double current = 1.0 / transform().m11(); // scene units (projected metres) per pixel
    const double target =
        std::clamp(current / factor, maplayout::kMinUnitsPerPixel, maplayout::kMaxUnitsPerPixel);
    const double applied = current / target;
    if (std::abs(applied - 1.0) > 1e-9)
        scale(applied, applied);
    viewMoved();
    Q_EMIT scaleChanged(metresPerPixel());
}

void MapCanvas::centreOn(double latitudeDeg, double longitudeDeg, double metresPerPixel)
{
    m_fitted = false;
    if (metresPerPixel > 0) {
        const double units = metresPerPixel / mercator::groundScale(latitudeDeg);
        setTransform(QTransform::fromScale(1.0 / units, 1.0 / units));
    }
    centerOn(mercator::toScene(latitudeDeg, longitudeDeg));
    zoomBy(1.0);
}

void MapCanvas::setGraticuleVisible(bool visible)
{
    m_graticule = visible;
    viewport()->update();
}

void MapCanvas::setProvincesVisible(bool visible)
{
    m_provinces = visible;
    requestBasemap();
}

void MapCanvas::setBasemapVisible(bool visible)
{
    m_basemapVisible = visible;
    resetCachedContent();
    viewport()->update();
}

void MapCanvas::setLabelsVisible(bool visible)
{
    m_labels = visible;
    declutterLabels();
}

void MapCanvas::setDemandsVisible(bool visible)
{
    m_demandsVisible = visible;
    rebuildDemandLines();
}

// Flow lines: a dashed geodesic from source to destination, width by rate, under the sites.
void MapCanvas::rebuildDemandLines()
{
    qDeleteAll(m_demandLines);
    m_demandLines.clear();
    if (!m_demandsVisible)
        return;
    const Network &network = m_document->network();
    if (qsizetype(network.demands().size()) > kMaxDemandLines) {
        Q_EMIT message(tr("%L1 demands are too many to draw as lines; the first %L2 are shown.")
                           .arg(network.demands().size())
                           .arg(kMaxDemandLines));
    }
    for (const Demand &demand : network.demands()) {
        if (m_demandLines.size() >= kMaxDemandLines)
            break;
        const Site *a = network.site(demand.source);
        const Site *b = network.site(demand.destination);
        if (!a || !b)
            continue;
        const QList<LatLon> points = geo::geodesicPath(a->latitudeDeg, a->longitudeDeg,
                                                       b->latitudeDeg, b->longitudeDeg, 25.0);
        QPainterPath path(mercator::toScene(points.constFirst()));
        for (qsizetype i = 1; i < points.size(); ++i)
            path.lineTo(mercator::toScene(points[i]));
        const double width =
            std::clamp(1.0 + std::log10(std::max(demand.effectiveRateGbps(), 1.0)), 1.0, 4.0);
        QPen pen(QColor(216, 67, 21, 170), width, Qt::DashLine, Qt::RoundCap);
        pen.setCosmetic(true);
        auto *item = m_scene->addPath(path, pen);
        item->setZValue(6);
        item->setToolTip(tr("Demand #%1: %2 → %3, %4 Gbps")
                             .arg(demand.id)
                             .arg(a->code, b->code)
                             .arg(demand.effectiveRateGbps(), 0, 'g', 4));
        m_demandLines << item;
    }
}

void MapCanvas::viewMoved()
{
    // The images in hand, and any in flight, are of the view before: not current until the
    // re-render that the timer asks for comes back.
    m_basemapCurrent = false;
    m_layersCurrent = false;
    m_viewTimer.start();
}

void MapCanvas::viewChanged()
{
    LinkItem::setSceneUnitsPerPixel(1.0 / transform().m11());
    for (LinkItem *item : std::as_const(m_linkItems))
        item->updateHitArea();
    declutterLabels();
    requestBasemap();
    if (m_layered) {
        m_layersCurrent = false;
        requestLayers();
    }
}

void MapCanvas::requestBasemap()
{
    m_basemapCurrent = false;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    m_basemap->render(visible, viewport()->size(), devicePixelRatioF(), m_provinces);
}

// Labels decluttered as map images do it (maplayout::placeLabels), clear of the legends.
void MapCanvas::declutterLabels()
{
    const QList<SiteItem *> items = m_siteItems.values();
    std::vector<maplayout::LabelSite> sites;
    sites.reserve(size_t(items.size()));
    for (const SiteItem *item : items)
        sites.push_back({item, QPointF(mapFromScene(item->pos()))});
    const std::vector<std::optional<SiteItem::LabelPlacement>> placements =
        maplayout::placeLabels(sites, viewport()->rect(), legendRects(), m_labels);
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (const auto placement = placements[size_t(i)])
            items[i]->setLabelPlacement(*placement);
        items[i]->setLabelVisible(placements[size_t(i)].has_value());
    }
    viewport()->update();
}

void MapCanvas::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(214, 230, 240));
    if (m_basemapVisible && !m_basemapImage.isNull())
        painter->drawImage(m_basemapRect, m_basemapImage);
    if (m_layered && !m_layersImage.isNull())
        painter->drawImage(m_layersRect, m_layersImage);
}

void MapCanvas::drawForeground(QPainter *painter, const QRectF &rect)
{
    if (m_graticule) {
        painter->save();
        QPen pen(QColor(120, 120, 160, 110), 0.8, Qt::DashLine);
        pen.setCosmetic(true);
        painter->setPen(pen);
        const double mpp = metresPerPixel();
        const double step = mpp > 8000   ? 30
                            : mpp > 2000 ? 10
                            : mpp > 500  ? 5
                            : mpp > 100  ? 1
                                         : 0.25;
        const LatLon topLeft = mercator::fromScene(rect.topLeft());
        const LatLon bottomRight = mercator::fromScene(rect.bottomRight());
        for (double lon = std::floor(topLeft.longitudeDeg / step) * step;
             lon <= bottomRight.longitudeDeg; lon += step) {
            const double x = mercator::toScene(0, lon).x();
            painter->drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()));
        }
        for (double lat = std::floor(bottomRight.latitudeDeg / step) * step;
             lat <= topLeft.latitudeDeg; lat += step) {
            const double y = mercator::toScene(lat, 0).y();
            painter->drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y));
        }
        painter->restore();
    }

    // Screen-space overlays: the scale bar and messages.
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing);
    const QRect view = viewport()->rect();
    if (!m_basemap->errorMessage().isEmpty()) {
        const QRect box(view.left() + 12, view.top() + 12, std::min(520, view.width() - 24), 48);
        painter->setPen(QColor(120, 30, 30));
        painter->setBrush(QColor(255, 255, 255, 220));
        painter->drawRoundedRect(box, 6, 6);
        painter->drawText(box.adjusted(10, 4, -10, -4), Qt::AlignVCenter | Qt::TextWordWrap,
                          m_basemap->errorMessage());
    }
    maplegend::draw(*painter, view, viewport()->font(), utilizationLegendTitle(), legendSiteKinds(),
                    maplegend::Texts::interface());
    painter->setFont(viewport()->font());
    maplegend::drawScaleBar(*painter, view, metresPerPixel());
    painter->restore();
}

QString MapCanvas::siteKindTitle(SiteKind kind)
{
    return widgets::siteKindTitle(kind);
}

QList<SiteKind> MapCanvas::legendSiteKinds() const
{
    if (!m_siteKinds) {
        QList<SiteKind> kinds;
        for (const SiteItem *item : std::as_const(m_siteItems)) {
            if (!kinds.contains(item->kind()))
                kinds << item->kind();
        }
        std::sort(kinds.begin(), kinds.end()); // the enumeration's order: hubs first
        m_siteKinds = kinds;
    }
    return *m_siteKinds;
}

void MapCanvas::siteKindsChanged()
{
    const QList<SiteKind> before = legendSiteKinds();
    m_siteKinds.reset();
    if (legendSiteKinds() != before)
        viewport()->update(); // the legend is drawn over the whole view, not by the items
    declutterLabels();
}

QString MapCanvas::utilizationLegendTitle() const
{
    return m_utilization.isEmpty() ? QString() : m_utilizationTitle;
}

QList<QRect> MapCanvas::legendRects() const
{
    return maplegend::legendRects(QFontMetrics(viewport()->font()), viewport()->rect(),
                                  utilizationLegendTitle(), legendSiteKinds(),
                                  maplegend::Texts::interface());
}

QList<QRect> MapCanvas::overlayRects() const
{
    return legendRects() << maplegend::scaleBarRect(viewport()->rect());
}

void MapCanvas::showWarning(const QString &text)
{
    if (!m_warning) {
        m_warning = new QFrame(viewport());
        m_warning->setObjectName(u"mapWarning"_qs);
        m_warning->setStyleSheet(u"#mapWarning { background: #fff6dd; border: 1px solid #e0b44a;"
                                 " border-radius: 4px; }"_qs);
        auto *layout = new QHBoxLayout(m_warning);
        layout->setContentsMargins(10, 6, 6, 6);
        auto *icon = new QLabel(m_warning);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(20, 20));
        layout->addWidget(icon);
        auto *label = new QLabel(m_warning);
        label->setObjectName(u"mapWarningText"_qs);
        label->setTextFormat(Qt::PlainText); // site codes come from the user's files
        label->setWordWrap(true);
        layout->addWidget(label, 1);
        auto *close = new QToolButton(m_warning);
        close->setAutoRaise(true);
        close->setText(u"✕"_qs);
        close->setToolTip(tr("Close"));
        connect(close, &QToolButton::clicked, m_warning, &QWidget::hide);
        layout->addWidget(close);
    }
    m_warning->findChild<QLabel *>(u"mapWarningText"_qs)->setText(text);
    placeWarning();
    m_warning->show();
    m_warning->raise();
    Q_EMIT warning(text);
}

QString MapCanvas::warningText() const
{
    if (!m_warning || m_warning->isHidden())
        return {};
    return m_warning->findChild<QLabel *>(u"mapWarningText"_qs)->text();
}

// Top centre, under the basemap's own message.
void MapCanvas::placeWarning()
{
    if (!m_warning)
        return;
    const QRect view = viewport()->rect();
    const int width = std::min(560, view.width() - 24);
    m_warning->setFixedWidth(width);
    m_warning->adjustSize();
    m_warning->move(view.center().x() - width / 2,
                    view.top() + (m_basemap->errorMessage().isEmpty() ? 12 : 72));
}

void MapCanvas::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    zoomBy(std::pow(1.25, steps));
    event->accept();
}

SiteItem *MapCanvas::siteAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        if (item->type() == SiteItem::Type)
            return static_cast<SiteItem *>(item);
    }
    return nullptr;
}

void MapCanvas::panBy(const QPoint &pixels)
{
    m_fitted = false;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() + pixels.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() + pixels.y());
}

// The middle button pans and the right one cancels in every tool; the active tool has the left.
void MapCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::MiddleButton) {
        m_panFrom = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::RightButton) {
        m_activeTool->cancel();
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton &&
        m_activeTool->mousePressed(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (m_activeTool->mouseDoubleClicked(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void MapCanvas::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF scenePos = mapToScene(event->position().toPoint());
    const LatLon at = mercator::fromScene(scenePos);
    Q_EMIT cursorMoved(at.latitudeDeg, std::remainder(at.longitudeDeg, 360.0));
    if (m_panFrom) {
        const QPoint to = event->position().toPoint();
        panBy(*m_panFrom - to);
        m_panFrom = to;
        event->accept();
        return;
    }
    if (m_activeTool->mouseMoved(event, scenePos)) {
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void MapCanvas::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panFrom && event->button() == Qt::MiddleButton) {
        m_panFrom.reset();
        viewport()->setCursor(m_activeTool->cursor());
        event->accept();
        return;
    }
    if (m_activeTool->mouseReleased(event, mapToScene(event->position().toPoint()))) {
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

void MapCanvas::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        setTransformationAnchor(QGraphicsView::AnchorViewCenter);
        zoomBy(1.5);
        return;
    case Qt::Key_Minus:
        setTransformationAnchor(QGraphicsView::AnchorViewCenter);
        zoomBy(1.0 / 1.5);
        return;
    default:
        if (!m_activeTool->keyPressed(event))
            QGraphicsView::keyPressEvent(event);
    }
}

void MapCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    placeWarning();
    if (m_fitted)
        zoomToFit();
    viewMoved();
}

void MapCanvas::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    viewMoved();
}

// The legends' texts, and so their sizes, are the language's: the labels keep clear of them
// and a fitted view fits into what they leave free, as when a legend comes or goes.
void MapCanvas::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    if (m_fitted)
        zoomToFit();
    declutterLabels();
}

} // namespace widgets
} // namespace nqi
