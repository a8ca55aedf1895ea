// `nqi plan resilience` beyond one run on one machine: one shard of the sweep (--shard I/N),
// every MPI rank a shard with rank 0 merging (--mpi), and the result written to a file (-o).
#include "scaleoutcli.h"

#include "core/io/outputfile.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"
#include "scaleout.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <optional>
#include <thread>

namespace nqi::cli {
namespace {

using core::Failure;

// Writes JSON to the file (atomically) or, without one, to standard output.
void writeJson(Streams streams, const QString &path, const QJsonObject &object, bool compact)
{
    const QByteArray bytes =
        QJsonDocument(object).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (path.isEmpty() || path == u"-") {
        streams.out << QString::fromUtf8(bytes);
        return;
    }
    core::OutputFile file(path);
    file.writeAll(bytes);
    file.commit();
}

// The whole result, written to the file (or printed once stored) and stored by save.
void writeAndSave(Streams streams,
                  const QString &path,
                  const QJsonObject &result,
                  const std::function<void()> &save)
{
    const QByteArray bytes = QJsonDocument(result).toJson(QJsonDocument::Indented);
    const bool toFile = !path.isEmpty() && path != u"-";
    writeThenSave(toFile ? path : QString(), bytes, save);
    if (!toFile)
        streams.out << QString::fromUtf8(bytes);
}

void saveResult(const QString &path,
                const core::Network &network,
                const planners::resilience::Options &options,
                const QJsonObject &result,
                core::FileStamp &stamp)
{
    core::Network updated = network;
    updated.setPlannerResult(scaleout::storedResult(network, options, result));
    core::ProjectStore::save(updated, path, stamp);
}

// The MPI module (mpiplugin.c), loaded only for --mpi so that nqi needs no MPI otherwise.
class MpiLibrary
{
public:
    bool load(QString &problem)
    {
        QStringList candidates;
        const QString given = qEnvironmentVariable("NQI_MPI_PLUGIN");
        if (!given.isEmpty())
            candidates << given;
        candidates << QDir(QCoreApplication::applicationDirPath())
                          .absoluteFilePath(QStringLiteral(NQI_MPI_PLUGIN_RELATIVE));
        QStringList tried;
        for (const QString &path : candidates) {
            // Global: Open MPI's own components resolve libmpi's symbols when they load.
            m_handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_GLOBAL);
            if (m_handle)
                break;
            tried << u"%1 (%2)"_qs.arg(path, QString::fromLocal8Bit(dlerror()));
        }
        if (!m_handle) {
            problem = u"--mpi needs the MPI module of nqi, which was not found or did not load: "
                      "%1. Install the nqi-mpi package (it brings Open MPI), or build nqi with "
                      "MPI (libopenmpi-dev) and run it from its build folder"_qs.arg(
                          tried.join(u"; "_qs));
            return false;
        }
        bool ok = symbol("nqi_mpi_init", m_init) && symbol("nqi_mpi_send", m_send) &&
                  symbol("nqi_mpi_receive_count", m_receiveCount) &&
                  symbol("nqi_mpi_receive", m_receive) && symbol("nqi_mpi_finalize", m_finalize) &&
                  symbol("nqi_mpi_abort", m_abort) && symbol("nqi_mpi_broadcast", m_broadcast) &&
                  symbol("nqi_mpi_error", m_error) && symbol("nqi_mpi_library", m_library);
        if (!ok)
            problem = u"the MPI module of nqi is of another version than nqi: %1"_qs.arg(
                QString::fromLocal8Bit(dlerror()));
        return ok;
    }

