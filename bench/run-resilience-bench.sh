#!/bin/sh
# Resilience benchmark, side by side in one run: nqi (every link, site and SRLG failure) against
# networkx (straightforward recomputation, sampled and scaled) and python-igraph (all-pairs
# distances per scenario, sampled and scaled) on Topology Zoo Kdl with a demand between every
# pair of sites; Kdl with every pair of links (N-2) by two of its 50 shards, scaled; the cost of
# splitting into shards and merging them; then nqi alone on synthetic networks up to 5,000 sites /
# 15,000 links / 1,000,000 demands. Each nqi line ends with GNU time's user and wall seconds and
# peak memory.
# Usage: bench/run-resilience-bench.sh [BUILD_DIR]   (default build/dev)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
bench="$build/bin/nqi_bench_resilience"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timed() {
    /usr/bin/time -f "user %U s, wall %e s, peak %M KB" "$@"
}

echo "== Kdl, all pairs: nqi"
timed "$bench" kdl --dump "$work/kdl.json" --threads 2
echo "== Kdl, all pairs: networkx and igraph (sampled scenarios, scaled)"
/usr/bin/python3 "$here/resilience_peers.py" "$work/kdl.json" 3
echo "== Kdl, N-2: shards 0 and 25 of 50 (scale by 50 for the whole sweep)"
timed "$bench" kdl --n2 --shard 0/50 --threads 2
timed "$bench" kdl --n2 --shard 25/50 --threads 2
echo "== Shards: 4 parts of Kdl and 3 of the 1,000-site network, merged, against one run"
timed "$bench" kdl --shards 4 --threads 2
timed "$bench" synthetic 1000 3000 40000 --shards 3 --threads 2
for size in "1000 3000 40000" "2000 6000 160000" "5000 15000 1000000"; do
    echo "== Synthetic $size (sites, links, demands): nqi"
    # shellcheck disable=SC2086
    timed "$bench" synthetic $size --threads 2
done
