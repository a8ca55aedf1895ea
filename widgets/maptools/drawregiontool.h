#pragma once

#include "core/model/region.h"
#include "widgets/maptools/maptool.h"

#include <QPolygonF>

class QGraphicsPolygonItem;

namespace nqi::widgets {

/// Draws a region's outline point by point; a double-click or Enter closes it.
class DrawRegionTool : public MapTool
{
    Q_OBJECT

public:
    using MapTool::MapTool;

    void cancel() override;
    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseDoubleClicked(QMouseEvent *event, const QPointF &scenePos) override;
    bool keyPressed(QKeyEvent *event) override;
    QString statusText() const override;

Q_SIGNALS:
    /// The outline was closed; the window names the region and adds it.
    void regionDrawn(const QList<nqi::core::LatLon> &ring);

private:
    void finish();

    QPolygonF m_draft; // the vertices so far (scene)
    QGraphicsPolygonItem *m_item = nullptr;
};

} // namespace nqi::widgets
