#include "core/model/network.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "core/geo/geodesy.h"
#include "core/io/sitecodes.h"
#include "core/model/limits.h"
#include "core/model/networkpart.h"
#include "core/model/numbers.h"
#include "core/model/physics.h"

#include <algorithm>
#include <cmath>

namespace nqi::core {
namespace {

Diagnostic modelError(const QString &where, const QString &message)
{
    return makeError({}, 0, where, message);
}

QString siteLabel(const Site &site)
{
    return site.code.isEmpty() ? u"site #"_qs + QString::number(site.id)
                               : u"site "_qs + excerpt(site.code);
}

QString linkLabel(const Link &link)
{
    return u"link #"_qs + QString::number(link.id);
}
QString demandLabel(const Demand &demand)
{
    return u"demand #"_qs + QString::number(demand.id);
}

void throwFirst(const Diagnostics &problems)
{
    if (!problems.isEmpty())
        throw Failure(problems.constFirst());
}

bool finitePositive(double value)
{
    return std::isfinite(value) && value > 0.0;
}

// Numbers in messages as given: 90.0000001 must not read as 90.
QString numberText(double value)
{
    return formatNumber(value);
}

// An id given with an object: 0 asks for the next one; else 1..kMaxId.
std::optional<QString> idProblem(qint64 id)
{
    if (id >= 0 && id <= limits::kMaxId)
        return std::nullopt;
    return u"id %1 is out of range 1..%2"_qs.arg(id).arg(limits::kMaxId);
}

// The next id after the largest used; ids are at most kMaxId, so this never overflows.
qint64 nextAfter(qint64 next, qint64 used)
{
    return std::max(next, used + 1);
}

// Objects are kept in id order, so a deleted object restored by undo returns to its place.
// Returns true when the object was appended (the common case: ids grow).
template <typename T>
bool insertById(std::vector<T> &objects, T object)
{
    if (objects.empty() || objects.back().id < object.id) {
        objects.push_back(std::move(object));
        return true;
    }
    const auto position = std::lower_bound(objects.begin(), objects.end(), object.id,
                                           [](const T &o, qint64 id) { return o.id < id; });
    objects.insert(position, std::move(object));
    return false;
}

} // namespace

qint64 satelliteCount(const Constellation &constellation)
{
    qint64 count = 0;
    for (const WalkerShell &shell : constellation.shells)
        count += std::max(0, shell.totalSatellites);
    // Line 1 of each element set starts with "1 " (the title line, if any, is free text).
    for (QStringView line : QStringView(constellation.tleText).tokenize(u'\n')) {
        line = line.trimmed();
        if (line.size() > 2 && line.startsWith(u"1 ") && line.at(2).isDigit())
            ++count;
    }
    return count;
}

bool isValidSiteCode(const QString &code)
{
    if (code.isEmpty() || code.size() > 63)
        return false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const char16_t c = code.at(i).unicode();
        const bool alnum =
            (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
        if (!alnum && (i == 0 || (c != u'_' && c != u'-')))
            return false;
    }
    return true;
}

void Network::setSettings(const ProjectSettings &settings)
{
    if (!finitePositive(settings.routeFactor) || settings.routeFactor < 1.0) {
        throw Failure(modelError(u"project"_qs,
                                 u"route factor %1 must be at least 1 (fibre cannot be shorter "
                                 "than the geodesic)"_qs.arg(numberText(settings.routeFactor))));
    }
    m_settings = settings;
}

const Site *Network::site(SiteId id) const
{
    const auto it = m_siteIndex.constFind(id);
    return it == m_siteIndex.cend() ? nullptr : &m_sites[*it];
}

const Site *Network::siteByCode(const QString &code) const
{
    const auto it = m_siteCodeIndex.constFind(code.toLower());
    return it == m_siteCodeIndex.cend() ? nullptr : &m_sites[*it];
}

const Link *Network::link(LinkId id) const
{
    const auto it = m_linkIndex.constFind(id);
    return it == m_linkIndex.cend() ? nullptr : &m_links[*it];
}

const Demand *Network::demand(DemandId id) const
{
    const auto it = m_demandIndex.constFind(id);
    return it == m_demandIndex.cend() ? nullptr : &m_demands[*it];
}

const Region *Network::region(RegionId id) const
{
    for (const Region &region : m_regions) {
        if (region.id == id)
            return &region;
    }
    return nullptr;
}

Diagnostics Network::check(const Site &site) const
{
    Diagnostics problems;
    const auto where = [&site] {
        return siteLabel(site);
    }; // built only on a problem
    if (const auto problem = idProblem(site.id))
        problems << modelError(where(), *problem);
    if (!isValidSiteCode(site.code)) {
        problems << modelError(
            where(), u"code \"%1\" is not valid: use 1-63 ASCII letters, digits, "
                     "'-' or '_', starting with a letter or digit"_qs.arg(excerpt(site.code)));
    }
    if (const Site *other = siteByCode(site.code); other && other->id != site.id) {
        problems << modelError(where(), u"code \"%1\" is already used by site #%2; codes must be "
                                        "unique (ignoring case)"_qs.arg(excerpt(site.code))
                                            .arg(other->id));
    }
    if (!std::isfinite(site.latitudeDeg) || site.latitudeDeg < -90.0 || site.latitudeDeg > 90.0) {
        problems << modelError(where(), u"latitude %1 is out of range -90..90 degrees"_qs.arg(
                                            numberText(site.latitudeDeg)));
    }
    if (!std::isfinite(site.longitudeDeg) || site.longitudeDeg < -180.0 ||
        site.longitudeDeg > 180.0) {
        problems << modelError(where(), u"longitude %1 is out of range -180..180 degrees"_qs.arg(
                                            numberText(site.longitudeDeg)));
    }
    if (site.gpus && *site.gpus < 0)
        problems << modelError(where(), u"GPU count %1 must not be negative"_qs.arg(*site.gpus));
    if (site.powerMw && (!std::isfinite(*site.powerMw) || *site.powerMw < 0.0))
        problems << modelError(
            where(), u"power %1 MW must not be negative"_qs.arg(numberText(*site.powerMw)));
    return problems;
}

Diagnostics Network::check(const Link &link) const
{
    Diagnostics problems;
    const auto where = [&link] {
        return linkLabel(link);
    };
    if (const auto problem = idProblem(link.id))
        problems << modelError(where(), *problem);
    if (!site(link.siteA))
        problems << modelError(where(), u"end A refers to unknown site #%1"_qs.arg(link.siteA));
    if (!site(link.siteB))
        problems << modelError(where(), u"end B refers to unknown site #%1"_qs.arg(link.siteB));
    if (link.siteA == link.siteB) {
        problems << modelError(where(), u"both ends are the same site #%1 (a self-loop); a link "
                                        "must join two different sites"_qs.arg(link.siteA));
    }
    if (!finitePositive(link.capacityGbps)) {
        problems << modelError(
            where(), u"capacity %1 Gbps must be positive"_qs.arg(numberText(link.capacityGbps)));
    }
    if (link.parallelCount < 1 || link.parallelCount > limits::kMaxParallelCount) {
        problems << modelError(where(), u"parallel count %1 is out of range 1..%2 (circuits in "
                                        "one link's bundle)"_qs.arg(link.parallelCount)
                                            .arg(limits::kMaxParallelCount));
    }
    if (link.lengthKm && !finitePositive(*link.lengthKm)) {
        problems << modelError(where(),
                               u"length %1 km must be positive"_qs.arg(numberText(*link.lengthKm)));
    } else if (link.lengthKm && *link.lengthKm > limits::kMaxLinkLengthKm) {
        problems << modelError(where(),
                               u"length %1 km is longer than %2 km, the longest a link may "
                               "be (2.5 times round the equator); give the route length "
                               "in km"_qs.arg(numberText(*link.lengthKm),
                                              QString::number(limits::kMaxLinkLengthKm, 'f', 0)));
    }
    if (link.routeFactor && (!finitePositive(*link.routeFactor) || *link.routeFactor < 1.0)) {
        problems << modelError(
            where(), u"route factor %1 must be at least 1"_qs.arg(numberText(*link.routeFactor)));
    }
    if (link.igpMetric && (*link.igpMetric < 1 || *link.igpMetric > 16777215)) {
        problems << modelError(where(), u"IGP metric %1 is out of range 1..16777215 (IS-IS wide "
                                        "metrics)"_qs.arg(*link.igpMetric));
    }
    if (link.cost && (!std::isfinite(*link.cost) || *link.cost < 0.0))
        problems << modelError(where(),
                               u"cost %1 must not be negative"_qs.arg(numberText(*link.cost)));
    if (link.availability && (!std::isfinite(*link.availability) || *link.availability <= 0.0 ||
                              *link.availability > 1.0)) {
        problems << modelError(
            where(), u"availability %1 must be in (0, 1]"_qs.arg(numberText(*link.availability)));
    }
    for (const QString &srlg : link.srlgs) {
        if (srlg.trimmed().isEmpty() || srlg.contains(u';'))
            problems << modelError(where(),
                                   u"SRLG name \"%1\" is empty or contains ';'"_qs.arg(srlg));
    }
    return problems;
}

Diagnostics Network::check(const Demand &demand) const
{
    Diagnostics problems;
    const auto where = [&demand] {
        return demandLabel(demand);
    };
    if (const auto problem = idProblem(demand.id))
        problems << modelError(where(), *problem);
    if (!site(demand.source))
        problems << modelError(where(), u"source is unknown site #%1"_qs.arg(demand.source));
    if (!site(demand.destination)) {
        problems << modelError(where(),
                               u"destination is unknown site #%1"_qs.arg(demand.destination));
    }
    if (demand.source == demand.destination) {
        problems << modelError(
            where(), u"source and destination are the same site #%1"_qs.arg(demand.source));
    }
    if (demand.rateGbps && !finitePositive(*demand.rateGbps))
        problems << modelError(
            where(), u"rate %1 Gbps must be positive"_qs.arg(numberText(*demand.rateGbps)));
    if (demand.volumeTb && !finitePositive(*demand.volumeTb))
        problems << modelError(
            where(), u"volume %1 TB must be positive"_qs.arg(numberText(*demand.volumeTb)));
    if (demand.windowHours && !finitePositive(*demand.windowHours)) {
        problems << modelError(
            where(), u"window %1 h must be positive"_qs.arg(numberText(*demand.windowHours)));
    }
    if (!demand.rateGbps && !(demand.volumeTb && demand.windowHours)) {
        problems << modelError(where(), u"needs a rate in Gbps, or a volume in TB with a window in "
                                        "hours"_qs);
    }
    if (demand.maxLatencyMs && !finitePositive(*demand.maxLatencyMs)) {
        problems << modelError(where(), u"latency bound %1 ms must be positive"_qs.arg(
                                            numberText(*demand.maxLatencyMs)));
    }
    return problems;
}

Diagnostics Network::check(const Constellation &constellation) const
{
    Diagnostics problems;
    const auto where = [&constellation]() -> QString {
        return u"constellation "_qs + constellation.name;
    };
    if (const auto problem = idProblem(constellation.id))
        problems << modelError(where(), *problem);
    if (constellation.shells.isEmpty() && constellation.tleText.trimmed().isEmpty())
        problems << modelError(where(), u"has neither Walker shells nor TLE sets"_qs);
    if (const qint64 satellites = satelliteCount(constellation);
        satellites > limits::kMaxSatellites) {
        problems << modelError(where(), u"%1 satellites are more than %2, the most one "
                                        "constellation may hold"_qs.arg(satellites)
                                            .arg(limits::kMaxSatellites));
    }
    for (const WalkerShell &shell : constellation.shells) {
        if (shell.totalSatellites < 1 || shell.planes < 1 ||
            shell.totalSatellites % shell.planes != 0) {
            problems << modelError(where(), u"Walker shell %1/%2/%3: T must be a positive multiple "
                                            "of P"_qs.arg(shell.totalSatellites)
                                                .arg(shell.planes)
                                                .arg(shell.phasing));
        } else if (shell.phasing < 0 || shell.phasing >= shell.planes) {
            problems << modelError(
                where(), u"Walker shell %1/%2/%3: F must be in 0..P-1"_qs.arg(shell.totalSatellites)
                             .arg(shell.planes)
                             .arg(shell.phasing));
        }
        if (!(shell.inclinationDeg >= 0.0 && shell.inclinationDeg <= 180.0)) {
            problems << modelError(where(), u"inclination %1 deg is out of range 0..180"_qs.arg(
                                                numberText(shell.inclinationDeg)));
        }
        if (!(shell.altitudeKm >= 100.0 && shell.altitudeKm <= 50000.0)) {
            problems << modelError(where(), u"altitude %1 km is out of range 100..50000"_qs.arg(
                                                numberText(shell.altitudeKm)));
        }
    }
    if (!(constellation.minElevationDeg >= 0.0 && constellation.minElevationDeg < 90.0)) {
        problems << modelError(where(), u"minimum elevation %1 deg is out of range 0..90"_qs.arg(
                                            constellation.minElevationDeg));
    }
    if (const std::optional<double> range = constellation.gslMaxRangeKm;
        range && !(*range > 0.0 && *range <= limits::kMaxGslRangeKm)) {
        problems << modelError(
            where(), u"maximum slant range %1 km is out of range: above 0 and "
                     "at most %2 km"_qs.arg(numberText(*range),
                                            QString::number(limits::kMaxGslRangeKm, 'f', 0)));
    }
    if (!constellation.gslMinElevation && !constellation.gslMaxRangeKm) {
        problems << modelError(where(), u"without a maximum slant range the minimum elevation is "
                                        "the only ground-satellite rule: it cannot be left out"_qs);
    }
    if (constellation.islPattern != IslPattern::Hypatia) {
        if (constellation.islShift != 0) {
            problems << modelError(where(),
                                   u"ISL shift %1 applies to Hypatia's pairing only; "
                                   "with any other pattern it is 0"_qs.arg(constellation.islShift));
        }
        return problems;
    }
    if (constellation.islShift < 0) {
        problems << modelError(where(),
                               u"ISL shift %1 must not be negative"_qs.arg(constellation.islShift));
    }
    for (const WalkerShell &shell : constellation.shells) {
        if (shell.planes < 1 || shell.totalSatellites % shell.planes != 0)
            continue; // reported above
        const int perPlane = shell.totalSatellites / shell.planes;
        const QString name =
            u"%1/%2/%3"_qs.arg(shell.totalSatellites).arg(shell.planes).arg(shell.phasing);
        if (shell.planes < 3 || perPlane < 3) {
            problems << modelError(where(), u"Hypatia's +Grid needs at least 3 planes of at least "
                                            "3 satellites; Walker shell %1 has %2 of %3: use the "
                                            "+Grid pattern"_qs.arg(name)
                                                .arg(shell.planes)
                                                .arg(perPlane));
        } else if (constellation.islShift >= perPlane) {
            problems << modelError(
                where(), u"ISL shift %1 is out of range 0..%2 (satellites per "
                         "plane of Walker shell %3, less one)"_qs.arg(constellation.islShift)
                             .arg(perPlane - 1)
                             .arg(name));
        }
    }
    return problems;
}

Diagnostics Network::check(const Region &region) const
{
    Diagnostics problems;
    const auto where = [&region]() -> QString {
        return u"region "_qs + region.name;
    };
    if (const auto problem = idProblem(region.id))
        problems << modelError(u"region #"_qs + QString::number(region.id), *problem);
    if (region.name.trimmed().isEmpty())
        problems << modelError(u"region #"_qs + QString::number(region.id), u"has no name"_qs);
    if (region.rings.isEmpty())
        problems << modelError(where(), u"has no polygon"_qs);
    for (const QList<LatLon> &ring : region.rings) {
        if (ring.size() < 3)
            problems << modelError(where(), u"a ring has fewer than 3 points"_qs);
        for (const LatLon &point : ring) {
            if (!(point.latitudeDeg >= -90.0 && point.latitudeDeg <= 90.0 &&
                  point.longitudeDeg >= -540.0 && point.longitudeDeg <= 540.0)) {
                problems << modelError(
                    where(), u"point (%1, %2) is out of range"_qs.arg(numberText(point.latitudeDeg))
                                 .arg(numberText(point.longitudeDeg)));
                break;
            }
        }
    }
    return problems;
}

void Network::reserveIds(SiteId nextSite, LinkId nextLink, DemandId nextDemand)
{
    for (const qint64 next : {nextSite, nextLink, nextDemand}) {
        if (next < 0 || next > limits::kMaxId + 1) {
            throw Failure(modelError(
                u"project"_qs,
                u"next id %1 is out of range 1..%2"_qs.arg(next).arg(limits::kMaxId + 1)));
        }
    }
    m_nextSiteId = std::max(m_nextSiteId, nextSite);
    m_nextLinkId = std::max(m_nextLinkId, nextLink);
    m_nextDemandId = std::max(m_nextDemandId, nextDemand);
}

SiteId Network::addSite(Site site)
{
    if (site.id == 0)
        site.id = m_nextSiteId;
    if (this->site(site.id))
        throw Failure(modelError(siteLabel(site), u"id %1 is already used"_qs.arg(site.id)));
    throwFirst(check(site));
    const SiteId id = site.id;
    m_nextSiteId = nextAfter(m_nextSiteId, id);
    if (insertById(m_sites, std::move(site))) {
        m_siteIndex.insert(id, qsizetype(m_sites.size()) - 1);
        m_siteCodeIndex.insert(m_sites.back().code.toLower(), qsizetype(m_sites.size()) - 1);
    } else {
        reindexSites();
    }
    return id;
}

LinkId Network::addLink(Link link)
{
    if (link.id == 0)
        link.id = m_nextLinkId;
    if (this->link(link.id))
        throw Failure(modelError(linkLabel(link), u"id %1 is already used"_qs.arg(link.id)));
    throwFirst(check(link));
    const LinkId id = link.id;
    m_nextLinkId = nextAfter(m_nextLinkId, id);
    if (insertById(m_links, std::move(link)))
        m_linkIndex.insert(id, qsizetype(m_links.size()) - 1);
    else
        reindexLinks();
    return id;
}

DemandId Network::addDemand(Demand demand)
{
    if (demand.id == 0)
        demand.id = m_nextDemandId;
    if (this->demand(demand.id)) {
        throw Failure(modelError(demandLabel(demand), u"id %1 is already used"_qs.arg(demand.id)));
    }
    throwFirst(check(demand));
    const DemandId id = demand.id;
    m_nextDemandId = nextAfter(m_nextDemandId, id);
    if (insertById(m_demands, std::move(demand)))
        m_demandIndex.insert(id, qsizetype(m_demands.size()) - 1);
    else
        reindexDemands();
    return id;
}

ConstellationId Network::addConstellation(Constellation constellation)
{
    if (constellation.id == 0)
        constellation.id = m_nextConstellationId;
    for (const Constellation &existing : m_constellations) {
        if (existing.id == constellation.id) {
            throw Failure(modelError(u"constellation "_qs + constellation.name,
                                     u"id %1 is already used"_qs.arg(constellation.id)));
        }
    }
    throwFirst(check(constellation));
    m_nextConstellationId = nextAfter(m_nextConstellationId, constellation.id);
    m_constellations.push_back(std::move(constellation));
    return m_constellations.back().id;
}

RegionId Network::addRegion(Region region)
{
    if (region.id == 0)
        region.id = m_nextRegionId;
    for (const Region &existing : m_regions) {
        if (existing.id == region.id) {
            throw Failure(modelError(u"region "_qs + region.name,
                                     u"id %1 is already used"_qs.arg(region.id)));
        }
    }
    for (QList<LatLon> &ring : region.rings) {
        // Rings are kept open in the model; the store closes them in the file.
        if (ring.size() > 1 && ring.constFirst() == ring.constLast())
            ring.removeLast();
    }
    throwFirst(check(region));
    const RegionId id = region.id;
    m_nextRegionId = nextAfter(m_nextRegionId, id);
    insertById(m_regions, std::move(region));
    return id;
}

void Network::updateSite(const Site &site)
{
    const auto it = m_siteIndex.constFind(site.id);
    if (it == m_siteIndex.cend())
        throw Failure(modelError(siteLabel(site), u"no such site to update"_qs));
    throwFirst(check(site));
    Site &stored = m_sites[*it];
    if (stored.code != site.code) {
        m_siteCodeIndex.remove(stored.code.toLower());
        m_siteCodeIndex.insert(site.code.toLower(), *it);
    }
    stored = site;
}

void Network::updateLink(const Link &link)
{
    const auto it = m_linkIndex.constFind(link.id);
    if (it == m_linkIndex.cend())
        throw Failure(modelError(linkLabel(link), u"no such link to update"_qs));
    throwFirst(check(link));
    m_links[*it] = link;
}

void Network::updateDemand(const Demand &demand)
{
    const auto it = m_demandIndex.constFind(demand.id);
    if (it == m_demandIndex.cend())
        throw Failure(modelError(demandLabel(demand), u"no such demand to update"_qs));
    throwFirst(check(demand));
    m_demands[*it] = demand;
}

void Network::removeSite(SiteId id)
{
    if (!site(id))
        throw Failure(modelError(u"site #"_qs + QString::number(id), u"no such site"_qs));
    std::erase_if(m_sites, [id](const Site &s) { return s.id == id; });
    std::erase_if(m_links, [id](const Link &l) { return l.siteA == id || l.siteB == id; });
    std::erase_if(m_demands,
                  [id](const Demand &d) { return d.source == id || d.destination == id; });
    reindexSites();
    reindexLinks();
    reindexDemands();
}

void Network::removeLink(LinkId id)
{
    if (!link(id))
        throw Failure(modelError(u"link #"_qs + QString::number(id), u"no such link"_qs));
    std::erase_if(m_links, [id](const Link &l) { return l.id == id; });
    reindexLinks();
}

void Network::removeDemand(DemandId id)
{
    if (!demand(id))
        throw Failure(modelError(u"demand #"_qs + QString::number(id), u"no such demand"_qs));
    std::erase_if(m_demands, [id](const Demand &d) { return d.id == id; });
    reindexDemands();
}

void Network::removeConstellation(ConstellationId id)
{
    const auto before = m_constellations.size();
    std::erase_if(m_constellations, [id](const Constellation &c) { return c.id == id; });
    if (m_constellations.size() == before)
        throw Failure(
            modelError(u"constellation #"_qs + QString::number(id), u"no such constellation"_qs));
}

void Network::removeRegion(RegionId id)
{
    if (!region(id))
        throw Failure(modelError(u"region #"_qs + QString::number(id), u"no such region"_qs));
    std::erase_if(m_regions, [id](const Region &r) { return r.id == id; });
}

void Network::reindexSites()
{
    m_siteIndex.clear();
    m_siteCodeIndex.clear();
    for (qsizetype i = 0; i < qsizetype(m_sites.size()); ++i) {
        m_siteIndex.insert(m_sites[i].id, i);
        m_siteCodeIndex.insert(m_sites[i].code.toLower(), i);
    }
}

void Network::reindexLinks()
{
    m_linkIndex.clear();
    for (qsizetype i = 0; i < qsizetype(m_links.size()); ++i)
        m_linkIndex.insert(m_links[i].id, i);
}

void Network::reindexDemands()
{
    m_demandIndex.clear();
    for (qsizetype i = 0; i < qsizetype(m_demands.size()); ++i)
        m_demandIndex.insert(m_demands[i].id, i);
}

double Network::geodesicKm(const Link &link) const
{
    const Site *a = site(link.siteA);
    const Site *b = site(link.siteB);
    if (!a || !b)
        return 0.0;
    return geo::geodesicDistanceKm(a->latitudeDeg, a->longitudeDeg, b->latitudeDeg,
                                   b->longitudeDeg);
}

double Network::lengthKm(const Link &link) const
{
    if (link.lengthKm)
        return *link.lengthKm;
    return geodesicKm(link) * link.routeFactor.value_or(m_settings.routeFactor);
}

double Network::latencyMs(const Link &link) const
{
    return physics::fibreLatencyMs(lengthKm(link));
}

double Network::totalDemandGbps() const
{
    double total = 0.0;
    for (const Demand &demand : m_demands)
        total += demand.effectiveRateGbps();
    return total;
}

double Network::totalFiberKm() const
{
    double total = 0.0;
    for (const Link &link : m_links) {
        if (link.medium == LinkMedium::Fiber || link.medium == LinkMedium::DciWave ||
            link.medium == LinkMedium::Leased) {
            total += lengthKm(link);
        }
    }
    return total;
}

bool Network::operator==(const Network &other) const
{
    return m_settings == other.m_settings && m_sites == other.m_sites && m_links == other.m_links &&
           m_demands == other.m_demands && m_constellations == other.m_constellations &&
           m_regions == other.m_regions && m_results == other.m_results &&
           m_addressPlan == other.m_addressPlan;
}

const PlannerResult *Network::plannerResult(const QString &planner) const
{
    const auto it = m_results.find(planner);
    return it == m_results.end() ? nullptr : &it->second;
}

void Network::setPlannerResult(PlannerResult result)
{
    if (result.planner.isEmpty())
        throw Failure(u"a planner result needs the planner's name"_qs);
    QString key = result.planner;
    m_results[key] = std::move(result);
}

QByteArray Network::digest() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto add = [&hash](const QString &text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\x1f", 1));
    };
    auto number = [&add](double value) {
        add(QString::number(value, 'g', 17));
    };
    auto optional = [&add, &number](const std::optional<double> &value) {
        if (value)
            number(*value);
        else
            add({});
    };
    number(m_settings.routeFactor);
    for (const Site &site : m_sites) {
        add(QString::number(site.id));
        add(site.code);
        add(toString(site.kind));
        number(site.latitudeDeg);
        number(site.longitudeDeg);
        add(site.region);
        add(site.role);
        add(QString::fromUtf8(QJsonDocument(site.attributes).toJson(QJsonDocument::Compact)));
        number(site.gpus ? double(*site.gpus) : -1.0);
        optional(site.powerMw);
    }
    for (const Link &link : m_links) {
        add(QString::number(link.id));
        add(QString::number(link.siteA));
        add(QString::number(link.siteB));
        add(toString(link.medium));
        number(link.capacityGbps);
        add(QString::number(link.parallelCount));
        optional(link.lengthKm);
        optional(link.routeFactor);
        add(link.igpMetric ? QString::number(*link.igpMetric) : QString());
        optional(link.cost);
        optional(link.availability);
        add(link.srlgs.join(u';'));
    }
    for (const Demand &demand : m_demands) {
        add(QString::number(demand.id));
        add(QString::number(demand.source));
        add(QString::number(demand.destination));
        optional(demand.rateGbps);
        optional(demand.volumeTb);
        optional(demand.windowHours);
        add(toString(demand.demandClass));
        optional(demand.maxLatencyMs);
        add(toString(demand.protection));
        add(demand.allowedRegions.join(u';'));
    }
    for (const Region &region : m_regions) {
        add(QString::number(region.id));
        add(region.name);
        add(toString(region.purpose));
        for (const auto &ring : region.rings)
            for (const LatLon &point : ring) {
                number(point.latitudeDeg);
                number(point.longitudeDeg);
            }
    }
    return hash.result().toHex();
}

