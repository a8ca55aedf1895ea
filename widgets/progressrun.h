#pragma once

#include "core/model/diagnostic.h"
#include "planners/common/progress.h"

#include <QString>

#include <functional>

class QWidget;

namespace nqi::widgets {

enum class RunOutcome { Done, Cancelled, Failed };

/**
 * Runs work in a worker thread while a window-modal progress dialog (its bar following the
 * Progress the work reports to, and Cancel) keeps the window responsive. A core::Failure in the
 * work ends in Failed with its diagnostic in error; planners::Cancelled in Cancelled. The work
 * hands its result out through what it captures; it has finished when this returns.
 */
RunOutcome runWithProgress(QWidget *parent,
                           const QString &label,
                           const std::function<void(planners::Progress &)> &work,
                           core::Diagnostic *error = nullptr);

} // namespace nqi::widgets
