#pragma once

#include "core/model/network.h"
#include "core/store/projectstore.h"
#include "planners/common/progress.h"
#include "planners/resilience/resilience.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

/**
 * The resilience sweep beyond one machine (docs/scale-out.md), shared by the command line
 * (`nqi plan resilience --shard/--mpi`, `nqi merge`, `nqi slurm`) and the workbench (export of a
 * Slurm job folder, import of its merged result).
 *
 * A sweep is cut into shards; each shard's part file is a planner part
 * (planners::resilience::runPart) plus the project it was computed on. Parts are merged only
 * when they are all there, once each, of one network and one set of options, and the merged
 * result is exactly what one run on one machine gives.
 */
namespace nqi::scaleout {

/// The options `nqi plan resilience --save` stores with the result (and the workbench reads to
/// run it again): every option the resilience descriptor keeps (planners::storedOptions).
QJsonObject storedOptions(const planners::resilience::Options &options);
/// The options a stored or part options object says (the inverse of storedOptions).
planners::resilience::Options optionsFromJson(const QJsonObject &object);
/// The command line flags that give these options ("--n2 --per-hop-ms 0.5 --top 20").
QStringList optionFlags(const planners::resilience::Options &options);

/// Parses "I/N" as users count (1 <= I <= N <= 100000) into a 0-based index; false with the
/// problem in words.
bool parseShard(const QString &text, int &index, int &count, QString &problem);

/// One shard's part as a file holds it: the planner's part, "project" (the absolute path of the
/// project it was computed on: a merge without a project opens that one), "nqiVersion" (the
/// version of nqi that computed it) and "checksum": "sha256:" and the SHA-256 in hex of the
/// compact JSON of the part without its checksum, so that a part edited or damaged since is
/// told from one nqi wrote.
QJsonObject runShard(const core::Network &network,
                     const QString &projectPath,
                     const planners::resilience::Options &options,
                     int index,
                     int count,
                     planners::Progress &progress);

/// A part file, read and checked on its own.
struct PartFile
{
    QString path;     ///< as given
    QJsonObject part;         ///< the planner's part ("project" taken out)
    int index = 0;            ///< 0-based: the first of indexes
    std::vector<int> indexes; ///< the shards it covers: one, or several (nqi merge --partial)
    int count = 0;
    QString digest;         ///< of the network it was computed on
    QString project;        ///< where that network was, as the part says (may be empty)
    QString programVersion; ///< of the nqi that computed it: this one's
    planners::resilience::Options options;
};

/// Reads one part file. Throws Failure naming the file and what is wrong with it (not JSON,
/// not a resilience part, a newer version, no checksum or content that does not match it,
/// computed by another version of nqi, a shard out of range) and, for a part that is not as
/// nqi wrote it, the command that computes the shard again.
PartFile readPartFile(const QString &path);
/// Reads a part from bytes (MPI ranks send them); where names it in messages.
PartFile readPartBytes(const QByteArray &bytes, const QString &where);

/**
 * Part files checked one at a time, as they are read, against the first: one network, one set
 * of options, one shard count, no shard twice. Throws Failure naming the file at fault and
 * what to do. Holds no part's content.
 */
class PartCheck
{
public:
    void add(const PartFile &part);
    /// With whole, that every shard was given (else only that some part was).
    void finish(bool whole) const;

private:
    int m_parts = 0;
    QString m_path, m_digest; ///< of the first part
    int m_count = 0;
    planners::resilience::Options m_options;
    QJsonObject m_optionsJson;
    QString m_project; ///< the project the first part was computed from, as it names it
    std::map<int, QString> m_byIndex; ///< shard -> the file that gave it
};

/**
 * Checks that parts make one whole sweep: one network, one set of options, one shard count,
 * every shard once (with whole false: at most once, for a merge in two levels). Throws Failure
 * naming the files at fault and what to do.
 */
void checkParts(const std::vector<PartFile> &parts, bool whole = true);

/**
 * A merge of part files that takes them one at a time, each checked (PartCheck, and against the
 * project's network) and folded as it is added, so that a merge of many parts holds one part in
 * memory: read a part, add it, let it go. projectPath names the project in messages.
 */
class PartFileMerge
{
public:
    PartFileMerge(const core::Network &network,
                  const QString &projectPath,
                  const planners::resilience::Options &options);
    void add(const PartFile &part);
    /// The checks of add without folding the part in (a merge that will not be made, whose
    /// parts are still checked so that every part at fault is named). Throws Failure.
    void check(const PartFile &part);
    /// The merged result (every shard given). Throws Failure.
    QJsonObject result();
    /// The parts added combined into one sealed part (nqi merge --partial). Throws Failure.
    QJsonObject combined();

private:
    QString m_digest; ///< of the project's network
    QString m_projectPath;
    PartCheck m_check;
    planners::resilience::PartMerge m_merge;
};

/**
 * Merges checked parts over the network they were computed on (projectPath names it in
 * messages). Throws Failure when the network is another one or changed since (stale).
 */
QJsonObject mergeParts(const core::Network &network,
                       const QString &projectPath,
                       const std::vector<PartFile> &parts);

/**
 * Combines some checked parts of a sweep into one part file's content covering their shards
 * (`nqi merge --partial`: each node merges its own parts, then one merge takes the nodes'
 * parts), sealed as runShard seals a part (project, nqi version, checksum). Throws Failure as
 * mergeParts does.
 */
QJsonObject combineParts(const core::Network &network,
                         const QString &projectPath,
                         const std::vector<PartFile> &parts);

/// The stored result of a resilience run: its key ("resilience", "resilience+n2"), options,
/// the network's digest and the time now.
core::PlannerResult storedResult(const core::Network &network,
                                 const planners::resilience::Options &options,
                                 const QJsonObject &result);

// ---- Slurm job folders ----------------------------------------------------------------------

struct SlurmJob
{
    planners::resilience::Options options;
    int tasks = 1;               ///< array tasks, one shard each
    int cpusPerTask = 1;         ///< --cpus-per-task; the shard runs that many threads
    QString partition;           ///< empty: the cluster's default
    QString time;                ///< --time per task ("HH:MM:SS", "D-HH"); empty: the partition's
    QString program = u"nqi"_qs; ///< the nqi the scripts run (NQI_PROGRAM overrides it)
    /// Parts one merge task reads: with more tasks than this, the merge runs in two levels (an
    /// array of `nqi merge --partial` tasks over groups of parts, then one merge of theirs).
    int partsPerMerge = kDefaultPartsPerMerge;
    static constexpr int kDefaultPartsPerMerge = 64;
    /// The most parts one merge task reads: they go on its command line (ARG_MAX is 2 MiB).
    static constexpr int kMaxPartsPerMerge = 4096;
};

/// What a job folder holds (absolute paths).
struct SlurmJobFolder
{
    QString dir;
    QString project;  ///< project.gpkg: the copy the tasks read and the merge stores into
    QString manifest; ///< job.json: digest, options, tasks, result key
    QString shards;   ///< shards.sbatch: the array job
    QString combine;  ///< combine.sbatch: the groups' merges (two levels only)
    QString merge;    ///< merge.sbatch: the dependent merge
    QString submit;   ///< submit.sh: submits both
    QString readme;   ///< README.md
    QString parts;    ///< parts/: part-I.json as tasks finish
    QString combined; ///< combined/: combined-J.json, a group's parts merged (two levels only)
    QString logs;     ///< logs/
    QString result;   ///< result.json once merged
};

/// The paths of a job folder at dir (nothing is read or written).
SlurmJobFolder slurmJobFolder(const QString &dir);

/// How many tasks merge groups of a job's parts: 0 when one merge reads every part.
int combineTasks(const SlurmJob &job);

/**
 * Writes a job folder for the resilience sweep of network: a copy of the project, the array
 * script (one `nqi plan resilience --shard I/N` per task), the merge script (afterok: merges
 * and stores the result in the copy; with more tasks than job.partsPerMerge, after an array
 * that merges the parts in groups, combine.sbatch), submit.sh, job.json and a README. sourceName is what the
 * README calls the project. dir is made if missing; a folder that is not empty and not a job
 * folder is refused, so nothing NQI did not write is replaced. Throws Failure.
 */
SlurmJobFolder writeSlurmJob(const core::Network &network,
                             const QString &sourceName,
                             const SlurmJob &job,
                             const QString &dir);

/**
 * A merged result file to store in a project: result.json of a job folder with job.json
 * beside it (which says the network's digest and the options). Throws Failure when it is not
 * one, or when network is not the network the job was written from (edited since: stale).
 */
core::PlannerResult readJobResult(const QString &resultPath, const core::Network &network);


} // namespace nqi::scaleout
