// `nqi merge`: the parts of a sharded resilience sweep into the one result a single run gives.
#include "scaleoutcli.h"

#include "core/io/outputfile.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "scaleout.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <functional>

namespace nqi::cli {

using core::Failure;

int runMerge(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Merge the part files of a resilience sweep cut into shards (`nqi plan resilience "
        "--shard I/N`, `nqi slurm`) into the result one run gives, byte for byte. Every shard "
        "must be there once, of one network and one set of options, as this version of nqi "
        "wrote it (a part edited or damaged since does not match its checksum). The project "
        "the parts were computed on is --save's or --project's, else the one the parts name "
        "(the path they were computed from); its network must be the one the parts read (a "
        "project edited since is refused: the result would be stale). With --partial, some of "
        "the parts are combined into one part file covering their shards, for a merge in two "
        "levels: each node of a cluster merges its own parts, then one merge takes the nodes' "
        "parts."_qs);
    parser.addPositionalArgument(u"parts"_qs, u"The part files (part-1.json ... part-N.json)."_qs,
                                 u"PART.json..."_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs},
                                    u"Write the merged result (JSON) to FILE."_qs, u"FILE"_qs);
    const QCommandLineOption save(u"save"_qs,
                                  u"Store the result in PROJECT as `nqi plan resilience --save` "
                                  "does (same key and options), atomically."_qs,
                                  u"PROJECT.gpkg"_qs);
    const QCommandLineOption project(u"project"_qs,
                                     u"The project the parts were computed on (default: the one "
                                     "they name)."_qs,
                                     u"PROJECT.gpkg"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the merged result as JSON."_qs);
    const QCommandLineOption partial(
        u"partial"_qs,
        u"Combine the parts given (each shard at most once, not necessarily all) into one part "
        "file (-o), which nqi merge takes like any part."_qs);
    const QCommandLineOption wait = waitOption();
    parser.addOptions({output, save, project, json, partial, wait});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(streams, parser, command, u"give the part files to merge"_qs);
    if (parser.isSet(partial) && (parser.isSet(save) || parser.isSet(json)))
        return usageError(streams, parser, command,
                          u"--partial writes a part file (-o), not a result: --save and --json "
                          "apply to the final merge"_qs);
    if (parser.isSet(partial) && parser.value(output).isEmpty())
        return usageError(streams, parser, command,
                          u"--partial needs -o FILE for the combined part"_qs);
    if (parser.isSet(save) && parser.isSet(project) &&
        QFileInfo(parser.value(save)).absoluteFilePath() !=
            QFileInfo(parser.value(project)).absoluteFilePath())
        return usageError(streams, parser, command,
                          u"--save and --project name two projects; the result is stored in "
                          "the project it was computed on: give one of them"_qs);
    try {
        // An input is never an output: not a part (also through a link to it), nor the project.
        if (!parser.value(output).isEmpty())
            core::refuseOutputThatIsInput(parser.value(output), files, u"-o"_qs);
        // Parts are read, checked and folded one at a time, so that a merge of many parts
        // holds one in memory; the first says which project they were computed on.
        scaleout::PartFile first = scaleout::readPartFile(files.front());
        const bool named = parser.isSet(save) || parser.isSet(project);
        QString path = parser.isSet(save) ? parser.value(save) : parser.value(project);
        if (!named) {
            path = first.project;
            if (path.isEmpty())
                throw Failure(core::makeError(first.path, 0, {},
                                              u"the part does not name its project; give it "
                                              "with --project PROJECT.gpkg"_qs));
        }
        auto sameProject = [&](const scaleout::PartFile &part) {
            if (!named && part.project != path)
                throw Failure(core::makeError(
                    part.path, 0, u"project"_qs,
                    u"computed from %1, %2 from %3; give the project with --project"_qs.arg(
                        part.project, first.path, path)));
        };
        if (!named && !QFileInfo::exists(path))
            throw Failure(core::makeError(
                first.path, 0, u"project"_qs,
                u"the parts were computed from %1, which is not there (any more): give the "
                "project with --project PROJECT.gpkg"_qs.arg(path)));

        if (!parser.value(output).isEmpty())
            core::refuseOutputThatIsInput(parser.value(output), {path}, u"-o"_qs);
        // With --save the project is locked from reading to storing, as nqi plan --save does.
        std::unique_ptr<core::ProjectLock> lock;
        if (parser.isSet(save))
            lock = lockProject(path, parser, command, streams);
        core::FileStamp stamp;
        const core::Network network = core::ProjectStore::load(path, stamp);
        const planners::resilience::Options options = first.options;
        scaleout::PartFileMerge merge(network, path, options);
        merge.add(first);
        first.part = {}; // its content is folded
        qsizetype shards = qsizetype(first.indexes.size());
        const int shardCount = first.count;
        for (qsizetype i = 1; i < files.size(); ++i) {
            const scaleout::PartFile part = scaleout::readPartFile(files[i]);
            merge.add(part);
            sameProject(part);
            shards += qsizetype(part.indexes.size());
        }
        if (parser.isSet(partial)) {
            const QJsonObject combined = merge.combined();
            core::OutputFile file(parser.value(output));
            file.writeAll(QJsonDocument(combined).toJson(QJsonDocument::Compact));
            file.commit();
            streams.out << u"Combined %1 parts (%2 of %3 shards) into %4\n"_qs.arg(files.size())
                               .arg(shards)
                               .arg(shardCount)
                               .arg(parser.value(output));
            return Success;
        }
        const QJsonObject result = merge.result();
        planners::checkFigures(*planners::plannerDescriptor(u"resilience"_qs), result);
        const core::PlannerResult stored = scaleout::storedResult(network, options, result);
        // A failed output stores nothing, a failed save leaves no output.
        const QByteArray bytes = QJsonDocument(result).toJson(QJsonDocument::Indented);
        std::function<void()> store;
        if (parser.isSet(save))
            store = [&]() {
                core::Network updated = network;
                updated.setPlannerResult(stored);
                core::ProjectStore::save(updated, path, stamp);
            };
        writeThenSave(parser.value(output), bytes, store);
        if (parser.isSet(json)) {
            streams.out << QString::fromUtf8(bytes);
        } else {
            streams.out << (files.size() == shards
                                ? (shards == 1 ? u"Merged 1 shard"_qs
                                               : u"Merged %1 shards"_qs.arg(shards))
                                : u"Merged %1 (%2 shards)"_qs
                                      .arg(files.size() == 1 ? u"1 part"_qs
                                                             : u"%1 parts"_qs.arg(files.size()))
                                      .arg(shards))
                        << u" of %1 (%2): %3 scenarios"_qs
                               .arg(path, planners::configurationTitle(
                                              planners::ResultKey::parse(stored.planner)))
                               .arg(result.value(u"scenarios"_qs).toInteger());
            if (parser.isSet(output))
                streams.out << u", written to "_qs << parser.value(output);
            if (parser.isSet(save))
                streams.out << u", stored in the project as \""_qs << stored.planner << u'"';
            streams.out << u'\n';
        }
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

} // namespace nqi::cli
