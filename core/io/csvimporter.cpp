#include "core/io/csvreader.h"
#include "core/io/recordtable_p.h"
#include "core/io/sitecodes.h"
#include "core/model/jsonobject.h"
#include "core/model/limits.h"
#include "core/model/namelist.h"
#include "core/model/numbers.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <memory>

namespace nqi::core {
namespace {

// Column names and the spellings accepted for them (compared lower-case, ' ' and '-' as '_').
struct ColumnSpec
{
    const char16_t *name;
    std::initializer_list<const char16_t *> spellings; ///< preferred first
};

const ColumnSpec kSiteColumns[] = {
    {u"id", {u"id", u"fid", u"site_id"}},
    {u"code", {u"code", u"site_code"}},
    {u"name", {u"name", u"label"}},
    {u"kind", {u"kind", u"type"}},
    {u"lat", {u"lat", u"latitude", u"latitude_deg"}},
    {u"lon", {u"lon", u"lng", u"long", u"longitude", u"longitude_deg"}},
    {u"region", {u"region", u"province"}},
    {u"gpus", {u"gpus"}},
    {u"power_mw", {u"power_mw"}},
    {u"role", {u"role"}},
    {u"attributes", {u"attributes"}},
};

const ColumnSpec kLinkColumns[] = {
    {u"id", {u"id", u"fid", u"link_id"}},
    {u"a", {u"code_a", u"a", u"site_a"}},
    {u"b", {u"code_b", u"b", u"site_b"}},
    {u"capacity_gbps", {u"capacity_gbps", u"capacity_g"}}, // Shapefile cuts names to 10 characters
    {u"length_km", {u"length_km"}},
    {u"medium", {u"medium"}},
    {u"igp_metric", {u"igp_metric", u"metric"}},
    {u"srlg", {u"srlg", u"srlgs"}},
    {u"parallel_count", {u"parallel_count", u"parallel", u"parallel_c"}},
    {u"route_factor", {u"route_factor", u"route_fact"}},
    {u"cost", {u"cost"}},
    {u"availability", {u"availability", u"availabili"}},
    {u"name", {u"name"}},
    // Written by our own exports for GIS users; derived, so ignored on import.
    {u"route_length_km", {u"route_length_km", u"route_leng"}},
    {u"latency_ms", {u"latency_ms"}},
};

const ColumnSpec kDemandColumns[] = {
    {u"id", {u"id", u"fid", u"demand_id"}},
    {u"source", {u"source_code", u"source", u"src"}},
    {u"destination", {u"destination_code", u"destination", u"dst", u"destinatio"}},
    {u"rate_gbps", {u"rate_gbps"}},
    {u"class", {u"class", u"demand_class"}},
    {u"max_latency_ms", {u"max_latency_ms", u"latency_bound_ms", u"max_latenc"}},
    {u"protection", {u"protection"}},
    {u"regions", {u"regions", u"allowed_regions"}},
    {u"name", {u"name"}},
    {u"volume_tb", {u"volume_tb"}},
    {u"window_h", {u"window_h", u"window_hours"}},
};

QString normalisedColumn(const QString &name)
{
    QString key = name.trimmed().toLower();
    key.replace(u' ', u'_');
    key.replace(u'-', u'_');
    return key;
}

// Column names as a message lists them: each cut to a readable length, and the list too.
QString columnList(const QStringList &columns)
{
    QStringList shown;
    for (const QString &column : columns)
        shown << excerpt(column);
    return excerpt(shown.join(u", "_qs), 400);
}

bool isGdalLayer(const RecordTable &table)
{
    return !table.layer.isEmpty();
}

// Fields a format adds by itself (KML placemark properties): neither data nor worth a warning.
bool isDriverField(const QString &key)
{
    static const QStringList kFields{u"description"_qs, u"timestamp"_qs,    u"begin"_qs,
                                     u"end"_qs,         u"altitudemode"_qs, u"tessellate"_qs,
                                     u"extrude"_qs,     u"visibility"_qs,   u"draworder"_qs,
                                     u"icon"_qs,        u"snippet"_qs};
    return kFields.contains(key);
}

// Maps canonical column names to their index in a table; unknown columns are listed.
class Columns
{
public:
    // Each canonical column takes the first spelling, in the spec's order, that the table has;
    // columns that spell a known field but lost to a preferred spelling are not "unknown".
    template <std::size_t N>
    Columns(const RecordTable &table, const ColumnSpec (&specs)[N])
    {
        QStringList keys;
        for (const QString &column : table.columns)
            keys << normalisedColumn(column);
        QList<bool> known(keys.size(), false);
        for (const ColumnSpec &spec : specs) {
            const QString name = QString::fromUtf16(spec.name);
            for (const char16_t *spelling : spec.spellings) {
                for (qsizetype i = 0; i < keys.size(); ++i) {
                    if (keys[i] != QStringView(spelling))
                        continue;
                    known[i] = true;
                    if (!m_index.contains(name))
                        m_index.insert(name, i);
                }
            }
        }
        for (qsizetype i = 0; i < keys.size(); ++i) {
            if (!known[i] && !(isGdalLayer(table) && isDriverField(keys[i])))
                m_unknown << i;
        }
    }
    bool has(const char16_t *name) const { return m_index.contains(QString::fromUtf16(name)); }
    int index(const char16_t *name) const
    {
        return int(m_index.value(QString::fromUtf16(name), -1));
    }
    const QList<qsizetype> &unknown() const { return m_unknown; }

private:
    QHash<QString, qsizetype> m_index;
    QList<qsizetype> m_unknown;
};

bool hasColumn(const RecordTable &table, std::initializer_list<const char16_t *> names)
{
    for (const QString &column : table.columns) {
        const QString key = normalisedColumn(column);
        for (const char16_t *name : names) {
            if (key == QStringView(name))
                return true;
        }
    }
    return false;
}

// Reads typed cells of one record, failing with file, line and column.
class Cells
{
public:
    Cells(const RecordTable &table, const Record &record, const Columns &columns)
        : m_table(table)
        , m_record(record)
        , m_columns(columns)
    {
    }

