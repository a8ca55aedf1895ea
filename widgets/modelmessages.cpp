#include "widgets/modelmessages.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace nqi::widgets {
namespace {

// Looked up at run time; lupdate reads the literals below.
constexpr const char *kContext = "nqi::widgets::ModelMessages";

// The model's texts (core/model/network.cpp, widgets/commands.cpp) as they are written there,
// with %1, %2 where the model puts values. Keep them in step with the model: a text that no
// longer matches is shown in English.
const char *const kPlaces[] = {
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "site %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "link #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "demand #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "region #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "region %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "constellation #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "constellation %1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "project"),
};

const char *const kMessages[] = {
    // Any object.
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "id %1 is out of range 1..%2"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "id %1 is already used"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such site"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such link"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such demand"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such site to update"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such link to update"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no such demand to update"),
    // Sites.
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "code \"%1\" is not valid: use 1-63 ASCII letters, digits, '-' or '_', "
                      "starting with a letter or digit"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "code \"%1\" is already used by site #%2; codes must be unique (ignoring "
                      "case)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "latitude %1 is out of range -90..90 degrees"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "longitude %1 is out of range -180..180 degrees"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "GPU count %1 must not be negative"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "power %1 MW must not be negative"),
    // Links.
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "end A refers to unknown site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "end B refers to unknown site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "both ends are the same site #%1 (a self-loop); a link must join two "
                      "different sites"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "capacity %1 Gbps must be positive"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "parallel count %1 is out of range 1..%2 (circuits in one link's bundle)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "length %1 km must be positive"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "length %1 km is longer than %2 km, the longest a link may be (2.5 times "
                      "round the equator); give the route length in km"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "route factor %1 must be at least 1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "IGP metric %1 is out of range 1..16777215 (IS-IS wide metrics)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "cost %1 must not be negative"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "availability %1 must be in (0, 1]"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "SRLG name \"%1\" is empty or contains ';'"),
    // Demands.
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "source is unknown site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "destination is unknown site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "source and destination are the same site #%1"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "rate %1 Gbps must be positive"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "volume %1 TB must be positive"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "window %1 h must be positive"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "needs a rate in Gbps, or a volume in TB with a window in hours"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "latency bound %1 ms must be positive"),
    // Why a planner could not serve a demand (a result's "problem": planners/route/te.cpp,
    // planners/resilience/resilience.cpp); the longer form of a text first.
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "site %1 lies outside its allowed regions (%2)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no path between its sites"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "no path stays within its allowed regions (%1)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "no path within %1 ms in its allowed regions (%2) (the fastest takes %3 "
                      "ms)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages",
                      "no path within %1 ms (the fastest takes %2 ms)"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no path at all joins %1 and %2"),
    QT_TRANSLATE_NOOP("nqi::widgets::ModelMessages", "no two link-disjoint paths join %1 and %2"),
};

struct Pattern
{
    QRegularExpression expression;
    const char *text;
};

// "latitude %1 is out of range" matches "latitude 95 is out of range"; group n holds %n.
QList<Pattern> patternsOf(const auto &texts)
{
    static const QRegularExpression placeholder(u"%([1-9])"_qs);
    QList<Pattern> patterns;
    for (const char *text : texts) {
        const QString source = QString::fromUtf8(text);
        QString expression = u"^"_qs;
        qsizetype from = 0;
        for (const QRegularExpressionMatch &match : placeholder.globalMatch(source)) {
            expression +=
                QRegularExpression::escape(source.mid(from, match.capturedStart() - from));
            expression += u"(?<v"_qs + match.captured(1) + u">.+?)"_qs;
            from = match.capturedEnd();
        }
        expression += QRegularExpression::escape(source.mid(from)) + u'$';
        patterns.append({QRegularExpression(expression), text});
    }
    return patterns;
}

// The text in the interface's language; itself when no pattern fits or none is translated.
QString translated(const QString &text, const QList<Pattern> &patterns)
{
    if (text.isEmpty())
        return text;
    for (const Pattern &pattern : patterns) {
        const QRegularExpressionMatch match = pattern.expression.match(text);
        if (!match.hasMatch())
            continue;
        const QString translation = QCoreApplication::translate(kContext, pattern.text);
        if (translation == QString::fromUtf8(pattern.text))
            return text;
        // Every %n at once, so a value holding "%2" stays as it is.
        QString result;
        for (qsizetype i = 0; i < translation.size(); ++i) {
            const QChar c = translation.at(i);
            if (c == u'%' && i + 1 < translation.size() && translation.at(i + 1) >= u'1' &&
                translation.at(i + 1) <= u'9') {
                result += match.captured(u"v"_qs + translation.at(i + 1));
                ++i;
            } else {
                result += c;
            }
        }
        return result;
    }
    return text;
}

} // namespace

QString messageText(const QString &message)
{
    static const QList<Pattern> messages = patternsOf(kMessages);
    return translated(message, messages);
}

QString diagnosticText(const core::Diagnostic &diagnostic)
{
    static const QList<Pattern> places = patternsOf(kPlaces);
    const QString where = translated(diagnostic.where, places);
    const QString message = messageText(diagnostic.message);
    if (where == diagnostic.where && message == diagnostic.message)
        return diagnostic.toString();
    QString text;
    if (!diagnostic.file.isEmpty()) {
        text += diagnostic.file;
        if (diagnostic.line > 0)
            text += u':' + QString::number(diagnostic.line);
        text += u": "_qs;
    }
    if (diagnostic.severity == core::Diagnostic::Severity::Warning)
        text += QCoreApplication::translate("nqi::widgets::ModelMessages", "warning: ");
    return text + (where.isEmpty()
                       ? message
                       : QCoreApplication::translate("nqi::widgets::ModelMessages", "%1: %2")
                             .arg(where, message));
}

} // namespace nqi::widgets
