#include "scaleout.h"

#include "core/io/outputfile.h"
#include "core/model/numbers.h"
#include "planners/registry.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>

#include <algorithm>
#include <cmath>
#include <map>

namespace nqi::scaleout {

using core::Failure;
using core::makeError;
namespace resilience = planners::resilience;

namespace {

constexpr int kMaxShards = 100000;
constexpr auto kPartFormat = u"nqi-resilience-part";
constexpr auto kChecksumKey = u"checksum";
constexpr auto kChecksumPrefix = u"sha256:";
constexpr auto kProgramVersionKey = u"nqiVersion";
constexpr auto kJobFormat = u"nqi-slurm-job";
constexpr int kJobVersion = 1;

QString shardText(const PartFile &part)
{
    if (part.indexes.size() <= 1)
        return u"shard %1/%2"_qs.arg(part.index + 1).arg(part.count);
    QStringList shown;
    for (size_t i = 0; i < std::min<size_t>(part.indexes.size(), 8); ++i)
        shown << QString::number(part.indexes[i] + 1);
    if (part.indexes.size() > 8)
        shown << u"…"_qs;
    return u"shards %1 of %2"_qs.arg(shown.join(u", "_qs)).arg(part.count);
}

void writeFile(const QString &path, const QByteArray &data)
{
    core::OutputFile file(path);
    file.writeAll(data);
    file.commit();
}

void writeExecutable(const QString &path, const QByteArray &data)
{
    writeFile(path, data);
    QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner |
                                    QFileDevice::ExeGroup | QFileDevice::ExeOther);
}

// A word for a shell script, quoted when it needs to be.
QString shellWord(const QString &text)
{
    static const QString safe = u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                "0123456789_-+./:=@%,"_qs;
    if (!text.isEmpty() &&
        std::all_of(text.begin(), text.end(), [](QChar c) { return safe.contains(c); }))
        return text;
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_qs);
    return u'\'' + quoted + u'\'';
}

// A name for a comment line of a script: no line breaks.
QString oneLine(const QString &text)
{
    return core::excerpt(text, 200);
}

QString programVersion()
{
    return QCoreApplication::applicationVersion();
}

