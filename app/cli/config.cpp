// nqi config: every router's configuration in one dialect, the address plan and a README.

#include "commands.h"

#include "core/io/outputfile.h"
#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"
#include "planners/configgen/configgen.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace nqi::cli {

namespace addressing = planners::addressing;
namespace configgen = planners::configgen;

int runConfig(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Write every router's configuration (every site with links) in one dialect to "
        "DIR/<site code>/, with the address plan (addresses.csv) and a README for operations. "
        "The address plan is made or extended first and saved in the project, as nqi address "
        "does."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption dialect(u"dialect"_qs, u"frr, vrp, iosxr or junos."_qs, u"DIALECT"_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs}, u"Folder to write."_qs, u"DIR"_qs);
    const QCommandLineOption templates(
        u"templates"_qs,
        u"Folder with overriding templates (<dialect file>.mustache, e.g. frr.conf.mustache, at "
        "most 1 MiB); without it the built-in templates are used."_qs,
        u"DIR"_qs);
    const QCommandLineOption asn(u"asn"_qs, u"iBGP autonomous system (default 65000)."_qs,
                                 u"ASN"_qs, u"65000"_qs);
    const QCommandLineOption force(
        u"force"_qs, u"Replace DIR when it is a folder nqi config wrote (it lists what it wrote in "
                     "DIR/.nqi-config) and holds nothing else; only those files are removed."_qs);
    const QCommandLineOption noSave(u"no-save"_qs,
                                    u"Do not store a new or extended address plan."_qs);
    parser.addOptions({dialect, output, templates, asn, force, noSave, waitOption()});
    int exitCode = Success;
    QString path;
    if (!parse(parser, arguments, streams, exitCode, path))
        return exitCode;
    const QString command = arguments.constFirst();
    const std::optional<addressing::Dialect> which =
        addressing::dialectFromString(parser.value(dialect));
    if (!which) {
        return usageError(streams, parser, command,
                          parser.isSet(dialect)
                              ? u"--dialect must be frr, vrp, iosxr or junos"_qs
                              : u"give the devices' dialect with --dialect: frr, vrp, iosxr or "
                                "junos"_qs);
    }
    if (!parser.isSet(output))
        return usageError(streams, parser, command, u"give the folder to write with -o"_qs);
    bool asnOk = false;
    const qint64 asNumber = parser.value(asn).toLongLong(&asnOk);
    if (!asnOk || asNumber < 1 || asNumber > 4294967294LL)
        return usageError(streams, parser, command, u"--asn must be 1..4294967294"_qs);
    const QString target = QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(output)));
    return guarded(streams, [&]() -> int {
        core::refuseOutputThatIsInput(target, {path}, u"-o"_qs, true);
        // Unless --no-save, a new address plan is stored: the project is locked until then.
        std::unique_ptr<core::ProjectLock> lock;
        if (!parser.isSet(noSave))
            lock = lockProject(path, parser, command, streams);
        core::FileStamp stamp;
        core::Network network = core::ProjectStore::load(path, stamp);
        const addressing::Result plan = addressing::plan(network);
        const bool changed = !(network.addressPlan() == plan.plan);
        network.setAddressPlan(plan.plan);

        configgen::Options options;
        options.dialect = *which;
        options.asn = asNumber;
        options.version = QCoreApplication::applicationVersion();
        // Templates only from a folder the user names: one that merely lies beside the project
        // (perhaps sent with it) is not used.
        options.templateFolder = parser.value(templates);
        if (parser.isSet(templates) && !QFileInfo(options.templateFolder).isDir()) {
            throw core::Failure(
                core::makeError(options.templateFolder, 0, {}, u"no such folder"_qs));
        }
        const std::vector<configgen::RouterConfig> configs = configgen::generate(network, options);

        // A plan to store in a project that cannot be saved (read-only, ...) is refused before
        // the folder is replaced, not after.
        if (changed && !parser.isSet(noSave))
            (void)core::ReplacementTarget(path);
        const QStringList notes =
            configgen::writeFolder(network, options, configs, target, parser.isSet(force), {path});
        for (const QString &note : notes)
            streams.err << u"nqi: note: "_qs << note << u'\n';
        if (changed && !parser.isSet(noSave))
            core::ProjectStore::save(network, path, stamp);
        streams.err << u"%1: %2 %3 configurations, addresses.csv and README.md\n"_qs.arg(
            target, QString::number(configs.size()), addressing::toString(*which));
        return Success;
    });
}

} // namespace nqi::cli