    QString error() const { return QString::fromLocal8Bit(m_error()); }
    QString library() const { return QString::fromLocal8Bit(m_library()); }
    int init(int &rank, int &size, int &localSize) { return m_init(&rank, &size, &localSize); }
    /// To rank 0: the byte count, then the bytes in pieces of at most piece bytes.
    int send(const QByteArray &bytes, int piece)
    {
        return m_send(bytes.constData(), bytes.size(), piece);
    }
    /// On rank 0: the byte count rank source sends next and the size of its pieces, then its
    /// bytes.
    int receiveCount(int source, qint64 &count, int &piece)
    {
        long long received = 0;
        const int code = m_receiveCount(source, &received, &piece);
        count = received;
        return code;
    }
    int receive(int source, QByteArray &bytes, int piece)
    {
        return m_receive(source, bytes.data(), bytes.size(), piece);
    }
    /// Every rank gets rank 0's value.
    int broadcast(int &value) { return m_broadcast(&value); }
    int finalize() { return m_finalize(); }
    /// Ends every rank of the job (MPI_Abort): after an MPI error, ranks would wait forever.
    [[noreturn]] void abort(int code)
    {
        m_abort(code);
        std::_Exit(code); // MPI_Abort does not return; if it did, this rank still ends
    }

private:
    template <typename Function>
    bool symbol(const char *name, Function &function)
    {
        function = reinterpret_cast<Function>(dlsym(m_handle, name));
        return function != nullptr;
    }

