#pragma once

#include "core/model/diagnostic.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <pybind11/pybind11.h>

#include <string>
#include <vector>

// Text and JSON between Qt and Python: UTF-8 both ways; JSON as the text `nqi ... --json` prints,
// read by Python's json module, so that numbers come out exactly as the command line gives them.
namespace nqi::python {

namespace py = pybind11;

inline QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

inline QString toQString(const py::handle &object)
{
    return QString::fromStdString(py::str(object).cast<std::string>());
}

inline py::str toPython(const QString &text)
{
    return py::str(text.toStdString());
}

inline QStringList toQStringList(const std::vector<std::string> &texts)
{
    QStringList list;
    for (const std::string &text : texts)
        list << toQString(text);
    return list;
}

inline py::object toPython(const QJsonObject &object)
{
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return py::module_::import("json").attr("loads")(
        py::str(text.constData(), size_t(text.size())));
}

} // namespace nqi::python
