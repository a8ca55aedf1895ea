#pragma once

#include <QObject>

class QWidget;

namespace nqi::widgets {

/**
 * The wheel over a value field the user has not chosen (a spin box, date and time edit, combo
 * box or slider without focus) scrolls the form around it instead of changing the value under
 * the pointer; the field takes keyboard focus by Tab or a click only, never by the wheel.
 */
class WheelGuard : public QObject
{
public:
    /// Guards every field under the form as it is now (fields added later are not).
    static void install(QWidget *form);
    /// Passes the wheel on from a widget that has no use for it unless focused (a chart).
    static void guard(QWidget *widget);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    using QObject::QObject;
};

} // namespace nqi::widgets
