#pragma once

#include <QList>
#include <QString>

namespace nqi::core {

using ConstellationId = qint64;

/// One Walker-delta shell i:T/P/F at an altitude.
struct WalkerShell
{
    int totalSatellites = 0; ///< T
    int planes = 0;          ///< P
    int phasing = 0;         ///< F, 0..P-1
    double inclinationDeg = 0.0;
    double altitudeKm = 0.0;

    bool operator==(const WalkerShell &) const = default;
};

enum class IslPattern { None, PlusGrid };

/// A satellite constellation: Walker shells or a TLE set.
struct Constellation
{
    ConstellationId id = 0;
    QString name;
    QList<WalkerShell> shells;
    QString tleText; ///< two- or three-line element sets, as read
    double minElevationDeg = 25.0;
    IslPattern islPattern = IslPattern::None;

    bool operator==(const Constellation &) const = default;
};

} // namespace nqi::core
