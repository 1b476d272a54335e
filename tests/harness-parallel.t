#!/usr/bin/env bash
# harness-parallel.t -- bench_run_parallel, bench_set_parallelism, -cpu,
# bench_cleanup and bench_elapsed end to end, on tests/progs/parallel_suite.c
# (whose benchmarks check the split of n from inside and fail when it is
# wrong): names and columns byte for byte as go test prints them for
# -cpu 1,2,4; P threads per run; exact allocation counts from the threads;
# a crash, a bench_fail and an early return in a thread; cleanup order.
. "$(dirname "$0")/lib.sh"

S=$PROGS/parallel_suite
ESC=$BIN/escbench
export ESCBENCH_ALLOC_INLINE=0

# results FILE: the result lines only, "name<TAB>rest" with the name unpadded.
results() { grep '^Benchmark' "$1" | sed 's/ *	/	/'; }

# --- -cpu: names, order and widths as go test's ------------------------------
# tests/data/go-cpu-names.txt is the name and iteration columns of
#   go test -run '^$' -bench . -cpu 1,2,4 -count 2 -benchtime 1x
# (go1.19.8) on BenchmarkGood (an empty loop) and BenchmarkCleanup with one
# sub-benchmark "sub": no suffix for 1, the -cpu loop outside -count, the
# column as wide as Go makes it (the sub-benchmark widens it by 8).
"$S" -bench 'Good$|Cleanup$' -cpu 1,2,4 -count 2 -benchtime 1x -counters none \
	>"$TMP/cpu.out" 2>"$TMP/cpu.err"; rc=$?
is "$rc" 0 "-cpu 1,2,4 -count 2 exits 0"
grep '^Benchmark' "$TMP/cpu.out" | cut -f1,2 >"$TMP/cpu.names"
same_file "$TMP/cpu.names" "$T_DIR/data/go-cpu-names.txt" \
	"-cpu 1,2,4: names, order and column widths byte for byte as go test's"
# -cpu 1,16: a two-digit suffix widens the column by one more (go test
# -cpu 1,16, the same benchmarks: tests/data/go-cpu16-names.txt).
"$S" -bench 'Good$|Cleanup$' -cpu 1,16 -benchtime 1x -counters none 2>/dev/null |
	grep '^Benchmark' | cut -f1,2 >"$TMP/cpu16.names"
same_file "$TMP/cpu16.names" "$T_DIR/data/go-cpu16-names.txt" \
	"-cpu 1,16: the width from the largest value, byte for byte as go test's"
like "$(grep -c '^cleanup sub second$' "$TMP/cpu.err")" '^6$' "the sub-benchmark ran once per (P, repetition)"

# " 2, ,4 " is Go's parseCpuList too: blanks and empty items are skipped.
"$S" -bench 'Good$' -cpu ' 2, ,4 ' -benchtime 1x -counters none >"$TMP/blank.out" 2>&1
is "$(results "$TMP/blank.out" | cut -f1 | tr '\n' ' ')" "BenchmarkGood-2 BenchmarkGood-4 " \
	"-cpu ' 2, ,4 ': blanks and empty items skipped"
for bad in 0 -1 x 2,y 1.5; do
	"$S" -bench Good -cpu "$bad" >"$TMP/bad.out" 2>"$TMP/bad.err"; rc=$?
	is "$rc:$(head -1 "$TMP/bad.err")" \
		"2:parallel_suite: invalid value \"$bad\" for flag -cpu: want positive numbers separated by commas" \
		"-cpu $bad: usage error in Go's words"
done
is "$(wc -c <"$TMP/bad.out")" 0 "and nothing on stdout"
# The default is the CPUs usable, as before.
P=$(nproc)
if [ "$P" = 1 ]; then SUF=; else SUF="-$P"; fi
"$S" -bench 'Good$' -benchtime 1x -counters none >"$TMP/def.out" 2>&1
is "$(results "$TMP/def.out" | cut -f1)" "BenchmarkGood$SUF" "no -cpu: the suffix is the CPUs usable (-$P)"

# --- the split of n ------------------------------------------------------------
# BenchmarkSplit fails when the threads' iterations do not add up to b->n or
# a batch exceeds the grain; it reports how many threads ran as threads/run.
"$S" -bench 'Split' -cpu 1,2,3 -benchtime 1000x -counters none >"$TMP/split.out" 2>&1; rc=$?
is "$rc" 0 "Split and SplitTimes3 pass at -cpu 1,2,3, n=1000"
is "$(results "$TMP/split.out" | awk -F'\t' '{ split($4, m, " "); printf "%s %d %s;", $1, $2, m[1] }')" \
	"BenchmarkSplit 1000 1.000;BenchmarkSplit-2 1000 2.000;BenchmarkSplit-3 1000 3.000;BenchmarkSplitTimes3 1000 3.000;BenchmarkSplitTimes3-2 1000 6.000;BenchmarkSplitTimes3-3 1000 9.000;" \
	"P = the -cpu value threads, times 3 with bench_set_parallelism(3)"
