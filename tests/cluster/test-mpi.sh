#!/usr/bin/env bash
# `mpirun -np 3 nqi plan resilience --mpi` (every rank a shard, rank 0 merges) must give the
# single run's result byte for byte; without its module, --mpi must say to install nqi-mpi.
# The MPI runs are skipped (77) where nqi was built without MPI.
# Usage: test-mpi.sh NQI SAMPLE_PROJECT MPI_MODULE [GENERATOR]
# (GENERATOR: nqi_bench_generate, for a network larger than the sample.)
set -euo pipefail
nqi=$1
sample=$2
module=$3
generator=${4:-}
fail() {
    echo "test-mpi: FAILED: $*" >&2
    exit 1
}
# Runs a command, keeping what it printed (both streams) in $out and its exit status in $code.
capture() {
    set +e
    out=$("$@" 2>&1)
    code=$?
    set -e
}

# The run captured last failed as it should: within its time, exit 1, every pattern after the
# first two arguments in its output, and no FILE written. failed_saying WHAT FILE PATTERN...
failed_saying() {
    local what=$1 file=$2 pattern
    shift 2
    ((code != 124)) || fail "--mpi $what did not end in time: $out"
    ((code == 1)) || fail "--mpi $what exited $code, expected 1: $out"
    for pattern in "$@"; do
        grep -q -- "$pattern" <<<"$out" || fail "--mpi $what does not say \"$pattern\": $out"
    done
    [[ ! -e "$file" ]] || fail "--mpi $what wrote $file"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Without its module (an nqi whose nqi-mpi package is not installed: here a copy of nqi in a
# folder with no lib/nqi beside it), --mpi exits 1 saying what to install, and writes nothing.
mkdir "$work/bin"
cp "$nqi" "$work/bin/nqi"
capture env -u NQI_MPI_PLUGIN "$work/bin/nqi" plan resilience "$sample" --mpi --json -o "$work/none.json"
((code == 1)) || fail "nqi --mpi without its module exited $code, expected 1: $out"
grep -q "Install the nqi-mpi package" <<<"$out" || fail "nqi --mpi without its module does not say to install nqi-mpi: $out"
[[ ! -e "$work/none.json" ]] || fail "nqi --mpi without its module wrote a result"
echo "test-mpi: without its module, --mpi says: ${out:0:100}..."

if [[ ! -f "$module" ]]; then
    echo "test-mpi: SKIPPED: nqi was built without MPI (no $module; Debian: libopenmpi-dev)" >&2
    exit 77
fi
command -v mpirun >/dev/null || fail "mpirun is not installed (installer/install-deps.sh installs openmpi-bin)"
cp "$sample" "$work/project.gpkg"
flags=(--oversubscribe)
((EUID != 0)) || flags+=(--allow-run-as-root)
# No network transports in a sandbox: shared memory and loopback TCP only.
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo OMPI_MCA_oob_tcp_if_include=lo

for n2 in "" --n2; do
    "$nqi" plan resilience "$work/project.gpkg" $n2 --json -o "$work/single.json"
    mpirun "${flags[@]}" -np 3 "$nqi" plan resilience "$work/project.gpkg" $n2 --mpi --threads 1 \
        -o "$work/mpi.json" || fail "mpirun -np 3 nqi plan resilience $n2 --mpi failed"
    cmp "$work/single.json" "$work/mpi.json" || fail "3 ranks ($n2) differ from the single run"
    echo "test-mpi: 3 ranks ${n2:-(N-1)} give the single run's result"
done
# A part larger than one MPI message goes in pieces: here pieces of 256 bytes, so every
# part (some 7 kB on the sample) is dozens of messages, and the result is still the single run's.
NQI_MPI_PIECE_BYTES=256 mpirun "${flags[@]}" -x NQI_MPI_PIECE_BYTES -np 3 "$nqi" plan resilience \
    "$work/project.gpkg" --mpi --threads 1 -o "$work/pieces.json" || fail "--mpi in small pieces failed"
"$nqi" plan resilience "$work/project.gpkg" --json -o "$work/single.json"
cmp "$work/single.json" "$work/pieces.json" || fail "3 ranks sending in small pieces differ from the single run"
echo "test-mpi: parts in pieces of 256 bytes give the single run's result"

# Ranks run by a wrapper: on rank $NQI_TEST_RANK the project is one that does not exist; on rank
# $NQI_TEST_OTHER_RANK it is $NQI_TEST_OTHER (another network); on rank $NQI_TEST_OUTPUT_RANK -o
# is in a folder that does not exist (as on a node without it); and on rank 0 the pieces are
# $NQI_TEST_PIECE_0 bytes (as when NQI_MPI_PIECE_BYTES is set by hand on one node and not
# passed on with -x).
cat >"$work/rank.sh" <<'EOF'
#!/usr/bin/env bash
rank=${OMPI_COMM_WORLD_RANK:-}
args=()
previous=
for a in "$@"; do
    if [[ "$a" == "${NQI_TEST_PROJECT:-}" && "$rank" == "${NQI_TEST_RANK:-}" ]]; then
        a="${a%.gpkg}-missing.gpkg"
    elif [[ "$a" == "${NQI_TEST_PROJECT:-}" && "$rank" == "${NQI_TEST_OTHER_RANK:-}" ]]; then
        a=$NQI_TEST_OTHER
    elif [[ "$previous" == -o && "$rank" == "${NQI_TEST_OUTPUT_RANK:-}" ]]; then
        a=/nonexistent-folder/result.json
    fi
    args+=("$a")
    previous=$a
done
if [[ "$rank" == 0 && -n "${NQI_TEST_PIECE_0:-}" ]]; then
    export NQI_MPI_PIECE_BYTES=$NQI_TEST_PIECE_0
fi
exec "${args[@]}"
EOF
chmod +x "$work/rank.sh"

# Ranks need not agree on the size of the pieces: rank 0 takes each rank's in the size it sends.
NQI_TEST_PIECE_0=1000 NQI_MPI_PIECE_BYTES=300 timeout 120 mpirun "${flags[@]}" -x NQI_TEST_PIECE_0 \
    -x NQI_MPI_PIECE_BYTES -np 3 "$work/rank.sh" "$nqi" plan resilience "$work/project.gpkg" --mpi \
    --threads 1 -o "$work/mixed.json" || fail "--mpi with pieces of 1,000 bytes on rank 0 and 300 on the others failed"
cmp "$work/single.json" "$work/mixed.json" || fail "ranks sending pieces of other sizes differ from the single run"
echo "test-mpi: ranks with pieces of other sizes give the single run's result"

# A rank other than 0 that fails: rank 0 names it, and the message is out before the job ends
# (on a network of some size rank 0 takes a while to end, and mpirun used to end it first when
# the failed rank exited 1, so the message was lost).
big="$work/project.gpkg"
if [[ -n "$generator" && -x "$generator" ]]; then
    "$generator" "$work/generated" 300 900 20000 >/dev/null
    "$nqi" import "$work/generated/sites.csv" "$work/generated/links.csv" \
        "$work/generated/demands.csv" -o "$work/big.gpkg" >/dev/null
    big="$work/big.gpkg"
fi
# Runs 3 ranks through rank.sh on $big with the NQI_TEST_* settings given (NAME=VALUE), each
# passed on to the ranks, into $out and $code.
ranks_on_big() {
    local passed=() setting
    for setting in "$@" NQI_TEST_PROJECT="$big"; do passed+=(-x "${setting%%=*}"); done
    capture env "$@" NQI_TEST_PROJECT="$big" timeout 120 mpirun "${flags[@]}" "${passed[@]}" -np 3 \
        "$work/rank.sh" "$nqi" plan resilience "$big" --mpi --threads 1 -o "$work/failed.json"
}
for attempt in 1 2 3; do
    ranks_on_big NQI_TEST_RANK=1
    failed_saying "with rank 1 failing (attempt $attempt)" "$work/failed.json" \
        "1 of 3 ranks failed; nothing was merged" "rank 1 (shard 2/3): .*-missing.gpkg"
done
echo "test-mpi: a failed rank 1 is named by rank 0, three times out of three ($(basename "$big"))"

# Two ranks failing at once, one with no project and one on another network: both are named.
if [[ "$big" != "$work/project.gpkg" ]]; then
    ranks_on_big NQI_TEST_RANK=1 NQI_TEST_OTHER_RANK=2 NQI_TEST_OTHER="$work/project.gpkg"
    failed_saying "with rank 1 failing and rank 2 on another network" "$work/failed.json" \
        "1 of 3 ranks failed and 1 part was refused; nothing was merged" \
        "rank 1 (shard 2/3): .*-missing.gpkg" "rank 2 (shard 3/3): .*another network"
    # A rank on another network computed well: its part is refused, and no rank is said to fail.
    ranks_on_big NQI_TEST_OTHER_RANK=2 NQI_TEST_OTHER="$work/project.gpkg"
    failed_saying "with rank 2 on another network" "$work/failed.json" \
        "1 part was refused (of 3); nothing was merged"
    ! grep -q "ranks failed" <<<"$out" || fail "--mpi says a rank failed that computed well: $out"
    echo "test-mpi: two failed ranks, one on another network, are both named and told apart"
fi

# What would keep rank 0 from delivering the result is found before anyone computes: here the
# project locked from another host, with --save. Rank 0 says so, every rank ends, nothing is
# written.
lockfile="$work/.~lock.project.gpkg#"
printf 'NQI Workbench project lock: the project beside this file is being written.\nuser: alice\nhost: elsewhere.example\nprogram: nqi-workbench\npid: 4242\nsince: 2026-12-06T04:10:00Z\n' >"$lockfile"
capture timeout 120 mpirun "${flags[@]}" -np 3 "$nqi" plan resilience "$work/project.gpkg" --mpi --save \
    --threads 1 -o "$work/locked.json"
rm -f "$lockfile"
failed_saying "with the project locked" "$work/locked.json" \
    "nqi: error: .*is locked for writing by alice on elsewhere.example"
! grep -q "ranks failed" <<<"$out" || fail "--mpi computed shards although the project was locked: $out"
echo "test-mpi: a locked project is said before anyone computes, and nothing is written"

# A project rank 0 cannot read is said before anyone computes, once.
capture timeout 60 mpirun "${flags[@]}" -np 3 "$nqi" plan resilience "$work/no-such-project.gpkg" --mpi \
    --save --threads 1
((code == 1)) || fail "--mpi on a missing project exited $code, expected 1: $out"
((1 == $(grep -c "nqi: error: .*no-such-project.gpkg: no such file" <<<"$out"))) ||
    fail "--mpi on a missing project does not say so once: $out"
! grep -q "ranks failed" <<<"$out" || fail "--mpi computed shards of a missing project: $out"
echo "test-mpi: a missing project is said once, before anyone computes"

# An -o that cannot be written (the project itself, a folder) is said once, by rank 0, every
# time: the other ranks end well, so mpirun cannot end rank 0 before its message is out (8
# ranks: the more ranks end at once, the likelier such a loss would be).
mkdir -p "$work/folder"
for output in "$work/project.gpkg" "$work/folder"; do
    for attempt in 1 2 3; do
        capture timeout 60 mpirun "${flags[@]}" -np 8 "$nqi" plan resilience "$work/project.gpkg" --mpi \
            --threads 1 -o "$output"
        ((code == 1)) || fail "--mpi -o $output exited $code, expected 1: $out"
        said=$(grep -c "nqi: error: " <<<"$out" || true)
        ((said == 1)) || fail "--mpi -o $output says why $said times, expected once (attempt $attempt): $out"
    done
done
echo "test-mpi: an output that cannot be written is said once, by rank 0, every time"

# Only rank 0 writes: an -o another rank could not write (its node lacks the folder) is no
# matter.
NQI_TEST_OUTPUT_RANK=1 timeout 120 mpirun "${flags[@]}" -x NQI_TEST_OUTPUT_RANK -np 3 "$work/rank.sh" \
    "$nqi" plan resilience "$work/project.gpkg" --mpi --threads 1 -o "$work/rank0.json" ||
    fail "--mpi failed where only rank 1 could not have written -o"
cmp "$work/single.json" "$work/rank0.json" || fail "--mpi with rank 1's -o unwritable differs from the single run"
echo "test-mpi: only rank 0's -o matters"

# --save from rank 0 stores the merged result as nqi plan --save does.
mpirun "${flags[@]}" -np 2 "$nqi" plan resilience "$work/project.gpkg" --mpi --save --threads 1 \
    -o "$work/saved.json" || fail "mpirun --mpi --save failed"
"$nqi" info "$work/project.gpkg" --json | grep -q '"resilience"' || fail "--mpi --save stored nothing"
echo "test-mpi: 12 passed, 0 failed"
