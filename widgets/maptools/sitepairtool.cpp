#include "widgets/maptools/sitepairtool.h"

#include "widgets/document.h"
#include "widgets/mapcanvas.h"
#include "widgets/maptools/valuespopup.h"
#include "widgets/siteitem.h"

#include <QGraphicsLineItem>
#include <QKeyEvent>
#include <QMouseEvent>

namespace nqi::widgets {

using namespace nqi::core;

SitePairTool::SitePairTool(MapCanvas *canvas)
    : MapTool(canvas)
{
    connect(document(), &Document::siteRemoved, this, &SitePairTool::siteRemoved);
}

ValuesPopup *SitePairTool::popup() const
{
    return m_popup;
}

void SitePairTool::deactivate()
{
    // The user drew the object and saw its values: another tool keeps it.
    if (m_popup)
        m_popup->accept();
    cancel();
}

void SitePairTool::cancel()
{
    m_first = 0;
    dropLine();
    if (m_popup)
        m_popup->reject();
}

void SitePairTool::dropLine()
{
    delete m_line;
    m_line = nullptr;
}

void SitePairTool::siteRemoved(SiteId id)
{
    if (id == m_first || (m_popup && (id == m_popupFrom || id == m_popupTo)))
        cancel();
}

bool SitePairTool::mousePressed(QMouseEvent *event, const QPointF &)
{
    if (m_popup) // a click elsewhere keeps the values shown, then counts as a click of its own
        m_popup->accept();
    SiteItem *site = canvas()->siteAt(event->position().toPoint());
    if (!site) {
        Q_EMIT message(tr("Click a site."));
        return true;
    }
    if (m_first == 0) {
        m_first = site->siteId();
        m_line = canvas()->scene()->addLine(QLineF(site->pos(), site->pos()),
                                            QPen(QColor(255, 143, 0), 0, Qt::DashLine));
        m_line->setZValue(100);
        Q_EMIT message(tr("Now click the other end."));
        return true;
    }
    if (site->siteId() == m_first)
        return true;
    m_popupFrom = m_first;
    m_popupTo = site->siteId();
    m_first = 0;
    m_line->setLine(QLineF(m_line->line().p1(), site->pos())); // what the popup is about
    m_popup = makePopup(m_popupFrom, m_popupTo);
    connect(m_popup, &ValuesPopup::accepted, this, [this, popup = m_popup.data()] {
        dropLine();
        add(m_popupFrom, m_popupTo, *popup);
        canvas()->setFocus();
    });
    connect(m_popup, &ValuesPopup::rejected, this, [this] {
        dropLine();
        canvas()->setFocus();
    });
    m_popup->showNear(event->position().toPoint());
    Q_EMIT message(tr("Enter adds it with these values, Esc cancels."));
    return true;
}

bool SitePairTool::mouseMoved(QMouseEvent *, const QPointF &scenePos)
{
    if (m_line && m_first != 0) {
        QLineF line = m_line->line();
        line.setP2(scenePos);
        m_line->setLine(line);
    }
    return false;
}

bool SitePairTool::keyPressed(QKeyEvent *event)
{
    if (m_popup && (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)) {
        m_popup->accept();
        return true;
    }
    return MapTool::keyPressed(event); // Esc drops the popup too
}

QString SitePairTool::statusText() const
{
    return m_first == 0 ? firstSiteText() : tr("Now click the other end.");
}

} // namespace nqi::widgets