# A ramped run: the grain then comes from the previous run's ns/op.
"$S" -bench 'Split$' -cpu 2 -benchtime 30ms -count 2 -counters none >"$TMP/ramp.out" 2>&1; rc=$?
is "$rc:$(results "$TMP/ramp.out" | wc -l)" "0:2" "Split passes with the ramp (n in the millions, grain from the last run)"
like "$(results "$TMP/ramp.out" | head -1)" '^BenchmarkSplit-2	 *[0-9]{5,}	' "and the ramp went past n=10000"

# --- allocation counting in the threads -----------------------------------------
if [ "$("$PROGS/alloc_probe")" = "hooks: off" ]; then
	for i in 1 2 3 4; do skip "allocation hooks not in use (ASan build)"; done
else
	want="BenchmarkMalloc16 16 1;BenchmarkMalloc16-2 16 1;BenchmarkMalloc16-3 16 1;"
	memcols() { results "$1" | awk -F'\t' '{ for (i = 3; i <= NF; i++) { split($i, m, " "); if (m[2] == "B/op") b = m[1]; if (m[2] == "allocs/op") a = m[1] } printf "%s %s %s;", $1, b, a }'; }
	"$S" -bench 'Malloc16' -cpu 1,2,3 -benchtime 1000x -counters none >"$TMP/m.out" 2>&1
	is "$(memcols "$TMP/m.out")" "$want" "malloc(16) per op on 1, 2, 3 threads: 16 B/op 1 allocs/op exactly (separate counting pass)"
	ESCBENCH_ALLOC_INLINE=1 "$S" -bench 'Malloc16' -cpu 1,2,3 -benchtime 1000x -counters none >"$TMP/mi.out" 2>&1
	is "$(memcols "$TMP/mi.out")" "$want" "the same counted inside the timed run"
	"$S" -bench 'Malloc16' -cpu 1,2,3 -benchtime 20ms -counters none >"$TMP/mr.out" 2>&1
	is "$(memcols "$TMP/mr.out")" "$want" "the same at a ramped n"
	"$S" -bench 'Malloc16' -cpu 2 -benchtime 1000x -counters none -isolate=false >"$TMP/mn.out" 2>&1
	is "$(memcols "$TMP/mn.out")" "BenchmarkMalloc16-2 16 1;" "the same without isolation"
fi

# --- failures in a thread -------------------------------------------------------
# ASan turns a segfault into a report and exit(1).
if [ -n "${ESCBENCH_SAN:-}" ]; then SEGV="exited with status 1 in the middle of the benchmark (exit called?)"
else SEGV="killed by signal 11 (Segmentation fault)"; fi
"$S" -bench 'Crash|FailInThread|EarlyExit|Good$' -cpu 2 -benchtime 1000x -counters none \
	>"$TMP/f.out" 2>"$TMP/f.err"; rc=$?
is "$rc" 1 "a suite with failing parallel benchmarks exits 1"
is "$(grep -A1 '^--- FAIL: BenchmarkCrash$' "$TMP/f.out")" "--- FAIL: BenchmarkCrash
    $SEGV" "a segfault in a worker thread is reported as any crash of the benchmark"
is "$(grep -A1 '^--- FAIL: BenchmarkFailInThread$' "$TMP/f.out")" "--- FAIL: BenchmarkFailInThread
    a pool thread gave up at n=1" "bench_fail in a pool thread fails the benchmark with its message"
is "$(grep -c 'not reached' "$TMP/f.err")" 0 "and the benchmark function does not go on after bench_run_parallel"
is "$(grep -A1 '^--- FAIL: BenchmarkEarlyExit-2$' "$TMP/f.out")" "--- FAIL: BenchmarkEarlyExit-2
    RunParallel: body exited without pb.Next() == false" "a body that stops early: Go's message"
like "$(results "$TMP/f.out")" '^BenchmarkGood-2	    1000	' "the benchmark after them is measured"
is "$(tail -1 "$TMP/f.out")" FAIL "FAIL at the end"
"$S" -bench 'FailInThread|Good$' -cpu 2 -benchtime 1000x -counters none -isolate=false \
	>"$TMP/fn.out" 2>&1; rc=$?
