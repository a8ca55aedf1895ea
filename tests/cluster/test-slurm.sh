#!/usr/bin/env bash
# A real single-node Slurm cluster on this machine (localslurm.sh: munge, slurmctld, slurmd on
# private ports, state in a temporary folder): `nqi slurm resilience --submit` must give the
# merged result a single run gives, store it in the job's project copy, and name the task that
# failed when one does. Needs root (the daemons run as SlurmUser root); skipped (77) otherwise.
# Usage: test-slurm.sh NQI SAMPLE_PROJECT
set -euo pipefail
nqi=$1
sample=$2
here=$(cd "$(dirname "$0")" && pwd)

if ((EUID != 0)); then
    echo "test-slurm: SKIPPED: needs root to start munged, slurmctld and slurmd" >&2
    exit 77
fi
for tool in munged slurmctld slurmd sbatch squeue sinfo; do
    command -v "$tool" >/dev/null ||
        { echo "test-slurm: FAILED: $tool is not installed (installer/install-deps.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d /tmp/nqi-slurm-test.XXXXXX)
source "$here/localslurm.sh"
cleanup() {
    local_slurm_stop
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "test-slurm: FAILED: $*" >&2
    exit 1
}

local_slurm_start "$work/cluster" || fail "the local Slurm cluster did not start"
cp "$sample" "$work/project.gpkg"

# The single run to compare with (N-2: link pairs are most of the scenarios).
"$nqi" plan resilience "$work/project.gpkg" --n2 --json -o "$work/single.json"

echo "test-slurm: submitting 3 shards"
"$nqi" slurm resilience "$work/project.gpkg" --n2 --tasks 3 -o "$work/job" --submit --poll 0.5 \
    || fail "nqi slurm --submit failed"
cmp "$work/single.json" "$work/job/result.json" || fail "the merged result differs from the single run's"
for i in 1 2 3; do
    [[ -s "$work/job/parts/part-$i.json" ]] || fail "no part file for shard $i"
done
# Many tasks: the merge runs in two levels (groups of 2 parts merged by an array, then one merge
# of the groups), and gives the same bytes.
echo "test-slurm: submitting 5 shards merged in two levels"
"$nqi" slurm resilience "$work/project.gpkg" --n2 --tasks 5 --parts-per-merge 2 -o "$work/job2" \
    --submit --poll 0.5 || fail "nqi slurm --submit in two levels failed"
cmp "$work/single.json" "$work/job2/result.json" || fail "the two-level merge differs from the single run's"
for j in 1 2 3; do
    [[ -s "$work/job2/combined/combined-$j.json" ]] || fail "no combined part for group $j"
done
[[ ! -e "$work/job2/combined/combined-4.json" ]] || fail "more groups than ceil(5/2)"
# Stored in the copy under the N-2 key, current (the same network).
"$nqi" info "$work/job/project.gpkg" --json >"$work/info.json"
grep -q '"resilience+n2"' "$work/info.json" || fail "the merge did not store resilience+n2 in the job's project"
echo "test-slurm: merged result equals the single run and is stored"

# Submits with an nqi that fails, saying "SAYS", whenever its arguments match PATTERN; --submit
# must exit non-zero, name WHAT and show the failed task's log, and merge nothing.
# Usage: submit_failing NAME PATTERN SAYS WHAT [nqi slurm options...]
submit_failing() {
    local name=$1 pattern=$2 says=$3 what=$4
    shift 4
    cat >"$work/$name-nqi" <<SCRIPT
#!/bin/sh
case "\$*" in $pattern) echo "$says" >&2; exit 3;; esac
exec "$nqi" "\$@"
SCRIPT
    chmod +x "$work/$name-nqi"
    set +e
    NQI_PROGRAM="$work/$name-nqi" "$nqi" slurm resilience "$work/project.gpkg" "$@" \
        -o "$work/$name" --submit --poll 0.5 >"$work/$name.out" 2>"$work/$name.err"
    local code=$?
    set -e
    cat "$work/$name.err"
    ((code != 0)) || fail "nqi slurm --submit exited 0 although $what failed"
    grep -q "$what" "$work/$name.err" || fail "the failure does not name $what"
    grep -q "$says" "$work/$name.err" || fail "the failure does not show the log of $what"
    [[ ! -e "$work/$name/result.json" ]] || fail "a result was merged although $what failed"
}
# A task that fails, then a group's merge that fails (the final merge does not run).
submit_failing failing '*"--shard 2/3"*' "shard 2 broke on purpose" "shard 2/3" --tasks 3
submit_failing failing2 '*"--partial"*"part-3.json"*' "group 2 broke on purpose" "group 2/2" \
    --tasks 4 --parts-per-merge 2
echo "test-slurm: a failed task and a failed group merge are named; 3 passed, 0 failed"
