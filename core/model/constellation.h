#pragma once

#include <QList>
#include <QString>

#include <optional>

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

/// Which satellites of a Walker shell inter-satellite links pair (docs/satellites.md).
enum class IslPattern {
    None,     ///< no inter-satellite links
    PlusGrid, ///< nqi's +Grid: the same slot in the adjacent planes
    Hypatia,  ///< Hypatia's +Grid: slot j to slot j + islShift of the next plane
};

/// A satellite constellation: Walker shells or a TLE set, with the rule by which a ground point
/// may link a satellite and the pattern of its inter-satellite links.
struct Constellation
{
    ConstellationId id = 0;
    QString name;
    QList<WalkerShell> shells;
    QString tleText; ///< two- or three-line element sets, as read
    double minElevationDeg = 25.0;
    /// Hypatia's ground-satellite rule: a link while the slant range is at most this, km
    /// (0, limits::kMaxGslRangeKm]; none: the minimum elevation alone.
    std::optional<double> gslMaxRangeKm;
    /// With a maximum slant range, whether the minimum elevation holds as well (false: the
    /// range alone, as Hypatia). Without one, the minimum elevation always holds.
    bool gslMinElevation = true;
    IslPattern islPattern = IslPattern::None;
    /// Hypatia's isl_shift, 0..satellites per plane - 1; 0 unless the pattern is Hypatia's.
    int islShift = 0;

    bool operator==(const Constellation &) const = default;
};

} // namespace nqi::core
