#include "core/model/diagnostic.h"

namespace nqi::core {

QString Diagnostic::toString() const
{
    QString text;
    if (!file.isEmpty()) {
        text += file;
        if (line > 0)
            text += u':' + QString::number(line);
        text += u": "_qs;
    }
    if (severity == Severity::Warning)
        text += u"warning: "_qs;
    if (!where.isEmpty())
        text += where + u": "_qs;
    text += message;
    return text;
}

Failure::Failure(Diagnostic diagnostic)
    : std::runtime_error(diagnostic.toString().toStdString())
    , m_diagnostic(std::move(diagnostic))
{
}

Failure::Failure(const QString &message)
    : Failure(Diagnostic{Diagnostic::Severity::Error, {}, 0, {}, message})
{
}

QString excerpt(QStringView text, qsizetype limit)
{
    const bool cut = text.size() > limit;
    QString shown = (cut ? text.left(limit) : text).toString();
    // Keep a surrogate pair whole.
    if (cut && !shown.isEmpty() && shown.back().isHighSurrogate())
        shown.chop(1);
    for (QChar &c : shown) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    if (cut)
        shown += u"… (%1 bytes)"_qs.arg(text.toUtf8().size());
    return shown;
}

Diagnostic makeError(const QString &file, qint64 line, const QString &where, const QString &message)
{
    return Diagnostic{Diagnostic::Severity::Error, file, line, where, message};
}

Diagnostic
makeWarning(const QString &file, qint64 line, const QString &where, const QString &message)
{
    return Diagnostic{Diagnostic::Severity::Warning, file, line, where, message};
}

QString xmlPrintable(const QString &text, bool oneLine)
{
    QString out = text;
    for (qsizetype i = 0; i < out.size(); ++i) {
        const char16_t c = out.at(i).unicode();
        bool allowed = c >= 0x20 || c == u'\t' || c == u'\n' || c == u'\r';
        if (oneLine && c < 0x20)
            allowed = false;
        if (c == 0xfffe || c == 0xffff)
            allowed = false;
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 < out.size() && out.at(i + 1).isLowSurrogate()) {
                ++i; // a pair: a character beyond the BMP
                continue;
            }
            allowed = false;
        } else if (QChar::isLowSurrogate(c)) {
            allowed = false;
        }
        if (!allowed)
            out[i] = oneLine && (c == u'\n' || c == u'\r' || c == u'\t')
                         ? QChar(u' ')
                         : QChar(QChar::ReplacementCharacter);
    }
    return out;
}

} // namespace nqi::core
