#include "core/model/numbers.h"

#include <QLocale>

namespace nqi::core {

QString formatNumber(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

QString formatNumber(const std::optional<double> &value)
{
    return value ? formatNumber(*value) : QString();
}

} // namespace nqi::core
