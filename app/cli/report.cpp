// nqi report: a consultant's report of a project (PDF, ODT or HTML).

#include "commands.h"

#include "core/store/projectstore.h"
#include "report/report.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace nqi::cli {

int runReport(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Write a report of the project and its planner results: cover, executive summary, "
        "network map, sites, links with normal and worst-case utilisation, demands with latency "
        "and SLA, the ten worst failures, the capacity bill of materials, methods. Results "
        "stored in the project are used when current; stale or missing ones are computed and "
        "the report says so. Works without a display."_qs);
    parser.addPositionalArgument(u"project"_qs, u"The project (.gpkg)."_qs, u"PROJECT.gpkg"_qs);
    const QCommandLineOption output({u"o"_qs, u"output"_qs},
                                    u"The report: FILE.pdf, FILE.odt or FILE.html."_qs, u"FILE"_qs);
    const QCommandLineOption language(u"lang"_qs, u"en (default) or zh."_qs, u"LANG"_qs, u"en"_qs);
    const QCommandLineOption sections(u"sections"_qs,
                                      u"Comma-separated sections (default all): "_qs +
                                          report::sectionNames().join(u", "_qs) + u'.',
                                      u"LIST"_qs);
    const QCommandLineOption author(u"author"_qs, u"Author on the cover."_qs, u"NAME"_qs);
    const QCommandLineOption logo(u"logo"_qs, u"An image for the cover."_qs, u"FILE"_qs);
    parser.addOptions({output, language, sections, author, logo});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one project file"_qs);
    if (!parser.isSet(output))
        return usageError(streams, parser, command, u"give the report file with -o"_qs);
    if (parser.value(language) != u"en" && parser.value(language) != u"zh")
        return usageError(streams, parser, command, u"--lang must be en or zh"_qs);
    if (parser.isSet(sections) &&
        parser.value(sections).split(u',', Qt::SkipEmptyParts).isEmpty())
        return usageError(streams, parser, command,
                          u"--sections names no section; give some of "_qs +
                              report::sectionNames().join(u','));
    try {
        const QString project = parser.positionalArguments().constFirst();
        const core::Network network = core::ProjectStore::load(project);
        report::Options options;
        options.inputs = {project};
        if (parser.isSet(logo))
            options.inputs << parser.value(logo);
        options.language = parser.value(language);
        if (parser.isSet(sections))
            options.sections = parser.value(sections).split(u',', Qt::SkipEmptyParts);
        options.author = parser.value(author);
        options.logo = parser.value(logo);
        options.version = QCoreApplication::applicationVersion();
        for (const QString &note : report::write(network, parser.value(output), options))
            streams.err << u"note: "_qs << note << u'\n';
        return Success;
    } catch (const core::Failure &failure) {
        printError(streams, failure);
        return Failed;
    }
}

} // namespace nqi::cli