// The part of a network the workbench copies and pastes, and the JSON form it travels in.

NetworkPart extractPart(const Network &network, const QList<SiteId> &sites)
{
    QSet<SiteId> chosen;
    for (SiteId id : sites) {
        if (network.site(id))
            chosen.insert(id);
    }
    NetworkPart part;
    for (const Site &site : network.sites()) {
        if (chosen.contains(site.id))
            part.sites.push_back(site);
    }
    for (const Link &link : network.links()) {
        if (chosen.contains(link.siteA) && chosen.contains(link.siteB))
            part.links.push_back(link);
    }
    for (const Demand &demand : network.demands()) {
        if (chosen.contains(demand.source) && chosen.contains(demand.destination))
            part.demands.push_back(demand);
    }
    return part;
}

AddedPart addPart(Network &network, const NetworkPart &part, PartOffset offset)
{
    // Added to a copy, so that a part refused half-way leaves the network as it was.
    Network result = network;
    SiteCodeMaker codes;
    for (const Site &site : result.sites())
        codes.reserve(site.code);
    QHash<SiteId, SiteId> newIds;
    AddedPart added;
    for (Site site : part.sites) {
        if (newIds.contains(site.id)) {
            throw Failure(modelError(siteLabel(site),
                                     u"site #%1 is in the part twice; a part holds each site "
                                     "once"_qs.arg(site.id)));
        }
        const SiteId old = site.id;
        site.id = 0;
        if (result.siteByCode(site.code))
            site.code = codes.make(site.code, u"S"_qs);
        else
            codes.reserve(site.code);
        // Checked where it was, so that a latitude of 200 is refused, not held at the pole.
        throwFirst(result.check(site));
        site.latitudeDeg = std::clamp(site.latitudeDeg - offset.southDeg, -90.0, 90.0);
        site.longitudeDeg = std::remainder(site.longitudeDeg + offset.eastDeg, 360.0);
        const SiteId id = result.addSite(std::move(site));
        newIds.insert(old, id);
        added.sites << id;
    }
    const auto newSite = [&newIds](const QString &where, const char16_t *end, SiteId old) {
        const auto it = newIds.constFind(old);
        if (it == newIds.cend()) {
            throw Failure(modelError(
                where,
                u"%1 is site #%2, which is not in the part"_qs.arg(QStringView(end)).arg(old)));
        }
        return *it;
    };
    for (Link link : part.links) {
        const QString where = linkLabel(link);
        link.siteA = newSite(where, u"end A", link.siteA);
        link.siteB = newSite(where, u"end B", link.siteB);
        link.id = 0;
        added.links << result.addLink(std::move(link));
    }
    for (Demand demand : part.demands) {
        const QString where = demandLabel(demand);
        demand.source = newSite(where, u"its source", demand.source);
        demand.destination = newSite(where, u"its destination", demand.destination);
        demand.id = 0;
        added.demands << result.addDemand(std::move(demand));
    }
    network = std::move(result);
    return added;
}

