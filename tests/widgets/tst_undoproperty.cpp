#include "core/store/projectstore.h"
#include "widgets/commands.h"
#include "widgets/document.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <functional>

// Random sequences of edits through the workbench's undo commands, each checked against the
// model itself (the same change on a copy of the network, all or nothing): a change the model
// refuses is refused whole and changes nothing, one it accepts gives the same network; undo and
// redo pass through the same states; undo all gives the original network, redo all the final one;
// saves to a project in between read back equal. Seeded: a failure names its seed, and
// NQI_UNDO_SEED=S runs that sequence alone.
namespace {

using namespace nqi;
using core::Network;

class Sequence
{
public:
    Sequence(quint32 seed, const Network &start, const QString &folder)
        : m_seed(seed)
        , m_random(seed)
        , m_folder(folder)
    {
        m_document.reset(start, {});
        m_states.push_back(start);
    }

    widgets::Document &document() { return m_document; }
    const std::vector<Network> &states() const { return m_states; }
    QString where() const
    {
        return u"seed %1, step %2 (%3)"_qs.arg(m_seed).arg(m_step).arg(m_what);
    }
    int accepted() const { return m_accepted; }
    int refused() const { return m_refused; }

    // One random step: an edit (valid or not), an undo or redo, or a save and reload.
    bool step(int index)
    {
        m_step = index;
        const int choice = int(m_random.bounded(100));
        if (choice < 8)
            return undoSome();
        if (choice < 13)
            return redoSome();
        if (choice < 18)
            return saveAndLoad();
        if (choice < 30)
            return addSite();
        if (choice < 40)
            return editSites();
        if (choice < 52)
            return addLink();
        if (choice < 60)
            return editLinks();
        if (choice < 70)
            return addDemand();
        if (choice < 76)
            return editDemands();
        if (choice < 82)
            return addRegion();
        if (choice < 86)
            return editRegions();
        return remove();
    }

    // A command made and pushed, against the model's own verdict on a copy of the network.
    bool attempt(const QString &what,
                 std::unique_ptr<widgets::Command> command,
                 const std::function<void(Network &)> &change)
    {
        m_what = what;
        const Network before = m_document.network();
        Network expected = before;
        bool valid = true;
        try {
            change(expected);
        } catch (const core::Failure &) {
            valid = false;
        }
        QUndoStack *stack = m_document.undoStack();
        const int index = stack->index();
        const std::optional<core::Diagnostic> problem = widgets::pushCommand(std::move(command));
        if (valid != !problem) {
            qWarning("%s: the model %s it, the command %s it%s", qPrintable(where()),
                     valid ? "accepts" : "refuses", problem ? "refuses" : "accepts",
                     problem ? qPrintable(u": "_qs + problem->message) : "");
            return false;
        }
        if (problem) {
            ++m_refused;
            if (problem->message.isEmpty() || !(m_document.network() == before) ||
                stack->index() != index) {
                qWarning("%s: a refused command changed something", qPrintable(where()));
                return false;
            }
            return true;
        }
        ++m_accepted;
        if (!(m_document.network() == expected) || stack->index() != index + 1 ||
            stack->count() != index + 1) {
            qWarning("%s: the command gave another network than the model", qPrintable(where()));
            return false;
        }
        m_states.resize(size_t(index) + 1);
        m_states.push_back(expected);
        return true;
    }

    // Undo all, then redo all, checking each state on the way.
    bool undoAndRedoAll()
    {
        m_what = u"undo all, redo all"_qs;
        QUndoStack *stack = m_document.undoStack();
        const int top = stack->index();
        while (stack->canUndo()) {
            stack->undo();
            if (!(m_document.network() == m_states[size_t(stack->index())]))
                return false;
        }
        if (!(m_document.network() == m_states.front()))
            return false;
        while (stack->canRedo()) {
            stack->redo();
            if (!(m_document.network() == m_states[size_t(stack->index())]))
                return false;
        }
        return stack->index() == stack->count() && m_document.network() == m_states.back() &&
               stack->count() >= top;
    }

private:
    int pick(int size) { return size > 0 ? int(m_random.bounded(size)) : 0; }
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }

    template <typename T>
    const T *any(const std::vector<T> &objects)
    {
        return objects.empty() ? nullptr : &objects[size_t(pick(int(objects.size())))];
    }

