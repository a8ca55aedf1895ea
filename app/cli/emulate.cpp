// nqi emulate: the design as Linux network namespaces running FRR, checked against the route
// planner. up builds it, check compares the kernels' next hops with the planned ECMP next hops
// and pings across, down removes everything up made.

#include "commands.h"

#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"
#include "planners/common/routinggraph.h"
#include "planners/configgen/configgen.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>

#include <atomic>
#include <csignal>
#include <map>
#include <set>

#include <pwd.h>
#include <unistd.h>

namespace nqi::cli {
namespace {

namespace addressing = planners::addressing;
namespace configgen = planners::configgen;
using core::Failure;

std::atomic<bool> g_interrupted{false};
bool g_tearingDown = false; // a second Ctrl+C must not stop the clean-up

void onSignal(int)
{
    g_interrupted = true;
}

[[noreturn]] void refuse(const QString &message)
{
    throw Failure(core::makeError({}, 0, u"emulate"_qs, message));
}

void checkInterrupted()
{
    if (g_interrupted && !g_tearingDown)
        refuse(u"interrupted; everything made so far is being removed"_qs);
}

struct Output
{
    int exitCode = 0;
    QByteArray out, err;
};

Output runProgram(const QString &program, const QStringList &arguments, bool mustSucceed = true)
{
    checkInterrupted();
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        refuse(u"%1 %2 did not finish"_qs.arg(program, arguments.join(u' ')));
    }
    Output output{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                  process.readAllStandardOutput(), process.readAllStandardError()};
    if (mustSucceed && output.exitCode != 0) {
        refuse(u"%1 %2 failed: %3"_qs.arg(program, arguments.join(u' '),
                                          QString::fromLocal8Bit(output.err).trimmed()));
    }
    return output;
}

Output ip(const QStringList &arguments, bool mustSucceed = true)
{
    return runProgram(u"ip"_qs, arguments, mustSucceed);
}

// Where one project's emulation keeps its state, and what its namespaces are called.
struct Emulation
{
    QString project;
    QString id;    ///< 6 hex digits from the project's absolute path
    QString state; ///< /run/nqi-emulate/<id>

    QString ns(const QString &code) const { return u"nqi"_qs + id + u'-' + code; }
    QString vtyDir(const QString &code) const { return u"/var/run/frr/"_qs + ns(code); }
};

Emulation emulationOf(const QString &project)
{
    Emulation e;
    e.project = QFileInfo(project).absoluteFilePath();
    e.id = QString::fromLatin1(
        QCryptographicHash::hash(e.project.toUtf8(), QCryptographicHash::Sha1).toHex().left(6));
    e.state = u"/run/nqi-emulate/"_qs + e.id;
    return e;
}

const QStringList kDaemons{u"zebra"_qs, u"staticd"_qs, u"isisd"_qs, u"bgpd"_qs};
const QString kFrrDaemons = u"/usr/lib/frr"_qs;

// Removes what up made: daemons, namespaces (with their veths), sockets and state. Also works
// from the namespace names alone when the state folder is gone.
QStringList tearDown(const Emulation &e)
{
    g_tearingDown = true;
    QStringList removed;
    const QDir state(e.state);
    for (const QString &code : state.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const QString &daemon : kDaemons) {
            QFile pid(state.filePath(code + u'/' + daemon + u".pid"_qs));
            if (pid.open(QIODevice::ReadOnly)) {
                const pid_t process = pid_t(pid.readAll().trimmed().toLongLong());
                if (process > 1)
                    ::kill(process, SIGTERM);
            }
        }
    }
    QThread::msleep(300);
    const QString prefix = u"nqi"_qs + e.id + u'-';
    const Output list = ip({u"netns"_qs, u"list"_qs}, false);
    for (const QString &line : QString::fromLocal8Bit(list.out).split(u'\n')) {
        const QString name = line.section(u' ', 0, 0).trimmed();
        if (!name.startsWith(prefix))
            continue;
        // Daemons still in the namespace (a state folder lost) go with it.
        const Output pids = ip({u"netns"_qs, u"pids"_qs, name}, false);
        for (const QString &pidText : QString::fromLocal8Bit(pids.out).split(u'\n'))
            if (const pid_t process = pid_t(pidText.trimmed().toLongLong()); process > 1)
                ::kill(process, SIGKILL);
        ip({u"netns"_qs, u"delete"_qs, name}, false);
        QDir(u"/var/run/frr/"_qs + name).removeRecursively();
        removed << name;
    }
    QDir(e.state).removeRecursively();
    g_tearingDown = false;
    return removed;
}

