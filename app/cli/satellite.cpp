// nqi sgp4 and nqi plan satellite: propagation and coverage of constellations.

#include "commands.h"

#include "core/io/vectorfile.h"
#include "core/model/numbers.h"
#include "core/store/projectstore.h"
#include "planners/common/parallel.h"
#include "planners/satellite/satellite.h"
#include "planners/satellite/tle.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace nqi::cli {

namespace sat = planners::satellite;
using core::Failure;

namespace {

bool readNumber(const QCommandLineParser &parser,
                const QCommandLineOption &option,
                double &value,
                QString &problem)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    value = parser.value(option).toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        problem = u"--%1 needs a number, not \"%2\""_qs.arg(option.names().constLast(),
                                                            core::excerpt(parser.value(option)));
        return false;
    }
    return true;
}

std::optional<QDateTime> readTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no zone given: the times are UTC
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

} // namespace

int runSgp4(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Propagate every satellite of a TLE file with SGP4/SDP4 (WGS72, improved mode) and "
        "print, per satellite, a line \"<satnum> xx\" and then one line per time: minutes "
        "since its epoch, position x y z (km) and velocity vx vy vz (km/s) in the TEME frame, "
        "the layout of Vallado's tcppver.out. Times: --from/--to/--step, else the start, stop "
        "and step columns after column 69 of line 2 (Vallado's verification file), else the "
        "epoch to 1440 minutes every 360. A satellite that stops (decayed, eccentricity out of "
        "range) is reported on standard error and the next one follows."_qs);
    parser.addPositionalArgument(u"FILE.tle"_qs, u"Two- or three-line element sets."_qs);
    const QCommandLineOption from(u"from"_qs, u"First time, minutes since each epoch."_qs,
                                  u"MIN"_qs);
    const QCommandLineOption to(u"to"_qs, u"Last time, minutes since each epoch."_qs, u"MIN"_qs);
    const QCommandLineOption step(u"step"_qs, u"Time step in minutes."_qs, u"MIN"_qs);
    const QCommandLineOption lenient(
        u"lenient"_qs,
        u"Report bad lines as warnings and keep every element set that can be read."_qs);
    parser.addOptions({from, to, step, lenient});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    if (parser.positionalArguments().size() != 1)
        return usageError(streams, parser, command, u"give one TLE file"_qs);
    double fromMinutes = 0.0, toMinutes = 1440.0, stepMinutes = 360.0;
    QString problem;
    if (!readNumber(parser, from, fromMinutes, problem) ||
        !readNumber(parser, to, toMinutes, problem) ||
        !readNumber(parser, step, stepMinutes, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(from) != parser.isSet(to))
        return usageError(streams, parser, command, u"give both --from and --to"_qs);
    if (!(stepMinutes > 0.0))
        return usageError(streams, parser, command, u"--step must be positive"_qs);
    if (toMinutes < fromMinutes)
        return usageError(streams, parser, command, u"--to is before --from"_qs);

    return guarded(streams, [&]() -> int {
        const sat::TleSet set =
            sat::readTleFile(parser.positionalArguments().constFirst(), parser.isSet(lenient));
        for (const core::Diagnostic &warning : set.warnings)
            streams.err << u"nqi: "_qs << warning.toString() << u'\n';
        for (const sat::TleRecord &record : set.records) {
            double start = fromMinutes, stop = toMinutes, every = stepMinutes;
            if (!parser.isSet(from) && record.stepMinutes) {
                start = *record.startMinutes;
                stop = *record.stopMinutes;
                every = parser.isSet(step) ? stepMinutes : *record.stepMinutes;
            }
            const sat::Sgp4 satellite(record.elements);
            const sat::Ephemeris ephemeris = sat::tabulate(satellite, start, stop, every);
            streams.out << record.elements.satnum << u" xx\n"_qs;
            for (size_t i = 0; i < ephemeris.minutes.size(); ++i) {
                const sat::State &s = ephemeris.states[i];
                streams.out << QString::asprintf(" %16.8f %16.8f %16.8f %16.8f %12.9f %12.9f "
                                                 "%12.9f\n",
                                                 ephemeris.minutes[i], s.r[0], s.r[1], s.r[2],
                                                 s.v[0], s.v[1], s.v[2]);
            }
            if (ephemeris.error != sat::Sgp4Error::None)
                streams.err << u"nqi: satellite %1 (line %2): stopped at %3 min: %4 (SGP4 error "
                               "%5)\n"_qs.arg(record.elements.satnum)
                                   .arg(record.line)
                                   .arg(core::formatNumber(ephemeris.errorMinutes))
                                   .arg(QString::fromLatin1(sat::errorText(ephemeris.error)))
                                   .arg(int(ephemeris.error));
        }
        return Success;
    });
}

