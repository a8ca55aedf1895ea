#!/usr/bin/env bash
# Runs the libFuzzer harnesses of a build made with the "fuzz" preset (docs/fuzzing.md).
#   run-fuzzers.sh BUILD replay [HARNESS...]        every seed and saved reproducer once
#   run-fuzzers.sh BUILD fuzz SECONDS [HARNESS...]  replay, then fuzz each harness for SECONDS
# Harnesses: csv graphml tle compute project template (all when none is named). New inputs go to
# BUILD/fuzz/work/<harness>/corpus, never into the source tree; a crash, timeout, out-of-memory
# or sanitizer report is saved in BUILD/fuzz/work/<harness>/artifacts/ and fails the run.
# NQI_FUZZ_KEEP_GOING=1 (long runs): fuzz even when a saved reproducer still fails, in a forked
# worker that goes on after a crash, timeout or out-of-memory, so one known finding does not end
# the run; each is still saved, counted and fails the run.
# Exit status: 0 when every harness passed, 1 otherwise.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-fuzzers.sh BUILD replay|fuzz [SECONDS] [HARNESS...]}
mode=${2:?usage: run-fuzzers.sh BUILD replay|fuzz [SECONDS] [HARNESS...]}
shift 2
seconds=0
if [[ "$mode" == fuzz ]]; then
    seconds=${1:?fuzz needs SECONDS}
    shift
elif [[ "$mode" != replay ]]; then
    echo "run-fuzzers: unknown mode $mode (replay or fuzz)" >&2
    exit 2
fi
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(csv graphml tle compute project template)

# The largest input each harness is given. Seeds fit; bigger inputs only slow every execution.
declare -A max_len=([csv]=65536 [graphml]=65536 [tle]=16384 [compute]=4096 [project]=65536
    [template]=16384)
# One input may take at most this many seconds (a hang) and the process 2 GB (memory bounds).
common=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048)
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}

failed=()
for h in "${harnesses[@]}"; do
    bin="$build/fuzz/fuzz_$h"
    if [[ ! -x "$bin" || -z "${max_len[$h]:-}" ]]; then
        echo "run-fuzzers: no harness $h in $build/fuzz" >&2
        failed+=("$h")
        continue
    fi
    work="$build/fuzz/work/$h"
    mkdir -p "$work/corpus" "$work/artifacts"
    dict=()
    [[ -f "$here/dict/$h.dict" ]] && dict=(-dict="$here/dict/$h.dict")

    # Replay: each file on its own, so every failing one is named with its report.
    inputs=()
    for dir in "$here/corpus/$h" "$here/regressions/$h"; do
        [[ -d "$dir" ]] && while IFS= read -r -d '' f; do inputs+=("$f"); done \
            < <(find "$dir" -type f ! -name '*.md' -print0 | sort -z)
    done
    bad=0
    for input in "${inputs[@]}"; do
        log="$work/replay.log"
        "$bin" "${common[@]}" -runs=1 "$input" >"$log" 2>&1 && continue
        echo "run-fuzzers: $h: FAILED on ${input#"$here"/}; the report:"
        grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x|terminate|what\(\)' "$log" \
            | grep -v 'in fuzzer::' | head -40
        bad=$((bad + 1))
    done
    if ((bad)); then
        failed+=("$h")
        [[ "$mode" == fuzz && "${NQI_FUZZ_KEEP_GOING:-0}" == 1 ]] || continue
    else
        echo "run-fuzzers: $h: ${#inputs[@]} seeds and reproducers pass"
    fi
    [[ "$mode" == replay ]] && continue

    log="$work/fuzz.log"
    keep_going=()
    [[ "${NQI_FUZZ_KEEP_GOING:-0}" == 1 ]] &&
        keep_going=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    rm -rf "$work/artifacts" && mkdir -p "$work/artifacts"
    before=$(find "$work/corpus" -type f | wc -l)
    start=$(date +%s)
    "$bin" "${common[@]}" "${keep_going[@]}" -max_len="${max_len[$h]}" \
        -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
        "${dict[@]}" "$work/corpus" "$here/corpus/$h" >"$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    # A forked run prints its own totals: "#<executions>: cov: ... crash: a/b/c ...".
    [[ -n "$execs" ]] || execs=$(sed -n 's/^#\([0-9]*\): cov:.*/\1/p' "$log" | tail -1)
    findings=$(find "$work/artifacts" -type f | wc -l)
    ((findings > 0 && status == 0)) && status=1
    units=$(find "$work/corpus" -type f | wc -l)
    echo "run-fuzzers: $h: $(($(date +%s) - start)) s, ${execs:-?} executions," \
        "corpus $before -> $units inputs, $findings findings, exit $status"
    if ((status != 0)); then
        echo "run-fuzzers: $h: FAILED; the report ($log) and its input:"
        grep -E 'ERROR|SUMMARY|runtime error|#[0-9]+ 0x|Test unit written|ALARM|out-of-memory' \
            "$log" | grep -v 'in fuzzer::' | head -60
        [[ " ${failed[*]} " == *" $h "* ]] || failed+=("$h")
    fi
done

if ((${#failed[@]})); then
    echo "run-fuzzers: failed: ${failed[*]}"
    exit 1
fi
echo "run-fuzzers: all ${#harnesses[@]} harnesses passed"
