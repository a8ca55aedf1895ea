#pragma once

#include "core/model/kinds.h"
#include "core/model/network.h"
#include "widgets/linkitem.h"

#include <QColor>
#include <QImage>
#include <QList>
#include <QObject>
#include <QPainterPath>
#include <QRectF>

#include "widgets/imagerenderjob_p.h"

#include <atomic>
#include <memory>
#include <vector>

namespace nqi::widgets {

/// What the links and sites layers draw, copied from the map items in the GUI thread.
struct NetworkSnapshot
{
    struct LinkShape
    {
        QPainterPath path; ///< scene coordinates
        QRectF bounds;
        qreal widthPx = 1.5;
        QColor colour;
    };
    struct SiteShape
    {
        QPointF position; ///< scene coordinates
        core::SiteKind kind = core::SiteKind::Pop;
        int iconSize = 14;
        QString label;
        QRectF labelRect; ///< pixels relative to the position; empty when hidden
    };
    QList<LinkShape> links;
    QList<SiteShape> sites;
};

/// The links' geodesic paths as the map's link items take them, in the network's order: the
/// slow part of a large network's items, computed on every core (on threads of their own, not
/// the global pool, which loads basemaps and runs planners and must not be waited behind).
std::vector<LinkItem::Geometry> linkGeometries(const core::Network &network);

/**
 * Draws the links and sites of a large network into an image of the visible area in a worker
 * thread, the way the basemap is drawn: the GUI thread only copies a snapshot and later paints
 * one image. A newer request cancels the one in flight.
 */
class NetworkLayers : public QObject
{
    Q_OBJECT

public:
    explicit NetworkLayers(QObject *parent = nullptr);
    ~NetworkLayers() override;

    void render(std::shared_ptr<const NetworkSnapshot> snapshot,
                const QRectF &sceneRect,
                const QSize &pixelSize,
                qreal devicePixelRatio);

    /// Screen: fast (flat caps, vertices closer than a few pixels left out, one-pixel lines when
    /// the view holds thousands of links). Print: as the map items paint themselves (round caps,
    /// every vertex, each link at its width), for figures.
    enum class Detail { Screen, Print };

    /// Draws a snapshot (the worker's job; also for tests and reports).
    static void draw(QPainter &painter,
                     const NetworkSnapshot &snapshot,
                     const QRectF &sceneRect,
                     double pixelsPerUnit,
                     const std::atomic<bool> *cancel = nullptr,
                     Detail detail = Detail::Screen);

Q_SIGNALS:
    void rendered(const QImage &image, const QRectF &sceneRect);

private:
    ImageRenderJob m_job;
};

} // namespace nqi::widgets
