#pragma once

#include "core/model/constellation.h"
#include "core/model/diagnostic.h"
#include "planners/satellite/sgp4.h"

#include <QList>
#include <QString>

#include <optional>

namespace nqi::planners::satellite {

/// One element set read from a TLE file.
struct TleRecord
{
    QString name;    ///< from the title line of a 3-line set, else empty
    qint64 line = 0; ///< 1-based line of "line 1" in the file
    MeanElements elements;
    /// Start, stop and step in minutes after column 69 of line 2, as Vallado's verification
    /// file gives them; absent in ordinary TLE files.
    std::optional<double> startMinutes, stopMinutes, stepMinutes;
};

struct TleSet
{
    QList<TleRecord> records;
    core::Diagnostics warnings; ///< problems tolerated in lenient mode
};

/**
 * Reads two- and three-line element sets. Every line 1 and line 2 is checked: length (69
 * columns), line numbers, blanks where the format has them, each field's characters and range,
 * the modulo-10 checksum, and that both lines name the same satellite. Blank lines and lines
 * starting with '#' are skipped. A problem throws core::Failure naming the file, line, columns
 * and field; with lenient, a bad checksum becomes a warning and an element set that cannot be
 * read is left out with a warning, so the rest is kept.
 */
TleSet readTle(const QString &text, const QString &fileName, bool lenient = false);

/// Reads a TLE file from disk (UTF-8 or ASCII); a missing file is a Failure.
TleSet readTleFile(const QString &path, bool lenient = false);

/// The modulo-10 checksum of columns 1-68: digits count their value, '-' counts 1.
int tleChecksum(const QString &line);

/**
 * Mean elements of every satellite of a Walker-delta shell i:T/P/F at an altitude, circular,
 * without drag, at an epoch: plane p has right ascension 360 p / P, satellite s in it mean
 * anomaly 360 s / S + 360 F p / T (S = T / P). The mean motion is chosen so that SGP4's mean
 * semi-major axis is the Earth's radius (WGS72) plus the altitude. Satellite numbers start at
 * firstSatnum.
 */
QList<MeanElements> walkerShell(const core::WalkerShell &shell,
                                double epochJd,
                                double epochJdFraction,
                                int firstSatnum = 1);

/// "T/P/F:INC:ALT_KM", e.g. "72/22/1:53:550"; throws core::Failure with what is wrong.
core::WalkerShell parseWalker(const QString &text);

} // namespace nqi::planners::satellite
