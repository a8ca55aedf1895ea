#include "widgets/maptools/selecttool.h"

#include <QMouseEvent>

namespace nqi::widgets {

namespace {

// Shift adds to the selection, as in most map programs; the view takes Ctrl for that.
void shiftAddsToSelection(QMouseEvent *event)
{
    if (event->modifiers() & Qt::ShiftModifier) {
        event->setModifiers((event->modifiers() & ~Qt::ShiftModifier) | Qt::ControlModifier);
    }
}

} // namespace

bool SelectTool::mousePressed(QMouseEvent *event, const QPointF &)
{
    shiftAddsToSelection(event);
    return false; // the view selects
}

bool SelectTool::mouseReleased(QMouseEvent *event, const QPointF &)
{
    shiftAddsToSelection(event);
    return false;
}

QString SelectTool::statusText() const
{
    return tr("Click or drag to select; Shift adds to the selection.");
}

} // namespace nqi::widgets
