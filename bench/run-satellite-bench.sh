#!/bin/sh
# Satellite coverage benchmark, side by side in one run: nqi plan satellite (SGP4 of every
# Starlink satellite of the CelesTrak snapshot for 24 hours at 60 s steps, and the coverage of a
# 1-degree grid over China at 25 degrees elevation) against python-sgp4 (pure Python on Debian)
# propagating the same satellites at the same steps, without coverage.
# Usage: bench/run-satellite-bench.sh [BUILD_DIR]   (default build/dev)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../build/dev}
tle=$here/../../shared/datasets/tle/starlink.txt
[ -f "$tle" ] || tle=$here/../shared/datasets/tle/starlink.txt

echo "== nqi plan satellite (propagation + coverage, $(nproc) cores)"
/usr/bin/time -f "nqi: %e s wall, %U s user, %M KiB peak" "$build/bin/nqi" plan satellite \
    --tle "$tle" --bbox 73,18,135,54 --grid 1 --min-elev 25 \
    --from 2024-01-13T00:00:00Z --to 2024-01-14T00:00:00Z --step 60 --json
echo "== nqi plan satellite, one thread"
/usr/bin/time -f "nqi (1 thread): %e s wall, %U s user, %M KiB peak" "$build/bin/nqi" plan \
    satellite --tle "$tle" --bbox 73,18,135,54 --grid 1 --min-elev 25 --threads 1 \
    --from 2024-01-13T00:00:00Z --to 2024-01-14T00:00:00Z --step 60 --json >/dev/null
echo "== python-sgp4, propagation alone"
/usr/bin/time -f "python-sgp4: %e s wall, %U s user, %M KiB peak" /usr/bin/python3 \
    "$here/satellite_peer.py" "$tle" 2024-01-13 24 60
