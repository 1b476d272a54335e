#!/bin/bash
# setup.t -- scripts/setup.sh on made-up machines: SETUP_STATUS feeds it a
# dpkg-query listing, -n makes it say what it would install and how (as
# root, through sudo with or without a password, or not at all) instead of
# doing it.  Fake `id` and `sudo` programs first in PATH play the user.
. "$(dirname "$0")/lib.sh"

SETUP=$TOP/scripts/setup.sh
build_pkgs='gcc libc6-dev make pkg-config binutils libgsl-dev libjson-c-dev libpapi-dev papi-tools gnuplot-nox'
test_pkgs='g++ perl procps libjemalloc2 libmimalloc2.0 libtcmalloc-minimal4 libxml2-utils groff-base util-linux libbenchmark-dev'

# status FILE PKG...: a dpkg-query listing with PKG... installed.
status() {
	f=$1; shift
	: >"$f"
	for p in "$@"; do echo "$p install ok installed" >>"$f"; done
}
# as UID SUDO CMD...: run CMD with `id -u` printing UID and, when SUDO is
# "nopw" or "pw", a sudo that runs without a password or refuses -n.
as() {
	d=$TMP/fake-$1-$2
	mkdir -p "$d"
	printf '#!/bin/sh\n[ "$1" = -u ] && { echo %s; exit 0; }\nexec /usr/bin/id "$@"\n' "$1" >"$d/id"
	case $2 in
	nopw) printf '#!/bin/sh\nexit 0\n' >"$d/sudo" ;;
	pw) printf '#!/bin/sh\n[ "$1" = -n ] && exit 1\nexit 0\n' >"$d/sudo" ;;
	none) ;;
	esac
	chmod +x "$d"/*
	shift 2
	PATH=$d:/usr/bin:/bin "$@"
}

# --- a minimal Debian: nothing of ours installed ------------------------------------
status "$TMP/none"
SETUP_STATUS=$TMP/none as 0 none sh "$SETUP" -n >"$TMP/out" 2>"$TMP/err"
is "$?" 1 "minimal machine, no group: exit 1 (something is missing)"
is "$(cat "$TMP/err")" "setup: missing (build): $build_pkgs
setup: would run: apt-get update && apt-get install -y --no-install-recommends $build_pkgs" \
	"no group means build: its packages, and apt-get as root"
is "$(cat "$TMP/out")" "" "nothing on stdout"

SETUP_STATUS=$TMP/none as 0 none sh "$SETUP" -n build test valgrind >/dev/null 2>"$TMP/err"
is "$(cat "$TMP/err")" "setup: missing (build): $build_pkgs
setup: missing (test): $test_pkgs
setup: missing (valgrind): valgrind
setup: would run: apt-get update && apt-get install -y --no-install-recommends $build_pkgs $test_pkgs valgrind" \
	"make test's groups: each group's missing packages, one command for all"

SETUP_STATUS=$TMP/none as 0 none sh "$SETUP" -n test >/dev/null 2>"$TMP/err2"
same_file "$TMP/err2" "$TMP/err" "test alone brings build and valgrind: the same"
SETUP_STATUS=$TMP/none as 0 none sh "$SETUP" -n san >/dev/null 2>"$TMP/err2"
like "$(head -2 "$TMP/err2" | cut -d: -f1-2 | tr '\n' ' ')" '^setup: missing \(build\) setup: missing \(san\) $' \
	"san brings build"

SETUP_STATUS=$TMP/none as 0 none sh "$SETUP" -n all >/dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" '^setup: missing \(build\): .*
setup: missing \(test\): .*
setup: missing \(valgrind\): valgrind
setup: missing \(san\): clang libclang-rt-14-dev
setup: missing \(go\): golang-go
setup: would run: ' "all: every group, san and go included"

# --- what each target installs: bench needs no clang, valgrind, go or test tools --
status "$TMP/built" $build_pkgs
SETUP_STATUS=$TMP/built as 0 none sh "$SETUP" -n build >"$TMP/out" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:" "build group present: exit 0, silent"
SETUP_STATUS=$TMP/built as 0 none sh "$SETUP" -n san >/dev/null 2>"$TMP/err"
is "$(head -1 "$TMP/err")" "setup: missing (san): clang libclang-rt-14-dev" \
	"san on a build machine: clang and its runtime only"
SETUP_STATUS=$TMP/built as 0 none sh "$SETUP" -n go >/dev/null 2>"$TMP/err"
is "$(head -1 "$TMP/err")" "setup: missing (go): golang-go" "go: golang-go only"

# A package removed but not purged is not installed.
status "$TMP/rc" $build_pkgs
sed -i 's/^gnuplot-nox install ok installed$/gnuplot-nox deinstall ok config-files/' "$TMP/rc"
SETUP_STATUS=$TMP/rc as 0 none sh "$SETUP" -n >/dev/null 2>"$TMP/err"
is "$(head -1 "$TMP/err")" "setup: missing (build): gnuplot-nox" \
	"a package in state config-files counts as missing"

# --- as an ordinary user ---------------------------------------------------------
status "$TMP/nog" $build_pkgs $test_pkgs valgrind
sed -i '/^perl /d' "$TMP/nog"
SETUP_STATUS=$TMP/nog as 1000 none sh "$SETUP" test >"$TMP/out" 2>"$TMP/err" </dev/null
is "$?" 1 "no root, no sudo: exit 1"
is "$(cat "$TMP/err")" "setup: these packages are missing: perl
setup: run as root (or with sudo):  apt-get update && apt-get install -y --no-install-recommends perl" \
	"no root, no sudo: the exact command to run"
SETUP_STATUS=$TMP/nog as 1000 nopw sh "$SETUP" -n test >/dev/null 2>"$TMP/err" </dev/null
is "$(tail -1 "$TMP/err")" "setup: would run: sudo apt-get update && sudo apt-get install -y --no-install-recommends perl" \
	"sudo without a password: used"
SETUP_STATUS=$TMP/nog as 1000 pw sh "$SETUP" -n test >/dev/null 2>"$TMP/err" </dev/null
is "$(tail -1 "$TMP/err")" "setup: run as root (or with sudo):  apt-get update && apt-get install -y --no-install-recommends perl" \
	"sudo wanting a password, no terminal: not tried, the command is printed"
if command -v script >/dev/null 2>&1; then
	SETUP_STATUS=$TMP/nog as 1000 pw script -qec "sh $SETUP -n test" /dev/null >"$TMP/tty" 2>&1 </dev/null
	like "$(tr -d '\r' <"$TMP/tty")" 'setup: would run: sudo apt-get update && sudo apt-get install -y --no-install-recommends perl' \
		"sudo wanting a password, stdin a terminal: sudo asks for it"
else
	skip "no script(1) to give setup a terminal"
fi

# --- usage ---------------------------------------------------------------------------
sh "$SETUP" -n bogus >/dev/null 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "2:setup: unknown group 'bogus' (groups: build test valgrind san go, all)" \
	"an unknown group: usage error"
is "$(sh "$SETUP" -l | awk '{print $1}' | uniq | tr '\n' ' ')" "build test valgrind san go " \
	"-l lists the groups in order"

# --- the packages exist in this machine's Debian ------------------------------------------
if command -v apt-cache >/dev/null 2>&1 && apt-cache show gcc >/dev/null 2>&1; then
	all=$(sh "$SETUP" -l | awk '{print $2}' | sort)
	known=$(apt-cache show --no-all-versions $all 2>/dev/null | sed -n 's/^Package: //p' | sort -u)
	is "$(printf '%s\n' "$all" | comm -23 - <(printf '%s\n' "$known") | tr '\n' ' ')" "" \
		"every package of setup.sh is known to apt"
else
	skip "no apt package lists here"
fi

done_testing
