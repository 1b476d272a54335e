# lib.sh -- shared helpers for the shell tests (tests/*.t), which print TAP.
# Source it: `. "$(dirname "$0")/lib.sh"`.  The programs are found through
# $BIN (default bin/) and helper programs through $BUILD/tests/progs, so the
# same tests run on the sanitizer build (make san).
set -u
T_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$T_DIR/.." && pwd)
BIN=${BIN:-$TOP/bin}
BUILD=${BUILD:-$TOP/build}
PROGS=$BUILD/tests/progs
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
t_n=0 t_fail=0

# ok COND-STATUS DESCRIPTION: pass when the status (0) is true.
ok() {
	t_n=$((t_n + 1))
	if [ "$1" = 0 ]; then echo "ok $t_n - $2"
	else echo "not ok $t_n - $2"; t_fail=$((t_fail + 1)); fi
}
# is GOT WANT DESCRIPTION
is() {
	t_n=$((t_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $t_n - $3"
	else
		echo "not ok $t_n - $3"; t_fail=$((t_fail + 1))
		printf '#   got: %s\n#  want: %s\n' "$1" "$2"
	fi
}
# same_file GOT WANT DESCRIPTION: byte-identical files, diff on failure
same_file() {
	t_n=$((t_n + 1))
	if cmp -s "$1" "$2"; then echo "ok $t_n - $3"
	else
		echo "not ok $t_n - $3"; t_fail=$((t_fail + 1))
		diff -u "$2" "$1" | head -30 | sed 's/^/# /'
	fi
}
# like TEXT ERE DESCRIPTION
like() {
	t_n=$((t_n + 1))
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then echo "ok $t_n - $3"
	else
		echo "not ok $t_n - $3"; t_fail=$((t_fail + 1))
		printf '%s\n' "$1" | head -10 | sed 's/^/#   got: /'
		printf '#  want (ERE): %s\n' "$2"
	fi
}
skip() { t_n=$((t_n + 1)); echo "ok $t_n # SKIP $1"; }
# skip_all REASON: the whole file is skipped (TAP's "1..0 # SKIP"), status 0.
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() { echo "1..$t_n"; [ $t_fail = 0 ]; }

# each_allocator FN: for jemalloc, mimalloc and tcmalloc, call
# `FN NAME LIBRARY` (LIBRARY a path for LD_PRELOAD) when it is installed
# in $LIBDIR, and count a skip when it is not.
LIBDIR=${LIBDIR:-/usr/lib/$(cc -print-multiarch 2>/dev/null)}
each_allocator() {
	local a name so
	for a in jemalloc:libjemalloc.so.2 mimalloc:libmimalloc.so.2 \
		tcmalloc:libtcmalloc_minimal.so.4; do
		name=${a%%:*} so=${a#*:}
		if [ ! -e "$LIBDIR/$so" ]; then
			skip "$name: $LIBDIR/$so not installed"
			continue
		fi
		"$1" "$name" "$LIBDIR/$so"
	done
}
