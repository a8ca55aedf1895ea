#pragma once

#include <QPointer>
#include <QWidget>

class QFrame;
class QHBoxLayout;
class QToolButton;

namespace nqi::widgets {

class Task;
class TaskManager;

/**
 * The running tasks in a status bar, as QGIS's task manager shows them: the newest task's
 * description with its progress bar and Cancel; with several, a button counting them opens the
 * list of all, each with its progress bar and Cancel. Empty while nothing runs.
 */
class TaskBar : public QWidget
{
    Q_OBJECT

public:
    explicit TaskBar(TaskManager *manager, QWidget *parent = nullptr);

    /// The button counting the tasks (shown when more than one runs); a click opens the list.
    QToolButton *countButton() const { return m_count; }
    /// The list of every running task while it is open, else null.
    QFrame *list() const { return m_list; }
    /// Opens the list of every running task under the count button.
    void showList();

private:
    void refresh();
    QWidget *taskRow(Task *task, QWidget *parent);
    void fillList();

    TaskManager *m_manager;
    QHBoxLayout *m_layout;
    QWidget *m_newest = nullptr; ///< the row of the newest task
    QToolButton *m_count;
    QPointer<QFrame> m_list;
};

} // namespace nqi::widgets
