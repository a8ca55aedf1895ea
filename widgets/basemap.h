#pragma once

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
    };
    QList<Shape> countries;
    QList<Shape> provinces;
    QString source;
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
    bool isLoaded() const { return bool(m_data); }
    const QString &errorMessage() const { return m_error; }

    /// Renders sceneRect into an image of pixelSize; rendered() follows unless superseded.
    void
    render(const QRectF &sceneRect, const QSize &pixelSize, qreal devicePixelRatio, bool provinces);

    /// Draws the data directly (tests, reports): same look as the worker's images.
    static void draw(QPainter &painter,
                     const BasemapData &data,
                     const QRectF &sceneRect,
                     double pixelsPerUnit,
                     bool provinces);

    std::shared_ptr<const BasemapData> data() const { return m_data; }

Q_SIGNALS:
    void loaded();
    void failed(const QString &message);
    void rendered(const QImage &image, const QRectF &sceneRect);

private:
    std::shared_ptr<const BasemapData> m_data;
    QString m_error;
    ImageRenderJob m_job;
};

} // namespace nqi::widgets
