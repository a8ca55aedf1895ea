#include "commands.h"
#include "planrun.h"
#include "scaleout.h"
#include "scaleoutcli.h"

#include "planners/registry.h"

#include <QCommandLineParser>

namespace nqi::cli {
namespace {

// `nqi plan`'s usage: every registered planner with the first sentence of its description.
QString planUsage()
{
    QString usage = u"Usage: nqi plan <planner> [PROJECT.gpkg] [options]\n\nPlanners:\n"_qs;
    auto add = [&usage](const QString &name, const QString &description) {
        QString sentence = description.section(u". "_qs, 0, 0);
        if (sentence.endsWith(u'.'))
            sentence.chop(1);
        QString line = u"  "_qs + name.leftJustified(12);
        for (const QString &word : sentence.split(u' ', Qt::SkipEmptyParts)) {
            if (line.size() + word.size() + 1 > 78 && line.size() > 14) {
                usage += line + u'\n';
                line = QString(14, u' ');
            }
            line += (line.endsWith(u' ') ? QString() : u" "_qs) + word;
        }
        usage += line + u'\n';
    };
    for (const planners::PlannerDescriptor &planner : planners::plannerDescriptors())
        add(planner.name, planner.description.en);
    return usage + u"\nRun `nqi plan <planner> --help` for its options.\n"_qs;
}

// What `nqi plan resilience` adds to its descriptor's flags: the sweep beyond
// one machine (docs/scale-out.md, scaleoutcli.h).
PlanCommandExtension resilienceScaleOut()
{
    const QCommandLineOption shard(u"shard"_qs,
                                   u"Compute only shard I of N (I from 1 to N) "
                                   u"and write its part as JSON, for `nqi "
                                   "merge`."_qs,
                                   u"I/N"_qs);
    const QCommandLineOption mpi(u"mpi"_qs, u"Under mpirun: each rank computes one shard, rank 0 "
                                            "merges them and writes the result (JSON)."_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs},
                                    u"Write the JSON (result or part) to FILE."_qs, u"FILE"_qs);
    PlanCommandExtension extension;
    extension.flags = {shard, mpi, output};
    extension.run = [](const QString &command, const QCommandLineParser &parser,
                       const QJsonObject &options, Streams streams) -> std::optional<int> {
        planners::resilience::Options resilience = scaleout::optionsFromJson(options);
        resilience.workers = options.value(u"threads"_qs).toInt();
        const ResilienceScaleOut run{parser.positionalArguments().constFirst(),
                                     resilience,
                                     parser.value(u"shard"_qs),
                                     parser.isSet(u"mpi"_qs),
                                     parser.value(u"output"_qs),
                                     parser.isSet(u"json"_qs),
                                     parser.isSet(u"save"_qs),
                                     parser.isSet(u"threads"_qs)};
        if (parser.isSet(u"shard"_qs) && run.shard.trimmed().isEmpty())
            return usageError(streams, parser, command,
                              u"--shard is empty: give I/N, shard I of N from 1 to N"_qs);
        if (parser.isSet(u"output"_qs) && run.output.trimmed().isEmpty())
            return usageError(streams, parser, command,
                              u"-o is empty: give the file to write"_qs);
        if (!run.shard.isEmpty() && (run.mpi || run.save))
            return usageError(streams, parser, command,
                              u"--shard computes a part, not a result: no --mpi or --save with it "
                              "(nqi merge --save stores the merged parts)"_qs);
        if (!needsScaleOut(run))
            return std::nullopt;
        return runResilienceScaleOut(run, parser, streams);
    };
    return extension;
}

} // namespace

int runPlan(const QStringList &arguments, Streams streams)
{
    const QString planner = arguments.value(1);
    if (planner.isEmpty() || planner == u"--help" || planner == u"-h") {
        (planner.isEmpty() ? streams.err : streams.out) << planUsage();
        return planner.isEmpty() ? Usage : Success;
    }
    QStringList rest = arguments.mid(2);
    rest.prepend(arguments.constFirst() + u' ' + planner);
    if (planner == u"satellite") // its descriptor's command, with a project and --store
        return runPlanSatellite(rest, streams);
    if (const planners::PlannerDescriptor *descriptor = planners::plannerDescriptor(planner);
        descriptor && descriptor->name == planner)
        return runPlannerCommand(*descriptor, rest, streams,
                                 planner == u"resilience" ? resilienceScaleOut()
                                                          : PlanCommandExtension());
    streams.err << u"nqi plan: unknown planner \""_qs << planner << u"\"\n\n"_qs
                << planUsage();
    return Usage;
}

} // namespace nqi::cli
