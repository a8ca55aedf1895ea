#include "planners/resilience/scenario.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <map>

namespace nqi::planners::resilience {

ScenarioList::ScenarioList(const core::Network &network, bool linkPairs)
    : m_linkPairs(linkPairs)
{
    // Dense indexes as RoutingGraph gives them: sites and links in id order.
    const auto &links = network.links();
    for (const core::Link &link : links) {
        m_linkIds.push_back(link.id);
        m_linkNames.push_back(u"%1 %2-%3"_qs.arg(link.id).arg(network.site(link.siteA)->code,
                                                              network.site(link.siteB)->code));
    }
    for (const core::Site &site : network.sites()) {
        m_siteIds.push_back(site.id);
        m_siteCodes.push_back(site.code);
    }
    std::map<QString, std::vector<int>> srlgs;
    for (size_t l = 0; l < links.size(); ++l)
        for (const QString &srlg : links[l].srlgs)
            srlgs[srlg].push_back(int(l));
    for (auto &[name, members] : srlgs) {
        members.erase(std::unique(members.begin(), members.end()), members.end());
        m_srlgNames.push_back(name);
        m_srlgLinks.push_back(std::move(members));
    }
    const size_t l = m_linkIds.size();
    m_size = 1 + l + m_siteIds.size() + m_srlgNames.size() + (linkPairs ? l * (l - 1) / 2 : 0);
}

namespace {

// The pair (i, j), i < j, at @p rank in the order (0,1), (0,2), ..., (1,2), ... of n links.
std::pair<size_t, size_t> linkPair(size_t rank, size_t n)
{
    auto start = [n](size_t i) {
        return i * (2 * n - i - 1) / 2;
    };
    const double m = double(2 * n - 1);
    size_t i = size_t(std::max(0.0, std::floor((m - std::sqrt(m * m - 8.0 * double(rank))) / 2.0)));
    while (i > 0 && start(i) > rank)
        --i;
    while (start(i + 1) <= rank)
        ++i;
    return {i, i + 1 + (rank - start(i))};
}

} // namespace

void ScenarioList::failure(size_t index, std::vector<int> &links, int &site) const
{
    links.clear();
    site = -1;
    if (index == 0)
        return;
    size_t rest = index - 1;
    if (rest < m_linkIds.size()) {
        links.push_back(int(rest));
        return;
    }
    rest -= m_linkIds.size();
    if (rest < m_siteIds.size()) {
        site = int(rest);
        return;
    }
    rest -= m_siteIds.size();
    if (rest < m_srlgLinks.size()) {
        links = m_srlgLinks[rest];
        return;
    }
    rest -= m_srlgLinks.size();
    const auto [i, j] = linkPair(rest, m_linkIds.size());
    links = {int(i), int(j)};
}

Scenario ScenarioList::operator[](size_t index) const
{
    std::vector<int> links;
    int site = -1;
    failure(index, links, site);
    Scenario scenario;
    if (index == 0) {
        scenario.name = u"normal"_qs;
        return scenario;
    }
    for (int l : links)
        scenario.links.push_back(m_linkIds[size_t(l)]);
    const size_t rest = index - 1;
    if (rest < m_linkIds.size()) {
        scenario.kind = ScenarioKind::Link;
        scenario.name = u"link "_qs + m_linkNames[rest];
    } else if (site >= 0) {
        scenario.kind = ScenarioKind::Site;
        scenario.site = m_siteIds[size_t(site)];
        scenario.name = u"site "_qs + m_siteCodes[size_t(site)];
    } else if (rest - m_linkIds.size() - m_siteIds.size() < m_srlgNames.size()) {
        scenario.kind = ScenarioKind::Srlg;
        scenario.name = u"srlg "_qs + m_srlgNames[rest - m_linkIds.size() - m_siteIds.size()];
    } else {
        scenario.kind = ScenarioKind::LinkPair;
        scenario.name = u"links %1+%2"_qs.arg(scenario.links[0]).arg(scenario.links[1]);
    }
    return scenario;
}

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
