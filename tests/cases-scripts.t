#!/bin/bash
# cases-scripts.t -- scripts/bench.sh and scripts/bench-go.sh: the results
# file appears only after a successful run, under results/<date>-<host>.txt,
# never over an existing file, and a missing Go toolchain is a message.
# A fake escbench stands in for the real one, so this runs in a second.
. "$(dirname "$0")/lib.sh"

fake=$TMP/bin
mkdir -p "$fake" "$TMP/res"
cat >"$fake/escbench" <<'FAKE'
#!/bin/sh
# fake escbench: lists one counter; records its arguments, prints two
# result lines, or fails when FAKE_FAIL is set
if [ "$*" = "-counters list" ]; then
	printf 'perf::PAGE-FAULTS\tpage-faults/op\tpage faults\n'
	printf 'perf::MINOR-FAULTS\tminor-faults/op\tminor page faults\n'
	exit 0
fi
echo "$*" >"$FAKE_ARGS"
[ -n "${FAKE_FAIL:-}" ] && { echo "goos: linux"; echo "boom" >&2; exit 1; }
if [ -n "${FAKE_BENCHFAIL:-}" ]; then   # one benchmark failed, as escbench
	echo "goos: linux"
	printf 'BenchmarkSink/any-2  \t1000\t  11.00 ns/op\t  16 B/op\t   1 allocs/op\n'
	printf -- '--- FAIL: BenchmarkSink/typed\n    killed by signal 11 (Segmentation fault)\n'
	printf 'BenchmarkE1-2  \t1000\t  2.00 ns/op\t  0 B/op\t   0 allocs/op\n'
	echo FAIL
	exit 1
fi
if [ -n "${FAKE_STOP:-}" ]; then   # escbench stopped early (write error)
	printf 'BenchmarkSink/any-2  \t1000\t  11.00 ns/op\t  16 B/op\t   1 allocs/op\n'
	exit 1
fi
if [ -n "${FAKE_INT:-}" ]; then   # interrupted after one result, as escbench
	printf 'BenchmarkSink/any-2  \t1000\t  11.00 ns/op\t  16 B/op\t   1 allocs/op\n'
	# FAKE_HALF: killed in the middle of writing a line
	[ -n "${FAKE_HALF:-}" ] && printf 'BenchmarkSink/typed-2\t1000\t   1.00 ns/op\t   0 B/'
	exit 130
fi
echo "goos: linux"
printf 'BenchmarkSink/any-2  \t1000\t  11.00 ns/op\t  16 B/op\t   1 allocs/op\n'
printf 'BenchmarkSink/typed-2\t1000\t   1.00 ns/op\t   0 B/op\t   0 allocs/op\n'
FAKE
chmod +x "$fake/escbench"
export FAKE_ARGS=$TMP/args
host=$(hostname -s 2>/dev/null || hostname)
day=$(date -u +%Y-%m-%d)
want=$TMP/res/$day-$host.txt

run() { BIN=$fake RESULTS=$TMP/res "$TOP/scripts/bench.sh" "$@" 2>"$TMP/err"; }

run -bench Sink
ok $? "bench.sh exits 0"
ok "$([ -f "$want" ]; echo $?)" "wrote results/<date>-<host>.txt"
is "$(cat "$FAKE_ARGS")" "-count 10 -benchtime 20ms -counters perf::PAGE-FAULTS -shuffle on -ci 1% -maxcount 1000 -maxtime 20s -maxwall 80s -bench Sink" \
	"escbench ran with -count 10, the default benchtime, the counters it lists and the extra flags"
is "$(grep -c '^Benchmark' "$want")" 2 "the results file holds the result lines"
like "$(tail -n 1 "$want")" '^# bench\.sh: wall time [0-9]+\.[0-9] s for -count 10 -benchtime 20ms -counters perf::PAGE-FAULTS' \
	"the last line records the wall time"
like "$(cat "$TMP/err")" "bench: wrote $want \\(wall time" "says where it wrote"
like "$(cat "$TMP/err")" "no .*escstat, no summary table" "a missing escstat is a message"

cp "$want" "$TMP/first"
COUNTERS=none run
ok $? "second run exits 0"
is "$(cat "$FAKE_ARGS")" "-count 10 -benchtime 20ms -counters none -shuffle on -ci 1% -maxcount 1000 -maxtime 20s -maxwall 80s" "COUNTERS=none: no counters"
same_file "$want" "$TMP/first" "an existing file is not overwritten"
ok "$([ -f "$TMP/res/$day-$host-2.txt" ]; echo $?)" "the second file gets the suffix -2"

FAKE_FAIL=1 run
st=$?
is "$st" 1 "a failed run exits 1"
like "$(cat "$TMP/err")" 'bench: escbench failed \(exit status 1\).*no results file written' \
	"a failed run says so"
ok "$([ ! -f "$TMP/res/$day-$host-3.txt" ]; echo $?)" "a failed run writes no results file"
same_file "$want" "$TMP/first" "a failed run leaves earlier results untouched"
is "$(find "$TMP/res" -name '.bench-*' | wc -l)" 0 "no temporary file is left behind"
is "$(stat -c %a "$want")" 644 "the results file is readable by all"

FAKE_INT=1 run
is "$?" 130 "an interrupted run exits 130"
is "$(grep -c '^BenchmarkSink/any' "$TMP/res/$day-$host.partial")" 1 \
	"an interrupted run keeps what was measured in <date>-<host>.partial"
like "$(cat "$TMP/err")" "bench: interrupted; what was measured is in $TMP/res/$day-$host.partial" \
	"an interrupted run says where the partial results are"
