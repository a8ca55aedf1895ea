#include "planrun.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <map>

namespace nqi::cli {
namespace {

using core::Failure;
using planners::OptionDescriptor;
using planners::PlannerDescriptor;
using OType = OptionDescriptor::Type;
using planners::TextContext;
using planners::text::percent;
using planners::text::plain;

// ---------------------------------------------------------------------------------------------
// Flags and help, from the descriptor


QString valueText(const QJsonValue &value)
{
    return planners::commandLineText(value);
}

QString rangeText(const OptionDescriptor &option)
{
    const bool low = std::isfinite(option.minimum), high = std::isfinite(option.maximum);
    if (low && high)
        return option.minimumExclusive
                   ? u"above %1, at most %2"_qs.arg(plain(option.minimum), plain(option.maximum))
                   : u"%1..%2"_qs.arg(plain(option.minimum), plain(option.maximum));
    if (low)
        return (option.minimumExclusive ? u"above %1"_qs : u"at least %1"_qs)
            .arg(plain(option.minimum));
    if (high)
        return u"at most %1"_qs.arg(plain(option.maximum));
    return {};
}

// A list option: given once with commas, or repeated.
bool isList(const OptionDescriptor &option)
{
    return option.type == OType::NumberList || option.type == OType::ChoiceList ||
           option.defaultValue.isArray();
}

// The subject options (a site's code, a link's id) name something in a project.
bool namesProjectObject(const OptionDescriptor &option)
{
    return option.type == OType::Site || option.type == OType::Link;
}

// Planners that read values from a project when one is given (dci's link, ingest's site) take
// an optional project; planners that need one take it always; the others (fabric) take none.
bool takesProject(const PlannerDescriptor &planner)
{
    return planner.needsProject ||
           std::any_of(planner.options.begin(), planner.options.end(),
                       [](const OptionDescriptor &o) { return o.withoutProject; });
}

// The help of an option: its text, then what the descriptor says of its values.
QString helpText(const OptionDescriptor &option)
{
    QStringList facts;
    if (option.type == OType::Choice || option.type == OType::ChoiceList) {
        QStringList values;
        for (const OptionDescriptor::Choice &choice : option.choices)
            values << (choice.aliases.isEmpty()
                           ? choice.value
                           : u"%1 (or %2)"_qs.arg(choice.value, choice.aliases.join(u", "_qs)));
        facts << u"one of: "_qs + values.join(u", "_qs);
    }
    if (option.type == OType::Integer || option.type == OType::Number ||
        option.type == OType::NumberList) {
        const QString range = rangeText(option);
        if (!range.isEmpty())
            facts << (option.type == OType::NumberList ? u"each "_qs : u"range "_qs) + range;
    }
    if (!option.unit.isEmpty() && option.formScale == 1.0) // else the unit of the form's value
        facts << u"unit "_qs + option.unit;
    if (option.type == OType::Bool && !option.offFlag.isEmpty())
        facts << u"sets %1 (default true) to false"_qs.arg(option.pythonName());
    else if (option.required())
        facts << u"required"_qs;
    else if (namesProjectObject(option))
        facts << u"in the project"_qs;
    else if (option.type != OType::Bool)
        facts << u"default "_qs +
                     (option.defaultValue.isNull() ? u"not given"_qs
                      : option.defaultValue.isArray() && option.defaultValue.toArray().isEmpty()
                          ? u"none"_qs
                          : valueText(option.defaultValue));
    if (isList(option))
        facts << u"repeat or separate by commas"_qs;
    return facts.isEmpty() ? option.help.en
                           : option.help.en + u" ["_qs + facts.join(u"; "_qs) + u']';
}

QCommandLineOption flagOf(const OptionDescriptor &option)
{
    if (option.type == OType::Bool)
        return QCommandLineOption(option.offFlag.isEmpty() ? option.flag : option.offFlag,
                                  helpText(option));
    return QCommandLineOption(option.flag, helpText(option),
                              option.valueName.isEmpty() ? u"VALUE"_qs : option.valueName);
}

// ---------------------------------------------------------------------------------------------
// Text output: each planner's summary as `nqi plan NAME` has always printed it, from the JSON








// A figure or a cell as the descriptor formats it.
QString formatted(const QJsonValue &value, planners::Format format)
{
    using planners::Format;
    if (value.isUndefined() || value.isNull())
        return u"-"_qs;
    switch (format) {
    case Format::Percent:
        return percent(value.toDouble());
    case Format::Count:
        return QString::number(value.toArray().size());
    case Format::Integer:
    case Format::Number:
        return value.isDouble() ? core::formatNumber(value.toDouble()) : valueText(value);
    default:
        return valueText(value);
    }
}

QJsonValue at(const QJsonObject &object, const QString &path)
{
    QJsonValue value = object;
    for (const QString &part : path.split(u'.'))
        value = value.toObject().value(part);
    return value;
}

// Planners without a summary of their own: the descriptor's headline figures, then the first
// ten rows of its first table.
void printFromDescriptor(const PlannerDescriptor &planner, const TextContext &c)
{
    c.out << planner.title.en << u'\n';
    for (const planners::FigureDescriptor &figure : planner.figures) {
        const QJsonValue value = at(c.json, figure.field);
        if (value.isUndefined())
            continue;
        c.out << u"  "_qs << figure.label.en << u": "_qs << formatted(value, figure.format)
              << (figure.unit.isEmpty() ? QString() : u' ' + figure.unit) << u'\n';
    }
    if (planner.tables.empty())
        return;
    const planners::TableDescriptor &table = planner.tables.front();
    const QJsonArray rows =
        table.rows.isEmpty() ? QJsonArray{c.json} : at(c.json, table.rows).toArray();
    c.out << table.title.en << u":\n"_qs;
    for (qsizetype i = 0; i < std::min<qsizetype>(10, rows.size()); ++i) {
        QStringList cells;
        for (const planners::ColumnDescriptor &column : table.columns)
            cells << column.header.en + u' ' +
                         formatted(at(rows[i].toObject(), column.field), column.format);
        c.out << u"  "_qs << cells.join(u", "_qs) << u'\n';
    }
}

// The planner's own summary in words when it declares one, else the headline figures and rows.
void printText(const PlannerDescriptor &planner, const TextContext &context)
{
    if (planner.textSummary)
        planner.textSummary(context);
    else
        printFromDescriptor(planner, context);
}

// ---------------------------------------------------------------------------------------------
// The command

// The rule for an optional project, in words: "give a project with --link ID, or
// --distance-km and --rate-gbps".
QString projectRule(const PlannerDescriptor &planner)
{
    QStringList subject, alone;
    for (const OptionDescriptor &o : planner.options) {
        if (o.key == planner.subjectOption)
            subject << u"--%1 %2"_qs.arg(o.flag, o.valueName);
        if (o.withoutProject)
            alone << u"--"_qs + o.flag;
    }
    return u"give a project with %1, or %2"_qs.arg(subject.join(u' '), alone.join(u" and "_qs));
}

// The options given on the command line, as JSON (values parsed, not yet checked); problem
// names the flag on a bad value.
QJsonObject givenOptions(const PlannerDescriptor &planner,
                         const QCommandLineParser &parser,
                         bool withProjectObjects,
                         QString &problem)
{
    QJsonObject options;
    for (const OptionDescriptor &option : planner.options) {
        if (namesProjectObject(option) && !withProjectObjects)
            continue;
        if (option.type == OType::Bool) {
            const QString flag = option.offFlag.isEmpty() ? option.flag : option.offFlag;
            if (parser.isSet(flag))
                options.insert(option.key, option.offFlag.isEmpty());
            continue;
        }
        if (!parser.isSet(option.flag))
            continue;
        const QString text =
            isList(option) ? parser.values(option.flag).join(u',') : parser.value(option.flag);
        QString why;
        const QJsonValue value = planners::parseOptionText(option, text, why);
        if (value.isUndefined()) {
            problem = u"--%1: %2"_qs.arg(option.flag, why);
            return {};
        }
        options.insert(option.key, value);
    }
    return options;
}

void saveResult(const QString &path,
                core::Network network,
                const PlannerDescriptor &planner,
                const QJsonObject &options,
                const QJsonObject &result,
                core::FileStamp &stamp)
{
    const QJsonObject stored = planners::storedOptions(planner, options);
    core::PlannerResult entry;
    // Under its run configuration's key: an N-2 run is kept beside the N-1 one, TE beside IGP.
    entry.planner = planners::resultKey(planner.name, options).toString();
    entry.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    entry.options = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    entry.inputDigest = network.digest();
    entry.json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    network.setPlannerResult(std::move(entry));
    core::ProjectStore::save(network, path, stamp);
}

} // namespace

int runPlannerCommand(const PlannerDescriptor &planner,
                      const QStringList &arguments,
                      Streams streams,
                      const PlanCommandExtension &extension)
{
    const QString command = arguments.constFirst();
    const bool project = takesProject(planner);
    QCommandLineParser parser;
    parser.setApplicationDescription(planner.description.en);
    if (planner.needsProject)
        parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    else if (project)
        parser.addPositionalArgument(
            u"project"_qs,
            u"A project, with --%1 %2."_qs.arg(planner.option(planner.subjectOption)->flag,
                                               planner.option(planner.subjectOption)->valueName),
            u"[PROJECT.gpkg]"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON (docs/planners.md)."_qs);
    const QCommandLineOption save(u"save"_qs,
                                  u"Store the result in the project (table nqi_results)."_qs);
    const QCommandLineOption wait = waitOption(); // with --save
    parser.addOption(json);
    if (project)
        parser.addOptions({save, wait});
    for (const OptionDescriptor &option : planner.options)
        if (project || !namesProjectObject(option))
            parser.addOption(flagOf(option));
    for (const QCommandLineOption &flag : extension.flags)
        parser.addOption(flag);
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;

    const QStringList positional = parser.positionalArguments();
    const QString path = positional.value(0);
    if (!project && !positional.isEmpty())
        return usageError(streams, parser, command,
                          u"%1 takes no project file"_qs.arg(planner.name));
    if (positional.size() > 1 || (planner.needsProject && positional.isEmpty()))
        return usageError(streams, parser, command, u"give one project file"_qs);
    QString problem;
    QJsonObject options = givenOptions(planner, parser, project, problem);
    if (!problem.isEmpty())
        return usageError(streams, parser, command, problem);
    if (project && !planner.needsProject) {
        // With a project, the subject names what is read from it; without, the values are given.
        bool fits = path.isEmpty() ? !options.contains(planner.subjectOption)
                                   : options.contains(planner.subjectOption);
        for (const OptionDescriptor &o : planner.options)
            if (o.withoutProject && path.isEmpty() && !options.contains(o.key))
                fits = false;
        if (!fits)
            return usageError(streams, parser, command, projectRule(planner));
    }
    const bool saving = project && parser.isSet(save);
    if (saving && path.isEmpty())
        return usageError(streams, parser, command, u"--save needs a project file"_qs);
    const QStringList given = options.keys();
    if (const QString why = planners::checkOptions(planner, options); !why.isEmpty())
        return usageError(streams, parser, command, why);
    if (extension.run)
        if (const std::optional<int> code = extension.run(command, parser, options, streams))
            return *code;

    return guarded(streams, [&] {
        // With --save the project is locked from the moment it is read until the result is
        // stored, so nothing another writer adds meanwhile is lost.
        std::unique_ptr<core::ProjectLock> lock;
        if (saving)
            lock = lockProject(path, parser, command, streams);
        core::FileStamp stamp;
        std::optional<core::Network> network;
        if (!path.isEmpty()) {
            network = core::ProjectStore::load(path, stamp);
            // What only the project can say (is there such a link?), said of the project.
            QJsonObject checked = options;
            if (const QString why = planners::checkOptions(planner, checked, &*network);
                !why.isEmpty())
                throw Failure(core::makeError(path, 0, {}, why));
        }
        planners::Progress progress;
        QJsonObject result;
        try {
            result = planners::runPlanner(planner.name, network ? &*network : nullptr, options,
                                          progress);
        } catch (const Failure &failure) {
            core::Diagnostic diagnostic = failure.diagnostic();
            if (diagnostic.file.isEmpty())
                diagnostic.file = path; // the project it ran on
            throw Failure(diagnostic);
        }
        if (saving)
            saveResult(path, *network, planner, options, result, stamp);
        if (parser.isSet(json))
            streams.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        else
            printText(planner, {streams.out, result, options, given});
        return int(Success);
    });
}

} // namespace nqi::cli
