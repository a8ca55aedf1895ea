#include "core/io/csvreader.h"

#include "core/model/diagnostic.h"

#include <QFile>
#include <QStringDecoder>

namespace nqi::core {

CsvReader::CsvReader(const QString &path)
    : m_displayName(path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Failure(makeError(path, 0, {}, u"cannot read: "_qs + file.errorString()));
    decode(file.readAll());
}

CsvReader::CsvReader(const QByteArray &data, const QString &displayName)
    : m_displayName(displayName)
{
    decode(data);
}

void CsvReader::decode(const QByteArray &data)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    m_text = decoder(data);
    if (decoder.hasError()) {
        // Find the line of the first bad byte for the message.
        qint64 line = 1;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < data.size(); ++i) {
            if (data[i] != '\n')
                continue;
            QStringDecoder probe(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded =
                probe(QByteArrayView(data.constData() + lineStart, i + 1 - lineStart));
            if (probe.hasError() || decoded.contains(QChar::ReplacementCharacter))
                break;
            ++line;
            lineStart = i + 1;
        }
        throw Failure(makeError(m_displayName, line, {},
                                u"not valid UTF-8 text; save the file as UTF-8 and try again"_qs));
    }
    if (m_text.startsWith(QChar(0xFEFF)))
        m_position = 1;
}

bool CsvReader::next(CsvRow &row)
{
    const QString &text = m_text;
    const qsizetype n = text.size();
    while (m_position < n) {
        row.line = m_line;
        row.fields.clear();
        bool lineIsBlank = true;
        bool endOfRow = false;
        while (!endOfRow) {
            // One field.
            qsizetype i = m_position;
            if (i < n && text.at(i) == u'"') {
                lineIsBlank = false;
                const qint64 quoteLine = m_line;
                QString field;
                ++i;
                while (true) {
                    if (i >= n) {
                        throw Failure(makeError(m_displayName, quoteLine, {},
                                                u"a quoted field is never closed (the file may "
                                                "be truncated)"_qs));
                    }
                    const qsizetype quote = text.indexOf(u'"', i);
                    const qsizetype end = quote < 0 ? n : quote;
                    const QStringView chunk = QStringView(text).mid(i, end - i);
                    m_line += chunk.count(u'\n');
                    field += chunk;
                    i = end;
                    if (quote < 0)
                        continue;
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        field += u'"';
                        i += 2;
                        continue;
                    }
                    ++i; // the closing quote
                    break;
                }
                row.fields << field;
                if (i < n && text.at(i) != u',' && text.at(i) != u'\n' && text.at(i) != u'\r') {
                    throw Failure(makeError(m_displayName, m_line, {},
                                            u"text after a closing quote; quote the whole "
                                            "field"_qs));
                }
            } else {
                const qsizetype start = i;
                while (i < n) {
                    const QChar c = text.at(i);
                    if (c == u',' || c == u'\n' || c == u'\r')
                        break;
                    if (c == u'"') {
                        throw Failure(makeError(m_displayName, m_line, {},
                                                u"a quote inside an unquoted field; quote the "
                                                "whole field and double the inner quotes "
                                                "(\"\")"_qs));
                    }
                    ++i;
                }
                if (i > start)
                    lineIsBlank = false;
                row.fields << text.mid(start, i - start);
            }
            // What ends the field.
            if (i < n && text.at(i) == u',') {
                lineIsBlank = false;
                m_position = i + 1;
                continue;
            }
            bool newline = false;
            if (i < n && text.at(i) == u'\r') {
                ++i;
                newline = true;
            }
            if (i < n && text.at(i) == u'\n') {
                ++i;
                newline = true;
            }
            if (newline)
                ++m_line;
            m_position = i;
            endOfRow = true;
        }
        if (!lineIsBlank)
            return true;
    }
    return false;
}

QList<CsvRow> CsvReader::parse(const QByteArray &data, const QString &displayName)
{
    CsvReader reader(data, displayName);
    QList<CsvRow> rows;
    CsvRow row;
    while (reader.next(row))
        rows << row;
    return rows;
}

} // namespace nqi::core
