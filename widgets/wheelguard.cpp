#include "widgets/wheelguard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QScrollBar>
#include <QWheelEvent>
#include <QWidget>

namespace nqi::widgets {

void WheelGuard::install(QWidget *form)
{
    auto *guard = new WheelGuard(form);
    for (QWidget *widget : form->findChildren<QWidget *>()) {
        // Scroll bars are what the wheel is for.
        const bool field =
            (qobject_cast<QAbstractSpinBox *>(widget) || qobject_cast<QComboBox *>(widget) ||
             qobject_cast<QAbstractSlider *>(widget)) &&
            !qobject_cast<QScrollBar *>(widget);
        if (!field)
            continue;
        widget->setFocusPolicy(Qt::StrongFocus);
        widget->installEventFilter(guard);
    }
}

void WheelGuard::guard(QWidget *widget)
{
    widget->installEventFilter(new WheelGuard(widget));
}

bool WheelGuard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Wheel || !watched->isWidgetType())
        return false;
    auto *widget = static_cast<QWidget *>(watched);
    if (widget->hasFocus())
        return false;
    if (!widget->testAttribute(Qt::WA_NoMousePropagation)) {
        // Not taken: Qt offers it to the parents, up to the scroll area around the form.
        event->ignore();
        return true;
    }
    // Qt passes nothing on from this widget (a chart): the scroll area around it gets the wheel.
    for (QWidget *parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (auto *area = qobject_cast<QAbstractScrollArea *>(parent)) {
            const auto *wheel = static_cast<QWheelEvent *>(event);
            QWheelEvent passed(area->viewport()->mapFromGlobal(wheel->globalPosition()),
                               wheel->globalPosition(), wheel->pixelDelta(), wheel->angleDelta(),
                               wheel->buttons(), wheel->modifiers(), wheel->phase(),
                               wheel->inverted(), wheel->source(), wheel->pointingDevice());
            QCoreApplication::sendEvent(area->viewport(), &passed);
            break;
        }
    }
    return true;
}

} // namespace nqi::widgets
