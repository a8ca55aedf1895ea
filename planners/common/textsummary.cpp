#include "planners/common/textsummary.h"

#include "core/model/numbers.h"

#include <algorithm>
#include <cmath>

namespace nqi::planners::text {

QString plain(double value)
{
    if (std::isfinite(value) && std::trunc(value) == value && std::abs(value) < 1e15)
        return QString::number(qint64(value));
    return core::formatNumber(value);
}

QString percent(double fraction)
{
    return QString::number(fraction * 100.0, 'f', 1) + u'%';
}

QString ms(double value)
{
    return QString::number(value, 'f', 3) + u" ms"_qs;
}

QString fixed(const QJsonValue &value, int decimals)
{
    return QString::number(value.toDouble(), 'f', decimals);
}

QJsonArray array(const QJsonObject &json, const QString &key)
{
    return json.value(key).toArray();
}

QStringList texts(const QJsonArray &values)
{
    QStringList list;
    for (const QJsonValue &value : values)
        list << (value.isString() ? value.toString() : plain(value.toDouble()));
    return list;
}

QList<QJsonObject> largestFirst(const QJsonArray &rows, const QString &field)
{
    QList<QJsonObject> sorted;
    for (const QJsonValue &row : rows)
        sorted << row.toObject();
    std::stable_sort(sorted.begin(), sorted.end(), [&field](const auto &a, const auto &b) {
        return a.value(field).toDouble() > b.value(field).toDouble();
    });
    return sorted;
}

QString linkName(const QJsonObject &link)
{
    return u"link %1 %2-%3"_qs.arg(link.value(u"id"_qs).toInteger())
        .arg(link.value(u"a"_qs).toString(), link.value(u"b"_qs).toString());
}

} // namespace nqi::planners::text
