#!/usr/bin/env bash
# harness-e2e.t -- bin/escbench and a small suite end to end: result lines
# in go test's format, the config lines once, names, columns, failures.
. "$(dirname "$0")/lib.sh"

ESC=$BIN/escbench
SUITE=$PROGS/runner_suite
P=$(nproc)                              # CPUs usable: the -P of the names
if [ "$P" = 1 ]; then SUF=; else SUF="-$P"; fi

# --- end to end: three runs of Empty -------------------------------------
out=$("$ESC" -bench Empty -benchtime 100x -count 3 2>"$TMP/err"); rc=$?
is "$rc" 0 "escbench -bench Empty -benchtime 100x -count 3 exits 0"
is "$(printf '%s\n' "$out" | grep -c '^Benchmark')" 3 "exactly 3 result lines"
is "$(printf '%s\n' "$out" | grep -Ec "^BenchmarkEmpty$SUF +	     100	 +[0-9]+\.[0-9]+ ns/op	       0 B/op	       0 allocs/op\$")" 3 \
	"each line well formed: name, 100 iterations, ns/op, B/op, allocs/op"
is "$(printf '%s\n' "$out" | grep -c '^goos: linux$')" 1 "goos once"
is "$(printf '%s\n' "$out" | grep -Ec '^goarch: (amd64|arm64)$')" 1 "goarch once"
is "$(printf '%s\n' "$out" | grep -c '^pkg: escbench$')" 1 "pkg once"
is "$(printf '%s\n' "$out" | grep -c '^cpu: ')" 1 "cpu once"
is "$(printf '%s\n' "$out" | tail -1)" PASS "PASS at the end"
# benchstat takes any line 'key: value' with a lower-case key at column 0 as
# configuration (docs/benchstat.md, Reader): only the four above may look like
# that.
is "$(printf '%s\n' "$out" | grep -E '^[a-z][^ :A-Z]*:( |$)' | grep -Evc '^(goos|goarch|pkg|cpu): ')" 0 \
	"no other line looks like a config line"
is "$(printf '%s\n' "$out" | grep -Evc '^(Benchmark|goos: |goarch: |pkg: |cpu: |# |PASS$)')" 0 \
	"every other line is a # comment"
# escstat reads the file without a word on stderr (benchstat's parser rules).
if [ -x "$BIN/escstat" ]; then
	printf '%s\n' "$out" >"$TMP/empty.txt"
	"$BIN/escstat" "$TMP/empty.txt" >"$TMP/stat.out" 2>"$TMP/stat.err"
	is "$(cat "$TMP/stat.err")" "" "escstat reads the results with nothing on stderr"
	like "$(cat "$TMP/stat.out")" '^Empty(-[0-9]+)? ' "escstat has the Empty row"
else
	skip "no $BIN/escstat"
	skip "no $BIN/escstat"
fi
# Name column: Go pads to len(BenchmarkEmpty-P) + len(-P) + 1.
name="BenchmarkEmpty$SUF"
width=$(( ${#name} + ${#SUF} + 1 ))
is "$(printf '%s\n' "$out" | grep '^Benchmark' | head -1 | cut -f1)" "$(printf '%-*s' $width "$name")" \
	"name padded to Go's width ($width)"

# --- a suite: sub-benchmarks, columns, failure, skip, log ------------------
out=$("$SUITE" -benchtime 1000x 2>"$TMP/err"); rc=$?
is "$rc" 1 "a suite with a failing benchmark exits 1"
is "$(printf '%s\n' "$out" | tail -1)" FAIL "FAIL at the end"
names=$(printf '%s\n' "$out" | grep '^Benchmark' | cut -f1 | sed 's/ *$//' | tr '\n' ' ')
is "$names" "BenchmarkEmpty$SUF BenchmarkSum$SUF BenchmarkSub/a$SUF BenchmarkSub/with_space$SUF BenchmarkSub/a#01$SUF BenchmarkSub/size=64$SUF BenchmarkSub/size=4096$SUF BenchmarkMetric$SUF BenchmarkAlloc$SUF BenchmarkLog$SUF " \
	"names in order: parents not printed, spaces rewritten, duplicates #01"
like "$(printf '%s\n' "$out" | grep '^BenchmarkSub/size=64')" \
	'	    1000	 +[0-9.]+ ns/op	 *[0-9]+\.[0-9][0-9] MB/s	       0 B/op	       0 allocs/op$' \
	"bench_set_bytes adds MB/s before the memory columns"
like "$(printf '%s\n' "$out" | grep '^BenchmarkMetric')" \
	'ns/op	         0\.5000 apples/op	         3\.000 widgets/op	       0 B/op' \
	"extra metrics sorted by unit, in prettyPrint widths"
if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "ASan's allocator is not interposed: no allocation counts"
else
	like "$(printf '%s\n' "$out" | grep '^BenchmarkAlloc')" '	      16 B/op	       1 allocs/op$' \
		"16 B/op and 1 allocs/op: only the timed region counts"
fi
is "$(printf '%s\n' "$out" | grep -A1 '^--- FAIL: BenchmarkFail$')" "--- FAIL: BenchmarkFail
    failing on purpose with n=1" "bench_fail: --- FAIL and the indented message"
is "$(printf '%s\n' "$out" | grep -A1 '^--- SKIP: BenchmarkSkip$')" "--- SKIP: BenchmarkSkip
    nothing to measure here" "bench_skip: --- SKIP and the message"
is "$(printf '%s\n' "$out" | grep -A2 "^--- BENCH: BenchmarkLog$SUF\$")" "--- BENCH: BenchmarkLog$SUF
    ran BenchmarkLog
    ran BenchmarkLog" "bench_logf: --- BENCH block after the result"

# -bench per level; -benchmem=false
out=$("$SUITE" -bench 'Sub/size' -benchtime 10x -benchmem=false -counters none 2>/dev/null)
names=$(printf '%s\n' "$out" | grep '^Benchmark' | cut -f1 | sed 's/ *$//' | tr '\n' ' ')
is "$names" "BenchmarkSub/size=64$SUF BenchmarkSub/size=4096$SUF " "-bench Sub/size selects per level"
is "$(printf '%s\n' "$out" | grep -c 'B/op')" 0 "-benchmem=false: no B/op"
out=$("$SUITE" -bench 'Alloc' -benchtime 10x -benchmem=false -counters none 2>/dev/null)
is "$(printf '%s\n' "$out" | grep -c 'allocs/op')" 0 "-benchmem=false without bench_report_allocs"
out=$("$SUITE" -bench 'NoSuchThing' -counters none 2>/dev/null); rc=$?
is "$out" PASS "nothing selected: just PASS, as go test"
is "$rc" 0 "nothing selected: exit 0"

# -list as go test -list
out=$("$SUITE" -list 'Su')
is "$out" "BenchmarkSum
BenchmarkSub" "-list prints the matching top-level names"
out=$("$SUITE" -list 'Sum' -v)
is "$out" "BenchmarkSum	adds the integers below n" "-list -v adds the description"

# in process (-isolate=false) gives the same lines
out=$("$SUITE" -bench 'Sub' -benchtime 10x -isolate=false -counters none 2>/dev/null)
is "$(printf '%s\n' "$out" | grep -c '^BenchmarkSub/')" 5 "-isolate=false runs the same benchmarks"
like "$(printf '%s\n' "$out" | grep '^# isolation')" 'none' "-isolate=false is noted"

done_testing
