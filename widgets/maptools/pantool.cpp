#include "widgets/maptools/pantool.h"

#include "widgets/mapcanvas.h"

#include <QMouseEvent>

namespace nqi::widgets {

void PanTool::cancel()
{
    m_from.reset();
    canvas()->viewport()->setCursor(cursor());
}

bool PanTool::mousePressed(QMouseEvent *event, const QPointF &)
{
    m_from = event->position().toPoint();
    canvas()->viewport()->setCursor(Qt::ClosedHandCursor);
    return true;
}

bool PanTool::mouseMoved(QMouseEvent *event, const QPointF &)
{
    if (!m_from)
        return false;
    const QPoint at = event->position().toPoint();
    canvas()->panBy(*m_from - at);
    m_from = at;
    return true;
}

bool PanTool::mouseReleased(QMouseEvent *event, const QPointF &)
{
    if (!m_from || event->button() != Qt::LeftButton)
        return false;
    cancel();
    return true;
}

QString PanTool::statusText() const
{
    return tr("Drag to move the map.");
}

} // namespace nqi::widgets
