#pragma once

#include "widgets/maptools/maptool.h"

#include <QPoint>

#include <optional>

namespace nqi::widgets {

/// Moves the map with the left button (the middle button pans in every tool).
class PanTool : public MapTool
{
    Q_OBJECT

public:
    using MapTool::MapTool;

    void cancel() override;
    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseMoved(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseReleased(QMouseEvent *event, const QPointF &scenePos) override;
    QString statusText() const override;
    QCursor cursor() const override { return Qt::OpenHandCursor; }

private:
    std::optional<QPoint> m_from; // viewport pixels
};

} // namespace nqi::widgets