QJsonObject toJson(const Site &site)
{
    QJsonObject json{{u"id"_qs, site.id},
                     {u"code"_qs, site.code},
                     {u"name"_qs, site.name},
                     {u"kind"_qs, toString(site.kind)},
                     {u"latitude_deg"_qs, site.latitudeDeg},
                     {u"longitude_deg"_qs, site.longitudeDeg},
                     {u"region"_qs, site.region},
                     {u"role"_qs, site.role},
                     {u"attributes"_qs, site.attributes}};
    if (site.gpus)
        json.insert(u"gpus"_qs, *site.gpus);
    if (site.powerMw)
        json.insert(u"power_mw"_qs, *site.powerMw);
    return json;
}

QJsonObject toJson(const Link &link)
{
    QJsonObject json{{u"id"_qs, link.id},
                     {u"site_a"_qs, link.siteA},
                     {u"site_b"_qs, link.siteB},
                     {u"name"_qs, link.name},
                     {u"medium"_qs, toString(link.medium)},
                     {u"capacity_gbps"_qs, link.capacityGbps},
                     {u"parallel_count"_qs, link.parallelCount},
                     {u"srlgs"_qs, QJsonArray::fromStringList(link.srlgs)}};
    if (link.lengthKm)
        json.insert(u"length_km"_qs, *link.lengthKm);
    if (link.routeFactor)
        json.insert(u"route_factor"_qs, *link.routeFactor);
    if (link.igpMetric)
        json.insert(u"igp_metric"_qs, *link.igpMetric);
    if (link.cost)
        json.insert(u"cost"_qs, *link.cost);
    if (link.availability)
        json.insert(u"availability"_qs, *link.availability);
    return json;
}

