#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs what is missing, builds, then
#   run   opens the workbench on the sample project (prints `nqi info` of it until the
#         workbench program is part of the build)
#   test  runs every test through ctest, then (without ctest arguments) the hardening checks:
#         the unit tests built with AddressSanitizer + UBSan ("asan" preset) and every libFuzzer
#         harness for 60 s ("fuzz" preset); docs/fuzzing.md. NQI_HARDENING=0 skips them,
#         NQI_HARDENING=1 runs them even with ctest arguments. Every stage runs even when one
#         before it failed; the exit status is non-zero when any failed.
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
# ccache keys on paths relative to the checkout, so a fresh clone elsewhere (as CI makes) reuses
# what an earlier build compiled.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root} CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}

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
hardening=${NQI_HARDENING:-}
[[ -n "$hardening" ]] || { (($# == 0)) && hardening=1 || hardening=0; }
if [[ "$hardening" != 1 ]]; then
    exec ctest --preset "$preset" --parallel "$jobs" "$@"
fi

passed=()
failed=()
ok=1
stage() { # stage NAME COMMAND...: runs it, times it, records the outcome in $ok, never stops
    local name=$1 start=$SECONDS
    shift
    echo "setup: === $name"
    if "$@"; then
        passed+=("$name")
        ok=1
        echo "setup: === $name passed ($((SECONDS - start)) s)"
    else
        failed+=("$name")
        ok=0
        echo "setup: === $name FAILED ($((SECONDS - start)) s)"
    fi
}

# The ordinary suite first: its result is reported whatever the sanitizers find after it.
stage "test suite (ci preset)" ctest --preset "$preset" --parallel "$jobs" "$@"

# Unit tests under AddressSanitizer + UBSan: only the executables the label "unit" runs.
asan_build() {
    cmake --preset asan >/dev/null || return
    local tests targets=()
    tests=$(ctest --preset asan -N | sed -n 's/^ *Test *#[0-9]*: *//p') || return
    local all
    all=$(cmake --build --preset asan --target help | sed -n 's/^\([^:]*\): .*/\1/p')
    for t in $tests; do
        grep -qx "$t" <<<"$all" && targets+=("$t")
    done
    echo "setup: building ${#targets[@]} unit test programs with the sanitizers"
    cmake --build --preset asan --parallel "$jobs" --target "${targets[@]}"
}
stage "sanitizer build (asan preset)" asan_build
if ((ok)); then
    stage "unit tests under ASan + UBSan" ctest --preset asan --parallel "$jobs"
else
    failed+=("unit tests under ASan + UBSan (not built)")
fi

# libFuzzer harnesses: every seed and saved reproducer, then 60 s of fuzzing each.
fuzz_build() {
    cmake --preset fuzz >/dev/null && cmake --build --preset fuzz --parallel "$jobs"
}
stage "fuzzer build (fuzz preset)" fuzz_build
if ((ok)); then
    stage "fuzzers, 60 s each" "$root/tests/fuzz/run-fuzzers.sh" "$root/build/fuzz" fuzz 60
else
    failed+=("fuzzers, 60 s each (not built)")
fi

for name in "${passed[@]}"; do echo "setup: passed: $name"; done
for name in "${failed[@]}"; do echo "setup: FAILED: $name"; done
echo "setup: ${#passed[@]} passed, ${#failed[@]} failed"
((${#failed[@]} == 0))
