#include "planners/registry.h"

#include "planners/capacity/capacity.h"
#include "planners/compute/dci.h"
#include "planners/compute/fabric.h"
#include "planners/compute/ingest.h"
#include "planners/latency/latency.h"
#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace nqi::planners {
namespace {

using Type = JsonShape::Type;

JsonShape shapeOf(Type type)
{
    JsonShape shape;
    shape.type = type;
    return shape;
}

JsonShape number()
{
    return shapeOf(Type::Number);
}
JsonShape numberOrNull()
{
    JsonShape shape = shapeOf(Type::Number);
    shape.nullable = true;
    return shape;
}
JsonShape integer()
{
    return shapeOf(Type::Integer);
}
JsonShape string()
{
    return shapeOf(Type::String);
}
JsonShape boolean()
{
    return shapeOf(Type::Bool);
}
JsonShape arrayOf(JsonShape element)
{
    JsonShape shape = shapeOf(Type::Array);
    shape.elements.push_back(std::move(element));
    return shape;
}
JsonShape object(std::vector<JsonField> fields)
{
    JsonShape shape = shapeOf(Type::Object);
    shape.fields = std::move(fields);
    return shape;
}
JsonField optional(const QString &name, JsonShape shape)
{
    return {name, std::move(shape), false};
}

// The results as each planner's toJson writes them (docs/planners.md, compute-planners.md).
JsonShape routeLinks()
{
    return arrayOf(object({{u"id"_qs, integer()},
                           {u"a"_qs, string()},
                           {u"b"_qs, string()},
                           {u"loadAbGbps"_qs, number()},
                           {u"loadBaGbps"_qs, number()},
                           {u"capacityGbps"_qs, number()},
                           {u"utilization"_qs, number()}}));
}

JsonShape routeResult()
{
    const JsonShape sites = arrayOf(string());
    JsonShape te =
        object({{u"solved"_qs, boolean()},
                {u"status"_qs, string()},
                {u"maxUtilization"_qs, numberOrNull()},
                {u"candidatePaths"_qs, integer()},
                {u"iterations"_qs, integer()},
                {u"links"_qs, routeLinks()},
                {u"demands"_qs,
                 arrayOf(object({{u"id"_qs, integer()},
                                 {u"paths"_qs, arrayOf(object({{u"sites"_qs, sites},
                                                               {u"gbps"_qs, number()},
                                                               {u"latencyMs"_qs, number()}}))},
                                 optional(u"problem"_qs, string())}))}});
    return object({{u"maxUtilization"_qs, number()},
                   {u"links"_qs, routeLinks()},
                   {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                   {u"source"_qs, string()},
                                                   {u"destination"_qs, string()},
                                                   {u"rateGbps"_qs, number()},
                                                   {u"latencyMs"_qs, number()},
                                                   {u"minLatencyMs"_qs, number()},
                                                   {u"hops"_qs, integer()},
                                                   {u"pathCount"_qs, number()},
                                                   {u"paths"_qs, arrayOf(sites)},
                                                   {u"latencyViolated"_qs, boolean()},
                                                   optional(u"outsideRegions"_qs, sites)}))},
                   {u"unrouted"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                    {u"source"_qs, string()},
                                                    {u"destination"_qs, string()},
                                                    {u"rateGbps"_qs, number()}}))},
                   optional(u"te"_qs, te)});
}

