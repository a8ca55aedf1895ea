// The extension module nqi._nqi: projects, edits, imports and planners over Nqi::core and
// Nqi::planners. The pure-Python layer (nqi/__init__.py) turns its tables into pandas
// DataFrames; docs/python.md describes the API.

#include "core/io/exporter.h"
#include "planners/registry.h"
#include "planners/resilience/scenario.h"
#include "python/conversions.h"
#include "python/edits.h"
#include "python/planneroptions.h"
#include "python/plannerrun.h"
#include "python/project.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

#include <pybind11/stl.h>

namespace nqi::python {
namespace {

using core::Failure;

PyObject *g_errorType = nullptr; // nqi.Error, owned by the module

// A Failure as nqi.Error: the text the command line prints after "nqi: error: ", and its parts.
void raiseError(const core::Diagnostic &diagnostic)
{
    const py::object error =
        py::reinterpret_borrow<py::object>(g_errorType)(toPython(diagnostic.toString()));
    error.attr("file") =
        diagnostic.file.isEmpty() ? py::object(py::none()) : py::object(toPython(diagnostic.file));
    error.attr("line") =
        diagnostic.line > 0 ? py::object(py::int_(diagnostic.line)) : py::object(py::none());
    error.attr("where") = toPython(diagnostic.where);
    error.attr("message") = toPython(diagnostic.message);
    PyErr_SetObject(g_errorType, error.ptr());
}

py::dict diagnosticToPython(const core::Diagnostic &diagnostic)
{
    py::dict d;
    d["text"] = toPython(diagnostic.toString());
    d["file"] = toPython(diagnostic.file);
    d["line"] = diagnostic.line;
    d["where"] = toPython(diagnostic.where);
    d["message"] = toPython(diagnostic.message);
    return d;
}

py::list listToPython(const QStringList &texts)
{
    py::list list;
    for (const QString &text : texts)
        list.append(toPython(text));
    return list;
}

// The tables of a result: every array of objects reachable through objects, named by its path
// ("links", "te.demands", "circles.sites"), with the fields its schema names.
void collectTables(const planners::JsonShape &shape, const QString &prefix, py::list &tables)
{
    using Type = planners::JsonShape::Type;
    for (const planners::JsonField &field : shape.fields) {
        const QString path = prefix.isEmpty() ? field.name : prefix + u'.' + field.name;
        if (field.shape.type == Type::Object) {
            collectTables(field.shape, path, tables);
        } else if (field.shape.type == Type::Array && !field.shape.elements.empty() &&
                   field.shape.elements.front().type == Type::Object) {
            QStringList columns;
            for (const planners::JsonField &column : field.shape.elements.front().fields)
                columns << column.name;
            tables.append(py::make_tuple(toPython(path), listToPython(columns)));
        }
    }
}

py::list plannerList()
{
    py::list list;
    for (const planners::PlannerDescriptor &descriptor : planners::plannerDescriptors()) {
        py::dict planner;
        planner["name"] = toPython(descriptor.name);
        py::list options;
        for (const planners::OptionDescriptor &o : descriptor.options)
            options.append(optionToPython(o));
        planner["options"] = options;
        py::list configurations;
        for (const QString &configuration : planners::configurations(descriptor.name)) {
            planners::ResultKey key;
            key.planner = descriptor.name;
            key.configuration = configuration;
            configurations.append(py::make_tuple(toPython(key.toString()),
                                                 toPython(planners::configurationTitle(key))));
        }
        planner["configurations"] = configurations;
        py::list tables;
        collectTables(descriptor.result, {}, tables);
        planner["tables"] = tables;
        list.append(planner);
    }
    return list;
}

// The network as failing links and sites leaves it (the resilience planner's scenarios).
std::unique_ptr<Project>
whatIf(const Project &project, const std::vector<qint64> &links, const py::list &sites)
{
    const core::Network &network = project.network();
    namespace resilience = planners::resilience;
    resilience::Scenario linksDown;
    linksDown.kind =
        links.size() == 1 ? resilience::ScenarioKind::Link : resilience::ScenarioKind::LinkPair;
    for (const qint64 id : links) {
        if (!network.link(id)) {
            throw Failure(
                core::makeError({}, 0, u"link #"_qs + QString::number(id), u"no such link"_qs));
        }
        linksDown.links.push_back(id);
    }
    std::vector<core::SiteId> sitesDown;
    for (const py::handle site : sites)
        sitesDown.push_back(siteNamed(network, site, u"fail sites"_qs).id);
    std::unique_ptr<Project> copy = project.copy();
    if (!links.empty())
        copy->network() = resilience::afterFailure(copy->network(), linksDown);
    for (const core::SiteId id : sitesDown) {
        resilience::Scenario siteDown;
        siteDown.kind = resilience::ScenarioKind::Site;
        siteDown.site = id;
        copy->network() = resilience::afterFailure(copy->network(), siteDown);
    }
    return copy;
}

core::ProjectSettings settingsFrom(const std::string &name,
                                   const std::string &author,
                                   const std::string &description,
                                   double routeFactor,
                                   const std::string &currency)
{
    core::ProjectSettings settings;
    settings.name = toQString(name);
    settings.author = toQString(author);
    settings.description = toQString(description);
    settings.routeFactor = routeFactor;
    settings.currency = toQString(currency);
    // As `nqi import --currency` checks it.
    if (!QRegularExpression(u"^[A-Z]{3}$"_qs).match(settings.currency).hasMatch()) {
        throw Failure(core::makeError(
            {}, 0, u"project"_qs,
            u"currency needs an ISO 4217 code of three capital letters (CNY, EUR, USD), not "
            "\"%1\""_qs.arg(core::excerpt(settings.currency))));
    }
    return settings;
}

py::tuple storedResult(const core::Network &network, const std::string &name)
{
    const QString key = toQString(name);
    const planners::StoredResult read = planners::readStoredResult(network, key);
    if (!read.stored) {
        QStringList keys;
        for (const auto &[stored, result] : network.plannerResults())
            keys << stored;
        throw Failure(core::makeError(
            {}, 0, u"result "_qs + core::excerpt(key),
            keys.isEmpty()
                ? u"the project holds no results"_qs
                : u"the project holds none of this key; it holds %1"_qs.arg(keys.join(u", "_qs))));
    }
    if (!read.usable())
        throw Failure(core::makeError({}, 0, u"result "_qs + key, read.staleNote()));
    return py::make_tuple(toPython(read.json), toPython(read.stored->optionsObject()),
                          toPython(key), toPython(read.stored->createdUtc), read.current);
}

py::list storedResults(const core::Network &network)
{
    py::list list;
    for (const auto &[key, stored] : network.plannerResults()) {
        const planners::StoredResult read = planners::readStoredResult(network, stored);
        const planners::ResultKey parsed = planners::ResultKey::parse(key);
        py::dict row;
        row["key"] = toPython(key);
        row["planner"] = toPython(parsed.planner);
        row["configuration"] = toPython(planners::configurationTitle(parsed));
        row["subject"] = toPython(parsed.subject);
        row["created_utc"] = toPython(stored.createdUtc);
        row["current"] = read.current;
        row["note"] = toPython(read.current ? QString() : read.staleNote());
        list.append(row);
    }
    return list;
}

} // namespace
} // namespace nqi::python

