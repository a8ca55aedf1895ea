#include "planners/capacity/capacity.h"

#include "core/model/numbers.h"

#include "planners/common/json.h"

#include "planners/resilience/resilience.h"
#include "planners/route/route.h"

#include <coin/CbcModel.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <coin/OsiClpSolverInterface.hpp>

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace nqi::planners::capacity {
namespace {

// Gbps comparisons tolerate rounding: a load of exactly the target is within it.
constexpr double kEpsilonGbps = 1e-9;

// Cheapest mix found by trying every module as the bulk and every module as the top-up.
std::vector<int> heuristicMix(double deficitGbps, const std::vector<Module> &modules)
{
    std::vector<int> best;
    double bestCost = HUGE_VAL;
    for (size_t bulk = 0; bulk < modules.size(); ++bulk) {
        const int bulkCount = int(std::floor((deficitGbps + kEpsilonGbps) / modules[bulk].gbps));
        const double rest = deficitGbps - bulkCount * modules[bulk].gbps;
        for (size_t top = 0; top < modules.size(); ++top) {
            const int topCount =
                rest > kEpsilonGbps ? int(std::ceil((rest - kEpsilonGbps) / modules[top].gbps)) : 0;
            std::vector<int> mix(modules.size(), 0);
            mix[bulk] += bulkCount;
            mix[top] += topCount;
            double cost = 0.0;
            for (size_t m = 0; m < modules.size(); ++m)
                cost += mix[m] * modules[m].cost;
            if (cost < bestCost - 1e-12) {
                bestCost = cost;
                best = mix;
            }
        }
    }
    return best;
}

double mixCost(const std::vector<int> &mix, const std::vector<Module> &modules)
{
    double cost = 0.0;
    for (size_t m = 0; m < modules.size(); ++m)
        cost += mix[m] * modules[m].cost;
    return cost;
}

// The exact plan: min sum(cost * x) s.t. sum(gbps * x) >= deficit per link, x integer >= 0.
// Links share no modules, so the problem is one small integer program per link: solved one
// after the other, so that a run can be cancelled between them and no link's search holds the
// whole plan (each is given kExactSecondsPerLink; past it the heuristic answers).
constexpr double kExactSecondsPerLink = 10.0;

bool solveExact(const std::vector<double> &deficits,
                const std::vector<Module> &modules,
                std::vector<std::vector<int>> &mixes,
                Progress &progress)
{
    const int perRow = int(modules.size());
    mixes.assign(deficits.size(), std::vector<int>(size_t(perRow), 0));
    for (size_t r = 0; r < deficits.size(); ++r) {
        if (progress.isCancelled())
            throw Cancelled{};
        CoinPackedMatrix matrix(true, 0, 0); // column ordered
        std::vector<double> columnLower(size_t(perRow), 0.0);
        std::vector<double> columnUpper(size_t(perRow), COIN_DBL_MAX);
        std::vector<double> objective(static_cast<size_t>(perRow));
        const double rowLower = deficits[r] - kEpsilonGbps;
        const double rowUpper = COIN_DBL_MAX;
        matrix.setDimensions(1, 0);
        for (int m = 0; m < perRow; ++m) {
            const int row = 0;
            const double element = modules[size_t(m)].gbps;
            matrix.appendCol(1, &row, &element);
            objective[size_t(m)] = modules[size_t(m)].cost;
        }
        OsiClpSolverInterface solver;
        solver.messageHandler()->setLogLevel(0);
        solver.loadProblem(matrix, columnLower.data(), columnUpper.data(), objective.data(),
                           &rowLower, &rowUpper);
        for (int c = 0; c < perRow; ++c)
            solver.setInteger(c);
        CbcModel model(solver);
        model.setLogLevel(0);
        model.messageHandler()->setLogLevel(0);
        model.setMaximumSeconds(kExactSecondsPerLink);
        model.branchAndBound();
        if (!model.isProvenOptimal() || !model.bestSolution())
            return false;
        const double *x = model.bestSolution();
        for (int m = 0; m < perRow; ++m)
            mixes[r][size_t(m)] = int(std::lround(x[m]));
    }
    return true;
}

} // namespace

Result run(const core::Network &network, const Options &options, Progress &progress)
{
    Result result;
    result.targetUtilization = options.targetUtilization;
    result.modules = options.modules;
    if (options.modules.empty() || !(options.targetUtilization > 0.0))
        throw core::Failure(
            u"capacity planning needs at least one module and a positive target utilisation"_qs);
    if (options.exactLinkLimit < 0 || options.exactLinkLimit > kMaxExactLinkLimit)
        throw core::Failure(
            u"the exact limit %1 is out of range 0..%2 links"_qs.arg(options.exactLinkLimit)
                .arg(kMaxExactLinkLimit));
    if (options.modules.size() > size_t(kMaxModules))
        throw core::Failure(
            u"%1 modules are more than %2"_qs.arg(options.modules.size()).arg(kMaxModules));

    // Worst load per link: from the resilience planner, or the normal state only.
    struct Requirement
    {
        size_t link;
        double load;
        QString scenario;
    };
    std::vector<Requirement> requirements;
    if (options.failures) {
        resilience::Options resilienceOptions;
        resilienceOptions.perHopLatencyMs = options.perHopLatencyMs;
        resilienceOptions.workers = options.workers;
        const auto worst = resilience::run(network, resilienceOptions, progress);
        for (size_t l = 0; l < worst.links.size(); ++l)
            requirements.push_back({l, worst.links[l].worstLoadGbps,
                                    worst.scenarios[size_t(worst.links[l].worstScenario)].name});
    } else {
        route::Options routeOptions;
        routeOptions.maxPathsPerDemand = 1;
        routeOptions.workers = options.workers;
        const auto routed = route::run(network, routeOptions, progress);
        for (size_t l = 0; l < routed.links.size(); ++l)
            requirements.push_back(
                {l, std::max(routed.links[l].loadAbGbps, routed.links[l].loadBaGbps),
                 u"normal"_qs});
    }

    std::vector<double> deficits;
    for (const Requirement &requirement : requirements) {
        const core::Link &link = network.links()[requirement.link];
        const double required = requirement.load / options.targetUtilization;
        const double deficit = required - link.totalCapacityGbps();
        if (deficit <= kEpsilonGbps)
            continue;
        LinkPlan plan;
        plan.id = link.id;
        plan.a = link.siteA;
        plan.b = link.siteB;
        plan.capacityGbps = link.totalCapacityGbps();
        plan.worstLoadGbps = requirement.load;
        plan.worstScenario = requirement.scenario;
        plan.requiredGbps = required;
        plan.modules = heuristicMix(deficit, options.modules);
        result.heuristicCost += mixCost(plan.modules, options.modules);
        result.links.push_back(plan);
        deficits.push_back(deficit);
    }
    if (progress.isCancelled())
        throw Cancelled{};

    result.method = u"heuristic"_qs;
    if (!deficits.empty() && int(deficits.size()) <= options.exactLinkLimit) {
        std::vector<std::vector<int>> mixes;
        if (solveExact(deficits, options.modules, mixes, progress)) {
            result.exactSolved = true;
            result.method = u"exact (CBC)"_qs;
            for (size_t i = 0; i < result.links.size(); ++i)
                result.links[i].modules = mixes[i];
        } else {
            result.method = u"heuristic (CBC found no proven optimum)"_qs;
        }
    } else if (!deficits.empty()) {
        result.method = u"heuristic (%1 links exceed the exact limit of %2)"_qs.arg(deficits.size())
                            .arg(options.exactLinkLimit);
    } else {
        result.exactSolved = true;
        result.method = u"nothing to add"_qs;
    }
    for (LinkPlan &plan : result.links) {
        for (size_t m = 0; m < options.modules.size(); ++m)
            plan.addedGbps += plan.modules[m] * options.modules[m].gbps;
        plan.cost = mixCost(plan.modules, options.modules);
        plan.newUtilization = plan.worstLoadGbps / (plan.capacityGbps + plan.addedGbps);
        result.totalAddedGbps += plan.addedGbps;
        result.totalCost += plan.cost;
    }
    progress.report(1.0, "capacity");
    return result;
}

QJsonArray modulesToJson(const std::vector<Module> &modules)
{
    QJsonArray json;
    for (const Module &module : modules)
        json.append(QJsonObject{{u"gbps"_qs, module.gbps}, {u"cost"_qs, module.cost}});
    return json;
}

std::vector<Module> modulesFromJson(const QJsonArray &json)
{
    std::vector<Module> modules;
    for (const QJsonValue &module : json)
        modules.push_back({module[u"gbps"_qs].toDouble(), module[u"cost"_qs].toDouble()});
    return modules;
}

QJsonObject toJson(const core::Network &network, const Result &result)
{
    const QJsonArray modules = modulesToJson(result.modules);
    QJsonArray links;
    for (const LinkPlan &plan : result.links) {
        QJsonArray counts;
        QStringList mix; // "1 x 400G + 2 x 100G", as people read it
        for (size_t m = 0; m < plan.modules.size(); ++m) {
            counts.append(plan.modules[m]);
            if (plan.modules[m] > 0 && m < result.modules.size())
                mix << u"%1 x %2G"_qs.arg(plan.modules[m])
                           .arg(core::formatNumber(result.modules[m].gbps));
        }
        links.append(QJsonObject{{u"id"_qs, plan.id},
                                 {u"a"_qs, siteCode(network, plan.a)},
                                 {u"b"_qs, siteCode(network, plan.b)},
                                 {u"capacityGbps"_qs, plan.capacityGbps},
                                 {u"worstLoadGbps"_qs, plan.worstLoadGbps},
                                 {u"worstScenario"_qs, plan.worstScenario},
                                 {u"requiredGbps"_qs, plan.requiredGbps},
                                 {u"modules"_qs, counts},
                                 {u"mix"_qs, mix.join(u" + "_qs)},
                                 {u"addedGbps"_qs, plan.addedGbps},
                                 {u"cost"_qs, plan.cost},
                                 {u"newUtilization"_qs, plan.newUtilization}});
    }
    // The bill of materials: each module rate in use, over all links.
    QJsonArray bill;
    for (size_t m = 0; m < result.modules.size(); ++m) {
        int count = 0;
        for (const LinkPlan &plan : result.links)
            count += m < plan.modules.size() ? std::max(0, plan.modules[m]) : 0;
        if (count == 0)
            continue;
        const Module &module = result.modules[m];
        bill.append(QJsonObject{{u"gbps"_qs, module.gbps},
                                {u"count"_qs, count},
                                {u"addedGbps"_qs, count * module.gbps},
                                {u"unitCost"_qs, module.cost},
                                {u"cost"_qs, count * module.cost}});
    }
    return {{u"targetUtilization"_qs, result.targetUtilization},
            {u"modules"_qs, modules},
            {u"links"_qs, links},
            {u"bill"_qs, bill},
            {u"totalAddedGbps"_qs, result.totalAddedGbps},
            {u"totalCost"_qs, result.totalCost},
            {u"heuristicCost"_qs, result.heuristicCost},
            {u"method"_qs, result.method},
            {u"currency"_qs, network.settings().currency}};
}

} // namespace nqi::planners::capacity
