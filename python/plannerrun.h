#pragma once

#include "core/model/network.h"

#include <QJsonObject>
#include <QString>

#include <pybind11/pybind11.h>

#include <memory>

namespace nqi::python {

namespace py = pybind11;

/**
 * Runs planners::runPlanner on network in a thread of its own, without the GIL, while the
 * calling thread waits holding it only between short waits: there it calls progress(fraction,
 * stage) when the planner reported more (never less: the fractions it passes only grow) and
 * checks for signals. A KeyboardInterrupt (Ctrl+C, or raised by the callback) or any exception
 * of the callback cancels the planner through its Progress, waits for it to stop and is raised.
 * Returns the JSON `nqi plan ... --json` prints; throws Failure as runPlanner does.
 */
QJsonObject runPlanner(const QString &planner,
                       std::shared_ptr<const core::Network> network,
                       const QJsonObject &options,
                       const py::object &progress);

} // namespace nqi::python
