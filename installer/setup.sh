#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then
#   run   opens the workbench on the sample project (prints `nqi info` of it until the
#         workbench program is part of the build)
#   test  runs every test through ctest
# Usage: installer/setup.sh run|test [ctest arguments...]
set -euo pipefail

mode=${1:-}
case "$mode" in
    run | test) shift ;;
    *)
        echo "usage: installer/setup.sh run|test [ctest arguments...]" >&2
        exit 2
        ;;
esac

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

"$root/installer/install-deps.sh"

preset=dev
[[ "$mode" == test ]] && preset=ci
jobs=$(nproc 2>/dev/null || echo 2)

echo "setup: configuring ($preset preset)"
cmake --preset "$preset" >/dev/null
echo "setup: building with $jobs jobs"
cmake --build --preset "$preset" --parallel "$jobs"

build="$root/build/$preset"
sample="$build/samples/east-data-west-computing.gpkg"

if [[ "$mode" == run ]]; then
    if [[ -x "$build/bin/nqi-workbench" ]]; then
        exec "$build/bin/nqi-workbench" "$sample"
    fi
    exec "$build/bin/nqi" info "$sample"
fi

export QT_QPA_PLATFORM=offscreen
exec ctest --preset "$preset" --parallel "$jobs" "$@"
