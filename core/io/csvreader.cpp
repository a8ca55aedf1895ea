#include "core/io/csvreader.h"

#include "core/model/diagnostic.h"

#include <QBuffer>
#include <QFile>
#include <QStringDecoder>

#include <algorithm>

namespace nqi::core {
namespace {

// Bytes read at a time; a row longer than this is read in doubling steps.
constexpr qint64 kChunkBytes = 256 * 1024;

} // namespace

CsvReader::CsvReader(const QString &path)
    : m_displayName(path)
{
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        throw Failure(makeError(path, 0, {}, u"cannot read: "_qs + file->errorString()));
    m_device = std::move(file);
}

CsvReader::CsvReader(const QByteArray &data, const QString &displayName)
    : m_displayName(displayName)
    , m_data(data)
{
    auto buffer = std::make_unique<QBuffer>(&m_data);
    buffer->open(QIODevice::ReadOnly);
    m_device = std::move(buffer);
}

CsvReader::~CsvReader() = default;

// Reads at least `atLeast` more bytes (or to the end) and decodes them up to the last whole
// line. UTF-8 never has a newline byte inside a character, so whole lines decode alone.
bool CsvReader::fill(qint64 atLeast)
{
    if (m_position > 0) {
        m_text.remove(0, m_position);
        m_position = 0;
    }
    qint64 got = 0;
    bool lineEnded = false;
    while (!m_eof && (got < atLeast || !lineEnded)) {
        const QByteArray chunk = m_device->read(std::max(atLeast - got, kChunkBytes));
        if (chunk.isEmpty()) {
            if (!m_device->atEnd()) {
                throw Failure(makeError(m_displayName, m_decodedLine, {},
                                        u"cannot read: "_qs + m_device->errorString()));
            }
            m_eof = true;
            break;
        }
        got += chunk.size();
        lineEnded = lineEnded || chunk.contains('\n');
        m_pending += chunk;
    }
    const qsizetype cut = m_eof ? m_pending.size() : m_pending.lastIndexOf('\n') + 1;
    if (cut <= 0)
        return got > 0;
    appendDecoded(m_pending.left(cut));
    m_pending.remove(0, cut);
    return true;
}

void CsvReader::appendDecoded(const QByteArray &lines)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    QString decoded = decoder(lines);
    if (decoder.hasError()) {
        // Find the line of the first bad byte for the message.
        qint64 line = m_decodedLine;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i] != '\n')
                continue;
            QStringDecoder probe(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString probed =
                probe(QByteArrayView(lines.constData() + lineStart, i + 1 - lineStart));
            if (probe.hasError() || probed.contains(QChar::ReplacementCharacter))
                break;
            ++line;
            lineStart = i + 1;
        }
        throw Failure(makeError(m_displayName, line, {},
                                u"not valid UTF-8 text; save the file as UTF-8 and try again"_qs));
    }
    m_decodedLine += lines.count('\n');
    if (m_atStart && !decoded.isEmpty()) {
        if (decoded.startsWith(QChar(0xFEFF)))
            decoded.remove(0, 1);
        m_atStart = false;
    }
    m_text += decoded;
}

bool CsvReader::next(CsvRow &row)
{
    qint64 want = kChunkBytes;
    while (true) {
        if (m_position >= m_text.size()) {
            if (m_eof)
                return false;
            fill(want);
            continue;
        }
        const qsizetype start = m_position;
        const qint64 startLine = m_line;
        try {
            if (parseRow(row))
                return true;
            want = kChunkBytes; // a blank line: on to the next
        } catch (const NeedMore &) {
            // The row goes on past the lines read: read more and parse it again.
            m_position = start;
            m_line = startLine;
            fill(want);
            want = std::min<qint64>(want * 2, 64 * 1024 * 1024);
        }
    }
}

// Parses one row from m_position. Throws NeedMore when the row runs past the text decoded so
// far and the file goes on; returns false for a blank line.
bool CsvReader::parseRow(CsvRow &row)
{
    const QString &text = m_text;
    const qsizetype n = text.size();
    const auto atEnd = [this, n](qsizetype i) {
        if (i < n)
            return false;
        if (!m_eof)
            throw NeedMore{};
        return true;
    };
    row.line = m_line;
    row.fields.clear();
    bool lineIsBlank = true;
    while (true) {
        // One field.
        qsizetype i = m_position;
        if (!atEnd(i) && text.at(i) == u'"') {
            lineIsBlank = false;
            const qint64 quoteLine = m_line;
            QString field;
            ++i;
            while (true) {
                if (atEnd(i)) {
                    throw Failure(makeError(m_displayName, quoteLine, {},
                                            u"a quoted field is never closed (the file may "
                                            "be truncated)"_qs));
                }
                const qsizetype quote = text.indexOf(u'"', i);
                if (quote < 0 && !m_eof)
                    throw NeedMore{};
                const qsizetype end = quote < 0 ? n : quote;
                const QStringView chunk = QStringView(text).mid(i, end - i);
                m_line += chunk.count(u'\n');
                field += chunk;
                i = end;
                if (quote < 0)
                    continue;
                if (!atEnd(i + 1) && text.at(i + 1) == u'"') {
                    field += u'"';
                    i += 2;
                    continue;
                }
                ++i; // the closing quote
                break;
            }
            row.fields << field;
            if (!atEnd(i) && text.at(i) != u',' && text.at(i) != u'\n' && text.at(i) != u'\r') {
                throw Failure(makeError(m_displayName, m_line, {},
                                        u"text after a closing quote; quote the whole "
                                        "field"_qs));
            }
        } else {
            const qsizetype start = i;
            while (!atEnd(i)) {
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
        if (!atEnd(i) && text.at(i) == u',') {
            lineIsBlank = false;
            m_position = i + 1;
            continue;
        }
        bool newline = false;
        if (!atEnd(i) && text.at(i) == u'\r') {
            ++i;
            newline = true;
        }
        if (!atEnd(i) && text.at(i) == u'\n') {
            ++i;
            newline = true;
        }
        if (newline)
            ++m_line;
        m_position = i;
        return !lineIsBlank;
    }
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
