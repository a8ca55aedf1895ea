#include "widgets/progressrun.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <variant>

namespace nqi::widgets {

RunOutcome runWithProgress(QWidget *parent,
                           const QString &label,
                           const std::function<void(planners::Progress &)> &work,
                           core::Diagnostic *error)
{
    struct Cancelled
    {
    };
    using Outcome = std::variant<std::monostate, core::Diagnostic, Cancelled>;
    auto progress = std::make_shared<planners::Progress>();
    QProgressDialog dialog(label, QCoreApplication::translate("nqi::widgets::Progress", "Cancel"),
                           0, 1000, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    dialog.setAutoReset(false);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &dialog,
                     [&dialog, progress] { dialog.setValue(int(progress->fraction() * 1000)); });
    poll.start(100);
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog,
                     [progress] { progress->cancel(); });
    QFutureWatcher<Outcome> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &dialog, &QProgressDialog::reset);
    watcher.setFuture(QtConcurrent::run([progress, &work]() -> Outcome {
        try {
            work(*progress);
            return std::monostate{};
        } catch (const core::Failure &failure) {
            return failure.diagnostic();
        } catch (const planners::Cancelled &) {
            return Cancelled{};
        }
    }));
    if (!watcher.isFinished())
        dialog.exec();
    watcher.waitForFinished();
    const Outcome outcome = watcher.result();
    if (std::holds_alternative<Cancelled>(outcome))
        return RunOutcome::Cancelled;
    if (const core::Diagnostic *failure = std::get_if<core::Diagnostic>(&outcome)) {
        if (error)
            *error = *failure;
        return RunOutcome::Failed;
    }
    return RunOutcome::Done;
}

} // namespace nqi::widgets
