#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace nqi::core {

/// Writes RFC 4180 CSV (UTF-8, LF line ends, fields quoted only when needed).
class CsvWriter
{
public:
    static QByteArray format(const QStringList &header, const QList<QStringList> &rows);
    static QString quoted(const QString &field);
};

/// Writes data to path atomically (temporary file beside it, then rename). Throws Failure.
void writeFileAtomically(const QString &path, const QByteArray &data);

} // namespace nqi::core
