#include "widgets/basemap.h"

#include "core/io/vectorfile.h"
#include "core/model/diagnostic.h"
#include "widgets/maptransform.h"

#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace nqi {
namespace widgets {

using namespace nqi::core;

namespace {

const QColor kOcean(214, 230, 240);
const QColor kLand(246, 244, 238);
const QColor kCountryBorder(150, 150, 150);
const QColor kProvinceBorder(200, 196, 188);

QList<BasemapData::Shape> toShapes(const VectorLayer &layer)
{
    QList<BasemapData::Shape> shapes;
    shapes.reserve(layer.features.size());
    for (const VectorFeature &feature : layer.features) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const QList<LatLon> &ring : feature.parts) {
            if (ring.isEmpty())
                continue;
            path.moveTo(mercator::toScene(ring.constFirst()));
            for (qsizetype i = 1; i < ring.size(); ++i)
                path.lineTo(mercator::toScene(ring[i]));
            if (feature.kind == VectorFeature::Kind::Polygon)
                path.closeSubpath();
        }
        shapes.append({path, path.boundingRect()});
    }
    return shapes;
}

} // namespace

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
    // The worker reports a failure as text: QtConcurrent would wrap our exception otherwise.
    struct Loaded
    {
        std::shared_ptr<const BasemapData> data;
        QString error;
    };
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Loaded outcome = watcher->result();
        if (outcome.data) {
            m_data = outcome.data;
            Q_EMIT loaded();
        } else {
            m_error = tr("Basemap %1 could not be read: %2").arg(path, outcome.error);
            Q_EMIT failed(m_error);
        }
    });
    watcher->setFuture(QtConcurrent::run([path]() -> Loaded {
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
            return {data, {}};
        } catch (const Failure &failure) {
            return {nullptr, failure.diagnostic().message};
        }
    }));
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
    painter.scale(pixelsPerUnit, pixelsPerUnit);
    painter.translate(-sceneRect.topLeft());
    // Draw the world three times across so the map continues past the antimeridian.
    const double worldWidth = 2.0 * mercator::toScene(0, 180).x();
    for (int copy = -1; copy <= 1; ++copy) {
        const QRectF shifted = sceneRect.translated(-copy * worldWidth, 0);
        painter.save();
        painter.translate(copy * worldWidth, 0);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kLand);
        for (const BasemapData::Shape &shape : data.countries) {
            if (shape.bounds.intersects(shifted))
                painter.drawPath(shape.path);
        }
        painter.setBrush(Qt::NoBrush);
        if (provinces) {
            QPen pen(kProvinceBorder, 0.8);
            pen.setCosmetic(true);
            painter.setPen(pen);
            for (const BasemapData::Shape &shape : data.provinces) {
                if (shape.bounds.intersects(shifted))
                    painter.drawPath(shape.path);
            }
        }
        QPen pen(kCountryBorder, 1.0);
        pen.setCosmetic(true);
        painter.setPen(pen);
        for (const BasemapData::Shape &shape : data.countries) {
            if (shape.bounds.intersects(shifted))
                painter.drawPath(shape.path);
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
                    painter.drawPath(shape.path);
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
