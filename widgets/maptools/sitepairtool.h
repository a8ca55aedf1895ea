#pragma once

#include "core/model/site.h"
#include "widgets/maptools/maptool.h"

#include <QPointer>

class QGraphicsLineItem;

namespace nqi::widgets {

class ValuesPopup;

/**
 * The tools that join two sites (Add Link, Add Demand): click one site, then the other; a
 * dashed line follows the cursor in between. The second click opens a ValuesPopup asking for
 * the new object's values, prefilled with the last ones used. Enter, the popup's Add, a click
 * elsewhere on the map or another tool adds the object with the values shown; Esc, the popup's
 * Cancel or the right button adds nothing.
 */
class SitePairTool : public MapTool
{
    Q_OBJECT

public:
    explicit SitePairTool(MapCanvas *canvas);

    void deactivate() override;
    void cancel() override;
    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    bool mouseMoved(QMouseEvent *event, const QPointF &scenePos) override;
    bool keyPressed(QKeyEvent *event) override;
    QString statusText() const override;

    /// The open popup, nullptr when none is open.
    ValuesPopup *popup() const;

protected:
    /// The form asking for the values of the object from @p from to @p to.
    virtual ValuesPopup *makePopup(core::SiteId from, core::SiteId to) = 0;
    /// Adds the object with the popup's values, and keeps them for the next one.
    virtual void add(core::SiteId from, core::SiteId to, const ValuesPopup &popup) = 0;
    /// "Click the first site." and the like.
    virtual QString firstSiteText() const = 0;

private:
    void siteRemoved(core::SiteId id);
    void dropLine();

    core::SiteId m_first = 0; // the first end chosen
    QGraphicsLineItem *m_line = nullptr;
    QPointer<ValuesPopup> m_popup;
    core::SiteId m_popupFrom = 0;
    core::SiteId m_popupTo = 0;
};

} // namespace nqi::widgets
