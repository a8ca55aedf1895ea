#!/usr/bin/env bash
# Installs the Debian 12 packages NQI Workbench needs to build, run and test.
# Only what is missing is installed; works as root or through sudo.
# Usage: installer/install-deps.sh [--runtime-only]
set -euo pipefail

build_packages=(
    build-essential cmake ninja-build ccache pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n libqt6sql6-sqlite libgl-dev
    libboost-graph-dev libsqlite3-dev libqcustomplot-dev libgdal-dev libgeographiclib-dev
    coinor-libclp-dev coinor-libcbc-dev libkainjow-mustache-dev libicu-dev help2man
    pybind11-dev python3-dev libopenmpi-dev
)
# Test-time peers: reference results, real routing daemons, display server, file checkers, the
# Python API's pandas and pytest (docs/python.md),
# what the tested install of the packages uses, and clang with libFuzzer (and llvm-symbolizer for
# its reports) for the fuzzers (docs/fuzzing.md), and a one-node Slurm cluster and Open MPI for
# the scale-out tests (tests/cluster, docs/scale-out.md).
test_packages=(
    python3 python3-networkx python3-igraph python3-sgp4 frr xvfb xauth gdal-bin qgis-common
    sqlite3 poppler-utils imagemagick fonts-noto-cjk fonts-dejavu-core time
    debootstrap lintian desktop-file-utils appstream iproute2 iputils-ping
    libreoffice-writer-nogui
    clang-14 libfuzzer-14-dev llvm-14
    python3-pybind11 python3-pandas python3-pytest
    slurm-wlm munge openmpi-bin
)

packages=("${build_packages[@]}" "${test_packages[@]}")
if [[ "${1:-}" == "--runtime-only" ]]; then
    packages=(libqt6widgets6 libqt6sql6-sqlite libqt6svg6 gdal-bin qgis-common)
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo_cmd=()
if ((EUID != 0)); then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
        exit 1
    fi
    sudo_cmd=(sudo)
fi

echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