QJsonObject toJson(const Demand &demand)
{
    QJsonObject json{{u"id"_qs, demand.id},
                     {u"source"_qs, demand.source},
                     {u"destination"_qs, demand.destination},
                     {u"name"_qs, demand.name},
                     {u"demand_class"_qs, toString(demand.demandClass)},
                     {u"protection"_qs, toString(demand.protection)},
                     {u"allowed_regions"_qs, QJsonArray::fromStringList(demand.allowedRegions)}};
    if (demand.rateGbps)
        json.insert(u"rate_gbps"_qs, *demand.rateGbps);
    if (demand.volumeTb)
        json.insert(u"volume_tb"_qs, *demand.volumeTb);
    if (demand.windowHours)
        json.insert(u"window_hours"_qs, *demand.windowHours);
    if (demand.maxLatencyMs)
        json.insert(u"max_latency_ms"_qs, *demand.maxLatencyMs);
    return json;
}

QJsonObject toJson(const NetworkPart &part)
{
    QJsonArray sites;
    for (const Site &site : part.sites)
        sites.append(toJson(site));
    QJsonArray links;
    for (const Link &link : part.links)
        links.append(toJson(link));
    QJsonArray demands;
    for (const Demand &demand : part.demands)
        demands.append(toJson(demand));
    return {{u"format"_qs, QString::fromUtf16(kNetworkPartFormat)},
            {u"version"_qs, kNetworkPartVersion},
            {u"sites"_qs, sites},
            {u"links"_qs, links},
            {u"demands"_qs, demands}};
}