    core::SiteId anySiteId()
    {
        const Network &network = m_document.network();
        if (chance(5) || network.sites().empty())
            return network.nextSiteId() + 7; // no such site
        return any(network.sites())->id;
    }

    QString code()
    {
        const Network &network = m_document.network();
        const int roll = pick(20);
        if (roll == 0)
            return u"bad code!"_qs;
        if (roll == 1 && !network.sites().empty())
            return any(network.sites())->code.toLower(); // taken (codes ignore case)
        return u"R%1"_qs.arg(m_random.bounded(100000));
    }

    double latitude() { return chance(5) ? 91.5 : m_random.bounded(100.0) - 50.0; }
    double longitude() { return chance(3) ? -181.0 : m_random.bounded(300.0) - 150.0; }

    bool undoSome()
    {
        m_what = u"undo"_qs;
        QUndoStack *stack = m_document.undoStack();
        for (int n = pick(4) + 1; n > 0 && stack->canUndo(); --n)
            stack->undo();
        return m_document.network() == m_states[size_t(stack->index())];
    }

    bool redoSome()
    {
        m_what = u"redo"_qs;
        QUndoStack *stack = m_document.undoStack();
        for (int n = pick(4) + 1; n > 0 && stack->canRedo(); --n)
            stack->redo();
        return m_document.network() == m_states[size_t(stack->index())];
    }

    bool saveAndLoad()
    {
        m_what = u"save and load"_qs;
        const QString path = m_folder + u"/sequence-%1.gpkg"_qs.arg(m_seed);
        try {
            core::ProjectStore::save(m_document.network(), path);
            m_document.markSaved(path);
            const Network loaded = core::ProjectStore::load(path);
            if (!(loaded == m_document.network())) {
                qWarning("%s: the project read back differs", qPrintable(where()));
                return false;
            }
        } catch (const core::Failure &failure) {
            qWarning("%s: %s", qPrintable(where()), qPrintable(failure.diagnostic().toString()));
            return false;
        }
        return !m_document.isModified();
    }

    bool addSite()
    {
        core::Site site;
        site.code = code();
        site.name = u"Site "_qs + site.code;
        site.latitudeDeg = latitude();
        site.longitudeDeg = longitude();
        site.kind = chance(50) ? core::SiteKind::Pop : core::SiteKind::DcCluster;
        site.id = m_document.network().nextSiteId();
        return attempt(u"add site"_qs, std::make_unique<widgets::AddSiteCommand>(&m_document, site),
                       [site](Network &n) { n.addSite(site); });
    }

    bool editSites()
    {
        const Network &network = m_document.network();
        QList<core::Site> before, after;
        for (int n = pick(3) + 1; n > 0 && !network.sites().empty(); --n) {
            const core::Site &site = *any(network.sites());
            core::Site changed = site;
            switch (pick(4)) {
            case 0:
                changed.code = code();
                break;
            case 1:
                changed.latitudeDeg = latitude();
                break;
            case 2:
                changed.longitudeDeg = longitude();
                break;
            default:
                changed.name = u"Renamed %1"_qs.arg(m_random.bounded(1000));
                break;
            }
            before << site;
            after << changed;
        }
        if (chance(5) && !after.isEmpty())
            after.last().id = network.nextSiteId() + 3; // gone
        return attempt(
            u"edit %1 sites"_qs.arg(after.size()),
            std::make_unique<widgets::UpdateSitesCommand>(&m_document, before, after, u"Update"_qs),
            [after](Network &n) {
                for (const core::Site &site : after)
                    n.updateSite(site);
            });
    }

    bool addLink()
    {
        core::Link link;
        link.siteA = anySiteId();
        link.siteB = chance(5) ? link.siteA : anySiteId();
        link.capacityGbps = chance(5) ? 0.0 : double(100 * (pick(8) + 1));
        if (chance(30))
            link.igpMetric = chance(10) ? 0 : pick(1000) + 1;
        if (chance(20))
            link.srlgs = {u"G%1"_qs.arg(pick(3))};
        link.id = m_document.network().nextLinkId();
        return attempt(u"add link"_qs, std::make_unique<widgets::AddLinkCommand>(&m_document, link),
                       [link](Network &n) { n.addLink(link); });
    }

