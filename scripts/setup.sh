#!/bin/sh
# setup.sh -- install the Debian packages escbench needs, by group.
#
# Needs only sh, dpkg-query and apt-get: it is how a fresh machine gets
# make.  Each group serves some targets:
#
#   build     make, make bench (compiler, make, GSL, PAPI, gnuplot)
#   test      make test (C++ compiler, allocators to preload, prove, ...)
#   valgrind  the escstat test under valgrind (part of make test)
#   san       make fuzz (clang and its libFuzzer runtime)
#   go        make bench-go (the Go twins of the suite)
#
# With no group it sets up `build`; `test` brings `build` and `valgrind`,
# `san` brings `build`.  The missing packages of the groups asked
# for are installed with apt-get: directly when run as root, else through
# sudo -- which asks for a password when stdin is a terminal and must not
# need one otherwise --, else it prints the exact command and stops (exit 1).
# Silent, and quick, when everything is present.  `make test`, `make bench`
# and .ci/run call it.
#
# Usage: scripts/setup.sh [-v] [-n] [-l] [group...]
#   -v  list each package checked, with its state
#   -n  dry run: say what is missing and the command that would install it
#       (exit 1 when something is missing, 0 when nothing is)
#   -l  list the groups and their packages, then exit
#   all  every group
# Environment: SETUP_STATUS=file reads the package states from file (lines
# "package status...", as `dpkg-query -W -f '${Package} ${Status}\n'` prints
# them) instead of asking dpkg-query: with -n, tests/setup.t checks the
# grouping on made-up machines.

set -u

# group  package                 why
need='
build   gcc                      compiler
build   libc6-dev                C library headers
build   make                     build
build   pkg-config               PAPI flags; escbench.pc for your suites
build   binutils                 addr2line names allocation sites
build   libgsl-dev               statistics (escstat, escplot) and the unit tests
build   libjson-c-dev            Google Benchmark JSON (escstat, escplot)
build   libpapi-dev              hardware and software counters
build   papi-tools               papi_avail, for the reader
build   gnuplot-nox              charts (pngcairo and svg terminals)
test    g++                      the C++ benchmark and the header under C++11..20
test    perl                     prove, the test runner
test    procps                   pgrep: the tests check no process is left behind
test    libjemalloc2             tests under LD_PRELOAD of jemalloc
test    libmimalloc2.0           tests under LD_PRELOAD of mimalloc
test    libtcmalloc-minimal4     tests under LD_PRELOAD of tcmalloc
test    libxml2-utils            xmllint checks the SVG charts
test    groff-base               the man pages render without warnings
test    util-linux               setpriv: tests as an ordinary user
test    libbenchmark-dev         Google Benchmark, compared with escbench
valgrind valgrind                escstat tests under valgrind
san     clang                    libFuzzer targets
san     libclang-rt-14-dev       libFuzzer runtime
go      golang-go                the Go twins (make bench-go)
'
groups_all='build test valgrind san go'

verbose=0 dry=0 list=0 groups=
for a in "$@"; do
	case $a in
	-v) verbose=1 ;;
	-n) dry=1 ;;
	-l) list=1 ;;
	-*) echo "usage: scripts/setup.sh [-v] [-n] [-l] [group...]" >&2; exit 2 ;;
	all) groups=$groups_all ;;
	*)
		case " $groups_all " in
		*" $a "*) groups="$groups $a" ;;
		*) echo "setup: unknown group '$a' (groups: $groups_all, all)" >&2; exit 2 ;;
		esac
		;;
	esac
done
[ -n "$groups" ] || groups=build
# A group brings what its targets need besides: make test needs the build
# and valgrind groups, make fuzz the build group.  Groups go in the order
# of groups_all, each once.
case " $groups " in *" test "*) groups="$groups build valgrind" ;; esac
case " $groups " in *" san "*) groups="$groups build" ;; esac
sel=$groups groups=
for g in $groups_all; do
	case " $sel " in *" $g "*) groups="$groups $g" ;; esac
done

if [ $list = 1 ]; then
	printf '%s\n' "$need" | awk 'NF { $1 = sprintf("%-9s", $1); $2 = sprintf("%-22s", $2); print }'
	exit 0
fi

# pkgs GROUP: the packages of GROUP, one a line.
pkgs() {
	printf '%s\n' "$need" | awk -v g="$1" '$1 == g { print $2 }'
}

# The states of all packages, "name status...", one a line.
if [ -n "${SETUP_STATUS:-}" ]; then
	states=$(cat "$SETUP_STATUS") || exit 1
elif command -v dpkg-query >/dev/null 2>&1; then
	states=$(dpkg-query -W -f='${Package} ${Status}\n' $(printf '%s\n' "$need" | awk 'NF { print $2 }') 2>/dev/null)
else
	echo "setup: no dpkg here; install by hand: a C and a C++ compiler, make, pkg-config, GSL, json-c, PAPI, gnuplot, perl (prove), procps (pgrep)" >&2
	exit 0
fi

installed=" $(printf '%s\n' "$states" | awk '/ install ok installed/ { printf "%s ", $1 }')"
missing=
for g in $groups; do
	gm=
	for p in $(pkgs "$g"); do
		if case $installed in *" $p "*) true ;; *) false ;; esac; then
			[ $verbose = 1 ] && echo "setup: ok       $g $p" >&2
		else
			[ $verbose = 1 ] && echo "setup: missing  $g $p" >&2
			case " $missing " in *" $p "*) ;; *) gm="$gm $p" ;; esac
		fi
	done
	[ -n "$gm" ] && [ $dry = 1 ] && echo "setup: missing ($g):$gm" >&2
	missing="$missing$gm"
done
[ -z "$missing" ] && exit 0

line="apt-get install -y --no-install-recommends$missing"
# How to become root: directly, through sudo without a password, through
# sudo asking for one on the terminal, or not at all.
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo "
elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
	sudo="sudo "
else
	echo "setup: these packages are missing:$missing" >&2
	echo "setup: run as root (or with sudo):  apt-get update && $line" >&2
	exit 1
fi
if [ $dry = 1 ]; then
	echo "setup: would run: ${sudo}apt-get update && ${sudo}$line" >&2
	exit 1
fi
echo "setup: installing:$missing" >&2
${sudo}env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || {
	echo "setup: apt-get update failed" >&2; exit 1; }
${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2 || {
	echo "setup: apt-get install failed; try:  ${sudo}apt-get update && ${sudo}$line" >&2
	exit 1
}
exit 0
