#include "widgets/maptools/valuespopup.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace nqi::widgets {

ValuesPopup::ValuesPopup(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_form(new QFormLayout)
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    auto *heading = new QLabel(title, this);
    heading->setTextFormat(Qt::PlainText);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    layout->addWidget(heading);
    layout->addLayout(m_form);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *add = buttons->addButton(tr("Add"), QDialogButtonBox::AcceptRole);
    add->setObjectName(u"accept"_qs);
    buttons->addButton(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_qs);
    connect(buttons, &QDialogButtonBox::accepted, this, &ValuesPopup::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ValuesPopup::reject);
    layout->addWidget(buttons);
    auto *hint = new QLabel(tr("Enter adds, Esc cancels."), this);
    hint->setEnabled(false);
    layout->addWidget(hint);
    hide();
}

QDoubleSpinBox *ValuesPopup::addNumber(const QString &name,
                                       const QString &label,
                                       double value,
                                       double minimum,
                                       int decimals,
                                       const QString &suffix)
{
    auto *box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setDecimals(decimals);
    box->setRange(minimum, 1e9);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setAccelerated(true);
    m_form->addRow(label, box);
    if (!m_firstField)
        m_firstField = box;
    return box;
}

QComboBox *ValuesPopup::addChoice(const QString &name,
                                  const QString &label,
                                  const QList<std::pair<QString, QVariant>> &items,
                                  const QVariant &current)
{
    auto *box = new QComboBox(this);
    box->setObjectName(name);
    for (const auto &[text, value] : items)
        box->addItem(text, value);
    box->setCurrentIndex(std::max(0, box->findData(current)));
    m_form->addRow(label, box);
    if (!m_firstField)
        m_firstField = box;
    return box;
}

double ValuesPopup::number(const QString &name) const
{
    const auto *box = findChild<QDoubleSpinBox *>(name);
    return box ? box->value() : 0.0;
}

QVariant ValuesPopup::choice(const QString &name) const
{
    const auto *box = findChild<QComboBox *>(name);
    return box ? box->currentData() : QVariant();
}

void ValuesPopup::showNear(const QPoint &at)
{
    adjustSize();
    const QRect area = parentWidget() ? parentWidget()->rect() : QRect(at, size());
    // Below right of the cursor, or where it still fits.
    QPoint topLeft = at + QPoint(16, 16);
    if (topLeft.x() + width() > area.right())
        topLeft.setX(at.x() - 16 - width());
    if (topLeft.y() + height() > area.bottom())
        topLeft.setY(at.y() - 16 - height());
    topLeft.setX(
        std::clamp(topLeft.x(), area.left(), std::max(area.left(), area.right() - width())));
    topLeft.setY(
        std::clamp(topLeft.y(), area.top(), std::max(area.top(), area.bottom() - height())));
    move(topLeft);
    show();
    raise();
    if (m_firstField) {
        m_firstField->setFocus(Qt::PopupFocusReason);
        if (auto *box = qobject_cast<QDoubleSpinBox *>(m_firstField))
            box->selectAll();
    }
}

void ValuesPopup::accept()
{
    answer(true);
}

void ValuesPopup::reject()
{
    answer(false);
}

void ValuesPopup::answer(bool accepted)
{
    if (m_answered)
        return;
    m_answered = true;
    // The fields are read by whoever listens: interpret what was typed but not yet taken.
    for (QDoubleSpinBox *box : findChildren<QDoubleSpinBox *>())
        box->interpretText();
    if (accepted)
        Q_EMIT this->accepted();
    else
        Q_EMIT rejected();
    hide();
    deleteLater();
}

void ValuesPopup::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        accept();
        return;
    case Qt::Key_Escape:
        reject();
        return;
    default:
        QFrame::keyPressEvent(event);
    }
}

void ValuesPopup::mousePressEvent(QMouseEvent *event)
{
    event->accept();
}

void ValuesPopup::mouseReleaseEvent(QMouseEvent *event)
{
    event->accept();
}

void ValuesPopup::mouseDoubleClickEvent(QMouseEvent *event)
{
    event->accept();
}

} // namespace nqi::widgets
