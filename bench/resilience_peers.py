#!/usr/bin/python3
"""Peers for the resilience benchmark, on the network nqi_bench_resilience --dump wrote.

networkx: the straightforward approach, recomputing every destination's shortest paths and ECMP
loads from scratch in each scenario; a sample of link failures is timed and scaled to the full
scenario count. igraph: all-pairs shortest-path distances (C code) per scenario, also sampled
and scaled; it gives distances only (no ECMP loads), a lower bound for a recomputation.
Prints JSON.
"""
import json
import sys
import time

import igraph
import networkx as nx


def networkx_scenario(net, down, by_destination):
    graph = nx.MultiGraph()
    graph.add_nodes_from(site["id"] for site in net["sites"])
    for link in net["links"]:
        if link["id"] != down:
            graph.add_edge(link["a"], link["b"], key=link["id"], metric=link["metric"])
    load = {}
    for destination, demands in by_destination.items():
        dist = nx.single_source_dijkstra_path_length(graph, destination, weight="metric")
        traffic = {}
        for source, rate in demands:
            if source in dist:
                traffic[source] = traffic.get(source, 0.0) + rate
        for node in sorted(dist, key=lambda n: -dist[n]):
            amount = traffic.get(node, 0.0)
            if node == destination or amount == 0.0:
                continue
            hops = [(o, k) for _, o, k, d in graph.edges(node, keys=True, data=True)
                    if o in dist and dist[node] == d["metric"] + dist[o]]
            share = amount / len(hops)
            for other, key in hops:
                load[(key, node)] = load.get((key, node), 0.0) + share
                traffic[other] = traffic.get(other, 0.0) + share
    return load


def main():
    net = json.load(open(sys.argv[1]))
    sample = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    scenarios = len(net["links"]) + len(net["sites"])
    by_destination = {}
    for demand in net["demands"]:
        by_destination.setdefault(demand["destination"], []).append(
            (demand["source"], demand["rateGbps"]))

    step = max(1, len(net["links"]) // sample)
    chosen = [link["id"] for link in net["links"][::step][:sample]]
    start = time.perf_counter()
    for down in chosen:
        networkx_scenario(net, down, by_destination)
    networkx_per = (time.perf_counter() - start) / len(chosen)

    index = {site["id"]: i for i, site in enumerate(net["sites"])}
    igraph_sample = max(sample, 20)
    chosen = [link["id"] for link in net["links"][::max(1, len(net["links"]) // igraph_sample)][:igraph_sample]]
    start = time.perf_counter()
    for down in chosen:
        edges = [(index[l["a"]], index[l["b"]]) for l in net["links"] if l["id"] != down]
        weights = [l["metric"] for l in net["links"] if l["id"] != down]
        g = igraph.Graph(n=len(net["sites"]), edges=edges)
        g.distances(weights=weights)
    igraph_per = (time.perf_counter() - start) / len(chosen)

    json.dump({"scenarios": scenarios,
               "networkxSampled": sample, "networkxSecondsPerScenario": networkx_per,
               "networkxSecondsScaled": networkx_per * scenarios,
               "igraphSampled": len(chosen), "igraphSecondsPerScenario": igraph_per,
               "igraphSecondsScaled": igraph_per * scenarios}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
