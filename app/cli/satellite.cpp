// nqi sgp4 and nqi plan satellite: propagation and coverage of constellations.

#include "commands.h"
#include "planrun.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "planners/satellite/satellite.h"
#include "planners/satellite/tle.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <cmath>

namespace nqi::cli {

namespace sat = planners::satellite;
using core::Failure;

namespace {

bool readNumber(const QCommandLineParser &parser,
                const QCommandLineOption &option,
                double &value,
                QString &problem)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    value = parser.value(option).toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        problem = u"--%1 needs a number, not \"%2\""_qs.arg(option.names().constLast(),
                                                            core::excerpt(parser.value(option)));
        return false;
    }
    return true;
}

} // namespace

int runSgp4(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Propagate every satellite of a TLE file with SGP4/SDP4 (WGS72, improved mode) and "
        "print, per satellite, a line \"<satnum> xx\" and then one line per time: minutes "
        "since its epoch, position x y z (km) and velocity vx vy vz (km/s) in the TEME frame, "
        "the layout of Vallado's tcppver.out. Times: --from/--to/--step, else the start, stop "
        "and step columns after column 69 of line 2 (Vallado's verification file), else the "
        "epoch to 1440 minutes every 360. A satellite that stops (decayed, eccentricity out of "
        "range) is reported on standard error and the next one follows."_qs);
    parser.addPositionalArgument(u"FILE.tle"_qs, u"Two- or three-line element sets."_qs);
    const QCommandLineOption from(u"from"_qs, u"First time, minutes since each epoch."_qs,
                                  u"MIN"_qs);
    const QCommandLineOption to(u"to"_qs, u"Last time, minutes since each epoch."_qs, u"MIN"_qs);
    const QCommandLineOption step(u"step"_qs, u"Time step in minutes."_qs, u"MIN"_qs);
    const QCommandLineOption lenient(
        u"lenient"_qs,
        u"Report bad lines as warnings and keep every element set that can be read."_qs);
    parser.addOptions({from, to, step, lenient});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one TLE file"_qs);
    double fromMinutes = 0.0, toMinutes = 1440.0, stepMinutes = 360.0;
    QString problem;
    if (!readNumber(parser, from, fromMinutes, problem) ||
        !readNumber(parser, to, toMinutes, problem) ||
        !readNumber(parser, step, stepMinutes, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(from) != parser.isSet(to))
        return usageError(streams, parser, command, u"give both --from and --to"_qs);
    if (!(stepMinutes > 0.0))
        return usageError(streams, parser, command, u"--step must be positive"_qs);
    if (toMinutes < fromMinutes)
        return usageError(streams, parser, command, u"--to is before --from"_qs);

    return guarded(streams, [&]() -> int {
        const sat::TleSet set =
            sat::readTleFile(parser.positionalArguments().constFirst(), parser.isSet(lenient));
        for (const core::Diagnostic &warning : set.warnings)
            streams.err << u"nqi: "_qs << warning.toString() << u'\n';
        for (const sat::TleRecord &record : set.records) {
            double start = fromMinutes, stop = toMinutes, every = stepMinutes;
            if (!parser.isSet(from) && record.stepMinutes) {
                start = *record.startMinutes;
                stop = *record.stopMinutes;
                every = parser.isSet(step) ? stepMinutes : *record.stepMinutes;
            }
            const sat::Sgp4 satellite(record.elements);
            const sat::Ephemeris ephemeris = sat::tabulate(satellite, start, stop, every);
            streams.out << record.elements.satnum << u" xx\n"_qs;
            for (size_t i = 0; i < ephemeris.minutes.size(); ++i) {
                const sat::State &s = ephemeris.states[i];
                streams.out << QString::asprintf(" %16.8f %16.8f %16.8f %16.8f %12.9f %12.9f "
                                                 "%12.9f\n",
                                                 ephemeris.minutes[i], s.r[0], s.r[1], s.r[2],
                                                 s.v[0], s.v[1], s.v[2]);
            }
            if (ephemeris.error != sat::Sgp4Error::None)
                streams.err << u"nqi: satellite %1 (line %2): stopped at %3 min: %4 (SGP4 error "
                               "%5)\n"_qs.arg(record.elements.satnum)
                                   .arg(record.line)
                                   .arg(core::formatNumber(ephemeris.errorMinutes))
                                   .arg(QString::fromLatin1(sat::errorText(ephemeris.error)))
                                   .arg(int(ephemeris.error));
        }
        return Success;
    });
}

