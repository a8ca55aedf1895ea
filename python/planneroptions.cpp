#include "python/planneroptions.h"

#include "core/model/diagnostic.h"
#include "planners/registry.h"
#include "python/conversions.h"

#include <QJsonArray>

#include <cmath>

namespace nqi::python {
namespace {

using core::Failure;
using planners::OptionDescriptor;
using OType = OptionDescriptor::Type;

QString shown(const py::handle &value)
{
    return core::excerpt(toQString(py::repr(value)));
}

bool isSequence(const py::handle &value)
{
    return py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value);
}

bool isNumber(const py::handle &value)
{
    return !py::isinstance<py::bool_>(value) && !py::isinstance<py::str>(value) &&
           PyNumber_Check(value.ptr());
}

// A Python value as JSON: None, bool, numbers (numpy's too), str, lists, tuples and dicts.
QJsonValue toJson(const py::handle &value, const QString &where)
{
    if (value.is_none())
        return QJsonValue::Null;
    if (py::isinstance<py::bool_>(value))
        return value.cast<bool>();
    if (py::isinstance<py::str>(value))
        return toQString(value);
    if (isNumber(value)) {
        const double number = PyFloat_AsDouble(value.ptr());
        if (number == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            throw Failure(core::makeError({}, 0, where, shown(value) + u" is not a number"_qs));
        }
        return number;
    }
    if (isSequence(value)) {
        QJsonArray array;
        for (const py::handle element : value)
            array.append(toJson(element, where));
        return array;
    }
    if (py::isinstance<py::dict>(value)) {
        QJsonObject object;
        for (const auto &[key, element] : py::reinterpret_borrow<py::dict>(value))
            object.insert(toQString(key), toJson(element, where));
        return object;
    }
    throw Failure(
        core::makeError({}, 0, where, shown(value) + u" is not a value an option takes"_qs));
}

// The command line's text of a value, where the command line's own reading gives the message
// a user of `nqi plan` would see: whole numbers ("2.5" is not a whole number), choices, and a
// list of pairs [(400, 3), (800, 5)] as "400:3,800:5".
std::optional<QString> commandLineText(const OptionDescriptor &option, const py::handle &value)
{
    if ((option.type == OType::Integer || option.type == OType::Link) && isNumber(value))
        return toQString(py::str(value));
    if (option.type == OType::Choice && py::isinstance<py::str>(value))
        return toQString(value); // aliases too ("rail")
    if (option.type == OType::Text && option.parse && isSequence(value) && py::len(value) > 0) {
        QStringList items;
        for (const py::handle item : value) {
            if (!isSequence(item))
                return std::nullopt; // JSON objects, checked as such
            QStringList parts;
            for (const py::handle part : item)
                parts << toQString(py::str(part));
            items << parts.join(u':');
        }
        return items.join(u',');
    }
    return std::nullopt;
}

QString typeName(OType type)
{
    switch (type) {
    case OType::Bool:
        return u"bool"_qs;
    case OType::Integer:
        return u"int"_qs;
    case OType::Number:
        return u"float"_qs;
    case OType::Choice:
        return u"choice"_qs;
    case OType::Text:
        return u"text"_qs;
    case OType::NumberList:
        return u"float list"_qs;
    case OType::ChoiceList:
        return u"choice list"_qs;
    case OType::Site:
        return u"site"_qs;
    case OType::Link:
        return u"link"_qs;
    }
    return {};
}

py::object boundOrNone(double bound)
{
    return std::isfinite(bound) ? py::object(py::float_(bound)) : py::object(py::none());
}

py::object textOrNone(const QString &text)
{
    return text.isEmpty() ? py::object(py::none()) : py::object(toPython(text));
}

} // namespace

const planners::PlannerDescriptor &plannerNamed(const QString &name)
{
    const planners::PlannerDescriptor *planner = planners::plannerDescriptor(name);
    if (!planner || planner->name != name)
        throw Failure(u"unknown planner \"%1\"; the planners are %2"_qs.arg(
            core::excerpt(name), planners::plannerNames().join(u", "_qs)));
    return *planner;
}

QJsonObject optionsFromPython(const planners::PlannerDescriptor &planner,
                              const py::dict &keywords,
                              const core::Network &network)
{
    QJsonObject options;
    for (const auto &[keyword, value] : keywords) {
        const QString name = toQString(keyword);
        const OptionDescriptor *option = nullptr;
        QStringList names;
        for (const OptionDescriptor &o : planner.options) {
            names << o.pythonName();
            // Or its JSON key, so that the options of a stored result run it again
            // (p.plan("capacity", **result.options)).
            if (o.pythonName() == name || o.key == name)
                option = &o;
        }
        if (!option)
            throw Failure(core::makeError({}, 0, planner.name,
                                          u"there is no option \"%1\"; the options are %2"_qs.arg(
                                              core::excerpt(name), names.join(u", "_qs))));
        if (options.contains(option->key))
            throw Failure(
                core::makeError({}, 0, planner.name,
                                u"%1 is given twice (as %2 and %3)"_qs.arg(
                                    option->pythonName(), option->pythonName(), option->key)));
        if (value.is_none())
            continue; // as not given
        if (const std::optional<QString> text = commandLineText(*option, value)) {
            QString problem;
            const QJsonValue parsed = planners::parseOptionText(*option, *text, problem);
            if (parsed.isUndefined())
                throw Failure(u"%1: --%2: %3"_qs.arg(planner.name, option->flag, problem));
            options.insert(option->key, parsed);
        } else {
            options.insert(option->key, toJson(value, planner.name + u' ' + name));
        }
    }
    if (const QString problem = planners::checkOptions(planner, options, &network);
        !problem.isEmpty())
        throw Failure(u"%1: %2"_qs.arg(planner.name, problem)); // as runPlanner says it
    return options;
}

py::dict optionToPython(const OptionDescriptor &o)
{
    py::dict option;
    option["name"] = toPython(o.pythonName());
    option["key"] = toPython(o.key);
    option["type"] = toPython(typeName(o.type));
    option["required"] = o.required();
    if (o.defaultValue.isUndefined() || o.defaultValue.isNull())
        option["default"] = py::none();
    else if (o.type == OType::Number) // 400.0, which JSON would give as 400
        option["default"] = py::float_(o.defaultValue.toDouble());
    else
        option["default"] = toPython(QJsonObject{{u"v"_qs, o.defaultValue}})["v"];
    const bool ranged =
        o.type == OType::Integer || o.type == OType::Number || o.type == OType::NumberList;
    option["minimum"] = ranged ? boundOrNone(o.minimum) : py::none();
    option["maximum"] = ranged ? boundOrNone(o.maximum) : py::none();
    option["minimum_exclusive"] = ranged && o.minimumExclusive;
    option["unit"] = textOrNone(o.unit);
    option["label"] = toPython(o.label.en);
    option["label_zh"] = toPython(o.label.in(u"zh"_qs));
    option["help"] = toPython(o.help.en);
    option["help_zh"] = toPython(o.help.in(u"zh"_qs));
    py::list choices;
    for (const OptionDescriptor::Choice &choice : o.choices)
        choices.append(toPython(choice.value));
    option["choices"] = o.choices.empty() ? py::object(py::none()) : py::object(choices);
    option["flag"] = toPython(u"--"_qs + (o.offFlag.isEmpty() ? o.flag : o.offFlag));
    return option;
}

} // namespace nqi::python
