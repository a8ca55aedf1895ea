#pragma once

#include "core/model/network.h"

#include <QGraphicsPathItem>

namespace nqi::widgets {

/// A link drawn along the geodesic between its sites; width grows with capacity.
class LinkItem : public QGraphicsPathItem
{
public:
    enum { Type = UserType + 2 };

    LinkItem(const core::Network &network, const core::Link &link);

    int type() const override { return Type; }
    core::LinkId linkId() const { return m_id; }
    void setLink(const core::Network &network, const core::Link &link);

    /// Scene units per screen pixel, for a hit area a few pixels wide at every zoom.
    static void setSceneUnitsPerPixel(qreal units);

    /// Call after setSceneUnitsPerPixel: the hit area changed size.
    void updateHitArea() { prepareGeometryChange(); }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    core::LinkId m_id = 0;
    qreal m_widthPx = 1.5;
    QColor m_colour;
};

} // namespace nqi::widgets