namespace {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_qs;
    case QJsonValue::Bool:
        return u"true or false"_qs;
    case QJsonValue::Double:
        return u"a number"_qs;
    case QJsonValue::String:
        return u"a string"_qs;
    case QJsonValue::Array:
        return u"an array"_qs;
    case QJsonValue::Object:
        return u"an object"_qs;
    case QJsonValue::Undefined:
        break;
    }
    return u"missing"_qs;
}

// The fields of one JSON object, each checked for its type; a problem names the field.
class JsonFields
{
public:
    explicit JsonFields(const QJsonObject &object)
        : m_object(object)
    {
    }

    [[noreturn]] void fail(QStringView key, const QString &message) const
    {
        throw Failure(makeError({}, 0, u"field "_qs + key, message));
    }

    bool has(QStringView key) const
    {
        const QJsonValue value = m_object.value(key);
        return !value.isUndefined() && !value.isNull();
    }

    QJsonValue value(QStringView key, QJsonValue::Type type, const char16_t *what) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            fail(key, u"is missing"_qs);
        if (value.type() != type) {
            fail(key, u"is %1, not %2"_qs.arg(jsonTypeName(value), QStringView(what)));
        }
        return value;
    }

    QString text(QStringView key) const
    {
        return value(key, QJsonValue::String, u"a string").toString();
    }

    double number(QStringView key) const
    {
        return value(key, QJsonValue::Double, u"a number").toDouble();
    }

    qint64 integer(QStringView key) const
    {
        const QJsonValue number = value(key, QJsonValue::Double, u"a whole number");
        // toInteger gives its default for anything but a whole number a qint64 holds exactly.
        const qint64 whole = number.toInteger(0);
        if (whole != number.toInteger(1)) {
            fail(key, u"%1 is not a whole number"_qs.arg(formatNumber(number.toDouble())));
        }
        return whole;
    }

    std::optional<double> optionalNumber(QStringView key) const
    {
        return has(key) ? std::optional(number(key)) : std::nullopt;
    }

    std::optional<qint64> optionalInteger(QStringView key) const
    {
        return has(key) ? std::optional(integer(key)) : std::nullopt;
    }

    QStringList textList(QStringView key) const
    {
        QStringList texts;
        const QJsonArray array = value(key, QJsonValue::Array, u"an array of strings").toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array[i].isString()) {
                fail(key, u"item %1 is %2, not a string"_qs.arg(i + 1).arg(jsonTypeName(array[i])));
            }
            texts << array[i].toString();
        }
        return texts;
    }

    QJsonObject object(QStringView key) const
    {
        return value(key, QJsonValue::Object, u"an object").toObject();
    }

    template <typename Enum>
    Enum name(QStringView key,
              std::optional<Enum> (*parse)(const QString &),
              const QStringList &names) const
    {
        const QString given = text(key);
        const std::optional<Enum> parsed = parse(given);
        if (!parsed) {
            fail(key, u"\"%1\" is not one of %2"_qs.arg(excerpt(given), names.join(u", "_qs)));
        }
        return *parsed;
    }