JsonShape latencyResult()
{
    const JsonShape sites = arrayOf(string());
    return object(
        {{u"roundTrip"_qs, boolean()},
         {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                         {u"latencyMs"_qs, number()},
                                         {u"fastestMs"_qs, number()},
                                         {u"violated"_qs, boolean()},
                                         optional(u"maxLatencyMs"_qs, number())}))},
         {u"violations"_qs, arrayOf(integer())},
         {u"pairs"_qs, arrayOf(object({{u"a"_qs, string()},
                                       {u"b"_qs, string()},
                                       {u"latencyMs"_qs, numberOrNull()},
                                       {u"fastestMs"_qs, numberOrNull()}}))},
         {u"circles"_qs,
          object({{u"limitsMs"_qs, arrayOf(number())},
                  {u"sites"_qs, arrayOf(object({{u"site"_qs, string()},
                                                {u"within"_qs, arrayOf(sites)},
                                                {u"nearestComputeMs"_qs, numberOrNull()},
                                                optional(u"nearestCompute"_qs, string())}))},
                  {u"outside"_qs, sites}})}});
}

JsonShape resilienceResult()
{
    const JsonShape sites = arrayOf(string());
    return object({{u"scenarios"_qs, integer()},
                   {u"maxNormalUtilization"_qs, number()},
                   {u"maxWorstUtilization"_qs, number()},
                   {u"links"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                 {u"a"_qs, string()},
                                                 {u"b"_qs, string()},
                                                 {u"capacityGbps"_qs, number()},
                                                 {u"normalLoadGbps"_qs, number()},
                                                 {u"normalUtilization"_qs, number()},
                                                 {u"worstLoadGbps"_qs, number()},
                                                 {u"worstUtilization"_qs, number()},
                                                 {u"worstScenario"_qs, string()}}))},
                   {u"disconnected"_qs, arrayOf(object({{u"scenario"_qs, string()},
                                                        {u"demands"_qs, arrayOf(integer())},
                                                        {u"lostGbps"_qs, number()},
                                                        {u"endpointDown"_qs, arrayOf(integer())},
                                                        {u"endpointDownGbps"_qs, number()}}))},
                   {u"demands"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                   {u"normalLatencyMs"_qs, numberOrNull()},
                                                   {u"worstLatencyMs"_qs, numberOrNull()},
                                                   {u"worstStretch"_qs, numberOrNull()},
                                                   {u"worstScenario"_qs, string()},
                                                   {u"scenariosDisconnected"_qs, integer()},
                                                   {u"availability"_qs, numberOrNull()}}))},
                   {u"bridges"_qs, arrayOf(integer())},
                   {u"articulationPoints"_qs, sites},
                   {u"protection"_qs, arrayOf(object({{u"id"_qs, integer()},
                                                      {u"found"_qs, boolean()},
                                                      optional(u"primary"_qs, sites),
                                                      optional(u"backup"_qs, sites),
                                                      optional(u"primaryLatencyMs"_qs, number()),
                                                      optional(u"backupLatencyMs"_qs, number()),
                                                      optional(u"problem"_qs, string())}))}});
}

JsonShape capacityResult()
{
    return object(
        {{u"targetUtilization"_qs, number()},
         {u"modules"_qs, arrayOf(object({{u"gbps"_qs, number()}, {u"cost"_qs, number()}}))},
         {u"links"_qs, arrayOf(object({{u"id"_qs, integer()},
                                       {u"a"_qs, string()},
                                       {u"b"_qs, string()},
                                       {u"capacityGbps"_qs, number()},
                                       {u"worstLoadGbps"_qs, number()},
                                       {u"worstScenario"_qs, string()},
                                       {u"requiredGbps"_qs, number()},
                                       {u"modules"_qs, arrayOf(integer())},
                                       {u"addedGbps"_qs, number()},
                                       {u"cost"_qs, number()},
                                       {u"newUtilization"_qs, number()}}))},
         {u"totalAddedGbps"_qs, number()},
         {u"totalCost"_qs, number()},
         {u"heuristicCost"_qs, number()},
         {u"method"_qs, string()},
         {u"currency"_qs, string()}});
}