is "$rc:$(grep -c '^--- FAIL: BenchmarkFailInThread$' "$TMP/fn.out"):$(results "$TMP/fn.out" | cut -f1)" \
	"1:1:BenchmarkGood-2" "the same without isolation: the runner goes on"

# --- bench_cleanup, bench_elapsed ------------------------------------------------
"$S" -bench 'Cleanup$' -cpu 2 -benchtime 1x -counters none >"$TMP/c.out" 2>"$TMP/c.err"; rc=$?
is "$rc" 0 "Cleanup passes"
is "$(grep '^cleanup' "$TMP/c.err" | tr '\n' ';')" \
	"cleanup sub second;cleanup sub first;cleanup parent second;cleanup parent first;" \
	"cleanups run last first, the sub-benchmark's before its parent's"
"$S" -bench 'CleanupMany' -cpu 2 -benchtime 1x -counters none >"$TMP/cm.out" 2>"$TMP/cm.err"; rc=$?
is "$(grep '^cleanup' "$TMP/cm.err" | tr '\n' ' ')" \
	"cleanup m11 cleanup m10 cleanup m9 cleanup m8 cleanup m7 cleanup m6 cleanup m5 cleanup m4 cleanup m3 cleanup m2 cleanup m1 cleanup m0 " \
	"13 cleanups (more than the 8 kept inline), last first, past one that fails"
is "$rc:$(grep -A1 '^--- FAIL: BenchmarkCleanupMany$' "$TMP/cm.out")" "1:--- FAIL: BenchmarkCleanupMany
    a cleanup failed" "the failing cleanup fails the benchmark"
"$S" -bench 'Elapsed' -benchtime 3x -counters none >"$TMP/e.out" 2>&1; rc=$?
is "$rc:$(grep -c '^--- FAIL' "$TMP/e.out")" "0:0" "bench_elapsed: 0 after a reset, grows with the timer on, not while it is off"

# --- -ci and -shuffle: a leaf is a benchmark and a P ----------------------------------
"$S" -bench 'Split$|Good$' -cpu 1,2 -count 3 -benchtime 1000x -shuffle 7 -counters none \
	>"$TMP/sh.out" 2>&1; rc=$?
is "$rc" 0 "-shuffle with -cpu 1,2 exits 0"
is "$(results "$TMP/sh.out" | cut -f1 | sort | uniq -c | awk '{ printf "%s %s;", $2, $1 }')" \
	"BenchmarkGood 3;BenchmarkGood-2 3;BenchmarkSplit 3;BenchmarkSplit-2 3;" \
	"every (benchmark, P) -count times"
is "$(results "$TMP/sh.out" | head -4 | cut -f1 | tr '\n' ' ')" \
	"BenchmarkSplit BenchmarkSplit-2 BenchmarkGood BenchmarkGood-2 " "the first round in suite order"
is "$(results "$TMP/sh.out" | awk -F'\t' '$1 ~ /^BenchmarkSplit/ { split($4, m, " "); print $1, m[1] }' | sort -u | tr '\n' ';')" \
	"BenchmarkSplit 1.000;BenchmarkSplit-2 2.000;" "each run of a leaf with its own P threads"

# --- escstat: -col /gomaxprocs -------------------------------------------------------
if [ -x "$BIN/escstat" ]; then
	"$S" -bench 'Split$' -cpu 1,2 -count 2 -benchtime 100x -counters none >"$TMP/g.txt" 2>/dev/null
	"$BIN/escstat" -col /gomaxprocs "$TMP/g.txt" >"$TMP/g.stat" 2>"$TMP/g.err"; rc=$?
	is "$rc:$(cat "$TMP/g.err")" "0:" "escstat -col /gomaxprocs reads -cpu 1,2 results"
	like "$(sed -n 5p "$TMP/g.stat")" '^ +│ +│ +2 +│$' "one column per P: no suffix (1) and 2"
	like "$(grep '^Split ' "$TMP/g.stat" | head -1)" '^Split ' "one row, the name without the suffix"
else
	for i in 1 2 3; do skip "no $BIN/escstat"; done
fi

# --- escbench itself ---------------------------------------------------------------
"$ESC" -bench 'SinkParallel' -cpu 1,2 -benchtime 100x -counters none >"$TMP/s.out" 2>&1; rc=$?
is "$rc" 0 "escbench -bench SinkParallel -cpu 1,2 exits 0"
is "$(results "$TMP/s.out" | cut -f1 | tr '\n' ' ')" \
	"BenchmarkSinkParallel/any BenchmarkSinkParallel/any-2 BenchmarkSinkParallel/typed BenchmarkSinkParallel/typed-2 " \
	"the suite's parallel variants, per P"

done_testing
