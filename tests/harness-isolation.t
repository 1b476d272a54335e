#!/usr/bin/env bash
# harness-isolation.t -- benchmarks that segfault, abort, exit or hang are
# reported as failures and the others' results are intact; the -o file is
# replaced only by a complete run; Ctrl-C keeps what was measured.
. "$(dirname "$0")/lib.sh"

CRASH=$PROGS/runner_crash
P=$(nproc)
if [ "$P" = 1 ]; then SUF=; else SUF="-$P"; fi

start=$(date +%s)
out=$("$CRASH" -benchtime 10x -count 2 -timeout 1s -counters none 2>"$TMP/err"); rc=$?
end=$(date +%s)
is "$rc" 1 "a suite with crashing benchmarks exits 1"
names=$(printf '%s\n' "$out" | grep '^Benchmark' | cut -f1 | sed 's/ *$//' | tr '\n' ' ')
is "$names" "BenchmarkEmpty$SUF BenchmarkEmpty$SUF BenchmarkGoodFirst$SUF BenchmarkGoodFirst$SUF BenchmarkMixed/before$SUF BenchmarkMixed/before$SUF BenchmarkMixed/after$SUF BenchmarkMixed/after$SUF BenchmarkDaemon$SUF BenchmarkDaemon$SUF BenchmarkGoodLast$SUF BenchmarkGoodLast$SUF " \
	"every good result is there, before and after the bad ones (and a process left behind does not hold the run up)"
is "$(printf '%s\n' "$out" | grep -Ec '^Benchmark[^ 	]+ +	      10	 +[0-9.]+ ns/op	       0 B/op	       0 allocs/op$')" 12 \
	"and well formed"
# ASan turns a segfault into a report and exit(1).
if [ -n "${ESCBENCH_SAN:-}" ]; then SEGV="exited with status 1 in the middle of the benchmark (exit called?)"
else SEGV="killed by signal 11 (Segmentation fault)"; fi
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkSegv$')" "--- FAIL: BenchmarkSegv
    $SEGV" "segfault reported"
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkAbort$')" "--- FAIL: BenchmarkAbort
    killed by signal 6 (Aborted)" "abort reported"
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkExit$')" "--- FAIL: BenchmarkExit
    exited with status 3 in the middle of the benchmark (exit called?)" "exit(3) reported"
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkHang$')" "--- FAIL: BenchmarkHang
    timed out after 1s (-timeout 1s)" "hang past -timeout reported"
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkMixed/crash$')" "--- FAIL: BenchmarkMixed/crash
    $SEGV" "the crashing sub-benchmark is named"
is "$(printf '%s\n' "$out" | grep -A1 "^BenchmarkMixed/after$SUF" | tail -1)" "--- FAIL: BenchmarkMixed" \
	"the parent of the crashed sub-benchmark fails after its last sub-benchmark, as in Go"
is "$(printf '%s\n' "$out" | tail -1)" FAIL "FAIL at the end"
ok $([ $((end - start)) -lt 10 ]; echo $?) "the hang cost about -timeout, not more ($((end - start)) s)"

# A benchmark that leaves a process holding the pipe (3 s): the runner goes
# on when the child is done, not when the pipe closes.
t0=$(date +%s%N)
"$CRASH" -bench 'Daemon' -benchtime 10x -timeout 0 -counters none >/dev/null 2>&1
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
ok $([ $ms -lt 2500 ]; echo $?) "a process left behind does not hold the runner ($ms ms < 3 s)"

# --- -o: complete runs replace, others never destroy ------------------------
mkdir "$TMP/o"
R=$TMP/o/res.txt
echo "earlier results" >"$R"
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none -o "$R" >"$TMP/stdout" 2>/dev/null; rc=$?
is "$rc" 0 "-o run exits 0"
same_file "$R" "$TMP/stdout" "-o file holds what stdout got"
is "$(ls "$TMP/o" | tr '\n' ' ')" "res.txt " "no temporary file left"

