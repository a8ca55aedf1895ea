#include "widgets/maptools/maptool.h"

#include "widgets/commands.h"
#include "widgets/mapcanvas.h"

#include <QKeyEvent>

namespace nqi::widgets {

MapTool::MapTool(MapCanvas *canvas)
    : QObject(canvas)
    , m_canvas(canvas)
{
}

Document *MapTool::document() const
{
    return m_canvas->document();
}

bool MapTool::keyPressed(QKeyEvent *event)
{
    if (event->key() != Qt::Key_Escape)
        return false;
    cancel();
    return true;
}

bool MapTool::push(std::unique_ptr<Command> command)
{
    if (const auto problem = pushCommand(std::move(command))) {
        Q_EMIT message(problem->message);
        return false;
    }
    return true;
}

} // namespace nqi::widgets
