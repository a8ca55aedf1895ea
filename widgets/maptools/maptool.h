#pragma once

#include <QCursor>
#include <QGraphicsView>
#include <QObject>
#include <QPointF>
#include <QString>

#include <memory>

class QKeyEvent;
class QMouseEvent;

namespace nqi::widgets {

class Command;
class Document;
class MapCanvas;

/**
 * A map tool, as Tiled's AbstractTool: it turns the mouse and the keys on the canvas into undo
 * commands pushed through the document, and shows its feedback as items of its own on the
 * canvas's scene (z 100). The canvas keeps the view, the layers and hit testing, and forwards
 * the left button's events and the keys it does not use itself to the active tool.
 *
 * The event handlers return true when the tool used the event and false to let the view have
 * it (rubber-band selection, tool tips).
 */
class MapTool : public QObject
{
    Q_OBJECT

public:
    explicit MapTool(MapCanvas *canvas);

    /// The canvas made the tool the active one.
    virtual void activate() {}
    /// Another tool takes over: by default what the tool had under way is dropped.
    virtual void deactivate() { cancel(); }
    /// Drops what the tool has under way (Esc, the right button, the network replaced).
    virtual void cancel() {}

    virtual bool mousePressed(QMouseEvent *, const QPointF &) { return false; }
    virtual bool mouseMoved(QMouseEvent *, const QPointF &) { return false; }
    virtual bool mouseReleased(QMouseEvent *, const QPointF &) { return false; }
    virtual bool mouseDoubleClicked(QMouseEvent *, const QPointF &) { return false; }
    /// Esc cancels in every tool; tools that take other keys (Enter) override this.
    virtual bool keyPressed(QKeyEvent *event);

    /// What the user can do now, for the status bar.
    virtual QString statusText() const = 0;
    virtual QCursor cursor() const { return Qt::CrossCursor; }
    /// The view's own drag while the tool is active (the Select tool's rubber band).
    virtual QGraphicsView::DragMode dragMode() const { return QGraphicsView::NoDrag; }

Q_SIGNALS:
    /// A hint or a refused edit, for the status bar.
    void message(const QString &text);
    /// Something the user must see (an edit that leaves the plan with a problem).
    void warning(const QString &text);

protected:
    MapCanvas *canvas() const { return m_canvas; }
    Document *document() const;
    /// Pushes the command; a command that does not apply changes nothing, its problem goes to
    /// message() and false is returned.
    bool push(std::unique_ptr<Command> command);

private:
    MapCanvas *m_canvas;
};

} // namespace nqi::widgets