cp "$R" "$TMP/before"
"$CRASH" -bench 'NoSuchBenchmark' -counters none -o "$R" >/dev/null 2>"$TMP/err"
same_file "$R" "$TMP/before" "a run with no results leaves the file as it was"
is "$(cat "$TMP/err")" "runner_crash: no results: '$R' left as it was" "and says so"

# stdout closed: an error without -o; with -o the file gets each line once.
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none >&- 2>"$TMP/err"; rc=$?
is "$rc" 1 "stdout closed, no -o: exit 1"
is "$(cat "$TMP/err")" "runner_crash: standard output is closed and there is no -o file" "and says why"
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none -o "$TMP/o/closed.txt" >&- 2>/dev/null; rc=$?
is "$rc" 0 "stdout closed, -o file: exit 0"
is "$(grep -c '^BenchmarkGoodFirst' "$TMP/o/closed.txt")" 1 "the result once in the file"
rm -f "$TMP/o/closed.txt"

# interrupted FLAG...: runner_crash -bench 'GoodFirst|Hang' with FLAGs,
# SIGINT once GoodFirst is written (Ctrl-C in the middle of a hanging
# benchmark); rc is its exit status, $TMP/stdout and $TMP/err its output.
interrupted() {
	"$CRASH" -bench 'GoodFirst|Hang' -benchtime 10x -counters none -o "$R" "$@" \
		>"$TMP/stdout" 2>"$TMP/err" &
	local pid=$! i
	for i in $(seq 100); do grep -q '^BenchmarkGoodFirst' "$TMP/stdout" && break; sleep 0.1; done
	sleep 0.2
	kill -INT $pid
	wait $pid; rc=$?
}

interrupted -timeout 0
is "$rc" 130 "SIGINT: exit status 130"
same_file "$R" "$TMP/before" "SIGINT: the earlier results file is untouched"
ok $([ -f "$R.partial" ]; echo $?) "SIGINT: the partial results are kept in FILE.partial"
is "$(grep -c '^BenchmarkGoodFirst' "$R.partial")" 1 "FILE.partial holds the measured result"
is "$(tail -1 "$R.partial" | cut -c1-18)" "BenchmarkGoodFirst" "and no PASS/FAIL line"
is "$(cat "$TMP/err")" "runner_crash: interrupted
runner_crash: run not complete: 1 result kept in '$R.partial'; '$R' left as it was" "SIGINT: what was kept is said on stderr"
ok $(command -v pgrep >/dev/null; echo $?) "pgrep is there to look (procps; scripts/setup.sh installs it)"
is "$(pgrep -P $$ -f runner_crash | wc -l)" 0 "no child process left behind"

# In process (-isolate=false) -timeout can only stop the run, as go test
# does; what was measured is kept in FILE.partial.
rm -f "$R.partial"
"$CRASH" -bench 'GoodFirst|Hang|GoodLast' -benchtime 10x -isolate=false -timeout 1s -counters none \
	-o "$R" >"$TMP/stdout" 2>"$TMP/err"; rc=$?
is "$rc" 1 "-isolate=false -timeout: exit 1"
is "$(grep -A2 '^--- FAIL: BenchmarkHang$' "$TMP/stdout")" "--- FAIL: BenchmarkHang
    timed out after 1s (-timeout 1s; without -isolate the run stops here)
FAIL" "-isolate=false -timeout: the benchmark named, the run stopped"
same_file "$R" "$TMP/before" "-isolate=false -timeout: the earlier results file is untouched"
is "$(grep -c '^Benchmark' "$R.partial" 2>/dev/null)" 1 "-isolate=false -timeout: the result before it kept"
is "$(cat "$TMP/err")" "runner_crash: stopped; the results so far are in $R.partial" "and said where"

# In process (-isolate=false) the signal handler keeps the partial file too.
rm -f "$R.partial"
interrupted -isolate=false
is "$rc" 130 "-isolate=false SIGINT: exit status 130"
same_file "$R" "$TMP/before" "-isolate=false SIGINT: the results file is untouched"
is "$(grep -c '^BenchmarkGoodFirst' "$R.partial" 2>/dev/null)" 1 "-isolate=false SIGINT: partial kept"

done_testing
