#pragma once

#include <QColor>
#include <QFutureWatcher>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPainterPath>
#include <QRectF>

#include "widgets/imagerenderjob_p.h"

#include <memory>

namespace nqi::widgets {

/// Countries and provinces in scene (Web Mercator) coordinates, ready to draw.
struct BasemapData
{
    struct Shape
    {
        QPainterPath path;
        QRectF bounds;
        /// Coarser copies for smaller scales: coarser[k] keeps only vertices at least
        /// coarseTolerance(k) from the last one kept (rings that become smaller vanish).
        QList<QPainterPath> coarser;
        /// The path to draw at unitsPerPixel scene units per pixel: the coarsest copy whose
        /// vertices are at most a pixel off (the threshold QGIS simplifies to by default).
        const QPainterPath &pathFor(double unitsPerPixel) const;
    };
    /// Scene units (metres) of level k: 100 m, then 4 times more per level.
    static double coarseTolerance(int level);
    static constexpr int kCoarseLevels = 7;
    QList<Shape> countries;
    QList<Shape> provinces;
    QString source;
};

/// A vector layer the user added over the basemap, with its style.
struct Overlay
{
    QString title; ///< "file.gpkg — layer"
    QString path;
    QString layer;
    QList<BasemapData::Shape> shapes;
    bool polygons = false;
    bool points = false;
    QColor colour = QColor(0, 121, 107);
    double widthPx = 1.2;
    double opacity = 1.0;
    bool visible = true;
    bool loading = true; ///< still being read; drawn once its shapes arrive
    quint64 key = 0;     ///< identifies the overlay while it loads
};

/**
 * The basemap: loaded once from a GeoPackage through GDAL and rendered to an image of the visible
 * area in a worker thread. A new request cancels the one in flight, so panning never waits.
 */
class Basemap : public QObject
{
    Q_OBJECT

public:
    explicit Basemap(QObject *parent = nullptr);
    ~Basemap() override;

    /// Debian's qgis-common world map (Natural Earth), or empty when not installed.
    static QString defaultPath();

    /// Starts loading; loaded() or failed() follows.
    void load(const QString &path);

    /// A basemap file read, or why it could not be.
    struct LoadedData
    {
        std::shared_ptr<const BasemapData> data;
        QString error;
    };
    /// Reads a basemap now, in any thread (load()'s worker, a report's figures); the last one
    /// read is kept while its file is unchanged, so the next map does not read it again.
    static LoadedData loadData(const QString &path);
    bool isLoaded() const { return bool(m_data); }
    const QString &errorMessage() const { return m_error; }

    /// Adds a layer of any GDAL vector file over the basemap (read in a worker); overlaysChanged()
    /// or failed() follows.
    void addOverlay(const QString &path, const QString &layer);
    const QList<Overlay> &overlays() const { return m_overlays; }
    void removeOverlay(qsizetype index);
    /// Moves an overlay up (towards the top of the drawing order) or down.
    void moveOverlay(qsizetype index, int delta);
    void setOverlayVisible(qsizetype index, bool visible);
    void setOverlayStyle(qsizetype index, const QColor &colour, double widthPx, double opacity);

    /// Renders sceneRect into an image of pixelSize; rendered() follows unless superseded.
    void
    render(const QRectF &sceneRect, const QSize &pixelSize, qreal devicePixelRatio, bool provinces);

    /// Draws the data directly (tests, reports): same look as the worker's images.
    static void draw(QPainter &painter,
                     const BasemapData &data,
                     const QRectF &sceneRect,
                     double pixelsPerUnit,
                     bool provinces,
                     const QList<Overlay> &overlays = {});

    std::shared_ptr<const BasemapData> data() const { return m_data; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);
    void rendered(const QImage &image, const QRectF &sceneRect);
    void overlaysChanged();

private:
    std::shared_ptr<const BasemapData> m_data;
    QString m_error;
    ImageRenderJob m_job;
    QList<Overlay> m_overlays; ///< drawn first to last: the last is on top
    quint64 m_nextOverlayKey = 1;
};

} // namespace nqi::widgets
