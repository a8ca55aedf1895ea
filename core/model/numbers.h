#pragma once

#include <QString>

#include <optional>

namespace nqi::core {

/// The shortest decimal text that reads back to exactly the same double ("0.1", "1066.8").
QString formatNumber(double value);
QString formatNumber(const std::optional<double> &value);

} // namespace nqi::core
