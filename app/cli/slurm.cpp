// `nqi slurm`: a resilience sweep as a Slurm job folder (an array of shards and a dependent
// merge); with --submit it is queued and followed until the merged result is stored.
#include "scaleoutcli.h"

#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "scaleout.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QThread>

#include <cmath>
#include <map>

namespace nqi::cli {
namespace {

using core::Failure;

// Runs a Slurm client command; its standard output, or Failure with what it said.
QString slurmCommand(const QString &program, const QStringList &arguments, const QString &dir)
{
    if (QStandardPaths::findExecutable(program).isEmpty())
        throw Failure(u"%1 is not on PATH: --submit needs Slurm's client commands (Debian: "
                      "slurm-client); without --submit, copy the job folder to the cluster and "
                      "run ./submit.sh there"_qs.arg(program));
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(program, arguments);
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        throw Failure(u"`%1 %2` failed: %3"_qs.arg(
            program, arguments.join(u' '),
            QString::fromLocal8Bit(process.readAllStandardError()).trimmed()));
    return QString::fromLocal8Bit(process.readAllStandardOutput()).trimmed();
}

// sbatch --parsable prints "ID" or "ID;CLUSTER".
QString jobId(const QString &parsable)
{
    return parsable.section(u';', 0, 0).trimmed();
}

QString lastLines(const QString &path, int count)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return u"(no log %1)"_qs.arg(path);
    QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(u'\n');
    if (lines.size() > count)
        lines = lines.mid(lines.size() - count);
    return lines.join(u"\n    "_qs);
}

bool finalState(const QString &state)
{
    return state != u"PENDING" && state != u"RUNNING" && state != u"CONFIGURING" &&
           state != u"COMPLETING" && state != u"REQUEUED" && state != u"RESIZING" &&
           state != u"SUSPENDED" && state != u"STAGE_OUT" && state != u"SIGNALING" &&
           !state.isEmpty();
}

// Queues the job folder's array, the first level of the merge when there is one, and the merge,
// then follows them: progress from the part files, states from squeue. Success once the merge
// completed; else names what failed.
int submitAndWait(const scaleout::SlurmJobFolder &folder,
                  int tasks,
                  int groups,
                  double pollSeconds,
                  Streams streams)
{
    const QString array =
        jobId(slurmCommand(u"sbatch"_qs, {u"--parsable"_qs, folder.shards}, folder.dir));
    auto after = [&](const QString &job, const QString &script) {
        return jobId(slurmCommand(u"sbatch"_qs,
                                  {u"--parsable"_qs, u"--dependency=afterok:"_qs + job,
                                   u"--kill-on-invalid-dep=yes"_qs, script},
                                  folder.dir));
    };
    const QString combine = groups > 0 ? after(array, folder.combine) : QString();
    const QString merge = after(groups > 0 ? combine : array, folder.merge);
    const QString jobs = groups > 0 ? QStringList{array, combine, merge}.join(u' ')
                                    : QStringList{array, merge}.join(u' ');
    if (groups > 0)
        streams.err << u"nqi slurm: queued the array job %1 (%2 tasks), the group merges %3 (%4 "
                       "tasks) and the merge job %5; waiting (Ctrl+C stops waiting, not the "
                       "jobs: scancel %6)\n"_qs.arg(array)
                           .arg(tasks)
                           .arg(combine)
                           .arg(groups)
                           .arg(merge, jobs);
    else
        streams.err << u"nqi slurm: queued the array job %1 (%2 tasks) and the merge job %3; "
                       "waiting (Ctrl+C stops waiting, not the jobs: scancel %4)\n"_qs.arg(array)
                           .arg(tasks)
                           .arg(merge, jobs);
    streams.err.flush();
    int shown = -1, shownGroups = -1;
    int unknownPolls = 0;
    for (;;) {
        const int done = int(QDir(folder.parts).entryList({u"part-*.json"_qs}, QDir::Files).size());
        if (done != shown) {
            streams.err << u"nqi slurm: %1/%2 shards done\n"_qs.arg(done).arg(tasks);
            streams.err.flush();
            shown = done;
        }
        if (groups > 0) {
            const int merged =
                int(QDir(folder.combined).entryList({u"combined-*.json"_qs}, QDir::Files).size());
            if (merged != shownGroups && merged > 0) {
                streams.err << u"nqi slurm: %1/%2 groups merged\n"_qs.arg(merged).arg(groups);
                streams.err.flush();
                shownGroups = merged;
            }
        }
        // Every task and the merge, finished ones too (for MinJobAge after they end).
        const QString table = slurmCommand(
            u"squeue"_qs,
            {u"-h"_qs, u"-t"_qs, u"all"_qs, u"-j"_qs, QString(jobs).replace(u' ', u','), u"-o"_qs,
             u"%i|%T"_qs},
            folder.dir);
        std::map<QString, QString> states; // "ARRAY_TASK" or "MERGE" -> state
        for (const QString &line : table.split(u'\n', Qt::SkipEmptyParts))
            states[line.section(u'|', 0, 0).trimmed()] = line.section(u'|', 1, 1).trimmed();
        const QString mergeState = states.count(merge) ? states[merge] : QString();
        // The tasks of an array job that ended otherwise than COMPLETED, each with its log.
        auto failedTasks = [&](const QString &job, const QString &what, const QString &log,
                               int of, bool &running) {
            QStringList failed;
            for (const auto &[id, state] : states) {
                if (!id.startsWith(job + u'_'))
                    continue;
                if (!finalState(state)) {
                    running = true;
                } else if (state != u"COMPLETED") {
                    const QString task = id.mid(job.size() + 1);
                    failed << u"%1 %2/%3 (job %4) %5; its log, logs/%6-%2.out, ends:\n    %7"_qs
                                  .arg(what, task)
                                  .arg(of)
                                  .arg(id, state, log,
                                       lastLines(QDir(folder.logs).filePath(
                                                     u"%1-%2.out"_qs.arg(log, task)),
                                                 5));
                }
            }
            return failed;
        };
        bool arrayRunning = false, combineRunning = false;
        const QStringList failed =
            failedTasks(array, u"shard"_qs, u"shard"_qs, tasks, arrayRunning);
        const QStringList failedGroups =
            groups > 0 ? failedTasks(combine, u"group"_qs, u"combine"_qs, groups, combineRunning)
                       : QStringList();
        if (mergeState == u"COMPLETED") {
            streams.out << u"Merged %1 shards: %2; stored in %3\n"_qs.arg(tasks).arg(
                folder.result, folder.project);
            return Success;
        }
        auto cancelRest = [&](const QStringList &ids) {
            for (const QString &id : ids)
                if (states.count(id) && !finalState(states[id])) // queued still
                    QProcess::execute(u"scancel"_qs, {id});
        };
        if (!failed.isEmpty() && !arrayRunning) {
            cancelRest(groups > 0 ? QStringList{combine, merge} : QStringList{merge});
            throw Failure(u"%1 of %2 array tasks failed, so the merge did not run:\n  %3\nRun "
                          "one again with `sbatch --array=I shards.sbatch` in %4, then %5`sbatch "
                          "merge.sbatch`"_qs.arg(failed.size())
                              .arg(tasks)
                              .arg(failed.join(u"\n  "_qs), folder.dir,
                                   groups > 0 ? u"`sbatch combine.sbatch` and "_qs : QString()));
        }
        if (!failedGroups.isEmpty() && !combineRunning) {
            cancelRest({merge});
            throw Failure(u"%1 of the %2 group merges failed, so the final merge did not run:\n  "
                          "%3\nRun one again with `sbatch --array=J combine.sbatch` in %4, then "
                          "`sbatch merge.sbatch`"_qs.arg(failedGroups.size())
                              .arg(groups)
                              .arg(failedGroups.join(u"\n  "_qs), folder.dir));
        }
        if (finalState(mergeState))
            throw Failure(u"the merge job %1 ended %2; logs/merge.out ends:\n    %3"_qs.arg(
                merge, mergeState, lastLines(QDir(folder.logs).filePath(u"merge.out"_qs), 8)));
        if (states.empty()) {
            // Slurm forgot them (MinJobAge passed): the folder says how it went.
            if (++unknownPolls >= 3) {
                if (QFileInfo::exists(folder.result)) {
                    streams.out << u"Merged %1 shards: %2; stored in %3\n"_qs.arg(tasks).arg(
                        folder.result, folder.project);
                    return Success;
                }
                throw Failure(u"Slurm no longer knows the jobs %1 and there is no result.json "
                              "in %2: see its logs/"_qs.arg(jobs, folder.dir));
            }
        } else {
            unknownPolls = 0;
        }
        QThread::msleep(quint64(pollSeconds * 1000.0));
    }
}

} // namespace