    [[noreturn]] void fail(const QString &message) const
    {
        throw Failure(makeError(m_table.file, m_record.line, where(), message));
    }
    [[noreturn]] void fail(const char16_t *column, const QString &message) const
    {
        throw Failure(makeError(m_table.file, m_record.line,
                                appendWhere(u"column "_qs + QString::fromUtf16(column)), message));
    }

    QString where() const
    {
        QString text = m_table.layer.isEmpty() ? QString() : u"layer "_qs + m_table.layer;
        if (!m_record.feature.isEmpty())
            text += (text.isEmpty() ? QString() : u", "_qs) + m_record.feature;
        return text;
    }

    QString text(const char16_t *column) const
    {
        const int i = m_columns.index(column);
        if (i < 0 || i >= m_record.values.size())
            return {};
        return m_record.values[i].trimmed();
    }

    std::optional<double> number(const char16_t *column) const
    {
        const QString value = text(column);
        if (value.isEmpty())
            return std::nullopt;
        bool ok = false;
        const double number = value.toDouble(&ok);
        if (!ok || !std::isfinite(number))
            fail(column, u"\"%1\" is not a number"_qs.arg(excerpt(value)));
        return number;
    }

    std::optional<qint64> integer(const char16_t *column) const
    {
        const QString value = text(column);
        if (value.isEmpty())
            return std::nullopt;
        // Whole numbers, also written as reals by GIS tools ("10.0", "1e3"), within what a
        // double holds exactly; 1e20 is refused, never converted (UBSan, fuzz_csv).
        constexpr qint64 kLargest = 9007199254740991; // 2^53 - 1
        QString problem;
        const std::optional<qint64> number = parseInteger(value, -kLargest, kLargest, problem);
        if (!number)
            fail(column, problem);
        return number;
    }

    const Site &site(const Network &network, const char16_t *column) const
    {
        const QString code = text(column);
        if (code.isEmpty())
            fail(column, u"is empty; it must name a site by its code"_qs);
        const Site *site = network.siteByCode(code);
        if (!site) {
            fail(column, u"unknown site code \"%1\"; import the sites first (in the same command "
                         "or into the project)"_qs.arg(excerpt(code)));
        }
        return *site;
    }

