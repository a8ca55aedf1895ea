#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace nqi::core {

struct CsvRow
{
    qint64 line = 0; ///< 1-based line the record starts on
    QStringList fields;
};

/// RFC 4180 CSV in UTF-8 (a byte-order mark is skipped; CRLF or LF; quoted fields may span lines).
class CsvReader
{
public:
    /// Parses the whole file. Throws Failure with file and line on bad UTF-8 or an open quote.
    static QList<CsvRow> readFile(const QString &path);
    static QList<CsvRow> parse(const QByteArray &data, const QString &displayName);
};

} // namespace nqi::core