    void *m_handle = nullptr; // kept loaded until exit: MPI may run handlers at exit
    int (*m_init)(int *, int *, int *) = nullptr;
    int (*m_send)(const char *, long long, int) = nullptr;
    int (*m_receiveCount)(int, long long *, int *) = nullptr;
    void (*m_abort)(int) = nullptr;
    int (*m_broadcast)(int *) = nullptr;
    int (*m_receive)(int, char *, long long, int) = nullptr;
    int (*m_finalize)() = nullptr;
    const char *(*m_error)() = nullptr;
    const char *(*m_library)() = nullptr;
};

// -o before the sweep, not after it: the project is an input, never the output (also through a
// link to it), and an output that cannot be written (a folder, a read-only file, a missing
// folder) is refused. Throws Failure.
void checkOutput(const ResilienceScaleOut &run)
{
    if (run.output.isEmpty() || run.output == u"-")
        return;
    core::refuseOutputThatIsInput(run.output, {run.project}, u"-o"_qs);
    (void)core::ReplacementTarget(run.output);
}

constexpr auto kRankFailure = u"nqi-mpi-rank-failure";

/// What a rank that has no part sends instead: why (compact JSON, keys in order, so that it
/// begins with kFailurePrefix and is told from a part without parsing a part's megabytes).
QByteArray rankFailure(const QString &message)
{
    return QJsonDocument(QJsonObject{{u"format"_qs, QString::fromUtf16(kRankFailure)},
                                     {u"message"_qs, message}})
        .toJson(QJsonDocument::Compact);
}
constexpr char kFailurePrefix[] = "{\"format\":\"nqi-mpi-rank-failure\"";

/// The largest piece of a part in one MPI message (MPI counts are int). NQI_MPI_PIECE_BYTES
/// makes it smaller (the test sends parts in many pieces with it).
int mpiPiece()
{
    bool ok = false;
    const qint64 given = qEnvironmentVariable("NQI_MPI_PIECE_BYTES").toLongLong(&ok);
    return ok && given > 0 && given < (qint64(1) << 30) ? int(given) : 1 << 30;
}

int runMpi(const ResilienceScaleOut &run, const QCommandLineParser &parser, Streams streams)
{
    MpiLibrary mpi;
    QString problem;
    if (!mpi.load(problem)) {
        printError(streams, Failure(problem));
        return Failed;
    }
    int rank = 0, size = 1, localSize = 1;
    if (mpi.init(rank, size, localSize) != 0) {
        printError(streams, Failure(u"MPI did not start: %1 (run nqi under mpirun or srun)"_qs.arg(
                                mpi.error())));
        return Failed;
    }
    planners::resilience::Options options = run.options;
    // Ranks on one node share its cores unless --threads says otherwise.
    if (!run.threadsGiven)
        options.workers =
            std::max(1, int(std::thread::hardware_concurrency()) / std::max(1, localSize));

    // An MPI error in the exchange leaves the other ranks waiting for this one: say it, then
    // end the whole job.
    auto abortJob = [&]() {
        printError(streams, Failure(u"rank %1: %2; the job is ended"_qs.arg(rank).arg(mpi.error())));
        streams.err.flush();
        streams.out.flush();
        mpi.abort(1);
    };

    // Before anyone computes, rank 0 (the only one that writes) checks -o, takes the lock for
    // --save and reads the project, and tells every rank whether to go on: a job that cannot
    // deliver its result ends at once, with rank 0 saying why. (Every rank starts and ends MPI
    // either way: a rank that ends without it leaves mpirun waiting.)
    std::unique_ptr<core::ProjectLock> lock;
    core::FileStamp stamp;
    core::Network network;
    int go = 1;
    if (rank == 0) {
        try {
            checkOutput(run);
            if (run.save)
                lock = lockProject(run.project, parser, u"nqi plan resilience"_qs, streams);
            network = core::ProjectStore::load(run.project, stamp);
        } catch (const Failure &failure) {
            printError(streams, failure);
            go = 0;
        } catch (const std::exception &error) {
            printError(streams, Failure(QString::fromLocal8Bit(error.what())));
            go = 0;
        }
    }
    if (mpi.broadcast(go) != 0)
        abortJob();
    if (!go) {
        streams.err.flush();
        mpi.finalize();
        return rank == 0 ? Failed : Success; // rank 0 said why; the others end well (see below)
    }

    // Every rank sends something, its part or why it has none, so no rank waits forever.
    QByteArray bytes;
    try {
        if (rank != 0)
            network = core::ProjectStore::load(run.project, stamp);
        planners::Progress progress;
        bytes =
            QJsonDocument(scaleout::runShard(network, run.project, options, rank, size, progress))
                .toJson(QJsonDocument::Compact);
    } catch (const std::exception &error) {
        const QString message = dynamic_cast<const Failure *>(&error)
                                    ? static_cast<const Failure &>(error).diagnostic().toString()
                                    : QString::fromLocal8Bit(error.what());
        bytes = rankFailure(message);
    }

    if (rank != 0) {
        if (mpi.send(bytes, mpiPiece()) != 0)
            abortJob();
        mpi.finalize();
        // A rank that handed over why it has no part ends well: rank 0 names it and exits 1.
        // (Ending with 1 here would let mpirun end rank 0 before its message is out.)
        return Success;
    }

    // Rank 0 folds its own part, then each other rank's as it arrives, in rank order: it holds
    // one part at a time. After a failure it still takes every rank's bytes (a rank waits
    // until its part is taken) and checks each, so that every failed rank and every part that
    // is damaged or of another network is named, and merges nothing.
    int code = Success;
    try {
        std::optional<scaleout::PartFileMerge> merge;
        QStringList failures;
        int failedRanks = 0;
        int refusedParts = 0;
        auto take = [&](int r, const QByteArray &part) {
            const QString shard = u"rank %1 (shard %2/%3)"_qs.arg(r).arg(r + 1).arg(size);
            if (part.startsWith(kFailurePrefix)) {
                ++failedRanks;
                failures << u"%1: %2"_qs.arg(shard, QJsonDocument::fromJson(part)
                                                        .object()
                                                        .value(u"message"_qs)
                                                        .toString());
                return;
            }
            try {
                scaleout::PartFile file = scaleout::readPartBytes(part, u"rank %1's part"_qs.arg(r));
                // Rank 0's own part sets the network and options the others are checked
                // against; without it, a part is only checked on its own.
                if (r == 0)
                    merge.emplace(network, run.project, file.options);
                if (merge && failures.isEmpty())
                    merge->add(file);
                else if (merge)
                    merge->check(file);
            } catch (const Failure &failure) {
                // The rank computed, but its part cannot be merged (damaged, another network,
                // other options).
                ++refusedParts;
                failures << u"%1: %2"_qs.arg(shard, failure.diagnostic().toString());
            }
        };
        take(0, bytes);
        bytes = QByteArray();
        for (int r = 1; r < size; ++r) {
            qint64 count = 0;
            int piece = 0;
            if (mpi.receiveCount(r, count, piece) != 0)
                abortJob();
            QByteArray part(qsizetype(count), Qt::Uninitialized);
            if (mpi.receive(r, part, piece) != 0)
                abortJob();
            take(r, part);
        }
        if (!failures.isEmpty()) {
            // A rank that failed and one whose part was refused (it computed) are told apart.
            QStringList what;
            if (failedRanks > 0)
                what << u"%1 of %2 ranks failed"_qs.arg(failedRanks).arg(size);
            if (refusedParts > 0)
                what << (refusedParts == 1 ? u"1 part was refused"_qs
                                           : u"%1 parts were refused"_qs.arg(refusedParts));
            if (failedRanks == 0)
                what.last() += u" (of %1)"_qs.arg(size);
            throw Failure(u"%1; nothing was merged:\n  %2"_qs.arg(what.join(u" and "_qs),
                                                                 failures.join(u"\n  "_qs)));
        }
        const QJsonObject result = merge->result();
        planners::checkFigures(*planners::plannerDescriptor(u"resilience"_qs), result);
        writeAndSave(streams, run.output, result, [&]() {
            if (run.save)
                saveResult(run.project, network, options, result, stamp);
        });
    } catch (const Failure &failure) {
        printError(streams, failure);
        code = Failed;
    }
    // Out before MPI_Finalize: once every rank is past it, mpirun may end this process.
    streams.out.flush();
    streams.err.flush();
    mpi.finalize();
    return code;
}

} // namespace

