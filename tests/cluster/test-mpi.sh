#!/usr/bin/env bash
# `mpirun -np 3 nqi plan resilience --mpi` (every rank a shard, rank 0 merges) must give the
# single run's result byte for byte; without its module, --mpi must say to install nqi-mpi.
# The MPI runs are skipped (77) where nqi was built without MPI.
# Usage: test-mpi.sh NQI SAMPLE_PROJECT MPI_MODULE
set -euo pipefail
nqi=$1
sample=$2
module=$3
fail() {
    echo "test-mpi: FAILED: $*" >&2
    exit 1
}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Without its module (an nqi whose nqi-mpi package is not installed: here a copy of nqi in a
# folder with no lib/nqi beside it), --mpi exits 1 saying what to install, and writes nothing.
mkdir "$work/bin"
cp "$nqi" "$work/bin/nqi"
set +e
out=$(env -u NQI_MPI_PLUGIN "$work/bin/nqi" plan resilience "$sample" --mpi --json -o "$work/none.json" 2>&1)
code=$?
set -e
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

# A rank that fails does not leave the others waiting: rank 0 cannot lock the project for
# --save (a lock held on another host), takes the other ranks' parts all the same, says which
# rank failed and why, exits 1 and writes nothing.
lockfile="$work/.~lock.project.gpkg#"
printf 'NQI Workbench project lock: the project beside this file is being written.\nuser: alice\nhost: elsewhere.example\nprogram: nqi-workbench\npid: 4242\nsince: 2026-12-06T04:10:00Z\n' >"$lockfile"
set +e
out=$(timeout 120 mpirun "${flags[@]}" -np 3 "$nqi" plan resilience "$work/project.gpkg" --mpi --save \
    --threads 1 -o "$work/locked.json" 2>&1)
code=$?
set -e
rm -f "$lockfile"
((code != 124)) || fail "--mpi with rank 0 failing did not end within 120 s: $out"
((code != 0)) || fail "--mpi with rank 0 failing exited 0: $out"
grep -q "1 of 3 ranks failed; nothing was merged" <<<"$out" || fail "--mpi with rank 0 failing does not say so: $out"
grep -q "rank 0 (shard 1/3):.*elsewhere.example" <<<"$out" || fail "--mpi does not name rank 0 and the lock's holder: $out"
[[ ! -e "$work/locked.json" ]] || fail "--mpi with rank 0 failing wrote a result"
echo "test-mpi: a failed rank is named and nothing is written"

# --save from rank 0 stores the merged result as nqi plan --save does.
mpirun "${flags[@]}" -np 2 "$nqi" plan resilience "$work/project.gpkg" --mpi --save --threads 1 \
    -o "$work/saved.json" || fail "mpirun --mpi --save failed"
"$nqi" info "$work/project.gpkg" --json | grep -q '"resilience"' || fail "--mpi --save stored nothing"
echo "test-mpi: 6 passed, 0 failed"