JsonShape fabricResult()
{
    // Counts of devices may pass 2^53 for absurd sizes: numbers, not integers.
    return object({{u"tiers"_qs, integer()},
                   {u"topology"_qs, string()},
                   {u"servers"_qs, number()},
                   {u"endpoints"_qs, number()},
                   {u"scalableUnits"_qs, number()},
                   {u"leafSwitches"_qs, number()},
                   {u"spineSwitches"_qs, number()},
                   {u"coreSwitches"_qs, number()},
                   {u"switches"_qs, number()},
                   {u"cables"_qs, number()},
                   {u"cablesPerTier"_qs, object({{u"serverLeaf"_qs, number()},
                                                 {u"leafSpine"_qs, number()},
                                                 {u"spineCore"_qs, number()}})},
                   {u"switchTransceivers"_qs, number()},
                   {u"serverTransceivers"_qs, number()},
                   {u"bisectionTbps"_qs, number()},
                   {u"leafDownlinks"_qs, number()},
                   {u"leafUplinks"_qs, number()},
                   {u"breakout"_qs, number()},
                   {u"max2TierGpus"_qs, number()},
                   {u"max3TierGpus"_qs, number()},
                   {u"max2TierEndpoints"_qs, number()},
                   {u"max3TierEndpoints"_qs, number()},
                   optional(u"powerKw"_qs, number()),
                   optional(u"cost"_qs, number()),
                   {u"gpus"_qs, number()},
                   optional(u"site"_qs, string())});
}

JsonShape dciResult()
{
    return object({{u"distanceKm"_qs, number()},
                   {u"rateGbps"_qs, number()},
                   {u"oneWayMs"_qs, number()},
                   {u"rttMs"_qs, number()},
                   {u"bdpMB"_qs, number()},
                   {u"headroomMB"_qs, number()},
                   {u"headroomFixedMB"_qs, number()},
                   {u"crossDcSyncSeconds"_qs, number()},
                   {u"singleDcSyncSeconds"_qs, number()},
                   {u"slowdown"_qs, number()},
                   {u"maxLosslessKm"_qs, numberOrNull()},
                   {u"link"_qs, integer()},
                   {u"a"_qs, string()},
                   {u"b"_qs, string()}});
}

JsonShape ingestResult()
{
    return object({{u"volumeTb"_qs, number()},
                   {u"windowHours"_qs, number()},
                   {u"efficiency"_qs, number()},
                   {u"requiredGbps"_qs, number()},
                   {u"options"_qs, arrayOf(object({{u"lineGbps"_qs, number()},
                                                   {u"hours"_qs, number()},
                                                   {u"monthlyCost"_qs, number()},
                                                   {u"linesNeeded"_qs, number()},
                                                   {u"pricePerLine"_qs, number()},
                                                   {u"meetsWindow"_qs, boolean()}}))},
                   {u"cheapest"_qs,
                    object({optional(u"lineGbps"_qs, number()), optional(u"lines"_qs, number()),
                            optional(u"monthlyCost"_qs, number())})},
                   {u"disks"_qs, object({{u"devices"_qs, number()},
                                         {u"hours"_qs, number()},
                                         {u"meetsWindow"_qs, boolean()},
                                         {u"monthlyCost"_qs, number()}})},
                   {u"currency"_qs, string()},
                   {u"site"_qs, string()}});
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_qs;
    case QJsonValue::Bool:
        return u"a boolean"_qs;
    case QJsonValue::Double:
        return u"the number %1"_qs.arg(value.toDouble());
    case QJsonValue::String:
        return u"a string"_qs;
    case QJsonValue::Array:
        return u"an array"_qs;
    case QJsonValue::Object:
        return u"an object"_qs;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_qs;
}

QString expected(const JsonShape &shape)
{
    QString what;
    switch (shape.type) {
    case Type::Number:
        what = u"a number"_qs;
        break;
    case Type::Integer:
        what = u"an integer"_qs;
        break;
    case Type::String:
        what = u"a string"_qs;
        break;
    case Type::Bool:
        what = u"true or false"_qs;
        break;
    case Type::Object:
        what = u"an object"_qs;
        break;
    case Type::Array:
        what = u"an array"_qs;
        break;
    }
    return shape.nullable ? what + u" or null"_qs : what;
}

