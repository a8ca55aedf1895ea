#include "core/io/csvreader.h"

#include "core/model/diagnostic.h"

#include <QFile>
#include <QStringDecoder>

namespace nqi::core {

QList<CsvRow> CsvReader::readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure(makeError(path, 0, {}, u"cannot read: "_qs + file.errorString()));
    return parse(file.readAll(), path);
}

QList<CsvRow> CsvReader::parse(const QByteArray &data, const QString &displayName)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(data);
    if (decoder.hasError()) {
        // Find the line of the first bad byte for the message.
        qint64 line = 1;
        for (qsizetype i = 0; i < data.size(); ++i) {
            QStringDecoder probe(QStringDecoder::Utf8);
            const QString prefix = probe(QByteArrayView(data.constData(), i + 1));
            if (probe.hasError() || prefix.contains(QChar::ReplacementCharacter))
                break;
            if (data[i] == '\n')
                ++line;
        }
        throw Failure(makeError(displayName, line, {},
                                u"not valid UTF-8 text; save the file as UTF-8 and try again"_qs));
    }

    QList<CsvRow> rows;
    qsizetype i = 0;
    if (text.startsWith(QChar(0xFEFF)))
        i = 1;
    qint64 line = 1;
    CsvRow row{line, {}};
    QString field;
    bool inQuotes = false;
    bool fieldWasQuoted = false;
    qint64 quoteLine = 0;
    const qsizetype n = text.size();
    auto endRow = [&] {
        // A line with nothing on it (not even "") is blank: skip it.
        const bool blank = row.fields.isEmpty() && field.isEmpty() && !fieldWasQuoted;
        row.fields << field;
        field.clear();
        fieldWasQuoted = false;
        if (!blank)
            rows << row;
        row = CsvRow{line, {}};
    };
    for (; i < n; ++i) {
        const QChar c = text.at(i);
        if (inQuotes) {
            if (c == u'"') {
                if (i + 1 < n && text.at(i + 1) == u'"') {
                    field += u'"';
                    ++i;
                } else {
                    inQuotes = false;
                }
            } else {
                if (c == u'\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == u'"') {
            if (!field.trimmed().isEmpty() || fieldWasQuoted) {
                throw Failure(makeError(displayName, line, {},
                                        u"a quote inside an unquoted field; quote the whole field "
                                        "and double the inner quotes (\"\")"_qs));
            }
            field.clear();
            inQuotes = true;
            fieldWasQuoted = true;
            quoteLine = line;
        } else if (c == u',') {
            row.fields << field;
            field.clear();
            fieldWasQuoted = false;
        } else if (c == u'\r') {
            // CR of CRLF (or a lone CR): the row ends at the LF, or here.
            if (!(i + 1 < n && text.at(i + 1) == u'\n')) {
                ++line;
                endRow();
            }
        } else if (c == u'\n') {
            ++line;
            endRow();
        } else {
            if (fieldWasQuoted) {
                throw Failure(makeError(displayName, line, {},
                                        u"text after a closing quote; quote the whole field"_qs));
            }
            field += c;
        }
    }
    if (inQuotes) {
        throw Failure(makeError(displayName, quoteLine, {},
                                u"a quoted field is never closed (the file may be truncated)"_qs));
    }
    if (!field.isEmpty() || !row.fields.isEmpty() || fieldWasQuoted)
        endRow();
    return rows;
}

} // namespace nqi::core
