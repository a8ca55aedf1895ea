#pragma once

#include "core/io/outputfile.h"

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

} // namespace nqi::core
