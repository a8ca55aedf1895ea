#include "python/planneroptions.h"

#include "core/model/limits.h"
#include "core/model/numbers.h"
#include "planners/capacity/capacity.h"
#include "planners/compute/dci.h"
#include "planners/compute/fabric.h"
#include "planners/compute/ingest.h"
#include "planners/latency/latency.h"
#include "planners/registry.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"
#include "python/conversions.h"
#include "python/edits.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace nqi::python {
namespace {

using core::Failure;
constexpr double kNoLimit = std::numeric_limits<double>::infinity();

PlannerOption option(const char16_t *planner,
                     const char16_t *name,
                     const char16_t *key,
                     OptionType type,
                     QJsonValue defaultValue,
                     double min,
                     double max,
                     const char16_t *flag,
                     const char16_t *help)
{
    PlannerOption o;
    o.planner = QString::fromUtf16(planner);
    o.name = QString::fromUtf16(name);
    o.key = QString::fromUtf16(key);
    o.type = type;
    o.defaultValue = std::move(defaultValue);
    o.min = min;
    o.max = max;
    o.flag = QString::fromUtf16(flag);
    o.help = QString::fromUtf16(help);
    return o;
}

// The options runPlanner reads (planners/registry.cpp), with the defaults of the planners' own
// Options and the ranges and help of `nqi plan` (app/cli/plan.cpp).
std::vector<PlannerOption> makeTable()
{
    using T = OptionType;
    namespace p = planners;
    const p::route::Options route;
    const p::resilience::Options resilience;
    const p::latency::Options latency;
    const p::capacity::Options capacity;
    const p::fabric::Options fabric;
    const p::dci::Options dci;
    const p::ingest::Options ingest;
    const QJsonValue required(QJsonValue::Undefined);
    const QJsonValue absent(QJsonValue::Null);
    const auto perHop = [](const char16_t *planner, double value) {
        return option(planner, u"per_hop_ms", u"perHopMs", T::Number, value, 0, kNoLimit,
                      u"--per-hop-ms", u"Device latency added per link crossed, in ms.");
    };
    std::vector<PlannerOption> table{
        option(u"route", u"te", u"te", T::Bool, route.trafficEngineering, 0, 0, u"--te",
               u"Also solve traffic engineering: minimise the maximum utilisation within latency "
               "bounds and regions (LP)."),
        perHop(u"route", route.perHopLatencyMs),
        option(u"latency", u"round_trip", u"roundTrip", T::Bool, latency.roundTrip, 0, 0,
               u"--round-trip", u"Circles and site pairs in round-trip time (default: one way)."),
        perHop(u"latency", latency.perHopLatencyMs),
        option(u"resilience", u"n2", u"n2", T::Bool, resilience.linkPairs, 0, 0, u"--n2",
               u"Also fail every pair of links (N-2)."),
        perHop(u"resilience", resilience.perHopLatencyMs),
        option(u"capacity", u"target", u"target", T::Number, capacity.targetUtilization, 0, 1,
               u"--target", u"Target utilisation: no link above it, above 0 and at most 1."),
        option(u"capacity", u"failures", u"failures", T::Bool, capacity.failures, 0, 0,
               u"--normal-only",
               u"Size for every single link, site and SRLG failure; False sizes for the normal "
               "state only (--normal-only)."),
        option(u"capacity", u"exact_limit", u"exactLimit", T::Integer, capacity.exactLinkLimit, 0,
               p::capacity::kMaxExactLinkLimit, u"--exact-limit",
               u"Largest number of links to upgrade for which the exact MIP (COIN-OR CBC) runs."),
        option(u"capacity", u"modules", u"modules", T::Modules,
               p::capacity::modulesToJson(capacity.modules), 1, p::capacity::kMaxModules,
               u"--module",
               u"Modules to add, as [(gbps, cost), ...] or [{\"gbps\": .., \"cost\": ..}, ...]."),
        option(u"fabric", u"gpus", u"gpus", T::Integer, required, 1, p::fabric::kMaxGpus, u"--gpus",
               u"Accelerators in the cluster, 1..10,000,000."),
        option(u"fabric", u"gpus_per_server", u"gpusPerServer", T::Integer, fabric.gpusPerServer, 1,
               p::fabric::kMaxGpusPerServer, u"--gpus-per-server", u"Accelerators per server."),
        option(u"fabric", u"rails", u"rails", T::Integer, fabric.rails, 1, p::fabric::kMaxRails,
               u"--rails", u"NICs (rails) per server."),
        option(u"fabric", u"nic_gbps", u"nicGbps", T::Number, fabric.nicGbps, 0, kNoLimit,
               u"--nic-gbps", u"NIC speed in Gbps."),
        option(u"fabric", u"switch_ports", u"switchPorts", T::Integer, fabric.switchPorts, 4,
               p::fabric::kMaxSwitchPorts, u"--switch-ports",
               u"Switch radix at port_gbps, even, 4..2048."),
        option(u"fabric", u"port_gbps", u"portGbps", T::Number, fabric.portGbps, 0, kNoLimit,
               u"--port-gbps", u"Switch port speed in Gbps."),
        option(u"fabric", u"servers_per_su", u"serversPerSu", T::Integer, fabric.serversPerSu, 1,
               p::fabric::kMaxServersPerSu, u"--servers-per-su", u"Servers per scalable unit."),
        option(u"fabric", u"oversubscription", u"oversubscription", T::Number,
               fabric.oversubscription, 0, kNoLimit, u"--oversubscription",
               u"Leaf downlink:uplink ratio."),
        option(u"fabric", u"topology", u"topology", T::Text, u"rail"_qs, 0, 0, u"--topology",
               u"rail (rail-optimised) or leaf_spine."),
        option(u"fabric", u"switch_watts", u"switchWatts", T::Number, absent, 0, kNoLimit,
               u"--switch-watts", u"Power per switch in W, for the total."),
        option(u"fabric", u"switch_cost", u"switchCost", T::Number, absent, 0, kNoLimit,
               u"--switch-cost", u"Cost per switch."),
        option(u"fabric", u"transceiver_watts", u"transceiverWatts", T::Number, absent, 0, kNoLimit,
               u"--transceiver-watts", u"Power per transceiver in W."),
        option(u"fabric", u"transceiver_cost", u"transceiverCost", T::Number, absent, 0, kNoLimit,
               u"--transceiver-cost", u"Cost per transceiver."),
        option(u"fabric", u"site", u"site", T::Site, absent, 0, 0, u"",
               u"The data centre the fabric is for (a site's code): the result is stored as "
               "fabric:SITE."),
        option(u"dci", u"link", u"link", T::Integer, required, 1, core::limits::kMaxId, u"--link",
               u"The project's link between the two data centres (its id)."),
        option(u"dci", u"buffer_mb", u"bufferMb", T::Number, absent, 0, kNoLimit, u"--buffer-mb",
               u"Lossless buffer per port and priority in MB: gives the longest lossless "
               "distance."),
        option(u"dci", u"model_gb", u"modelGb", T::Number, dci.modelGb, 0, kNoLimit, u"--model-gb",
               u"Gradient bytes per step in GB (140: 70B parameters in bf16)."),
        option(u"dci", u"compute_seconds", u"computeSeconds", T::Number, dci.computeSeconds, 0,
               kNoLimit, u"--compute-seconds", u"Compute time per training step in s."),
        option(u"ingest", u"site", u"site", T::Site, required, 0, 0, u"--site",
               u"The ingest site's code: its demands given as volume per window."),
        option(u"ingest", u"efficiency", u"efficiency", T::Number, ingest.efficiency, 0, kNoLimit,
               u"--efficiency", u"Goodput over line rate."),
    };
    for (PlannerOption &o : table) {
        if (o.key == u"topology")
            o.choices = QStringList{u"rail"_qs, u"leaf_spine"_qs};
        if (o.key == u"target")
            o.minExclusive = true;
    }
    return table;
}

QString number(double value)
{
    return core::formatNumber(value);
}

QString rangeText(const PlannerOption &o)
{
    QString text = o.minExclusive ? u"above %1"_qs.arg(number(o.min))
                                  : u"of at least %1"_qs.arg(number(o.min));
    if (std::isfinite(o.max))
        text += u" and at most %1"_qs.arg(number(o.max));
    return text;
}

class Reader
{
public:
    Reader(const PlannerOption &option, const py::handle &value)
        : m_option(option)
        , m_value(value)
    {
    }

