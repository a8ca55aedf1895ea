#include "widgets/taskmanager.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProgressDialog>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <new>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace nqi::widgets {

namespace {

// Long work yields the cores to the GUI thread and the map's renderers: the pool's threads
// (and the threads a planner starts from them, which inherit it) run at a lower priority. On
// Linux a thread has its own nice value; the pool is the manager's, so it stays lowered.
void lowerThisThreadsPriority()
{
#ifdef Q_OS_LINUX
    (void)setpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)), 10);
#endif
}

core::Diagnostic errorOf(const QString &message)
{
    core::Diagnostic error;
    error.message = message;
    return error;
}

} // namespace

Task::Task(TaskManager *manager,
           const QString &description,
           const QObject *owner,
           const QString &key,
           bool indeterminate)
    : QObject(manager)
    , m_description(description)
    , m_key(key)
    , m_owner(owner)
    , m_indeterminate(indeterminate)
    , m_progress(std::make_shared<planners::Progress>())
{
}

double Task::fraction() const
{
    return m_progress->fraction();
}

void Task::cancel()
{
    if (isRunning())
        m_progress->cancel();
}

bool Task::isCancelRequested() const
{
    return m_progress->isCancelled();
}

void Task::finish()
{
    end(State::Finished);
}

void Task::fail(const core::Diagnostic &error)
{
    end(State::Failed, error);
}

void Task::endCancelled()
{
    end(State::Cancelled);
}

void Task::end(State state, const core::Diagnostic &error)
{
    if (!isRunning())
        return;
    // Cancelled by the user: whatever the work made is discarded, as the user asked.
    if (state == State::Finished && isCancelRequested())
        state = State::Cancelled;
    m_state = state;
    m_error = error;
    switch (state) {
    case State::Finished:
        Q_EMIT finished();
        break;
    case State::Failed:
        Q_EMIT failed(m_error);
        break;
    case State::Cancelled:
        Q_EMIT cancelled();
        break;
    case State::Running:
        break;
    }
    Q_EMIT ended(this);
}

TaskManager::TaskManager(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    // Every task gets a thread at once: a project opened while two planners run must not wait
    // behind them. Planners spread their own work over the cores.
    m_pool->setMaxThreadCount(64);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &TaskManager::pollProgress);
}

TaskManager::~TaskManager()
{
    cancelAll();
    m_pool->waitForDone();
}

TaskManager *TaskManager::instance()
{
    static QPointer<TaskManager> manager;
    if (!manager)
        manager = new TaskManager(QCoreApplication::instance());
    return manager;
}

Task *TaskManager::add(const QString &description,
                       const QObject *owner,
                       const QString &key,
                       bool indeterminate)
{
    if (!key.isEmpty() && task(key, owner))
        return nullptr;
    auto *task = new Task(this, description, owner, key, indeterminate);
    connect(task, &Task::ended, this, &TaskManager::ended);
    m_tasks.append(task);
    if (!m_poll.isActive())
        m_poll.start();
    Q_EMIT taskAdded(task);
    Q_EMIT countChanged(count());
    return task;
}

Task *TaskManager::start(const QString &description,
                         Work work,
                         const QObject *owner,
                         const QString &key,
                         bool indeterminate)
{
    Task *task = add(description, owner, key, indeterminate);
    if (!task)
        return nullptr;
    m_pool->start([this, task, progress = task->m_progress, work = std::move(work)] {
        lowerThisThreadsPriority();
        Task::State state = Task::State::Finished;
        core::Diagnostic error;
        try {
            work(*progress);
        } catch (const core::Failure &failure) {
            state = Task::State::Failed;
            error = failure.diagnostic();
        } catch (const planners::Cancelled &) {
            state = Task::State::Cancelled;
        } catch (const std::bad_alloc &) {
            state = Task::State::Failed;
            error = errorOf(tr("There was not enough memory to finish."));
        } catch (const std::exception &exception) {
            state = Task::State::Failed;
            error = errorOf(QString::fromLocal8Bit(exception.what()));
        }
        // The task lives until it has ended, which only this can make it do: it is still there.
        QMetaObject::invokeMethod(
            this, [task, state, error] { task->end(state, error); }, Qt::QueuedConnection);
    });
    return task;
}

