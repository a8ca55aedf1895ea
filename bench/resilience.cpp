// Full resilience (every link, site and SRLG failure) on (a) Topology Zoo Kdl with a demand
// between every pair of sites and (b) a synthetic network. Prints one JSON line with the time
// and peak memory, and cpuSeconds, the CPU time of every thread during the run (on a shared
// machine it compares where wall time does not); --dump writes the network in the JSON the peers
// read (resilience_peers.py).
// Usage: nqi_bench_resilience kdl [--dump FILE] [--threads N] [--n2] [--shards N] [--digest]
//        nqi_bench_resilience synthetic SITES LINKS DEMANDS [--threads N] [--n2] [--shards N]
//        [--digest]
// --n2 adds every pair of links; --shard I/N runs only part I of N (runPart), to time a share
// of a sweep too long to run whole here; --shards N runs the N parts of a split one after the other
// (runPart) and merges them (mergeParts), timing each, and checks the merged JSON against a
// single run's. --digest adds the SHA-256 of the result's JSON (outside the timing), so that a
// change meant to keep every figure to the last bit can be checked to; --result FILE writes that
// JSON (with --shard, the part's JSON), so that two builds' figures can be compared number by
// number (bench/compare_results.py).

#include "planners/resilience/resilience.h"
#include "core/io/importer.h"
#include "core/model/physics.h"
#include "synthetic.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <sys/resource.h>
#include <time.h>

using namespace nqi;

namespace {

/// CPU time of every thread of the process so far.
double cpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

void dump(const core::Network &network, const QString &path)
{
    QJsonArray sites, links, demands;
    for (const core::Site &site : network.sites())
        sites.append(QJsonObject{{u"id"_qs, site.id}, {u"code"_qs, site.code}});
    for (const core::Link &link : network.links())
        links.append(QJsonObject{{u"id"_qs, link.id},
                                 {u"a"_qs, link.siteA},
                                 {u"b"_qs, link.siteB},
                                 {u"metric"_qs, *link.igpMetric},
                                 {u"lengthKm"_qs, *link.lengthKm},
                                 {u"capacityGbps"_qs, link.totalCapacityGbps()},
                                 {u"srlgs"_qs, QJsonArray::fromStringList(link.srlgs)}});
    for (const core::Demand &demand : network.demands())
        demands.append(QJsonObject{{u"id"_qs, demand.id},
                                   {u"source"_qs, demand.source},
                                   {u"destination"_qs, demand.destination},
                                   {u"rateGbps"_qs, demand.effectiveRateGbps()}});
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(QJsonDocument(QJsonObject{{u"sites"_qs, sites},
                                         {u"links"_qs, links},
                                         {u"demands"_qs, demands},
                                         {u"perHopMs"_qs, 0.0}})
                   .toJson(QJsonDocument::Compact));
}

/// Writes @p json to --result's @p path; false, having said why, when it cannot.
bool writeResult(const QString &path, const QByteArray &json)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(json) != json.size() ||
        !file.flush()) {
        QTextStream(stderr) << path << ": " << file.errorString() << '\n';
        return false;
    }
    return true;
}

