#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace nqi::planners {

/// What a planner's summary in words (`nqi plan NAME` without --json) is written from.
struct TextContext
{
    QTextStream &out;
    const QJsonObject &json;
    const QJsonObject &options; ///< checked, with defaults
    const QStringList &given;   ///< keys of the options given on the command line
};

/// A planner's summary in words of its result, in English, as `nqi plan NAME` prints it.
using TextSummary = std::function<void(const TextContext &)>;

/// Helpers for the summaries: numbers and rows as the command line writes them.
namespace text {
/// A number as people write it: whole numbers in full ("10000000", not "1e+07").
QString plain(double value);
/// A fraction as a percentage, one decimal: "93.1%".
QString percent(double fraction);
/// Milliseconds, three decimals: "4.012 ms".
QString ms(double value);
QString fixed(const QJsonValue &value, int decimals);
QJsonArray array(const QJsonObject &json, const QString &key);
/// Strings as they are, numbers written plainly.
QStringList texts(const QJsonArray &values);
/// The rows of an array sorted by a field, largest first (stable).
QList<QJsonObject> largestFirst(const QJsonArray &rows, const QString &field);
/// A row naming a link by "id", "a" and "b": "link 7 A-B".
QString linkName(const QJsonObject &link);
} // namespace text

} // namespace nqi::planners
