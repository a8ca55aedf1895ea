#!/usr/bin/env bash
# Tested install of the Debian packages, as a user would do it:
#   1. builds nqi_*.deb, nqi-workbench_*.deb and (in a build with MPI) nqi-mpi_*.deb from a
#      configured, built tree (cpack)
#   2. checks them with lintian (no errors allowed)
#   3. makes a minimal Debian 12 root with debootstrap (cached between runs), installs nqi and
#      nqi-workbench there with apt, which pulls in every dependency from the Debian archive
#   4. checks nqi --version, nqi info and nqi plan route on the installed sample, the desktop
#      entry, MIME type, icons and man pages, and that the workbench starts on the offscreen
#      platform and stays up for 5 seconds; that `nqi plan resilience --mpi` without nqi-mpi
#      says to install it; then installs nqi-mpi and runs the sample's sweep on two MPI ranks
#      (mpirun -np 2 ... --mpi), which must give the single run's result byte for byte
#   5. purges the packages and what apt pulled in, and checks that nothing is left behind
#
# Usage: installer/test-install.sh [BUILD_DIR]      (default: build/ci)
# Needs root (debootstrap, chroot, mount); exits 77 (skipped) with a message where it cannot
# run. Environment:
#   NQI_TEST_INSTALL_CACHE  cache folder (default /var/cache/nqi-workbench/test-install):
#                           the debootstrapped root as a tarball and apt's downloaded archives
#   NQI_DEBIAN_MIRROR       Debian mirror (default: the first one this machine's apt uses)
set -euo pipefail

say() { echo "test-install: $*"; }
fail() {
    echo "test-install: FAILED: $*" >&2
    exit 1
}
skip() {
    echo "test-install: SKIPPED: $*" >&2
    exit 77
}

root_dir=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root_dir/build/ci}" && pwd) || fail "no build folder ${1:-$root_dir/build/ci}"
[[ -f "$build/CPackConfig.cmake" ]] || fail "$build is not a configured build folder (no CPackConfig.cmake)"
((EUID == 0)) || skip "needs root for debootstrap, chroot and mount (run as root, or sudo)"
for tool in debootstrap lintian cpack chroot mount; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (installer/install-deps.sh installs it)"
done

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
[[ -n "$version" ]] || fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake"

