#!/bin/bash
# counters-unprivileged.t -- counting as an ordinary user (uid 65534 when
# run as root, else the user running it).  With perf_event_paranoid 2 (the
# default; 3 and 4 act as 2 on upstream kernels) an unprivileged process may count its
# own user-mode events only: page faults still count (the faulting context is
# the user's), but a context switch happens in the kernel and would read 0,
# so escbench refuses it with the reason instead of reporting a false 0.
. "$(dirname "$0")/lib.sh"

S=$PROGS/counters_suite
P=$BUILD/tests/test_counters_probe
[ -x "$S" ] && [ -x "$P" ] || skip_all "counters_suite or test_counters_probe not built"
par=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null)
case $par in
2|3|4) ;;
*) skip_all "perf_event_paranoid is '$par', not 2, 3 or 4" ;;
esac
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null || skip_all "no setpriv"
	# The programs are copied where uid 65534 can reach them: the clone
	# may be in a home directory others cannot enter.
	pub=$(mktemp -d /tmp/escbench-unpriv.XXXXXX) || exit 1
	trap 'rm -rf "$TMP" "$pub"' EXIT
	chmod 755 "$pub" && cp "$S" "$P" "$pub/" && chmod 755 "$pub"/* || exit 1
	S=$pub/${S##*/} P=$pub/${P##*/}
	as_nobody() { (cd / && setpriv --reuid=65534 --regid=65534 --clear-groups "$@"); }
	as_nobody true 2>/dev/null || skip_all "cannot run as uid 65534"
else
	# Already an ordinary user.
	as_nobody() { "$@"; }
fi

as_nobody "$P" >"$TMP/probe" 2>&1
is "$?" 0 "the probe unit tests pass unprivileged"
like "$(cat "$TMP/probe")" 'ok [0-9]+ - user mode only: context switches refused, with the reason' \
	"they see context switches refused"

as_nobody "$S" -bench 'FreshPages$' -benchtime 10x -counters perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES \
	>"$TMP/out" 2>"$TMP/err"
is "$?" 0 "unprivileged run: exit 0"
like "$(cat "$TMP/err")" \
	"counters: perf::CONTEXT-SWITCHES not counted: perf_event_open: Permission denied \\(perf_event_paranoid $par allows user mode only; this event happens in the kernel\\)" \
	"the note says why context switches are not counted"
line=$(grep '^BenchmarkFreshPages' "$TMP/out")
if [ -n "${ESCBENCH_SAN:-}" ]; then
	like "$line" '[0-9.]+ page-faults/op' "page faults still count (ASan: count not checked)"
else
	like "$line" '[[:space:]]257\.0 page-faults/op' "page faults still count in user mode: 257.0 per 1 MiB"
fi
ok "$(printf '%s\n' "$line" | grep -q 'context-switches/op'; [ $? = 1 ]; echo $?)" "no context-switches/op, not a false 0"

done_testing
