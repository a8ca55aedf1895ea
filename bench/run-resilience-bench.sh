#!/bin/sh
# Resilience benchmark, side by side in one run: nqi (every link, site and SRLG failure) against
# networkx (straightforward recomputation, sampled and scaled) and python-igraph (all-pairs
# distances per scenario, sampled and scaled) on Topology Zoo Kdl with a demand between every
# pair of sites; then nqi alone on a synthetic 5,000-site / 15,000-link / 1,000,000-demand network.
# Usage: bench/run-resilience-bench.sh [BUILD_DIR]   (default build/dev)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== Kdl, all pairs: nqi"
"$build/bin/nqi_bench_resilience" kdl --dump "$work/kdl.json" | tee "$work/nqi-kdl.json"
echo "== Kdl, all pairs: networkx and igraph (sampled scenarios, scaled)"
/usr/bin/python3 "$here/resilience_peers.py" "$work/kdl.json" 3 | tee "$work/peers-kdl.json"
echo "== Synthetic 5000 sites, 15000 links, 1000000 demands: nqi"
"$build/bin/nqi_bench_resilience" synthetic 5000 15000 1000000 | tee "$work/nqi-synthetic.json"
