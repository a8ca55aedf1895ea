#pragma once

#include "core/model/diagnostic.h"
#include "planners/common/progress.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>

class QThreadPool;
class QWidget;

namespace nqi::widgets {

class TaskManager;

/**
 * One piece of long work run by the TaskManager: a description for the user, progress in 0..1
 * (or none known: indeterminate) and cancel, both through the planners::Progress the work reports
 * to. Its signals come on the GUI thread; exactly one of finished, failed and cancelled ends it,
 * and the manager deletes it afterwards (later, so a slot may still read it).
 *
 * The work hands its result out through what it captures; read it in a slot of finished.
 */
class Task : public QObject
{
    Q_OBJECT

public:
    enum class State { Running, Finished, Failed, Cancelled };

    QString description() const { return m_description; }
    /// What makes the task unique for its owner ("resilience+n2"); may be empty.
    QString key() const { return m_key; }
    const QObject *owner() const { return m_owner; }
    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    /// The work's fraction done (0..1); meaningless when indeterminate.
    double fraction() const;
    bool isIndeterminate() const { return m_indeterminate; }
    /// Why it failed (the Failure the work threw).
    const core::Diagnostic &error() const { return m_error; }
    /// Asks the work to stop. Its result is discarded even when it completes anyway: a task
    /// cancelled ends as cancelled.
    void cancel();
    bool isCancelRequested() const;

    /**
     * For a task the caller runs itself (TaskManager::addProxy: work that must stay on the GUI
     * thread): reports progress and ends it. The caller checks isCancelRequested() and ends it
     * as cancelled. No effect on a task that has ended.
     */
    planners::Progress &progress() { return *m_progress; }
    void finish();
    void fail(const core::Diagnostic &error);
    void endCancelled();

Q_SIGNALS:
    void progressChanged(double fraction);
    void finished();
    void failed(const core::Diagnostic &error);
    void cancelled();
    /// After any of the three above.
    void ended(nqi::widgets::Task *task);

private:
    friend class TaskManager;
    Task(TaskManager *manager,
         const QString &description,
         const QObject *owner,
         const QString &key,
         bool indeterminate);
    void end(State state, const core::Diagnostic &error = {});

    QString m_description;
    QString m_key;
    QPointer<const QObject> m_owner;
    bool m_indeterminate = false;
    bool m_proxy = false; ///< run by its caller (addProxy), not on the pool
    State m_state = State::Running;
    core::Diagnostic m_error;
    double m_shownFraction = -1; ///< the fraction last signalled
    std::shared_ptr<planners::Progress> m_progress;
};

enum class RunOutcome { Done, Cancelled, Failed };

/**
 * Runs long work as background tasks, as QGIS's QgsTaskManager does: each on a thread of the
 * manager's own pool (never Qt's global pool, which the map renders in, so the map keeps drawing
 * while planners run), several at once, each with a description, progress and Cancel; the
 * window stays usable meanwhile. TaskBar shows them in a status bar.
 *
 * A task may have an owner (the window it works for) and a key: while a task runs, another with
 * the same key for the same owner is refused (start returns null), so a planner never runs twice
 * on the same configuration at once. One manager serves the whole application (instance()).
 */
class TaskManager : public QObject
{
    Q_OBJECT

public:
    using Work = std::function<void(planners::Progress &)>;

    explicit TaskManager(QObject *parent = nullptr);
    /// Cancels every task and waits for their threads.
    ~TaskManager() override;

    /// The application's manager (made on first use, deleted with the application).
    static TaskManager *instance();

    /**
     * Starts work on a pool thread. A core::Failure it throws ends the task as failed (with its
     * diagnostic), planners::Cancelled as cancelled. Null, and nothing started, when a task of
     * the same non-empty key runs for the same owner.
     */
    Task *start(const QString &description,
                Work work,
                const QObject *owner = nullptr,
                const QString &key = {},
                bool indeterminate = false);
    /// Lists work the caller runs itself (see Task::finish); null as start() refuses.
    Task *addProxy(const QString &description,
                   const QObject *owner = nullptr,
                   const QString &key = {},
                   bool indeterminate = true);

    /**
     * Runs work as a task and waits for it behind a window-modal progress dialog (with Cancel
     * when cancellable): for what a user expects to wait for, such as opening a project. Other
     * tasks go on meanwhile. A Failure ends in Failed with its diagnostic in error.
     */
    RunOutcome runBlocking(QWidget *parent,
                           const QString &description,
                           Work work,
                           core::Diagnostic *error = nullptr,
                           bool cancellable = true);

    /// The running task of that key and owner, or null.
    Task *task(const QString &key, const QObject *owner) const;
    /// Running tasks, of one owner or (null) all, oldest first.
    QList<Task *> tasks(const QObject *owner = nullptr) const;
    int count() const { return int(m_tasks.size()); }

    /// Cancels the owner's tasks (every task when null).
    void cancelAll(const QObject *owner = nullptr);
    /**
     * Waits until the owner's tasks (every task when null) on the pool have ended, their end
     * signalled. The event loop runs meanwhile without user input (windows repaint, nothing can
     * be started). Proxies are not waited for: their work is the caller's.
     */
    void waitForAll(const QObject *owner = nullptr);

Q_SIGNALS:
    void taskAdded(nqi::widgets::Task *task);
    void taskEnded(nqi::widgets::Task *task);
    void countChanged(int count);

private:
    Task *
    add(const QString &description, const QObject *owner, const QString &key, bool indeterminate);
    void ended(Task *task);
    void pollProgress();

    QThreadPool *m_pool;
    QList<Task *> m_tasks;
    QTimer m_poll; ///< reads the tasks' progress while any runs
};

/// TaskManager::instance()->runBlocking (for code that has no manager at hand).
RunOutcome runWithProgress(QWidget *parent,
                           const QString &label,
                           const TaskManager::Work &work,
                           core::Diagnostic *error = nullptr);

} // namespace nqi::widgets
