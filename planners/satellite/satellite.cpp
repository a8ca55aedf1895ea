#include "planners/satellite/satellite.h"

#include "core/model/limits.h"
#include "planners/satellite/tle.h"

#include <QHash>
#include <QJsonArray>
#include <QTimeZone>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <cmath>
#include <limits>

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
                                          core::Diagnostics *warnings,
                                          std::vector<WalkerGrid> *grids)
{
    // Counted before any is made: a shell of 2,000,000,000 grew to 22 GB.
    if (const qint64 count = core::satelliteCount(constellation);
        count > core::limits::kMaxSatellites)
        throw core::Failure(core::makeError(
            constellation.name, 0, {},
            u"%1 satellites are more than %2, the most one constellation may hold"_qs.arg(count)
                .arg(core::limits::kMaxSatellites)));
    QList<MeanElements> elements;
    for (const core::WalkerShell &shell : constellation.shells) {
        if (grids)
            grids->push_back({int(elements.size()), shell.planes,
                              shell.planes > 0 ? shell.totalSatellites / shell.planes : 0,
                              shell.altitudeKm});
        elements += walkerShell(shell, epochJd, epochJdFraction, int(elements.size()) + 1);
    }
    const qsizetype walkerCount = elements.size();
    if (!constellation.tleText.trimmed().isEmpty()) {
        const TleSet set = readTle(constellation.tleText, constellation.name, true);
        if (warnings)
            *warnings += set.warnings;
        for (const TleRecord &record : set.records)
            elements.append(record.elements);
    }
    std::vector<Sgp4> satellites;
    satellites.reserve(size_t(elements.size()));
    for (qsizetype i = 0; i < elements.size(); ++i) {
        const MeanElements &e = elements[i];
        Sgp4 satellite(e);
        if (satellite.initError() != Sgp4Error::None) {
            if (i < walkerCount && grids) // the shells' grids no longer line up: none
                grids->clear();
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

std::optional<double>
fibreLatencyMs(const core::Network &network, core::SiteId from, core::SiteId to)
{
    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                              boost::property<boost::edge_weight_t, double>>;
    QHash<core::SiteId, int> index;
    for (const core::Site &site : network.sites())
        index.insert(site.id, int(index.size()));
    if (!index.contains(from) || !index.contains(to))
        return std::nullopt;
    Graph graph(size_t(index.size()));
    for (const core::Link &link : network.links()) {
        if (link.medium == core::LinkMedium::SatelliteFeeder ||
            link.medium == core::LinkMedium::Isl)
            continue;
        boost::add_edge(size_t(index.value(link.siteA)), size_t(index.value(link.siteB)),
                        network.latencyMs(link), graph);
    }
    std::vector<double> distances(boost::num_vertices(graph));
    boost::dijkstra_shortest_paths(graph, size_t(index.value(from)),
                                   boost::distance_map(distances.data()));
    const double ms = distances[size_t(index.value(to))];
    if (!std::isfinite(ms) || ms >= std::numeric_limits<double>::max() / 2)
        return std::nullopt;
    return ms;
}

double reportedFootprintRadiusKm(const core::Constellation &constellation,
                                 const std::vector<Sgp4> &satellites)
{
    return reportedFootprintRadiusKm(constellation, satellites,
                                     GslRule{constellation.minElevationDeg, std::nullopt});
}

double reportedFootprintRadiusKm(const core::Constellation &constellation,
                                 const std::vector<Sgp4> &satellites,
                                 const GslRule &rule)
{
    if (!constellation.shells.isEmpty() && constellation.tleText.trimmed().isEmpty())
        return footprintRadiusKm(constellation.shells.constFirst().altitudeKm, rule);
    if (satellites.empty())
        return 0.0;
    double sum = 0.0;
    for (const Sgp4 &satellite : satellites)
        sum += footprintRadiusKm(satellite.semiMajorAxisKm() - wgs72::radiusKm, rule);
    return sum / double(satellites.size());
}

GslRule PlanOptions::gslRule() const
{
    GslRule rule;
    rule.minElevationDeg =
        gslMinElevation ? std::optional<double>(constellation.minElevationDeg) : std::nullopt;
    rule.maxRangeKm = gslMaxRangeKm;
    return rule;
}

PlanOptions PlanOptions::forConstellation(const core::Constellation &constellation)
{
    PlanOptions options;
    options.constellation = constellation;
    options.gslMaxRangeKm = constellation.gslMaxRangeKm;
    options.gslMinElevation = constellation.gslMinElevation || !constellation.gslMaxRangeKm;
    if (const std::optional<IslPairing> pairing = islPairingOf(constellation.islPattern)) {
        options.isl = true;
        options.islPairing = *pairing;
        options.islShift = *pairing == IslPairing::Hypatia ? constellation.islShift : 0;
    }
    return options;
}

std::optional<IslPairing> islPairingOf(core::IslPattern pattern)
{
    switch (pattern) {
    case core::IslPattern::None:
        return std::nullopt;
    case core::IslPattern::PlusGrid:
        return IslPairing::PlusGrid;
    case core::IslPattern::Hypatia:
        return IslPairing::Hypatia;
    }
    return std::nullopt;
}

core::IslPattern islPatternOf(IslPairing pairing)
{
    return pairing == IslPairing::Hypatia ? core::IslPattern::Hypatia : core::IslPattern::PlusGrid;
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

    if (options.from) // the window's steps are bounded before any satellite is made
        stepCount(double(options.from->msecsTo(*options.to)) / 1000.0, options.stepSeconds);
    const GslRule rule = options.gslRule();
    rule.check();

    double epochJd = 0.0, epochFraction = 0.0;
    toJulian(options.from.value_or(QDateTime::currentDateTimeUtc()), epochJd, epochFraction);
    std::vector<WalkerGrid> grids;
    const std::vector<Sgp4> satellites =
        constellationSatellites(constellation, epochJd, epochFraction, &result.warnings, &grids);
    if (satellites.empty())
        throw core::Failure(u"no satellite could be propagated"_qs);
    result.satellites = int(satellites.size());
    result.minElevationDeg = constellation.minElevationDeg;
    result.gsl = rule;
    result.islPairing = options.islPairing;
    result.islShift = options.islShift;
    result.footprintRadiusKm = reportedFootprintRadiusKm(constellation, satellites, rule);
    for (WalkerGrid &w : grids) {
        w.pairing = options.islPairing;
        w.shift = options.islShift;
    }
    if (options.isl && options.path) // a pairing the shells cannot make, before any work
        for (const WalkerGrid &w : grids)
            islLinks(w, satellites.size());

    if (options.area && options.from) {
        CoverageOptions coverageOptions;
        coverageOptions.gsl = rule;
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
    if ((!options.stations.isEmpty() || options.path) && !options.from)
        throw core::Failure(u"visibility windows and path latency need a time window"_qs);
    TimeGrid grid;
    grid.startJd = epochJd;
    grid.startJdFraction = epochFraction;
    grid.stepSeconds = options.stepSeconds;
    grid.gsl = rule;
    if (options.from)
        grid.durationSeconds = double(options.from->msecsTo(*options.to)) / 1000.0;
    for (const GroundPoint &station : options.stations)
        result.stations.append({station, visibility(satellites, station, grid, progress)});
    if (options.path) {
        if (options.isl && grids.empty())
            result.warnings.append(core::makeWarning(
                {}, 0, {},
                u"inter-satellite links need Walker shells (their planes); the path is bent "
                "pipe only"_qs));
        result.path = pathLatency(satellites, options.path->first, options.path->second, grid,
                                  options.isl ? grids : std::vector<WalkerGrid>{}, progress);
        result.pathFrom = options.path->first;
        result.pathTo = options.path->second;
        result.fibreMs = options.fibreMs;
        result.from = *options.from;
        result.to = *options.to;
        result.stepSeconds = options.stepSeconds;
    }
    return result;
}

QJsonObject toJson(const PlanResult &result)
{
    auto optional = [](const std::optional<double> &value) {
        return value ? QJsonValue(*value) : QJsonValue();
    };
    QJsonObject json{{u"satellites"_qs, result.satellites},
                     {u"footprintRadiusKm"_qs, result.footprintRadiusKm},
                     {u"minElevationDeg"_qs, optional(result.gsl.minElevationDeg)},
                     {u"gslMaxRangeKm"_qs, optional(result.gsl.maxRangeKm)}};
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
    auto iso = [&result](double seconds) {
        return result.from.addMSecs(qint64(std::llround(seconds * 1000.0))).toString(Qt::ISODate);
    };
    if (!result.stations.isEmpty()) {
        QJsonArray stations;
        for (const StationResult &station : result.stations) {
            QJsonArray windows;
            for (const VisibilityWindow &w : station.visibility.windows) {
                if (windows.size() >= 500)
                    break;
                windows.append(QJsonObject{{u"satnum"_qs, w.satnum},
                                           {u"aos"_qs, iso(w.aosSeconds)},
                                           {u"los"_qs, iso(w.losSeconds)},
                                           {u"maxElevationDeg"_qs, w.maxElevationDeg}});
            }
            stations.append(
                QJsonObject{{u"name"_qs, station.point.name},
                            {u"latitudeDeg"_qs, station.point.latitudeDeg},
                            {u"longitudeDeg"_qs, station.point.longitudeDeg},
                            {u"passes"_qs, qint64(station.visibility.windows.size())},
                            {u"visiblePercent"_qs, station.visibility.visiblePercent},
                            {u"longestGapSeconds"_qs, station.visibility.longestGapSeconds},
                            {u"meanSatellitesInView"_qs, station.visibility.meanSatellitesInView},
                            {u"windows"_qs, windows}});
        }
        json.insert(u"stations"_qs, stations);
    }
    if (result.path) {
        auto stats = [](const LatencyStats &s, bool hops) {
            auto number = [](double v) {
                return std::isnan(v) ? QJsonValue() : QJsonValue(v);
            };
            QJsonObject o{{u"meanMs"_qs, number(s.meanMs)},
                          {u"minMs"_qs, number(s.minMs)},
                          {u"maxMs"_qs, number(s.maxMs)},
                          {u"availablePercent"_qs, s.availablePercent}};
            if (hops)
                o.insert(u"meanHops"_qs, number(s.meanHops));
            return o;
        };
        QJsonObject path{{u"from"_qs, result.pathFrom.name},
                         {u"to"_qs, result.pathTo.name},
                         {u"greatCircleKm"_qs, result.path->greatCircleKm},
                         {u"bentPipe"_qs, stats(result.path->bentPipe, false)}};
        if (result.path->hasIsl) {
            QJsonObject isl = stats(result.path->isl, true);
            isl.insert(u"pairing"_qs, islPairingName(result.islPairing));
            if (result.islPairing == IslPairing::Hypatia)
                isl.insert(u"shift"_qs, result.islShift);
            isl.insert(u"links"_qs, result.path->islLinks);
            isl.insert(u"linksLeftOut"_qs, result.path->islLinksLeftOut);
            path.insert(u"isl"_qs, isl);
        }
        if (result.fibreMs)
            path.insert(u"fibreMs"_qs, *result.fibreMs);
        json.insert(u"path"_qs, path);
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