    [[noreturn]] void fail(const QString &message) const
    {
        throw Failure(core::makeError(
            {}, 0, u"%1 option %2"_qs.arg(m_option.planner, m_option.name), message));
    }

    QString shown(const py::handle &value) const
    {
        return core::excerpt(toQString(py::repr(value)));
    }

    bool isNumber(const py::handle &value) const
    {
        return !py::isinstance<py::bool_>(value) && !py::isinstance<py::str>(value) &&
               PyNumber_Check(value.ptr());
    }

    double toDouble(const py::handle &value) const
    {
        const double result = PyFloat_AsDouble(value.ptr());
        if (result == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            fail(u"%1 is not a number"_qs.arg(shown(value)));
        }
        return result;
    }

    QJsonValue read(const core::Network &network) const
    {
        switch (m_option.type) {
        case OptionType::Bool:
            if (!py::isinstance<py::bool_>(m_value))
                fail(u"%1 is not True or False"_qs.arg(shown(m_value)));
            return m_value.cast<bool>();
        case OptionType::Number: {
            const double value = isNumber(m_value) ? toDouble(m_value) : qQNaN();
            const bool aboveMin =
                m_option.minExclusive ? value > m_option.min : value >= m_option.min;
            if (!std::isfinite(value) || !aboveMin || value > m_option.max)
                fail(u"%1 is not a number %2"_qs.arg(shown(m_value), rangeText(m_option)));
            return value;
        }
        case OptionType::Integer: {
            // As `nqi plan` reads whole numbers: a fraction is never cut, a value beyond the
            // range never converted.
            QString text;
            if (PyIndex_Check(m_value.ptr()) && !py::isinstance<py::bool_>(m_value))
                text = toQString(
                    py::str(py::reinterpret_steal<py::object>(PyNumber_Index(m_value.ptr()))));
            else if (isNumber(m_value))
                text = core::formatNumber(toDouble(m_value));
            else
                fail(u"%1 is not a whole number"_qs.arg(shown(m_value)));
            QString problem;
            const std::optional<qint64> parsed =
                core::parseInteger(text, qint64(m_option.min), qint64(m_option.max), problem);
            if (!parsed)
                fail(problem);
            return *parsed;
        }
        case OptionType::Text: {
            if (!py::isinstance<py::str>(m_value))
                fail(u"%1 is not text"_qs.arg(shown(m_value)));
            const QString text = toQString(m_value);
            if (!m_option.choices.isEmpty() && !m_option.choices.contains(text))
                fail(u"\"%1\" is none of %2"_qs.arg(core::excerpt(text),
                                                    m_option.choices.join(u", "_qs)));
            return text;
        }
        case OptionType::Site:
            if (!py::isinstance<py::str>(m_value))
                fail(u"%1 is not a site's code"_qs.arg(shown(m_value)));
            return siteNamed(network, m_value,
                             u"%1 option %2"_qs.arg(m_option.planner, m_option.name))
                .code;
        case OptionType::Modules:
            return modules();
        }
        return {};
    }

private:
    // [(gbps, cost), ...] or [{"gbps": .., "cost": ..}, ...], as --module GBPS:COST reads them.
    QJsonArray modules() const
    {
        const auto bad = [this](const py::handle &item) {
            fail(u"%1 is not a module: give (gbps, cost) with gbps above 0 and cost at least 0, "
                 "e.g. (400, 3)"_qs.arg(shown(item)));
        };
        if (!py::isinstance<py::list>(m_value) && !py::isinstance<py::tuple>(m_value))
            fail(u"%1 is not a list of modules, e.g. [(100, 1), (400, 3)]"_qs.arg(shown(m_value)));
        QJsonArray modules;
        for (const py::handle item : m_value) {
            py::object gbps, cost;
            if (py::isinstance<py::dict>(item)) {
                const py::dict entry = py::reinterpret_borrow<py::dict>(item);
                if (py::len(entry) != 2 || !entry.contains("gbps") || !entry.contains("cost"))
                    bad(item);
                gbps = entry["gbps"];
                cost = entry["cost"];
            } else if ((py::isinstance<py::tuple>(item) || py::isinstance<py::list>(item)) &&
                       py::len(item) == 2) {
                gbps = item[py::int_(0)];
                cost = item[py::int_(1)];
            } else {
                bad(item);
            }
            if (!isNumber(gbps) || !isNumber(cost))
                bad(item);
            const double rate = toDouble(gbps), price = toDouble(cost);
            if (!(rate > 0.0) || !std::isfinite(rate) || !(price >= 0.0) || !std::isfinite(price))
                bad(item);
            modules.append(QJsonObject{{u"gbps"_qs, rate}, {u"cost"_qs, price}});
        }
        if (modules.size() < m_option.min || modules.size() > m_option.max)
            fail(u"%1 modules: give 1..%2"_qs.arg(modules.size()).arg(m_option.max));
        return modules;
    }

