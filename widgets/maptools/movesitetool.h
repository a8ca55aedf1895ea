#pragma once

#include "core/model/site.h"
#include "widgets/maptools/maptool.h"

namespace nqi::widgets {

/// Drags a site to a new place: one undo command when the button is released.
class MoveSiteTool : public MapTool
{
    Q_OBJECT

public:
    using MapTool::MapTool;

    void cancel() override;
    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseMoved(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseReleased(QMouseEvent *event, const QPointF &scenePos) override;
    QString statusText() const override;
    QCursor cursor() const override { return Qt::SizeAllCursor; }

private:
    core::SiteId m_site = 0; // the site being dragged (by id: an undo may remove it meanwhile)
    QPointF m_origin;        // where its item was (scene)
};

} // namespace nqi::widgets
