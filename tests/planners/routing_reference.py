#!/usr/bin/python3
"""Independent reference for the route and resilience planners, computed with networkx.

Reads a network as JSON (sites, links with IGP metric, length, capacity and SRLGs, demands)
and recomputes everything from scratch for every scenario: shortest-path distances with
networkx's Dijkstra, ECMP as routers do it (at every node the traffic toward a destination splits
evenly over all next-hop links on equal-cost shortest paths; parallel links each count), loads per
link direction, demand latency (slowest equal-cost path), disconnections, bridges and
articulation points, and per link its top-k scenarios (the k worst that load it more than the
normal state, on the planner's 1 kbps grid, ties by scenario order, then the normal state when
fewer than k do). Prints JSON; the test compares it with the planners' output.
"""
import itertools
import math
import json
import sys

import networkx as nx

MICROS_PER_KM = 1e6 * 1.468 / 299792.458
TOLERANCE = 1e-9


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(abs(a), abs(b)) + 1e-9


def route(net, down_links, down_site):
    """Loads per (link, direction) and per-demand facts with the given elements down."""
    graph = nx.MultiGraph()
    for site in net["sites"]:
        if site["id"] != down_site:
            graph.add_node(site["id"])
    for link in net["links"]:
        if link["id"] in down_links or down_site in (link["a"], link["b"]):
            continue
        graph.add_edge(link["a"], link["b"], key=link["id"], metric=link["metric"],
                       latency=link["lengthKm"] * MICROS_PER_KM / 1000.0 + net["perHopMs"])
    by_destination = {}
    for demand in net["demands"]:
        by_destination.setdefault(demand["destination"], []).append(demand)
    load = {}  # (link id, from site) -> Gbps
    facts = {}  # demand id -> dict, or "disconnected" / "endpointDown"
    for destination, demands in sorted(by_destination.items()):
        if destination == down_site:
            for demand in demands:
                facts[demand["id"]] = "endpointDown"
            continue
        dist = nx.single_source_dijkstra_path_length(graph, destination, weight="metric")

        def next_hops(node):
            hops = []
            for _, other, key, data in graph.edges(node, keys=True, data=True):
                if other in dist and dist[node] == data["metric"] + dist[other]:
                    hops.append((other, key, data))
            return hops

        traffic = {}
        for demand in demands:
            source = demand["source"]
            if source == down_site:
                facts[demand["id"]] = "endpointDown"
            elif source == destination:
                facts[demand["id"]] = {"latency": 0.0, "minLatency": 0.0, "hops": 0, "count": 1}
            elif source not in dist:
                facts[demand["id"]] = "disconnected"
            else:
                traffic[source] = traffic.get(source, 0.0) + demand["rateGbps"]
        for node in sorted(dist, key=lambda n: -dist[n]):
            amount = traffic.get(node, 0.0)
            if node == destination or amount == 0.0:
                continue
            hops = next_hops(node)
            share = amount / len(hops)
            for other, key, _ in hops:
                load[(key, node)] = load.get((key, node), 0.0) + share
                traffic[other] = traffic.get(other, 0.0) + share
        # Slowest / fastest equal-cost path, longest hop count and path count, nearest first.
        best = {destination: (0.0, 0.0, 0, 1)}
        for node in sorted(dist, key=lambda n: dist[n]):
            if node == destination:
                continue
            hops = next_hops(node)
            best[node] = (max(d["latency"] + best[o][0] for o, _, d in hops),
                          min(d["latency"] + best[o][1] for o, _, d in hops),
                          max(1 + best[o][2] for o, _, _ in hops),
                          sum(best[o][3] for o, _, _ in hops))
        for demand in demands:
            source = demand["source"]
            if demand["id"] not in facts:
                latency, fastest, hops, count = best[source]
                facts[demand["id"]] = {"latency": latency, "minLatency": fastest, "hops": hops,
                                       "count": count, "paths": all_paths(graph, dist, source,
                                                                          destination, count)}
    return load, facts


def all_paths(graph, dist, source, destination, count):
    if count > 16:
        return None
    paths = []

    def walk(node, path):
        if node == destination:
            paths.append(list(path))
            return
        for _, other, _, data in graph.edges(node, keys=True, data=True):
            if other in dist and dist[node] == data["metric"] + dist[other]:
                path.append(other)
                walk(other, path)
                path.pop()

    walk(source, [source])
    return paths


def load_key(gbps):
    """The planner's grid for comparing loads: whole kbps."""
    return math.floor(gbps * 1e6 + 0.5)


def busier(net, load, link):
    return max(load.get((link["id"], link["a"]), 0.0), load.get((link["id"], link["b"]), 0.0))


