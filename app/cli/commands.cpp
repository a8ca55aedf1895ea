#include "commands.h"

#include "core/io/exporter.h"
#include "core/io/importer.h"
#include "core/io/outputfile.h"
#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/registry.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace nqi::cli {

using core::Failure;

void printError(Streams streams, const Failure &failure)
{
    streams.err << u"nqi: error: "_qs << failure.diagnostic().toString() << u'\n';
}

namespace {

void printWarnings(Streams streams, const core::ImportReport &report)
{
    for (const core::Diagnostic &warning : report.warnings)
        streams.err << u"nqi: "_qs << warning.toString() << u'\n';
    for (const QString &note : report.notes)
        streams.err << u"nqi: note: "_qs << note << u'\n';
}

// Qt's help names the program by the path it was started from ("Usage: /usr/bin/nqi
// [options]"): the command as the user types it instead ("Usage: nqi plan route [options]").
QString helpOf(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    const QString started = u"Usage: "_qs + QCoreApplication::arguments().value(0);
    if (text.startsWith(started))
        text.replace(0, started.size(), u"Usage: "_qs + command);
    return text;
}

} // namespace

bool parse(QCommandLineParser &parser, const QStringList &arguments, Streams streams, int &exitCode)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({u"h"_qs, u"help"_qs}, u"Show this help."_qs);
    parser.addOption(help);
    if (!parser.parse(arguments)) {
        streams.err << arguments.constFirst() << u": "_qs << parser.errorText() << u"\n\n"_qs
                    << helpOf(parser, arguments.constFirst());
        exitCode = Usage;
        return false;
    }
    if (parser.isSet(help)) {
        streams.out << helpOf(parser, arguments.constFirst());
        exitCode = Success;
        return false;
    }
    // --wait, where a command has it: checked before anything runs, locking or not.
    if (parser.optionNames().contains(u"wait"_qs)) {
        QString problem;
        if (!core::parseInteger(parser.value(u"wait"_qs), 0, 86400, problem)) {
            exitCode = usageError(streams, parser, arguments.constFirst(),
                                  u"--wait: "_qs + problem + u" (seconds)"_qs);
            return false;
        }
    }
    return true;
}

bool parse(QCommandLineParser &parser,
           const QStringList &arguments,
           Streams streams,
           int &exitCode,
           QString &project)
{
    if (!parse(parser, arguments, streams, exitCode))
        return false;
    if (parser.positionalArguments().size() != 1) {
        exitCode = usageError(streams, parser, arguments.constFirst(), u"give one project file"_qs);
        return false;
    }
    project = parser.positionalArguments().constFirst();
    return true;
}

int usageError(Streams streams,
               const QCommandLineParser &parser,
               const QString &command,
               const QString &message)
{
    streams.err << command << u": "_qs << message << u"\n\n"_qs << helpOf(parser, command);
    return Usage;
}

QCommandLineOption waitOption()
{
    return QCommandLineOption(u"wait"_qs,
                              u"When another program is writing the project, wait up to SECONDS "
                              "for it to finish (default: refuse at once)."_qs,
                              u"SECONDS"_qs);
}

std::unique_ptr<core::ProjectLock> lockProject(const QString &path,
                                               const QCommandLineParser &parser,
                                               const QString &command,
                                               Streams streams)
{
    core::ProjectLock::Options options;
    options.program = command.startsWith(u"nqi") ? command : u"nqi "_qs + command;
    if (parser.optionNames().contains(u"wait"_qs)) {
        QString problem; // parse() refused a bad value before any work
        options.waitSeconds =
            int(core::parseInteger(parser.value(u"wait"_qs), 0, 86400, problem).value_or(0));
    }
    std::unique_ptr<core::ProjectLock> lock;
    try {
        lock = std::make_unique<core::ProjectLock>(path, options);
    } catch (const Failure &failure) {
        core::Diagnostic d = failure.diagnostic();
        if (options.waitSeconds == 0 && d.message.contains(u"is locked for writing"_qs)) {
            // address and config lock only to store the plan they make.
            const bool canSkipSaving =
                command.contains(u"address"_qs) || command.contains(u"config"_qs);
            d.message += canSkipSaving ? u", or give --wait SECONDS (or --no-save, which leaves "
                                         "the project as it is)"_qs
                                       : u", or give --wait SECONDS"_qs;
        }
        throw Failure(d);
    }
    if (!lock->note().isEmpty())
        streams.err << u"nqi: note: "_qs << path << u": "_qs << lock->note() << u'\n';
    return lock;
}

