#pragma once

#include "core/model/site.h"

#include <QGraphicsItem>
#include <QPixmap>

namespace nqi::widgets {

/// A site on the map: its kind's SVG icon at a constant screen size, and its label.
class SiteItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };

    explicit SiteItem(const core::Site &site);

    int type() const override { return Type; }
    core::SiteId siteId() const { return m_id; }
    void setSite(const core::Site &site);
    const QString &label() const { return m_label; }
    core::SiteKind kind() const { return m_kind; }

    /// Larger for hubs and clusters; also the order labels are placed in when decluttering.
    int priority() const;
    int iconSize() const;
    void setLabelVisible(bool visible);
    bool isLabelVisible() const { return m_labelVisible; }

    /// Where the label sits: right of the icon, left, above or below.
    enum class LabelPlacement { Right, Left, Above, Below };
    void setLabelPlacement(LabelPlacement placement);
    /// The label's rectangle in screen pixels relative to the site's position.
    QRectF labelRect(LabelPlacement placement) const;
    QRectF labelRect() const { return labelRect(m_placement); }

    /// In a large network a layer image draws the item; it paints itself only while selected
    /// or just edited (until the next layer image has it).
    void setDrawnByLayer(bool drawnByLayer);
    bool isDrawnByLayer() const { return m_drawnByLayer; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    static QPixmap icon(core::SiteKind kind, int size, qreal devicePixelRatio);
    /// The same icon as an image; thread safe (the layer workers draw with it).
    static QImage iconImage(core::SiteKind kind, int size, qreal devicePixelRatio);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    bool m_drawnByLayer = false;
    core::SiteId m_id = 0;
    core::SiteKind m_kind = core::SiteKind::Pop;
    QString m_label;
    bool m_labelVisible = true;
    LabelPlacement m_placement = LabelPlacement::Right;
};

} // namespace nqi::widgets
