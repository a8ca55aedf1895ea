#include "core/io/csvwriter.h"

#include "core/model/diagnostic.h"

namespace nqi::core {

QString CsvWriter::quoted(const QString &field)
{
    const bool needsQuotes = field.contains(u',') || field.contains(u'"') ||
                             field.contains(u'\n') || field.contains(u'\r') ||
                             field.startsWith(u' ') || field.endsWith(u' ');
    if (!needsQuotes)
        return field;
    QString escaped = field;
    escaped.replace(u"\""_qs, u"\"\""_qs);
    return u'"' + escaped + u'"';
}

QByteArray CsvWriter::format(const QStringList &header, const QList<QStringList> &rows)
{
    QString text;
    auto appendRow = [&text](const QStringList &fields) {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                text += u',';
            text += quoted(fields[i]);
        }
        text += u'\n';
    };
    appendRow(header);
    for (const QStringList &row : rows)
        appendRow(row);
    return text.toUtf8();
}

} // namespace nqi::core
