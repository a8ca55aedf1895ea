#include "widgets/maptools/addsitetool.h"

#include "widgets/commands.h"
#include "widgets/document.h"
#include "widgets/maptransform.h"

#include <cmath>

namespace nqi::widgets {

using namespace nqi::core;

bool AddSiteTool::mousePressed(QMouseEvent *, const QPointF &scenePos)
{
    const LatLon at = mercator::fromScene(scenePos);
    Site site;
    site.code = nextSiteCode();
    site.name = site.code;
    site.kind = m_kind;
    site.latitudeDeg = at.latitudeDeg;
    site.longitudeDeg = std::remainder(at.longitudeDeg, 360.0);
    push(std::make_unique<AddSiteCommand>(document(), site));
    return true;
}

QString AddSiteTool::nextSiteCode() const
{
    const Network &network = document()->network();
    for (qint64 n = network.nextSiteId();; ++n) {
        const QString code = u"S"_qs + QString::number(n);
        if (!network.siteByCode(code))
            return code;
    }
}

QString AddSiteTool::statusText() const
{
    return tr("Click the map to place a site.");
}

} // namespace nqi::widgets
