#pragma once

#include "core/model/network.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <pybind11/pybind11.h>

#include <vector>

namespace nqi::python {

namespace py = pybind11;

/// How an option's value is read.
enum class OptionType { Bool, Number, Integer, Text, Site, Modules };

/**
 * One option of a planner, as Python gives it to planners::runPlanner. The table behind
 * plannerOptions() is the one declaration of the options on the Python side: Project.plan()
 * checks keywords against it and nqi.planners() lists it. Its place is the planners' own
 * descriptors (planners/registry.h), from which the command line, the workbench's forms and
 * Python would all read one declaration.
 */
struct PlannerOption
{
    QString planner;
    QString name; ///< the Python keyword
    QString key;  ///< the JSON key runPlanner reads and stored results' options hold
    OptionType type = OptionType::Number;
    QJsonValue defaultValue; ///< Undefined: required; Null: left out unless given
    double min = 0.0;        ///< numbers and integers (modules: how many)
    double max = 0.0;
    bool minExclusive = false;
    QStringList choices; ///< for text
    QString flag;        ///< the `nqi plan` flag that sets it, where there is one
    QString help;
};

/// Every planner's options, planner by planner in plannerDescriptors() order.
const std::vector<PlannerOption> &plannerOptions();

/// The name nqi.planners() gives a type ("bool", "float", "int", "str", "site", "modules").
QString typeName(OptionType type);

/**
 * The JSON options runPlanner takes, from Python keywords: every option that has a default is
 * present, as `nqi plan --save` stores them. Throws Failure for an unknown planner or option
 * (naming the valid ones), a missing option that has no default, or a bad value (saying the
 * range, as the command line does).
 */
QJsonObject
optionsFromPython(const QString &planner, const py::dict &keywords, const core::Network &network);

} // namespace nqi::python