    QString appendWhere(const QString &extra) const
    {
        const QString base = where();
        if (extra.isEmpty())
            return base;
        return base.isEmpty() ? extra : base + u", "_qs + extra;
    }
    const QString &file() const { return m_table.file; }
    qint64 line() const { return m_record.line; }

private:
    const RecordTable &m_table;
    const Record &m_record;
    const Columns &m_columns;
};

void warnUnknownColumns(const RecordTable &table,
                        const Columns &columns,
                        const ImportOptions &options,
                        ImportReport &report,
                        const char *what)
{
    if (columns.unknown().isEmpty())
        return;
    QStringList names;
    for (qsizetype i : columns.unknown())
        names << table.columns[i];
    reportWarning(report, options,
                  makeWarning(table.file, 1, {},
                              u"columns %1 are not %2 fields and were ignored"_qs.arg(
                                  columnList(names), QLatin1StringView(what))));
}

// Model checks name the object ("site B"); keep that beside the file, line and feature.
template <typename Add>
void addRow(const Cells &cells, Add &&add)
{
    try {
        add();
    } catch (const Failure &failure) {
        const Diagnostic &d = failure.diagnostic();
        throw Failure(makeError(cells.file(), cells.line(), cells.appendWhere(d.where), d.message));
    }
}

void importSites(Network &network, const RecordTable &table, ImportReport &report)
{
    const Columns columns(table, kSiteColumns);
    const bool coordinatesFromGeometry = !(columns.has(u"lat") && columns.has(u"lon"));
    if (coordinatesFromGeometry && !table.hasPoints) {
        throw Failure(makeError(table.file, 1, {},
                                u"sites need columns lat and lon (or point "
                                "geometries)"_qs));
    }
    SiteCodeMaker codes;
    for (const Site &site : network.sites())
        codes.reserve(site.code);
    const bool codeColumn = columns.has(u"code");
    if (!codeColumn && !columns.has(u"name")) {
        throw Failure(makeError(table.file, 1, {},
                                u"sites need a code column (or a name to "
                                "derive codes from)"_qs));
    }
    Record record;
    while (table.next(record)) {
        const Cells cells(table, record, columns);
        Site site;
        site.id = cells.integer(u"id").value_or(0);
        site.name = cells.text(u"name");
        site.code = codeColumn
                        ? cells.text(u"code")
                        : codes.make(site.name, u"S"_qs + QString::number(network.nextSiteId()));
        if (site.code.isEmpty())
            cells.fail(u"code", u"is empty; every site needs a unique code"_qs);
        if (site.name.isEmpty())
            site.name = site.code;
        const QString kind = cells.text(u"kind");
        if (!kind.isEmpty()) {
            const std::optional<SiteKind> parsed = siteKindFromString(kind);
            if (!parsed) {
                cells.fail(u"kind", u"unknown kind \"%1\"; use one of %2"_qs.arg(
                                        excerpt(kind), siteKindNames().join(u", "_qs)));
            }
            site.kind = *parsed;
        }
        if (coordinatesFromGeometry) {
            if (!record.point)
                cells.fail(u"feature has no point geometry"_qs);
            site.latitudeDeg = record.point->latitudeDeg;
            site.longitudeDeg = record.point->longitudeDeg;
        } else {
            const std::optional<double> lat = cells.number(u"lat");
            const std::optional<double> lon = cells.number(u"lon");
            if (!lat)
                cells.fail(u"lat", u"is empty; every site needs a latitude"_qs);
            if (!lon)
                cells.fail(u"lon", u"is empty; every site needs a longitude"_qs);
            site.latitudeDeg = *lat;
            site.longitudeDeg = *lon;
        }
        site.region = cells.text(u"region");
        site.gpus = cells.integer(u"gpus");
        site.powerMw = cells.number(u"power_mw");
        site.role = cells.text(u"role");
        const QString attributes = cells.text(u"attributes");
        if (!attributes.isEmpty()) {
            QString problem;
            site.attributes = jsonObject(attributes, problem);
            if (!problem.isEmpty())
                cells.fail(u"attributes", problem);
        }
        for (qsizetype i : columns.unknown()) {
            const QString value = i < record.values.size() ? record.values[i].trimmed() : QString();
            if (!value.isEmpty())
                site.attributes.insert(table.columns[i].trimmed(), value);
        }
        addRow(cells, [&] { network.addSite(std::move(site)); });
        ++report.sitesAdded;
    }
}

// Kilometres as a message gives them: to the metre.
QString metres(double km)
{
    return formatNumber(std::round(km * 1000.0) / 1000.0);
}

// Links without a given length get the one this project derives (distance × route factor).
// Our exports write that length as route_length_km: when it differs, the file came from a
// project with another route factor (or the sites moved), and the lengths, latencies and
// every planner's result would silently change. Said once per file, with the first link.
struct RouteLengths
{
    qsizetype differing = 0;
    qint64 firstLine = 0;
    QString firstWhere;
    double firstWrittenKm = 0.0;
    double firstDerivedKm = 0.0;
    std::optional<double> firstRouteFactor; ///< the link's own, if it has one