    bool editLinks()
    {
        const Network &network = m_document.network();
        QList<core::Link> before, after;
        for (int n = pick(3) + 1; n > 0 && !network.links().empty(); --n) {
            const core::Link &link = *any(network.links());
            core::Link changed = link;
            switch (pick(3)) {
            case 0:
                changed.capacityGbps = chance(10) ? -5.0 : double(pick(800) + 1);
                break;
            case 1:
                changed.parallelCount = chance(10) ? 0 : pick(4) + 1;
                break;
            default:
                changed.siteB = anySiteId();
                break;
            }
            before << link;
            after << changed;
        }
        return attempt(
            u"edit %1 links"_qs.arg(after.size()),
            std::make_unique<widgets::UpdateLinksCommand>(&m_document, before, after, u"Update"_qs),
            [after](Network &n) {
                for (const core::Link &link : after)
                    n.updateLink(link);
            });
    }

    bool addDemand()
    {
        core::Demand demand;
        demand.source = anySiteId();
        demand.destination = chance(5) ? demand.source : anySiteId();
        if (!chance(5))
            demand.rateGbps = double(pick(200) + 1);
        if (chance(20))
            demand.maxLatencyMs = chance(10) ? -1.0 : double(pick(50) + 1);
        demand.id = m_document.network().nextDemandId();
        return attempt(u"add demand"_qs,
                       std::make_unique<widgets::AddDemandCommand>(&m_document, demand),
                       [demand](Network &n) { n.addDemand(demand); });
    }

    bool editDemands()
    {
        const Network &network = m_document.network();
        QList<core::Demand> before, after;
        for (int n = pick(3) + 1; n > 0 && !network.demands().empty(); --n) {
            const core::Demand &demand = *any(network.demands());
            core::Demand changed = demand;
            if (chance(50))
                changed.rateGbps = chance(10) ? 0.0 : double(pick(300) + 1);
            else
                changed.destination = anySiteId();
            before << demand;
            after << changed;
        }
        return attempt(u"edit %1 demands"_qs.arg(after.size()),
                       std::make_unique<widgets::UpdateDemandsCommand>(&m_document, before, after,
                                                                       u"Update"_qs),
                       [after](Network &n) {
                           for (const core::Demand &demand : after)
                               n.updateDemand(demand);
                       });
    }

    QList<QList<core::LatLon>> ring()
    {
        const double lat = m_random.bounded(60.0) - 30.0, lon = m_random.bounded(300.0) - 150.0;
        QList<core::LatLon> points{{lat, lon}, {lat + 1, lon}, {lat + 1, lon + 1}};
        if (chance(10))
            points.removeLast(); // two points: refused
        return {points};
    }

    bool addRegion()
    {
        core::Region region;
        region.name = chance(5) ? u" "_qs : u"Region %1"_qs.arg(pick(1000));
        region.rings = ring();
        region.id = m_document.network().nextRegionId();
        return attempt(u"add region"_qs,
                       std::make_unique<widgets::AddRegionCommand>(&m_document, region),
                       [region](Network &n) { n.addRegion(region); });
    }

    bool editRegions()
    {
        const Network &network = m_document.network();
        QList<core::Region> before, after;
        for (int n = pick(2) + 1; n > 0 && !network.regions().empty(); --n) {
            const core::Region &region = *any(network.regions());
            core::Region changed = region;
            if (chance(50))
                changed.name = chance(10) ? QString() : u"Renamed %1"_qs.arg(pick(1000));
            else
                changed.rings = ring();
            before << region;
            after << changed;
        }
        return attempt(u"edit %1 regions"_qs.arg(after.size()),
                       std::make_unique<widgets::UpdateRegionsCommand>(&m_document, before, after,
                                                                       u"Update"_qs),
                       [after](Network &n) {
                           for (const core::Region &region : after) {
                               n.removeRegion(region.id);
                               n.addRegion(region);
                           }
                       });
    }

    bool remove()
    {
        const Network &network = m_document.network();
        QList<core::SiteId> sites;
        QList<core::LinkId> links;
        QList<core::DemandId> demands;
        QList<core::RegionId> regions;
        if (chance(40) && !network.sites().empty())
            sites << any(network.sites())->id;
        if (chance(50) && !network.links().empty())
            links << any(network.links())->id;
        if (chance(40) && !network.demands().empty())
            demands << any(network.demands())->id;
        if (chance(20) && !network.regions().empty())
            regions << any(network.regions())->id;
        if (chance(10))
            links << network.nextLinkId() + 5; // no such link: left out
        // What the model does: demands, links and sites of the sites removed go with them.
        auto change = [=](Network &n) {
            for (core::SiteId site : sites)
                n.removeSite(site);
            for (core::LinkId link : links)
                if (n.link(link))
                    n.removeLink(link);
            for (core::DemandId demand : demands)
                if (n.demand(demand))
                    n.removeDemand(demand);
            for (core::RegionId region : regions)
                n.removeRegion(region);
        };
        return attempt(
            u"delete"_qs,
            std::make_unique<widgets::RemoveCommand>(&m_document, sites, links, demands, regions),
            change);
    }

