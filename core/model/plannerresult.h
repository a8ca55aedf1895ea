#pragma once

#include <QByteArray>
#include <QString>

namespace nqi::core {

/// The stored result of a planner run: its JSON as the command line prints it, with what it
/// was run on, so that readers can tell whether the network changed since.
struct PlannerResult
{
    QString planner;        ///< "route", "resilience", "latency", "capacity", ...
    QString createdUtc;     ///< ISO 8601
    QString options;        ///< the options, as JSON text
    QByteArray inputDigest; ///< Network::digest() when it ran
    QByteArray json;        ///< the result, compact JSON

    bool operator==(const PlannerResult &) const = default;
};

} // namespace nqi::core