namespace {

double round3(double value)
{
    return std::round(value * 1000.0) / 1000.0;
}

} // namespace

int runInfo(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Counts and totals of a project."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print a JSON object."_qs);
    parser.addOption(json);
    int exitCode = Success;
    QString path;
    if (!parse(parser, arguments, streams, exitCode, path))
        return exitCode;

    return guarded(streams, [&]() -> int {
        const core::Network network = core::ProjectStore::load(path);
        QMap<QString, int> sitesByKind;
        for (const core::Site &site : network.sites())
            ++sitesByKind[core::toString(site.kind)];
        QMap<QString, int> demandsByClass;
        for (const core::Demand &demand : network.demands())
            ++demandsByClass[core::toString(demand.demandClass)];
        double capacityGbps = 0.0;
        for (const core::Link &link : network.links())
            capacityGbps += link.totalCapacityGbps();

        QJsonObject results;
        QStringList resultLines;
        for (const auto &[planner, result] : network.plannerResults()) {
            // Current only when it fits its planner's schema and the network is unchanged.
            const planners::StoredResult read = planners::readStoredResult(network, result);
            const QString configuration =
                planners::configurationTitle(planners::ResultKey::parse(planner));
            QJsonObject entry{{u"createdUtc"_qs, result.createdUtc}, {u"current"_qs, read.current}};
            if (!configuration.isEmpty())
                entry.insert(u"configuration"_qs, configuration);
            if (!read.current)
                entry.insert(u"note"_qs, read.staleNote());
            results.insert(planner, entry);
            resultLines << u"%1 (%2%3%4)"_qs.arg(
                planner, configuration.isEmpty() ? QString() : configuration + u", "_qs,
                result.createdUtc, read.current ? QString() : u", stale: "_qs + read.staleNote());
        }
        if (parser.isSet(json)) {
            QJsonObject kinds;
            for (auto it = sitesByKind.cbegin(); it != sitesByKind.cend(); ++it)
                kinds.insert(it.key(), it.value());
            QJsonObject classes;
            for (auto it = demandsByClass.cbegin(); it != demandsByClass.cend(); ++it)
                classes.insert(it.key(), it.value());
            const QJsonObject object{
                {u"file"_qs, QFileInfo(path).absoluteFilePath()},
                {u"name"_qs, network.settings().name},
                {u"schemaVersion"_qs, core::ProjectStore::kSchemaVersion},
                {u"sites"_qs, qint64(network.sites().size())},
                {u"links"_qs, qint64(network.links().size())},
                {u"demands"_qs, qint64(network.demands().size())},
                {u"constellations"_qs, qint64(network.constellations().size())},
                {u"regions"_qs, qint64(network.regions().size())},
                {u"totalDemandGbps"_qs, network.totalDemandGbps()},
                {u"totalFiberKm"_qs, network.totalFiberKm()},
                {u"totalCapacityGbps"_qs, capacityGbps},
                {u"routeFactor"_qs, network.settings().routeFactor},
                {u"currency"_qs, network.settings().currency},
                {u"sitesByKind"_qs, kinds},
                {u"demandsByClass"_qs, classes},
                {u"results"_qs, results},
            };
            streams.out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
            return Success;
        }

        const core::ProjectSettings &settings = network.settings();
        streams.out << u"Project:      "_qs
                    << (settings.name.isEmpty() ? QFileInfo(path).completeBaseName()
                                                : settings.name)
                    << u'\n';
        streams.out << u"File:         "_qs << QFileInfo(path).absoluteFilePath() << u'\n';
        QStringList kinds;
        for (auto it = sitesByKind.cbegin(); it != sitesByKind.cend(); ++it)
            kinds << u"%1 %2"_qs.arg(it.key()).arg(it.value());
        streams.out << u"Sites:        "_qs << network.sites().size()
                    << (kinds.isEmpty() ? QString() : u" ("_qs + kinds.join(u", "_qs) + u')')
                    << u'\n';
        streams.out << u"Links:        "_qs << network.links().size() << u", "_qs
                    << core::formatNumber(round3(network.totalFiberKm())) << u" km of fibre, "_qs
                    << core::formatNumber(round3(capacityGbps)) << u" Gbps in total\n"_qs;
        QStringList classes;
        for (auto it = demandsByClass.cbegin(); it != demandsByClass.cend(); ++it)
            classes << u"%1 %2"_qs.arg(it.key()).arg(it.value());
        streams.out << u"Demands:      "_qs << network.demands().size() << u", "_qs
                    << core::formatNumber(round3(network.totalDemandGbps())) << u" Gbps"_qs
                    << (classes.isEmpty() ? QString() : u" ("_qs + classes.join(u", "_qs) + u')')
                    << u'\n';
        streams.out << u"Satellites:   "_qs << network.constellations().size()
                    << u" constellation(s)\n"_qs;
        streams.out << u"Regions:      "_qs << network.regions().size() << u'\n';
        streams.out << u"Route factor: "_qs << core::formatNumber(settings.routeFactor) << u'\n';
        streams.out << u"Currency:     "_qs << settings.currency << u'\n';
        streams.out << u"Results:      "_qs
                    << (resultLines.isEmpty() ? u"none (run `nqi plan ... --save`)"_qs
                                              : resultLines.join(u", "_qs))
                    << u'\n';
        return Success;
    });
}

