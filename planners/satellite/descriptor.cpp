#include "planners/descriptor.h"
#include "core/io/vectorfile.h"
#include "core/model/numbers.h"
#include "planners/common/textsummary.h"
#include "planners/satellite/satellite.h"
#include "planners/satellite/tle.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace nqi::planners::satellite {

using core::Failure;
using namespace shape;
using OType = OptionDescriptor::Type;
using common::makeOption;

namespace {

// ---------------------------------------------------------------------------------------------
// Option values: what each option's text means, checked where it is given

// An ISO 8601 time; without a zone, UTC.
std::optional<QDateTime> readTime(const QString &text)
{
    QDateTime time = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text.trimmed(), Qt::ISODate);
    if (!time.isValid())
        return std::nullopt;
    if (time.timeSpec() == Qt::LocalTime) // no zone given: the times are UTC
        time.setTimeSpec(Qt::UTC);
    return time.toUTC();
}

QString timeText(const QDateTime &utc)
{
    return utc.toString(utc.time().msec() == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

bool isNumber(const QString &text, double &value)
{
    bool ok = false;
    value = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(value);
}

// "LAT,LON" in degrees: empty when it is one, else what is wrong.
QString latLonProblem(const QString &text)
{
    const QStringList parts = text.split(u',');
    double lat = 0.0, lon = 0.0;
    if (parts.size() != 2 || !isNumber(parts[0], lat) || !isNumber(parts[1], lon))
        return u"\"%1\" is not LAT,LON"_qs.arg(core::excerpt(text));
    if (std::fabs(lat) > 90.0 || std::fabs(lon) > 180.0)
        return u"\"%1\": latitude must be -90..90 and longitude -180..180 degrees"_qs.arg(
            core::excerpt(text));
    return {};
}

// A place: a site code or LAT,LON (a site code has no comma).
QString placeProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return u"a place needs a site code or LAT,LON"_qs;
    return text.contains(u',') ? latLonProblem(text) : QString();
}

QString walkerProblem(const QJsonValue &value)
{
    if (!value.isArray())
        return u"must be a list of Walker shells T/P/F:INCLINATION_DEG:ALTITUDE_KM"_qs;
    for (const QJsonValue &shell : value.toArray()) {
        if (!shell.isString())
            return u"each Walker shell is text T/P/F:INCLINATION_DEG:ALTITUDE_KM"_qs;
        try {
            parseWalker(shell.toString());
        } catch (const Failure &failure) {
            return failure.diagnostic().message;
        }
    }
    return {};
}

QString boxProblem(const QString &text)
{
    const QStringList parts = text.split(u',');
    double value = 0.0;
    if (parts.size() != 4 || !std::all_of(parts.begin(), parts.end(), [&value](const QString &p) {
            return isNumber(p, value);
        }))
        return u"needs four numbers W,S,E,N, e.g. 73,18,135,54"_qs;
    return {};
}

QString pathProblem(const QString &text)
{
    const QStringList ends = text.split(u':');
    if (ends.size() != 2)
        return u"needs FROM:TO, e.g. BJ:KS or 39.9,116.4:43.8,87.6"_qs;
    for (const QString &end : ends)
        if (const QString problem = placeProblem(end); !problem.isEmpty())
            return problem;
    return {};
}

QString islPatternProblem(const QString &text)
{
    if (islPairingFromName(text.trimmed()))
        return {};
    return u"must be plus-grid (nqi's +Grid) or hypatia (Hypatia's), not \"%1\""_qs.arg(
        core::excerpt(text));
}

// A Text option whose value is its text, checked by problem.
void checkedText(OptionDescriptor &option, QString (*problem)(const QString &))
{
    option.parse = [problem](const QString &text, QString &why) -> QJsonValue {
        why = problem(text);
        return why.isEmpty() ? QJsonValue(text.trimmed()) : QJsonValue(QJsonValue::Undefined);
    };
    option.validate = [problem](const QJsonValue &value) -> QString {
        if (!value.isString())
            return u"must be text"_qs;
        return problem(value.toString());
    };
}

std::vector<OptionDescriptor> declaredOptions()
{
    OptionDescriptor walker = makeOption(
        u"walker"_qs, u"walker"_qs, OType::Text, QJsonArray(), u"SHELL"_qs,
        {u"Walker shells"_qs, u"Walker 星座壳层"_qs},
        {u"A Walker-delta shell T/P/F:INCLINATION_DEG:ALTITUDE_KM (T satellites in P planes, "
         "phasing F), e.g. 1584/72/17:53:550; repeat for more shells."_qs,
         u"Walker-delta 壳层 T/P/F:倾角_度:高度_km（T 颗卫星分布在 P 个轨道面，相位因子 F），"
         u"例如 1584/72/17:53:550；可重复给出多个壳层。"_qs});
    walker.parse = [](const QString &text, QString &problem) -> QJsonValue {
        QJsonArray shells;
        for (const QString &shell : text.split(u',', Qt::SkipEmptyParts))
            shells.append(shell.trimmed());
        if (shells.isEmpty())
            problem = u"give a shell T/P/F:INCLINATION_DEG:ALTITUDE_KM, e.g. 72/6/1:53:550"_qs;
        else
            problem = walkerProblem(shells);
        return problem.isEmpty() ? QJsonValue(shells) : QJsonValue(QJsonValue::Undefined);
    };
    walker.validate = walkerProblem;

    OptionDescriptor tle = makeOption(
        u"tle"_qs, u"tle"_qs, OType::Text, QJsonValue::Null, u"FILE"_qs,
        {u"TLE file"_qs, u"TLE 文件"_qs},
        {u"Two- or three-line element sets (a file; a bad line is refused with the file and line "
         "unless --lenient)."_qs,
         u"两行或三行轨道根数文件（有误的行会连同文件名和行号被拒绝，除非给出 --lenient）。"_qs});
    OptionDescriptor lenient =
        makeOption(u"lenient"_qs, u"lenient"_qs, OType::Bool, false, {},
                   {u"Keep readable element sets"_qs, u"保留可读的根数"_qs},
                   {u"Keep the readable element sets of a TLE file with bad lines (reported as "
                    "warnings)."_qs,
                    u"TLE 文件有错误行时保留可读的根数（错误行作为警告报告）。"_qs});
    OptionDescriptor minElev = makeOption(
        u"minElevationDeg"_qs, u"min-elev"_qs, OType::Number, QJsonValue::Null, u"DEG"_qs,
        {u"Minimum elevation"_qs, u"最小仰角"_qs},
        {u"Minimum elevation in degrees, below 90 (default 25, or the project constellation's); "
         "with --gsl-max-range-km both limits hold."_qs,
         u"最小仰角，单位度，小于 90（默认 25，或项目中星座的设定）；与 --gsl-max-range-km "
         u"同时给出时两个限制都须满足。"_qs});
    minElev.minimum = 0.0;
    minElev.maximum = 90.0;
    minElev.unit = u"°"_qs;
    OptionDescriptor gslRange = makeOption(
        u"gslMaxRangeKm"_qs, u"gsl-max-range-km"_qs, OType::Number, QJsonValue::Null, u"KM"_qs,
        {u"Maximum ground-satellite range"_qs, u"星地最大斜距"_qs},
        {u"Link a ground point and a satellite while the straight-line distance between them is "
         "at most KM (Hypatia's rule, e.g. 1089.686 for its Starlink shell), instead of the "
         "minimum elevation; give --min-elev as well to require both. Without it, a project "
         "constellation's maximum slant range holds (with --min-elev, both)."_qs,
         u"地面点与卫星之间直线距离不超过 KM 时即可建链（Hypatia 的规则，例如其 Starlink 壳层为 "
         u"1089.686），取代最小仰角；同时给出 --min-elev 则两者都须满足。未给出时沿用项目中星座的"
         u"最大斜距（给出 --min-elev 时两者都须满足）。"_qs});
    gslRange.minimum = 0.0;
    gslRange.minimumExclusive = true;
    gslRange.maximum = kMaxGslRangeKm;
    gslRange.unit = u"km"_qs;
    OptionDescriptor bbox = makeOption(u"bbox"_qs, u"bbox"_qs, OType::Text, QJsonValue::Null,
                                       u"W,S,E,N"_qs, {u"Area as a box"_qs, u"区域（经纬度框）"_qs},
                                       {u"Area as a box in degrees: west, south, east, north."_qs,
                                        u"以经纬度框表示的区域，单位度：西、南、东、北。"_qs});
    checkedText(bbox, boxProblem);
    OptionDescriptor region = makeOption(
        u"region"_qs, u"region"_qs, OType::Text, QJsonValue::Null, u"NAME"_qs,
        {u"Area as a region"_qs, u"区域（按名称）"_qs},
        {u"Area as a region of the project, else a province or country of the basemap."_qs,
         u"以项目中的区域为范围，否则为底图中的省份或国家。"_qs});
    OptionDescriptor grid =
        makeOption(u"gridDeg"_qs, u"grid"_qs, OType::Number, 1.0, u"DEG"_qs,
                   {u"Grid cell size"_qs, u"网格大小"_qs},
                   {u"Grid cell size in degrees."_qs, u"网格单元大小，单位度。"_qs});
    grid.minimum = 0.01;
    grid.maximum = 10.0;
    grid.unit = u"°"_qs;
    // Python keywords cannot be "from": the keys are start and end (p.plan(..., start=...)).
    OptionDescriptor start = makeOption(
        u"start"_qs, u"from"_qs, OType::Text, QJsonValue::Null, u"TIME"_qs,
        {u"Window start"_qs, u"时间窗起点"_qs},
        {u"Window start, ISO 8601 (UTC unless a zone is given), e.g. 2024-01-13T00:00:00Z; "
         "Python: start=."_qs,
         u"时间窗起点，ISO 8601（未给出时区时为 UTC），例如 2024-01-13T00:00:00Z；Python 中为 "
         u"start=。"_qs});
    OptionDescriptor end = makeOption(u"end"_qs, u"to"_qs, OType::Text, QJsonValue::Null,
                                      u"TIME"_qs, {u"Window end"_qs, u"时间窗终点"_qs},
                                      {u"Window end, ISO 8601; Python: end=."_qs,
                                       u"时间窗终点，ISO 8601；Python 中为 end=。"_qs});
    start.python = u"start"_qs;
    end.python = u"end"_qs;
    for (OptionDescriptor *time : {&start, &end}) {
        time->parse = [](const QString &text, QString &problem) -> QJsonValue {
            if (const std::optional<QDateTime> utc = readTime(text))
                return timeText(*utc);
            problem = u"\"%1\" is not an ISO 8601 time, e.g. 2024-01-13T00:00:00Z"_qs.arg(
                core::excerpt(text));
            return QJsonValue(QJsonValue::Undefined);
        };
        time->validate = [](const QJsonValue &value) -> QString {
            if (!value.isString() || !readTime(value.toString()))
                return u"must be an ISO 8601 time, e.g. 2024-01-13T00:00:00Z"_qs;
            return {};
        };
    }
    OptionDescriptor step = makeOption(u"stepSeconds"_qs, u"step"_qs, OType::Number, 60.0,
                                       u"SECONDS"_qs, {u"Time step"_qs, u"时间步长"_qs},
                                       {u"Time step in seconds."_qs, u"时间步长，单位秒。"_qs});
    step.minimum = 1.0;
    step.unit = u"s"_qs;
    OptionDescriptor station = makeOption(
        u"stations"_qs, u"station"_qs, OType::Text, QJsonArray(), u"PLACE"_qs,
        {u"Ground stations"_qs, u"地面站"_qs},
        {u"Visibility windows (passes) over a place: a site code of the project or LAT,LON; "
         "repeat for more."_qs,
         u"某地的可见时段（过境）：项目中的站点代码或 纬度,经度；可重复给出多个。"_qs});
    // Repeated flags arrive joined by commas: a number starts a LAT,LON pair, anything else is
    // a site's code.
    station.parse = [](const QString &text, QString &problem) -> QJsonValue {
        QJsonArray places;
        const QStringList parts = text.split(u',', Qt::SkipEmptyParts);
        for (qsizetype i = 0; i < parts.size(); ++i) {
            double value = 0.0;
            QString place = parts[i].trimmed();
            if (isNumber(place, value)) {
                if (i + 1 >= parts.size()) {
                    problem = u"\"%1\" needs a longitude: LAT,LON"_qs.arg(core::excerpt(place));
                    return QJsonValue(QJsonValue::Undefined);
                }
                place += u',' + parts[++i].trimmed();
            }
            if (problem = placeProblem(place); !problem.isEmpty())
                return QJsonValue(QJsonValue::Undefined);
            places.append(place);
        }
        if (places.isEmpty()) {
            problem = u"give a site code or LAT,LON"_qs;
            return QJsonValue(QJsonValue::Undefined);
        }
        return places;
    };
    station.validate = [](const QJsonValue &value) -> QString {
        if (!value.isArray())
            return u"must be a list of places (site codes or \"LAT,LON\")"_qs;
        for (const QJsonValue &place : value.toArray())
            if (const QString problem =
                    place.isString() ? placeProblem(place.toString()) : u"each place is text"_qs;
                !problem.isEmpty())
                return problem;
        return {};
    };
    OptionDescriptor path = makeOption(
        u"path"_qs, u"path"_qs, OType::Text, QJsonValue::Null, u"FROM:TO"_qs,
        {u"Path"_qs, u"路径"_qs},
        {u"One-way latency between two places over the constellation (bent pipe; with --isl "
         "also over inter-satellite links), beside the terrestrial fibre latency when both are "
         "sites of the project: FROM:TO, each a site code or LAT,LON."_qs,
         u"两地之间经星座的单向时延（弯管；给出 --isl 时也经星间链路），两端都是项目站点时并列"
         u"给出地面光纤时延：FROM:TO，各为站点代码或 纬度,经度。"_qs});
    checkedText(path, pathProblem);
    OptionDescriptor isl = makeOption(
        u"isl"_qs, u"isl"_qs, OType::Bool, false, {}, {u"Inter-satellite links"_qs, u"星间链路"_qs},
        {u"Inter-satellite links, paired as the project constellation's pattern says, else in "
         "nqi's +Grid (each Walker satellite to its neighbours in its plane and the adjacent "
         "planes)."_qs,
         u"星间链路，按项目中星座的模式配对，否则按 nqi 的 +Grid（每颗 Walker 卫星连接同轨道面"
         u"及相邻轨道面的邻星）。"_qs});
    OptionDescriptor islPattern = makeOption(
        u"islPattern"_qs, u"isl-pattern"_qs, OType::Text, QJsonValue::Null, u"NAME"_qs,
        {u"Inter-satellite link pattern"_qs, u"星间链路模式"_qs},
        {u"Inter-satellite links paired as plus-grid (nqi's +Grid: the same slot in the "
         "adjacent planes; links passing within 80 km of the surface left out) or hypatia "
         "(Hypatia's generate_plus_grid_isls: slot j to slot j+1 of its plane and slot j+SHIFT "
         "of the next plane; at least 3 planes of 3; links longer than Hypatia's maximum ISL "
         "length left out). Implies --isl."_qs,
         u"星间链路的配对方式：plus-grid（nqi 的 +Grid：相邻轨道面的同一槽位；离地面不足 80 km "
         u"的链路除外）或 hypatia（Hypatia 的 generate_plus_grid_isls：槽位 j 连本轨道面的 j+1 "
         u"和下一轨道面的 j+SHIFT；至少 3 个轨道面、每面至少 3 颗；长于 Hypatia 最大星间链路"
         u"长度的链路除外）。隐含 --isl。"_qs});
    // Text, not a choice: not given is a value of its own (the project constellation's
    // pairing, else none), which a form's list of choices cannot offer.
    checkedText(islPattern, islPatternProblem);
    OptionDescriptor islShift = makeOption(
        u"islShift"_qs, u"isl-shift"_qs, OType::Integer, QJsonValue::Null, u"N"_qs,
        {u"Hypatia's ISL shift"_qs, u"Hypatia 星间链路偏移"_qs},
        {u"Hypatia's isl_shift for --isl-pattern hypatia, 0..satellites per plane - 1 (default "
         "0, as in Hypatia's paper)."_qs,
         u"--isl-pattern hypatia 的 isl_shift，0..每面卫星数 - 1（默认 0，与 Hypatia 论文相同）。"_qs});
    islShift.minimum = 0;
    islShift.maximum = 1'000'000;
    return {walker,
            tle,
            lenient,
            minElev,
            gslRange,
            bbox,
            region,
            grid,
            start,
            end,
            step,
            station,
            path,
            isl,
            islPattern,
            islShift,
            common::threadsOption()};
}

bool given(const QJsonObject &options, const QString &key)
{
    const QJsonValue value = options.value(key);
    return !value.isUndefined() && !value.isNull() &&
           !(value.isArray() && value.toArray().isEmpty());
}

// ---------------------------------------------------------------------------------------------
// The run

// A place: a site of the project (by code) or LAT,LON.
GroundPoint place(const core::Network *network, const QString &text)
{
    if (const core::Site *site = network ? network->siteByCode(text.trimmed()) : nullptr)
        return {site->code, site->latitudeDeg, site->longitudeDeg, 0.0};
    const QStringList parts = text.split(u',');
    double lat = 0.0, lon = 0.0;
    if (parts.size() != 2 || !isNumber(parts[0], lat) || !isNumber(parts[1], lon) ||
        std::fabs(lat) > 90.0 || std::fabs(lon) > 180.0)
        throw Failure(u"\"%1\" is neither a site code of %2 nor LAT,LON in degrees"_qs.arg(
            core::excerpt(text), network ? u"the project"_qs : u"a project"_qs));
    return {text.trimmed(), lat, lon, 0.0};
}

// The summary `nqi plan satellite` prints without --json.
void printSatellite(const TextContext &c)
{
    const QJsonObject &j = c.json;
    QString reach;
    const QJsonValue elevation = j.value(u"minElevationDeg"_qs);
    const QJsonValue range = j.value(u"gslMaxRangeKm"_qs);
    if (elevation.isDouble())
        reach = u"at %1 degrees elevation"_qs.arg(core::formatNumber(elevation.toDouble()));
    if (range.isDouble())
        reach += (reach.isEmpty() ? u"within"_qs : u" and within"_qs) +
                 u" a slant range of %1 km"_qs.arg(core::formatNumber(range.toDouble()));
    if (range.isDouble() && !elevation.isDouble()) {
        reach += u" (Hypatia's rule, any elevation"_qs;
        if (j.value(u"edgeElevationDeg"_qs).isDouble())
            reach += u"; %1 degrees at the edge"_qs.arg(
                QString::number(j.value(u"edgeElevationDeg"_qs).toDouble(), 'f', 1));
        reach += u')';
    }
    c.out << u"%1 satellites; footprint radius %2 km %3\n"_qs
                 .arg(j.value(u"satellites"_qs).toInteger())
                 .arg(QString::number(j.value(u"footprintRadiusKm"_qs).toDouble(), 'f', 1))
                 .arg(reach);
    for (const QJsonValue &value : j.value(u"stations"_qs).toArray()) {
        const QJsonObject s = value.toObject();
        c.out << u"Passes over %1: %2, a satellite in view %3% of the time (longest gap %4 s, %5 "
                 "in view on average)\n"_qs.arg(s.value(u"name"_qs).toString())
                     .arg(s.value(u"passes"_qs).toInteger())
                     .arg(QString::number(s.value(u"visiblePercent"_qs).toDouble(), 'f', 1))
                     .arg(core::formatNumber(s.value(u"longestGapSeconds"_qs).toDouble()))
                     .arg(QString::number(s.value(u"meanSatellitesInView"_qs).toDouble(), 'f', 2));
    }
    if (j.contains(u"path"_qs)) {
        const QJsonObject p = j.value(u"path"_qs).toObject();
        auto line = [&c](const QString &label, const QJsonObject &s) {
            if (s.value(u"availablePercent"_qs).toDouble() <= 0.0) {
                c.out << u"  %1: no path at any step\n"_qs.arg(label);
                return;
            }
            c.out << u"  %1: %2 ms mean (%3..%4 ms), available %5% of the time\n"_qs.arg(label)
                         .arg(QString::number(s.value(u"meanMs"_qs).toDouble(), 'f', 2))
                         .arg(QString::number(s.value(u"minMs"_qs).toDouble(), 'f', 2))
                         .arg(QString::number(s.value(u"maxMs"_qs).toDouble(), 'f', 2))
                         .arg(QString::number(s.value(u"availablePercent"_qs).toDouble(), 'f', 1));
        };
        c.out << u"Latency %1 -> %2 (%3 km apart), one way:\n"_qs
                     .arg(p.value(u"from"_qs).toString(), p.value(u"to"_qs).toString())
                     .arg(QString::number(p.value(u"greatCircleKm"_qs).toDouble(), 'f', 0));
        line(u"bent pipe"_qs, p.value(u"bentPipe"_qs).toObject());
        if (p.contains(u"isl"_qs)) {
            const QJsonObject isl = p.value(u"isl"_qs).toObject();
            const bool hypatia = isl.value(u"pairing"_qs).toString() == u"hypatia";
            line(hypatia ? u"inter-satellite links (Hypatia's +Grid, shift %1)"_qs.arg(
                               isl.value(u"shift"_qs).toInteger())
                         : u"inter-satellite links (+Grid)"_qs,
                 isl);
            if (isl.value(u"linksLeftOut"_qs).toInteger() > 0)
                c.out << u"    %1 of the %2 links left out at one step or more (%3)\n"_qs
                             .arg(isl.value(u"linksLeftOut"_qs).toInteger())
                             .arg(isl.value(u"links"_qs).toInteger())
                             .arg(hypatia ? u"longer than Hypatia's maximum ISL length"_qs
                                          : u"passing within 80 km of the surface"_qs);
        }
        if (p.value(u"fibreMs"_qs).isDouble())
            c.out << u"  terrestrial fibre: %1 ms\n"_qs.arg(
                QString::number(p.value(u"fibreMs"_qs).toDouble(), 'f', 2));
    }
    if (!j.contains(u"coverage"_qs)) {
        if ((given(c.options, u"bbox"_qs) || given(c.options, u"region"_qs)) &&
            !given(c.options, u"start"_qs))
            c.out << u"Coverage needs a window (--from and --to) too.\n"_qs;
        return;
    }
    const QJsonObject v = j.value(u"coverage"_qs).toObject();
    c.out << u"Coverage of %1: %2 cells of %3 degrees, %4 steps of %5 s from %6 to %7\n"_qs
                 .arg(v.value(u"area"_qs).toString())
                 .arg(v.value(u"cells"_qs).toInteger())
                 .arg(core::formatNumber(v.value(u"gridDeg"_qs).toDouble()))
                 .arg(v.value(u"steps"_qs).toInteger())
                 .arg(core::formatNumber(v.value(u"stepSeconds"_qs).toDouble()))
                 .arg(v.value(u"from"_qs).toString(), v.value(u"to"_qs).toString());
    c.out << u"  covered area: mean %1%, minimum %2%\n"_qs
                 .arg(QString::number(v.value(u"meanPercent"_qs).toDouble(), 'f', 2))
                 .arg(QString::number(v.value(u"minPercent"_qs).toDouble(), 'f', 2));
    c.out << u"  longest gap at any cell: %1 s\n"_qs.arg(
        core::formatNumber(v.value(u"maxGapSeconds"_qs).toDouble()));
    c.out << u"  satellites in view: mean %1, minimum %2\n"_qs
                 .arg(QString::number(v.value(u"meanSatellitesInView"_qs).toDouble(), 'f', 2))
                 .arg(v.value(u"minSatellitesInView"_qs).toInteger());
    if (v.value(u"satellitesWithErrors"_qs).toInteger() > 0)
        c.out << u"  %1 satellites could not be propagated at some step (decayed or out of "
                 "range) and were left out there\n"_qs.arg(
                     v.value(u"satellitesWithErrors"_qs).toInteger());
}

JsonShape latency(bool isl)
{
    std::vector<JsonField> fields{{u"meanMs"_qs, numberOrNull()},
                                  {u"minMs"_qs, numberOrNull()},
                                  {u"maxMs"_qs, numberOrNull()},
                                  {u"availablePercent"_qs, number()}};
    if (isl) {
        fields.push_back({u"meanHops"_qs, numberOrNull()});
        fields.push_back({u"pairing"_qs, string()});
        fields.push_back(optional(u"shift"_qs, integer()));
        fields.push_back({u"links"_qs, integer()});
        fields.push_back({u"linksLeftOut"_qs, integer()});
    }
    return object(std::move(fields));
}

JsonShape result()
{
    return object(
        {{u"satellites"_qs, integer()},
         {u"footprintRadiusKm"_qs, number()},
         {u"minElevationDeg"_qs, numberOrNull()},
         {u"gslMaxRangeKm"_qs, numberOrNull()},
         optional(u"edgeElevationDeg"_qs, number()),
         optional(u"coverage"_qs, object({{u"meanPercent"_qs, number()},
                                          {u"minPercent"_qs, number()},
                                          {u"maxGapSeconds"_qs, number()},
                                          {u"meanSatellitesInView"_qs, number()},
                                          {u"minSatellitesInView"_qs, integer()},
                                          {u"area"_qs, string()},
                                          {u"gridDeg"_qs, number()},
                                          {u"cells"_qs, integer()},
                                          {u"steps"_qs, integer()},
                                          {u"from"_qs, string()},
                                          {u"to"_qs, string()},
                                          {u"stepSeconds"_qs, number()},
                                          {u"satellitesWithErrors"_qs, integer()}})),
         optional(u"stations"_qs,
                  arrayOf(object(
                      {{u"name"_qs, string()},
                       {u"latitudeDeg"_qs, number()},
                       {u"longitudeDeg"_qs, number()},
                       {u"passes"_qs, integer()},
                       {u"visiblePercent"_qs, number()},
                       {u"longestGapSeconds"_qs, number()},
                       {u"meanSatellitesInView"_qs, number()},
                       {u"windows"_qs, arrayOf(object({{u"satnum"_qs, integer()},
                                                       {u"aos"_qs, string()},
                                                       {u"los"_qs, string()},
                                                       {u"maxElevationDeg"_qs, number()}}))}}))),
         optional(u"path"_qs, object({{u"from"_qs, string()},
                                      {u"to"_qs, string()},
                                      {u"greatCircleKm"_qs, number()},
                                      {u"bentPipe"_qs, latency(false)},
                                      optional(u"isl"_qs, latency(true)),
                                      optional(u"fibreMs"_qs, number())})),
         optional(u"warnings"_qs, arrayOf(string()))});
}

} // namespace

