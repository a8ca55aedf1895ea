#pragma once

#include "core/model/jsonobject.h"
#include "core/model/kinds.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace nqi::core {

using SiteId = qint64;

/// A place on the map: a hub, a data centre, an ingest site, a ground station...
struct Site
{
    SiteId id = 0; ///< stable, positive, never reused within a project
    QString code;  ///< unique ASCII code [A-Za-z0-9_-], used for hostnames
    QString name;  ///< display name, any Unicode
    SiteKind kind = SiteKind::Pop;
    double latitudeDeg = 0.0;  ///< WGS84
    double longitudeDeg = 0.0; ///< WGS84, -180..180
    QString region;            ///< province or region name used for residency rules
    std::optional<qint64> gpus;
    std::optional<double> powerMw;
    QString role;           ///< free text: "route_reflector", "core", ...
    QJsonObject attributes; ///< anything else a user imported

    bool operator==(const Site &) const = default;
};

} // namespace nqi::core