Task *TaskManager::addProxy(const QString &description,
                            const QObject *owner,
                            const QString &key,
                            bool indeterminate)
{
    Task *task = add(description, owner, key, indeterminate);
    if (task)
        task->m_proxy = true;
    return task;
}

RunOutcome TaskManager::runBlocking(QWidget *parent,
                                    const QString &description,
                                    Work work,
                                    core::Diagnostic *error,
                                    bool cancellable)
{
    Task *task = start(description, std::move(work), parent, {}, !cancellable);
    Q_ASSERT(task); // no key: never refused
    QProgressDialog dialog(
        description,
        cancellable ? QCoreApplication::translate("nqi::widgets::Progress", "Cancel") : QString(),
        0, cancellable ? 1000 : 0, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setAutoReset(false);
    RunOutcome outcome = RunOutcome::Done;
    bool ended = false;
    connect(task, &Task::progressChanged, &dialog,
            [&dialog](double fraction) { dialog.setValue(int(fraction * 1000)); });
    connect(task, &Task::ended, &dialog, [&](Task *done) {
        ended = true;
        outcome = done->state() == Task::State::Finished ? RunOutcome::Done
                  : done->state() == Task::State::Failed ? RunOutcome::Failed
                                                         : RunOutcome::Cancelled;
        if (error && outcome == RunOutcome::Failed)
            *error = done->error();
        dialog.reset();
    });
    if (cancellable)
        connect(&dialog, &QProgressDialog::canceled, task, &Task::cancel);
    dialog.exec();
    // Cancelled (or the dialog closed): the work stops at its next look at the Progress.
    if (!ended) {
        QEventLoop loop;
        connect(task, &Task::ended, &loop, &QEventLoop::quit);
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    return outcome;
}

Task *TaskManager::task(const QString &key, const QObject *owner) const
{
    for (Task *task : m_tasks)
        if (task->isRunning() && task->owner() == owner && task->key() == key)
            return task;
    return nullptr;
}

QList<Task *> TaskManager::tasks(const QObject *owner) const
{
    QList<Task *> list;
    for (Task *task : m_tasks)
        if (task->isRunning() && (!owner || task->owner() == owner))
            list.append(task);
    return list;
}

void TaskManager::cancelAll(const QObject *owner)
{
    for (Task *task : tasks(owner))
        task->cancel();
}

void TaskManager::waitForAll(const QObject *owner)
{
    // A proxy's work is on the GUI thread's stack below this wait: it cannot end meanwhile.
    auto pooled = [this, owner] {
        const QList<Task *> list = tasks(owner);
        return std::any_of(list.cbegin(), list.cend(), [](Task *task) { return !task->m_proxy; });
    };
    if (!pooled())
        return;
    QEventLoop loop;
    connect(this, &TaskManager::taskEnded, &loop, [&pooled, &loop] {
        if (!pooled())
            loop.quit();
    });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

void TaskManager::ended(Task *task)
{
    m_tasks.removeOne(task);
    if (m_tasks.isEmpty())
        m_poll.stop();
    Q_EMIT taskEnded(task);
    Q_EMIT countChanged(count());
    task->deleteLater();
}

void TaskManager::pollProgress()
{
    const QList<Task *> running = m_tasks; // a slot may start or end tasks
    for (Task *task : running) {
        const double fraction = task->fraction();
        if (task->isRunning() && !task->isIndeterminate() &&
            std::abs(fraction - task->m_shownFraction) >= 0.001) {
            task->m_shownFraction = fraction;
            Q_EMIT task->progressChanged(fraction);
        }
    }
}

RunOutcome runWithProgress(QWidget *parent,
                           const QString &label,
                           const TaskManager::Work &work,
                           core::Diagnostic *error)
{
    return TaskManager::instance()->runBlocking(parent, label, work, error, true);
}

} // namespace nqi::widgets
