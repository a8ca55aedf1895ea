#include "widgets/basemap.h"

#include "core/io/vectorfile.h"
#include "core/model/diagnostic.h"
#include "widgets/maptransform.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QPainter>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

const QColor kOcean(214, 230, 240);
const QColor kLand(246, 244, 238);
const QColor kCountryBorder(150, 150, 150);
const QColor kProvinceBorder(200, 196, 188);

// Level of detail: the basemap's countries and provinces come at full resolution (Natural Earth);
// drawn at world scale, many of their vertices fall within a pixel of the previous one.
// Each level keeps the vertices at least its tolerance from the last kept one (and the ring's
// last), and leaves out rings smaller than the tolerance.
QPainterPath coarsePath(const QList<QPolygonF> &rings, bool closed, double tolerance)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    const double tolerance2 = tolerance * tolerance;
    for (const QPolygonF &ring : rings) {
        const QRectF bounds = ring.boundingRect();
        if (bounds.width() < tolerance && bounds.height() < tolerance)
            continue;
        QPointF last = ring.constFirst();
        path.moveTo(last);
        for (qsizetype i = 1; i < ring.size(); ++i) {
            const QPointF d = ring[i] - last;
            if (d.x() * d.x() + d.y() * d.y() < tolerance2 && i + 1 < ring.size())
                continue;
            last = ring[i];
            path.lineTo(last);
        }
        if (closed)
            path.closeSubpath();
    }
    return path;
}

QList<BasemapData::Shape> toShapes(const VectorLayer &layer)
{
    QList<BasemapData::Shape> shapes;
    shapes.reserve(layer.features.size());
    QList<QPolygonF> rings;
    for (const VectorFeature &feature : layer.features) {
        rings.clear();
        for (const QList<LatLon> &ring : feature.parts) {
            if (ring.isEmpty())
                continue;
            QPolygonF scene;
            scene.reserve(ring.size());
            for (const LatLon &point : ring)
                scene << mercator::toScene(point);
            rings.append(std::move(scene));
        }
        const bool closed = feature.kind == VectorFeature::Kind::Polygon;
        BasemapData::Shape shape;
        shape.path = coarsePath(rings, closed, 0.0);
        shape.bounds = shape.path.boundingRect();
        // Points (overlays of sites, say) are drawn as they are.
        if (feature.kind != VectorFeature::Kind::Point)
            for (int level = 0; level < BasemapData::kCoarseLevels; ++level)
                shape.coarser.append(
                    coarsePath(rings, closed, BasemapData::coarseTolerance(level)));
        shapes.append(std::move(shape));
    }
    return shapes;
}

} // namespace

double BasemapData::coarseTolerance(int level)
{
    return 100.0 * std::pow(4.0, level);
}

const QPainterPath &BasemapData::Shape::pathFor(double unitsPerPixel) const
{
    for (int level = int(coarser.size()) - 1; level >= 0; --level)
        if (coarseTolerance(level) <= unitsPerPixel)
            return coarser[level];
    return path;
}

Basemap::Basemap(QObject *parent)
    : QObject(parent)
{
}

Basemap::~Basemap() = default;

QString Basemap::defaultPath()
{
    return VectorFile::defaultBasemap();
}

void Basemap::load(const QString &path)
{
    if (path.isEmpty()) {
        m_error = tr("No basemap: install the qgis-common package (world_map.gpkg) or add a "
                     "GeoPackage of countries in the Layers dock.");
        Q_EMIT failed(m_error);
        return;
    }
    auto *watcher = new QFutureWatcher<LoadedData>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const LoadedData outcome = watcher->result();
        if (outcome.data) {
            m_data = outcome.data;
            Q_EMIT loaded();
        } else {
            m_error = tr("Basemap %1 could not be read: %2").arg(path, outcome.error);
            Q_EMIT failed(m_error);
        }
    });
    watcher->setFuture(QtConcurrent::run([path] { return loadData(path); }));
}

