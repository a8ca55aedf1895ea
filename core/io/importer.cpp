#include "core/io/importer.h"

#include "core/io/recordtable_p.h"

#include <QFile>
#include <QFileInfo>

namespace nqi::core {
namespace {

enum class Format { Graphml, Csv, Gdal };

Format detectFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"graphml")
        return Format::Graphml;
    if (suffix == u"csv" || suffix == u"txt")
        return Format::Csv;
    if (suffix == u"xml") {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.read(4096).contains("<graphml"))
            return Format::Graphml;
    }
    return Format::Gdal;
}

} // namespace

void reportWarning(ImportReport &report, const ImportOptions &options, Diagnostic warning)
{
    if (options.strict) {
        warning.severity = Diagnostic::Severity::Error;
        warning.message += u" (--strict)"_qs;
        throw Failure(warning);
    }
    report.warnings << warning;
}

ImportReport
Importer::importFiles(Network &network, const QStringList &paths, const ImportOptions &options)
{
    // Parse every file before changing anything, then add sites before what refers to them.
    struct Pending
    {
        RecordTable table;
        TableContent content;
    };
    QStringList graphmlFiles;
    QList<Pending> tables;
    ImportReport report;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.exists())
            throw Failure(makeError(path, 0, {}, u"no such file"_qs));
        if (!info.isFile() || !info.isReadable())
            throw Failure(makeError(path, 0, {}, u"not a readable file"_qs));
        if (info.size() == 0)
            throw Failure(makeError(path, 0, {}, u"the file is empty"_qs));
        switch (detectFormat(path)) {
        case Format::Graphml:
            graphmlFiles << path;
            break;
        case Format::Csv: {
            RecordTable table = csvTable(path);
            const TableContent content = classify(table);
            tables.append({std::move(table), content});
            break;
        }
        case Format::Gdal: {
            QList<RecordTable> layers = gdalTables(path, options, report);
            const bool several = layers.size() > 1;
            for (RecordTable &table : layers) {
                const TableContent content = classify(table);
                if (content == TableContent::Unknown && several) {
                    // A dataset of several layers (another project, a GIS export) may hold
                    // layers that are not sites, links or demands: say so and go on.
                    reportWarning(
                        report, options,
                        makeWarning(
                            path, 0, u"layer "_qs + table.layer,
                            u"neither sites, links nor demands (columns: %1); left out"_qs.arg(
                                table.columns.join(u", "_qs))));
                    continue;
                }
                tables.append({std::move(table), content});
            }
            break;
        }
        }
    }
    for (const Pending &pending : std::as_const(tables)) {
        if (pending.content == TableContent::Unknown) {
            ImportReport unused;
            importTable(network, pending.table, pending.content, options, unused); // throws
        }
    }

    Network working = network;
    for (const QString &path : std::as_const(graphmlFiles))
        importGraphml(working, path, options, report);
    for (const TableContent content :
         {TableContent::Sites, TableContent::Links, TableContent::Demands}) {
        for (const Pending &pending : std::as_const(tables)) {
            if (pending.content == content)
                importTable(working, pending.table, content, options, report);
        }
    }
    network = std::move(working);
    return report;
}

} // namespace nqi::core
