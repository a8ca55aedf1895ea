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

/**
 * RFC 4180 CSV in UTF-8 (a byte-order mark is skipped; CRLF or LF; quoted fields may span lines).
 * Rows are parsed one at a time, so a million-row file never exists as a million row objects.
 */
class CsvReader
{
public:
    /// Reads and decodes the file. Throws Failure with file and line on bad UTF-8.
    explicit CsvReader(const QString &path);
    CsvReader(const QByteArray &data, const QString &displayName);

    /// The next non-blank row; false at the end. Throws Failure with the line on bad quoting.
    bool next(CsvRow &row);

    const QString &displayName() const { return m_displayName; }

    /// All rows at once (small files, tests).
    static QList<CsvRow> parse(const QByteArray &data, const QString &displayName);

private:
    void decode(const QByteArray &data);

    QString m_displayName;
    QString m_text;
    qsizetype m_position = 0;
    qint64 m_line = 1;
};

} // namespace nqi::core