Basemap::LoadedData Basemap::loadData(const QString &path)
{
    if (path.isEmpty())
        return {nullptr, u"no basemap file"_qs};
    // The last basemap read stays in memory for the next map (another window, a report's
    // figures, a reopened project) while its file is unchanged.
    static QMutex mutex;
    static std::shared_ptr<const BasemapData> last;
    static QString lastKey;
    const QFileInfo file(path);
    const QString key = file.absoluteFilePath() + u'|' + QString::number(file.size()) + u'|' +
                        QString::number(file.lastModified().toMSecsSinceEpoch());
    {
        const QMutexLocker lock(&mutex);
        if (last && key == lastKey)
            return {last, {}};
    }
    // A failure is returned as text: QtConcurrent would wrap the exception otherwise.
    try {
        auto data = std::make_shared<BasemapData>();
        data->source = path;
        const QStringList layers = VectorFile::layerNames(path);
        const QString countries =
            layers.contains(u"countries"_qs) ? u"countries"_qs : layers.value(0);
        if (countries.isEmpty())
            return {nullptr, u"it holds no vector layer"_qs};
        data->countries = toShapes(VectorFile::readLayer(path, countries));
        if (layers.contains(u"states_provinces"_qs))
            data->provinces = toShapes(VectorFile::readLayer(path, u"states_provinces"_qs));
        const QMutexLocker lock(&mutex);
        last = data;
        lastKey = key;
        return {data, {}};
    } catch (const Failure &failure) {
        return {nullptr, failure.diagnostic().message};
    }
}

void Basemap::draw(QPainter &painter,
                   const BasemapData &data,
                   const QRectF &sceneRect,
                   double pixelsPerUnit,
                   bool provinces,
                   const QList<Overlay> &overlays)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.fillRect(painter.viewport(), kOcean);
    const double unitsPerPixel = 1.0 / pixelsPerUnit;
    painter.scale(pixelsPerUnit, pixelsPerUnit);
    painter.translate(-sceneRect.topLeft());
    // Draw the world three times across so the map continues past the antimeridian.
    const double worldWidth = 2.0 * mercator::toScene(0, 180).x();
    for (int copy = -1; copy <= 1; ++copy) {
        const QRectF shifted = sceneRect.translated(-copy * worldWidth, 0);
        painter.save();
        painter.translate(copy * worldWidth, 0);
        // Land is filled without antialiasing (several times faster): the antialiased
        // borders drawn over its edges below hide the steps.
        painter.setPen(Qt::NoPen);
        painter.setBrush(kLand);
        painter.setRenderHint(QPainter::Antialiasing, false);
        for (const BasemapData::Shape &shape : data.countries) {
            if (shape.bounds.intersects(shifted))
                painter.drawPath(shape.pathFor(unitsPerPixel));
        }
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setBrush(Qt::NoBrush);
        if (provinces) {
            QPen pen(kProvinceBorder, 0.8);
            pen.setCosmetic(true);
            painter.setPen(pen);
            for (const BasemapData::Shape &shape : data.provinces) {
                if (shape.bounds.intersects(shifted))
                    painter.drawPath(shape.pathFor(unitsPerPixel));
            }
        }
        QPen pen(kCountryBorder, 1.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        for (const BasemapData::Shape &shape : data.countries) {
            if (shape.bounds.intersects(shifted))
                painter.drawPath(shape.pathFor(unitsPerPixel));
        }
        for (const Overlay &overlay : overlays) {
            if (!overlay.visible || overlay.loading)
                continue;
            painter.setOpacity(overlay.opacity);
            QPen overlayPen(overlay.colour, overlay.widthPx);
            overlayPen.setCosmetic(true);
            painter.setPen(overlayPen);
            QColor fill = overlay.colour;
            fill.setAlphaF(0.25);
            painter.setBrush(overlay.polygons ? QBrush(fill) : QBrush(Qt::NoBrush));
            const double radius = (overlay.widthPx + 2.5) / pixelsPerUnit;
            for (const BasemapData::Shape &shape : overlay.shapes) {
                if (!shape.bounds.adjusted(-radius, -radius, radius, radius).intersects(shifted))
                    continue;
                if (!overlay.points) {
                    painter.drawPath(shape.pathFor(unitsPerPixel));
                    continue;
                }
                for (int e = 0; e < shape.path.elementCount(); ++e)
                    painter.drawEllipse(QPointF(shape.path.elementAt(e)), radius, radius);
            }
            painter.setOpacity(1.0);
        }
        painter.restore();
    }
    painter.restore();
}

