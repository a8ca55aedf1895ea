#pragma once

// A table read from any tabular source (CSV, a GDAL layer): named columns, rows of text, and
// where each row came from. One interpreter turns tables into sites, links or demands.

#include "core/io/importer.h"
#include "core/model/region.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace nqi::core {

enum class TableContent { Unknown, Sites, Links, Demands };

struct Record
{
    qint64 line = 0; ///< CSV line, 0 for GDAL features
    QString feature; ///< "feature 12" for GDAL sources
    QStringList values;
    std::optional<LatLon> point;
    std::optional<std::pair<LatLon, LatLon>> lineEnds;
};

struct RecordTable
{
    QString file;
    QString layer; ///< GDAL layer name, empty for CSV
    QStringList columns;
    bool hasPoints = false;
    bool hasLines = false;
    /// Yields the rows one by one (a table is read once); throws Failure on a bad row.
    std::function<bool(Record &)> next;
};

TableContent classify(const RecordTable &table);

/// Adds a warning to the report, or throws it as an error marked "(--strict)" in strict mode.
void reportWarning(ImportReport &report, const ImportOptions &options, Diagnostic warning);

/// Adds the table's rows to the network; throws Failure naming file and line on any bad row.
void importTable(Network &network,
                 const RecordTable &table,
                 TableContent content,
                 const ImportOptions &options,
                 ImportReport &report);

RecordTable csvTable(const QString &path);
/// The layers of a vector file GDAL reads (local formats only; VRT when options allow it).
/// Notes (a coordinate system assumed) go to the report.
QList<RecordTable>
gdalTables(const QString &path, const ImportOptions &options, ImportReport &report);
void importGraphml(Network &network,
                   const QString &path,
                   const ImportOptions &options,
                   ImportReport &report);

} // namespace nqi::core
