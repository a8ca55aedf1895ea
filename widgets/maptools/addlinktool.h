#pragma once

#include "widgets/maptools/sitepairtool.h"

namespace nqi::widgets {

/**
 * Adds a link between two sites, asking for its capacity (the last capacity entered, for as
 * long as the program runs; 100 Gbps at first).
 */
class AddLinkTool : public SitePairTool
{
    Q_OBJECT

public:
    using SitePairTool::SitePairTool;

    /// The capacity the next link's popup offers.
    static double lastCapacityGbps();

protected:
    ValuesPopup *makePopup(core::SiteId from, core::SiteId to) override;
    void add(core::SiteId from, core::SiteId to, const ValuesPopup &popup) override;
    QString firstSiteText() const override;
};

} // namespace nqi::widgets