    const PlannerOption &m_option;
    py::handle m_value;
};

} // namespace

const std::vector<PlannerOption> &plannerOptions()
{
    static const std::vector<PlannerOption> table = makeTable();
    return table;
}

QString typeName(OptionType type)
{
    switch (type) {
    case OptionType::Bool:
        return u"bool"_qs;
    case OptionType::Number:
        return u"float"_qs;
    case OptionType::Integer:
        return u"int"_qs;
    case OptionType::Text:
        return u"str"_qs;
    case OptionType::Site:
        return u"site"_qs;
    case OptionType::Modules:
        return u"modules"_qs;
    }
    return {};
}

QJsonObject
optionsFromPython(const QString &planner, const py::dict &keywords, const core::Network &network)
{
    if (!planners::plannerDescriptor(planner) || planner.contains(u'+') || planner.contains(u':')) {
        throw Failure(u"unknown planner \"%1\"; the planners are %2"_qs.arg(
            core::excerpt(planner), planners::plannerNames().join(u", "_qs)));
    }
    std::vector<const PlannerOption *> options;
    QStringList names;
    for (const PlannerOption &o : plannerOptions()) {
        if (o.planner == planner) {
            options.push_back(&o);
            names << o.name;
        }
    }
    for (const auto &[key, value] : keywords) {
        const QString name = toQString(key);
        if (!names.contains(name)) {
            throw Failure(core::makeError(
                {}, 0, planner,
                names.isEmpty()
                    ? u"there is no option \"%1\"; it takes none"_qs.arg(core::excerpt(name))
                    : u"there is no option \"%1\"; the options are %2"_qs.arg(
                          core::excerpt(name), names.join(u", "_qs))));
        }
    }
    QJsonObject json;
    for (const PlannerOption *o : options) {
        const py::str name(o->name.toStdString());
        const bool given = keywords.contains(name) && !keywords[name].is_none();
        if (given) {
            json.insert(o->key, Reader(*o, keywords[name]).read(network));
        } else if (o->defaultValue.isUndefined()) {
            throw Failure(
                core::makeError({}, 0, planner, u"give %1=...: %2"_qs.arg(o->name, o->help)));
        } else if (!o->defaultValue.isNull()) {
            json.insert(o->key, o->defaultValue);
        }
    }
    return json;
}

} // namespace nqi::python
