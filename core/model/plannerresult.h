#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace nqi::core {

/// The stored result of a planner run: its JSON as the command line prints it, with what it
/// was run on, so that readers can tell whether the network changed since. The JSON is as the
/// project file holds it, unchecked: read it through planners::readStoredResult, which checks it
/// against its planner's schema (a damaged result is stale, never a source of figures).
struct PlannerResult
{
    QString planner;        ///< "route", "resilience", "latency", "capacity", ...
    QString createdUtc;     ///< ISO 8601
    QString options;        ///< the options, as JSON text
    QByteArray inputDigest; ///< Network::digest() when it ran
    QByteArray json;        ///< the result, compact JSON

    /// The options it ran with (to run it again alike), empty when none were stored.
    QJsonObject optionsObject() const { return QJsonDocument::fromJson(options.toUtf8()).object(); }

    bool operator==(const PlannerResult &) const = default;
};

} // namespace nqi::core