core::Network kdl()
{
    core::Network network;
    core::Importer::importFiles(
        network,
        {QStringLiteral(NQI_SHARED_DIR) + u"/datasets/topology-zoo/graphml/Kdl.graphml"_qs}, {});
    // Explicit metrics and lengths (as the planner derives them) so the peers route alike.
    for (core::Link link : std::vector<core::Link>(network.links())) {
        link.lengthKm = std::max(1.0, network.lengthKm(link));
        link.igpMetric = qint64(
            std::max(1.0, std::round(core::physics::fibreLatencyMs(*link.lengthKm) * 1000.0)));
        network.updateLink(link);
    }
    qint64 rate = 0;
    for (const core::Site &a : network.sites()) {
        for (const core::Site &b : network.sites()) {
            if (a.id == b.id)
                continue;
            core::Demand demand;
            demand.source = a.id;
            demand.destination = b.id;
            demand.rateGbps = 0.1 * double(1 + (rate++ % 10));
            network.addDemand(demand);
        }
    }
    return network;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    int threads = 0;
    int shards = 0;
    int shardIndex = -1;
    bool n2 = false;
    bool digest = false;
    QString dumpPath;
    QString resultPath;
    if (const qsizetype at = arguments.indexOf(u"--n2"_qs); at > 0) {
        n2 = true;
        arguments.remove(at);
    }
    if (const qsizetype at = arguments.indexOf(u"--digest"_qs); at > 0) {
        digest = true; // SHA-256 of the result's JSON, to check that a change keeps every figure
        arguments.remove(at);
    }
    for (int i = 1; i + 1 < arguments.size(); ++i) {
        if (arguments[i] == u"--threads") {
            threads = arguments[i + 1].toInt();
            arguments.remove(i, 2);
            --i;
        } else if (arguments[i] == u"--shard") {
            shardIndex = arguments[i + 1].section(u'/', 0, 0).toInt();
            shards = -arguments[i + 1].section(u'/', 1, 1).toInt();
            arguments.remove(i, 2);
            --i;
        } else if (arguments[i] == u"--shards") {
            shards = arguments[i + 1].toInt();
            arguments.remove(i, 2);
            --i;
        } else if (arguments[i] == u"--dump") {
            dumpPath = arguments[i + 1];
            arguments.remove(i, 2);
            --i;
        } else if (arguments[i] == u"--result") {
            resultPath = arguments[i + 1];
            arguments.remove(i, 2);
            --i;
        }
    }
    const QString which = arguments.value(1);
    core::Network network;
    try {
        if (which == u"kdl") {
            network = kdl();
        } else if (which == u"synthetic" && arguments.size() == 5) {
            network =
                syntheticNetwork(arguments[2].toInt(), arguments[3].toInt(), arguments[4].toInt());
        } else {
            QTextStream(stderr) << "usage: nqi_bench_resilience kdl [--dump FILE] | synthetic "
                                   "SITES LINKS DEMANDS\n";
            return 2;
        }
    } catch (const core::Failure &failure) {
        QTextStream(stderr) << failure.diagnostic().toString() << '\n';
        return 1;
    }
    if (!dumpPath.isEmpty())
        dump(network, dumpPath);
    const double setupMb = peakMegabytes();

    planners::resilience::Options options;
    options.workers = threads;
    options.linkPairs = n2;
    planners::Progress progress;
    QElapsedTimer timer;
    if (shardIndex >= 0) {
        const double cpuBefore = cpuSeconds();
        timer.start();
        const QJsonObject part =
            planners::resilience::runPart(network, options, shardIndex, -shards, progress);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - cpuBefore;
        qint64 cut = 0;
        for (const QJsonValue &entry : part[u"cuts"_qs].toArray())
            cut += entry[1].toArray().size();
        out << QJsonDocument(QJsonObject{{u"case"_qs, which},
                                         {u"n2"_qs, n2},
                                         {u"shard"_qs, part[u"shard"_qs]},
                                         {u"scenarios"_qs, part[u"scenarios"_qs]},
                                         {u"seconds"_qs, seconds},
                                         {u"cpuSeconds"_qs, cpu},
                                         {u"cutScenarios"_qs, part[u"cuts"_qs].toArray().size()},
                                         {u"demandPairsCut"_qs, cut},
                                         {u"peakMB"_qs, peakMegabytes()},
                                         {u"networkMB"_qs, setupMb}})
                   .toJson(QJsonDocument::Compact)
            << '\n';
        // The part, to check a change against to the bit.
        if (!resultPath.isEmpty() &&
            !writeResult(resultPath, QJsonDocument(part).toJson(QJsonDocument::Compact)))
            return 1;
        return 0;
    }
    if (shards > 0) {
        std::vector<QJsonObject> parts;
        QJsonArray partSeconds;
        timer.start();
        for (int index = 0; index < shards; ++index) {
            QElapsedTimer partTimer;
            partTimer.start();
            parts.push_back(
                planners::resilience::runPart(network, options, index, shards, progress));
            partSeconds.append(double(partTimer.nsecsElapsed()) / 1e9);
        }
        const double partsSeconds = double(timer.nsecsElapsed()) / 1e9;
        timer.restart();
        const QByteArray merged =
            QJsonDocument(planners::resilience::mergeParts(network, options, parts)).toJson();
        const double mergeSeconds = double(timer.nsecsElapsed()) / 1e9;
        timer.restart();
        const QByteArray single =
            QJsonDocument(planners::resilience::toJson(
                              network, planners::resilience::run(network, options, progress)))
                .toJson();
        const double singleSeconds = double(timer.nsecsElapsed()) / 1e9;
        qint64 partBytes = 0;
        for (const QJsonObject &part : parts)
            partBytes += QJsonDocument(part).toJson(QJsonDocument::Compact).size();
        out << QJsonDocument(QJsonObject{{u"case"_qs, which},
                                         {u"n2"_qs, n2},
                                         {u"shards"_qs, shards},
                                         {u"partSeconds"_qs, partSeconds},
                                         {u"partsSeconds"_qs, partsSeconds},
                                         {u"mergeSeconds"_qs, mergeSeconds},
                                         {u"singleRunWithJsonSeconds"_qs, singleSeconds},
                                         {u"partBytes"_qs, partBytes},
                                         {u"identical"_qs, merged == single},
                                         {u"peakMB"_qs, peakMegabytes()}})
                   .toJson(QJsonDocument::Compact)
            << '\n';
        return merged == single ? 0 : 1;
    }
    const double cpuBefore = cpuSeconds();
    timer.start();
    const auto result = planners::resilience::run(network, options, progress);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpuBefore;
    qint64 cut = 0;
    for (const auto &d : result.disconnected)
        cut += qint64(d.demands.size());
    QJsonObject line{{u"case"_qs, which},
                     {u"n2"_qs, n2},
                     {u"sites"_qs, qint64(network.sites().size())},
                     {u"links"_qs, qint64(network.links().size())},
                     {u"demands"_qs, qint64(network.demands().size())},
                     {u"scenarios"_qs, qint64(result.scenarios.size() - 1)},
                     {u"seconds"_qs, seconds},
                     {u"cpuSeconds"_qs, cpu},
                     {u"peakMB"_qs, peakMegabytes()},
                     {u"networkMB"_qs, setupMb},
                     {u"maxWorstUtilization"_qs, result.maxWorstUtilization},
                     {u"demandsCut"_qs, cut}};
    if (digest || !resultPath.isEmpty()) {
        const QByteArray json = QJsonDocument(planners::resilience::toJson(network, result))
                                    .toJson(QJsonDocument::Compact);
        if (digest)
            line.insert(u"digest"_qs,
                        QString::fromLatin1(
                            QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex()));
        if (!resultPath.isEmpty() && !writeResult(resultPath, json))
            return 1;
    }
    out << QJsonDocument(line).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