namespace {

// Three values `nqi plan satellite` has always refused in its own words, where the descriptor's
// check would say "--FLAG: ..."; empty when the value is good (or left to the descriptor).
QString refusedInItsOwnWords(const QString &flag, const QString &value)
{
    if (flag == u"bbox") {
        const QStringList parts = value.split(u',');
        bool ok = parts.size() == 4;
        for (const QString &part : parts) {
            bool number = false;
            part.toDouble(&number);
            ok = ok && number;
        }
        return ok ? QString() : u"--bbox needs four numbers W,S,E,N, e.g. 73,18,135,54"_qs;
    }
    if (flag == u"gsl-max-range-km") {
        bool ok = false;
        const double km = value.toDouble(&ok);
        if (ok && !(km > 0.0 && km <= sat::kMaxGslRangeKm))
            return u"--gsl-max-range-km must be above 0 and at most %1 km, not %2"_qs.arg(
                QString::number(sat::kMaxGslRangeKm, 'f', 0), core::excerpt(value));
        return {};
    }
    if (flag == u"isl-pattern" && !sat::islPairingFromName(value.trimmed()))
        return u"--isl-pattern must be plus-grid (nqi's +Grid) or hypatia (Hypatia's), not "
               "\"%1\""_qs.arg(core::excerpt(value));
    return {};
}

bool isGiven(const QJsonObject &options, const QString &key)
{
    const QJsonValue value = options.value(key);
    return !value.isUndefined() && !value.isNull() &&
           !(value.isArray() && value.toArray().isEmpty());
}

} // namespace

