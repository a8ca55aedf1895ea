#include "widgets/resultformat.h"

#include "core/model/diagnostic.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QStringList>

#include <cmath>
#include <limits>

namespace nqi::widgets::resultformat {
namespace {

using planners::Format;

bool chinese(const QString &language)
{
    return language.startsWith(u"zh");
}

const QLocale &english()
{
    static const QLocale locale(QLocale::English);
    return locale;
}

// An array as a list: site paths joined, {sites, gbps} paths as "A–B–C (12.5 Gbps)".
QString listText(const QJsonValue &value, int itemsShown = 0)
{
    if (!value.isArray())
        return value.isString() ? value.toString() : QString();
    QStringList parts;
    const QJsonArray items = value.toArray();
    for (const QJsonValue &item : items) {
        if (itemsShown > 0 && parts.size() == itemsShown) {
            parts << u"… (+%1)"_qs.arg(items.size() - itemsShown);
            break;
        }
        if (item.isArray())
            parts << listText(item);
        else if (item.isObject() && item.toObject().contains(u"sites"_qs))
            parts << u"%1 (%2 Gbps)"_qs.arg(listText(item[u"sites"_qs]).replace(u", "_qs, u"–"_qs),
                                            numberText(item[u"gbps"_qs].toDouble()));
        else if (item.isString())
            parts << item.toString();
        else if (item.isDouble())
            parts << (item.toDouble() == std::floor(item.toDouble())
                          ? QString::number(qint64(item.toDouble()))
                          : numberText(item.toDouble()));
    }
    return parts.join(u", "_qs);
}

} // namespace

qint64 listedOf(const planners::TableDescriptor &table, const QJsonValue &result)
{
    if (table.total.isEmpty())
        return 0;
    const qint64 whole = valueAt(result, table.total).toInteger();
    return whole > valueAt(result, table.rows).toArray().size() ? whole : 0;
}

QJsonValue valueAt(const QJsonValue &root, const QString &path)
{
    if (path.isEmpty())
        return root;
    QJsonValue value = root;
    for (const QString &part : path.split(u'.')) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(part);
    }
    return value;
}

QJsonValue cellValue(const QJsonObject &row, const planners::ColumnDescriptor &column)
{
    const QJsonValue value = valueAt(row, column.field);
    if (column.element < 0)
        return value;
    const QJsonArray array = value.toArray();
    return column.element < array.size() ? array.at(column.element)
                                         : QJsonValue(QJsonValue::Undefined);
}

QString scenarioText(const QString &stored, const QString &language)
{
    const QString name = core::xmlPrintable(stored, true);
    if (!chinese(language))
        return name.startsWith(u"srlg "_qs) ? u"SRLG "_qs + name.mid(5) : name;
    if (name == u"normal")
        return u"正常"_qs;
    for (const auto &[en, zh] :
         {std::pair{u"links "_qs, u"链路 "_qs}, std::pair{u"link "_qs, u"链路 "_qs},
          std::pair{u"site "_qs, u"站点 "_qs}, std::pair{u"srlg "_qs, u"SRLG "_qs}})
        if (name.startsWith(en))
            return zh + name.mid(en.size());
    return name;
}

QString numberText(double value)
{
    if (!std::isfinite(value))
        return QString::number(value);
    const double magnitude = std::abs(value);
    if (magnitude >= 1e15)
        return english().toString(value, 'g', 6);
    // Decimals by magnitude; a value that rounds to a whole number (a load of 799.9999996 Gbps
    // after rerouting) is written as one.
    const int decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
    const double scale = std::pow(10.0, decimals);
    const double rounded = std::round(value * scale) / scale;
    if (rounded == std::round(rounded))
        return rounded == 0.0 && value != 0.0    ? english().toString(value, 'g', 3)
               : magnitude < 1 && rounded != 0.0 ? english().toString(value, 'g', 6) // 0.99995
                                                 : english().toString(rounded, 'f', 0);
    return english().toString(rounded, 'f', decimals);
}

QString percentText(double fraction)
{
    return english().toString(fraction * 100.0, 'f', 1) + u" %"_qs;
}

QString text(const QJsonValue &value, Format format, const QString &language, int itemsShown)
{
    if (value.isUndefined() || value.isNull())
        return {};
    switch (format) {
    case Format::Text:
    case Format::Problem: // as the planner words it
        return value.isDouble() ? numberText(value.toDouble())
                                : core::xmlPrintable(value.toString(), true);
    case Format::Scenario:
        return scenarioText(value.toString(), language);
    case Format::Integer:
        return value.isDouble() ? QString::number(value.toInteger()) : value.toString();
    case Format::Number:
        return value.isDouble() ? numberText(value.toDouble()) : value.toString();
    case Format::Percent:
        return value.isDouble() ? percentText(value.toDouble()) : value.toString();
    case Format::Bool:
        return value.toBool() ? (chinese(language) ? u"是"_qs : u"yes"_qs)
                              : (chinese(language) ? u"否"_qs : u"no"_qs);
    case Format::List:
        return core::xmlPrintable(listText(value, itemsShown), true);
    case Format::Count:
        return value.isArray() ? QString::number(value.toArray().size()) : QString();
    case Format::Scenarios: { // worst first: "link 7 A-B 93.1 %, site B 80.2 %"
        QStringList parts;
        for (const QJsonValue &scenario : value.toArray()) {
            if (itemsShown > 0 && parts.size() == itemsShown) {
                parts << u"… (+%1)"_qs.arg(value.toArray().size() - itemsShown);
                break;
            }
            parts << scenarioText(scenario[u"scenario"_qs].toString(), language) + u' ' +
                         percentText(scenario[u"utilization"_qs].toDouble());
        }
        return parts.join(chinese(language) ? u"；"_qs : u"; "_qs);
    }
    }
    return {};
}

bool isNumeric(Format format)
{
    return format == Format::Integer || format == Format::Number || format == Format::Percent ||
           format == Format::Count;
}

double sortValue(const QJsonValue &value, Format format)
{
    constexpr double missing = -std::numeric_limits<double>::infinity();
    switch (format) {
    case Format::Bool:
        return value.isBool() ? double(value.toBool()) : missing;
    case Format::Count:
    case Format::List:
        return value.isArray() ? double(value.toArray().size()) : missing;
    case Format::Scenarios: {
        const QJsonArray scenarios = value.toArray();
        return scenarios.isEmpty() ? missing : scenarios.first()[u"utilization"_qs].toDouble();
    }
    default:
        return value.isDouble() ? value.toDouble() : missing;
    }
}

QString withFields(QString text, const QJsonObject &result)
{
    static const QRegularExpression field(u"\\{([A-Za-z0-9_.]+)\\}"_qs);
    QRegularExpressionMatch match;
    qsizetype from = 0;
    while ((match = field.match(text, from)).hasMatch()) {
        const QJsonValue value = valueAt(result, match.captured(1));
        const QString replacement = value.isDouble() ? numberText(value.toDouble())
                                                     : core::xmlPrintable(value.toString(), true);
        text.replace(match.capturedStart(), match.capturedLength(), replacement);
        from = match.capturedStart() + replacement.size();
    }
    return text;
}

} // namespace nqi::widgets::resultformat
