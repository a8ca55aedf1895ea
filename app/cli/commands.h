#pragma once

#include "core/model/diagnostic.h"
#include "core/store/projectlock.h"
#include "planners/common/progress.h"

#include <QCommandLineOption>
#include <QStringList>
#include <QTextStream>

#include <memory>

class QCommandLineParser;

namespace nqi::cli {

/// Exit codes: 0 success, 1 the command failed (bad input, I/O), 2 wrong usage.
enum ExitCode { Success = 0, Failed = 1, Usage = 2 };

struct Streams
{
    QTextStream &out;
    QTextStream &err;
};

int runInfo(const QStringList &arguments, Streams streams);
int runPlan(const QStringList &arguments, Streams streams);

/// Prints "nqi: error: FILE:LINE: WHERE: what".
void printError(Streams streams, const core::Failure &failure);
/// Runs a command's work (which returns the exit code); a Failure it throws is printed with
/// printError and the command fails (Failed). Every command's work runs through it.
template <typename Work>
int guarded(Streams streams, Work &&work)
{
    try {
        return work();
    } catch (const core::Failure &failure) {
        printError(streams, failure);
        return Failed;
    } catch (const planners::Cancelled &) { // stopped: nothing was written
        return Failed;
    }
}
/// Parses options; prints help or a usage error. Returns false when the command should stop.
bool parse(QCommandLineParser &parser,
           const QStringList &arguments,
           Streams streams,
           int &exitCode);
/// The same for a command that takes one project file and nothing else as its argument: a
/// usage error unless there is exactly one; project is its path.
bool parse(QCommandLineParser &parser,
           const QStringList &arguments,
           Streams streams,
           int &exitCode,
           QString &project);
/// Prints a usage error with the command's help; returns Usage.
int usageError(Streams streams,
               const QCommandLineParser &parser,
               const QString &command,
               const QString &message);
/// --wait SECONDS: how long a command that writes a project waits for another writer.
QCommandLineOption waitOption();
/// Takes the write lock of a project for the whole command (`--wait` from the parser when the
/// command has it); prints a note when a stale lock was taken over. Throws Failure naming the
/// holder when the project is locked.
std::unique_ptr<core::ProjectLock> lockProject(const QString &path,
                                               const QCommandLineParser &parser,
                                               const QString &command,
                                               Streams streams);
int runImport(const QStringList &arguments, Streams streams);
int runExport(const QStringList &arguments, Streams streams);
int runAddress(const QStringList &arguments, Streams streams);
int runConfig(const QStringList &arguments, Streams streams);
int runEmulate(const QStringList &arguments, Streams streams);
int runReport(const QStringList &arguments, Streams streams);
int runSgp4(const QStringList &arguments, Streams streams);
int runPlanSatellite(const QStringList &arguments, Streams streams);

} // namespace nqi::cli
