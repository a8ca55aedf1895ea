#include "planners/registry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

// The planners: one line each. Each folder declares its planner once, in its descriptor.cpp.
#define NQI_PLANNERS(X)                                                                            \
    X(route) X(latency) X(resilience) X(capacity) X(fabric) X(dci) X(ingest) X(satellite)

namespace nqi::planners {

#define NQI_DECLARE_PLANNER(name)                                                                 \
    namespace name {                                                                              \
    PlannerDescriptor descriptor();                                                               \
    }
NQI_PLANNERS(NQI_DECLARE_PLANNER)
#undef NQI_DECLARE_PLANNER

namespace {

// Room for every planner that will ever be registered: descriptors are handed out by address,
// so the list never reallocates.
constexpr size_t kMaxPlanners = 64;

std::vector<PlannerDescriptor> &registered()
{
    static std::vector<PlannerDescriptor> planners = [] {
        std::vector<PlannerDescriptor> list;
        list.reserve(kMaxPlanners);
#define NQI_LIST_PLANNER(name) list.push_back(name::descriptor());
        NQI_PLANNERS(NQI_LIST_PLANNER)
#undef NQI_LIST_PLANNER
        return list;
    }();
    return planners;
}

} // namespace

const std::vector<PlannerDescriptor> &plannerDescriptors()
{
    return registered();
}

void registerPlanner(PlannerDescriptor planner)
{
    std::vector<PlannerDescriptor> &planners = registered();
    if (planner.name.isEmpty() || planner.name.contains(u'+') || planner.name.contains(u':') ||
        !planner.run)
        throw core::Failure(u"a planner needs a name without '+' or ':' and a run function"_qs);
    if (plannerDescriptor(planner.name))
        throw core::Failure(u"there is a planner \"%1\" already"_qs.arg(planner.name));
    if (planners.size() >= kMaxPlanners)
        throw core::Failure(u"no more than %1 planners can be registered"_qs.arg(kMaxPlanners));
    planners.push_back(std::move(planner));
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

const ConfigurationDescriptor *configurationOf(const ResultKey &key)
{
    const PlannerDescriptor *planner = plannerDescriptor(key.planner);
    if (!planner)
        return nullptr;
    for (const ConfigurationDescriptor &c : planner->configurations)
        if (c.suffix == key.configuration)
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
                              const core::PlannerResult &stored,
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
    // The count says so only of the network it ran on: links and sites removed since make a
    // stale N-1 result count more than the network's single failures.
    bool pairs =
        network.isCurrent(stored) && json.value(u"scenarios"_qs).toInteger() > singleFailures;
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
    const PlannerDescriptor *descriptor = plannerDescriptor(planner);
    if (!descriptor)
        return key;
    if (!descriptor->configurations.empty()) {
        // The first configuration's option value is what an absent option means.
        const ConfigurationDescriptor &first = descriptor->configurations.front();
        const QJsonValue value = options.value(first.option).isUndefined()
                                     ? first.value
                                     : options.value(first.option);
        for (const ConfigurationDescriptor &c : descriptor->configurations)
            if (c.option == first.option && c.value == value)
                key.configuration = c.suffix;
    }
    if (!descriptor->subjectOption.isEmpty()) {
        const QJsonValue subject = options.value(descriptor->subjectOption);
        key.subject = subject.isDouble() ? QString::number(subject.toInteger())
                                         : subject.toString();
    }
    return key;
}

QStringList configurations(const QString &planner)
{
    QStringList list;
    if (const PlannerDescriptor *descriptor = plannerDescriptor(planner))
        for (const ConfigurationDescriptor &c : descriptor->configurations)
            list << c.suffix;
    return list.isEmpty() ? QStringList{QString()} : list;
}

QString configurationTitle(const ResultKey &key, const QString &language)
{
    const ConfigurationDescriptor *c = configurationOf(key);
    return c ? c->title.in(language) : QString();
}

QJsonObject configurationOptions(const ResultKey &key)
{
    const ConfigurationDescriptor *c = configurationOf(key);
    if (!c)
        return {};
    return {{c->option, c->value}};
}

QJsonObject optionsForKey(const core::Network &network, const QString &key)
{
    const ResultKey parsed = ResultKey::parse(key);
    const PlannerDescriptor *planner = plannerDescriptor(parsed.planner);
    QJsonObject options;
    if (!planner)
        return options;
    if (const core::PlannerResult *stored = network.plannerResult(key)) {
        const QJsonObject previous = stored->optionsObject();
        for (auto it = previous.constBegin(); it != previous.constEnd(); ++it)
            if (planner->option(it.key()))
                options.insert(it.key(), it.value());
    }
    const QJsonObject configuration = configurationOptions(parsed);
    for (auto it = configuration.constBegin(); it != configuration.constEnd(); ++it)
        options.insert(it.key(), it.value());
    if (!parsed.subject.isEmpty() && !planner->subjectOption.isEmpty()) {
        const OptionDescriptor *subject = planner->option(planner->subjectOption);
        if (subject && subject->type == OptionDescriptor::Type::Link)
            options.insert(planner->subjectOption, parsed.subject.toLongLong());
        else
            options.insert(planner->subjectOption, parsed.subject);
    }
    return options;
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
    if (result.problem.isEmpty() && !stored.options.trimmed().isEmpty()) {
        // The options shown beside its figures (the report's runs table) and used to run it
        // again must be ones the planner accepts: a hand-edited target of 7 is not the run's.
        QJsonParseError optionsError;
        const QJsonDocument options = QJsonDocument::fromJson(stored.options.toUtf8(), &optionsError);
        if (optionsError.error != QJsonParseError::NoError || !options.isObject()) {
            result.problem = u"its options are not a JSON object"_qs;
        } else {
            QJsonObject known;
            const QJsonObject given = options.object();
            for (auto it = given.constBegin(); it != given.constEnd(); ++it)
                if (planner->option(it.key())) // an earlier version's options may be gone
                    known.insert(it.key(), it.value());
            if (const QString problem = checkOptions(*planner, known, &network);
                !problem.isEmpty())
                result.problem = u"its options are not valid: "_qs + problem;
        }
    }
    if (result.problem.isEmpty())
        result.problem = configurationEvidence(network, stored, key, document.object());
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
                       const core::Network *network,
                       const QJsonObject &options,
                       Progress &progress)
{
    const PlannerDescriptor *planner = plannerDescriptor(name);
    if (!planner || name.contains(u'+') || name.contains(u':'))
        throw core::Failure(u"unknown planner \"%1\"; the planners are %2"_qs.arg(
            name, plannerNames().join(u", "_qs)));
    if (!network && planner->needsProject)
        throw core::Failure(u"the %1 planner needs a project"_qs.arg(name));
    QJsonObject checked = options;
    if (const QString problem = checkOptions(*planner, checked, network); !problem.isEmpty())
        throw core::Failure(u"%1: %2"_qs.arg(name, problem));
    QJsonObject result = planner->run(network, checked, progress);
    checkFigures(*planner, result);
    return result;
}

void checkFigures(const PlannerDescriptor &planner, const QJsonObject &result)
{
    if (const QString problem = checkJson(result, planner.result); !problem.isEmpty())
        throw core::Failure(u"%1: these options and this network give figures beyond what can "
                            "be stated (%2): give values nearer those of real networks"_qs.arg(
                                planner.name, problem));
}

QJsonObject runPlanner(const QString &name,
                       const core::Network &network,
                       const QJsonObject &options,
                       Progress &progress)
{
    return runPlanner(name, &network, options, progress);
}

} // namespace nqi::planners
