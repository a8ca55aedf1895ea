#include "core/io/recordtable_p.h"
#include "core/io/sitecodes.h"
#include "core/model/numbers.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QXmlStreamReader>

#include <cmath>

namespace nqi::core {
namespace {

struct GraphmlKey
{
    QString name;
    QString domain; // node, edge, graph, all
};

struct GraphmlNode
{
    QString id;
    qint64 line = 0;
    QHash<QString, QString> data; // attribute name -> text
};

struct GraphmlEdge
{
    QString source;
    QString target;
    qint64 line = 0;
    QHash<QString, QString> data;
};

// Reads the whole document first, so that a truncated or malformed file fails before any change.
class GraphmlDocument
{
public:
    explicit GraphmlDocument(const QString &path)
        : m_path(path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw Failure(makeError(path, 0, {}, u"cannot read: "_qs + file.errorString()));
        QXmlStreamReader xml(&file);
        bool sawGraphml = false;
        bool sawGraph = false;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const QStringView element = xml.name();
            if (element == u"graphml") {
                sawGraphml = true;
            } else if (!sawGraphml) {
                throw Failure(makeError(path, xml.lineNumber(), {},
                                        u"not a GraphML file: the root element is <%1>, expected "
                                        "<graphml>"_qs.arg(excerpt(element))));
            } else if (element == u"key") {
                const QXmlStreamAttributes attributes = xml.attributes();
                const QString id = attributes.value(QLatin1StringView("id")).toString();
                QString name = attributes.value(QLatin1StringView("attr.name")).toString();
                if (name.isEmpty())
                    name = id;
                m_keys.insert(
                    id, GraphmlKey{name, attributes.value(QLatin1StringView("for")).toString()});
            } else if (element == u"graph") {
                if (sawGraph) {
                    throw Failure(makeError(path, xml.lineNumber(), {},
                                            u"nested or several graphs are not supported"_qs));
                }
                sawGraph = true;
            } else if (element == u"node") {
                GraphmlNode node;
                node.id = xml.attributes().value(QLatin1StringView("id")).toString();
                node.line = xml.lineNumber();
                if (node.id.isEmpty())
                    throw Failure(makeError(path, node.line, {}, u"a <node> has no id"_qs));
                if (m_nodeIndex.contains(node.id)) {
                    throw Failure(makeError(path, node.line, u"node "_qs + excerpt(node.id),
                                            u"duplicate node id"_qs));
                }
                readData(xml, u"node", node.data);
                m_nodeIndex.insert(node.id, m_nodes.size());
                m_nodes.append(std::move(node));
            } else if (element == u"edge") {
                GraphmlEdge edge;
                edge.source = xml.attributes().value(QLatin1StringView("source")).toString();
                edge.target = xml.attributes().value(QLatin1StringView("target")).toString();
                edge.line = xml.lineNumber();
                readData(xml, u"edge", edge.data);
                m_edges.append(std::move(edge));
            } else if (element == u"data" && sawGraph) {
                const QString key = xml.attributes().value(QLatin1StringView("key")).toString();
                m_graphData.insert(m_keys.value(key, GraphmlKey{key, {}}).name,
                                   xml.readElementText());
            }
        }
        if (xml.hasError()) {
            throw Failure(makeError(
                path, xml.lineNumber(), {},
                u"malformed XML (%1); the file may be truncated"_qs.arg(xml.errorString())));
        }
        if (!sawGraphml || !sawGraph) {
            throw Failure(makeError(path, xml.lineNumber(), {},
                                    u"not a GraphML file: no <graphml> with a <graph>"_qs));
        }
        for (const GraphmlEdge &edge : std::as_const(m_edges)) {
            for (const QString &end : {edge.source, edge.target}) {
                if (!m_nodeIndex.contains(end)) {
                    throw Failure(
                        makeError(path, edge.line, {},
                                  u"edge refers to unknown node \"%1\""_qs.arg(excerpt(end))));
                }
            }
        }
    }

    const QList<GraphmlNode> &nodes() const { return m_nodes; }
    const QList<GraphmlEdge> &edges() const { return m_edges; }
    QString graphAttribute(const QString &name) const { return m_graphData.value(name); }

private:
    void readData(QXmlStreamReader &xml, QStringView owner, QHash<QString, QString> &data)
    {
        while (xml.readNextStartElement()) {
            if (xml.name() == u"data") {
                const QString key = xml.attributes().value(QLatin1StringView("key")).toString();
                const qint64 line = xml.lineNumber();
                const QString text = xml.readElementText();
                const auto it = m_keys.constFind(key);
                if (it == m_keys.cend()) {
                    throw Failure(
                        makeError(m_path, line, {},
                                  u"<data key=\"%1\"> in a <%2> refers to no <key>"_qs.arg(
                                      excerpt(key), owner.toString())));
                }
                data.insert(it->name, text);
            } else {
                xml.skipCurrentElement();
            }
        }
    }

    QString m_path;
    QHash<QString, GraphmlKey> m_keys;
    QList<GraphmlNode> m_nodes;
    QHash<QString, qsizetype> m_nodeIndex;
    QList<GraphmlEdge> m_edges;
    QHash<QString, QString> m_graphData;
};

QString findValue(const QHash<QString, QString> &data,
                  std::initializer_list<const char16_t *> names)
{
    for (const char16_t *name : names) {
        const auto it = data.constFind(QString::fromUtf16(name));
        if (it != data.cend() && !it->trimmed().isEmpty())
            return it->trimmed();
    }
    return {};
}

} // namespace

