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
# --save from rank 0 stores the merged result as nqi plan --save does.
mpirun "${flags[@]}" -np 2 "$nqi" plan resilience "$work/project.gpkg" --mpi --save --threads 1 \
    -o "$work/saved.json" || fail "mpirun --mpi --save failed"
"$nqi" info "$work/project.gpkg" --json | grep -q '"resilience"' || fail "--mpi --save stored nothing"
echo "test-mpi: 4 passed, 0 failed"
