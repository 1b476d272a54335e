#!/bin/bash
# harness-lost.t -- under -shuffle and -ci no result disappears when the
# runner runs out of memory recording it: the Nth allocation call of the
# runner fails (ESCBENCH_FAIL_ALLOC=N, every N up to 130; such a run makes
# about 100 calls), and a run either reports every repetition and ends PASS
# with exit 0, or names what it lost ("--- FAIL: BenchmarkZero...", or a
# message on stderr) and exits non-zero.  -isolate=false, so that the
# benchmark and the bookkeeping share the one process whose Nth call fails
# (with a worker, the worker's own failure would hide the runner's); the
# bookkeeping (runner_deliver) is the same code.
. "$(dirname "$0")/lib.sh"

S=$PROGS/alloc_suite
if [ "$("$PROGS/alloc_failenv")" = "hooks: off" ]; then
	skip_all "allocation hooks not in use (ASan build, or malloc redirected)"
fi

# -ci shares the discovery with -shuffle: it tries only the calls after it
# (from 60 on), which keeps the test short.
MAXN=130
for mode in "-shuffle 1 -count 3" "-ci 0.0001% -count 3 -maxcount 3"; do
	silent= nomsg= crash= hit_list= hit_rec= clean=
	case $mode in -ci*) MINN=60 ;; *) MINN=1 ;; esac
	for N in $(seq $MINN $MAXN); do
		# shellcheck disable=SC2086 # $mode is a list of flags
		ESCBENCH_FAIL_ALLOC=$N "$S" -bench Zero -isolate=false -benchtime 1x \
			-counters none $mode >"$TMP/o" 2>"$TMP/e"
		rc=$?
		got=$(grep -c '^BenchmarkZero' "$TMP/o")
		last=$(tail -1 "$TMP/o")
		if [ $rc -ge 128 ]; then crash="$crash $N"
		elif [ $rc = 0 ] && { [ "$got" != 3 ] || grep -q '^--- FAIL' "$TMP/o" ||
			[ "$last" != PASS ]; }; then silent="$silent $N:$got"
		elif [ $rc != 0 ] && ! grep -q '^--- FAIL: BenchmarkZero' "$TMP/o" &&
			! grep -q . "$TMP/e"; then nomsg="$nomsg $N"
		fi
		# The two places a result was lost, each named in a FAIL run.
		if [ $rc = 1 ] && [ "$last" = FAIL ]; then
			grep -q '^    out of memory listing it to run: not run$' "$TMP/o" && hit_list=$N
			grep -q '^    out of memory recording its result: no more runs$' "$TMP/o" &&
				hit_rec=$N
		fi
		[ $N = $MAXN ] && [ $rc = 0 ] && [ "$got" = 3 ] && clean=yes
	done
	is "$crash" "" "$mode: no crash for N=$MINN..$MAXN"
	is "$silent" "" "$mode: exit 0 only with all 3 results and PASS (failing N:results)"
	is "$nomsg" "" "$mode: every non-zero exit names the lost benchmark or says why"
	[ $MINN = 1 ] && ok "$([ -n "$hit_list" ]; echo $?)" \
		"$mode: a leaf found but not listed to run: --- FAIL naming it, FAIL, exit 1 (N=$hit_list)"
	ok "$([ -n "$hit_rec" ]; echo $?)" \
		"$mode: a result whose sample is not kept: --- FAIL naming it, FAIL, exit 1 (N=$hit_rec)"
	is "${clean:-no}" yes "$mode: N=$MAXN is past the run's allocation calls (the range covers them)"
done
done_testing
