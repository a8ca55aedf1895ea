#include "core/store/geopackage_p.h"

#include <QtEndian>

#include <algorithm>
#include <cstring>

namespace nqi::core::gpkg {
namespace {

class BlobWriter
{
public:
    void byte(quint8 value) { m_data.append(char(value)); }
    void uint32(quint32 value)
    {
        char raw[4];
        qToLittleEndian(value, raw);
        m_data.append(raw, 4);
    }
    void real(double value)
    {
        char raw[8];
        qToLittleEndian(value, raw);
        m_data.append(raw, 8);
    }
    void header(const Envelope *envelope)
    {
        m_data.append("GP", 2);
        byte(0);                                             // version 1
        byte(envelope ? quint8(0x01 | 0x02) : quint8(0x01)); // little endian, [minx maxx miny maxy]
        uint32(kWgs84SrsId);
        if (envelope) {
            real(envelope->minX);
            real(envelope->maxX);
            real(envelope->minY);
            real(envelope->maxY);
        }
    }
    void points(const QList<LatLon> &points)
    {
        uint32(quint32(points.size()));
        for (const LatLon &p : points) {
            real(p.longitudeDeg);
            real(p.latitudeDeg);
        }
    }
    QByteArray take() { return std::move(m_data); }

private:
    QByteArray m_data;
};

Envelope envelopeOf(const QList<LatLon> &points)
{
    Envelope envelope;
    for (const LatLon &p : points)
        envelope.extend(p.longitudeDeg, p.latitudeDeg);
    return envelope;
}

class BlobReader
{
public:
    explicit BlobReader(const QByteArray &data)
        : m_data(data)
    {
    }
    bool ok() const { return m_ok; }
    void seek(qsizetype offset) { m_offset = offset; }
    quint8 byte()
    {
        if (!need(1))
            return 0;
        return quint8(m_data[m_offset++]);
    }
    quint32 uint32()
    {
        if (!need(4))
            return 0;
        const char *p = m_data.constData() + m_offset;
        m_offset += 4;
        return m_littleEndian ? qFromLittleEndian<quint32>(p) : qFromBigEndian<quint32>(p);
    }
    double real()
    {
        if (!need(8))
            return 0.0;
        const char *p = m_data.constData() + m_offset;
        m_offset += 8;
        return m_littleEndian ? qFromLittleEndian<double>(p) : qFromBigEndian<double>(p);
    }
    void setLittleEndian(bool little) { m_littleEndian = little; }

private:
    bool need(qsizetype bytes)
    {
        if (m_offset + bytes > m_data.size())
            m_ok = false;
        return m_ok;
    }
    const QByteArray &m_data;
    qsizetype m_offset = 0;
    bool m_littleEndian = true;
    bool m_ok = true;
};

void readPolygon(BlobReader &reader, QList<QList<LatLon>> &rings, quint32 dimensions)
{
    const quint32 ringCount = reader.uint32();
    for (quint32 r = 0; r < ringCount && reader.ok(); ++r) {
        const quint32 count = reader.uint32();
        QList<LatLon> ring;
        for (quint32 i = 0; i < count && reader.ok(); ++i) {
            const double x = reader.real();
            const double y = reader.real();
            for (quint32 extra = 2; extra < dimensions; ++extra)
                reader.real();
            ring.append({y, x});
        }
        rings.append(ring);
    }
}

} // namespace

void Envelope::extend(double x, double y)
{
    if (!valid) {
        minX = maxX = x;
        minY = maxY = y;
        valid = true;
        return;
    }
    minX = std::min(minX, x);
    maxX = std::max(maxX, x);
    minY = std::min(minY, y);
    maxY = std::max(maxY, y);
}

void Envelope::extend(const Envelope &other)
{
    if (!other.valid)
        return;
    extend(other.minX, other.minY);
    extend(other.maxX, other.maxY);
}

QByteArray pointBlob(double latitudeDeg, double longitudeDeg)
{
    BlobWriter writer;
    writer.header(nullptr);
    writer.byte(1);   // little-endian WKB
    writer.uint32(1); // Point
    writer.real(longitudeDeg);
    writer.real(latitudeDeg);
    return writer.take();
}

QByteArray multiLineStringBlob(const QList<QList<LatLon>> &parts, Envelope *envelope)
{
    Envelope bounds;
    for (const QList<LatLon> &part : parts)
        bounds.extend(envelopeOf(part));
    if (envelope)
        envelope->extend(bounds);
    BlobWriter writer;
    writer.header(&bounds);
    writer.byte(1);
    writer.uint32(5); // MultiLineString
    writer.uint32(quint32(parts.size()));
    for (const QList<LatLon> &part : parts) {
        writer.byte(1);
        writer.uint32(2); // LineString
        writer.points(part);
    }
    return writer.take();
}

QByteArray multiPolygonBlob(const QList<QList<QList<LatLon>>> &polygons, Envelope *envelope)
{
    Envelope bounds;
    for (const QList<QList<LatLon>> &polygon : polygons) {
        for (const QList<LatLon> &ring : polygon)
            bounds.extend(envelopeOf(ring));
    }
    if (envelope)
        envelope->extend(bounds);
    BlobWriter writer;
    writer.header(&bounds);
    writer.byte(1);
    writer.uint32(6); // MultiPolygon
    writer.uint32(quint32(polygons.size()));
    for (const QList<QList<LatLon>> &polygon : polygons) {
        writer.byte(1);
        writer.uint32(3); // Polygon
        writer.uint32(quint32(polygon.size()));
        for (QList<LatLon> ring : polygon) {
            if (!ring.isEmpty() && ring.constFirst() != ring.constLast())
                ring.append(ring.constFirst()); // WKB rings are closed
            writer.points(ring);
        }
    }
    return writer.take();
}

QList<QList<LatLon>> polygonRings(const QByteArray &blob)
{
    if (blob.size() < 8 || blob[0] != 'G' || blob[1] != 'P')
        return {};
    const auto flags = quint8(blob[3]);
    static constexpr int kEnvelopeBytes[] = {0, 32, 48, 48, 64, 0, 0, 0};
    const int envelopeBytes = kEnvelopeBytes[(flags >> 1) & 0x07];
    BlobReader reader(blob);
    reader.seek(8 + envelopeBytes);
    reader.setLittleEndian(reader.byte() == 1);
    const quint32 type = reader.uint32();
    const quint32 baseType = type % 1000;
    const quint32 dimensions = type >= 3000 ? 4 : type >= 1000 ? 3 : 2;
    QList<QList<LatLon>> rings;
    if (baseType == 3) {
        readPolygon(reader, rings, dimensions);
    } else if (baseType == 6) {
        const quint32 polygons = reader.uint32();
        for (quint32 i = 0; i < polygons && reader.ok(); ++i) {
            reader.setLittleEndian(reader.byte() == 1);
            reader.uint32();
            readPolygon(reader, rings, dimensions);
        }
    }
    return reader.ok() ? rings : QList<QList<LatLon>>{};
}

} // namespace nqi::core::gpkg