private:
    const QJsonObject &m_object;
};

// Objects in an array of a part, each read by read; a problem names the array and the item.
template <typename T>
std::vector<T>
readArray(const QJsonObject &part, const QString &key, T (*read)(const QJsonObject &))
{
    const QJsonValue value = part.value(key);
    if (!value.isArray()) {
        throw Failure(makeError({}, 0, u"field "_qs + key,
                                u"is %1, not an array"_qs.arg(jsonTypeName(value))));
    }
    const QJsonArray array = value.toArray();
    std::vector<T> objects;
    objects.reserve(std::size_t(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = u"%1[%2]"_qs.arg(key).arg(i);
        if (!array[i].isObject()) {
            throw Failure(
                makeError({}, 0, where, u"is %1, not an object"_qs.arg(jsonTypeName(array[i]))));
        }
        try {
            objects.push_back(read(array[i].toObject()));
        } catch (const Failure &failure) {
            Diagnostic diagnostic = failure.diagnostic();
            diagnostic.where = where + u", "_qs + diagnostic.where;
            throw Failure(diagnostic);
        }
    }
    return objects;
}

} // namespace

Site siteFromJson(const QJsonObject &object)
{
    const JsonFields fields(object);
    Site site;
    site.id = fields.integer(u"id");
    site.code = fields.text(u"code");
    site.name = fields.text(u"name");
    site.kind = fields.name(u"kind", siteKindFromString, siteKindNames());
    site.latitudeDeg = fields.number(u"latitude_deg");
    site.longitudeDeg = fields.number(u"longitude_deg");
    site.region = fields.text(u"region");
    site.gpus = fields.optionalInteger(u"gpus");
    site.powerMw = fields.optionalNumber(u"power_mw");
    site.role = fields.text(u"role");
    site.attributes = fields.object(u"attributes");
    return site;
}