int runPlanSatellite(const QStringList &arguments, Streams streams)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Satellite constellations: footprints and coverage of an area over a time window. "
        "Satellites come from --walker shells, a --tle file, or else the project's "
        "constellations. Coverage needs an area (--bbox or --region) and a window (--from, "
        "--to): grid cells of --grid degrees weighted by cos(latitude); a cell is covered when a "
        "satellite may link it: at or above --min-elev, or within --gsl-max-range-km (Hypatia's "
        "rule), or both when both are given. The same rule holds for --station and --path. A "
        "project's constellation brings its own rule and inter-satellite links; the options "
        "given replace them."_qs);
    parser.addPositionalArgument(u"PROJECT.gpkg"_qs,
                                 u"Optional: its constellations and regions."_qs, u"[PROJECT]"_qs);
    const QCommandLineOption walker(
        u"walker"_qs,
        u"A Walker-delta shell T/P/F:INCLINATION_DEG:ALTITUDE_KM (T satellites in P planes, "
        "phasing F), e.g. 1584/72/17:53:550; repeat for more shells."_qs,
        u"SHELL"_qs);
    const QCommandLineOption tle(u"tle"_qs, u"Two- or three-line element sets."_qs, u"FILE"_qs);
    const QCommandLineOption lenient(u"lenient"_qs,
                                     u"Keep the readable element sets of a TLE file with bad "
                                     "lines (reported as warnings)."_qs);
    const QCommandLineOption minElev(u"min-elev"_qs,
                                     u"Minimum elevation in degrees (default 25, or the "
                                     "project constellation's); with --gsl-max-range-km both "
                                     "limits hold."_qs,
                                     u"DEG"_qs);
    const QCommandLineOption gslMaxRange(
        u"gsl-max-range-km"_qs,
        u"Link a ground point and a satellite while the straight-line distance between them is "
        "at most KM (Hypatia's rule, e.g. 1089.686 for its Starlink shell), instead of the "
        "minimum elevation; give --min-elev as well to require both. Without it, a project "
        "constellation's maximum slant range holds (with --min-elev, both)."_qs,
        u"KM"_qs);
    const QCommandLineOption bbox(u"bbox"_qs, u"Area as a box in degrees."_qs, u"W,S,E,N"_qs);
    const QCommandLineOption region(
        u"region"_qs,
        u"Area as a region of the project, else a province or country of the basemap."_qs,
        u"NAME"_qs);
    const QCommandLineOption grid(u"grid"_qs, u"Grid cell size in degrees (default 1)."_qs,
                                  u"DEG"_qs);
    const QCommandLineOption from(u"from"_qs,
                                  u"Window start, ISO 8601 (UTC unless a zone is "
                                  "given)."_qs,
                                  u"TIME"_qs);
    const QCommandLineOption to(u"to"_qs, u"Window end, ISO 8601."_qs, u"TIME"_qs);
    const QCommandLineOption step(u"step"_qs, u"Time step in seconds (default 60)."_qs,
                                  u"SECONDS"_qs);
    const QCommandLineOption station(
        u"station"_qs,
        u"Visibility windows (passes) over a place: a site code of the project or LAT,LON; "
        "repeat for more."_qs,
        u"PLACE"_qs);
    const QCommandLineOption path(
        u"path"_qs,
        u"One-way latency between two places over the constellation (bent pipe; with --isl "
        "also over inter-satellite links), beside the terrestrial fibre latency when both are "
        "sites of the project: FROM:TO, each a site code or LAT,LON."_qs,
        u"FROM:TO"_qs);
    const QCommandLineOption isl(u"isl"_qs,
                                 u"Inter-satellite links, paired as the project constellation's "
                                 "pattern says, else in nqi's +Grid (each Walker satellite to its "
                                 "neighbours in its plane and the adjacent planes)."_qs);
    const QCommandLineOption islPattern(
        u"isl-pattern"_qs,
        u"Inter-satellite links paired as plus-grid (nqi's +Grid: the same slot in the adjacent "
        "planes; links passing within 80 km of the surface left out) or hypatia (Hypatia's "
        "generate_plus_grid_isls: slot j to slot j+1 of its plane and slot j+SHIFT of the next "
        "plane; at least 3 planes of 3; links longer than Hypatia's maximum ISL length left "
        "out). Implies --isl."_qs,
        u"NAME"_qs);
    const QCommandLineOption islShift(
        u"isl-shift"_qs,
        u"Hypatia's isl_shift for --isl-pattern hypatia, 0..satellites per plane - 1 (default 0, "
        "as in Hypatia's paper)."_qs,
        u"N"_qs);
    const QCommandLineOption store(
        u"store"_qs,
        u"Keep the --walker shells or --tle set in the project as a constellation of this name, "
        "with its ground-satellite rule (--min-elev, --gsl-max-range-km) and inter-satellite "
        "links (--isl, --isl-pattern, --isl-shift)."_qs,
        u"NAME"_qs);
    const QCommandLineOption json(u"json"_qs, u"Print the result as JSON."_qs);
    const QCommandLineOption threads(
        u"threads"_qs, u"Threads to use, 1..256 (default: one per core)."_qs, u"N"_qs);
    parser.addOptions({walker,     tle,      lenient, minElev, gslMaxRange, bbox,        region,
                       grid,       from,     to,      step,    station,     path,        isl,
                       islPattern, islShift, store,   json,    threads,     waitOption()});
    int exitCode = Success;
    if (!parse(parser, arguments, streams, exitCode))
        return exitCode;
    const QString command = arguments.constFirst();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        return usageError(streams, parser, command, u"give at most one project file"_qs);
    if (parser.isSet(bbox) && parser.isSet(region))
        return usageError(streams, parser, command, u"give --bbox or --region, not both"_qs);
    if (parser.isSet(from) != parser.isSet(to))
        return usageError(streams, parser, command, u"give both --from and --to"_qs);
    if (parser.isSet(store) &&
        (positional.isEmpty() || (!parser.isSet(walker) && !parser.isSet(tle))))
        return usageError(streams, parser, command,
                          u"--store needs a project and --walker or --tle"_qs);
    if (parser.isSet(islShift) && parser.value(islPattern) != u"hypatia")
        return usageError(streams, parser, command,
                          u"--isl-shift applies to --isl-pattern hypatia only"_qs);

    sat::PlanOptions options;
    QString problem;
    double minElevation = -1.0, gridDeg = 1.0, stepSeconds = 60.0, maxRangeKm = 0.0;
    if (!readNumber(parser, minElev, minElevation, problem) ||
        !readNumber(parser, gslMaxRange, maxRangeKm, problem) ||
        !readNumber(parser, grid, gridDeg, problem) ||
        !readNumber(parser, step, stepSeconds, problem))
        return usageError(streams, parser, command, problem);
    if (parser.isSet(gslMaxRange)) {
        if (!(maxRangeKm > 0.0 && maxRangeKm <= sat::kMaxGslRangeKm))
            return usageError(
                streams, parser, command,
                u"--gsl-max-range-km must be above 0 and at most %1 km, not %2"_qs.arg(
                    QString::number(sat::kMaxGslRangeKm, 'f', 0),
                    core::excerpt(parser.value(gslMaxRange))));
        options.gslMaxRangeKm = maxRangeKm;
        options.gslMinElevation = parser.isSet(minElev); // both when both are given
    }
    if (parser.isSet(islPattern)) {
        const std::optional<sat::IslPairing> pairing =
            sat::islPairingFromName(parser.value(islPattern));
        if (!pairing)
            return usageError(
                streams, parser, command,
                u"--isl-pattern must be plus-grid (nqi's +Grid) or hypatia "
                "(Hypatia's), not \"%1\""_qs.arg(core::excerpt(parser.value(islPattern))));
        options.islPairing = *pairing;
    }
    if (parser.isSet(islShift)) {
        const std::optional<qint64> shift =
            core::parseInteger(parser.value(islShift), 0, 1'000'000, problem);
        if (!shift)
            return usageError(streams, parser, command, u"--isl-shift: "_qs + problem);
        options.islShift = int(*shift);
    }
    if (parser.isSet(threads)) {
        const std::optional<qint64> count =
            core::parseInteger(parser.value(threads), 0, planners::kMaxThreads, problem);
        if (!count)
            return usageError(streams, parser, command, u"--threads: "_qs + problem);
        options.threads = int(*count);
    }
    if (parser.isSet(minElev) && !(minElevation >= 0.0 && minElevation < 90.0))
        return usageError(
            streams, parser, command,
            u"--min-elev must be 0..90 degrees, not %1"_qs.arg(core::formatNumber(minElevation)));
    if (!(gridDeg >= 0.01 && gridDeg <= 10.0))
        return usageError(
            streams, parser, command,
            u"--grid must be 0.01..10 degrees, not %1"_qs.arg(core::formatNumber(gridDeg)));
    if (!(stepSeconds >= 1.0))
        return usageError(
            streams, parser, command,
            u"--step must be at least 1 second, not %1"_qs.arg(core::formatNumber(stepSeconds)));
    options.gridDeg = gridDeg;
    options.stepSeconds = stepSeconds;
    if (parser.isSet(from)) {
        options.from = readTime(parser.value(from));
        options.to = readTime(parser.value(to));
        if (!options.from || !options.to)
            return usageError(streams, parser, command,
                              u"--from and --to must be ISO 8601 times, e.g. "
                              "2024-01-13T00:00:00Z"_qs);
        if (*options.to < *options.from)
            return usageError(streams, parser, command, u"--to is before --from"_qs);
    }

    for (const QString &text : parser.values(walker)) {
        try {
            options.constellation.shells.append(sat::parseWalker(text));
        } catch (const Failure &failure) {
            return usageError(streams, parser, command, failure.diagnostic().message);
        }
    }

    return guarded(streams, [&]() -> int {
        core::Network network;
        core::FileStamp stamp;
        std::unique_ptr<core::ProjectLock> lock; // with --store, held until the project is saved
        if (!positional.isEmpty() && parser.isSet(store))
            lock = lockProject(positional.constFirst(), parser, u"nqi plan satellite"_qs, streams);
        if (!positional.isEmpty())
            network = core::ProjectStore::load(positional.constFirst(), stamp);

        core::Constellation &constellation = options.constellation;
        constellation.minElevationDeg = 25.0;
        const core::Constellation *projectConstellation = nullptr; // whose rules the run takes
        if (parser.isSet(tle)) {
            const QString tlePath = parser.value(tle);
            sat::TleSet set = sat::readTleFile(tlePath, parser.isSet(lenient)); // file:line errors
            QFile file(tlePath);
            if (file.open(QIODevice::ReadOnly))
                constellation.tleText = QString::fromUtf8(file.readAll());
            constellation.name = QFileInfo(tlePath).fileName();
        }
        if (constellation.shells.isEmpty() && constellation.tleText.isEmpty()) {
            if (network.constellations().empty())
                return usageError(streams, parser, command,
                                  positional.isEmpty()
                                      ? u"give --walker or --tle (or a project with "
                                        "constellations)"_qs
                                      : u"the project has no constellations: give --walker or "
                                        "--tle"_qs);
            projectConstellation = &network.constellations().front();
            constellation.name = projectConstellation->name;
            constellation.minElevationDeg = projectConstellation->minElevationDeg;
            for (const core::Constellation &c : network.constellations()) {
                constellation.shells += c.shells;
                if (!c.tleText.trimmed().isEmpty())
                    constellation.tleText += c.tleText + u'\n';
            }
        }
        if (parser.isSet(minElev))
            constellation.minElevationDeg = minElevation;
        // The project constellation's GSL rule and ISL pairing, where no option replaces them.
        bool projectIsl = false;
        if (projectConstellation) {
            const sat::PlanOptions kept = sat::PlanOptions::forConstellation(*projectConstellation);
            if (!parser.isSet(gslMaxRange)) {
                options.gslMaxRangeKm = kept.gslMaxRangeKm;
                options.gslMinElevation = kept.gslMinElevation || parser.isSet(minElev);
            }
            if (!parser.isSet(islPattern) && kept.isl) {
                options.islPairing = kept.islPairing;
                options.islShift = kept.islShift;
            }
            projectIsl = kept.isl;
        }

        if (parser.isSet(bbox)) {
            const QStringList parts = parser.value(bbox).split(u',');
            bool ok[4] = {};
            if (parts.size() == 4) {
                sat::Area area;
                area.westDeg = parts[0].toDouble(&ok[0]);
                area.southDeg = parts[1].toDouble(&ok[1]);
                area.eastDeg = parts[2].toDouble(&ok[2]);
                area.northDeg = parts[3].toDouble(&ok[3]);
                area.name = parser.value(bbox);
                options.area = area;
            }
            if (!ok[0] || !ok[1] || !ok[2] || !ok[3])
                return usageError(streams, parser, command,
                                  u"--bbox needs four numbers W,S,E,N, e.g. 73,18,135,54"_qs);
        } else if (parser.isSet(region)) {
            const QString name = parser.value(region);
            for (const core::Region &r : network.regions())
                if (r.name.compare(name, Qt::CaseInsensitive) == 0)
                    options.area = sat::Area::fromRings(r.name, r.rings);
            if (!options.area) {
                const auto rings = core::VectorFile::basemapPolygon(name);
                if (rings.isEmpty())
                    throw Failure(
                        u"no region named \"%1\" in %2the basemap (provinces and countries of "
                        "%3)"_qs.arg(name, positional.isEmpty() ? QString() : u"the project or "_qs,
                                     core::VectorFile::defaultBasemap().isEmpty()
                                         ? u"qgis-common's world_map.gpkg, not installed"_qs
                                         : core::VectorFile::defaultBasemap()));
                options.area = sat::Area::fromRings(name, rings);
            }
        }

        // Places: a site of the project (by code) or LAT,LON.
        auto place = [&network](const QString &text) -> sat::GroundPoint {
            if (const core::Site *site = network.siteByCode(text.trimmed()))
                return {site->code, site->latitudeDeg, site->longitudeDeg, 0.0};
            const QStringList parts = text.split(u',');
            bool okLat = false, okLon = false;
            const double lat = parts.value(0).toDouble(&okLat);
            const double lon = parts.value(1).toDouble(&okLon);
            if (parts.size() != 2 || !okLat || !okLon || std::fabs(lat) > 90.0 ||
                std::fabs(lon) > 180.0)
                throw Failure(u"\"%1\" is neither a site code of the project nor LAT,LON in "
                              "degrees"_qs.arg(core::excerpt(text)));
            return {text.trimmed(), lat, lon, 0.0};
        };
        for (const QString &text : parser.values(station))
            options.stations.append(place(text));
        if (parser.isSet(path)) {
            const QStringList ends = parser.value(path).split(u':');
            if (ends.size() != 2)
                return usageError(streams, parser, command,
                                  u"--path needs FROM:TO, e.g. BJ:KS or 39.9,116.4:43.8,87.6"_qs);
            options.path = std::pair{place(ends[0]), place(ends[1])};
            const core::Site *a = network.siteByCode(ends[0].trimmed());
            const core::Site *b = network.siteByCode(ends[1].trimmed());
            if (a && b)
                options.fibreMs = sat::fibreLatencyMs(network, a->id, b->id);
        }
        options.isl = parser.isSet(isl) || parser.isSet(islPattern) || projectIsl;
        if ((!options.stations.isEmpty() || options.path) && !options.from)
            return usageError(streams, parser, command,
                              u"--station and --path need a window (--from and --to)"_qs);

        // What --store keeps, checked as the project will check it before any work.
        core::Constellation kept = constellation;
        if (parser.isSet(store)) {
            kept.id = 0;
            kept.name = parser.value(store).trimmed();
            // The report and the Satellites dock name constellations: one name, one shell set.
            if (kept.name.isEmpty())
                return usageError(streams, parser, command, u"--store needs a name"_qs);
            for (const core::Constellation &other : network.constellations())
                if (other.name.compare(kept.name, Qt::CaseInsensitive) == 0)
                    return usageError(streams, parser, command,
                                      u"--store: the project already has a constellation named "
                                      "\"%1\"; choose another name"_qs.arg(kept.name));
            kept.gslMaxRangeKm = options.gslMaxRangeKm;
            kept.gslMinElevation = options.gslMinElevation;
            kept.islPattern =
                options.isl ? sat::islPatternOf(options.islPairing) : core::IslPattern::None;
            kept.islShift = kept.islPattern == core::IslPattern::Hypatia ? options.islShift : 0;
            if (const core::Diagnostics problems = network.check(kept); !problems.isEmpty())
                return usageError(streams, parser, command,
                                  u"--store: "_qs + problems.constFirst().toString());
        }

        planners::Progress progress;
        const sat::PlanResult result = sat::plan(options, progress);
        if (parser.isSet(store)) { // the satellites were read: keep them (atomic save)
            network.addConstellation(kept);
            core::ProjectStore::save(network, positional.constFirst(), stamp);
            streams.err << u"nqi: constellation \"%1\" kept in %2\n"_qs.arg(
                kept.name, positional.constFirst());
        }
        for (const core::Diagnostic &warning : result.warnings)
            streams.err << u"nqi: "_qs << warning.toString() << u'\n';
        if (parser.isSet(json)) {
            streams.out << QString::fromUtf8(
                QJsonDocument(sat::toJson(result)).toJson(QJsonDocument::Indented));
            return Success;
        }
        const sat::GslRule &rule = result.gsl;
        QString reach;
        if (rule.minElevationDeg)
            reach = u"at %1 degrees elevation"_qs.arg(core::formatNumber(*rule.minElevationDeg));
        if (rule.maxRangeKm)
            reach += (reach.isEmpty() ? u"within"_qs : u" and within"_qs) +
                     u" a slant range of %1 km"_qs.arg(core::formatNumber(*rule.maxRangeKm));
        if (rule.maxRangeKm && !rule.minElevationDeg) {
            reach += u" (Hypatia's rule, any elevation"_qs;
            const core::Constellation &c = options.constellation;
            const double edge =
                c.shells.isEmpty() || !c.tleText.trimmed().isEmpty()
                    ? std::numeric_limits<double>::quiet_NaN()
                    : sat::elevationAtRangeDeg(c.shells.constFirst().altitudeKm, *rule.maxRangeKm);
            if (!std::isnan(edge))
                reach += u"; %1 degrees at the edge"_qs.arg(QString::number(edge, 'f', 1));
            reach += u')';
        }
        streams.out << u"%1 satellites; footprint radius %2 km %3\n"_qs.arg(result.satellites)
                           .arg(QString::number(result.footprintRadiusKm, 'f', 1))
                           .arg(reach);
        for (const sat::StationResult &s : result.stations) {
            const sat::VisibilityResult &v = s.visibility;
            streams.out << u"Passes over %1: %2, a satellite in view %3% of the time (longest "
                           "gap %4 s, %5 in view on average)\n"_qs.arg(s.point.name)
                               .arg(qsizetype(v.windows.size()))
                               .arg(QString::number(v.visiblePercent, 'f', 1))
                               .arg(core::formatNumber(v.longestGapSeconds))
                               .arg(QString::number(v.meanSatellitesInView, 'f', 2));
        }
        if (result.path) {
            const sat::PathResult &p = *result.path;
            auto line = [&streams](const QString &label, const sat::LatencyStats &s) {
                if (s.availablePercent <= 0.0) {
                    streams.out << u"  %1: no path at any step\n"_qs.arg(label);
                    return;
                }
                streams.out << u"  %1: %2 ms mean (%3..%4 ms), available %5% of the time\n"_qs
                                   .arg(label)
                                   .arg(QString::number(s.meanMs, 'f', 2))
                                   .arg(QString::number(s.minMs, 'f', 2))
                                   .arg(QString::number(s.maxMs, 'f', 2))
                                   .arg(QString::number(s.availablePercent, 'f', 1));
            };
            streams.out << u"Latency %1 -> %2 (%3 km apart), one way:\n"_qs
                               .arg(result.pathFrom.name, result.pathTo.name)
                               .arg(QString::number(p.greatCircleKm, 'f', 0));
            line(u"bent pipe"_qs, p.bentPipe);
            if (p.hasIsl) {
                const bool hypatia = result.islPairing == sat::IslPairing::Hypatia;
                line(hypatia ? u"inter-satellite links (Hypatia's +Grid, shift %1)"_qs.arg(
                                   result.islShift)
                             : u"inter-satellite links (+Grid)"_qs,
                     p.isl);
                if (p.islLinksLeftOut > 0)
                    streams.out << u"    %1 of the %2 links left out at one step or more (%3)\n"_qs
                                       .arg(p.islLinksLeftOut)
                                       .arg(p.islLinks)
                                       .arg(hypatia ? u"longer than Hypatia's maximum ISL "
                                                      "length"_qs
                                                    : u"passing within 80 km of the surface"_qs);
            }
            if (result.fibreMs)
                streams.out << u"  terrestrial fibre: %1 ms\n"_qs.arg(
                    QString::number(*result.fibreMs, 'f', 2));
        }
        if (!result.coverage) {
            if (options.area && !options.from)
                streams.out << u"Coverage needs a window (--from and --to) too.\n"_qs;
            return Success;
        }
        const sat::CoverageResult &c = *result.coverage;
        streams.out
            << u"Coverage of %1: %2 cells of %3 degrees, %4 steps of %5 s from %6 to %7\n"_qs
                   .arg(result.areaName)
                   .arg(c.cells)
                   .arg(core::formatNumber(c.gridDeg))
                   .arg(c.steps)
                   .arg(core::formatNumber(result.stepSeconds))
                   .arg(result.from.toString(Qt::ISODate), result.to.toString(Qt::ISODate));
        streams.out << u"  covered area: mean %1%, minimum %2%\n"_qs
                           .arg(QString::number(c.meanPercent, 'f', 2))
                           .arg(QString::number(c.minPercent, 'f', 2));
        streams.out << u"  longest gap at any cell: %1 s\n"_qs.arg(
            core::formatNumber(c.maxGapSeconds));
        streams.out << u"  satellites in view: mean %1, minimum %2\n"_qs
                           .arg(QString::number(c.meanSatellitesInView, 'f', 2))
                           .arg(c.minSatellitesInView);
        if (c.satellitesWithErrors > 0)
            streams.out << u"  %1 satellites could not be propagated at some step (decayed or "
                           "out of range) and were left out there\n"_qs.arg(c.satellitesWithErrors);
        return Success;
    });
}

} // namespace nqi::cli
