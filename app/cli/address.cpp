// nqi address: the project's IPv6 plan, allocated (stably) and written as CSV.

#include "commands.h"

#include "core/io/csvwriter.h"
#include "core/io/outputfile.h"
#include "core/store/projectstore.h"
#include "planners/addressing/addressing.h"

#include <QCommandLineParser>
#include <QJsonDocument>

namespace nqi::cli {

namespace addressing = planners::addressing;

int runAddress(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Allocate the project's IPv6 address plan and write it as CSV, one row per interface "
        "(site,interface,address,prefix_length,link,peer_site,peer_interface).\n"
        "From the project prefix: a loopback /128 per router (a site with links), a /127 per "
        "link, an SRv6 locator /64 per router and a /48 per site; and a router ID (IPv4, unique "
        "in the project) per router. Blocks already allocated are kept, so adding sites or links "
        "renumbers nothing; the plan is saved in the project."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption prefix(
        u"prefix"_qs,
        u"Project prefix, /46 or shorter (default: the plan's, else 2001:db8::/32). A new "
        "prefix renumbers every block that is not fixed."_qs,
        u"PREFIX"_qs);
    const QCommandLineOption fix(u"fix"_qs,
                                 u"Fix a block (repeatable): SITE:lo=ADDR, SITE:locator=PREFIX, "
                                 "SITE:site=PREFIX, link:ID=PREFIX/127 or "
                                 "SITE:router-id=A.B.C.D."_qs,
                                 u"SPEC"_qs);
    const QCommandLineOption routerIdPool(
        u"router-id-pool"_qs,
        u"IPv4 prefix new router IDs come from (default 10.0.0.0/8); router IDs outside it that "
        "are not fixed are given anew from it."_qs,
        u"PREFIX"_qs);
    const QCommandLineOption dialect(u"dialect"_qs,
                                     u"Interface names of frr (default), vrp, iosxr or junos."_qs,
                                     u"DIALECT"_qs, u"frr"_qs);
    const QCommandLineOption csv(u"csv"_qs, u"CSV file to write (- for standard output)."_qs,
                                 u"FILE"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print a summary as JSON."_qs);
    const QCommandLineOption noSave(u"no-save"_qs, u"Do not store the plan in the project."_qs);
    parser.addOptions({prefix, fix, routerIdPool, dialect, csv, json, noSave, waitOption()});
    int exitCode = Success;
    QString path;
    if (!parse(parser, arguments, streams, exitCode, path))
        return exitCode;
    const QString command = arguments.constFirst();
    const std::optional<addressing::Dialect> names =
        addressing::dialectFromString(parser.value(dialect));
    if (!names) {
        return usageError(streams, parser, command,
                          parser.isSet(dialect)
                              ? u"--dialect must be frr, vrp, iosxr or junos"_qs
                              : u"give the devices' dialect with --dialect: frr, vrp, iosxr or "
                                "junos"_qs);
    }
    return guarded(streams, [&]() -> int {
        addressing::Options options;
        options.prefix = parser.value(prefix);
        options.routerIdPool = parser.value(routerIdPool);
        for (const QString &spec : parser.values(fix))
            options.fixes.push_back(addressing::parseFix(spec));
        if (parser.isSet(csv) && parser.value(csv) != u"-")
            core::refuseOutputThatIsInput(parser.value(csv), {path}, u"--csv"_qs);
        // Unless --no-save, the plan may be stored: the project is locked until then.
        std::unique_ptr<core::ProjectLock> lock;
        if (!parser.isSet(noSave))
            lock = lockProject(path, parser, command, streams);
        core::FileStamp stamp;
        core::Network network = core::ProjectStore::load(path, stamp);
        const addressing::Result result = addressing::plan(network, options);
        const bool changed = !(network.addressPlan() == result.plan);
        network.setAddressPlan(result.plan);
        const QByteArray table =
            addressing::toCsv(network, addressing::interfaces(network, result.plan, *names));
        // A plan to store in a project that cannot be saved (read-only, ...) is refused before
        // the table replaces anything, not after.
        if (changed && !parser.isSet(noSave))
            (void)core::ReplacementTarget(path);
        if (parser.isSet(csv)) {
            if (parser.value(csv) == u"-")
                streams.out << QString::fromUtf8(table);
            else
                core::writeFileAtomically(parser.value(csv), table);
        }
        if (changed && !parser.isSet(noSave))
            core::ProjectStore::save(network, path, stamp);
        QJsonObject summary = addressing::toJson(result);
        summary.insert(u"saved"_qs, changed && !parser.isSet(noSave));
        if (parser.isSet(json)) {
            streams.out << QString::fromUtf8(
                QJsonDocument(summary).toJson(QJsonDocument::Indented));
        } else if (!parser.isSet(csv) || parser.value(csv) != u"-") {
            streams.err << u"%1: address plan %2: %3 blocks kept, %4 added, %5 released%6\n"_qs.arg(
                path, result.plan.projectPrefix, QString::number(result.kept),
                QString::number(result.added), QString::number(result.dropped),
                summary[u"saved"_qs].toBool() ? u" (saved)"_qs : QString());
        }
        return Success;
    });
}

} // namespace nqi::cli
