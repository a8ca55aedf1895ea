#pragma once

#include "widgets/maptools/maptool.h"

namespace nqi::widgets {

/// Selects sites, links and regions: a click, or a rubber band; Shift adds to the selection.
class SelectTool : public MapTool
{
    Q_OBJECT

public:
    using MapTool::MapTool;

    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseReleased(QMouseEvent *event, const QPointF &scenePos) override;
    QString statusText() const override;
    QCursor cursor() const override { return Qt::ArrowCursor; }
    QGraphicsView::DragMode dragMode() const override { return QGraphicsView::RubberBandDrag; }
};

} // namespace nqi::widgets