struct Design
{
    core::Network network;
    std::vector<configgen::RouterConfig> configs;
    std::vector<addressing::Interface> interfaces;
};

// The configurations as nqi config writes them: the built-in template, or the one in the
// folder given with --templates (never one found beside the project).
Design designOf(const QString &path, const QString &templateFolder)
{
    Design d;
    d.network = core::ProjectStore::load(path);
    d.network.setAddressPlan(addressing::plan(d.network).plan);
    configgen::Options options;
    options.dialect = addressing::Dialect::Frr;
    options.version = QCoreApplication::applicationVersion();
    options.templateFolder = templateFolder;
    d.configs = configgen::generate(d.network, options);
    d.interfaces =
        addressing::interfaces(d.network, d.network.addressPlan(), addressing::Dialect::Frr);
    if (d.configs.size() < 2)
        refuse(u"the project has fewer than two routers (sites with links)"_qs);
    return d;
}

// Loads a router's frr.conf into its running daemons with vtysh, as `vtysh -b` does at boot,
// once their sockets are there. FRR refusing any line (an unknown command, a value its rules
// refuse) fails the emulation: a router running with part of its configuration would route
// otherwise than planned.
void loadConfiguration(const Emulation &e, const QString &code, const QString &path)
{
    QElapsedTimer waited;
    waited.start();
    for (const QString &daemon : kDaemons) {
        const QString socket = e.vtyDir(code) + u'/' + daemon + u".vty"_qs;
        while (!QFileInfo::exists(socket)) {
            checkInterrupted();
            if (waited.elapsed() > 30000)
                refuse(u"%1 of %2 did not start (no %3 after 30 s)"_qs.arg(daemon, code, socket));
            QThread::msleep(50);
        }
    }
    const Output load = runProgram(u"vtysh"_qs, {u"-N"_qs, e.ns(code), u"-f"_qs, path}, false);
    QStringList refused;
    static const QRegularExpression problem(u"^line \\d+: %.*|^% Configuration failed.*"_qs,
                                            QRegularExpression::MultilineOption);
    const QString said = QString::fromLocal8Bit(load.out + load.err);
    for (auto it = problem.globalMatch(said); it.hasNext();)
        refused << it.next().captured(0).trimmed();
    if (said.contains(u"% Configuration failed"_qs)) {
        // The YANG error that follows names what was refused.
        static const QRegularExpression detail(u"^ (Must condition.*|YANG path.*)$"_qs,
                                               QRegularExpression::MultilineOption);
        for (auto it = detail.globalMatch(said); it.hasNext();)
            refused << it.next().captured(1).trimmed();
    }
    if (load.exitCode != 0 || !refused.isEmpty()) {
        refuse(u"FRR refused part of the configuration of %1 (%2): %3"_qs.arg(
            code, path,
            refused.isEmpty() ? u"vtysh exit status %1"_qs.arg(load.exitCode)
                              : refused.mid(0, 10).join(u"; "_qs)));
    }
}

