#pragma once

#include "core/model/network.h"
#include "planners/common/progress.h"
#include "planners/descriptor.h"

#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace nqi::planners {

/// Every planner, in the order menus list them (registered in registry.cpp, one line each).
const std::vector<PlannerDescriptor> &plannerDescriptors();
/// Adds a planner after the built-in ones (a test's demo planner, later plug-ins); before any
/// window, command or thread reads the list. Throws Failure for a name taken or invalid.
void registerPlanner(PlannerDescriptor planner);
/// The planner of a name or of a stored result's key ("fabric:ZJK" is fabric's); null if none.
const PlannerDescriptor *plannerDescriptor(const QString &nameOrKey);

/// Every planner's name, in the order menus list them.
QStringList plannerNames();

/**
 * Where a stored result is kept: the planner, the run configuration (the options that change
 * what its figures mean: N-1 or N-2, IGP or TE, one-way or round trip, sized with or without
 * failures) and the subject (a site's code for fabric and ingest, a link's id for dci). Results
 * of different configurations are stored side by side, so an N-2 run never replaces the N-1
 * result a report prints under "single failures".
 *
 * As text (the nqi_results table's `planner` column): "PLANNER[+CONFIGURATION][:SUBJECT]", e.g.
 * "resilience", "resilience+n2", "route+te", "fabric:ZJK". The first configuration of each
 * planner has no suffix, so keys stored before configurations existed keep their meaning.
 */
struct ResultKey
{
    QString planner;
    QString configuration; ///< empty for the planner's first configuration
    QString subject;       ///< empty when the planner has none

    QString toString() const;
    static ResultKey parse(const QString &key);
    bool operator==(const ResultKey &) const = default;
};

/// The key a run with these options (as runPlanner takes them) is stored under.
ResultKey resultKey(const QString &planner, const QJsonObject &options);
/// The configurations a planner's results can have, in the order views list them.
QStringList configurations(const QString &planner);
/// A run configuration in words ("N-1: single failures"), in English or Chinese (language
/// "zh..."); empty for a planner with one configuration.
QString configurationTitle(const ResultKey &key, const QString &language = {});
/// The options that make a configuration (merged over a stored run's options to run it again).
QJsonObject configurationOptions(const ResultKey &key);

/**
 * The options to compute the result under key (again, or for the first time): the stored run's
 * options the planner still declares (a project from an earlier version may hold others), then
 * the configuration and the subject the key names, whatever the stored options say.
 */
QJsonObject optionsForKey(const core::Network &network, const QString &key);

/**
 * A stored planner result as readers may use it. A result that does not fit its planner's
 * schema (an edited or damaged project: fields missing or of the wrong type) is never read: its
 * json is empty, it counts as stale and problem says which field is wrong, so that it is computed
 * again when asked for.
 */
struct StoredResult
{
    const core::PlannerResult *stored = nullptr; ///< null when the project holds none
    QJsonObject json;     ///< the result; empty unless it fits its planner's schema
    QString problem;      ///< what does not fit the schema ("field \"scenarios\" is missing")
    bool current = false; ///< fits, and was computed on the network as it is now

    bool usable() const { return stored && problem.isEmpty(); }
    /// Why it is stale: the schema problem, or that the network changed since it ran.
    QString staleNote() const;
};

/// Reads back the stored result of a planner (or a key such as "fabric:ZJK") and checks it.
StoredResult readStoredResult(const core::Network &network, const QString &key);
StoredResult readStoredResult(const core::Network &network, const core::PlannerResult &stored);

/**
 * Throws Failure when a result of the planner @p planner holds figures beyond any number
 * (options or a network within their ranges may still combine into them: a model of 1e308 GB,
 * a link of 1e-320 Gbps), so that it is neither printed nor stored as inf or null. runPlanner
 * checks its results so; a result made otherwise (merged from shards) is checked the same way.
 */
void checkFigures(const PlannerDescriptor &planner, const QJsonObject &result);

/**
 * Runs a planner by name with options as JSON (the keys its descriptor declares, as `nqi plan`
 * stores them with --save) and returns the JSON `nqi plan ... --json` prints. The options are
 * checked and completed with defaults first (checkOptions). Throws Failure for an unknown
 * planner or bad options, Cancelled when cancelled.
 */
QJsonObject runPlanner(const QString &name,
                       const core::Network &network,
                       const QJsonObject &options,
                       Progress &progress);
/// The same for a planner that can run without a project (network null: fabric, dci, ingest).
QJsonObject runPlanner(const QString &name,
                       const core::Network *network,
                       const QJsonObject &options,
                       Progress &progress);

} // namespace nqi::planners