int runImport(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Import GraphML (Topology Zoo), CSV and GDAL vector files into a project.\n"
        "Sites are read before the links and demands that refer to them. On any error nothing "
        "is written."_qs);
    parser.addPositionalArgument(u"files"_qs, u"Files to import."_qs, u"FILE..."_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs}, u"Make a new project file."_qs,
                                    u"PROJECT.gpkg"_qs);
    const QCommandLineOption into(u"into"_qs, u"Add to an existing project."_qs,
                                  u"PROJECT.gpkg"_qs);
    const QCommandLineOption force(u"force"_qs, u"With -o, replace an existing file."_qs);
    const QCommandLineOption strict(u"strict"_qs, u"Treat warnings as errors."_qs);
    const QCommandLineOption name(u"name"_qs, u"Project name (new projects)."_qs, u"NAME"_qs);
    const QCommandLineOption routeFactor(u"route-factor"_qs,
                                         u"Fibre route / geodesic ratio for links without a "
                                         "length (new projects; default 1.5)."_qs,
                                         u"FACTOR"_qs);
    const QCommandLineOption currency(u"currency"_qs,
                                      u"Currency of costs and prices, an ISO 4217 code (new "
                                      "projects; default CNY)."_qs,
                                      u"CODE"_qs);
    const QCommandLineOption defaultCapacity(u"default-capacity-gbps"_qs,
                                             u"Capacity of GraphML edges without a link speed "
                                             "(default 10)."_qs,
                                             u"GBPS"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print a JSON summary."_qs);
    parser.addOptions(
        {output, into, force, strict, name, routeFactor, currency, defaultCapacity, json,
         waitOption()});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(streams, parser, command, u"give at least one file to import"_qs);
    if (parser.isSet(output) == parser.isSet(into))
        return usageError(streams, parser, command, u"give exactly one of -o and --into"_qs);

    if (parser.isSet(currency) &&
        !QRegularExpression(u"^[A-Z]{3}$"_qs).match(parser.value(currency)).hasMatch())
        return usageError(streams, parser, command,
                          u"--currency needs an ISO 4217 code of three capital letters (CNY, "
                          "EUR, USD), not \"%1\""_qs.arg(parser.value(currency)));
    if (parser.isSet(currency) && parser.isSet(into))
        return usageError(streams, parser, command,
                          u"--currency sets a new project's currency; it does not convert the "
                          "prices of an existing one"_qs);

    core::ImportOptions options;
    options.strict = parser.isSet(strict);
    if (parser.isSet(defaultCapacity)) {
        bool ok = false;
        options.defaultCapacityGbps = parser.value(defaultCapacity).toDouble(&ok);
        if (!ok || !(options.defaultCapacityGbps > 0.0)) {
            return usageError(streams, parser, command,
                              u"--default-capacity-gbps needs a positive number"_qs);
        }
    }

    const QString project = parser.isSet(output) ? parser.value(output) : parser.value(into);
    return guarded(streams, [&]() -> int {
        // The project is never one of the files read into it.
        core::refuseOutputThatIsInput(project, files, u"the project"_qs);
        const auto lock = lockProject(project, parser, command, streams);
        core::Network network;
        core::FileStamp stamp;
        if (parser.isSet(into)) {
            network = core::ProjectStore::load(project, stamp);
        } else {
            if (QFileInfo::exists(project) && !parser.isSet(force)) {
                throw Failure(core::makeError(project, 0, {},
                                              u"already exists; use --into to add to it or "
                                              "--force to replace it"_qs));
            }
            core::ProjectSettings settings;
            settings.name =
                parser.isSet(name) ? parser.value(name) : QFileInfo(project).completeBaseName();
            if (parser.isSet(routeFactor)) {
                bool ok = false;
                settings.routeFactor = parser.value(routeFactor).toDouble(&ok);
                if (!ok) {
                    return usageError(streams, parser, command,
                                      u"--route-factor needs a number"_qs);
                }
            }
            if (parser.isSet(currency))
                settings.currency = parser.value(currency);
            network.setSettings(settings);
        }
        const core::ImportReport report = core::Importer::importFiles(network, files, options);
        if (parser.isSet(into))
            core::ProjectStore::save(network, project, stamp);
        else
            core::ProjectStore::save(network, project);
        printWarnings(streams, report);
        if (parser.isSet(json)) {
            const QJsonObject object{{u"project"_qs, QFileInfo(project).absoluteFilePath()},
                                     {u"sitesAdded"_qs, report.sitesAdded},
                                     {u"linksAdded"_qs, report.linksAdded},
                                     {u"demandsAdded"_qs, report.demandsAdded},
                                     {u"warnings"_qs, report.warnings.size()}};
            streams.out << QString::fromUtf8(QJsonDocument(object).toJson());
        } else {
            streams.out << u"%1: added %2 sites, %3 links, %4 demands (%5 warnings)\n"_qs
                               .arg(project)
                               .arg(report.sitesAdded)
                               .arg(report.linksAdded)
                               .arg(report.demandsAdded)
                               .arg(report.warnings.size());
        }
        return Success;
    });
}