// A mismatch: what is wrong, and where (the path from the value checked, innermost first, built
// only when something is wrong).
struct Mismatch
{
    QStringList path;
    QString what;
};

std::optional<Mismatch> mismatch(const QJsonValue &value, const JsonShape &shape)
{
    if (value.isNull() && shape.nullable)
        return std::nullopt;
    bool fits = false;
    switch (shape.type) {
    case Type::Number:
        fits = value.isDouble();
        break;
    case Type::Integer: {
        const double v = value.toDouble(0.5);
        fits = value.isDouble() && std::trunc(v) == v && std::abs(v) <= 9007199254740992.0;
        break;
    }
    case Type::String:
        fits = value.isString();
        break;
    case Type::Bool:
        fits = value.isBool();
        break;
    case Type::Object:
        fits = value.isObject();
        break;
    case Type::Array:
        fits = value.isArray();
        break;
    }
    if (!fits)
        return Mismatch{{}, u"is %1, not %2"_qs.arg(describe(value), expected(shape))};
    if (shape.type == Type::Object) {
        const QJsonObject object = value.toObject();
        for (const JsonField &field : shape.fields) {
            const auto it = object.constFind(field.name);
            if (it == object.constEnd()) {
                if (field.required)
                    return Mismatch{{field.name}, u"is missing"_qs};
                continue;
            }
            if (std::optional<Mismatch> inner = mismatch(*it, field.shape)) {
                inner->path.append(field.name);
                return inner;
            }
        }
    } else if (shape.type == Type::Array && !shape.elements.empty()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (std::optional<Mismatch> inner = mismatch(array.at(i), shape.elements.front())) {
                inner->path.append(u"[%1]"_qs.arg(i));
                return inner;
            }
        }
    }
    return std::nullopt;
}

} // namespace

QString checkJson(const QJsonValue &value, const JsonShape &shape, const QString &where)
{
    const std::optional<Mismatch> found = mismatch(value, shape);
    if (!found)
        return {};
    QString path = where;
    for (auto it = found->path.crbegin(); it != found->path.crend(); ++it)
        path += (it->startsWith(u'[') || path.isEmpty() ? QString() : u"."_qs) + *it;
    if (path.isEmpty())
        return u"the result "_qs + found->what;
    return u"field \"%1\" %2"_qs.arg(path, found->what);
}

const std::vector<PlannerDescriptor> &plannerDescriptors()
{
    static const std::vector<PlannerDescriptor> planners{
        {u"route"_qs, routeResult()},           {u"latency"_qs, latencyResult()},
        {u"resilience"_qs, resilienceResult()}, {u"capacity"_qs, capacityResult()},
        {u"fabric"_qs, fabricResult()},         {u"dci"_qs, dciResult()},
        {u"ingest"_qs, ingestResult()}};
    return planners;
}

const PlannerDescriptor *plannerDescriptor(const QString &nameOrKey)
{
    const QString name = ResultKey::parse(nameOrKey).planner;
    for (const PlannerDescriptor &planner : plannerDescriptors())
        if (planner.name == name)
            return &planner;
    return nullptr;
}

QStringList plannerNames()
{
    QStringList names;
    for (const PlannerDescriptor &planner : plannerDescriptors())
        names << planner.name;
    return names;
}

