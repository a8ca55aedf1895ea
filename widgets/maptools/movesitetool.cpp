#include "widgets/maptools/movesitetool.h"

#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptransform.h"
#include "widgets/siteitem.h"

#include <QMouseEvent>

#include <cmath>

namespace nqi::widgets {

using namespace nqi::core;

void MoveSiteTool::cancel()
{
    if (SiteItem *item = canvas()->siteItem(m_site))
        item->setPos(m_origin);
    m_site = 0;
}

bool MoveSiteTool::mousePressed(QMouseEvent *event, const QPointF &)
{
    if (SiteItem *site = canvas()->siteAt(event->position().toPoint())) {
        m_site = site->siteId();
        m_origin = site->pos();
    }
    return true;
}

bool MoveSiteTool::mouseMoved(QMouseEvent *, const QPointF &scenePos)
{
    SiteItem *item = canvas()->siteItem(m_site);
    if (!item)
        return false;
    item->setPos(scenePos);
    return true;
}

bool MoveSiteTool::mouseReleased(QMouseEvent *event, const QPointF &)
{
    if (m_site == 0 || event->button() != Qt::LeftButton)
        return false;
    SiteItem *item = canvas()->siteItem(m_site);
    const Site *before = document()->network().site(m_site);
    m_site = 0;
    if (!item || !before || item->pos() == m_origin)
        return true;
    Site after = *before;
    const LatLon at = mercator::fromScene(item->pos());
    after.latitudeDeg = at.latitudeDeg;
    after.longitudeDeg = std::remainder(at.longitudeDeg, 360.0);
    if (!push(std::make_unique<UpdateSitesCommand>(document(), QList<Site>{*before},
                                                   QList<Site>{after},
                                                   tr("Move Site %1").arg(before->code))))
        item->setPos(m_origin);
    return true;
}

QString MoveSiteTool::statusText() const
{
    return tr("Drag a site to move it.");
}

} // namespace nqi::widgets