QString checkPlanOptions(const QJsonObject &options, const core::Network *network)
{
    if (given(options, u"bbox"_qs) && given(options, u"region"_qs))
        return u"give --bbox or --region, not both"_qs;
    if (given(options, u"start"_qs) != given(options, u"end"_qs))
        return u"give both --from and --to"_qs;
    if (given(options, u"start"_qs) && *readTime(options.value(u"end"_qs).toString()) <
                                           *readTime(options.value(u"start"_qs).toString()))
        return u"--to is before --from"_qs;
    if (given(options, u"islShift"_qs) &&
        options.value(u"islPattern"_qs).toString().trimmed() != u"hypatia")
        return u"--isl-shift applies to --isl-pattern hypatia only"_qs;
    if (given(options, u"minElevationDeg"_qs) &&
        options.value(u"minElevationDeg"_qs).toDouble() >= 90.0)
        return u"--min-elev must be 0..90 degrees, not %1"_qs.arg(
            core::formatNumber(options.value(u"minElevationDeg"_qs).toDouble()));
    if ((given(options, u"stations"_qs) || given(options, u"path"_qs)) &&
        !given(options, u"start"_qs))
        return u"--station and --path need a window (--from and --to)"_qs;
    if (!given(options, u"walker"_qs) && !given(options, u"tle"_qs)) {
        if (!network)
            return u"give --walker or --tle (or a project with constellations)"_qs;
        if (network->constellations().empty())
            return u"the project has no constellations: give --walker or --tle"_qs;
    }
    return {};
}

