#include "widgets/taskbar.h"

#include "widgets/taskmanager.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace nqi::widgets {

TaskBar::TaskBar(TaskManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_layout(new QHBoxLayout(this))
    , m_count(new QToolButton(this))
{
    setObjectName(u"taskBar"_qs);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    m_count->setObjectName(u"taskCount"_qs);
    m_count->setAutoRaise(true);
    m_count->setArrowType(Qt::UpArrow);
    m_count->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_count->setToolTip(tr("Every running task, each with its progress and Cancel"));
    m_layout->addWidget(m_count);
    connect(m_count, &QToolButton::clicked, this, &TaskBar::showList);
    connect(manager, &TaskManager::countChanged, this, &TaskBar::refresh);
    // As tall as a task's row from the start, even while nothing runs: a status bar that grew
    // when a task starts would shrink the map, which then draws everything again.
    QWidget *sample = taskRow(nullptr, this);
    setFixedHeight(std::max(sample->sizeHint().height(), m_count->sizeHint().height()));
    delete sample;
    refresh();
}

// A task's description, progress bar (busy when its progress is not known) and Cancel; without
// a task, an empty row of the same height.
QWidget *TaskBar::taskRow(Task *task, QWidget *parent)
{
    auto *row = new QWidget(parent);
    row->setObjectName(u"taskRow"_qs);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    auto *label = new QLabel(row);
    label->setObjectName(u"taskDescription"_qs);
    label->setTextFormat(Qt::PlainText);
    auto *bar = new QProgressBar(row);
    bar->setObjectName(u"taskProgress"_qs);
    bar->setFormat(u"%p%"_qs);
    bar->setMaximumHeight(label->sizeHint().height() + 2);
    bar->setFixedWidth(120);
    auto *cancel = new QToolButton(row);
    cancel->setObjectName(u"cancelTask"_qs);
    cancel->setIcon(QIcon::fromTheme(u"process-stop"_qs));
    cancel->setText(tr("Cancel"));
    cancel->setAutoRaise(true);
    cancel->setToolButtonStyle(cancel->icon().isNull() ? Qt::ToolButtonTextOnly
                                                       : Qt::ToolButtonIconOnly);
    layout->addWidget(label);
    layout->addWidget(bar);
    layout->addWidget(cancel);
    if (!task)
        return row; // a sample, for the height
    label->setText(label->fontMetrics().elidedText(task->description(), Qt::ElideRight, 260));
    label->setToolTip(task->description());
    bar->setRange(0, task->isIndeterminate() ? 0 : 1000);
    bar->setValue(int(task->fraction() * 1000));
    cancel->setToolTip(tr("Cancel %1").arg(task->description()));
    connect(task, &Task::progressChanged, bar,
            [bar](double fraction) { bar->setValue(int(fraction * 1000)); });
    connect(cancel, &QToolButton::clicked, task, [task, cancel, label] {
        task->cancel();
        cancel->setEnabled(false);
        label->setText(label->fontMetrics().elidedText(
            tr("%1 (cancelling)").arg(task->description()), Qt::ElideRight, 260));
    });
    return row;
}

void TaskBar::refresh()
{
    const QList<Task *> tasks = m_manager->tasks();
    delete m_newest;
    m_newest = nullptr;
    if (!tasks.isEmpty()) {
        m_newest = taskRow(tasks.last(), this);
        m_layout->insertWidget(0, m_newest);
    }
    m_count->setText(tr("%n task(s)", nullptr, int(tasks.size())));
    m_count->setVisible(tasks.size() > 1);
    if (m_list) {
        if (tasks.size() > 1)
            fillList();
        else
            m_list->close();
    }
}

void TaskBar::showList()
{
    if (!m_list) {
        m_list = new QFrame(this, Qt::Popup);
        m_list->setObjectName(u"taskList"_qs);
        m_list->setAttribute(Qt::WA_DeleteOnClose);
        m_list->setFrameShape(QFrame::StyledPanel);
        new QVBoxLayout(m_list);
    }
    fillList();
    m_list->adjustSize();
    // Above the button: the status bar is at the bottom of the window.
    const QPoint corner = m_count->mapToGlobal(QPoint(m_count->width(), 0));
    m_list->move(corner - QPoint(m_list->width(), m_list->height()));
    m_list->show();
}

void TaskBar::fillList()
{
    auto *layout = static_cast<QVBoxLayout *>(m_list->layout());
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (Task *task : m_manager->tasks())
        layout->addWidget(taskRow(task, m_list));
    m_list->adjustSize();
}

} // namespace nqi::widgets
