#!/bin/sh
# setup.sh -- install what escbench needs to build, test and benchmark.
#
# Checks each Debian package below and installs the missing ones with
# apt-get: directly when run as root, through sudo when that works without a
# password prompt, otherwise it prints the exact command and stops (exit 1).
# Silent, and quick, when everything is present.  `make test`, `make bench`
# and .ci/run call it; run it yourself with -v to see the list.
#
# Usage: scripts/setup.sh [-v] [-n]     -v: list what is checked; -n: only check

set -u
verbose=0 dry=0
for a in "$@"; do
	case $a in
	-v) verbose=1 ;;
	-n) dry=1 ;;
	*) echo "usage: scripts/setup.sh [-v] [-n]" >&2; exit 2 ;;
	esac
done

# package                 why
need='
gcc                       compiler
make                      build
pkg-config                build
libc6-dev                 build
binutils                  addr2line names allocation sites
libgsl-dev                statistics (escstat, escplot)
libpapi-dev               hardware and software counters
papi-tools                papi_avail, for the reader
gnuplot-nox               charts (pngcairo and svg terminals)
libjemalloc2              tests under LD_PRELOAD of jemalloc
libmimalloc2.0            tests under LD_PRELOAD of mimalloc
libtcmalloc-minimal4      timing under tcmalloc
perl                      prove, the test runner
procps                    pgrep: the tests check no process is left behind
valgrind                  escstat tests under valgrind
clang                     libFuzzer targets
libclang-rt-14-dev        libFuzzer runtime
libxml2-utils             xmllint checks the SVG charts
'

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "setup: no dpkg here; install by hand: a C compiler, make, pkg-config, GSL, PAPI, gnuplot, perl (prove), procps (pgrep)" >&2
	exit 0
fi

missing=
for p in $(printf '%s\n' "$need" | awk 'NF {print $1}'); do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case $st in
	*"install ok installed"*) [ $verbose = 1 ] && echo "setup: ok       $p" >&2 ;;
	*) missing="$missing $p"; [ $verbose = 1 ] && echo "setup: missing  $p" >&2 ;;
	esac
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
if [ $dry = 1 ]; then
	echo "setup: missing:$missing" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo "
else
	echo "setup: these packages are missing:$missing" >&2
	echo "setup: run as root (or with sudo):  apt-get update && $line" >&2
	exit 1
fi
echo "setup: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
${sudo}apt-get update -qq >&2 || { echo "setup: apt-get update failed" >&2; exit 1; }
${sudo}apt-get install -y -qq --no-install-recommends $missing >&2 || {
	echo "setup: apt-get install failed; try:  ${sudo}apt-get update && ${sudo}$line" >&2
	exit 1
}
exit 0
