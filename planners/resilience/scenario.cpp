#include "planners/resilience/scenario.h"

#include <QStringList>

namespace nqi::planners::resilience {

std::optional<Scenario> scenarioNamed(const core::Network &network, const QString &name)
{
    Scenario scenario;
    scenario.name = name;
    if (name == u"normal")
        return scenario;
    const qsizetype space = name.indexOf(u' ');
    if (space < 0)
        return std::nullopt;
    const QString kind = name.left(space);
    const QString rest = name.mid(space + 1);
    auto linkId = [&network](const QString &text) -> std::optional<core::LinkId> {
        bool ok = false;
        const core::LinkId id = text.toLongLong(&ok);
        if (!ok || !network.link(id))
            return std::nullopt;
        return id;
    };
    if (kind == u"link") {
        // "link 7 A-B": the id names it; the codes only help a reader.
        const std::optional<core::LinkId> id = linkId(rest.section(u' ', 0, 0));
        if (!id)
            return std::nullopt;
        scenario.kind = ScenarioKind::Link;
        scenario.links = {*id};
        return scenario;
    }
    if (kind == u"links") {
        const QStringList ids = rest.split(u'+');
        if (ids.size() != 2)
            return std::nullopt;
        scenario.kind = ScenarioKind::LinkPair;
        for (const QString &text : ids) {
            const std::optional<core::LinkId> id = linkId(text);
            if (!id)
                return std::nullopt;
            scenario.links.push_back(*id);
        }
        return scenario;
    }
    if (kind == u"site") {
        const core::Site *site = network.siteByCode(rest);
        if (!site)
            return std::nullopt;
        scenario.kind = ScenarioKind::Site;
        scenario.site = site->id;
        return scenario;
    }
    if (kind == u"srlg") {
        scenario.kind = ScenarioKind::Srlg;
        for (const core::Link &link : network.links())
            if (link.srlgs.contains(rest))
                scenario.links.push_back(link.id);
        if (scenario.links.empty())
            return std::nullopt;
        return scenario;
    }
    return std::nullopt;
}

core::Network afterFailure(const core::Network &network, const Scenario &scenario)
{
    core::Network failed = network;
    failed.clearPlannerResults();
    for (core::LinkId id : scenario.links)
        if (failed.link(id))
            failed.removeLink(id);
    if (scenario.kind == ScenarioKind::Site && failed.site(scenario.site))
        failed.removeSite(scenario.site);
    return failed;
}

} // namespace nqi::planners::resilience