def main():
    net = json.load(open(sys.argv[1]))
    codes = {site["id"]: site["code"] for site in net["sites"]}
    links = {link["id"]: link for link in net["links"]}

    load, facts = route(net, set(), None)
    route_out = {"links": [], "demands": [], "unrouted": []}
    for link in net["links"]:
        route_out["links"].append({"id": link["id"],
                                   "loadAbGbps": load.get((link["id"], link["a"]), 0.0),
                                   "loadBaGbps": load.get((link["id"], link["b"]), 0.0)})
    for demand in net["demands"]:
        fact = facts[demand["id"]]
        if fact == "disconnected":
            route_out["unrouted"].append(demand["id"])
            continue
        entry = {"id": demand["id"], "latencyMs": fact["latency"],
                 "minLatencyMs": fact["minLatency"], "hops": fact["hops"],
                 "pathCount": fact["count"]}
        if fact.get("paths") is not None:
            entry["paths"] = sorted([codes[s] for s in path] for path in fact["paths"])
        route_out["demands"].append(entry)

    # Scenarios, named as the planner names them.
    scenarios = [("normal", set(), None)]
    for link in net["links"]:
        scenarios.append(("link %d %s-%s" % (link["id"], codes[link["a"]], codes[link["b"]]),
                          {link["id"]}, None))
    for site in net["sites"]:
        scenarios.append(("site " + site["code"], set(), site["id"]))
    srlgs = {}
    for link in net["links"]:
        for srlg in link["srlgs"]:
            srlgs.setdefault(srlg, set()).add(link["id"])
    for name in sorted(srlgs):
        scenarios.append(("srlg " + name, srlgs[name], None))
    if net.get("n2"):
        for first, second in itertools.combinations(net["links"], 2):
            scenarios.append(("links %d+%d" % (first["id"], second["id"]),
                              {first["id"], second["id"]}, None))

    per_link = {link["id"]: [] for link in net["links"]}
    per_demand = {d["id"]: [] for d in net["demands"]}
    disconnected_count = {d["id"]: 0 for d in net["demands"]}
    disconnected = []
    normal_latency = {}
    for name, down_links, down_site in scenarios:
        load, facts = route(net, down_links, down_site)
        for link in net["links"]:
            per_link[link["id"]].append((busier(net, load, link), name))
        lost, cut, down, down_gbps = 0.0, [], [], 0.0
        for demand in net["demands"]:
            fact = facts[demand["id"]]
            if name != "normal" and demand["id"] not in normal_latency:
                continue  # never carried: no failure cuts it off or takes its ends down
            if fact == "disconnected":
                if name != "normal":
                    cut.append(demand["id"])
                    lost += demand["rateGbps"]
                    disconnected_count[demand["id"]] += 1
            elif fact == "endpointDown":
                down.append(demand["id"])
                down_gbps += demand["rateGbps"]
            elif name == "normal":
                normal_latency[demand["id"]] = fact["latency"]
            elif demand["id"] in normal_latency:
                per_demand[demand["id"]].append((fact["latency"], name))
        if name != "normal" and (cut or down):
            disconnected.append({"scenario": name, "demands": sorted(cut), "lostGbps": lost,
                                 "endpointDown": sorted(down), "endpointDownGbps": down_gbps})

    top_k = net.get("topK", 10)
    res_links = []
    for link_id, values in per_link.items():
        worst = max(v for v, _ in values)
        normal_key = load_key(values[0][0])
        # values are in scenario order, so a stable sort by load keeps ties in that order
        above = [(v, n) for v, n in values if load_key(v) > normal_key]
        top = sorted(above, key=lambda entry: -load_key(entry[0]))[:top_k]
        if len(top) < top_k:
            top.append(values[0])
        res_links.append({"id": link_id, "normalLoadGbps": values[0][0], "worstLoadGbps": worst,
                          "worstScenarios": [n for v, n in values if close(v, worst)],
                          "top": [{"scenario": n, "loadGbps": v} for v, n in top],
                          "above": {n: v for v, n in above}})
    res_demands = []
    for demand_id, normal in sorted(normal_latency.items()):
        values = [(normal, "normal")] + per_demand[demand_id]
        worst = max(v for v, _ in values)
        stretch = worst / normal if normal > 0 else 1.0
        res_demands.append({"id": demand_id, "worstLatencyMs": worst, "worstStretch": stretch,
                            "worstScenarios": [n for v, n in values if close(v, worst)],
                            "scenariosDisconnected": disconnected_count[demand_id]})

    simple = nx.Graph()
    simple.add_nodes_from(codes)
    multiplicity = {}
    for link in net["links"]:
        simple.add_edge(link["a"], link["b"])
        key = frozenset((link["a"], link["b"]))
        multiplicity[key] = multiplicity.get(key, 0) + 1
    bridge_set = {frozenset(edge) for edge in nx.bridges(simple)}
    bridges = sorted(link["id"] for link in net["links"]
                     if multiplicity[frozenset((link["a"], link["b"]))] == 1
                     and frozenset((link["a"], link["b"])) in bridge_set)
    points = sorted(codes[n] for n in nx.articulation_points(simple))

    json.dump({"route": route_out,
               "resilience": {"scenarios": len(scenarios) - 1, "links": res_links,
                              "demands": res_demands, "disconnected": disconnected,
                              "bridges": bridges, "articulationPoints": points}},
              sys.stdout)


if __name__ == "__main__":
    main()
