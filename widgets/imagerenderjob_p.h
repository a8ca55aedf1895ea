#pragma once

// Renders an image of part of the scene in a worker thread; a newer start() cancels the job in
// flight and only the newest image is delivered. Shared by the basemap and the network layers.

#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QPainter>
#include <QRectF>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>

namespace nqi::widgets {

class ImageRenderJob
{
public:
    /// draw(painter, sceneRect, pixelsPerUnit, cancel) runs in the worker on a transparent image.
    using Draw = std::function<void(QPainter &, const QRectF &, double, const std::atomic<bool> &)>;
    using Done = std::function<void(const QImage &, const QRectF &)>;

    ~ImageRenderJob()
    {
        if (m_cancel)
            m_cancel->store(true);
    }

    void start(QObject *context,
               const QRectF &sceneRect,
               const QSize &pixelSize,
               qreal devicePixelRatio,
               Draw draw,
               Done done)
    {
        if (pixelSize.isEmpty())
            return;
        if (m_cancel)
            m_cancel->store(true); // the view moved: the image in flight is no longer wanted
        m_cancel = std::make_shared<std::atomic<bool>>(false);
        const quint64 generation = ++m_generation;
        auto *watcher = new QFutureWatcher<QImage>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                         [this, watcher, generation, sceneRect, done = std::move(done)] {
                             watcher->deleteLater();
                             const QImage image = watcher->result();
                             if (generation == m_generation && !image.isNull())
                                 done(image, sceneRect);
                         });
        watcher->setFuture(
            QtConcurrent::run([cancel = m_cancel, sceneRect, pixelSize, devicePixelRatio,
                               draw = std::move(draw)]() -> QImage {
                if (cancel->load())
                    return {};
                QImage image(pixelSize * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
                image.setDevicePixelRatio(devicePixelRatio);
                image.fill(Qt::transparent);
                QPainter painter(&image);
                draw(painter, sceneRect, pixelSize.width() / sceneRect.width(), *cancel);
                painter.end();
                return cancel->load() ? QImage() : image;
            }));
    }

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
};

} // namespace nqi::widgets
