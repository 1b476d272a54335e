#!/usr/bin/env bash
# harness-worker.t -- with -shuffle or -ci every repetition runs in one
# worker process (not a new child each, not the runner itself); a crash
# ends that worker, is reported once, and a new worker runs the rest.
. "$(dirname "$0")/lib.sh"

W=$PROGS/runner_worker

# pids FILE: the pid metric of each result line, in order.
pids() { awk '/^Benchmark/ { for (i = 3; i < NF; i++) if ($(i + 1) == "pid") print $i }' "$1"; }

"$W" -bench '^Benchmark(A|B)$' -benchtime 10x -count 3 -shuffle 5 -counters none \
	>"$TMP/s.out" 2>"$TMP/s.err" &
runner=$!
wait $runner
is $? 0 "-shuffle: exit 0"
is "$(pids "$TMP/s.out" | wc -l)" 6 "-shuffle: 2 benchmarks x 3 results"
is "$(pids "$TMP/s.out" | sort -u | wc -l)" 1 "-shuffle: all measured by one process"
ok $([ "$(pids "$TMP/s.out" | head -1)" != "$runner" ]; echo $?) "-shuffle: not the runner itself"
like "$(cat "$TMP/s.out")" '^# isolation: a child process per benchmark to find them, then one worker process for all runs \(a new one after a crash\)$' \
	"-shuffle: the header says how it isolates"

"$W" -bench '^BenchmarkA$' -benchtime 10x -ci 50% -counters none >"$TMP/c.out" 2>/dev/null
is $? 0 "-ci: exit 0"
ok $([ "$(pids "$TMP/c.out" | wc -l)" -ge 6 ]; echo $?) "-ci: at least six results"
is "$(pids "$TMP/c.out" | sort -u | wc -l)" 1 "-ci: all measured by one process"

# Suite order first: A, then Segv kills the worker, then B and the rest in
# a second one.
"$W" -bench '^Benchmark(A|Segv|B)$' -benchtime 10x -count 3 -shuffle 5 -counters none >"$TMP/x.out" 2>"$TMP/x.err"
is $? 1 "a crash under -shuffle: exit 1"
is "$(grep -c '^BenchmarkA' "$TMP/x.out") $(grep -c '^BenchmarkB' "$TMP/x.out")" "3 3" \
	"a crash under -shuffle: every good result is there"
is "$(grep -c '^--- FAIL: BenchmarkSegv$' "$TMP/x.out")" 1 "the crash is reported once (no more runs of it)"
if [ -n "${ESCBENCH_SAN:-}" ]; then SEGV="exited with status 1 in the middle of the benchmark (exit called?)"
else SEGV="killed by signal 11 (Segmentation fault)"; fi
is "$(grep -A1 '^--- FAIL: BenchmarkSegv$' "$TMP/x.out" | tail -1)" "    $SEGV" "and says how it ended"
is "$(pids "$TMP/x.out" | uniq | wc -l)" 2 "the first result in one worker, the other five in a new one"

# A hang past -timeout: that worker is killed, the next one runs the rest.
"$PROGS/runner_crash" -bench '^Benchmark(GoodFirst|Hang|GoodLast)$' -benchtime 10x -count 2 \
	-shuffle 3 -timeout 1s -counters none >"$TMP/h.out" 2>/dev/null
is $? 1 "a hang under -shuffle: exit 1"
is "$(grep -c '^BenchmarkGoodFirst' "$TMP/h.out") $(grep -c '^BenchmarkGoodLast' "$TMP/h.out")" "2 2" \
	"a hang under -shuffle: every good result is there"
is "$(grep -A1 '^--- FAIL: BenchmarkHang$' "$TMP/h.out")" "--- FAIL: BenchmarkHang
    timed out after 1s (-timeout 1s)" "a hang under -shuffle: reported once, with the timeout"

# bench_process_tainted: a worker that ran a tainting benchmark runs only
# benchmarks that taint the same way (Taint with Taint, Taint2 with Taint2);
# the clean ones keep a clean worker.
"$W" -bench '^Benchmark(A|B|Taint|Taint2)$' -benchtime 10x -count 4 -shuffle 9 -counters none \
	>"$TMP/t.out" 2>/dev/null
is $? 0 "tainting benchmarks: exit 0, no failure"
is "$(grep -c '^Benchmark' "$TMP/t.out")" 16 "tainting benchmarks: 4 x 4 results"
# In order: once a process ran Taint (or Taint2), every later result from it
# is of the same benchmark.
mixed=$(awk '/^Benchmark/ { n = $1; sub(/^Benchmark/, "", n); sub(/-[0-9]+$/, "", n)
	for (i = 3; i < NF; i++) if ($(i + 1) == "pid") pid = $i
	if ((pid in by) && by[pid] != n) print; if (n ~ /^Taint/) by[pid] = n }' "$TMP/t.out")
is "$mixed" "" "after a tainting run, its process runs only that benchmark"
tpids() { awk -v b="^Benchmark$1-" '$1 ~ b { for (i = 3; i < NF; i++) if ($(i + 1) == "pid") print $i }' "$TMP/t.out" | sort -u; }
is "$(tpids Taint | wc -l) $(tpids Taint2 | wc -l)" "1 1" "each tainting benchmark keeps its worker"
ok $([ "$(tpids Taint)" != "$(tpids Taint2)" ]; echo $?) "two ways of tainting, two workers"

# Ctrl-C while the worker hangs: exit 130, what was measured kept in
# FILE.partial, and no worker left running (it was a grandchild).
"$W" -bench '^Benchmark(A|Hang)$' -benchtime 10x -count 2 -shuffle 3 \
	-timeout 0 -counters none -o "$TMP/int.txt" >"$TMP/int.out" 2>"$TMP/int.err" &
pid=$!
for _ in $(seq 100); do grep -q '^BenchmarkA' "$TMP/int.out" && break; sleep 0.1; done
sleep 0.3
kill -INT $pid
wait $pid
is $? 130 "SIGINT under -shuffle: exit status 130"
is "$(grep -c '^BenchmarkA' "$TMP/int.txt.partial" 2>/dev/null)" 1 \
	"SIGINT under -shuffle: the measured result kept in FILE.partial"
sleep 0.2
ok $(command -v pgrep >/dev/null; echo $?) "pgrep is there to look (procps; scripts/setup.sh installs it)"
is "$(pgrep -f 'runner_worker -bench \^Benchmark\(A\|Hang\)' | wc -l)" 0 \
	"SIGINT under -shuffle: no worker left running"

# The worker's 100 ms warm-up is not charged to a short -timeout.
"$W" -bench '^BenchmarkA$' -benchtime 10x -count 2 -shuffle 1 -timeout 50ms -counters none \
	>"$TMP/to.out" 2>/dev/null
is $? 0 "-timeout 50ms under -shuffle: exit 0"
is "$(grep -c '^BenchmarkA' "$TMP/to.out") $(grep -c '^--- FAIL' "$TMP/to.out")" "2 0" \
	"-timeout 50ms under -shuffle: both results, no timeout"

# -isolate=false: the runner measures in its own process.
"$W" -bench '^Benchmark(A|B)$' -benchtime 10x -count 2 -shuffle 5 -isolate=false \
	-counters none >"$TMP/i.out" 2>/dev/null &
runner=$!
wait $runner
is "$(pids "$TMP/i.out" | sort -u)" "$runner" "-isolate=false: the runner's own process"

done_testing