    quint32 m_seed;
    QRandomGenerator m_random;
    QString m_folder;
    widgets::Document m_document;
    std::vector<Network> m_states; ///< the network at each index of the undo stack
    int m_step = 0;
    QString m_what;
    int m_accepted = 0;
    int m_refused = 0;
};

Network startNetwork()
{
    static const Network network = core::ProjectStore::load(QStringLiteral(NQI_SAMPLE_PROJECT));
    return network;
}

int g_problems = 0; // warnings and criticals while a sequence runs (a command not applied)

void countProblems(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        ++g_problems;
        fprintf(stderr, "%s\n", qPrintable(message));
    }
}

// Sites BJ, TJ, SH, GZ, XA, LS and KS; BJ has 3 links and 2 demands, GZ 1 and 1, XA a link only,
// LS a demand only, KS nothing.
Network hubNetwork()
{
    Network network;
    const std::initializer_list<std::tuple<QString, double, double>> sites{
        {u"BJ"_qs, 39.9, 116.4}, {u"TJ"_qs, 39.1, 117.2}, {u"SH"_qs, 31.2, 121.5},
        {u"GZ"_qs, 23.1, 113.3}, {u"XA"_qs, 34.3, 108.9}, {u"LS"_qs, 29.7, 91.1},
        {u"KS"_qs, 39.5, 76.0}};
    for (const auto &[code, lat, lon] : sites) {
        core::Site site;
        site.code = code;
        site.name = code;
        site.latitudeDeg = lat;
        site.longitudeDeg = lon;
        network.addSite(site);
    }
    auto id = [&](const char16_t *code) {
        return network.siteByCode(QString::fromUtf16(code))->id;
    };
    for (const auto &[a, b] :
         {std::pair{u"BJ", u"TJ"}, std::pair{u"BJ", u"SH"}, std::pair{u"GZ", u"BJ"},
          std::pair{u"TJ", u"SH"}, std::pair{u"XA", u"TJ"}}) {
        core::Link link;
        link.siteA = id(a);
        link.siteB = id(b);
        link.capacityGbps = 100;
        network.addLink(link);
    }
    for (const auto &[from, to] : {std::pair{u"BJ", u"SH"}, std::pair{u"GZ", u"BJ"},
                                   std::pair{u"TJ", u"SH"}, std::pair{u"LS", u"TJ"}}) {
        core::Demand demand;
        demand.source = id(from);
        demand.destination = id(to);
        demand.rateGbps = 10;
        network.addDemand(demand);
    }
    return network;
}

// A command made wrong: it removes a site, and its undo puts back the site alone.
class SiteOnlyRemoval : public widgets::Command
{
public:
    SiteOnlyRemoval(widgets::Document *document, core::Site site)
        : Command(document)
        , m_site(std::move(site))
    {
        setText(u"Remove Site Alone"_qs);
        check();
    }

private:
    void apply(widgets::Editor &editor) const override { editor.removeSite(m_site.id); }
    void revert(widgets::Editor &editor) const override { editor.addSite(m_site); }
    core::Site m_site;
};

} // namespace

class TestUndoProperty : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void randomEditsUndoAndRedo_data();
    void randomEditsUndoAndRedo();
    void refusedMultiObjectEditChangesNothing();
    void removingASiteTakesItsLinksAndDemandsInOneStep_data();
    void removingASiteTakesItsLinksAndDemandsInOneStep();
    void documentRemovesASiteAsTheModelDoes();
    void commandThatWouldLoseWhatASiteTookAlongIsRefused();
};

void TestUndoProperty::randomEditsUndoAndRedo_data()
{
    QTest::addColumn<quint32>("seed");
    if (qEnvironmentVariableIsSet("NQI_UNDO_SEED")) {
        const quint32 seed = quint32(qEnvironmentVariableIntValue("NQI_UNDO_SEED"));
        QTest::addRow("seed %u", seed) << seed;
        return;
    }
    for (quint32 seed : {1u, 2u, 3u, 20260101u, 4242u, 77u})
        QTest::addRow("seed %u", seed) << seed;
    // And one new each run (its seed is in the row's name).
    const quint32 fresh = QRandomGenerator::global()->bounded(1u << 30);
    QTest::addRow("seed %u", fresh) << fresh;
}