namespace {

// Each planner's configurations: the option that selects one, and its key suffix and titles.
struct Configuration
{
    const char16_t *planner;
    const char16_t *suffix; ///< empty for the first (default) configuration
    const char16_t *option; ///< a boolean option of runPlanner
    bool value;             ///< the option's value in this configuration
    const char16_t *en;
    const char16_t *zh;
};

constexpr Configuration kConfigurations[] = {
    {u"route", u"", u"te", false, u"IGP shortest paths, ECMP", u"IGP 最短路径，ECMP"},
    {u"route", u"te", u"te", true, u"traffic engineering", u"流量工程"},
    {u"resilience", u"", u"n2", false, u"N-1: single failures", u"N-1：单点故障"},
    {u"resilience", u"n2", u"n2", true, u"N-2: single failures and link pairs",
     u"N-2：单点故障及双链路故障"},
    {u"latency", u"", u"roundTrip", false, u"one-way", u"单向"},
    {u"latency", u"rtt", u"roundTrip", true, u"round trip", u"往返"},
    {u"capacity", u"", u"failures", true, u"sized for every single failure",
     u"按所有单点故障扩容"},
    {u"capacity", u"normal", u"failures", false, u"sized for the normal state",
     u"按正常状态扩容"},
};

const Configuration *configurationOf(const ResultKey &key)
{
    for (const Configuration &c : kConfigurations)
        if (key.planner == QStringView(c.planner) && key.configuration == QStringView(c.suffix))
            return &c;
    return nullptr;
}

} // namespace

namespace {

// What a result's own figures say of the configuration that made them, where the key and the
// options could be wrong (a project edited by hand or by an earlier version): an N-1 result has
// no link-pair scenario and at most one scenario per link, site and SRLG besides the normal
// state. Empty when nothing contradicts the key.
QString configurationEvidence(const core::Network &network,
                              const ResultKey &key,
                              const QJsonObject &json)
{
    if (key.planner != u"resilience" || !key.configuration.isEmpty())
        return {};
    QSet<QString> srlgs;
    for (const core::Link &link : network.links())
        for (const QString &srlg : link.srlgs)
            srlgs.insert(srlg);
    const qint64 singleFailures =
        1 + qint64(network.links().size() + network.sites().size()) + qint64(srlgs.size());
    bool pairs = json.value(u"scenarios"_qs).toInteger() > singleFailures;
    auto named = [&pairs](const QJsonArray &rows, const QString &field) {
        for (const QJsonValue &row : rows)
            if (row[field].toString().startsWith(u"links "))
                pairs = true;
    };
    named(json.value(u"links"_qs).toArray(), u"worstScenario"_qs);
    named(json.value(u"disconnected"_qs).toArray(), u"scenario"_qs);
    named(json.value(u"demands"_qs).toArray(), u"worstScenario"_qs);
    if (!pairs)
        return {};
    return u"its figures are those of %1 (link-pair scenarios), not of %2"_qs.arg(
        configurationTitle({key.planner, u"n2"_qs, {}}), configurationTitle(key));
}

} // namespace

QString ResultKey::toString() const
{
    QString key = planner;
    if (!configuration.isEmpty())
        key += u'+' + configuration;
    if (!subject.isEmpty())
        key += u':' + subject;
    return key;
}

ResultKey ResultKey::parse(const QString &key)
{
    // Site codes are [A-Za-z0-9_-] and planner names plain words: neither holds '+' or ':'.
    ResultKey parsed;
    const qsizetype colon = key.indexOf(u':');
    const QString head = colon < 0 ? key : key.left(colon);
    if (colon >= 0)
        parsed.subject = key.mid(colon + 1);
    const qsizetype plus = head.indexOf(u'+');
    parsed.planner = plus < 0 ? head : head.left(plus);
    if (plus >= 0)
        parsed.configuration = head.mid(plus + 1);
    return parsed;
}

ResultKey resultKey(const QString &planner, const QJsonObject &options)
{
    ResultKey key;
    key.planner = planner;
    for (const Configuration &c : kConfigurations) {
        if (planner != QStringView(c.planner) || !QStringView(c.suffix).isEmpty())
            continue;
        // The default configuration's option value is what an absent option means.
        const bool value = options.value(QString::fromUtf16(c.option)).toBool(c.value);
        if (value != c.value)
            for (const Configuration &other : kConfigurations)
                if (planner == QStringView(other.planner) && other.value == value &&
                    QStringView(other.option) == QStringView(c.option))
                    key.configuration = QString::fromUtf16(other.suffix);
    }
    if (planner == u"fabric" || planner == u"ingest")
        key.subject = options.value(u"site"_qs).toString();
    else if (planner == u"dci" && options.contains(u"link"_qs))
        key.subject = QString::number(options.value(u"link"_qs).toInteger());
    return key;
}

