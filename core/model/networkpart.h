#pragma once

#include "core/model/network.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <vector>

namespace nqi::core {

/**
 * Some sites of a network with the links and demands among them (both ends among the sites):
 * what the workbench copies and pastes. The objects keep the ids they have in their network.
 */
struct NetworkPart
{
    std::vector<Site> sites;
    std::vector<Link> links;
    std::vector<Demand> demands;

    bool operator==(const NetworkPart &) const = default;
};

/// The part of a network made of the given sites (unknown ids are left out) and the links and
/// demands whose both ends are among them, each list in id order.
NetworkPart extractPart(const Network &network, const QList<SiteId> &sites);

/// How far addPart moves a part's sites, in degrees: to the south (latitudes are held at the
/// poles) and to the east (longitudes wrap round to -180..180).
struct PartOffset
{
    double southDeg = 0.0;
    double eastDeg = 0.0;
};

/// The ids addPart gave the part's objects, in the part's order.
struct AddedPart
{
    QList<SiteId> sites;
    QList<LinkId> links;
    QList<DemandId> demands;
};

/**
 * Adds a part to a network as new objects: new ids; each site keeps its code unless the network
 * (or a site pasted before it) has it, ignoring case, and then gets one made from it as
 * SiteCodeMaker does ("BJ" -> "BJ-2"); positions moved by offset. Every other field is kept.
 * Throws Failure naming the object when any of the part does not fit (a link to a site outside
 * the part, a site twice, a value the model refuses), and then changes nothing.
 */
AddedPart addPart(Network &network, const NetworkPart &part, PartOffset offset = {});

/**
 * The JSON form of the model's objects: every field of Site, Link and Demand under its name in
 * snake_case ("latitude_deg", "capacity_gbps"), enumerations by their file names
 * ("national_hub"), lists as arrays, optional fields left out when not set; numbers read back to
 * exactly the same double or integer.
 */
QJsonObject toJson(const Site &site);
QJsonObject toJson(const Link &link);
QJsonObject toJson(const Demand &demand);

/// Tells the form of a network part; the version changes whenever the form does.
inline constexpr char16_t kNetworkPartFormat[] = u"nqi-network-part";
inline constexpr int kNetworkPartVersion = 1;

/// {"format": "nqi-network-part", "version": 1, "sites": [...], "links": [...], "demands": [...]}
QJsonObject toJson(const NetworkPart &part);

/**
 * Readers of the forms above. Every field is checked for presence and type (optional ones may be
 * left out or null; other names are ignored); a problem throws Failure whose where names the
 * object and field ("sites[2], field latitude_deg") and whose message says what is wrong. The
 * model's own rules (ranges, unique codes) are checked when the objects are added.
 */
Site siteFromJson(const QJsonObject &object);
Link linkFromJson(const QJsonObject &object);
Demand demandFromJson(const QJsonObject &object);
/// Refuses another format or version, saying which.
NetworkPart networkPartFromJson(const QJsonObject &object);
/// The same from JSON text, refusing text that is not a JSON object.
NetworkPart networkPartFromJson(const QByteArray &json);

} // namespace nqi::core
