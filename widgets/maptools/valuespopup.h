#pragma once

#include <QFrame>
#include <QVariant>

#include <utility>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;

namespace nqi::widgets {

/**
 * A small form over the map next to the cursor, asking for the values of an object a tool is
 * about to add. It is not modal: Enter or its Add button accepts, Esc or Cancel drops the
 * object; the tool that opened it may also accept it (a click elsewhere on the map, another
 * tool). It deletes itself once answered. Its fields are found by their object names.
 */
class ValuesPopup : public QFrame
{
    Q_OBJECT

public:
    ValuesPopup(const QString &title, QWidget *parent);

    QDoubleSpinBox *addNumber(const QString &name,
                              const QString &label,
                              double value,
                              double minimum,
                              int decimals,
                              const QString &suffix);
    QComboBox *addChoice(const QString &name,
                         const QString &label,
                         const QList<std::pair<QString, QVariant>> &items,
                         const QVariant &current);
    double number(const QString &name) const;
    QVariant choice(const QString &name) const;

    /// Shows the form beside @p at (the parent's coordinates), inside the parent, with the
    /// first field's text selected so typing replaces it.
    void showNear(const QPoint &at);

    void accept();
    void reject();
    bool isAnswered() const { return m_answered; }

Q_SIGNALS:
    void accepted();
    void rejected();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    // Clicks on the form stay on it (the map under it would take them as a tool's clicks).
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    void answer(bool accepted);

    QFormLayout *m_form;
    QWidget *m_firstField = nullptr;
    bool m_answered = false;
};

} // namespace nqi::widgets