void importGraphml(Network &network,
                   const QString &path,
                   const ImportOptions &options,
                   ImportReport &report)
{
    const GraphmlDocument document(path);
    SiteCodeMaker codes;
    for (const Site &site : network.sites())
        codes.reserve(site.code);

    QHash<QString, qsizetype> edgesPerNode;
    for (const GraphmlEdge &edge : document.edges()) {
        ++edgesPerNode[edge.source];
        if (edge.target != edge.source)
            ++edgesPerNode[edge.target];
    }

    QHash<QString, SiteId> siteOfNode;
    for (const GraphmlNode &node : document.nodes()) {
        const QString label = findValue(node.data, {u"label", u"name", u"Label"});
        const QString where = u"node %1%2"_qs.arg(
            excerpt(node.id),
            label.isEmpty() ? QString() : u" (\""_qs + excerpt(label) + u"\")"_qs);
        const QString latText = findValue(node.data, {u"Latitude", u"latitude", u"lat"});
        const QString lonText = findValue(node.data, {u"Longitude", u"longitude", u"lon", u"lng"});
        if (latText.isEmpty() || lonText.isEmpty()) {
            const qsizetype edges = edgesPerNode.value(node.id);
            reportWarning(
                report, options,
                makeWarning(path, node.line, where,
                            u"no %1; left out%2"_qs.arg(
                                latText.isEmpty() && lonText.isEmpty()
                                    ? u"Latitude or Longitude"_qs
                                    : (latText.isEmpty() ? u"Latitude"_qs : u"Longitude"_qs),
                                edges == 0 ? QString() : u" with its %1 edge(s)"_qs.arg(edges))));
            continue;
        }
        bool latOk = false;
        bool lonOk = false;
        Site site;
        site.latitudeDeg = latText.toDouble(&latOk);
        site.longitudeDeg = lonText.toDouble(&lonOk);
        if (!latOk || !lonOk) {
            throw Failure(makeError(path, node.line, where,
                                    u"coordinates \"%1\", \"%2\" are not numbers"_qs.arg(
                                        excerpt(latText), excerpt(lonText))));
        }
        site.name = label.isEmpty() ? node.id : label;
        site.code = codes.make(site.name, u"N"_qs + node.id);
        site.region = findValue(node.data, {u"Country", u"country"});
        for (auto it = node.data.cbegin(); it != node.data.cend(); ++it) {
            if (it.key() != u"label" && it.key() != u"Latitude" && it.key() != u"Longitude" &&
                it.key() != u"Country" && !it.value().isEmpty()) {
                site.attributes.insert(it.key(), it.value());
            }
        }
        site.attributes.insert(u"graphml_id"_qs, node.id);
        try {
            siteOfNode.insert(node.id, network.addSite(std::move(site)));
        } catch (const Failure &failure) {
            throw Failure(makeError(path, node.line, where, failure.diagnostic().message));
        }
        ++report.sitesAdded;
    }

    qsizetype assumedCapacity = 0;
    for (const GraphmlEdge &edge : document.edges()) {
        if (!siteOfNode.contains(edge.source) || !siteOfNode.contains(edge.target))
            continue; // already reported with the node
        const QString where = u"edge %1-%2"_qs.arg(excerpt(edge.source), excerpt(edge.target));
        if (edge.source == edge.target) {
            reportWarning(report, options,
                          makeWarning(path, edge.line, where, u"a self-loop; left out"_qs));
            continue;
        }
        Link link;
        link.siteA = siteOfNode.value(edge.source);
        link.siteB = siteOfNode.value(edge.target);
        link.name = findValue(edge.data, {u"LinkLabel", u"label"});
        // Topology Zoo gives speeds as LinkSpeedRaw in bit/s.
        const QString speedText = findValue(edge.data, {u"LinkSpeedRaw"});
        bool ok = false;
        const double bitsPerSecond = speedText.toDouble(&ok);
        if (ok && std::isfinite(bitsPerSecond) && bitsPerSecond > 0.0) {
            link.capacityGbps = bitsPerSecond / 1e9;
        } else if (!speedText.isEmpty()) {
            // Given but unusable (1e400, -5e9, "fast"): say so, with the value and the rule.
            reportWarning(report, options,
                          makeWarning(path, edge.line, where,
                                      u"LinkSpeedRaw \"%1\" is not a speed: it must be a "
                                      "positive, finite number of bit/s; capacity set to %2 "
                                      "Gbps"_qs.arg(excerpt(speedText))
                                          .arg(formatNumber(options.defaultCapacityGbps))));
            link.capacityGbps = options.defaultCapacityGbps;
        } else {
            link.capacityGbps = options.defaultCapacityGbps;
            ++assumedCapacity;
        }
        try {
            network.addLink(std::move(link));
        } catch (const Failure &failure) {
            throw Failure(makeError(path, edge.line, where, failure.diagnostic().message));
        }
        ++report.linksAdded;
    }
    if (assumedCapacity > 0) {
        report.notes << u"%1: %2 link(s) have no LinkSpeedRaw; their capacity is set to %3 Gbps"_qs
                            .arg(QFileInfo(path).fileName())
                            .arg(assumedCapacity)
                            .arg(options.defaultCapacityGbps);
    }
}

} // namespace nqi::core
