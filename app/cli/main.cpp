#include "commands.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

constexpr auto kUsage = u"Usage: nqi <command> [options]\n"
                        "\n"
                        "NQI Workbench command line: plan new-quality Internet networks.\n"
                        "\n"
                        "Commands:\n"
                        "  info PROJECT.gpkg [--json]            counts and totals of a project\n"
                        "  import FILE... -o PROJECT.gpkg        make a new project from files\n"
                        "  import FILE... --into PROJECT.gpkg    add files to a project\n"
                        "  export PROJECT.gpkg --layer sites|links|demands -o FILE\n"
                        "  plan PLANNER PROJECT.gpkg [--json]    run a planner (route, ...)\n"
                        "\n"
                        "Run `nqi <command> --help` for a command's options.\n"
                        "Import reads GraphML (Topology Zoo), CSV and any GDAL vector format;\n"
                        "export writes CSV, GeoJSON, KML, GeoPackage and Shapefile.\n";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
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
    if (command == u"info")
        return nqi::cli::runInfo(commandArguments, streams);
    if (command == u"import")
        return nqi::cli::runImport(commandArguments, streams);
    if (command == u"plan")
        return nqi::cli::runPlan(commandArguments, streams);
    if (command == u"export")
        return nqi::cli::runExport(commandArguments, streams);

    err << u"nqi: unknown command \""_qs << command << u"\"\n\n"_qs << QStringView(kUsage);
    return nqi::cli::Usage;
}