int runSlurm(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Write a Slurm job folder for a resilience sweep: a copy of the project, an array job "
        "of --tasks shards (task I runs `nqi plan resilience --shard I/N`), a merge job that "
        "starts once every task succeeded (afterok) and stores the result in the copy "
        "(`nqi merge --save`), submit.sh and a README. With more tasks than --parts-per-merge, "
        "the merge runs in two levels: an array merges the parts in groups, then one task "
        "merges the groups. With --submit, queue both with sbatch "
        "and wait, showing the shards as they finish; non-zero exit when a task failed, "
        "naming it. See docs/scale-out.md."_qs);
    parser.addPositionalArgument(u"planner"_qs, u"resilience"_qs, u"resilience"_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption n2(u"n2"_qs, u"Also fail every pair of links."_qs);
    const QCommandLineOption perHop(
        u"per-hop-ms"_qs, u"Device latency added per link crossed (default 0)."_qs, u"MS"_qs);
    const QCommandLineOption top(
        u"top"_qs, u"Worst scenarios kept per link, 0..1000 (default 10)."_qs, u"K"_qs);
    const QCommandLineOption tasks(u"tasks"_qs, u"Array tasks, one shard each (1..100000)."_qs,
                                   u"N"_qs);
    const QCommandLineOption cpus(u"cpus-per-task"_qs,
                                  u"CPUs per task, the shard's threads (default 1)."_qs, u"N"_qs);
    const QCommandLineOption partition(u"partition"_qs,
                                       u"Slurm partition (default: the "
                                       "cluster's)."_qs,
                                       u"NAME"_qs);
    const QCommandLineOption time(
        u"time"_qs,
        u"Time limit per task, as sbatch takes it (e.g. 30:00); the merge jobs get it too, so "
        "leave room for a merge of every part."_qs,
        u"LIMIT"_qs);
    const QCommandLineOption perMerge(
        u"parts-per-merge"_qs,
        u"Parts one merge task reads (2..%2, default %1): with more tasks, the merge runs in "
        "two levels, an array merging the parts in groups (nqi merge --partial) and one merge "
        "of the groups."_qs.arg(scaleout::SlurmJob::kDefaultPartsPerMerge)
            .arg(scaleout::SlurmJob::kMaxPartsPerMerge),
        u"K"_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs},
                                    u"The job folder (default: PROJECT-slurm beside the "
                                    "project); new or empty."_qs,
                                    u"DIR"_qs);
    const QCommandLineOption submit(u"submit"_qs,
                                    u"Queue the job (sbatch) and wait for the merged result."_qs);
    const QCommandLineOption poll(u"poll"_qs, u"With --submit: seconds between looks (5)."_qs,
                                  u"S"_qs);
    parser.addOptions(
        {n2, perHop, top, tasks, cpus, partition, time, perMerge, output, submit, poll});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2 || positional[0] != u"resilience")
        return usageError(streams, parser, command,
                          u"give the planner (resilience: the one that runs as shards) and one "
                          "project file"_qs);
    if (!parser.isSet(tasks))
        return usageError(streams, parser, command, u"give --tasks N, the number of shards"_qs);

    scaleout::SlurmJob job;
    job.options.linkPairs = parser.isSet(n2);
    QString problem;
    auto integer = [&](const QCommandLineOption &option, qint64 min, qint64 max, int &value) {
        if (!parser.isSet(option))
            return true;
        QString why;
        const auto parsed = core::parseInteger(parser.value(option), min, max, why);
        if (!parsed)
            problem = u"--%1: %2"_qs.arg(option.names().constLast(), why);
        else
            value = int(*parsed);
        return bool(parsed);
    };
    if (!integer(tasks, 1, 100000, job.tasks) || !integer(cpus, 1, 4096, job.cpusPerTask) ||
        !integer(top, 0, planners::resilience::kMaxTopK, job.options.topK) ||
        !integer(perMerge, 2, scaleout::SlurmJob::kMaxPartsPerMerge, job.partsPerMerge))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(perHop)) {
        bool ok = false;
        job.options.perHopLatencyMs = parser.value(perHop).toDouble(&ok);
        if (!ok || !(job.options.perHopLatencyMs >= 0.0) ||
            !std::isfinite(job.options.perHopLatencyMs))
            return usageError(streams, parser, command,
                              u"--per-hop-ms: \"%1\" is not a number of at least 0"_qs.arg(
                                  core::excerpt(parser.value(perHop))));
    }
    double pollSeconds = 5.0;
    if (parser.isSet(poll)) {
        bool ok = false;
        pollSeconds = parser.value(poll).toDouble(&ok);
        if (!ok || !(pollSeconds >= 0.1 && pollSeconds <= 3600.0))
            return usageError(streams, parser, command, u"--poll: give 0.1 to 3600 seconds"_qs);
    }
    job.partition = parser.value(partition);
    job.time = parser.value(time);
    job.program = QCoreApplication::applicationFilePath();

    const QString project = positional[1];
    const QString dir = parser.isSet(output)
                            ? parser.value(output)
                            : QFileInfo(project).absoluteDir().filePath(
                                  QFileInfo(project).completeBaseName() + u"-slurm"_qs);
    try {
        const core::Network network = core::ProjectStore::load(project);
        const scaleout::SlurmJobFolder folder =
            scaleout::writeSlurmJob(network, QFileInfo(project).fileName(), job, dir);
        if (!parser.isSet(submit)) {
            const int groups = scaleout::combineTasks(job);
            streams.out << u"Wrote the Slurm job folder %1 (%2 shards%3); submit it with %4\n"_qs
                               .arg(folder.dir)
                               .arg(job.tasks)
                               .arg(groups > 0 ? u", merged in two levels: %1 groups of up to %2 "
                                                 "parts, then one merge"_qs.arg(groups)
                                                     .arg(job.partsPerMerge)
                                               : QString())
                               .arg(folder.submit);
            return Success;
        }
        return submitAndWait(folder, job.tasks, scaleout::combineTasks(job), pollSeconds,
                             streams);
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

} // namespace nqi::cli