Link linkFromJson(const QJsonObject &object)
{
    const JsonFields fields(object);
    Link link;
    link.id = fields.integer(u"id");
    link.siteA = fields.integer(u"site_a");
    link.siteB = fields.integer(u"site_b");
    link.name = fields.text(u"name");
    link.medium = fields.name(u"medium", linkMediumFromString, linkMediumNames());
    link.capacityGbps = fields.number(u"capacity_gbps");
    const qint64 parallel = fields.integer(u"parallel_count");
    // The model's range check sees an int: 2^32 + 1 must not wrap round to 1.
    if (parallel < 1 || parallel > limits::kMaxParallelCount) {
        fields.fail(u"parallel_count",
                    u"%1 is out of range 1..%2"_qs.arg(parallel).arg(limits::kMaxParallelCount));
    }
    link.parallelCount = int(parallel);
    link.lengthKm = fields.optionalNumber(u"length_km");
    link.routeFactor = fields.optionalNumber(u"route_factor");
    link.igpMetric = fields.optionalInteger(u"igp_metric");
    link.cost = fields.optionalNumber(u"cost");
    link.availability = fields.optionalNumber(u"availability");
    link.srlgs = fields.textList(u"srlgs");
    return link;
}

Demand demandFromJson(const QJsonObject &object)
{
    const JsonFields fields(object);
    Demand demand;
    demand.id = fields.integer(u"id");
    demand.source = fields.integer(u"source");
    demand.destination = fields.integer(u"destination");
    demand.name = fields.text(u"name");
    demand.rateGbps = fields.optionalNumber(u"rate_gbps");
    demand.volumeTb = fields.optionalNumber(u"volume_tb");
    demand.windowHours = fields.optionalNumber(u"window_hours");
    demand.demandClass = fields.name(u"demand_class", demandClassFromString, demandClassNames());
    demand.maxLatencyMs = fields.optionalNumber(u"max_latency_ms");
    demand.protection = fields.name(u"protection", protectionFromString, protectionNames());
    demand.allowedRegions = fields.textList(u"allowed_regions");
    return demand;
}