QStringList configurations(const QString &planner)
{
    QStringList list;
    for (const Configuration &c : kConfigurations)
        if (planner == QStringView(c.planner))
            list << QString::fromUtf16(c.suffix);
    return list.isEmpty() ? QStringList{QString()} : list;
}

QString configurationTitle(const ResultKey &key, const QString &language)
{
    const Configuration *c = configurationOf(key);
    if (!c)
        return {};
    return QString::fromUtf16(language.startsWith(u"zh") ? c->zh : c->en);
}

QJsonObject configurationOptions(const ResultKey &key)
{
    const Configuration *c = configurationOf(key);
    if (!c)
        return {};
    return {{QString::fromUtf16(c->option), c->value}};
}

QString StoredResult::staleNote() const
{
    if (!stored)
        return u"no result is stored"_qs;
    if (!problem.isEmpty())
        return u"the stored result does not fit the %1 planner's schema: %2"_qs.arg(
            ResultKey::parse(stored->planner).planner, problem);
    if (!current)
        return u"the network changed since it ran"_qs;
    return {};
}

StoredResult readStoredResult(const core::Network &network, const core::PlannerResult &stored)
{
    StoredResult result;
    result.stored = &stored;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(stored.json, &error);
    const ResultKey key = ResultKey::parse(stored.planner);
    const PlannerDescriptor *planner = plannerDescriptor(key.planner);
    if (!planner)
        result.problem = u"there is no planner \"%1\""_qs.arg(key.planner);
    else if (!key.configuration.isEmpty() && !configurationOf(key))
        result.problem = u"the %1 planner has no run configuration \"%2\""_qs.arg(
            key.planner, key.configuration);
    else if (!stored.options.isEmpty() &&
             resultKey(key.planner, stored.optionsObject()).configuration != key.configuration)
        // Stored before results were kept per configuration, or edited: its figures are not
        // the ones its key promises (an N-2 result where N-1 is read).
        result.problem = u"it ran as %1 but is stored as the %2 result"_qs.arg(
            configurationTitle(resultKey(key.planner, stored.optionsObject())),
            configurationTitle(key));
    else if (error.error != QJsonParseError::NoError)
        result.problem =
            u"it is not JSON (%1 at byte %2)"_qs.arg(error.errorString()).arg(error.offset);
    else
        result.problem = checkJson(document.isObject() ? QJsonValue(document.object())
                                                       : QJsonValue(document.array()),
                                   planner->result);
    if (result.problem.isEmpty())
        result.problem = configurationEvidence(network, key, document.object());
    if (result.problem.isEmpty()) {
        result.json = document.object();
        result.current = network.isCurrent(stored);
    }
    return result;
}

StoredResult readStoredResult(const core::Network &network, const QString &key)
{
    if (const core::PlannerResult *stored = network.plannerResult(key))
        return readStoredResult(network, *stored);
    return {};
}