// "sha256:" and the SHA-256 in hex of the part's canonical form: its compact JSON without the
// checksum (QJsonObject keeps its keys sorted, so the layout of the file does not matter).
QString partChecksum(QJsonObject part)
{
    part.remove(QStringView(kChecksumKey));
    const QByteArray canonical = QJsonDocument(part).toJson(QJsonDocument::Compact);
    return QString::fromUtf16(kChecksumPrefix) +
           QString::fromLatin1(
               QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

// The command that computes the shard of a part again, from what the part says (a damaged
// part may say it wrongly: then the user's I/N and project stand in).
QString shardCommand(const QJsonObject &part, const QString &file)
{
    const QJsonObject shard = part.value(u"shard"_qs).toObject();
    if (shard.contains(u"indexes"_qs)) // combined by nqi merge --partial
        return u"nqi merge --partial (the part files of its shards) -o "_qs +
               (file.isEmpty() ? u"FILE"_qs : shellWord(file));
    const qint64 index = shard.value(u"index"_qs).toInteger(-1);
    const qint64 count = shard.value(u"count"_qs).toInteger(-1);
    const QString shardText = count >= 1 && count <= kMaxShards && index >= 0 && index < count
                                  ? u"%1/%2"_qs.arg(index + 1).arg(count)
                                  : u"I/N"_qs;
    const QString project = part.value(u"project"_qs).toString();
    QStringList words{u"nqi plan resilience"_qs,
                      project.isEmpty() ? u"PROJECT.gpkg"_qs : shellWord(project)};
    words << optionFlags(optionsFromJson(part.value(u"options"_qs).toObject()));
    words << u"--shard"_qs << shardText << u"--json"_qs;
    if (!file.isEmpty())
        words << u"-o"_qs << shellWord(file);
    return words.join(u' ');
}

PartFile readPart(const QByteArray &bytes, const QString &where, const QString &file);

} // namespace

QJsonObject storedOptions(const resilience::Options &options)
{
    // As `nqi plan resilience --save` stores them: every option the descriptor keeps.
    QJsonObject object{{u"n2"_qs, options.linkPairs},
                       {u"perHopMs"_qs, options.perHopLatencyMs},
                       {u"topK"_qs, options.topK}};
    const planners::PlannerDescriptor &descriptor = *planners::plannerDescriptor(u"resilience"_qs);
    if (const QString problem = planners::checkOptions(descriptor, object); !problem.isEmpty())
        throw core::Failure(u"resilience: "_qs + problem);
    return planners::storedOptions(descriptor, object);
}

resilience::Options optionsFromJson(const QJsonObject &object)
{
    resilience::Options options;
    options.linkPairs = object.value(u"n2"_qs).toBool(false);
    options.perHopLatencyMs = object.value(u"perHopMs"_qs).toDouble(0.0);
    options.topK = object.value(u"topK"_qs).toInt(options.topK);
    return options;
}

QStringList optionFlags(const resilience::Options &options)
{
    QStringList flags;
    if (options.linkPairs)
        flags << u"--n2"_qs;
    if (options.perHopLatencyMs != 0.0)
        flags << u"--per-hop-ms"_qs << QString::number(options.perHopLatencyMs, 'g', 17);
    if (options.topK != resilience::Options().topK)
        flags << u"--top"_qs << QString::number(options.topK);
    return flags;
}

bool parseShard(const QString &text, int &index, int &count, QString &problem)
{
    const QStringList parts = text.split(u'/');
    QString why;
    if (parts.size() != 2) {
        problem = u"\"%1\" is not I/N (shard I of N, counted from 1: 1/4 ... 4/4)"_qs.arg(
            core::excerpt(text));
        return false;
    }
    const auto n = core::parseInteger(parts[1].trimmed(), 1, kMaxShards, why);
    if (!n) {
        problem = u"the shard count in \"%1\": %2"_qs.arg(core::excerpt(text), why);
        return false;
    }
    const auto i = core::parseInteger(parts[0].trimmed(), 1, *n, why);
    if (!i) {
        problem = u"the shard in \"%1\": %2 (shards are counted from 1 to the count)"_qs.arg(
            core::excerpt(text), why);
        return false;
    }
    index = int(*i) - 1;
    count = int(*n);
    return true;
}

namespace {

// A planner's part as a file holds it: with its project, the nqi version and a checksum.
QJsonObject sealPart(QJsonObject part, const QString &projectPath)
{
    part.insert(u"project"_qs, QFileInfo(projectPath).absoluteFilePath());
    part.insert(QStringView(kProgramVersionKey), programVersion());
    // Checksummed as a reader parses it back, so that no value JSON text holds other than the
    // planner gave it (a double that reads back as an integer) can read as an edit.
    part = QJsonDocument::fromJson(QJsonDocument(part).toJson(QJsonDocument::Compact)).object();
    part.insert(QStringView(kChecksumKey), partChecksum(part));
    return part;
}

} // namespace

QJsonObject runShard(const core::Network &network,
                     const QString &projectPath,
                     const resilience::Options &options,
                     int index,
                     int count,
                     planners::Progress &progress)
{
    return sealPart(resilience::runPart(network, options, index, count, progress), projectPath);
}

PartFile readPartBytes(const QByteArray &bytes, const QString &where)
{
    return readPart(bytes, where, {});
}

namespace {

// where names the part in messages; file is the part's file, if it is one.
PartFile readPart(const QByteArray &bytes, const QString &where, const QString &file)
{
    const QString remedy =
        u"give the part files `nqi plan resilience --shard I/N -o FILE` wrote"_qs;
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw Failure(makeError(
            where, 0, {},
            u"not a resilience part: not JSON (%1 at byte %2); %3"_qs.arg(error.errorString())
                .arg(error.offset)
                .arg(remedy)));
    if (!document.isObject())
        throw Failure(
            makeError(where, 0, {}, u"not a resilience part: not a JSON object; "_qs + remedy));
    QJsonObject object = document.object();
    const QString format = object.value(u"format"_qs).toString();
    if (format != QStringView(kPartFormat)) {
        // A whole result (nqi plan resilience --json, nqi merge -o) is the usual mix-up.
        const bool result = object.contains(u"scenarios"_qs) && object.contains(u"links"_qs);
        throw Failure(
            makeError(where, 0, u"format"_qs,
                      result ? u"a whole resilience result, not a part: it needs no merge"_qs
                             : u"not a resilience part (format \"%1\", not \"%2\"); %3"_qs.arg(
                                   core::excerpt(format), QStringView(kPartFormat), remedy)));
    }
    const int version = object.value(u"version"_qs).toInt(0);
    if (version != planners::resilience::kPartVersion)
        throw Failure(makeError(where, 0, u"version"_qs,
                                u"part version %1: this nqi reads version %2; merge with the nqi "
                                "version that wrote the parts"_qs
                                    .arg(object.value(u"version"_qs).toVariant().toString())
                                    .arg(planners::resilience::kPartVersion)));
    // Before anything else the part says is believed: it is what nqi wrote, by this version.
    const QString again = u"compute that shard again with: "_qs + shardCommand(object, file);
    const QJsonValue checksum = object.value(QStringView(kChecksumKey));
    if (!checksum.isString())
        throw Failure(makeError(where, 0, QString::fromUtf16(kChecksumKey),
                                u"the part has no checksum, so it cannot be told from one edited "
                                "or damaged after nqi wrote it (its checksum was taken out, or "
                                "an earlier nqi, which wrote none, wrote it); "_qs +
                                    again));
    if (checksum.toString() != partChecksum(object))
        throw Failure(makeError(where, 0, {},
                                u"its content does not match its checksum: it was edited or "
                                "damaged after nqi wrote it; "_qs +
                                    again));
    const QJsonValue written = object.value(QStringView(kProgramVersionKey));
    if (written.toString() != programVersion())
        throw Failure(makeError(
            where, 0, QString::fromUtf16(kProgramVersionKey),
            u"%1, this is nqi %2: parts are merged by the nqi that computed them (the merge "
            "computes the normal state again, and another version may not give the figures "
            "the part was compared with); merge with that nqi, or %3"_qs.arg(
                written.isString() ? u"written by nqi "_qs + core::excerpt(written.toString())
                                   : u"written by an nqi that does not say its version"_qs,
                programVersion(), again)));
    PartFile part;
    part.path = where;
    // One shard {"index", "count"}, or several {"indexes": [increasing], "count"} (a part
    // nqi merge --partial combined).
    const QJsonObject shard = object.value(u"shard"_qs).toObject();
    const double count = shard.value(u"count"_qs).toDouble(-1);
    QJsonArray indexes;
    if (shard.contains(u"index"_qs) && !shard.contains(u"indexes"_qs))
        indexes.append(shard.value(u"index"_qs));
    else if (!shard.contains(u"index"_qs))
        indexes = shard.value(u"indexes"_qs).toArray();
    bool valid = count >= 1 && count <= kMaxShards && count == std::floor(count) &&
                 !indexes.isEmpty();
    for (const QJsonValue &value : std::as_const(indexes)) {
        const double index = value.toDouble(-1);
        valid = valid && index >= 0 && index < count && index == std::floor(index) &&
                (part.indexes.empty() || int(index) > part.indexes.back());
        if (valid)
            part.indexes.push_back(int(index));
    }
    if (!valid)
        throw Failure(makeError(where, 0, u"shard"_qs,
                                u"no valid shard index and count (index from 0 below count); "
                                "the file was changed or damaged: compute the shard again"_qs));
    part.index = part.indexes.front();
    part.count = int(count);
    part.digest = object.value(u"digest"_qs).toString();
    if (part.digest.isEmpty())
        throw Failure(makeError(where, 0, u"digest"_qs,
                                u"the part does not say which network it was computed on; "
                                "compute the shard again"_qs));
    part.project = object.value(u"project"_qs).toString();
    part.programVersion = written.toString();
    // The planner's part: what the file adds around it is checked and done with.
    object.remove(u"project"_qs);
    object.remove(QStringView(kProgramVersionKey));
    object.remove(QStringView(kChecksumKey));
    part.options = optionsFromJson(object.value(u"options"_qs).toObject());
    part.part = object;
    return part;
}

} // namespace

PartFile readPartFile(const QString &path)
{
    const QFileInfo info(path);
    if (info.isDir())
        throw Failure(makeError(path, 0, {}, u"a folder, not a part file; give the part files "
                                             "in it (folder/part-*.json)"_qs));
    // A device or a pipe is never a part (and /dev/zero would be read until memory runs out).
    if (info.exists() && !info.isFile())
        throw Failure(makeError(path, 0, {},
                                u"not a resilience part: not a regular file; give the part files "
                                "`nqi plan resilience --shard I/N -o FILE` wrote"_qs));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure(
            makeError(path, 0, {}, u"cannot read the part: %1"_qs.arg(file.errorString())));
    // A part is a JSON object: a file that does not begin with one is not read whole.
    char first = 0;
    while (file.getChar(&first) && (first == ' ' || first == '\n' || first == '\r' || first == '\t'))
        ;
    if (first != '{')
        throw Failure(makeError(path, 0, {},
                                u"not a resilience part: not JSON (it does not begin with {); give "
                                "the part files `nqi plan resilience --shard I/N -o FILE` wrote"_qs));
    file.seek(0);
    return readPart(file.readAll(), path, path);
}

void PartCheck::add(const PartFile &part)
{
    if (m_parts++ == 0) {
        m_path = part.path;
        m_digest = part.digest;
        m_count = part.count;
        m_options = part.options;
        m_optionsJson = part.part.value(u"options"_qs).toObject();
        m_project = part.part.value(u"project"_qs).toString();
    }
    if (part.digest != m_digest)
        throw Failure(makeError(
            part.path, 0, u"digest"_qs,
            u"computed on another network than %1 (the project was edited between the "
            "shards, or the parts come from two sweeps); compute every shard again on one "
            "project"_qs.arg(m_path)));
    if (part.count != m_count)
        throw Failure(makeError(part.path, 0, u"shard"_qs,
                                u"%1 is of a sweep cut into %2 shards, %3 is of one cut into "
                                "%4; give the parts of one sweep"_qs.arg(shardText(part))
                                    .arg(part.count)
                                    .arg(m_path)
                                    .arg(m_count)));
    if (storedOptions(part.options) != storedOptions(m_options) ||
        part.part.value(u"options"_qs) != m_optionsJson)
        throw Failure(makeError(
            part.path, 0, u"options"_qs,
            u"computed with other options (%1) than %2 (%3); give the parts of one sweep"_qs.arg(
                QString::fromUtf8(QJsonDocument(part.part.value(u"options"_qs).toObject())
                                      .toJson(QJsonDocument::Compact)),
                m_path,
                QString::fromUtf8(QJsonDocument(m_optionsJson).toJson(QJsonDocument::Compact)))));
    for (const int index : part.indexes) {
        const auto [it, added] = m_byIndex.emplace(index, part.path);
        if (!added)
            throw Failure(makeError(
                part.path, 0, u"shard"_qs,
                u"%1 is given twice (also %2); give each shard once"_qs.arg(
                    part.indexes.size() > 1 ? u"shard %1/%2"_qs.arg(index + 1).arg(part.count)
                                            : shardText(part),
                    it->second)));
    }
}

void PartCheck::finish(bool whole) const
{
    if (m_parts == 0)
        throw Failure(u"no part files given; give every part-I.json of the sweep"_qs);
    if (!whole)
        return;
    QStringList missing;
    for (int i = 0; i < m_count; ++i)
        if (!m_byIndex.count(i))
            missing << QString::number(i + 1);
    if (!missing.isEmpty()) {
        const QString list =
            missing.size() > 20
                ? (missing.mid(0, 20).join(u", "_qs) + u" and %1 more"_qs.arg(missing.size() - 20))
                : missing.join(u", "_qs);
        // The command that computes the first one, as the part files say it was run.
        QStringList words{u"nqi plan resilience"_qs,
                          m_project.isEmpty() ? u"PROJECT.gpkg"_qs : shellWord(m_project)};
        words << optionFlags(optionsFromJson(m_optionsJson));
        words << u"--shard"_qs << u"%1/%2"_qs.arg(missing.front()).arg(m_count) << u"--json"_qs
              << u"-o"_qs << u"part-%1.json"_qs.arg(missing.front());
        throw Failure(u"the sweep has %1 shards and %2 of them %3 missing: shard %4 of %1; "
                      "compute %5 (or find %6 part file%7) and merge again: `%8`%9"_qs
                          .arg(m_count)
                          .arg(missing.size())
                          .arg(missing.size() == 1 ? u"is"_qs : u"are"_qs)
                          .arg(list)
                          .arg(missing.size() == 1 ? u"it"_qs : u"them"_qs)
                          .arg(missing.size() == 1 ? u"its"_qs : u"their"_qs)
                          .arg(missing.size() == 1 ? QString() : u"s"_qs)
                          .arg(words.join(u' '))
                          .arg(missing.size() == 1 ? QString()
                                                   : u" (and the same with the others' numbers)"_qs));
    }
}

void checkParts(const std::vector<PartFile> &parts, bool whole)
{
    PartCheck check;
    for (const PartFile &part : parts)
        check.add(part);
    check.finish(whole);
}

PartFileMerge::PartFileMerge(const core::Network &network,
                             const QString &projectPath,
                             const resilience::Options &options)
    : m_digest(QString::fromLatin1(network.digest()))
    , m_projectPath(projectPath)
    , m_merge(network, options)
{
}

void PartFileMerge::add(const PartFile &part)
{
    check(part);
    m_merge.add(part.part);
}

void PartFileMerge::check(const PartFile &part)
{
    m_check.add(part);
    // The project's network must be the one the parts were computed on.
    if (part.digest != m_digest)
        throw Failure(makeError(
            m_projectPath, 0, {},
            u"the parts were computed on another network than this project holds now (%1 "
            "and the others name digest %2…, the project has %3…): the project was edited "
            "since, or it is another project; give the project the shards read, or compute "
            "them again"_qs.arg(part.path, part.digest.left(12), m_digest.left(12))));
}

QJsonObject PartFileMerge::result()
{
    m_check.finish(true);
    return m_merge.result();
}

QJsonObject PartFileMerge::combined()
{
    m_check.finish(false);
    return sealPart(m_merge.combined(), m_projectPath);
}

QJsonObject mergeParts(const core::Network &network,
                       const QString &projectPath,
                       const std::vector<PartFile> &parts)
{
    checkParts(parts);
    PartFileMerge merge(network, projectPath, parts.front().options);
    for (const PartFile &part : parts)
        merge.add(part);
    return merge.result();
}

QJsonObject combineParts(const core::Network &network,
                         const QString &projectPath,
                         const std::vector<PartFile> &parts)
{
    checkParts(parts, false);
    PartFileMerge merge(network, projectPath, parts.front().options);
    for (const PartFile &part : parts)
        merge.add(part);
    return merge.combined();
}

core::PlannerResult storedResult(const core::Network &network,
                                 const resilience::Options &options,
                                 const QJsonObject &result)
{
    const QJsonObject stored = storedOptions(options);
    core::PlannerResult out;
    out.planner = planners::resultKey(u"resilience"_qs, stored).toString();
    out.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    out.options = QString::fromUtf8(QJsonDocument(stored).toJson(QJsonDocument::Compact));
    out.inputDigest = network.digest();
    out.json = QJsonDocument(result).toJson(QJsonDocument::Compact);
    return out;
}

// ---- Slurm job folders ----------------------------------------------------------------------

SlurmJobFolder slurmJobFolder(const QString &dir)
{
    const QDir folder(QFileInfo(dir).absoluteFilePath());
    SlurmJobFolder paths;
    paths.dir = folder.absolutePath();
    paths.project = folder.filePath(u"project.gpkg"_qs);
    paths.manifest = folder.filePath(u"job.json"_qs);
    paths.shards = folder.filePath(u"shards.sbatch"_qs);
    paths.combine = folder.filePath(u"combine.sbatch"_qs);
    paths.merge = folder.filePath(u"merge.sbatch"_qs);
    paths.submit = folder.filePath(u"submit.sh"_qs);
    paths.readme = folder.filePath(u"README.md"_qs);
    paths.parts = folder.filePath(u"parts"_qs);
    paths.combined = folder.filePath(u"combined"_qs);
    paths.logs = folder.filePath(u"logs"_qs);
    paths.result = folder.filePath(u"result.json"_qs);
    return paths;
}

int combineTasks(const SlurmJob &job)
{
    if (job.partsPerMerge < 2 || job.tasks <= job.partsPerMerge)
        return 0;
    return (job.tasks + job.partsPerMerge - 1) / job.partsPerMerge;
}

SlurmJobFolder writeSlurmJob(const core::Network &network,
                             const QString &sourceName,
                             const SlurmJob &job,
                             const QString &dir)
{
    if (job.tasks < 1 || job.tasks > kMaxShards)
        throw Failure(u"--tasks %1: give 1 to %2 array tasks"_qs.arg(job.tasks).arg(kMaxShards));
    // Each goes on an #SBATCH line as it is.
    static const QRegularExpression partitionName(u"^[A-Za-z0-9_.,-]*$"_qs);
    static const QRegularExpression timeLimit(
        u"^([0-9]+(-[0-9]+)?(:[0-9]+){0,2}|infinite|INFINITE|unlimited|UNLIMITED)?$"_qs);
    if (!partitionName.match(job.partition).hasMatch())
        throw Failure(u"--partition \"%1\": a partition name is letters, digits and _ . , - "
                      "(`sinfo -s` lists them)"_qs.arg(core::excerpt(job.partition)));
    if (!timeLimit.match(job.time).hasMatch())
        throw Failure(u"--time \"%1\": give Slurm's time limit: MM, HH:MM:SS, D-HH:MM:SS or "
                      "UNLIMITED"_qs.arg(
            core::excerpt(job.time)));
    if (job.cpusPerTask < 1 || job.cpusPerTask > 4096)
        throw Failure(u"--cpus-per-task %1: give 1 to 4096"_qs.arg(job.cpusPerTask));
    if (job.partsPerMerge < 2 || job.partsPerMerge > SlurmJob::kMaxPartsPerMerge)
        throw Failure(u"--parts-per-merge %1: give 2 to %2 (the parts go on one command line)"_qs
                          .arg(job.partsPerMerge)
                          .arg(SlurmJob::kMaxPartsPerMerge));
    // The final merge reads every group's part (or every part) on one command line too.
    if (const int groups = combineTasks(job); groups > SlurmJob::kMaxPartsPerMerge)
        throw Failure(u"--tasks %1 in groups of %2 make %3 groups, more than one merge reads "
                      "(%4): give --parts-per-merge %5 or more"_qs.arg(job.tasks)
                          .arg(job.partsPerMerge)
                          .arg(groups)
                          .arg(SlurmJob::kMaxPartsPerMerge)
                          .arg((job.tasks + SlurmJob::kMaxPartsPerMerge - 1) /
                               SlurmJob::kMaxPartsPerMerge));
    const SlurmJobFolder paths = slurmJobFolder(dir);
    const QFileInfo info(paths.dir);
    if (info.exists() && !info.isDir())
        throw Failure(makeError(dir, 0, {}, u"not a folder; give a new folder for the job"_qs));
    // A folder that holds anything is taken only as an earlier job folder of NQI's own: its
    // job.json is a job manifest and it holds nothing NQI does not write there.
    const QStringList entries =
        info.exists() ? QDir(paths.dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                  QDir::Hidden | QDir::System)
                      : QStringList();
    if (!entries.isEmpty()) {
        QJsonParseError error;
        QFile manifestFile(paths.manifest);
        const QJsonObject manifest =
            manifestFile.open(QIODevice::ReadOnly)
                ? QJsonDocument::fromJson(manifestFile.read(1 << 20), &error).object()
                : QJsonObject();
        if (manifest.value(u"format"_qs).toString() != QStringView(kJobFormat))
            throw Failure(makeError(dir, 0, {},
                                    u"the folder holds files and is not an NQI Slurm job folder "
                                    "(no job.json of one): give a new or empty folder, so that "
                                    "nothing is replaced"_qs));
        QStringList ours;
        for (const QString &path :
             {paths.project, paths.manifest, paths.shards, paths.combine, paths.merge,
              paths.submit, paths.readme, paths.parts, paths.combined, paths.logs, paths.result})
            ours << QFileInfo(path).fileName();
        for (const QString &entry : entries)
            if (!ours.contains(entry))
                throw Failure(makeError(
                    QDir(paths.dir).filePath(entry), 0, {},
                    u"is not a file of an NQI Slurm job folder; give a new or empty folder, so "
                    "that nothing is replaced"_qs));
        // Only the same sweep is written again (its scripts, say with another partition or
        // merge in groups): another could already be queued on the cluster, reading this folder.
        const QJsonObject wanted = storedOptions(job.options);
        if (manifest.value(u"digest"_qs).toString().toLatin1() != network.digest() ||
            manifest.value(u"options"_qs).toObject() != wanted ||
            manifest.value(u"tasks"_qs).toInt() != job.tasks)
            throw Failure(makeError(
                dir, 0, {},
                u"holds another job (%1 tasks, options %2, written %3), which may be queued on "
                "the cluster: give a new folder, or remove this one first"_qs.arg(
                    QString::number(manifest.value(u"tasks"_qs).toInt()),
                    QString::fromUtf8(QJsonDocument(manifest.value(u"options"_qs).toObject())
                                          .toJson(QJsonDocument::Compact)),
                    manifest.value(u"createdUtc"_qs).toString())));
    }
    // An earlier job's parts and result would be merged with this one's: refused, not removed.
    if (QFileInfo::exists(paths.result) ||
        !QDir(paths.parts).isEmpty(QDir::Files | QDir::NoDotAndDotDot) ||
        !QDir(paths.combined).isEmpty(QDir::Files | QDir::NoDotAndDotDot))
        throw Failure(makeError(dir, 0, {},
                                u"holds the parts or result of an earlier job; give a new folder "
                                "(or remove parts/, combined/ and result.json first)"_qs));
    const int groups = combineTasks(job);
    // A folder that was new or empty holds only what this run writes: if the run fails (a full
    // disk), that goes, and the folder is as it was; an earlier job's folder keeps its job.json,
    // written last, and so stays a whole job folder.
    const bool folderExisted = info.exists();
    auto written = qScopeGuard([&] {
        if (!entries.isEmpty())
            return;
        if (!folderExisted) {
            QDir(paths.dir).removeRecursively();
            return;
        }
        QDir folder(paths.dir);
        for (const QString &entry : folder.entryList(QDir::AllEntries | QDir::NoDotAndDotDot |
                                                     QDir::Hidden | QDir::System)) {
            const QFileInfo each(folder.filePath(entry));
            if (each.isDir() && !each.isSymLink())
                QDir(each.filePath()).removeRecursively();
            else
                QFile::remove(each.filePath());
        }
    });
    // A two-level job of an earlier run leaves a combine.sbatch that submit.sh would not queue.
    if (groups == 0 && QFileInfo::exists(paths.combine) && !QFile::remove(paths.combine))
        throw Failure(makeError(paths.combine, 0, {}, u"cannot remove the earlier job's script"_qs));
    QStringList folders{paths.dir, paths.parts, paths.logs};
    if (groups > 0)
        folders << paths.combined;
    for (const QString &folder : folders)
        if (!QDir().mkpath(folder))
            throw Failure(makeError(folder, 0, {}, u"cannot make the folder"_qs));

    const resilience::Options &options = job.options;
    const QString digest = QString::fromLatin1(network.digest());
    const QString key = planners::resultKey(u"resilience"_qs, storedOptions(options)).toString();
    {
        // The copy holds no result of this run's kind until the merge stores one, so that
        // one found there is the job's.
        core::Network copy = network;
        copy.removePlannerResult(key);
        core::ProjectStore::save(copy, paths.project);
    }
    const QJsonObject manifest{
        {u"format"_qs, QString::fromUtf16(kJobFormat)},
        {u"version"_qs, kJobVersion},
        {u"planner"_qs, u"resilience"_qs},
        {u"resultKey"_qs, key},
        {u"options"_qs, storedOptions(options)},
        {u"digest"_qs, digest},
        {u"tasks"_qs, job.tasks},
        {u"mergeGroups"_qs, groups},
        {u"source"_qs, sourceName},
        {u"createdUtc"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
    };

    const QString flags = optionFlags(options).join(u' ');
    const QString program = shellWord(job.program.isEmpty() ? u"nqi"_qs : job.program);
    QString header;
    if (!job.partition.isEmpty())
        header += u"#SBATCH --partition=%1\n"_qs.arg(job.partition);
    if (!job.time.isEmpty())
        header += u"#SBATCH --time=%1\n"_qs.arg(job.time);

    const QString shards =
        u"#!/bin/bash\n"
        "# The resilience sweep of %1, cut into %2 shards: array task I computes shard I/%2\n"
        "# into parts/part-I.json. Submit with ./submit.sh (it also queues the merge).\n"
        "#SBATCH --job-name=nqi-resilience\n"
        "#SBATCH --array=1-%2\n"
        "#SBATCH --ntasks=1\n"
        "#SBATCH --cpus-per-task=%3\n"
        "#SBATCH --output=logs/shard-%a.out\n"
        "%4"
        "set -euo pipefail\n"
        "cd \"${SLURM_SUBMIT_DIR:-$(dirname \"$0\")}\"\n"
        "nqi=${NQI_PROGRAM:-%5}\n"
        "task=${SLURM_ARRAY_TASK_ID:?run this script through sbatch (submit.sh)}\n"
        "exec \"$nqi\" plan resilience project.gpkg %6%7--threads \"${SLURM_CPUS_PER_TASK:-%3}\" "
        "--shard \"$task/%2\" --json -o \"parts/part-$task.json\"\n"_qs.arg(
            oneLine(sourceName), QString::number(job.tasks), QString::number(job.cpusPerTask),
            header, program, flags, flags.isEmpty() ? QString() : u" "_qs);
    writeExecutable(paths.shards, shards.toUtf8());

    if (groups > 0) {
        const QString combine =
            u"#!/bin/bash\n"
            "# The first level of the merge: array task J merges parts (J-1)*%1+1 .. J*%1 of the\n"
            "# %2 into combined/combined-J.json (nqi merge --partial), once every shard succeeded.\n"
            "#SBATCH --job-name=nqi-resilience-combine\n"
            "#SBATCH --array=1-%3\n"
            "#SBATCH --ntasks=1\n"
            "#SBATCH --output=logs/combine-%a.out\n"
            "%4"
            "set -euo pipefail\n"
            "cd \"${SLURM_SUBMIT_DIR:-$(dirname \"$0\")}\"\n"
            "nqi=${NQI_PROGRAM:-%5}\n"
            "group=${SLURM_ARRAY_TASK_ID:?run this script through sbatch (submit.sh)}\n"
            "first=$(( (group - 1) * %1 + 1 ))\n"
            "last=$(( group * %1 < %2 ? group * %1 : %2 ))\n"
            "parts=()\n"
            "for ((i = first; i <= last; i++)); do parts+=(\"parts/part-$i.json\"); done\n"
            "exec \"$nqi\" merge --partial \"${parts[@]}\" --project project.gpkg "
            "-o \"combined/combined-$group.json\"\n"_qs.arg(
                QString::number(job.partsPerMerge), QString::number(job.tasks),
                QString::number(groups), header, program);
        writeExecutable(paths.combine, combine.toUtf8());
    }

    const QString merge =
        u"#!/bin/bash\n"
        "# Merges the %1 into result.json and stores the result in\n"
        "# project.gpkg (nqi merge --save), once every task before it succeeded.\n"
        "#SBATCH --job-name=nqi-resilience-merge\n"
        "#SBATCH --ntasks=1\n"
        "#SBATCH --output=logs/merge.out\n"
        "%2"
        "set -euo pipefail\n"
        "cd \"${SLURM_SUBMIT_DIR:-$(dirname \"$0\")}\"\n"
        "nqi=${NQI_PROGRAM:-%3}\n"
        "exec \"$nqi\" merge %4 --save project.gpkg -o result.json\n"_qs.arg(
            groups > 0 ? u"%1 groups' combined parts (of %2 shards)"_qs.arg(groups).arg(job.tasks)
                       : u"%1 parts"_qs.arg(job.tasks),
            header, program,
            groups > 0 ? u"combined/combined-*.json"_qs : u"parts/part-*.json"_qs);
    writeExecutable(paths.merge, merge.toUtf8());

    const QString submit =
        groups > 0
            ? u"#!/bin/bash\n"
              "# Queues the sweep (an array of %1 tasks), the first level of its merge (an array of\n"
              "# %2 tasks, once every shard succeeded) and the final merge (once every group is\n"
              "# merged). Prints the three job ids: array combine merge.\n"
              "set -euo pipefail\n"
              "cd \"$(dirname \"$0\")\"\n"
              "array=$(sbatch --parsable shards.sbatch)\n"
              "array=${array%%;*}\n"
              "combine=$(sbatch --parsable --dependency=afterok:\"$array\" "
              "--kill-on-invalid-dep=yes combine.sbatch)\n"
              "combine=${combine%%;*}\n"
              "merge=$(sbatch --parsable --dependency=afterok:\"$combine\" "
              "--kill-on-invalid-dep=yes merge.sbatch)\n"
              "echo \"$array $combine ${merge%%;*}\"\n"_qs.arg(job.tasks)
                  .arg(groups)
            : u"#!/bin/bash\n"
              "# Queues the sweep (an array of %1 tasks) and its merge, which starts once every "
              "task\n"
              "# succeeded (afterok). Prints the two job ids: array merge.\n"
              "set -euo pipefail\n"
              "cd \"$(dirname \"$0\")\"\n"
              "array=$(sbatch --parsable shards.sbatch)\n"
              "array=${array%%;*}\n"
              "merge=$(sbatch --parsable --dependency=afterok:\"$array\" --kill-on-invalid-dep=yes "
              "merge.sbatch)\n"
              "echo \"$array ${merge%%;*}\"\n"_qs.arg(job.tasks);
    writeExecutable(paths.submit, submit.toUtf8());

    const QString levels =
        groups > 0
            ? u" The merge runs in two levels: an array of %1 tasks merges the parts in groups of "
              "%2 (`nqi merge --partial`, each group on its own node), then one task merges the "
              "groups' parts, so that no task reads more than %2 parts."_qs.arg(groups).arg(
                  job.partsPerMerge)
            : QString();
    const QString mergeRows =
        groups > 0
            ? u"| `combine.sbatch` | the first level of the merge, an array job: task J runs `nqi "
              "merge --partial` over parts (J-1)x%1+1 to Jx%1 into `combined/combined-J.json` |\n"
              "| `merge.sbatch` | `nqi merge combined/combined-*.json --save project.gpkg -o "
              "result.json` |\n"
              "| `submit.sh` | queues the three (each with `--dependency=afterok` on the one "
              "before) |\n"
              "| `parts/`, `combined/`, `logs/` | one part and one log per task "
              "(`logs/shard-I.out`, `logs/combine-J.out`, `logs/merge.out`) |\n"_qs.arg(
                  job.partsPerMerge)
            : u"| `merge.sbatch` | `nqi merge parts/part-*.json --save project.gpkg -o result.json` "
              "|\n"
              "| `submit.sh` | queues both (the merge with `--dependency=afterok`) |\n"
              "| `parts/`, `logs/` | one part and one log per task; `logs/merge.out` |\n"_qs;
    const QString combineFailed =
        groups > 0 ? u" A group's merge that failed: read `logs/combine-J.out`, then "
                     "`group=$(sbatch --parsable --array=J combine.sbatch)` and `sbatch "
                     "--dependency=afterok:$group merge.sbatch`."_qs
                   : QString();
    const QString readme =
        u"# Resilience sweep of %1 on a Slurm cluster\n"
        "\n"
        "Written by NQI Workbench (`nqi slurm`). The sweep (%2) is cut into %3 shards, one per "
        "array task; a merge job, queued to start once every task succeeded, merges the parts "
        "and stores the result in `project.gpkg` exactly as one run on one machine would.%6\n"
        "\n"
        "| file | what |\n"
        "|---|---|\n"
        "| `project.gpkg` | a copy of the project: the tasks read it, the merge stores into it |\n"
        "| `job.json` | the network's digest, the options, the number of shards |\n"
        "| `shards.sbatch` | the array job: task I runs `nqi plan resilience project.gpkg "
        "%4--threads C --shard I/%3 --json -o parts/part-I.json` (C: the task's CPUs) |\n"
        "%7"
        "\n"
        "Copy the folder to a file system the compute nodes share, then from inside it:\n"
        "\n"
        "```sh\n"
        "./submit.sh                 # prints the job ids\n"
        "squeue -u \"$USER\"           # watch them; ls parts/ shows the finished shards\n"
        "```\n"
        "\n"
        "The scripts run `%5`; set `NQI_PROGRAM=/path/to/nqi` when submitting to run another "
        "one (every node needs it). `nqi slurm ... --submit` writes, submits and waits in one "
        "step.\n"
        "\n"
        "A task that failed leaves its part missing and the merge never starts (Slurm cancels "
        "it): read `logs/shard-I.out`, then run the one shard again and the merge after it:\n"
        "\n"
        "```sh\n"
        "shard=$(sbatch --parsable --array=I shards.sbatch)\n"
        "sbatch --dependency=afterok:$shard merge.sbatch\n"
        "```\n"
        "%8%9\n"
        "\n"
        "`--time`, when given, limits the merge jobs too: a merge of many parts can take longer "
        "than a shard (docs/scale-out.md measures it), so give a limit that fits both, or none.\n"
        "\n"
        "Back in the workbench, *Plan > Import Cluster Result…* on `result.json` stores the "
        "result in the open project, refused when the project was edited since this folder "
        "was written. Or open `project.gpkg`, which holds it already.\n"_qs.arg(
            oneLine(sourceName),
            options.linkPairs ? u"every single failure and every pair of links, N-2"_qs
                              : u"every single failure, N-1"_qs,
            QString::number(job.tasks), flags.isEmpty() ? QString() : flags + u' ', program,
            levels, mergeRows,
            groups > 0 ? u"\nIn two levels Slurm cancelled the group merges too: queue them after "
                         "the shard and the merge after them instead of the last line, "
                         "`groups=$(sbatch --parsable --dependency=afterok:$shard "
                         "combine.sbatch)` then `sbatch --dependency=afterok:$groups "
                         "merge.sbatch`."_qs
                       : QString(),
            combineFailed);
    writeFile(paths.readme, readme.toUtf8());
    // Last: a folder with a job.json is a whole job folder (a later nqi slurm takes it as one).
    writeFile(paths.manifest, QJsonDocument(manifest).toJson(QJsonDocument::Indented));
    written.dismiss();
    return paths;
}

core::PlannerResult readJobResult(const QString &resultPath, const core::Network &network)
{
    const QFileInfo info(resultPath);
    const QString manifestPath = info.absoluteDir().filePath(u"job.json"_qs);
    QFile manifestFile(manifestPath);
    if (!manifestFile.open(QIODevice::ReadOnly))
        throw Failure(makeError(
            resultPath, 0, {},
            u"no job.json beside it, which says the network the result was computed on; "
            "import the result.json of a job folder (Plan > Export Sweep as Slurm Job…, nqi "
            "slurm) or store the result with `nqi merge ... --save PROJECT`"_qs));
    const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    if (manifest.value(u"format"_qs).toString() != QStringView(kJobFormat) ||
        manifest.value(u"version"_qs).toInt() != kJobVersion)
        throw Failure(makeError(manifestPath, 0, {},
                                u"not a job.json of an NQI Slurm job folder (version 1)"_qs));
    const QString digest = manifest.value(u"digest"_qs).toString();
    if (digest.toLatin1() != network.digest())
        throw Failure(makeError(
            resultPath, 0, {},
            u"computed on the network as it was when the job folder was written; the project "
            "was edited since (or is another project), so its figures would be stale. Export "
            "the job again and run it, or open the job's project.gpkg"_qs));
    QFile file(resultPath);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure(
            makeError(resultPath, 0, {}, u"cannot read the result: %1"_qs.arg(file.errorString())));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw Failure(makeError(
            resultPath, 0, {},
            u"not a resilience result (not a JSON object%1); it is written "
            "by the merge job: check logs/merge.out"_qs.arg(error.error != QJsonParseError::NoError
                                                                ? u": "_qs + error.errorString()
                                                                : QString())));
    const QJsonObject result = document.object();
    if (result.value(u"format"_qs).toString() == QStringView(kPartFormat))
        throw Failure(makeError(resultPath, 0, {},
                                u"a part of the sweep, not its merged result; import "
                                "result.json once the merge job finished"_qs));
    const resilience::Options options = optionsFromJson(manifest.value(u"options"_qs).toObject());
    // The result says which run made it; it must be this job's: its options, its network.
    const QJsonObject run = result.value(u"run"_qs).toObject();
    if (run.value(u"planner"_qs).toString() != u"resilience"_qs)
        throw Failure(makeError(
            resultPath, 0, {},
            u"does not say which run made it (no \"run\" with planner \"resilience\"; results "
            "written before 2026-12-07 do not): merge the job's parts again with this nqi, "
            "`nqi merge parts/part-*.json -o result.json`, then import it"_qs));
    const resilience::Options made = optionsFromJson(run.value(u"options"_qs).toObject());
    const auto describe = [](const resilience::Options &o) {
        return u"%1, --top %2, --per-hop-ms %3"_qs.arg(o.linkPairs ? u"N-2"_qs : u"N-1"_qs)
            .arg(o.topK)
            .arg(o.perHopLatencyMs);
    };
    if (made.linkPairs != options.linkPairs || made.topK != options.topK ||
        made.perHopLatencyMs != options.perHopLatencyMs)
        throw Failure(makeError(
            resultPath, 0, {},
            u"made with other options (%1) than the job folder's (%2), so it is not this job's "
            "result: import the result.json the job's merge wrote, or run the job again"_qs.arg(
                describe(made), describe(options))));
    if (run.value(u"digest"_qs).toString() != digest)
        throw Failure(makeError(
            resultPath, 0, {},
            u"computed on another network than the job folder's project (digest %1, the job's "
            "%2), so it is not this job's result: import the result.json the job's merge wrote, "
            "or run the job again"_qs.arg(run.value(u"digest"_qs).toString(), digest)));
    core::PlannerResult stored = storedResult(network, options, result);
    // Made when the merge wrote the file, not now.
    if (const QDateTime written = QFileInfo(resultPath).lastModified(); written.isValid())
        stored.createdUtc = written.toUTC().toString(Qt::ISODate);
    const QString problem = planners::readStoredResult(network, stored).problem;
    if (!problem.isEmpty())
        throw Failure(makeError(resultPath, 0, {}, u"not a resilience result: %1"_qs.arg(problem)));
    return stored;
}

} // namespace nqi::scaleout