same_file "$want" "$TMP/first" "an interrupted run leaves earlier results untouched"
cp "$TMP/res/$day-$host.partial" "$TMP/first.partial"
FAKE_INT=1 FAKE_HALF=1 run
is "$?" 130 "a second interrupted run exits 130"
is "$(tail -c 1 "$TMP/res/$day-$host-2.partial" | od -An -c | tr -d ' ')" '\n' \
	"a line cut short is not kept: the .partial ends with a whole line"
is "$(grep -c 'typed' "$TMP/res/$day-$host-2.partial")" 0 "and has no half result"
same_file "$TMP/res/$day-$host.partial" "$TMP/first.partial" \
	"a second interrupted run does not overwrite the first one's .partial"
is "$(grep -c '^BenchmarkSink/any' "$TMP/res/$day-$host-2.partial" 2>/dev/null)" 1 \
	"a second interrupted run keeps its own in <date>-<host>-2.partial"
like "$(cat "$TMP/err")" "bench: interrupted; what was measured is in $TMP/res/$day-$host-2.partial" \
	"and says so"
FAKE_STOP=1 run
is "$?" 1 "a run that stopped early (no PASS/FAIL line) exits 1"
is "$(grep -c '^BenchmarkSink/any' "$TMP/res/$day-$host-3.partial" 2>/dev/null)" 1 \
	"and keeps what it measured as the next .partial"
like "$(cat "$TMP/err")" "bench: escbench failed \\(exit status 1\\) after [0-9.]+ s; what was measured is in $TMP/res/$day-$host-3.partial" \
	"and says where"
rm -f "$TMP/res/$day-$host.partial" "$TMP/res/$day-$host"-[23].partial

# A benchmark failed: the run is complete, its file is kept under the
# results name with the --- FAIL lines, and bench.sh exits 1.
FAKE_BENCHFAIL=1 run
is "$?" 1 "a run with a failed benchmark exits 1 (make bench fails)"
got=$TMP/res/$day-$host-3.txt
is "$(grep -c '^Benchmark' "$got" 2>/dev/null)" 2 \
	"every result of a run with a failed benchmark is kept in <date>-<host>-3.txt"
is "$(grep -A1 '^--- FAIL' "$got" 2>/dev/null)" "--- FAIL: BenchmarkSink/typed
    killed by signal 11 (Segmentation fault)" "the file says which benchmark failed and why"
is "$(grep -v '^#' "$got" 2>/dev/null | tail -n 1)" FAIL "and ends in FAIL"
like "$(cat "$TMP/err")" "bench: benchmarks failed \\(their --- FAIL lines in $got say why\\): BenchmarkSink/typed" \
	"bench.sh names the failed benchmark"
same_file "$want" "$TMP/first" "earlier results untouched"
rm -f "$got"

BIN=$TMP/nothing RESULTS=$TMP/res "$TOP/scripts/bench.sh" 2>"$TMP/err"
is "$?" 1 "no escbench: exit 1"
like "$(cat "$TMP/err")" 'bench: no .*/escbench; run make first' "no escbench: says so"

GO=$TMP/no-such-go RESULTS=$TMP/res "$TOP/scripts/bench-go.sh" 2>"$TMP/err"
is "$?" 0 "bench-go without Go exits 0"
like "$(cat "$TMP/err")" "bench-go: no Go toolchain \\($TMP/no-such-go not found\\); the Go twins were not run" \
	"bench-go without Go says so"
is "$(find "$TMP/res" -name '*-go*' | wc -l)" 0 "bench-go without Go writes nothing"

# bench-go.sh with a fake go: the file, its name, the recorded command
cat >"$fake/go" <<'FAKE'
#!/bin/sh
case $1 in
version) echo "go version go1.99 linux/amd64" ;;
test)
	echo "$*" >"$FAKE_ARGS"
	[ -n "${FAKE_FAIL:-}" ] && { echo "--- FAIL: BenchmarkSink/any"; exit 1; }
	printf 'pkg: escbench\nBenchmarkSink/any-2  \t1000\t  11.00 ns/op\nPASS\n' ;;
esac
FAKE
chmod +x "$fake/go"
wantgo=$TMP/res/$day-$host-go.txt
GO=$fake/go COUNT=2 BENCHTIME=5x RESULTS=$TMP/res "$TOP/scripts/bench-go.sh" 2>"$TMP/err"
is "$?" 0 "bench-go with (fake) Go exits 0"
is "$(cat "$FAKE_ARGS")" "test -run ^\$ -bench . -benchmem -count 2 -benchtime 5x" \
	"bench-go runs go test -bench . -benchmem with COUNT and BENCHTIME"
is "$(grep -c '^Benchmark' "$wantgo")" 1 "bench-go wrote <date>-<host>-go.txt"
like "$(tail -n 1 "$wantgo")" '^# bench-go\.sh: go version go1\.99 linux/amd64, wall time [0-9.]+ s for -count 2 -benchtime 5x$' \
	"bench-go records the Go version and the wall time"
GO=$fake/go COUNT=2 BENCHTIME=5x RESULTS=$TMP/res "$TOP/scripts/bench-go.sh" 2>/dev/null
ok "$([ -f "$TMP/res/$day-$host-go-2.txt" ]; echo $?)" "bench-go: a second file gets the suffix -2"
FAKE_FAIL=1 GO=$fake/go RESULTS=$TMP/res "$TOP/scripts/bench-go.sh" 2>"$TMP/err"
is "$?" 1 "bench-go: a failed go test exits 1"
ok "$([ ! -f "$TMP/res/$day-$host-go-3.txt" ]; echo $?)" "bench-go: a failed run writes no file"
is "$(find "$TMP/res" -name '.bench-*' | wc -l)" 0 "bench-go: no temporary file is left behind"

done_testing