int runExport(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Export a layer of a project. The format follows the extension: .csv, .geojson, .kml, "
        ".gpkg, .shp (and other GDAL vector formats), or --format."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption layer(u"layer"_qs, u"sites, links or demands."_qs, u"LAYER"_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs}, u"File to write."_qs, u"FILE"_qs);
    const QCommandLineOption format(
        u"format"_qs,
        u"The format, as an extension (csv, geojson, kml, gpkg, ...), when the file name does not "
        "give it (-o /dev/stdout, a pipe) or gives another."_qs,
        u"FORMAT"_qs);
    parser.addOptions({layer, output, format});
    int exitCode = Success;
    QString project;
    if (!parse(parser, arguments, streams, exitCode, project))
        return exitCode;
    const QString command = arguments.constFirst();
    if (!parser.isSet(output) || parser.value(output).isEmpty())
        return usageError(streams, parser, command, u"give the file to write with -o"_qs);
    const std::optional<core::ExportLayer> which = core::exportLayerFromString(parser.value(layer));
    if (!which) {
        return usageError(streams, parser, command, u"--layer must be sites, links or demands"_qs);
    }
    QString formatName = parser.value(format).trimmed();
    if (formatName.startsWith(u'.'))
        formatName.remove(0, 1);
    if (parser.isSet(format) && formatName.isEmpty()) {
        return usageError(streams, parser, command,
                          u"--format names a format as an extension: csv, geojson, kml, gpkg, "
                          "shp"_qs);
    }
    return guarded(streams, [&]() -> int {
        core::refuseOutputThatIsInput(parser.value(output), {project}, u"the export"_qs);
        const core::Network network = core::ProjectStore::load(project);
        core::Exporter::exportLayer(network, *which, parser.value(output), {project}, formatName);
        return Success;
    });
}

} // namespace nqi::cli
