#!/bin/bash
# parallel-scripts.t -- scripts/parallel-report.sh (the README tables and
# the sweep chart of the parallel rows) on hand-made results files whose
# medians are known, and scripts/bench-parallel.sh with a fake escbench:
# what it runs, where the file goes, nothing written when the run fails.
. "$(dirname "$0")/lib.sh"

R=$TOP/scripts/parallel-report.sh
D=$T_DIR/data/parallel

# --- parallel-report.sh ------------------------------------------------------
# report.md was checked by hand: C SinkParallel/any at 1 thread has 20, 22
# and 90 (median 22), at 2 threads 12 and 14 (13); the serial Sink/any-2
# line is left out; Go has no typed-4 (—); jemalloc only any.
"$R" C="$D/c.txt" Go="$D/go.txt" jemalloc="$D/jemalloc.txt" >"$TMP/rep.md" 2>"$TMP/rep.err"
is "$?:$(cat "$TMP/rep.err")" "0:" "parallel-report exits 0, nothing on stderr"
same_file "$TMP/rep.md" "$D/report.md" "the two tables: medians per thread count, C vs Go, then per allocator"
"$R" C="$D/c.txt" >"$TMP/c-only.md"
is "$(wc -l <"$TMP/c-only.md")" 4 "C alone: one table (header, rule, two rows)"

printf '# x\n\nbefore\n<!-- parallel-table -->\nold table\nold\n<!-- /parallel-table -->\nafter\n' >"$TMP/README.md"
"$R" -readme "$TMP/README.md" C="$D/c.txt" Go="$D/go.txt" jemalloc="$D/jemalloc.txt" >/dev/null
{ printf '# x\n\nbefore\n<!-- parallel-table -->\n'; cat "$D/report.md"; printf '<!-- /parallel-table -->\nafter\n'; } >"$TMP/want.md"
same_file "$TMP/README.md" "$TMP/want.md" "-readme replaces the block between the markers, keeps the rest"
"$R" -readme "$TMP/README.md" C="$D/c.txt" Go="$D/go.txt" jemalloc="$D/jemalloc.txt" >/dev/null
same_file "$TMP/README.md" "$TMP/want.md" "and again: the same file"

printf 'no markers\n' >"$TMP/plain.md"
"$R" -readme "$TMP/plain.md" C="$D/c.txt" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" \
	"1:parallel-report: $TMP/plain.md has no <!-- parallel-table --> ... <!-- /parallel-table --> block" \
	"-readme on a file without the block: says so, exits 1"
is "$(cat "$TMP/plain.md")" "no markers" "and leaves the file alone"
grep -v Parallel "$D/c.txt" >"$TMP/serial.txt"
"$R" C="$TMP/serial.txt" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" "1:parallel-report: no Parallel result lines in the inputs" "no parallel rows: an error"
"$R" "$D/c.txt" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" "2:parallel-report: $D/c.txt: want LABEL=FILE" "an input without a label: usage error"
"$R" C="$TMP/nonesuch" >/dev/null 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" "1:parallel-report: cannot read $TMP/nonesuch" "a missing input: says which"

if [ -x "$BIN/escplot" ] && command -v gnuplot >/dev/null 2>&1; then
	BIN=$BIN "$R" -chart "$TMP/ch" C="$D/c.txt" Go="$D/go.txt" jemalloc="$D/jemalloc.txt" >"$TMP/ch.out" 2>"$TMP/ch.err"
	is "$?" 0 "-chart: exits 0"
	is "$(grep -c -- '-sweep-SinkParallel-threads\.\(png\|svg\)$' "$TMP/ch.out")" 2 \
		"one sweep chart of the family, PNG and SVG, named after the C file"
	is "$(grep '^Benchmark' "$TMP/ch/c-threads.txt" | cut -f1 | sort -u | tr '\n' ' ')" \
		"BenchmarkSinkParallel/any/lang=C/threads=1 BenchmarkSinkParallel/any/lang=C/threads=2 BenchmarkSinkParallel/any/lang=C/threads=4 BenchmarkSinkParallel/any/lang=Go/threads=1 BenchmarkSinkParallel/any/lang=Go/threads=2 BenchmarkSinkParallel/any/lang=Go/threads=4 BenchmarkSinkParallel/typed/lang=C/threads=1 BenchmarkSinkParallel/typed/lang=C/threads=2 BenchmarkSinkParallel/typed/lang=C/threads=4 BenchmarkSinkParallel/typed/lang=Go/threads=1 BenchmarkSinkParallel/typed/lang=Go/threads=2 " \
		"the chart's input: C and Go, the thread count a key, allocator runs left out"
	is "$(grep -c '^cpu: ' "$TMP/ch/c-threads.txt")" 1 "one set of config lines (the C file's)"
else
	for i in 1 2 3 4; do skip "no escplot or gnuplot"; done
fi

# --- bench-parallel.sh ---------------------------------------------------------
fake=$TMP/bin
mkdir -p "$fake" "$TMP/res"
cat >"$fake/escbench" <<'FAKE'
#!/bin/sh
echo "$*" >"$FAKE_ARGS"
[ -n "${FAKE_FAIL:-}" ] && { echo "goos: linux"; exit 1; }
echo "goos: linux"
printf 'BenchmarkSinkParallel/any-2  \t1000\t  11.00 ns/op\t  16 B/op\t   1 allocs/op\n'
FAKE
chmod +x "$fake/escbench"
export FAKE_ARGS=$TMP/args
host=$(hostname -s 2>/dev/null || hostname)
day=$(date -u +%Y-%m-%d)
B=$TOP/scripts/bench-parallel.sh

BIN=$fake RESULTS=$TMP/res "$B" c 2>"$TMP/err"
is "$?" 0 "bench-parallel.sh c exits 0"
is "$(cat "$FAKE_ARGS")" "-bench Parallel -cpu 1,2,4 -count 10 -benchtime 20ms -shuffle on -counters none" \
	"runs escbench -bench Parallel -cpu 1,2,4, repetitions shuffled"
ok "$([ -f "$TMP/res/$day-$host-parallel.txt" ]; echo $?)" "wrote results/<date>-<host>-parallel.txt"
like "$(tail -1 "$TMP/res/$day-$host-parallel.txt")" '^# bench-parallel.sh: wall time [0-9.]+ s for .*/escbench -bench Parallel -cpu 1,2,4 ' \
	"its last line: the wall time and the command"
CPUS=1,2 COUNT=3 BIN=$fake RESULTS=$TMP/res "$B" c 2>"$TMP/err"
is "$(cat "$FAKE_ARGS")" "-bench Parallel -cpu 1,2 -count 3 -benchtime 20ms -shuffle on -counters none" "CPUS and COUNT"
ok "$([ -f "$TMP/res/$day-$host-parallel-2.txt" ]; echo $?)" "a second run gets -2, the first is kept"
FAKE_FAIL=1 BIN=$fake RESULTS=$TMP/res "$B" c 2>"$TMP/err"; rc=$?
is "$rc:$(ls "$TMP/res" | grep -c parallel)" "1:2" "a failing run: exit 1, no file written"
like "$(cat "$TMP/err")" '^bench-parallel: failed \(exit status 1\) after [0-9.]+ s; no results file written$' "and says so"
is "$(ls -A "$TMP/res" | grep -c '^\.bench')" 0 "no temporary file left"
BIN=$fake RESULTS=$TMP/res "$B" bogus 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/err")" "2:bench-parallel: unknown step bogus (want c, go, alloc, chart)" "an unknown step: usage error"

done_testing