NetworkPart networkPartFromJson(const QJsonObject &object)
{
    const QString format = QString::fromUtf16(kNetworkPartFormat);
    if (object.value(u"format").toString() != format) {
        throw Failure(
            makeError({}, 0, {},
                      u"the data is not an NQI network part (it has no \"format\": \"%1\"); it "
                      "may come from another NQI version"_qs.arg(format)));
    }
    const QJsonValue version = object.value(u"version");
    if (!version.isDouble() || version.toDouble() != kNetworkPartVersion) {
        throw Failure(makeError(
            {}, 0, {},
            u"the data is an NQI network part of version %1, written by another NQI version; "
            "this one reads version %2 only: copy the sites in the version they are pasted "
            "into"_qs
                .arg(version.isDouble() ? formatNumber(version.toDouble()) : jsonTypeName(version))
                .arg(kNetworkPartVersion)));
    }
    NetworkPart part;
    part.sites = readArray(object, u"sites"_qs, siteFromJson);
    part.links = readArray(object, u"links"_qs, linkFromJson);
    part.demands = readArray(object, u"demands"_qs, demandFromJson);
    return part;
}

NetworkPart networkPartFromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError) {
        throw Failure(
            makeError({}, 0, {},
                      u"the data is not valid JSON: %1 at character %2"_qs.arg(error.errorString())
                          .arg(error.offset + 1)));
    }
    if (!document.isObject()) {
        throw Failure(makeError(
            {}, 0, {}, u"the data is JSON but not an object, so not an NQI network part"_qs));
    }
    return networkPartFromJson(document.object());
}

} // namespace nqi::core
