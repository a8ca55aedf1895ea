#include "planners/satellite/satellite.h"

#include "planners/satellite/tle.h"

#include <QJsonArray>
#include <QTimeZone>

#include <cmath>

namespace nqi::planners::satellite {

namespace {
constexpr double unixEpochJd = 2440587.5;
constexpr double msPerDay = 86400000.0;
} // namespace

void toJulian(const QDateTime &utc, double &jd, double &fraction)
{
    const qint64 ms = utc.toMSecsSinceEpoch();
    const qint64 days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    jd = unixEpochJd + double(days);
    fraction = double(ms - days * 86400000) / msPerDay;
}

QDateTime fromJulian(double jd, double fraction)
{
    const double days = (jd - unixEpochJd) + fraction;
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(days * msPerDay)), QTimeZone::utc());
}

std::vector<Sgp4> constellationSatellites(const core::Constellation &constellation,
                                          double epochJd,
                                          double epochJdFraction,
                                          core::Diagnostics *warnings)
{
    QList<MeanElements> elements;
    if (!constellation.tleText.trimmed().isEmpty()) {
        const TleSet set = readTle(constellation.tleText, constellation.name, true);
        if (warnings)
            *warnings += set.warnings;
        for (const TleRecord &record : set.records)
            elements.append(record.elements);
    }
    for (const core::WalkerShell &shell : constellation.shells)
        elements += walkerShell(shell, epochJd, epochJdFraction, int(elements.size()) + 1);
    std::vector<Sgp4> satellites;
    satellites.reserve(size_t(elements.size()));
    for (const MeanElements &e : elements) {
        Sgp4 satellite(e);
        if (satellite.initError() != Sgp4Error::None) {
            if (warnings)
                warnings->append(
                    core::makeWarning(constellation.name, 0, u"satellite %1"_qs.arg(e.satnum),
                                      u"left out: %1 at its epoch"_qs.arg(
                                          QString::fromLatin1(errorText(satellite.initError())))));
            continue;
        }
        satellites.push_back(std::move(satellite));
    }
    return satellites;
}

double reportedFootprintRadiusKm(const core::Constellation &constellation,
                                 const std::vector<Sgp4> &satellites)
{
    const double elevation = constellation.minElevationDeg;
    if (!constellation.shells.isEmpty() && constellation.tleText.trimmed().isEmpty())
        return footprintRadiusKm(constellation.shells.constFirst().altitudeKm, elevation);
    if (satellites.empty())
        return 0.0;
    double sum = 0.0;
    for (const Sgp4 &satellite : satellites)
        sum += footprintRadiusKm(satellite.semiMajorAxisKm() - wgs72::radiusKm, elevation);
    return sum / double(satellites.size());
}

PlanResult plan(const PlanOptions &options, Progress &progress)
{
    PlanResult result;
    const core::Constellation &constellation = options.constellation;
    if (constellation.shells.isEmpty() && constellation.tleText.trimmed().isEmpty())
        throw core::Failure(u"no satellites: give Walker shells or a TLE file"_qs);
    if (options.from.has_value() != options.to.has_value())
        throw core::Failure(u"a time window needs both its start and its end"_qs);
    if (options.from && *options.to < *options.from)
        throw core::Failure(u"the time window ends (%1) before it starts (%2)"_qs.arg(
            options.to->toString(Qt::ISODate), options.from->toString(Qt::ISODate)));

    double epochJd = 0.0, epochFraction = 0.0;
    toJulian(options.from.value_or(QDateTime::currentDateTimeUtc()), epochJd, epochFraction);
    const std::vector<Sgp4> satellites =
        constellationSatellites(constellation, epochJd, epochFraction, &result.warnings);
    if (satellites.empty())
        throw core::Failure(u"no satellite could be propagated"_qs);
    result.satellites = int(satellites.size());
    result.minElevationDeg = constellation.minElevationDeg;
    result.footprintRadiusKm = reportedFootprintRadiusKm(constellation, satellites);

    if (options.area && options.from) {
        CoverageOptions coverageOptions;
        coverageOptions.minElevationDeg = constellation.minElevationDeg;
        coverageOptions.gridDeg = options.gridDeg;
        coverageOptions.startJd = epochJd;
        coverageOptions.startJdFraction = epochFraction;
        coverageOptions.durationSeconds = double(options.from->msecsTo(*options.to)) / 1000.0;
        coverageOptions.stepSeconds = options.stepSeconds;
        result.coverage =
            coverage(satellites, *options.area, coverageOptions, progress, options.threads);
        result.areaName = options.area->name;
        result.from = *options.from;
        result.to = *options.to;
        result.stepSeconds = options.stepSeconds;
    }
    return result;
}

QJsonObject toJson(const PlanResult &result)
{
    QJsonObject json{{u"satellites"_qs, result.satellites},
                     {u"footprintRadiusKm"_qs, result.footprintRadiusKm},
                     {u"minElevationDeg"_qs, result.minElevationDeg}};
    if (result.coverage) {
        const CoverageResult &c = *result.coverage;
        json.insert(u"coverage"_qs,
                    QJsonObject{{u"meanPercent"_qs, c.meanPercent},
                                {u"minPercent"_qs, c.minPercent},
                                {u"maxGapSeconds"_qs, c.maxGapSeconds},
                                {u"meanSatellitesInView"_qs, c.meanSatellitesInView},
                                {u"minSatellitesInView"_qs, c.minSatellitesInView},
                                {u"area"_qs, result.areaName},
                                {u"gridDeg"_qs, c.gridDeg},
                                {u"cells"_qs, c.cells},
                                {u"steps"_qs, c.steps},
                                {u"from"_qs, result.from.toString(Qt::ISODate)},
                                {u"to"_qs, result.to.toString(Qt::ISODate)},
                                {u"stepSeconds"_qs, result.stepSeconds},
                                {u"satellitesWithErrors"_qs, c.satellitesWithErrors}});
    }
    if (!result.warnings.isEmpty()) {
        QJsonArray warnings;
        for (const core::Diagnostic &warning : result.warnings)
            warnings.append(warning.toString());
        json.insert(u"warnings"_qs, warnings);
    }
    return json;
}

} // namespace nqi::planners::satellite