    void report(const RecordTable &table,
                const Network &network,
                const ImportOptions &options,
                ImportReport &importReport) const
    {
        if (differing == 0)
            return;
        const QString factor = firstRouteFactor
                                   ? u"its route factor %1"_qs.arg(formatNumber(*firstRouteFactor))
                                   : u"the project's route factor %1"_qs.arg(
                                         formatNumber(network.settings().routeFactor));
        QString message =
            u"route_length_km is %1 km in the file, but this project derives %2 km (distance × "
            "%3): the file was written by a project with another route factor, or the sites "
            "have moved. Set the route factor the file was made with (nqi import "
            "--route-factor), or give the lengths in length_km"_qs.arg(
                metres(firstWrittenKm), metres(firstDerivedKm), factor);
        if (differing > 1)
            message += u" (%1 links differ so)"_qs.arg(differing);
        reportWarning(importReport, options,
                      makeWarning(table.file, firstLine, firstWhere, message));
    }
};

void checkRouteLength(const Network &network,
                      const Link &link,
                      const Cells &cells,
                      RouteLengths &lengths)
{
    if (link.lengthKm)
        return;
    // A derived column: text that is not a number is left alone, as the column is not read.
    bool ok = false;
    const double writtenKm = cells.text(u"route_length_km").toDouble(&ok);
    if (!ok || !std::isfinite(writtenKm))
        return;
    const double derivedKm = network.lengthKm(link);
    // Exports write the shortest text that reads back exactly; formats with fewer digits
    // (Shapefile) keep at least 15: a millimetre per kilometre is far above either.
    if (std::abs(writtenKm - derivedKm) <= 1e-6 * std::max(1.0, std::abs(derivedKm)))
        return;
    if (lengths.differing++ == 0) {
        lengths.firstLine = cells.line();
        lengths.firstWhere = cells.appendWhere(u"column route_length_km"_qs);
        lengths.firstWrittenKm = writtenKm;
        lengths.firstDerivedKm = derivedKm;
        lengths.firstRouteFactor = link.routeFactor;
    }
}

void importLinks(Network &network,
                 const RecordTable &table,
                 const ImportOptions &options,
                 ImportReport &report)
{
    const Columns columns(table, kLinkColumns);
    const bool endsFromGeometry = !(columns.has(u"a") && columns.has(u"b"));
    if (endsFromGeometry && !table.hasLines) {
        throw Failure(makeError(table.file, 1, {}, u"links need columns a and b (site codes)"_qs));
    }
    if (!columns.has(u"capacity_gbps"))
        throw Failure(makeError(table.file, 1, {}, u"links need a capacity_gbps column"_qs));
    warnUnknownColumns(table, columns, options, report, "link");
    RouteLengths routeLengths;
    Record record;
    while (table.next(record)) {
        const Cells cells(table, record, columns);
        Link link;
        link.id = cells.integer(u"id").value_or(0);
        if (endsFromGeometry) {
            // Match the line's ends to the nearest sites within 1 km.
            if (!record.lineEnds)
                cells.fail(u"feature has no line geometry and no a/b columns"_qs);
            auto nearest = [&](const LatLon &point, const char *end) -> SiteId {
                const Site *best = nullptr;
                double bestDistance = 0.0;
                for (const Site &site : network.sites()) {
                    const double d = std::hypot(site.latitudeDeg - point.latitudeDeg,
                                                site.longitudeDeg - point.longitudeDeg);
                    if (!best || d < bestDistance) {
                        best = &site;
                        bestDistance = d;
                    }
                }
                if (!best || bestDistance > 0.01) {
                    cells.fail(u"the line's %1 end (%2, %3) is not at a site; add a and b "
                               "columns with site codes"_qs.arg(QLatin1StringView(end))
                                   .arg(formatNumber(point.latitudeDeg),
                                        formatNumber(point.longitudeDeg)));
                }
                return best->id;
            };
            link.siteA = nearest(record.lineEnds->first, "first");
            link.siteB = nearest(record.lineEnds->second, "last");
        } else {
            link.siteA = cells.site(network, u"a").id;
            link.siteB = cells.site(network, u"b").id;
        }
        const std::optional<double> capacity = cells.number(u"capacity_gbps");
        if (!capacity)
            cells.fail(u"capacity_gbps", u"is empty; every link needs a capacity"_qs);
        link.capacityGbps = *capacity;
        link.lengthKm = cells.number(u"length_km");
        if (link.lengthKm && !(*link.lengthKm > 0.0)) {
            const double apartKm = network.geodesicKm(link);
            if (*link.lengthKm == 0.0 && apartKm == 0.0) {
                // Sites at the same coordinates: 0 km is the derived length, which exports
                // before route_length_km wrote here; it is derived again.
                link.lengthKm.reset();
            } else if (*link.lengthKm == 0.0) {
                cells.fail(u"length_km",
                           u"0 km, but the sites are %1 km apart: give the route length in km, or "
                           "leave the cell empty to derive it (distance × route factor)"_qs.arg(
                               metres(apartKm)));
            } else {
                cells.fail(u"length_km",
                           u"%1 km is not a length: give the route length in km (more than 0), "
                           "or leave the cell empty to derive it (distance × route factor)"_qs.arg(
                               formatNumber(*link.lengthKm)));
            }
        }
        const QString medium = cells.text(u"medium");
        if (!medium.isEmpty()) {
            const std::optional<LinkMedium> parsed = linkMediumFromString(medium);
            if (!parsed) {
                cells.fail(u"medium", u"unknown medium \"%1\"; use one of %2"_qs.arg(
                                          excerpt(medium), linkMediumNames().join(u", "_qs)));
            }
            link.medium = *parsed;
        }
        link.igpMetric = cells.integer(u"igp_metric");
        link.srlgs = splitNameList(cells.text(u"srlg"));
        if (const std::optional<qint64> parallel = cells.integer(u"parallel_count")) {
            if (*parallel < 1 || *parallel > limits::kMaxParallelCount)
                cells.fail(u"parallel_count", u"%1 is out of range 1..%2 (circuits in one link's "
                                              "bundle)"_qs.arg(*parallel)
                                                  .arg(limits::kMaxParallelCount));
            link.parallelCount = int(*parallel);
        }
        link.routeFactor = cells.number(u"route_factor");
        link.cost = cells.number(u"cost");
        link.availability = cells.number(u"availability");
        link.name = cells.text(u"name");
        checkRouteLength(network, link, cells, routeLengths);
        addRow(cells, [&] { network.addLink(std::move(link)); });
        ++report.linksAdded;
    }
    routeLengths.report(table, network, options, report);
}

void importDemands(Network &network,
                   const RecordTable &table,
                   const ImportOptions &options,
                   ImportReport &report)
{
    const Columns columns(table, kDemandColumns);
    if (!columns.has(u"rate_gbps") && !(columns.has(u"volume_tb") && columns.has(u"window_h"))) {
        throw Failure(makeError(table.file, 1, {},
                                u"demands need a rate_gbps column (or "
                                "volume_tb and window_h)"_qs));
    }
    warnUnknownColumns(table, columns, options, report, "demand");
    Record record;
    while (table.next(record)) {
        const Cells cells(table, record, columns);
        Demand demand;
        demand.id = cells.integer(u"id").value_or(0);
        demand.source = cells.site(network, u"source").id;
        demand.destination = cells.site(network, u"destination").id;
        demand.rateGbps = cells.number(u"rate_gbps");
        demand.volumeTb = cells.number(u"volume_tb");
        demand.windowHours = cells.number(u"window_h");
        const QString demandClass = cells.text(u"class");
        if (!demandClass.isEmpty()) {
            const std::optional<DemandClass> parsed = demandClassFromString(demandClass);
            if (!parsed) {
                cells.fail(u"class", u"unknown class \"%1\"; use one of %2"_qs.arg(
                                         excerpt(demandClass), demandClassNames().join(u", "_qs)));
            }
            demand.demandClass = *parsed;
        }
        demand.maxLatencyMs = cells.number(u"max_latency_ms");
        const QString protection = cells.text(u"protection");
        const std::optional<Protection> parsedProtection = protectionFromString(protection);
        if (!parsedProtection) {
            cells.fail(u"protection", u"unknown protection \"%1\"; use one of %2"_qs.arg(
                                          excerpt(protection), protectionNames().join(u", "_qs)));
        }
        demand.protection = *parsedProtection;
        demand.allowedRegions = splitNameList(cells.text(u"regions"));
        demand.name = cells.text(u"name");
        addRow(cells, [&] { network.addDemand(std::move(demand)); });
        ++report.demandsAdded;
    }
}

} // namespace

TableContent classify(const RecordTable &table)
{
    if (hasColumn(table, {u"source", u"source_code", u"src"}) &&
        hasColumn(table, {u"destination", u"destination_code", u"dst", u"destinatio"})) {
        return TableContent::Demands;
    }
    if ((hasColumn(table, {u"a", u"site_a", u"code_a"}) &&
         hasColumn(table, {u"b", u"site_b", u"code_b"})) ||
        table.hasLines) {
        return TableContent::Links;
    }
    // Either coordinate column, or a code column alone, means sites: a missing column then gets
    // a precise message rather than "cannot tell".
    if (hasColumn(table, {u"lat", u"latitude", u"latitude_deg", u"lon", u"lng", u"long",
                          u"longitude", u"longitude_deg", u"code", u"site_code"}) ||
        table.hasPoints) {
        return TableContent::Sites;
    }
    return TableContent::Unknown;
}

void importTable(Network &network,
                 const RecordTable &table,
                 TableContent content,
                 const ImportOptions &options,
                 ImportReport &report)
{
    // Two fields of a layer that read as one column (CSV headers are checked as they are read).
    if (isGdalLayer(table)) {
        QHash<QString, qsizetype> seen;
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            const auto first = seen.constFind(normalisedColumn(table.columns[c]));
            if (first != seen.cend()) {
                throw Failure(makeError(
                    table.file, 0, u"layer "_qs + excerpt(table.layer),
                    u"fields %1 (\"%2\") and %3 (\"%4\") name the same column; a column may "
                    "appear only once: rename or remove one"_qs.arg(*first + 1)
                        .arg(excerpt(table.columns[*first]))
                        .arg(c + 1)
                        .arg(excerpt(table.columns[c]))));
            }
            seen.insert(normalisedColumn(table.columns[c]), c);
        }
    }
    switch (content) {
    case TableContent::Sites:
        importSites(network, table, report);
        break;
    case TableContent::Links:
        importLinks(network, table, options, report);
        break;
    case TableContent::Demands:
        importDemands(network, table, options, report);
        break;
    case TableContent::Unknown:
        throw Failure(makeError(table.file, 1,
                                table.layer.isEmpty() ? QString() : u"layer "_qs + table.layer,
                                u"cannot tell what this holds: sites need columns code,lat,lon; "
                                "links a,b,capacity_gbps; demands source,destination,rate_gbps. "
                                "Found: %1"_qs.arg(columnList(table.columns))));
    }
}

