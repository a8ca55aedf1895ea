#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

class QIODevice;

namespace nqi::core {

struct CsvRow
{
    qint64 line = 0; ///< 1-based line the record starts on
    QStringList fields;
};

/**
 * RFC 4180 CSV in UTF-8 (a byte-order mark is skipped; CRLF or LF; quoted fields may span lines).
 * The file is streamed: rows are parsed one at a time from a window of whole lines read as
 * needed, so memory follows the longest row, not the file (a million-row file is never in
 * memory at once, neither as text nor as rows).
 */
class CsvReader
{
public:
    /// Opens the file. Throws Failure with the file when it cannot be read.
    explicit CsvReader(const QString &path);
    CsvReader(const QByteArray &data, const QString &displayName);
    ~CsvReader();
    CsvReader(const CsvReader &) = delete;
    CsvReader &operator=(const CsvReader &) = delete;

    /// The next non-blank row; false at the end. Throws Failure with file and line on bad
    /// quoting, on bad UTF-8 (the line of the first bad byte) and on a read error.
    bool next(CsvRow &row);

    const QString &displayName() const { return m_displayName; }

    /// All rows at once (small files, tests).
    static QList<CsvRow> parse(const QByteArray &data, const QString &displayName);

private:
    struct NeedMore
    {
    };
    bool parseRow(CsvRow &row);
    bool fill(qint64 atLeast);
    void appendDecoded(const QByteArray &lines);

    QString m_displayName;
    QByteArray m_data; ///< the bytes given to the second constructor
    std::unique_ptr<QIODevice> m_device;
    QByteArray m_pending; ///< bytes read after the last whole line
    QString m_text;       ///< decoded whole lines from the current row on
    qsizetype m_position = 0;
    qint64 m_line = 1;        ///< line of m_position
    qint64 m_decodedLine = 1; ///< line the next decoded bytes start on (for UTF-8 errors)
    bool m_atStart = true;    ///< nothing decoded yet (a byte-order mark may follow)
    bool m_eof = false;       ///< the device has nothing more
};

} // namespace nqi::core
