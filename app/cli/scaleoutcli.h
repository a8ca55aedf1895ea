#pragma once

#include "commands.h"

#include "planners/resilience/resilience.h"

#include <functional>

class QCommandLineParser;

namespace nqi::cli {

/// `nqi merge`: parts of a sharded resilience sweep into one result (docs/scale-out.md).
int runMerge(const QStringList &arguments, Streams streams);
/// `nqi slurm`: a Slurm job folder for a resilience sweep; with --submit, runs it.
int runSlurm(const QStringList &arguments, Streams streams);

/**
 * Writes bytes to the file at path (none when empty) and runs save (when given) so that the two
 * go together: the file is written and on disk before save runs, and moved into place only once
 * save returned. A failed output stores nothing; a failed save leaves no output. Throws
 * core::Failure.
 */
void writeThenSave(const QString &path, const QByteArray &bytes, const std::function<void()> &save);

/// How `nqi plan resilience` was asked to run beyond the plain run.
struct ResilienceScaleOut
{
    QString project;
    planners::resilience::Options options;
    QString shard; ///< --shard I/N as given; empty when not sharded
    bool mpi = false;
    QString output; ///< -o FILE; empty: standard output
    bool json = false;
    bool save = false;
    bool threadsGiven = false; ///< --threads; else with --mpi the cores are shared by the ranks
};

/// True when the run needs runResilienceScaleOut (--shard, --mpi or -o).
inline bool needsScaleOut(const ResilienceScaleOut &run)
{
    return !run.shard.isEmpty() || run.mpi || !run.output.isEmpty();
}

/**
 * `nqi plan resilience` with --shard (one part), --mpi (every rank a shard, rank 0 merges)
 * or -o (the result to a file). parser gives --wait for the project lock with --save.
 */
int runResilienceScaleOut(const ResilienceScaleOut &run,
                          const QCommandLineParser &parser,
                          Streams streams);

} // namespace nqi::cli