RecordTable csvTable(const QString &path)
{
    auto reader = std::make_shared<CsvReader>(path);
    CsvRow header;
    if (!reader->next(header))
        throw Failure(makeError(path, 1, {}, u"the file is empty; expected a header line"_qs));
    RecordTable table;
    table.file = path;
    table.columns = header.fields;
    QHash<QString, qsizetype> seen; // normalised name -> first column
    for (qsizetype c = 0; c < table.columns.size(); ++c) {
        if (table.columns[c].trimmed().isEmpty()) {
            throw Failure(
                makeError(path, header.line, {}, u"header column %1 has no name"_qs.arg(c + 1)));
        }
        const QString key = normalisedColumn(table.columns[c]);
        if (const auto first = seen.constFind(key); first != seen.cend()) {
            throw Failure(makeError(
                path, header.line, {},
                u"header columns %1 and %2 are both \"%3\"; a column may appear only once: "
                "rename or remove one"_qs.arg(*first + 1)
                    .arg(c + 1)
                    .arg(excerpt(table.columns[c].trimmed()))));
        }
        seen.insert(key, c);
    }
    const qsizetype columnCount = table.columns.size();
    table.next = [reader, columnCount, row = CsvRow()](Record &record) mutable {
        if (!reader->next(row))
            return false;
        if (row.fields.size() != columnCount) {
            throw Failure(
                makeError(reader->displayName(), row.line, {},
                          u"%1 fields, but the header has %2 columns"_qs.arg(row.fields.size())
                              .arg(columnCount)));
        }
        record.line = row.line;
        record.values.swap(row.fields);
        return true;
    };
    return table;
}

} // namespace nqi::core
