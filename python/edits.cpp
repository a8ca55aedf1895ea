#include "python/edits.h"

#include "core/model/jsonobject.h"
#include "core/model/limits.h"
#include "core/model/namelist.h"
#include "core/model/numbers.h"
#include "python/conversions.h"

#include <QJsonDocument>

#include <climits>
#include <cmath>
#include <optional>

namespace nqi::python {
namespace {

using core::Failure;

// One value given for a field, read as the CSV importer reads a cell; problems name the object
// and the field ("site XY, kind: unknown kind ...").
class Value
{
public:
    Value(const py::handle &object, const core::Network &network, QString where)
        : m_object(object)
        , m_network(network)
        , m_where(std::move(where))
    {
    }

    [[noreturn]] void fail(const QString &message) const
    {
        throw Failure(core::makeError({}, 0, m_where, message));
    }

    bool isNone() const { return m_object.is_none(); }

    QString shown() const { return core::excerpt(toQString(py::repr(m_object))); }

    QString text() const
    {
        if (isNone())
            return {};
        if (!py::isinstance<py::str>(m_object))
            fail(u"%1 is not text"_qs.arg(shown()));
        return toQString(m_object).trimmed();
    }

    std::optional<double> number() const
    {
        if (isNone())
            return std::nullopt;
        if (py::isinstance<py::bool_>(m_object) || py::isinstance<py::str>(m_object) ||
            !PyNumber_Check(m_object.ptr()))
            fail(u"%1 is not a number"_qs.arg(shown()));
        const double value = PyFloat_AsDouble(m_object.ptr());
        if (value == -1.0 && PyErr_Occurred()) {
            PyErr_Clear();
            fail(u"%1 is not a number"_qs.arg(shown()));
        }
        return value;
    }

    /// A number the object cannot be without.
    double required(const QString &why) const
    {
        const std::optional<double> value = number();
        if (!value)
            fail(u"is None; "_qs + why);
        return *value;
    }

    /// Whole numbers (also as floats such as 10.0), within what a double holds exactly.
    std::optional<qint64> integer() const
    {
        if (isNone())
            return std::nullopt;
        QString text;
        if (py::isinstance<py::bool_>(m_object) || py::isinstance<py::str>(m_object))
            fail(u"%1 is not a whole number"_qs.arg(shown()));
        if (PyIndex_Check(m_object.ptr()))
            text = toQString(
                py::str(py::reinterpret_steal<py::object>(PyNumber_Index(m_object.ptr()))));
        else if (const std::optional<double> value = number())
            text = core::formatNumber(*value);
        constexpr qint64 kLargest = 9007199254740991; // 2^53 - 1, as the CSV importer
        QString problem;
        const std::optional<qint64> parsed = core::parseInteger(text, -kLargest, kLargest, problem);
        if (!parsed)
            fail(problem);
        return parsed;
    }

    QStringList names() const
    {
        if (isNone())
            return {};
        if (py::isinstance<py::str>(m_object))
            return core::splitNameList(toQString(m_object));
        if (!py::isinstance<py::list>(m_object) && !py::isinstance<py::tuple>(m_object))
            fail(u"%1 is not a list of names (or names separated by ';')"_qs.arg(shown()));
        QStringList list;
        for (const py::handle item : m_object) {
            if (!py::isinstance<py::str>(item))
                fail(u"%1 holds %2, which is not a name"_qs.arg(
                    shown(), core::excerpt(toQString(py::repr(item)))));
            list << toQString(item);
        }
        return list;
    }

    QJsonObject object() const
    {
        if (isNone())
            return {};
        QString json;
        if (py::isinstance<py::str>(m_object)) {
            json = toQString(m_object);
        } else if (py::isinstance<py::dict>(m_object)) {
            try {
                json = toQString(py::module_::import("json").attr("dumps")(
                    m_object, py::arg("allow_nan") = false, py::arg("ensure_ascii") = false));
            } catch (const py::error_already_set &error) {
                fail(u"cannot be written as JSON: "_qs + QString::fromUtf8(error.what()));
            }
        } else {
            fail(u"%1 is not a dict (or JSON text)"_qs.arg(shown()));
        }
        QString problem;
        const QJsonObject parsed = core::jsonObject(json, problem);
        if (!problem.isEmpty())
            fail(problem);
        return parsed;
    }

