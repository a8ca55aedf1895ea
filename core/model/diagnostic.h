#pragma once

#include <QList>
#include <QString>

#include <stdexcept>

namespace nqi::core {

/// Where and what: a message about an input file, a line or feature in it, or a model object.
struct Diagnostic
{
    enum class Severity { Warning, Error };

    Severity severity = Severity::Error;
    QString file;    ///< file the problem is in; empty for model checks
    qint64 line = 0; ///< 1-based line, 0 when not known
    QString where;   ///< feature, column or object ("site PEK", "column lat")
    QString message; ///< what is wrong and, where useful, what to do

    /// "file:line: where: message", parts omitted when empty.
    QString toString() const;
};

using Diagnostics = QList<Diagnostic>;

/// Thrown by importers, the project store and model operations: the operation did nothing.
class Failure : public std::runtime_error
{
public:
    explicit Failure(Diagnostic diagnostic);
    explicit Failure(const QString &message);

    const Diagnostic &diagnostic() const { return m_diagnostic; }

private:
    Diagnostic m_diagnostic;
};

/**
 * Text from an input as a message may show it: whole when short, else its first `limit`
 * characters and "… (N bytes)", so that a 1 MB header or title does not flood the terminal.
 * Line breaks and other control characters show as spaces (a message is one line).
 */
QString excerpt(QStringView text, qsizetype limit = 80);

/**
 * Text an XML 1.0 file can hold (a report's HTML and ODT, KML, GML): C0 controls but tab and line
 * breaks, unpaired surrogates, U+FFFE and U+FFFF become U+FFFD; with oneLine, line breaks and
 * tabs become spaces. Markup is escaped by the writers, never here.
 */
QString xmlPrintable(const QString &text, bool oneLine = false);

Diagnostic
makeError(const QString &file, qint64 line, const QString &where, const QString &message);
Diagnostic
makeWarning(const QString &file, qint64 line, const QString &where, const QString &message);

} // namespace nqi::core
