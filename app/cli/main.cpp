#include "commands.h"
#include "scaleoutcli.h"

#include "core/io/outputfile.h"

#include <QApplication>
#include <QCoreApplication>

#include <cerrno>
#include <cstring>
#include <memory>

#include <cstdio>

namespace {

constexpr auto kUsage =
    u"Usage: nqi <command> [options]\n"
    "\n"
    "NQI Workbench command line: plan new-quality Internet networks. A project is a\n"
    "GeoPackage (.gpkg) that QGIS and every GDAL tool open as layers.\n"
    "\n"
    "Commands:\n"
    "  info      counts, totals and stored planner results of a project\n"
    "  import    make a new project from files (-o) or add them to one (--into):\n"
    "            GraphML (Topology Zoo), CSV and any GDAL vector format\n"
    "  export    write a project's sites, links or demands as CSV, GeoJSON, KML,\n"
    "            GeoPackage or Shapefile\n"
    "  plan      run a planner: route, latency, resilience, capacity (on a project),\n"
    "            fabric, dci, ingest (on a project's site or link, or on figures)\n"
    "  address   allocate the IPv6 address plan (stable) and write it as CSV\n"
    "  config    write every router's configuration: frr, vrp, iosxr or junos\n"
    "  emulate   run the design in network namespaces with FRR and check it (root)\n"
    "  report    write a report of the project: PDF, ODT or HTML, English or Chinese\n"
    "  merge     merge the parts of a sharded resilience sweep (--shard, nqi slurm)\n"
    "  slurm     write a Slurm job folder for a resilience sweep; --submit runs it\n"
    "  sgp4      propagate a TLE file with SGP4 (TEME states, tcppver.out layout)\n"
    "\n"
    "Run `nqi <command> --help` for a command's options.\n"
    "\n"
    "Examples:\n"
    "  nqi import Abilene.graphml -o abilene.gpkg\n"
    "  nqi info abilene.gpkg\n"
    "  nqi plan route abilene.gpkg --json\n"
    "  nqi plan resilience abilene.gpkg --save\n"
    "  nqi plan fabric --gpus 4096\n"
    "  nqi address abilene.gpkg --csv addresses.csv\n"
    "  nqi config abilene.gpkg --dialect frr -o configs\n"
    "  nqi export abilene.gpkg --layer links -o links.geojson\n";

} // namespace

int main(int argc, char *argv[])
{
    // Reports draw their map with the workbench's canvas: a GUI application, on the offscreen
    // platform unless told otherwise, so they work on servers. Every other command is Core only.
    const bool gui = argc > 1 && std::strcmp(argv[1], "report") == 0;
    if (gui && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> application(gui ? new QApplication(argc, argv)
                                                      : new QCoreApplication(argc, argv));
    QCoreApplication::setApplicationName(u"nqi"_qs);
    QCoreApplication::setOrganizationName(u"NQI Workbench"_qs);
    QCoreApplication::setApplicationVersion(QStringLiteral(NQI_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const nqi::cli::Streams streams{out, err};
    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);

    if (command.isEmpty() || command == u"--help" || command == u"-h" || command == u"help") {
        (command.isEmpty() ? err : out) << QStringView(kUsage);
        return command.isEmpty() ? nqi::cli::Usage : nqi::cli::Success;
    }
    if (command == u"--version" || command == u"-v" || command == u"version") {
        out << u"nqi "_qs << QCoreApplication::applicationVersion() << u'\n';
        return nqi::cli::Success;
    }

    // Each command parses its own options; its argument list starts with "nqi <command>".
    QStringList commandArguments = arguments.mid(2);
    commandArguments.prepend(u"nqi "_qs + command);
    using Command = int (*)(const QStringList &, nqi::cli::Streams);
    static const std::pair<const char16_t *, Command> kCommands[] = {
        {u"info", nqi::cli::runInfo},       {u"import", nqi::cli::runImport},
        {u"plan", nqi::cli::runPlan},       {u"export", nqi::cli::runExport},
        {u"address", nqi::cli::runAddress}, {u"config", nqi::cli::runConfig},
        {u"emulate", nqi::cli::runEmulate}, {u"report", nqi::cli::runReport},
        {u"sgp4", nqi::cli::runSgp4},       {u"merge", nqi::cli::runMerge},
        {u"slurm", nqi::cli::runSlurm},
    };
    for (const auto &[name, run] : kCommands) {
        if (command != QStringView(name))
            continue;
        const int code = run(commandArguments, streams);
        // What went to standard output must have arrived (`nqi ... --json > /dev/full`).
        out.flush();
        if (out.status() != QTextStream::Ok || std::fflush(stdout) != 0 || std::ferror(stdout)) {
            const int error = errno;
            err << u"nqi: error: cannot write to standard output: "_qs
                << nqi::core::fileErrorText(error ? error : EIO) << u'\n';
            return code == nqi::cli::Success ? nqi::cli::Failed : code;
        }
        return code;
    }

    err << u"nqi: unknown command \""_qs << command << u"\"\n\n"_qs << QStringView(kUsage);
    return nqi::cli::Usage;
}