cache=${NQI_TEST_INSTALL_CACHE:-/var/cache/nqi-workbench/test-install}
mirror=${NQI_DEBIAN_MIRROR:-}
if [[ -z "$mirror" ]]; then
    mirror=$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1 || true)
    [[ -n "$mirror" ]] || mirror=$(awk '$1 == "deb" && $3 == "bookworm" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
    [[ -n "$mirror" ]] || mirror=http://deb.debian.org/debian
fi
mkdir -p "$cache/archives/partial"

# 1. Packages
packages="$build/packages"
rm -rf "$packages"
say "building the packages (version $version)"
cpack --config "$build/CPackConfig.cmake" -B "$packages" >"$build/cpack.log" 2>&1 ||
    { cat "$build/cpack.log" >&2; fail "cpack could not build the packages (log above)"; }
debs=("$packages"/nqi_"$version"_*.deb "$packages"/nqi-workbench_"$version"_*.deb)
# nqi-mpi is made where the build has the MPI module (libopenmpi-dev; docs/scale-out.md).
mpi_deb=
components=$(sed -n 's/^set(CPACK_COMPONENTS_ALL "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
if [[ ";$components;" == *";mpi;"* ]]; then
    mpi_deb=$(echo "$packages"/nqi-mpi_"$version"_*.deb)
fi
for deb in "${debs[@]}" ${mpi_deb:+"$mpi_deb"}; do
    [[ -f "$deb" ]] || fail "cpack did not make $deb"
done
say "built $(basename "${debs[0]}"), $(basename "${debs[1]}")${mpi_deb:+ and $(basename "$mpi_deb")}"
[[ -n "$mpi_deb" ]] || say "note: this build has no MPI module (no libopenmpi-dev): nqi-mpi is not tested"

# 2. lintian: errors fail the test, warnings are shown
say "lintian"
lintian --fail-on error --tag-display-limit 0 "${debs[@]}" ${mpi_deb:+"$mpi_deb"} ||
    fail "lintian reports errors (above)"

# 3. A minimal Debian 12 root
base="$cache/bookworm-minbase.tar"
if [[ ! -f "$base" ]]; then
    say "debootstrap of Debian 12 (minbase) from $mirror, cached as $base"
    rm -rf "$cache/bootstrap"
    if ! debootstrap --variant=minbase --cache-dir="$cache/archives" bookworm "$cache/bootstrap" "$mirror" \
        >"$cache/debootstrap.log" 2>&1; then
        tail -n 20 "$cache/debootstrap.log" >&2
        rm -rf "$cache/bootstrap"
        if ! getent hosts "$(echo "$mirror" | sed 's|^[a-z]*://\([^/:]*\).*|\1|')" >/dev/null; then
            skip "the Debian mirror $mirror cannot be reached from here"
        fi
        fail "debootstrap failed (log: $cache/debootstrap.log)"
    fi
    tar -C "$cache/bootstrap" -cf "$base.tmp" . && mv "$base.tmp" "$base"
    rm -rf "$cache/bootstrap"
fi

work=$(mktemp -d "$cache/run.XXXXXX") # this run's root and listings (runs may overlap)
chroot_dir="$work/root"
mkdir "$chroot_dir"
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[i]}" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -C "$chroot_dir" -xf "$base"
chroot "$chroot_dir" /bin/true 2>/dev/null || skip "chroot is not permitted here"
if mount -t proc proc "$chroot_dir/proc" 2>/dev/null; then
    mounted+=("$chroot_dir/proc")
else
    say "note: /proc cannot be mounted in the test root; going on without it"
fi
# Open MPI's hwloc reads the machine's topology from /sys.
if mount -t sysfs -o ro sysfs "$chroot_dir/sys" 2>/dev/null; then
    mounted+=("$chroot_dir/sys")
fi
mount --bind "$cache/archives" "$chroot_dir/var/cache/apt/archives" &&
    mounted+=("$chroot_dir/var/cache/apt/archives")
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true
printf 'deb %s bookworm main\n' "$mirror" >"$chroot_dir/etc/apt/sources.list"
mkdir -p "$chroot_dir/tmp/packages"
cp "${debs[@]}" ${mpi_deb:+"$mpi_deb"} "$chroot_dir/tmp/packages/"

in_root() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
# Every file of the root, apart from what apt, the kernel and logs change on their own (and
# /dev/shm, where MPI keeps its shared memory while ranks run).
listing() {
    (cd "$chroot_dir" && find . -xdev \( -path ./proc -o -path ./tmp -o -path ./var/cache -o \
        -path ./var/lib/apt -o -path ./var/lib/dpkg -o -path ./var/log -o -path ./root -o \
        -path ./dev/shm \) -prune \
        -o -print | LC_ALL=C sort)
}

say "apt-get update in the fresh root"
in_root apt-get update -qq >/dev/null || fail "apt-get update in the test root failed (mirror $mirror)"

# 4. Install as a user would. First what the packages ask for (Depends and Recommends, as apt
#    installs them by default) with what every desktop has (desktop-file-utils keeps the
#    MIME -> program cache), so the root can then be listed with everything but our own files;
#    then the packages themselves: apt install ./nqi_*.deb ./nqi-workbench_*.deb (nqi-mpi comes
#    later, after nqi --mpi was tried without it). Open MPI (nqi-mpi's Depends and Recommends)
#    is among the requirements, so that without nqi-mpi only nqi's own module is missing.
requirements=$(
    for deb in "${debs[@]}" ${mpi_deb:+"$mpi_deb"}; do
        for field in Depends Recommends; do
            dpkg-deb -f "$deb" "$field" | tr ',' '\n'
        done
    done | sed 's/^ *//; s/ *$//' | grep -v -e '^$' -e '^nqi ' | sort -u | paste -sd ',' | sed 's/,/, /g'
)
say "apt-get satisfy: what the packages depend on and recommend"
start=$SECONDS
in_root apt-get satisfy -y -q -o Dpkg::Use-Pty=0 "$requirements, desktop-file-utils" \
    >"$build/test-install-apt.log" 2>&1 ||
    { tail -n 30 "$build/test-install-apt.log" >&2; fail "apt cannot satisfy the packages' dependencies"; }
say "$(grep -c '^Setting up' "$build/test-install-apt.log") packages set up in $((SECONDS - start)) s"
listing >"$work/before.txt"

say "apt install of both packages"
in_root apt-get install -y -q -o Dpkg::Use-Pty=0 \
    "/tmp/packages/$(basename "${debs[0]}")" "/tmp/packages/$(basename "${debs[1]}")" \
    >"$build/test-install-apt2.log" 2>&1 ||
    { tail -n 30 "$build/test-install-apt2.log" >&2; fail "apt could not install the packages"; }
set_up=$(sed -n 's/^Setting up \([^ :]*\).*/\1/p' "$build/test-install-apt2.log" | sort | paste -sd ' ')
[[ "$set_up" == "nqi nqi-workbench" ]] ||
    fail "apt set up '$set_up'; expected exactly nqi and nqi-workbench (dependencies missing from the lists?)"
say "installed: $set_up"

sample=/usr/share/nqi-workbench/samples/east-data-west-computing.gpkg
out=$(in_root nqi --version) || fail "nqi --version failed"
[[ "$out" == "nqi $version" ]] || fail "nqi --version printed '$out', expected 'nqi $version'"
say "nqi --version: $out"

out=$(in_root nqi info "$sample") || fail "nqi info on the installed sample failed: $out"
grep -q "East Data, West Computing" <<<"$out" || fail "nqi info does not name the sample project: $out"
say "nqi info: $(grep -m 3 -iE 'sites|links' <<<"$out" | tr -s ' ' | paste -sd ';')"

out=$(in_root nqi plan route "$sample" --json) || fail "nqi plan route on the installed sample failed"
grep -q '"maxUtilization"' <<<"$out" || fail "nqi plan route --json gave no maxUtilization: ${out:0:400}"
say "nqi plan route: $(grep -o '"maxUtilization": *[0-9.e+-]*' <<<"$out" | head -n 1)"

in_root nqi config "$sample" --dialect frr -o /tmp/configs --no-save >/dev/null 2>&1 ||
    fail "nqi config on the installed sample failed"
[[ -f "$chroot_dir/tmp/configs/README.md" ]] || fail "nqi config wrote no README.md"
say "nqi config: $(find "$chroot_dir/tmp/configs" -name frr.conf | wc -l) FRR configurations"

app_id=org.nqiworkbench.Workbench
for file in /usr/share/applications/$app_id.desktop /usr/share/metainfo/$app_id.metainfo.xml \
    /usr/share/mime/packages/$app_id.xml /usr/share/icons/hicolor/scalable/apps/$app_id.svg \
    /usr/share/icons/hicolor/48x48/apps/$app_id.png /usr/share/icons/hicolor/256x256/apps/$app_id.png \
    /usr/share/man/man1/nqi.1.gz /usr/share/man/man1/nqi-workbench.1.gz \
    /usr/share/doc/nqi/copyright /usr/share/doc/nqi-workbench/changelog.gz \
    /usr/share/nqi-workbench/templates/frr.conf.mustache; do
    [[ -s "$chroot_dir$file" ]] || fail "$file is not installed"
done
grep -q '^Exec=nqi-workbench %f' "$chroot_dir/usr/share/applications/$app_id.desktop" ||
    fail "the desktop entry does not open files"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$chroot_dir/usr/share/applications/$app_id.desktop" ||
        fail "desktop-file-validate rejects the desktop entry"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$chroot_dir/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null ||
        fail "appstreamcli rejects the metainfo"
fi
if [[ -d "$chroot_dir/usr/share/mime/application" ]]; then
    [[ -f "$chroot_dir/usr/share/mime/application/geopackage+sqlite3.xml" ]] ||
        fail "the MIME database does not know GeoPackage projects after the install"
    say "MIME type application/geopackage+sqlite3 registered"
fi
# On desktops desktop-file-utils keeps the MIME -> program cache (a minimal root may lack it).
if [[ -x "$chroot_dir/usr/bin/update-desktop-database" ]]; then
    grep -q "geopackage+sqlite3=$app_id.desktop" "$chroot_dir/usr/share/applications/mimeinfo.cache" 2>/dev/null ||
        fail "the desktop database does not open GeoPackage projects with the workbench"
    say "double-clicking a .gpkg opens $app_id.desktop"
fi
zcat "$chroot_dir/usr/share/man/man1/nqi.1.gz" | grep -q 'plan' || fail "the nqi man page does not list its commands"

# The workbench on the offscreen platform: it must still run after 5 seconds.
in_root sh -c "QT_QPA_PLATFORM=offscreen nqi-workbench '$sample' >/tmp/workbench.log 2>&1 &
    echo \$! >/tmp/workbench.pid; sleep 5; kill -0 \$(cat /tmp/workbench.pid)" ||
    { cat "$chroot_dir/tmp/workbench.log" >&2; fail "the workbench did not stay up for 5 seconds"; }
in_root sh -c 'kill $(cat /tmp/workbench.pid); sleep 1'
if grep -qiE 'error|cannot|could not' "$chroot_dir/tmp/workbench.log"; then
    cat "$chroot_dir/tmp/workbench.log" >&2
    fail "the workbench printed errors while opening the sample"
fi
say "the workbench ran 5 s on the offscreen platform with the sample project open"

# MPI: without nqi-mpi, --mpi names the package to install; with it, two ranks (one process
# each, rank 0 merging) give the single run's result byte for byte.
if [[ -n "$mpi_deb" ]]; then
    set +e
    out=$(in_root nqi plan resilience "$sample" --mpi --json -o /tmp/mpi-missing.json 2>&1)
    code=$?
    set -e
    ((code == 1)) || fail "nqi --mpi without nqi-mpi exited $code, expected 1: $out"
    grep -q 'Install the nqi-mpi package' <<<"$out" ||
        fail "nqi --mpi without nqi-mpi does not say to install nqi-mpi: $out"
    [[ ! -e "$chroot_dir/tmp/mpi-missing.json" ]] || fail "nqi --mpi without nqi-mpi wrote a result"
    say "without nqi-mpi: $(head -c 120 <<<"$out")…"

    say "apt install of nqi-mpi"
    in_root apt-get install -y -q -o Dpkg::Use-Pty=0 "/tmp/packages/$(basename "$mpi_deb")" \
        >"$build/test-install-apt3.log" 2>&1 ||
        { tail -n 30 "$build/test-install-apt3.log" >&2; fail "apt could not install nqi-mpi"; }
    set_up=$(sed -n 's/^Setting up \([^ :]*\).*/\1/p' "$build/test-install-apt3.log" | sort | paste -sd ' ')
    [[ "$set_up" == "nqi-mpi" ]] || fail "apt set up '$set_up'; expected exactly nqi-mpi"

    in_root nqi plan resilience "$sample" --json -o /tmp/single.json ||
        fail "nqi plan resilience on the installed sample failed"
    # Shared memory and loopback TCP only (no network in the test root); at most 2 minutes.
    start=$SECONDS
    in_root sh -c "cd /tmp && OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_tcp_if_include=lo \
        OMPI_MCA_oob_tcp_if_include=lo timeout 120 mpirun --allow-run-as-root --oversubscribe \
        -np 2 nqi plan resilience '$sample' --mpi --json -o r.json" \
        >"$build/test-install-mpi.log" 2>&1 ||
        { cat "$build/test-install-mpi.log" >&2; fail "mpirun -np 2 nqi plan resilience --mpi failed in the test root"; }
    cmp "$chroot_dir/tmp/single.json" "$chroot_dir/tmp/r.json" ||
        fail "two MPI ranks gave another result than the single run"
    say "mpirun -np 2 nqi plan resilience --mpi: the single run's result, in $((SECONDS - start)) s"
fi

# 5. Remove again: purge, and compare the root with the listing taken before the install
ours=(nqi nqi-workbench)
[[ -z "$mpi_deb" ]] || ours+=(nqi-mpi)
files=$(in_root dpkg -L "${ours[@]}" | sort -u)
say "purging"
in_root apt-get purge -y -q "${ours[@]}" >"$build/test-install-purge.log" 2>&1 ||
    { cat "$build/test-install-purge.log" >&2; fail "apt-get purge failed"; }
left=$(in_root dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' "${ours[@]}" 2>/dev/null |
    grep -v '^un' || true)
[[ -z "$left" ]] || fail "dpkg still knows the packages: $left"
while IFS= read -r file; do
    [[ -n "$file" && ! -d "$chroot_dir$file" && -e "$chroot_dir$file" ]] && fail "$file is left behind"
done <<<"$files"
listing >"$work/after.txt"
extra=$(comm -13 "$work/before.txt" "$work/after.txt")
[[ -z "$extra" ]] || fail "left behind after the purge:
$extra"
missing=$(comm -23 "$work/before.txt" "$work/after.txt")
[[ -z "$missing" ]] || fail "the purge took away what was there before:
$missing"
grep -q 'geopackage+sqlite3' "$chroot_dir/usr/share/applications/mimeinfo.cache" 2>/dev/null &&
    fail "the desktop database still opens GeoPackages with the removed workbench"
say "nothing left behind; PASSED"