    template <typename Enum>
    Enum choice(std::optional<Enum> (*parse)(const QString &),
                QStringList (*allNames)(),
                const char16_t *what) const
    {
        const QString given = text();
        const std::optional<Enum> parsed = parse(given);
        if (!parsed) {
            fail(u"unknown %1 \"%2\"; use one of %3"_qs.arg(QStringView(what), core::excerpt(given),
                                                            allNames().join(u", "_qs)));
        }
        return *parsed;
    }

    /// A site by id (int, checked by the model as any reference) or by code (str).
    core::SiteId site() const
    {
        if (py::isinstance<py::str>(m_object))
            return siteNamed(m_network, m_object, m_where).id;
        const std::optional<qint64> id = integer();
        if (!id)
            fail(u"must name a site by its code or id"_qs);
        return *id;
    }

private:
    py::handle m_object;
    const core::Network &m_network;
    QString m_where;
};

template <typename T>
struct Field
{
    const char16_t *name;  ///< as the CSV column
    const char16_t *alias; ///< another keyword for it, or null
    void (*apply)(T &object, const Value &value);
};

const std::vector<Field<core::Site>> &siteTable()
{
    using core::Site;
    static const std::vector<Field<Site>> fields{
        {u"id", nullptr,
         [](Site &s, const Value &v) {
             s.id = v.integer().value_or(0);
         }},
        {u"code", nullptr,
         [](Site &s, const Value &v) {
             s.code = v.text();
         }},
        {u"name", nullptr,
         [](Site &s, const Value &v) {
             s.name = v.text();
         }},
        {u"kind", nullptr,
         [](Site &s, const Value &v) {
             s.kind = v.choice(core::siteKindFromString, core::siteKindNames, u"kind");
         }},
        {u"lat", u"latitude",
         [](Site &s, const Value &v) {
             s.latitudeDeg = v.required(u"every site needs a latitude"_qs);
         }},
        {u"lon", u"longitude",
         [](Site &s, const Value &v) {
             s.longitudeDeg = v.required(u"every site needs a longitude"_qs);
         }},
        {u"region", nullptr,
         [](Site &s, const Value &v) {
             s.region = v.text();
         }},
        {u"gpus", nullptr,
         [](Site &s, const Value &v) {
             s.gpus = v.integer();
         }},
        {u"power_mw", nullptr,
         [](Site &s, const Value &v) {
             s.powerMw = v.number();
         }},
        {u"role", nullptr,
         [](Site &s, const Value &v) {
             s.role = v.text();
         }},
        {u"attributes", nullptr,
         [](Site &s, const Value &v) {
             s.attributes = v.object();
         }},
    };
    return fields;
}

const std::vector<Field<core::Link>> &linkTable()
{
    using core::Link;
    static const std::vector<Field<Link>> fields{
        {u"id", nullptr,
         [](Link &l, const Value &v) {
             l.id = v.integer().value_or(0);
         }},
        {u"a", nullptr,
         [](Link &l, const Value &v) {
             l.siteA = v.site();
         }},
        {u"b", nullptr,
         [](Link &l, const Value &v) {
             l.siteB = v.site();
         }},
        {u"capacity_gbps", nullptr,
         [](Link &l, const Value &v) {
             l.capacityGbps = v.required(u"every link needs a capacity"_qs);
         }},
        {u"length_km", nullptr,
         [](Link &l, const Value &v) {
             l.lengthKm = v.number();
         }},
        {u"medium", nullptr,
         [](Link &l, const Value &v) {
             l.medium = v.choice(core::linkMediumFromString, core::linkMediumNames, u"medium");
         }},
        {u"igp_metric", nullptr,
         [](Link &l, const Value &v) {
             l.igpMetric = v.integer();
         }},
        {u"srlg", nullptr,
         [](Link &l, const Value &v) {
             l.srlgs = v.names();
         }},
        {u"parallel_count", nullptr,
         [](Link &l, const Value &v) {
             const qint64 count = v.integer().value_or(1);
             if (count < 1 || count > core::limits::kMaxParallelCount) {
                 // As the CSV importer: a count beyond int is never converted.
                 v.fail(
                     u"%1 is out of range 1..%2 (circuits in one link's bundle)"_qs.arg(count).arg(
                         core::limits::kMaxParallelCount));
             }
             l.parallelCount = int(count);
         }},
        {u"route_factor", nullptr,
         [](Link &l, const Value &v) {
             l.routeFactor = v.number();
         }},
        {u"cost", nullptr,
         [](Link &l, const Value &v) {
             l.cost = v.number();
         }},
        {u"availability", nullptr,
         [](Link &l, const Value &v) {
             l.availability = v.number();
         }},
        {u"name", nullptr,
         [](Link &l, const Value &v) {
             l.name = v.text();
         }},
    };
    return fields;
}

const std::vector<Field<core::Demand>> &demandTable()
{
    using core::Demand;
    static const std::vector<Field<Demand>> fields{
        {u"id", nullptr,
         [](Demand &d, const Value &v) {
             d.id = v.integer().value_or(0);
         }},
        {u"source", nullptr,
         [](Demand &d, const Value &v) {
             d.source = v.site();
         }},
        {u"destination", nullptr,
         [](Demand &d, const Value &v) {
             d.destination = v.site();
         }},
        {u"rate_gbps", nullptr,
         [](Demand &d, const Value &v) {
             d.rateGbps = v.number();
         }},
        {u"class", u"demand_class",
         [](Demand &d, const Value &v) {
             d.demandClass =
                 v.choice(core::demandClassFromString, core::demandClassNames, u"class");
         }},
        {u"max_latency_ms", nullptr,
         [](Demand &d, const Value &v) {
             d.maxLatencyMs = v.number();
         }},
        {u"protection", nullptr,
         [](Demand &d, const Value &v) {
             d.protection =
                 v.choice(core::protectionFromString, core::protectionNames, u"protection");
         }},
        {u"regions", nullptr,
         [](Demand &d, const Value &v) {
             d.allowedRegions = v.names();
         }},
        {u"name", nullptr,
         [](Demand &d, const Value &v) {
             d.name = v.text();
         }},
        {u"volume_tb", nullptr,
         [](Demand &d, const Value &v) {
             d.volumeTb = v.number();
         }},
        {u"window_h", nullptr,
         [](Demand &d, const Value &v) {
             d.windowHours = v.number();
         }},
    };
    return fields;
}

template <typename T>
QStringList fieldNames(const std::vector<Field<T>> &table)
{
    QStringList names;
    for (const Field<T> &field : table) {
        names << (field.alias
                      ? u"%1 (or %2)"_qs.arg(QStringView(field.name), QStringView(field.alias))
                      : QString::fromUtf16(field.name));
    }
    return names;
}

QString label(const core::Site &site)
{
    return site.code.isEmpty() ? u"site #"_qs + QString::number(site.id)
                               : u"site "_qs + core::excerpt(site.code);
}
QString label(const core::Link &link)
{
    return u"link #"_qs + QString::number(link.id);
}
QString label(const core::Demand &demand)
{
    return u"demand #"_qs + QString::number(demand.id);
}

/**
 * Applies the given fields to object in the table's order (the id and the code first, so that
 * problems name the object as the model does). Unknown keywords, a field given under both its
 * names and (in an update) a changed id are refused before anything is read.
 */
template <typename T>
void apply(T &object,
           const std::vector<Field<T>> &table,
           const py::dict &fields,
           const core::Network &network,
           bool update)
{
    for (const auto &[key, value] : fields) {
        const QString name = toQString(key);
        bool known = false;
        for (const Field<T> &field : table)
            known = known || name == QStringView(field.name) ||
                    (field.alias && name == QStringView(field.alias));
        if (!known) {
            throw Failure(
                core::makeError({}, 0, label(object),
                                u"there is no field \"%1\"; the fields are %2"_qs.arg(
                                    core::excerpt(name), fieldNames(table).join(u", "_qs))));
        }
    }
    for (const Field<T> &field : table) {
        const py::str name(QString::fromUtf16(field.name).toStdString());
        const bool hasName = fields.contains(name);
        const bool hasAlias =
            field.alias && fields.contains(py::str(QString::fromUtf16(field.alias).toStdString()));
        if (hasName && hasAlias) {
            throw Failure(core::makeError({}, 0, label(object),
                                          u"give %1 or %2, not both"_qs.arg(
                                              QStringView(field.name), QStringView(field.alias))));
        }
        if (!hasName && !hasAlias)
            continue;
        const py::handle value =
            fields[hasName ? name : py::str(QString::fromUtf16(field.alias).toStdString())];
        const QString where =
            label(object) + u", "_qs + QString::fromUtf16(hasName ? field.name : field.alias);
        if (update && QStringView(field.name) == u"id") {
            const qint64 before = object.id;
            field.apply(object, Value(value, network, where));
            if (object.id != before) {
                object.id = before;
                throw Failure(core::makeError({}, 0, where,
                                              u"an id never changes; add a new object instead"_qs));
            }
            continue;
        }
        field.apply(object, Value(value, network, where));
    }
}

// A field an add needs, checked before the model (which would say NaN is out of range).
void require(const py::dict &fields,
             std::initializer_list<const char16_t *> names,
             const QString &where,
             const QString &message)
{
    for (const char16_t *name : names)
        if (fields.contains(py::str(QString::fromUtf16(name).toStdString())))
            return;
    throw Failure(core::makeError({}, 0, where, message));
}

} // namespace

QStringList siteFields()
{
    return fieldNames(siteTable());
}
QStringList linkFields()
{
    return fieldNames(linkTable());
}
QStringList demandFields()
{
    return fieldNames(demandTable());
}

const core::Site &
siteNamed(const core::Network &network, const py::handle &value, const QString &where)
{
    if (py::isinstance<py::str>(value)) {
        const QString code = toQString(value);
        if (const core::Site *site = network.siteByCode(code))
            return *site;
        throw Failure(core::makeError({}, 0, where,
                                      u"no site has the code \"%1\""_qs.arg(core::excerpt(code))));
    }
    const std::optional<qint64> id = Value(value, network, where).integer();
    if (const core::Site *site = id ? network.site(*id) : nullptr)
        return *site;
    throw Failure(core::makeError({}, 0, where, u"no site has the id %1"_qs.arg(id ? *id : 0)));
}

core::SiteId addSite(core::Network &network, const py::dict &fields)
{
    core::Site site;
    site.id = network.nextSiteId();
    apply(site, siteTable(), fields, network, false);
    require(fields, {u"code"}, label(site), u"code is missing; every site needs a unique code"_qs);
    require(fields, {u"lat", u"latitude"}, label(site),
            u"latitude is missing; every site needs a latitude"_qs);
    require(fields, {u"lon", u"longitude"}, label(site),
            u"longitude is missing; every site needs a longitude"_qs);
    if (site.name.isEmpty())
        site.name = site.code; // as the importers name a site
    return network.addSite(std::move(site));
}

core::LinkId addLink(core::Network &network, const py::dict &fields)
{
    core::Link link;
    link.id = network.nextLinkId();
    apply(link, linkTable(), fields, network, false);
    require(fields, {u"a"}, label(link), u"a is missing; a link joins sites a and b"_qs);
    require(fields, {u"b"}, label(link), u"b is missing; a link joins sites a and b"_qs);
    require(fields, {u"capacity_gbps"}, label(link),
            u"capacity_gbps is missing; every link needs a capacity"_qs);
    return network.addLink(std::move(link));
}

core::DemandId addDemand(core::Network &network, const py::dict &fields)
{
    core::Demand demand;
    demand.id = network.nextDemandId();
    apply(demand, demandTable(), fields, network, false);
    require(fields, {u"source"}, label(demand),
            u"source is missing; a demand goes from a source site to a destination"_qs);
    require(fields, {u"destination"}, label(demand),
            u"destination is missing; a demand goes from a source site to a destination"_qs);
    return network.addDemand(std::move(demand));
}

void updateSite(core::Network &network, const py::handle &site, const py::dict &fields)
{
    core::Site changed = siteNamed(network, site, u"site"_qs);
    apply(changed, siteTable(), fields, network, true);
    network.updateSite(changed);
}

void updateLink(core::Network &network, core::LinkId id, const py::dict &fields)
{
    core::Link changed;
    changed.id = id;
    if (const core::Link *link = network.link(id)) {
        changed = *link;
    } else {
        network.updateLink(changed); // the model's own "no such link to update"
        return;
    }
    apply(changed, linkTable(), fields, network, true);
    network.updateLink(changed);
}

void updateDemand(core::Network &network, core::DemandId id, const py::dict &fields)
{
    core::Demand changed;
    changed.id = id;
    if (const core::Demand *demand = network.demand(id)) {
        changed = *demand;
    } else {
        network.updateDemand(changed); // the model's own "no such demand to update"
        return;
    }
    apply(changed, demandTable(), fields, network, true);
    network.updateDemand(changed);
}

void removeSite(core::Network &network, const py::handle &site)
{
    network.removeSite(siteNamed(network, site, u"site"_qs).id);
}

void removeLink(core::Network &network, core::LinkId id)
{
    network.removeLink(id);
}

void removeDemand(core::Network &network, core::DemandId id)
{
    network.removeDemand(id);
}

} // namespace nqi::python
