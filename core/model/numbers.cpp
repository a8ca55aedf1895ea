#include "core/model/numbers.h"

#include "core/model/diagnostic.h"

#include <QLocale>

#include <cmath>

namespace nqi::core {

QString formatNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString formatNumber(const std::optional<double> &value)
{
    return value ? formatNumber(*value) : QString();
}

std::optional<qint64> parseInteger(QStringView text, qint64 min, qint64 max, QString &problem)
{
    const QStringView trimmed = text.trimmed();
    const QString quoted = u'"' + excerpt(trimmed) + u'"';
    const QString range = u"%1..%2"_qs.arg(min).arg(max);
    bool ok = false;
    const qint64 value = trimmed.toLongLong(&ok);
    if (ok) {
        if (value < min || value > max) {
            problem = u"%1 is out of range %2"_qs.arg(quoted, range);
            return std::nullopt;
        }
        return value;
    }
    // Whole numbers written as reals ("1e6", "64.0"); compared as doubles before any
    // conversion, so that 1e19 or 1e300 are out of range rather than undefined.
    const double real = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(real)) {
        problem = u"%1 is not a number; give a whole number in %2"_qs.arg(quoted, range);
        return std::nullopt;
    }
    if (real != std::floor(real)) {
        problem = u"%1 is not a whole number; give a whole number in %2"_qs.arg(quoted, range);
        return std::nullopt;
    }
    if (real < double(min) || real > double(max) || std::fabs(real) >= 0x1p63) {
        problem = u"%1 is out of range %2"_qs.arg(quoted, range);
        return std::nullopt;
    }
    return qint64(real);
}

} // namespace nqi::core
