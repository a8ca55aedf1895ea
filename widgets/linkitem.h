#pragma once

#include "core/model/network.h"

#include <QGraphicsPathItem>

namespace nqi::widgets {

/// A link drawn along the geodesic between its sites; width grows with capacity.
class LinkItem : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 2 };

    /// What an item shows of its link that takes computing (the geodesic path in scene
    /// coordinates and the tool tip with length and latency). Thread safe: a canvas computes
    /// it for many links at once.
    struct Geometry
    {
        QPainterPath path;
        QString toolTip;
    };
    static Geometry geometryOf(const core::Network &network, const core::Link &link);

    LinkItem(const core::Network &network, const core::Link &link);
    LinkItem(const core::Link &link, Geometry geometry);

    int type() const override { return Type; }
    core::LinkId linkId() const { return m_id; }
    void setLink(const core::Network &network, const core::Link &link);
    void setLink(const core::Link &link, Geometry geometry);

    /// Scene units per screen pixel, for a hit area a few pixels wide at every zoom.
    static void setSceneUnitsPerPixel(qreal units);
    qreal widthPx() const { return m_widthPx; }
    const QColor &colour() const
    {
        return m_overrideColour.isValid() ? m_overrideColour : m_colour;
    }
    /// Colour set by a planner result (utilisation); invalid to go back to the medium's colour.
    void setOverrideColour(const QColor &colour);

    /// Call after setSceneUnitsPerPixel: the hit area changed size.
    void updateHitArea() { prepareGeometryChange(); }

    /// In a large network a layer image draws the item; it paints itself only while selected
    /// or just edited (until the next layer image has it).
    void setDrawnByLayer(bool drawnByLayer);
    bool isDrawnByLayer() const { return m_drawnByLayer; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    /// Within 4 px of the line (the hit area of shape()), answered from the line's segments:
    /// a click in a network of 30,000 links tests many candidates, and stroking each one's
    /// path for shape() made that slow.
    bool contains(const QPointF &point) const override;
    bool collidesWithPath(const QPainterPath &path,
                          Qt::ItemSelectionMode mode = Qt::IntersectsItemShape) const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    bool collidesWithRect(const QRectF &rect) const;

    bool m_drawnByLayer = false;
    core::LinkId m_id = 0;
    qreal m_widthPx = 1.5;
    QColor m_colour;
    QColor m_overrideColour;
};

} // namespace nqi::widgets
