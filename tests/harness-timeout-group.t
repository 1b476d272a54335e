#!/usr/bin/env bash
# harness-timeout-group.t -- -timeout kills what the benchmark started too:
# BenchmarkOrphan (tests/progs/runner_orphan.c) forks a grandchild that
# sleeps 30 s holding the runner's stdout, then hangs.  After -timeout 1s
# the whole process group of the benchmark's child is killed, so
# `runner | cat` ends in about a second instead of waiting 30 s for the
# grandchild, and the grandchild is gone.  With a child per benchmark and
# with the worker of -shuffle.
. "$(dirname "$0")/lib.sh"

O=$PROGS/runner_orphan
P=$(nproc)
if [ "$P" = 1 ]; then SUF=; else SUF="-$P"; fi

for mode in "" "-shuffle 1"; do
	name=${mode:-"a child per benchmark"}
	: >"$TMP/pids"
	t0=$(date +%s%N)
	# shellcheck disable=SC2086 # $mode is a list of flags
	ORPHAN_PID_FILE=$TMP/pids "$O" -bench . -benchtime 10x -timeout 1s -counters none $mode \
		2>"$TMP/err" | cat >"$TMP/out"
	rc=${PIPESTATUS[0]}
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	is "$rc" 1 "$name: exit 1 (a benchmark timed out)"
	is "$(grep -A1 '^--- FAIL: BenchmarkOrphan' "$TMP/out")" "--- FAIL: BenchmarkOrphan
    timed out after 1s (-timeout 1s)" "$name: the timeout reported"
	is "$(grep -c "^BenchmarkGood$SUF " "$TMP/out")" 1 "$name: the good result kept"
	ok "$([ $ms -lt 15000 ]; echo $?)" \
		"$name: runner | cat ends after the timeout, not after the grandchild's 30 s ($ms ms)"
	left=
	# Alive: neither gone nor a zombie (an init that does not reap, as in
	# some containers, leaves the killed grandchild a zombie).
	for pid in $(cat "$TMP/pids"); do
		st=$(ps -o stat= -p "$pid" 2>/dev/null)
		case $st in ""|Z*) ;; *) left="$left $pid" ;; esac
	done
	is "$(wc -l <"$TMP/pids")" 1 "$name: the grandchild was started (its pid recorded)"
	is "$left" "" "$name: the grandchild was killed with the benchmark's process group"
	# Clean up after a failing run.
	for pid in $left; do kill "$pid" 2>/dev/null; done
done
done_testing