// `nqi plan satellite` is the generic `nqi plan NAME` of the satellite planner's descriptor
// (planners/satellite/descriptor.cpp: flags, --help, checks, --json, the summary in words) with
// what only the command line does: the optional project (its constellations, regions and
// sites), the warnings on standard error and --store, which keeps the satellites in the project
// as a constellation (a change of the project, not an option of the planner).
int runPlanSatellite(const QStringList &arguments, Streams streams)
{
    const planners::PlannerDescriptor &planner = *planners::plannerDescriptor(u"satellite"_qs);
    const QCommandLineOption store(
        u"store"_qs,
        u"Keep the --walker shells or --tle set in the project as a constellation of this name, "
        "with its ground-satellite rule (--min-elev, --gsl-max-range-km) and inter-satellite "
        "links (--isl, --isl-pattern, --isl-shift)."_qs,
        u"NAME"_qs);
    const QCommandLineOption wait = waitOption(); // with --store

    // The project is optional: the generic command takes none for a planner that does not need
    // one, so it is taken out of the arguments here and read below.
    QSet<QString> valueFlags{store.names().constFirst(), wait.names().constFirst()};
    for (const planners::OptionDescriptor &option : planner.options)
        if (option.type != planners::OptionDescriptor::Type::Bool)
            valueFlags << option.flag;
    QStringList rest{arguments.constFirst()}, projects;
    QString refused;
    bool onlyPositional = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == u"--" && !onlyPositional) {
            onlyPositional = true;
            continue;
        }
        if (onlyPositional || argument.size() < 2 || !argument.startsWith(u'-')) {
            projects << argument;
            continue;
        }
        const QString name = argument.mid(argument.startsWith(u"--") ? 2 : 1).section(u'=', 0, 0);
        const bool inlineValue = argument.contains(u'=');
        const bool takesValue =
            valueFlags.contains(name) && (inlineValue || i + 1 < arguments.size());
        const QString value = inlineValue ? argument.section(u'=', 1) : arguments.value(i + 1);
        if (takesValue && refused.isEmpty()) {
            refused = refusedInItsOwnWords(name, value);
            if (!refused.isEmpty()) { // said once the command's help is at hand
                i += inlineValue ? 0 : 1;
                continue;
            }
        }
        rest << argument;
        if (takesValue && !inlineValue)
            rest << arguments[++i];
    }

    PlanCommandExtension extension;
    extension.flags = {store, wait};
    extension.run = [&](const QString &command, const QCommandLineParser &parser,
                        const QJsonObject &options, Streams to) -> std::optional<int> {
        if (!refused.isEmpty())
            return usageError(to, parser, command, refused);
        if (projects.size() > 1)
            return usageError(to, parser, command, u"give at most one project file"_qs);
        const QString project = projects.value(0);
        if (parser.isSet(store) && (project.isEmpty() || (!isGiven(options, u"walker"_qs) &&
                                                          !isGiven(options, u"tle"_qs))))
            return usageError(to, parser, command,
                              u"--store needs a project and --walker or --tle"_qs);
        if (project.isEmpty())
            if (const QString why = sat::checkPlanOptions(options, nullptr); !why.isEmpty())
                return usageError(to, parser, command, why);
        QStringList given;
        for (const planners::OptionDescriptor &option : planner.options)
            if (parser.isSet(option.offFlag.isEmpty() ? option.flag : option.offFlag))
                given << option.key;

        return guarded(to, [&]() -> int {
            core::Network network;
            core::FileStamp stamp;
            std::unique_ptr<core::ProjectLock> lock; // with --store, held until it is saved
            if (!project.isEmpty() && parser.isSet(store))
                lock = lockProject(project, parser, command, to);
            if (!project.isEmpty())
                network = core::ProjectStore::load(project, stamp);
            const core::Network *read = project.isEmpty() ? nullptr : &network;
            if (const QString why = sat::checkPlanOptions(options, read); !why.isEmpty())
                return usageError(to, parser, command, why);

            // What --store keeps, checked as the project will check it before any work.
            core::Constellation kept;
            if (parser.isSet(store)) {
                const sat::PlanOptions planned = sat::planOptions(options, &network);
                kept = planned.constellation;
                kept.id = 0;
                kept.name = parser.value(store).trimmed();
                // The report and the Satellites dock name constellations: one name, one set.
                if (kept.name.isEmpty())
                    return usageError(to, parser, command, u"--store needs a name"_qs);
                for (const core::Constellation &other : network.constellations())
                    if (other.name.compare(kept.name, Qt::CaseInsensitive) == 0)
                        return usageError(to, parser, command,
                                          u"--store: the project already has a constellation "
                                          "named \"%1\"; choose another name"_qs.arg(kept.name));
                kept.gslMaxRangeKm = planned.gslMaxRangeKm;
                kept.gslMinElevation = planned.gslMinElevation;
                kept.islPattern =
                    planned.isl ? sat::islPatternOf(planned.islPairing) : core::IslPattern::None;
                kept.islShift = kept.islPattern == core::IslPattern::Hypatia ? planned.islShift : 0;
                if (const core::Diagnostics problems = network.check(kept); !problems.isEmpty())
                    return usageError(to, parser, command,
                                      u"--store: "_qs + problems.constFirst().toString());
            }

            planners::Progress progress;
            QJsonObject result;
            try {
                result = planners::runPlanner(planner.name, read, options, progress);
            } catch (const Failure &failure) {
                core::Diagnostic diagnostic = failure.diagnostic();
                if (diagnostic.file.isEmpty())
                    diagnostic.file = project; // the project it ran on, if any
                throw Failure(diagnostic);
            }
            if (parser.isSet(store)) { // the satellites were read: keep them (atomic save)
                network.addConstellation(kept);
                core::ProjectStore::save(network, project, stamp);
                to.err << u"nqi: constellation \"%1\" kept in %2\n"_qs.arg(kept.name, project);
            }
            for (const QJsonValue &warning : result.value(u"warnings"_qs).toArray())
                to.err << u"nqi: "_qs << warning.toString() << u'\n';
            if (parser.isSet(u"json"_qs))
                to.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
            else
                planner.textSummary({to.out, result, options, given});
            return Success;
        });
    };
    return runPlannerCommand(planner, rest, streams, extension);
}

} // namespace nqi::cli
