#include "widgets/maptools/drawregiontool.h"

#include "widgets/mapcanvas.h"
#include "widgets/maptransform.h"

#include <QGraphicsPolygonItem>
#include <QKeyEvent>
#include <QMouseEvent>

namespace nqi::widgets {

using namespace nqi::core;

void DrawRegionTool::cancel()
{
    m_draft.clear();
    delete m_item;
    m_item = nullptr;
}

bool DrawRegionTool::mousePressed(QMouseEvent *, const QPointF &scenePos)
{
    m_draft << scenePos;
    if (!m_item) {
        m_item = canvas()->scene()->addPolygon(m_draft, QPen(QColor(123, 31, 162), 0, Qt::DashLine),
                                               QColor(123, 31, 162, 30));
        m_item->setZValue(100);
        Q_EMIT message(statusText());
    }
    m_item->setPolygon(m_draft);
    return true;
}

bool DrawRegionTool::mouseDoubleClicked(QMouseEvent *event, const QPointF &)
{
    if (event->button() != Qt::LeftButton)
        return false;
    finish(); // the double-click's first click already added its point
    return true;
}

bool DrawRegionTool::keyPressed(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && !m_draft.isEmpty()) {
        finish();
        return true;
    }
    return MapTool::keyPressed(event);
}

void DrawRegionTool::finish()
{
    QList<LatLon> ring;
    for (const QPointF &point : std::as_const(m_draft))
        ring << mercator::fromScene(point);
    cancel();
    if (ring.size() < 3) {
        Q_EMIT message(tr("A region needs at least three points."));
        return;
    }
    Q_EMIT regionDrawn(ring);
}

QString DrawRegionTool::statusText() const
{
    return tr("Click to add points; double-click or Enter closes the region, Esc cancels.");
}

} // namespace nqi::widgets
