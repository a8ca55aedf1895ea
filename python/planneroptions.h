#pragma once

#include "core/model/network.h"
#include "planners/descriptor.h"

#include <QJsonObject>
#include <QString>

#include <pybind11/pybind11.h>

namespace nqi::python {

namespace py = pybind11;

/**
 * The options of a planner as runPlanner takes them, from Python keyword arguments: each keyword
 * is an option's pythonName() in the planner's descriptor (per_hop_ms for --per-hop-ms) or its
 * JSON key (perHopMs, as a stored result's options give it), None
 * leaves it out. The values are checked by checkOptions against the descriptor and the project,
 * as `nqi plan` checks them, and completed with defaults. Throws Failure for an unknown planner
 * or keyword (naming the valid ones) and for a bad or missing value, with the message the
 * command line gives ("capacity: --target: 1.5 is out of range: give above 0 and at most 1").
 */
QJsonObject optionsFromPython(const planners::PlannerDescriptor &planner,
                              const py::dict &keywords,
                              const core::Network &network);

/// The descriptor of a planner given by name; throws Failure naming the planners when none.
const planners::PlannerDescriptor &plannerNamed(const QString &name);

/// An option as nqi.planners() lists it: name, key, type, default, required, range, unit,
/// label and help in English and Chinese, choices, the `nqi plan` flag.
py::dict optionToPython(const planners::OptionDescriptor &option);

} // namespace nqi::python