PYBIND11_MODULE(_nqi, m)
{
    using namespace nqi;
    using namespace nqi::python;
    m.doc() = "NQI Workbench projects and planners (the nqi package wraps this module)";

    g_errorType = PyErr_NewExceptionWithDoc(
        "nqi.Error",
        "A problem NQI refused: the text the command line prints after 'nqi: error: '. "
        "Attributes: file, line (None when not known), where, message.",
        PyExc_Exception, nullptr);
    m.add_object("Error", py::handle(g_errorType));
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown)
                std::rethrow_exception(thrown);
        } catch (const core::Failure &failure) {
            raiseError(failure.diagnostic());
        } catch (const planners::Cancelled &) {
            PyErr_SetNone(PyExc_KeyboardInterrupt);
        }
    });

    m.def("planners", &plannerList,
          "Every planner: its options (name, type, default, help), run configurations and "
          "result tables.");
    m.def("fields", [] {
        py::dict fields;
        fields["site"] = listToPython(siteFields());
        fields["link"] = listToPython(linkFields());
        fields["demand"] = listToPython(demandFields());
        return fields;
    });
    m.def("lock_holder", [](const std::string &path) -> py::object {
        const auto holder = core::ProjectLock::holder(toQString(path));
        return holder ? py::object(toPython(holder->toString())) : py::object(py::none());
    });

    py::class_<Project>(m, "_Project")
        .def_static(
            "open",
            [](const std::string &path, bool readOnly, int waitSeconds) {
                return Project::open(toQString(path), readOnly, waitSeconds);
            },
            py::arg("path"), py::arg("readonly"), py::arg("wait"))
        .def_static(
            "new",
            [](const std::string &name, const std::string &author, const std::string &description,
               double routeFactor, const std::string &currency) {
                return Project::create(
                    settingsFrom(name, author, description, routeFactor, currency));
            },
            py::arg("name"), py::arg("author"), py::arg("description"), py::arg("route_factor"),
            py::arg("currency"))
        .def("copy", &Project::copy)
        .def("fail", &whatIf, py::arg("links"), py::arg("sites"))
        .def_property_readonly("path",
                               [](const Project &p) -> py::object {
                                   return p.path().isEmpty() ? py::object(py::none())
                                                             : py::object(toPython(p.path()));
                               })
        .def_property_readonly("readonly", &Project::isReadOnly)
        .def_property_readonly("locked", &Project::holdsLock)
        .def_property_readonly("lock_note", [](const Project &p) { return toPython(p.lockNote()); })
        .def_property_readonly("settings",
                               [](const Project &p) {
                                   const core::ProjectSettings &s = p.network().settings();
                                   py::dict d;
                                   d["name"] = toPython(s.name);
                                   d["author"] = toPython(s.author);
                                   d["description"] = toPython(s.description);
                                   d["route_factor"] = s.routeFactor;
                                   d["currency"] = toPython(s.currency);
                                   return d;
                               })
        .def("counts",
             [](const Project &p) {
                 const core::Network &n = p.network();
                 return py::make_tuple(n.sites().size(), n.links().size(), n.demands().size());
             })
        .def("csv",
             [](const Project &p, const std::string &layer) {
                 const auto which = core::exportLayerFromString(toQString(layer));
                 if (!which)
                     throw Failure(u"layer must be sites, links or demands"_qs);
                 const QByteArray csv = core::Exporter::csv(p.network(), *which);
                 return py::bytes(csv.constData(), size_t(csv.size()));
             })
        .def("digest", [](const Project &p) { return p.network().digest().toHex().toStdString(); })
        .def("add_site", [](Project &p, const py::dict &f) { return addSite(p.network(), f); })
        .def("add_link", [](Project &p, const py::dict &f) { return addLink(p.network(), f); })
        .def("add_demand", [](Project &p, const py::dict &f) { return addDemand(p.network(), f); })
        .def("update_site", [](Project &p, const py::handle &site,
                               const py::dict &f) { updateSite(p.network(), site, f); })
        .def("update_link",
             [](Project &p, qint64 id, const py::dict &f) { updateLink(p.network(), id, f); })
        .def("update_demand",
             [](Project &p, qint64 id, const py::dict &f) { updateDemand(p.network(), id, f); })
        .def("remove_site",
             [](Project &p, const py::handle &site) { removeSite(p.network(), site); })
        .def("remove_link", [](Project &p, qint64 id) { removeLink(p.network(), id); })
        .def("remove_demand", [](Project &p, qint64 id) { removeDemand(p.network(), id); })
        .def(
            "import_files",
            [](Project &p, const std::vector<std::string> &paths, bool strict,
               double defaultCapacityGbps) {
                core::ImportOptions options;
                options.strict = strict;
                if (!(defaultCapacityGbps > 0.0) || !std::isfinite(defaultCapacityGbps))
                    throw Failure(u"default_capacity_gbps needs a positive number"_qs);
                options.defaultCapacityGbps = defaultCapacityGbps;
                const core::ImportReport report = p.importFiles(toQStringList(paths), options);
                py::dict d;
                d["sites_added"] = report.sitesAdded;
                d["links_added"] = report.linksAdded;
                d["demands_added"] = report.demandsAdded;
                py::list warnings;
                for (const core::Diagnostic &warning : report.warnings)
                    warnings.append(diagnosticToPython(warning));
                d["warnings"] = warnings;
                d["notes"] = listToPython(report.notes);
                return d;
            },
            py::arg("paths"), py::arg("strict"), py::arg("default_capacity_gbps"))
        .def(
            "plan",
            [](Project &p, const std::string &planner, const py::dict &keywords,
               const py::object &progress, bool store) {
                const QString name = toQString(planner);
                const planners::PlannerDescriptor &descriptor = plannerNamed(name);
                const QJsonObject options = optionsFromPython(descriptor, keywords, p.network());
                // As `nqi plan --save` keeps them: every option that says what was computed.
                const QJsonObject stored = planners::storedOptions(descriptor, options);
                // The planner reads a copy: the project may be edited meanwhile.
                const auto snapshot = std::make_shared<const core::Network>(p.network());
                const QJsonObject json = runPlanner(name, snapshot, options, progress);
                const QString key = planners::resultKey(name, options).toString();
                if (store) {
                    // As `nqi plan --save` stores it: under its run configuration's key.
                    core::PlannerResult result;
                    result.planner = key;
                    result.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
                    result.options =
                        QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
                    {
                        py::gil_scoped_release release;
                        result.inputDigest = snapshot->digest();
                        result.json = QJsonDocument(json).toJson(QJsonDocument::Compact);
                    }
                    p.network().setPlannerResult(std::move(result));
                }
                return py::make_tuple(toPython(json), toPython(stored), toPython(key));
            },
            py::arg("planner"), py::arg("options"), py::arg("progress"), py::arg("store"))
        .def("_run_planner",
             // planners::runPlanner itself with JSON options, as the workbench runs planners:
             // what the tests compare p.plan() and `nqi plan --json` with.
             [](const Project &p, const std::string &planner, const std::string &options) {
                 const QJsonObject given =
                     QJsonDocument::fromJson(QByteArray::fromStdString(options)).object();
                 planners::Progress progress;
                 QJsonObject json;
                 {
                     py::gil_scoped_release release;
                     json = planners::runPlanner(toQString(planner), p.network(), given, progress);
                 }
                 return toPython(json);
             })
        .def("results", [](const Project &p) { return storedResults(p.network()); })
        .def("result", [](const Project &p,
                          const std::string &key) { return storedResult(p.network(), key); })
        .def("remove_result",
             [](Project &p, const std::string &key) {
                 const QString name = toQString(key);
                 if (!p.network().plannerResult(name)) {
                     throw Failure(core::makeError({}, 0, u"result "_qs + core::excerpt(name),
                                                   u"no such result is stored"_qs));
                 }
                 p.network().removePlannerResult(name);
             })
        .def("save", &Project::save)
        .def(
            "save_as",
            [](Project &p, const std::string &path, bool overwrite) {
                p.saveAs(toQString(path), overwrite);
            },
            py::arg("path"), py::arg("overwrite"))
        .def("close", &Project::close);
}
