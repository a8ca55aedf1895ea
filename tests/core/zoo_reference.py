#!/usr/bin/python3
"""Reference counts for importing Topology Zoo GraphML files, computed with networkx.

For each file: nodes with both Latitude and Longitude become sites; an edge becomes a link when
both its ends are sites and it is not a self-loop; parallel edges each count. Prints JSON
{file name: {"sites": n, "links": m}}.
"""
import json
import os
import sys

import networkx as nx


def counts(path):
    graph = nx.read_graphml(path, force_multigraph=True)
    located = {n for n, data in graph.nodes(data=True)
               if "Latitude" in data and "Longitude" in data}
    links = sum(1 for u, v in graph.edges() if u != v and u in located and v in located)
    return {"sites": len(located), "links": links}


def main():
    folder = sys.argv[1]
    result = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".graphml"):
            result[name] = counts(os.path.join(folder, name))
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