void up(const Emulation &e, const Design &d, bool netem, QTextStream &log)
{
    if (QFileInfo::exists(e.state))
        refuse(u"%1 is already emulated; run nqi emulate PROJECT down first"_qs.arg(e.project));
    for (const QString &daemon : kDaemons)
        if (!QFileInfo(kFrrDaemons + u'/' + daemon).isExecutable())
            refuse(u"FRR is not installed (%1/%2 is missing): apt install frr"_qs.arg(kFrrDaemons,
                                                                                      daemon));
    if (QStandardPaths::findExecutable(u"vtysh"_qs).isEmpty())
        refuse(
            u"FRR's vtysh is not installed (it loads each router's frr.conf): apt install frr"_qs);
    const passwd *frr = ::getpwnam("frr");
    if (!frr)
        refuse(u"there is no user frr (FRR's packages make it)"_qs);
    const QDir state(e.state);
    if (!state.mkpath(u"."_qs))
        refuse(u"cannot create %1"_qs.arg(e.state));

    for (const configgen::RouterConfig &config : d.configs) {
        checkInterrupted();
        const QString ns = e.ns(config.code);
        state.mkpath(config.code);
        // The daemons start from an empty configuration; vtysh then loads frr.conf into them as
        // it does on a router (a daemon reading the integrated file itself stops taking
        // commands at the first other daemon's block).
        for (const auto &[name, text] : {std::pair{u"frr.conf"_qs, config.text.toUtf8()},
                                         std::pair{u"empty.conf"_qs, QByteArray()}}) {
            QFile file(state.filePath(config.code + u'/' + name));
            if (!file.open(QIODevice::WriteOnly) || file.write(text) < 0)
                refuse(u"cannot write %1"_qs.arg(file.fileName()));
        }
        ip({u"netns"_qs, u"add"_qs, ns});
        // No duplicate address detection (the links come up at once) and IPv6 forwarding.
        for (const QString &setting :
             {u"net.ipv6.conf.all.forwarding=1"_qs, u"net.ipv6.conf.default.accept_dad=0"_qs,
              u"net.ipv6.conf.all.accept_dad=0"_qs}) {
            ip({u"netns"_qs, u"exec"_qs, ns, u"sysctl"_qs, u"-qw"_qs, setting});
        }
        ip({u"-n"_qs, ns, u"link"_qs, u"set"_qs, u"lo"_qs, u"up"_qs});
    }
    // One veth pair per link, named as in the address plan, created in its two namespaces.
    std::map<core::LinkId, std::pair<const addressing::Interface *, const addressing::Interface *>>
        ends;
    for (const addressing::Interface &row : d.interfaces) {
        if (!row.link)
            continue;
        auto &pair = ends[row.link];
        (pair.first ? pair.second : pair.first) = &row;
    }
    for (const auto &[id, pair] : ends) {
        checkInterrupted();
        const core::Link &link = *d.network.link(id);
        const QString a = e.ns(d.network.site(pair.first->site)->code);
        const QString b = e.ns(d.network.site(pair.second->site)->code);
        ip({u"link"_qs, u"add"_qs, pair.first->interface, u"netns"_qs, a, u"type"_qs, u"veth"_qs,
            u"peer"_qs, u"name"_qs, pair.second->interface, u"netns"_qs, b});
        for (const auto &[ns, name] :
             {std::pair{a, pair.first->interface}, std::pair{b, pair.second->interface}}) {
            ip({u"-n"_qs, ns, u"link"_qs, u"set"_qs, name, u"up"_qs});
            if (netem) {
                const double ms = d.network.latencyMs(link);
                const Output tc =
                    runProgram(u"tc"_qs,
                               {u"-n"_qs, ns, u"qdisc"_qs, u"add"_qs, u"dev"_qs, name, u"root"_qs,
                                u"netem"_qs, u"delay"_qs, u"%1ms"_qs.arg(ms, 0, 'f', 3)},
                               false);
                if (tc.exitCode != 0) {
                    refuse(u"this kernel cannot delay links (tc netem: %1); load sch_netem "
                           "(modprobe sch_netem) or run without --netem"_qs.arg(
                               QString::fromLocal8Bit(tc.err).trimmed()));
                }
            }
        }
    }
    // FRR per namespace: -N gives each its own sockets under /var/run/frr/<namespace>.
    const auto uid = frr->pw_uid;
    const auto gid = frr->pw_gid;
    for (const configgen::RouterConfig &config : d.configs) {
        checkInterrupted();
        const QString ns = e.ns(config.code);
        const QString folder = state.filePath(config.code);
        QDir().mkpath(e.vtyDir(config.code));
        for (const QString &path : QStringList{folder, folder + u"/frr.conf"_qs,
                                               folder + u"/empty.conf"_qs, e.vtyDir(config.code)})
            if (::chown(QFile::encodeName(path).constData(), uid, gid) != 0)
                refuse(u"cannot give %1 to the user frr"_qs.arg(path));
        for (const QString &daemon : kDaemons) {
            ip({u"netns"_qs, u"exec"_qs, ns, kFrrDaemons + u'/' + daemon, u"-d"_qs, u"-N"_qs, ns,
                u"-f"_qs, folder + u"/empty.conf"_qs, u"-i"_qs, folder + u'/' + daemon + u".pid"_qs,
                u"--log"_qs, u"file:"_qs + folder + u'/' + daemon + u".log"_qs});
        }
    }
    for (const configgen::RouterConfig &config : d.configs)
        loadConfiguration(e, config.code, state.filePath(config.code + u"/frr.conf"_qs));
    if (netem) {
        QFile marker(state.filePath(u"netem"_qs));
        if (!marker.open(QIODevice::WriteOnly))
            refuse(u"cannot write %1"_qs.arg(marker.fileName()));
    }
    log << u"%1 routers and %2 links up in namespaces %3*%4\n"_qs.arg(
        QString::number(d.configs.size()), QString::number(ends.size()), e.ns({}),
        netem ? u", links delayed by their planned latency (netem)"_qs : QString());
}