void writeThenSave(const QString &path, const QByteArray &bytes, const std::function<void()> &save)
{
    std::optional<core::OutputFile> file;
    if (!path.isEmpty()) {
        file.emplace(path);
        file->writeAll(bytes);
        file->sync();
    }
    if (save)
        save();
    if (file)
        file->commit();
}

int runResilienceScaleOut(const ResilienceScaleOut &run,
                          const QCommandLineParser &parser,
                          Streams streams)
{
    // Under MPI, rank 0 alone checks -o, once MPI has started (runMpi).
    if (run.mpi)
        return runMpi(run, parser, streams);
    try {
        checkOutput(run);
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
    try {
        if (!run.shard.isEmpty()) {
            int index = 0, count = 1;
            QString problem;
            if (!scaleout::parseShard(run.shard, index, count, problem))
                throw Failure(u"--shard: "_qs + problem);
            const core::Network network = core::ProjectStore::load(run.project);
            planners::Progress progress;
            writeJson(streams, run.output,
                      scaleout::runShard(network, run.project, run.options, index, count, progress),
                      !run.output.isEmpty());
            return Success;
        }
        // The whole sweep into a file (-o), stored with --save as nqi plan does.
        std::unique_ptr<core::ProjectLock> lock;
        if (run.save)
            lock = lockProject(run.project, parser, u"nqi plan resilience"_qs, streams);
        core::FileStamp stamp;
        const core::Network network = core::ProjectStore::load(run.project, stamp);
        planners::Progress progress;
        const QJsonObject result = planners::resilience::toJson(
            network, planners::resilience::run(network, run.options, progress));
        planners::checkFigures(*planners::plannerDescriptor(u"resilience"_qs), result);
        writeAndSave(streams, run.output, result, [&]() {
            if (run.save)
                saveResult(run.project, network, run.options, result, stamp);
        });
        return Success;
    } catch (const Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

} // namespace nqi::cli