QJsonObject runPlanner(const QString &name,
                       const core::Network &network,
                       const QJsonObject &options,
                       Progress &progress)
{
    const double perHop = options.value(u"perHopMs"_qs).toDouble(0.0);
    if (name == u"route") {
        route::Options o;
        o.trafficEngineering = options.value(u"te"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return route::toJson(network, route::run(network, o, progress));
    }
    if (name == u"resilience") {
        resilience::Options o;
        o.linkPairs = options.value(u"n2"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return resilience::toJson(network, resilience::run(network, o, progress));
    }
    if (name == u"latency") {
        latency::Options o;
        o.roundTrip = options.value(u"roundTrip"_qs).toBool();
        o.perHopLatencyMs = perHop;
        return latency::toJson(network, latency::run(network, o, progress));
    }
    if (name == u"capacity") {
        capacity::Options o;
        o.targetUtilization = options.value(u"target"_qs).toDouble(o.targetUtilization);
        o.failures = options.value(u"failures"_qs).toBool(true);
        o.exactLinkLimit = options.value(u"exactLimit"_qs).toInt(o.exactLinkLimit);
        if (const QJsonArray modules = options.value(u"modules"_qs).toArray(); !modules.isEmpty())
            o.modules = capacity::modulesFromJson(modules);
        return capacity::toJson(network, capacity::run(network, o, progress));
    }
    if (name == u"fabric") {
        fabric::Options o;
        o.gpus = options.value(u"gpus"_qs).toInteger();
        o.gpusPerServer = options.value(u"gpusPerServer"_qs).toInt(o.gpusPerServer);
        o.rails = options.value(u"rails"_qs).toInt(o.rails);
        o.nicGbps = options.value(u"nicGbps"_qs).toDouble(o.nicGbps);
        o.switchPorts = options.value(u"switchPorts"_qs).toInt(o.switchPorts);
        o.portGbps = options.value(u"portGbps"_qs).toDouble(o.portGbps);
        o.serversPerSu = options.value(u"serversPerSu"_qs).toInt(o.serversPerSu);
        o.oversubscription = options.value(u"oversubscription"_qs).toDouble(o.oversubscription);
        if (options.value(u"topology"_qs).toString() == u"leaf_spine")
            o.topology = fabric::Topology::LeafSpine;
        auto optional = [&options](const QString &key) -> std::optional<double> {
            if (!options.contains(key))
                return std::nullopt;
            return options.value(key).toDouble();
        };
        o.switchWatts = optional(u"switchWatts"_qs);
        o.switchCost = optional(u"switchCost"_qs);
        o.transceiverWatts = optional(u"transceiverWatts"_qs);
        o.transceiverCost = optional(u"transceiverCost"_qs);
        QJsonObject json = fabric::toJson(fabric::plan(o));
        json.insert(u"gpus"_qs, o.gpus);
        if (options.contains(u"site"_qs))
            json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    }
    if (name == u"dci") {
        dci::Options o;
        const core::Link *link = network.link(options.value(u"link"_qs).toInteger());
        if (!link)
            throw core::Failure(
                u"dci: no link %1 in the project"_qs.arg(options.value(u"link"_qs).toInteger()));
        o.distanceKm = network.lengthKm(*link);
        o.rateGbps = link->capacityGbps;
        if (options.contains(u"bufferMb"_qs))
            o.bufferMb = options.value(u"bufferMb"_qs).toDouble();
        o.modelGb = options.value(u"modelGb"_qs).toDouble(o.modelGb);
        o.computeSeconds = options.value(u"computeSeconds"_qs).toDouble(o.computeSeconds);
        QJsonObject json = dci::toJson(dci::plan(o));
        json.insert(u"link"_qs, link->id);
        json.insert(u"a"_qs, network.site(link->siteA)->code);
        json.insert(u"b"_qs, network.site(link->siteB)->code);
        return json;
    }
    if (name == u"ingest") {
        ingest::Options o;
        o.efficiency = options.value(u"efficiency"_qs).toDouble(o.efficiency);
        o = ingest::fromSite(network, options.value(u"site"_qs).toString(), o);
        QJsonObject json = ingest::toJson(ingest::plan(o), network.settings().currency);
        json.insert(u"site"_qs, options.value(u"site"_qs));
        return json;
    }
    throw core::Failure(
        u"unknown planner \"%1\"; the planners are %2"_qs.arg(name, plannerNames().join(u", "_qs)));
}

} // namespace nqi::planners
