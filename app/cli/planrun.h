#pragma once

#include "commands.h"

#include <QCommandLineOption>
#include <QJsonObject>

#include <functional>
#include <optional>
#include <vector>

class QCommandLineParser;

namespace nqi::planners {
struct PlannerDescriptor;
}

namespace nqi::cli {

/**
 * What a planner's command adds to the flags its descriptor gives (resilience's --shard, --mpi
 * and -o): more flags, and a chance to run the command its own way once the options are parsed
 * and checked (options then holds every option, defaults filled in).
 */
struct PlanCommandExtension
{
    std::vector<QCommandLineOption> flags;
    /// Returns the exit code when it ran the command (or refused it: usageError); nullopt for
    /// the generic run. command is as messages give it ("nqi plan resilience").
    std::function<std::optional<int>(const QString &command,
                                     const QCommandLineParser &parser,
                                     const QJsonObject &options,
                                     Streams streams)>
        run;
};

/**
 * `nqi plan NAME ...` for any planner, derived from its descriptor: one flag per option (with
 * its range, unit and default in --help), --json, --save and --wait, and the project argument
 * (required when the planner needs a project; optional when it reads its subject from one;
 * none otherwise). arguments[0] is the command as shown in messages ("nqi plan route").
 * Values are parsed with parseOptionText and checked with checkOptions (a bad one is a usage
 * error naming its flag), the run goes through planners::runPlanner, and --save stores the
 * result with every stored option (storedOptions).
 */
int runPlannerCommand(const planners::PlannerDescriptor &planner,
                      const QStringList &arguments,
                      Streams streams,
                      const PlanCommandExtension &extension = {});

} // namespace nqi::cli