// The next hops (interface names) a router's kernel uses toward each IS-IS destination.
std::map<QString, std::set<QString>> kernelNextHops(const QString &ns)
{
    std::map<QString, std::set<QString>> routes;
    const Output output =
        ip({u"-n"_qs, ns, u"-6"_qs, u"-j"_qs, u"route"_qs, u"show"_qs, u"proto"_qs, u"isis"_qs},
           false);
    for (const QJsonValue &route : QJsonDocument::fromJson(output.out).array()) {
        QString destination = route[u"dst"_qs].toString();
        if (destination.endsWith(u"/128"_qs))
            destination.chop(4);
        std::set<QString> &devices = routes[destination];
        if (route[u"nexthops"_qs].isArray()) {
            for (const QJsonValue &hop : route[u"nexthops"_qs].toArray())
                devices.insert(hop[u"dev"_qs].toString());
        } else if (route[u"dev"_qs].isString()) {
            devices.insert(route[u"dev"_qs].toString());
        }
    }
    return routes;
}

struct Mismatch
{
    QString router, destination;
    std::set<QString> planned, installed;
};

int check(const Emulation &e, const Design &d, int timeoutSeconds, bool json, Streams streams)
{
    if (!QFileInfo::exists(e.state))
        refuse(u"%1 is not emulated; run nqi emulate PROJECT up first"_qs.arg(e.project));
    const core::Network &network = d.network;
    const planners::RoutingGraph graph(network);
    std::map<std::pair<core::SiteId, core::LinkId>, QString> interfaceOf;
    std::map<core::SiteId, QString> loopbackOf;
    for (const addressing::Interface &row : d.interfaces) {
        if (row.link)
            interfaceOf[{row.site, row.link}] = row.interface;
        else
            loopbackOf[row.site] = row.address;
    }
    // The planned ECMP next hops of every router toward every other router's loopback.
    std::map<core::SiteId, std::map<QString, std::set<QString>>> planned;
    int ecmpRoutes = 0;
    planners::EcmpTree tree;
    for (const configgen::RouterConfig &destination : d.configs) {
        computeEcmpTree(graph, graph.node(destination.site), {}, -1, tree);
        for (const configgen::RouterConfig &router : d.configs) {
            if (router.site == destination.site)
                continue;
            std::set<QString> &hops = planned[router.site][loopbackOf[destination.site]];
            for (int arc : graph.arcsFrom(graph.node(router.site)))
                if (tree.isNextHop(graph, arc))
                    hops.insert(interfaceOf[{router.site,
                                             graph.link(planners::RoutingGraph::arcLink(arc)).id}]);
            ecmpRoutes += hops.size() > 1 ? 1 : 0;
        }
    }
    // Wait until the kernels route as planned, or the time is up.
    std::vector<Mismatch> mismatches;
    QElapsedTimer timer;
    timer.start();
    int routes = 0;
    while (true) {
        checkInterrupted();
        mismatches.clear();
        routes = 0;
        for (const configgen::RouterConfig &router : d.configs) {
            const auto installed = kernelNextHops(e.ns(router.code));
            for (const auto &[destination, hops] : planned[router.site]) {
                const auto it = installed.find(destination);
                const std::set<QString> got =
                    it == installed.end() ? std::set<QString>() : it->second;
                ++routes;
                if (got != hops)
                    mismatches.push_back({router.code, destination, hops, got});
            }
        }
        if (mismatches.empty() || timer.elapsed() > qint64(timeoutSeconds) * 1000)
            break;
        QThread::sleep(2);
    }
    const double convergedSeconds = double(timer.elapsed()) / 1000.0;

    // Pings from every router's loopback to every other loopback (a sample of 400 pairs at most).
    std::vector<std::pair<const configgen::RouterConfig *, const configgen::RouterConfig *>> pairs;
    for (const auto &a : d.configs)
        for (const auto &b : d.configs)
            if (a.site != b.site)
                pairs.emplace_back(&a, &b);
    const size_t step = std::max<size_t>(1, pairs.size() / 400);
    int pings = 0, lost = 0;
    QStringList lostPairs;
    for (size_t i = 0; i < pairs.size(); i += step) {
        const auto &[a, b] = pairs[i];
        const Output ping =
            ip({u"netns"_qs, u"exec"_qs, e.ns(a->code), u"ping"_qs, u"-6"_qs, u"-c"_qs, u"1"_qs,
                u"-W"_qs, u"3"_qs, u"-I"_qs, loopbackOf[a->site], loopbackOf[b->site]},
               false);
        ++pings;
        if (ping.exitCode != 0) {
            ++lost;
            if (lostPairs.size() < 10)
                lostPairs << a->code + u"->"_qs + b->code;
        }
    }

    // With netem delays: the measured round trip against the planned one (twice the one-way
    // latency of the IGP path; the fastest to slowest ECMP path), within 10% (0.2 ms at least,
    // for what the namespaces add).
    int rttChecked = 0;
    QStringList rttOff;
    if (QFileInfo::exists(e.state + u"/netem"_qs)) {
        std::map<core::SiteId, planners::PathFacts> facts;
        const size_t rttStep = std::max<size_t>(1, pairs.size() / 60);
        for (size_t i = 0; i < pairs.size(); i += rttStep) {
            const auto &[a, b] = pairs[i];
            if (!facts.count(b->site)) {
                computeEcmpTree(graph, graph.node(b->site), {}, -1, tree);
                computePathFacts(graph, tree, 0.0, facts[b->site]);
            }
            const planners::PathFacts &f = facts[b->site];
            const size_t node = size_t(graph.node(a->site));
            const double low = 2.0 * f.minLatency[node], high = 2.0 * f.maxLatency[node];
            const Output ping = ip({u"netns"_qs, u"exec"_qs, e.ns(a->code), u"ping"_qs, u"-6"_qs,
                                    u"-q"_qs, u"-c"_qs, u"3"_qs, u"-i"_qs, u"0.2"_qs, u"-W"_qs,
                                    u"5"_qs, u"-I"_qs, loopbackOf[a->site], loopbackOf[b->site]},
                                   false);
            static const QRegularExpression rtt(u"= ([0-9.]+)/"_qs);
            const QRegularExpressionMatch match = rtt.match(QString::fromLocal8Bit(ping.out));
            ++rttChecked;
            const double measured = match.hasMatch() ? match.captured(1).toDouble() : -1.0;
            const bool inRange = measured >= std::min(low * 0.9, low - 0.2) &&
                                 measured <= std::max(high * 1.1, high + 0.2);
            if (!inRange && rttOff.size() < 20) {
                rttOff << u"%1->%2 %3 ms (planned %4-%5)"_qs.arg(
                    a->code, b->code, QString::number(measured, 'f', 2),
                    QString::number(low, 'f', 2), QString::number(high, 'f', 2));
            }
        }
    }

    // Where routes differ, what IS-IS sees on those routers (adjacencies per interface), so that
    // a link whose adjacency never came up is named.
    QJsonObject neighbours;
    std::set<QString> mismatched;
    for (const Mismatch &m : mismatches)
        mismatched.insert(m.router);
    for (const QString &code : mismatched) {
        const Output shown = runProgram(
            u"vtysh"_qs, {u"-N"_qs, e.ns(code), u"-c"_qs, u"show isis neighbor"_qs}, false);
        neighbours.insert(code, QString::fromLocal8Bit(shown.out + shown.err).trimmed());
    }
    auto joined = [](const std::set<QString> &names) {
        QStringList list(names.begin(), names.end());
        return list.isEmpty() ? u"(none)"_qs : list.join(u',');
    };
    if (json) {
        QJsonArray list;
        for (const Mismatch &m : mismatches)
            list.append(QJsonObject{{u"router"_qs, m.router},
                                    {u"destination"_qs, m.destination},
                                    {u"planned"_qs, joined(m.planned)},
                                    {u"installed"_qs, joined(m.installed)}});
        QJsonObject report{{u"routers"_qs, int(d.configs.size())},
                           {u"routesChecked"_qs, routes},
                           {u"ecmpRoutes"_qs, ecmpRoutes},
                           {u"mismatches"_qs, list},
                           {u"convergedSeconds"_qs, convergedSeconds},
                           {u"pings"_qs, pings},
                           {u"pingsLost"_qs, lost},
                           {u"rttChecked"_qs, rttChecked},
                           {u"rttOutOfRange"_qs, QJsonArray::fromStringList(rttOff)},
                           {u"ok"_qs, mismatches.empty() && lost == 0 && rttOff.isEmpty()}};
        if (!neighbours.isEmpty())
            report.insert(u"isisNeighbors"_qs, neighbours);
        streams.out << QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented));
    } else {
        streams.out << u"%1 routes (%2 over equal-cost paths) checked on %3 routers: %4 as "
                       "planned%5\n"_qs.arg(
                           QString::number(routes), QString::number(ecmpRoutes),
                           QString::number(d.configs.size()),
                           QString::number(routes - int(mismatches.size())),
                           mismatches.empty() ? u" (after %1 s)"_qs.arg(convergedSeconds, 0, 'f', 1)
                                              : QString());
        for (const Mismatch &m : mismatches)
            streams.out << u"  %1 -> %2: planned %3, installed %4\n"_qs.arg(
                m.router, m.destination, joined(m.planned), joined(m.installed));
        for (auto it = neighbours.begin(); it != neighbours.end(); ++it)
            streams.out << u"IS-IS neighbours of %1:\n%2\n"_qs.arg(it.key(), it.value().toString());
        streams.out << u"%1 pings between loopbacks, %2 lost%3\n"_qs.arg(
            QString::number(pings), QString::number(lost),
            lostPairs.isEmpty() ? QString() : u": "_qs + lostPairs.join(u", "_qs));
        if (rttChecked) {
            streams.out << u"%1 round trips measured against the planned latency, %2 off by "
                           "more than a tenth%3\n"_qs.arg(
                               QString::number(rttChecked), QString::number(rttOff.size()),
                               rttOff.isEmpty() ? QString() : u": "_qs + rttOff.join(u", "_qs));
        }
    }
    return mismatches.empty() && lost == 0 && rttOff.isEmpty() ? Success : Failed;
}

} // namespace