void TestUndoProperty::randomEditsUndoAndRedo()
{
    QFETCH(quint32, seed);
    QTemporaryDir dir;
    Sequence sequence(seed, startNetwork(), dir.path());
    g_problems = 0;
    const QtMessageHandler previous = qInstallMessageHandler(countProblems);
    bool ok = true;
    for (int step = 0; step < 150 && ok; ++step)
        ok = sequence.step(step);
    if (ok)
        ok = sequence.undoAndRedoAll();
    qInstallMessageHandler(previous);
    QVERIFY2(ok, qPrintable(sequence.where() + u": rerun with NQI_UNDO_SEED=%1"_qs.arg(seed)));
    QVERIFY2(g_problems == 0, qPrintable(u"seed %1: %2 warnings"_qs.arg(seed).arg(g_problems)));
    // The sequence tried both kinds of edit.
    QVERIFY2(sequence.accepted() > 20 && sequence.refused() > 3,
             qPrintable(u"seed %1: %2 accepted, %3 refused"_qs.arg(seed)
                            .arg(sequence.accepted())
                            .arg(sequence.refused())));
}

// The case that half-applied: the first site of an edit is valid, the second is not. Made, the
// command is refused with the model's message; pushed anyway, it changes nothing and does not
// throw; nothing is left on the undo stack.
void TestUndoProperty::refusedMultiObjectEditChangesNothing()
{
    widgets::Document document;
    document.reset(startNetwork(), {});
    const Network before = document.network();
    core::Site first = before.sites()[0], second = before.sites()[1];
    QList<core::Site> original{first, second};
    first.name = u"Moved"_qs;
    second.latitudeDeg = 123.0;
    auto command = std::make_unique<widgets::UpdateSitesCommand>(
        &document, original, QList<core::Site>{first, second}, u"Update"_qs);
    QVERIFY(command->problem());
    QVERIFY2(command->problem()->message.contains(u"latitude 123"_qs),
             qPrintable(command->problem()->message));
    document.undoStack()->push(command.release()); // as a caller that does not check would
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(document.network() == before);
    const auto problem = widgets::pushCommand(std::make_unique<widgets::UpdateSitesCommand>(
        &document, original, QList<core::Site>{first, second}, u"Update"_qs));
    QVERIFY(problem);
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(document.network() == before);

    // Two sites swapping codes: each step is checked in order, so the first meets the second's
    // code: refused whole.
    core::Site a = before.sites()[0], b = before.sites()[1];
    std::swap(a.code, b.code);
    QVERIFY(widgets::pushCommand(std::make_unique<widgets::UpdateSitesCommand>(
        &document, QList<core::Site>{before.sites()[0], before.sites()[1]}, QList<core::Site>{a, b},
        u"Swap"_qs)));
    QVERIFY(document.network() == before);
}

// Deleting a site deletes what hangs off it, as in QGIS and Tiled: its links and the demands that
// start or end there go in the same undoable step, whose text says what went; undo puts all back.
void TestUndoProperty::removingASiteTakesItsLinksAndDemandsInOneStep_data()
{
    QTest::addColumn<QStringList>("sites");
    QTest::addColumn<QList<core::LinkId>>("links");
    QTest::addColumn<QString>("text");
    QTest::addRow("links and demands") << QStringList{u"BJ"_qs} << QList<core::LinkId>{}
                                       << u"Remove Site BJ and its 3 link(s), 2 demand(s)"_qs;
    QTest::addRow("one link and one demand") << QStringList{u"GZ"_qs} << QList<core::LinkId>{}
                                             << u"Remove Site GZ and its 1 link(s), 1 demand(s)"_qs;
    QTest::addRow("links only") << QStringList{u"XA"_qs} << QList<core::LinkId>{}
                                << u"Remove Site XA and its 1 link(s)"_qs;
    QTest::addRow("demands only") << QStringList{u"LS"_qs} << QList<core::LinkId>{}
                                  << u"Remove Site LS and its 1 demand(s)"_qs;
    QTest::addRow("nothing hangs off it")
        << QStringList{u"KS"_qs} << QList<core::LinkId>{} << u"Remove Site KS"_qs;
    QTest::addRow("its link selected too") << QStringList{u"BJ"_qs} << QList<core::LinkId>{1}
                                           << u"Remove Site BJ and its 3 link(s), 2 demand(s)"_qs;
    QTest::addRow("and another link")
        << QStringList{u"XA"_qs} << QList<core::LinkId>{4} << u"Remove 3 Object(s)"_qs;
    QTest::addRow("two sites") << QStringList{u"BJ"_qs, u"GZ"_qs} << QList<core::LinkId>{}
                               << u"Remove 7 Object(s)"_qs;
}

