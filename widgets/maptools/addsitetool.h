#pragma once

#include "core/model/kinds.h"
#include "widgets/maptools/maptool.h"

namespace nqi::widgets {

/// Places a site of the chosen kind where the user clicks, coded S<next id>.
class AddSiteTool : public MapTool
{
    Q_OBJECT

public:
    using MapTool::MapTool;

    void setKind(core::SiteKind kind) { m_kind = kind; }
    core::SiteKind kind() const { return m_kind; }

    bool mousePressed(QMouseEvent *event, const QPointF &scenePos) override;
    QString statusText() const override;

private:
    QString nextSiteCode() const;

    core::SiteKind m_kind = core::SiteKind::MetroDc;
};

} // namespace nqi::widgets