void Basemap::addOverlay(const QString &path, const QString &layer)
{
    struct Loaded
    {
        QList<BasemapData::Shape> shapes;
        bool polygons = false;
        bool points = false;
        QString error;
    };
    // The overlay takes its place in the list at once, so layers stack in the order the user
    // added them whatever order they finish loading in.
    Overlay placeholder;
    placeholder.title = QFileInfo(path).fileName() + u" — "_qs + layer;
    placeholder.path = path;
    placeholder.layer = layer;
    placeholder.key = m_nextOverlayKey++;
    // A different colour for each new layer.
    static const QColor kColours[] = {QColor(0, 121, 107), QColor(194, 24, 91), QColor(245, 124, 0),
                                      QColor(69, 90, 100), QColor(94, 53, 177)};
    placeholder.colour = kColours[placeholder.key % 5];
    m_overlays.append(placeholder);
    Q_EMIT overlaysChanged();
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, path, layer, key = placeholder.key] {
                watcher->deleteLater();
                const Loaded outcome = watcher->result();
                const auto it = std::find_if(m_overlays.begin(), m_overlays.end(),
                                             [key](const Overlay &o) { return o.key == key; });
                if (it == m_overlays.end())
                    return; // removed while loading
                if (!outcome.error.isEmpty()) {
                    m_overlays.erase(it);
                    Q_EMIT overlaysChanged();
                    Q_EMIT failed(
                        tr("Layer %1 of %2 could not be read: %3").arg(layer, path, outcome.error));
                    return;
                }
                it->shapes = outcome.shapes;
                it->polygons = outcome.polygons;
                it->points = outcome.points;
                it->loading = false;
                Q_EMIT overlaysChanged();
            });
    watcher->setFuture(QtConcurrent::run([path, layer]() -> Loaded {
        try {
            const VectorLayer read = VectorFile::readLayer(path, layer);
            Loaded loaded;
            loaded.shapes = toShapes(read);
            if (!read.features.isEmpty()) {
                loaded.polygons = read.features.constFirst().kind == VectorFeature::Kind::Polygon;
                loaded.points = read.features.constFirst().kind == VectorFeature::Kind::Point;
            }
            return loaded;
        } catch (const Failure &failure) {
            Loaded failed;
            failed.error = failure.diagnostic().message;
            return failed;
        }
    }));
}

void Basemap::removeOverlay(qsizetype index)
{
    if (index < 0 || index >= m_overlays.size())
        return;
    m_overlays.removeAt(index);
    Q_EMIT overlaysChanged();
}

void Basemap::moveOverlay(qsizetype index, int delta)
{
    const qsizetype to = index + delta;
    if (index < 0 || index >= m_overlays.size() || to < 0 || to >= m_overlays.size())
        return;
    m_overlays.move(index, to);
    Q_EMIT overlaysChanged();
}

void Basemap::setOverlayVisible(qsizetype index, bool visible)
{
    if (index < 0 || index >= m_overlays.size() || m_overlays[index].visible == visible)
        return;
    m_overlays[index].visible = visible;
    Q_EMIT overlaysChanged();
}

void Basemap::setOverlayStyle(qsizetype index, const QColor &colour, double widthPx, double opacity)
{
    if (index < 0 || index >= m_overlays.size())
        return;
    Overlay &overlay = m_overlays[index];
    overlay.colour = colour;
    overlay.widthPx = widthPx;
    overlay.opacity = std::clamp(opacity, 0.0, 1.0);
    Q_EMIT overlaysChanged();
}

void Basemap::render(const QRectF &sceneRect,
                     const QSize &pixelSize,
                     qreal devicePixelRatio,
                     bool provinces)
{
    if (!m_data)
        return;
    m_job.start(
        this, sceneRect, pixelSize, devicePixelRatio,
        [data = m_data, provinces, overlays = m_overlays](QPainter &painter, const QRectF &rect,
                                                          double pixelsPerUnit,
                                                          const std::atomic<bool> &) {
            draw(painter, *data, rect, pixelsPerUnit, provinces, overlays);
        },
        [this](const QImage &image, const QRectF &rect) { Q_EMIT rendered(image, rect); });
}

} // namespace widgets
} // namespace nqi