PlanOptions planOptions(const QJsonObject &o, const core::Network *network)
{
    if (const QString problem = checkPlanOptions(o, network); !problem.isEmpty())
        throw Failure(problem);
    PlanOptions options;
    for (const QJsonValue &shell : o.value(u"walker"_qs).toArray())
        options.constellation.shells.append(parseWalker(shell.toString()));
    const bool minElevGiven = given(o, u"minElevationDeg"_qs);
    const bool rangeGiven = given(o, u"gslMaxRangeKm"_qs);
    const bool patternGiven = given(o, u"islPattern"_qs);
    if (rangeGiven) {
        options.gslMaxRangeKm = o.value(u"gslMaxRangeKm"_qs).toDouble();
        options.gslMinElevation = minElevGiven; // both when both are given
    }
    if (patternGiven)
        options.islPairing = *islPairingFromName(o.value(u"islPattern"_qs).toString().trimmed());
    options.islShift = o.value(u"islShift"_qs).toInt(0);
    options.threads = o.value(u"threads"_qs).toInt(0);
    options.gridDeg = o.value(u"gridDeg"_qs).toDouble(1.0);
    options.stepSeconds = o.value(u"stepSeconds"_qs).toDouble(60.0);
    if (given(o, u"start"_qs)) {
        options.from = readTime(o.value(u"start"_qs).toString());
        options.to = readTime(o.value(u"end"_qs).toString());
    }

    core::Constellation &constellation = options.constellation;
    constellation.minElevationDeg = 25.0;
    const core::Constellation *projectConstellation = nullptr; // whose rules the run takes
    if (given(o, u"tle"_qs)) {
        const QString tlePath = o.value(u"tle"_qs).toString();
        // Errors name the file and line.
        readTleFile(tlePath, o.value(u"lenient"_qs).toBool());
        QFile file(tlePath);
        if (file.open(QIODevice::ReadOnly))
            constellation.tleText = QString::fromUtf8(file.readAll());
        constellation.name = QFileInfo(tlePath).fileName();
    }
    if (constellation.shells.isEmpty() && constellation.tleText.isEmpty() && network &&
        !network->constellations().empty()) {
        projectConstellation = &network->constellations().front();
        constellation.name = projectConstellation->name;
        constellation.minElevationDeg = projectConstellation->minElevationDeg;
        for (const core::Constellation &c : network->constellations()) {
            constellation.shells += c.shells;
            if (!c.tleText.trimmed().isEmpty())
                constellation.tleText += c.tleText + u'\n';
        }
    }
    if (minElevGiven)
        constellation.minElevationDeg = o.value(u"minElevationDeg"_qs).toDouble();
    // The project constellation's GSL rule and ISL pairing, where no option replaces them.
    bool projectIsl = false;
    if (projectConstellation) {
        const PlanOptions kept = PlanOptions::forConstellation(*projectConstellation);
        if (!rangeGiven) {
            options.gslMaxRangeKm = kept.gslMaxRangeKm;
            options.gslMinElevation = kept.gslMinElevation || minElevGiven;
        }
        if (!patternGiven && kept.isl) {
            options.islPairing = kept.islPairing;
            options.islShift = kept.islShift;
        }
        projectIsl = kept.isl;
    }

    if (given(o, u"bbox"_qs)) {
        const QString text = o.value(u"bbox"_qs).toString();
        const QStringList parts = text.split(u',');
        Area area;
        isNumber(parts.value(0), area.westDeg);
        isNumber(parts.value(1), area.southDeg);
        isNumber(parts.value(2), area.eastDeg);
        isNumber(parts.value(3), area.northDeg);
        area.name = text;
        options.area = area;
    } else if (given(o, u"region"_qs)) {
        const QString name = o.value(u"region"_qs).toString();
        if (network)
            for (const core::Region &r : network->regions())
                if (r.name.compare(name, Qt::CaseInsensitive) == 0)
                    options.area = Area::fromRings(r.name, r.rings);
        if (!options.area) {
            const auto rings = core::VectorFile::basemapPolygon(name);
            if (rings.isEmpty())
                throw Failure(
                    u"no region named \"%1\" in %2the basemap (provinces and countries of "
                    "%3)"_qs.arg(name, network ? u"the project or "_qs : QString(),
                                 core::VectorFile::defaultBasemap().isEmpty()
                                     ? u"qgis-common's world_map.gpkg, not installed"_qs
                                     : core::VectorFile::defaultBasemap()));
            options.area = Area::fromRings(name, rings);
        }
    }

    for (const QJsonValue &text : o.value(u"stations"_qs).toArray())
        options.stations.append(place(network, text.toString()));
    if (given(o, u"path"_qs)) {
        const QStringList ends = o.value(u"path"_qs).toString().split(u':');
        options.path = std::pair{place(network, ends.value(0)), place(network, ends.value(1))};
        const core::Site *a = network ? network->siteByCode(ends.value(0).trimmed()) : nullptr;
        const core::Site *b = network ? network->siteByCode(ends.value(1).trimmed()) : nullptr;
        if (a && b)
            options.fibreMs = fibreLatencyMs(*network, a->id, b->id);
    }
    options.isl = o.value(u"isl"_qs).toBool() || patternGiven || projectIsl;
    return options;
}

