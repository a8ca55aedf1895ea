#!/usr/bin/env bash
# Import + save + reopen of a large synthetic network with `nqi`, side by side with ogr2ogr
# turning the same sites and links (GeoJSON) into a GeoPackage. Prints a Markdown table.
# Usage: bench/run-project-bench.sh [BUILD_DIR] [SITES LINKS DEMANDS]
set -euo pipefail
build=${1:-build/dev}
sites=${2:-100000}
links=${3:-300000}
demands=${4:-1000000}
bin="$build/bin"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "generating $sites sites, $links links, $demands demands in $work" >&2
"$bin/nqi_bench_generate" "$work/in" "$sites" "$links" "$demands"

# Runs a command under GNU time; prints "seconds peak_MiB".
measure() {
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
        cat "$work/stderr" >&2
        exit 1
    }
    read -r seconds kib <"$work/time"
    echo "$seconds $((kib / 1024))"
}

read -r import_s import_mb < <(measure "$bin/nqi" import "$work/in/sites.csv" "$work/in/links.csv" \
    "$work/in/demands.csv" -o "$work/project.gpkg")
read -r open_s open_mb < <(measure "$bin/nqi" info "$work/project.gpkg" --json)
read -r sites_only_s sites_only_mb < <(measure "$bin/nqi" import "$work/in/sites.csv" \
    "$work/in/links.csv" -o "$work/project-nodemands.gpkg")
read -r ogr_sites_s ogr_sites_mb < <(measure ogr2ogr -f GPKG "$work/peer.gpkg" "$work/in/sites.geojson")
read -r ogr_links_s ogr_links_mb < <(measure ogr2ogr -f GPKG -update -nln links "$work/peer.gpkg" \
    "$work/in/links.geojson")
ogr_s=$(awk "BEGIN { print $ogr_sites_s + $ogr_links_s }")
ogr_mb=$((ogr_sites_mb > ogr_links_mb ? ogr_sites_mb : ogr_links_mb))
size_mb=$(( $(stat -c %s "$work/project.gpkg") / 1048576 ))
peer_mb=$(( $(stat -c %s "$work/peer.gpkg") / 1048576 ))

cat <<TABLE
| step ($sites sites, $links links, $demands demands) | time (s) | peak memory (MiB) |
|---|---:|---:|
| nqi import CSV -> project (sites, links, demands), saved | $import_s | $import_mb |
| nqi import CSV -> project (sites and links only), saved | $sites_only_s | $sites_only_mb |
| nqi info: open the whole project again | $open_s | $open_mb |
| ogr2ogr GeoJSON -> GeoPackage (sites + links, two runs) | $ogr_s | $ogr_mb |

Project file: $size_mb MiB; ogr2ogr's GeoPackage (sites and links only): $peer_mb MiB.
TABLE