int runEmulate(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Try the design live (Linux, as root): up builds every router as a network namespace "
        "joined by veth pairs named as in the address plan and runs FRR (zebra, staticd, isisd, "
        "bgpd) in each with its exported frr.conf; check waits for convergence, compares the "
        "next hops each kernel installed toward every other loopback with the route planner's "
        "ECMP next hops and pings across; down removes everything up made (also after a failure "
        "or Ctrl+C)."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    parser.addPositionalArgument(u"action"_qs, u"up, check or down."_qs, u"up|check|down"_qs);
    const QCommandLineOption netem(u"netem"_qs,
                                   u"up: delay each link by its planned one-way latency."_qs);
    const QCommandLineOption timeout(u"timeout"_qs,
                                     u"check: seconds to wait for convergence (default 120)."_qs,
                                     u"SECONDS"_qs, u"120"_qs);
    const QCommandLineOption json(u"json"_qs, u"check: print the report as JSON."_qs);
    const QCommandLineOption templates(
        u"templates"_qs,
        u"Folder with an overriding frr.conf.mustache, as for nqi config (default: the built-in "
        "template)."_qs,
        u"DIR"_qs);
    parser.addOptions({netem, timeout, json, templates});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return usageError(streams, parser, command, u"give the project and up, check or down"_qs);
    const QString action = positional.at(1);
    if (action != u"up" && action != u"check" && action != u"down")
        return usageError(streams, parser, command, u"the action is up, check or down"_qs);
    if (::geteuid() != 0) {
        streams.err << u"nqi: error: emulate: needs root to make network namespaces (sudo nqi "
                       "emulate ...)\n"_qs;
        return Failed;
    }
    const Emulation e = emulationOf(positional.at(0));
    g_interrupted = false;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    return guarded(streams, [&]() -> int {
        if (action == u"down") {
            const QStringList removed = tearDown(e);
            streams.err << u"removed %1 namespaces\n"_qs.arg(removed.size());
            return Success;
        }
        if (parser.isSet(templates) && !QFileInfo(parser.value(templates)).isDir()) {
            throw Failure(core::makeError(parser.value(templates), 0, u"--templates"_qs,
                                          u"no such folder"_qs));
        }
        const Design design = designOf(positional.at(0), parser.value(templates));
        if (action == u"check") {
            bool ok = false;
            const int seconds = parser.value(timeout).toInt(&ok);
            if (!ok || seconds < 1)
                return usageError(streams, parser, command, u"--timeout must be seconds"_qs);
            return check(e, design, seconds, parser.isSet(json), streams);
        }
        try {
            up(e, design, parser.isSet(netem), streams.err);
        } catch (const Failure &) {
            tearDown(e); // nothing half-made stays behind
            throw;
        }
        return Success;
    });
}

} // namespace nqi::cli