PlannerDescriptor descriptor()
{
    PlannerDescriptor d;
    d.name = u"satellite"_qs;
    d.title = {u"Satellite coverage and latency"_qs, u"卫星覆盖与时延"_qs};
    d.menuText = {u"Satellite Coverage, Passes and Latenc&y…"_qs, u"卫星覆盖、过境与时延(&Y)…"_qs};
    d.asks = true;
    d.description = {
        u"Constellations (Walker shells or TLEs): footprints and coverage of an area over a "
        "time window, and latency over the satellites. Satellites come from --walker shells, a "
        "--tle file, or else the project's constellations (a project, when given, also brings "
        "its regions and sites). Coverage needs an area (--bbox or --region) and a window "
        "(--from, --to): grid cells of --grid degrees weighted by cos(latitude); a cell is "
        "covered when a satellite may link it: at or above --min-elev, or within "
        "--gsl-max-range-km (Hypatia's rule), or both when both are given. The same rule holds "
        "for --station and --path. A project's constellation brings its own rule and "
        "inter-satellite links; the options given replace them."_qs,
        u"星座（Walker 壳层或 TLE）：某区域在一段时间窗内的覆盖范围与覆盖率，以及经卫星的时延。"
        u"卫星来自 --walker 壳层、--tle 文件，否则取项目中的星座（给出项目时也可使用其区域和"
        u"站点）。覆盖率需要区域（--bbox 或 --region）和时间窗（--from、--to）：以 --grid 度的"
        u"网格按纬度余弦加权；卫星可与某格建链即视为覆盖：仰角不低于 --min-elev，或斜距不超过 "
        u"--gsl-max-range-km（Hypatia 的规则），两者都给出时须同时满足。--station 与 --path "
        u"使用同一规则。项目中的星座带有自己的规则和星间链路；给出的选项会取代它们。"_qs};
    d.options = declaredOptions();
    d.reads = Reads::Network;
    d.needsProject = false;
    d.run = [](const core::Network *network, const QJsonObject &o, Progress &progress) {
        const PlanOptions options = planOptions(o, network);
        const PlanResult planned = plan(options, progress);
        QJsonObject json = toJson(planned);
        // Under the range rule alone, the elevation at the footprint's edge (Walker shells).
        const core::Constellation &c = options.constellation;
        if (planned.gsl.maxRangeKm && !planned.gsl.minElevationDeg && !c.shells.isEmpty() &&
            c.tleText.trimmed().isEmpty()) {
            const double edge =
                elevationAtRangeDeg(c.shells.constFirst().altitudeKm, *planned.gsl.maxRangeKm);
            if (!std::isnan(edge))
                json.insert(u"edgeElevationDeg"_qs, edge);
        }
        return json;
    };
    d.result = result();
    d.textSummary = printSatellite;
    d.tables = {
        {{u"Ground stations"_qs, u"地面站"_qs},
         u"stations"_qs,
         {{{u"Place"_qs, u"地点"_qs}, u"name"_qs, Format::Text},
          {{u"Passes"_qs, u"过境次数"_qs}, u"passes"_qs, Format::Integer},
          {{u"In view (%)"_qs, u"可见时间占比（%）"_qs}, u"visiblePercent"_qs},
          {{u"Longest gap (s)"_qs, u"最长间隙（s）"_qs}, u"longestGapSeconds"_qs},
          {{u"Satellites in view (mean)"_qs, u"平均可见卫星数"_qs}, u"meanSatellitesInView"_qs}},
         TableDescriptor::Selects::None,
         {}},
        {{u"Path latency"_qs, u"路径时延"_qs},
         QString(),
         {{{u"From"_qs, u"起点"_qs}, u"path.from"_qs, Format::Text},
          {{u"To"_qs, u"终点"_qs}, u"path.to"_qs, Format::Text},
          {{u"Great circle (km)"_qs, u"大圆距离（km）"_qs}, u"path.greatCircleKm"_qs},
          {{u"Bent pipe, mean (ms)"_qs, u"弯管平均时延（ms）"_qs}, u"path.bentPipe.meanMs"_qs},
          {{u"Bent pipe available (%)"_qs, u"弯管可用时间（%）"_qs},
           u"path.bentPipe.availablePercent"_qs},
          {{u"Inter-satellite links, mean (ms)"_qs, u"星间链路平均时延（ms）"_qs},
           u"path.isl.meanMs"_qs},
          {{u"Terrestrial fibre (ms)"_qs, u"地面光纤时延（ms）"_qs}, u"path.fibreMs"_qs}},
         TableDescriptor::Selects::None,
         {}}};
    d.charts = {{ChartDescriptor::Kind::Bars,
                 {u"Share of the time a satellite is in view"_qs, u"卫星可见时间占比"_qs},
                 u"stations"_qs,
                 u"visiblePercent"_qs,
                 {},
                 u"name"_qs,
                 {u"In view (%)"_qs, u"可见时间占比（%）"_qs},
                 Format::Number}};
    d.figures = {{{u"Satellites"_qs, u"卫星数"_qs}, u"satellites"_qs, Format::Integer},
                 {{u"Footprint radius"_qs, u"覆盖半径"_qs},
                  u"footprintRadiusKm"_qs,
                  Format::Number,
                  u"km"_qs},
                 {{u"Covered area, mean"_qs, u"平均覆盖面积占比"_qs},
                  u"coverage.meanPercent"_qs,
                  Format::Number,
                  u"%"_qs},
                 {{u"Covered area, minimum"_qs, u"最小覆盖面积占比"_qs},
                  u"coverage.minPercent"_qs,
                  Format::Number,
                  u"%"_qs},
                 {{u"Longest gap at any cell"_qs, u"任一网格最长间隙"_qs},
                  u"coverage.maxGapSeconds"_qs,
                  Format::Number,
                  u"s"_qs}};
    d.method = {
        u"Satellite coverage: every satellite propagated with SGP4/SDP4 (WGS72; Walker-delta "
        "shells generated at the window's start, TLEs from their own epochs) at each time step; "
        "a ground point may link a satellite at or above the minimum elevation and/or within the "
        "maximum slant range (Hypatia's rule). Coverage is the share of the area's grid cells, "
        "weighted by cos(latitude), that see a satellite at each step; latency is the one-way "
        "time at the speed of light over the fastest path, bent pipe through one satellite or "
        "over inter-satellite links (+Grid)."_qs,
        u"卫星覆盖：在每个时间步用 SGP4/SDP4（WGS72）推算每颗卫星（Walker-delta 壳层在时间窗起点"
        u"生成，TLE 从各自历元起算）；地面点可与仰角不低于最小仰角和/或斜距不超过最大斜距"
        u"（Hypatia 的规则）的卫星建链。覆盖率为每个时间步能看到卫星的网格（按纬度余弦加权）占"
        u"区域的比例；时延为按光速沿最快路径的单向时间，经单颗卫星弯管或经星间链路（+Grid）。"_qs};
    return d;
}

} // namespace nqi::planners::satellite