void TestUndoProperty::removingASiteTakesItsLinksAndDemandsInOneStep()
{
    QFETCH(QStringList, sites);
    QFETCH(QList<core::LinkId>, links);
    QFETCH(QString, text);
    widgets::Document document;
    document.reset(hubNetwork(), {});
    const Network before = document.network();
    Network expected = before;
    QList<core::SiteId> ids;
    for (const QString &code : sites)
        ids << before.siteByCode(code)->id;
    for (core::LinkId link : links)
        if (expected.link(link))
            expected.removeLink(link);
    for (core::SiteId id : ids)
        expected.removeSite(id); // the model's rule: with its links and demands

    const auto problem = widgets::pushCommand(
        std::make_unique<widgets::RemoveCommand>(&document, ids, links, QList<core::DemandId>{}));
    QVERIFY2(!problem, qPrintable(problem ? problem->toString() : QString()));
    QCOMPARE(document.undoStack()->count(), 1);
    QCOMPARE(document.undoStack()->undoText(), text);
    QVERIFY(document.network() == expected);
    for (core::SiteId id : ids) {
        for (const core::Link &link : document.network().links())
            QVERIFY(link.siteA != id && link.siteB != id);
        for (const core::Demand &demand : document.network().demands())
            QVERIFY(demand.source != id && demand.destination != id);
    }
    document.undoStack()->undo();
    QVERIFY(document.network() == before);
    document.undoStack()->redo();
    QVERIFY(document.network() == expected);
}

// The document's primitive is the model's: a site with links is removed with them (the views
// hear of each link), not refused.
void TestUndoProperty::documentRemovesASiteAsTheModelDoes()
{
    widgets::Document document;
    document.reset(hubNetwork(), {});
    Network expected = document.network();
    const core::SiteId bj = expected.siteByCode(u"BJ"_qs)->id;
    expected.removeSite(bj);
    QSignalSpy linksRemoved(&document, &widgets::Document::linkRemoved);
    QSignalSpy sitesRemoved(&document, &widgets::Document::siteRemoved);
    QSignalSpy demandsChanged(&document, &widgets::Document::demandsChanged);
    document.removeSite(bj);
    QVERIFY(document.network() == expected);
    QList<core::LinkId> removed;
    for (const QList<QVariant> &arguments : linksRemoved)
        removed << arguments.at(0).value<core::LinkId>();
    QCOMPARE(removed, (QList<core::LinkId>{1, 2, 3}));
    QCOMPARE(sitesRemoved.size(), 1);
    QCOMPARE(sitesRemoved.at(0).at(0).value<core::SiteId>(), bj);
    QVERIFY(!demandsChanged.isEmpty());
}

// Since removing a site takes its links and demands along, a command that would not put them back
// on undo is refused when made, and nothing changes.
void TestUndoProperty::commandThatWouldLoseWhatASiteTookAlongIsRefused()
{
    widgets::Document document;
    document.reset(hubNetwork(), {});
    const Network before = document.network();
    const auto problem = widgets::pushCommand(
        std::make_unique<SiteOnlyRemoval>(&document, *before.siteByCode(u"BJ"_qs)));
    QVERIFY(problem);
    QVERIFY2(problem->message.startsWith(u"cannot be undone"_qs), qPrintable(problem->message));
    QCOMPARE(document.undoStack()->count(), 0);
    QVERIFY(document.network() == before);
    // The same command on a site with nothing hanging off it is sound.
    QVERIFY(!widgets::pushCommand(
        std::make_unique<SiteOnlyRemoval>(&document, *before.siteByCode(u"KS"_qs))));
    QCOMPARE(document.undoStack()->count(), 1);
}

QTEST_MAIN(TestUndoProperty)
#include "tst_undoproperty.moc"
