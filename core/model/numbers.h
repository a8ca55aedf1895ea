#pragma once

#include <QString>

#include <optional>

namespace nqi::core {

/// The shortest decimal text that reads back to exactly the same double ("0.1", "1066.8").
QString formatNumber(double value);
QString formatNumber(const std::optional<double> &value);

/**
 * Reads a whole number within [min, max] from text a person typed: digits with an optional
 * sign, or a number such as "1e6" or "64.0" whose value is whole. On anything else returns
 * nullopt and sets problem to a sentence that quotes the text (cut by excerpt()) and gives the
 * rule: "\"2.5\" is not a whole number", "1e19 is out of range 1..10000000".
 */
std::optional<qint64> parseInteger(QStringView text, qint64 min, qint64 max, QString &problem);

} // namespace nqi::core
