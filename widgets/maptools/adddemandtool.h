#pragma once

#include "widgets/maptools/sitepairtool.h"

#include "core/model/kinds.h"

namespace nqi::widgets {

/**
 * Adds a demand from one site to another, asking for its rate and service class (the last ones
 * entered, for as long as the program runs; 10 Gbps best effort at first). A demand between
 * sites that no chain of links joins cannot be routed: warning() says so.
 */
class AddDemandTool : public SitePairTool
{
    Q_OBJECT

public:
    using SitePairTool::SitePairTool;

    /// The service class's name as the user reads it.
    static QString className(core::DemandClass demandClass);

protected:
    ValuesPopup *makePopup(core::SiteId from, core::SiteId to) override;
    void add(core::SiteId from, core::SiteId to, const ValuesPopup &popup) override;
    QString firstSiteText() const override;
};

} // namespace nqi::widgets
