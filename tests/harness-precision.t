#!/usr/bin/env bash
# harness-precision.t -- -shuffle interleaves repetitions in a seeded order,
# -ci repeats until the interval is narrow (or -maxcount), -pin pins or
# says why not, and the warnings are '#' lines, never config lines.
. "$(dirname "$0")/lib.sh"

SUITE=$PROGS/runner_suite
P=$(nproc)
if [ "$P" = 1 ]; then SUF=; else SUF="-$P"; fi

names() { grep '^Benchmark' | cut -f1 | sed 's/ *$//' | tr '\n' ' '; }

# -shuffle SEED: the same order twice, all count x leaves results, interleaved.
"$SUITE" -bench 'Sum|Sub/a$' -benchtime 10x -count 3 -shuffle 7 -counters none \
	>"$TMP/s1" 2>"$TMP/e1"; rc=$?
"$SUITE" -bench 'Sum|Sub/a$' -benchtime 10x -count 3 -shuffle 7 -counters none -isolate=false \
	>"$TMP/s2" 2>/dev/null
is "$rc" 0 "-shuffle 7 exits 0"
is "$(names <"$TMP/s1" | tr ' ' '\n' | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
	" 3 BenchmarkSub/a$SUF; 3 BenchmarkSum$SUF;" "3 results of each leaf"
is "$(names <"$TMP/s1")" "$(names <"$TMP/s2")" "the same seed gives the same order (in process too)"
seq1=$(names <"$TMP/s1")
ok $([ "$seq1" != "BenchmarkSum$SUF BenchmarkSum$SUF BenchmarkSum$SUF BenchmarkSub/a$SUF BenchmarkSub/a$SUF BenchmarkSub/a$SUF " ]; echo $?) \
	"not back to back: $seq1"
first=$("$SUITE" -bench 'Sum|Sub' -benchtime 1x -count 3 -shuffle 7 -counters none 2>/dev/null |
	names | cut -d' ' -f1-6)
is "$first" "BenchmarkSum$SUF BenchmarkSub/a$SUF BenchmarkSub/with_space$SUF BenchmarkSub/a#01$SUF BenchmarkSub/size=64$SUF BenchmarkSub/size=4096$SUF" \
	"the first round runs in suite order (so tables list rows as the suite does)"
is "$(head -1 "$TMP/e1")" "runner_suite: -shuffle 7" "the seed is said on stderr"
is "$(grep -c '^# shuffle: seed 7 (repeat this order with -shuffle 7)$' "$TMP/s1")" 1 "and in the results"
orders=$(for s in 1 2 3 4 5 6; do "$SUITE" -bench 'Sum|Sub/a$' -benchtime 1x -count 3 -shuffle $s \
	-counters none -isolate=false 2>/dev/null | names; echo; done | sort -u | wc -l)
ok $([ "$orders" -gt 1 ]; echo $?) "different seeds give different orders ($orders distinct in 6)"

# -ci: a target that cannot be met stops at -maxcount and says so.
"$SUITE" -bench 'Sum' -benchtime 10x -ci 0.0001% -maxcount 7 -counters none \
	>"$TMP/c1" 2>"$TMP/e2"; rc=$?
is "$rc" 0 "-ci that is not met still exits 0"
is "$(grep -c '^BenchmarkSum' "$TMP/c1")" 7 "-maxcount 7: seven samples, each an ordinary line"
like "$(grep '^# warning: BenchmarkSum' "$TMP/c1" | head -1)" \
	"^# warning: BenchmarkSum$SUF: (\\+-[0-9.]+% after 7 samples .*, not within \\+-0\\.0001%|interval unbounded after 7 samples)" \
	"the miss is a # warning line"
like "$(cat "$TMP/e2")" "warning: BenchmarkSum$SUF: .*not within" "and on stderr"
# -ci 90%: met once the interval is bounded (6 samples at 95 %) and within
# +-90 %; a loaded machine may need more.  The lines match the count said.
"$SUITE" -bench 'Sum' -benchtime 1000000x -ci 90% -counters none >"$TMP/c2" 2>/dev/null
n=$(grep -c '^BenchmarkSum' "$TMP/c2")
ok $([ "$n" -ge 6 ]; echo $?) "-ci 90%: at least six samples ($n)"
like "$(grep '^# ci ' "$TMP/c2")" "^# ci BenchmarkSum$SUF: \\+-[0-8]?[0-9]\\.[0-9]% after $n samples" \
	"says how many samples it needed, within +-90%"
# -ci with -count: -count is the minimum.
"$SUITE" -bench 'Sum' -benchtime 1000000x -ci 90% -count 8 -counters none >"$TMP/c3" 2>/dev/null
n=$(grep -c '^BenchmarkSum' "$TMP/c3")
ok $([ "$n" -ge 8 ]; echo $?) "-ci with -count 8: at least 8 samples ($n)"
# -maxwall: once the run has taken that long, no repetitions beyond -count
# (which are still made), for every benchmark; the miss says what to raise.
"$SUITE" -bench 'Sum|Sub/a$' -benchtime 10x -ci 0.0001% -count 6 -maxcount 1000 -maxwall 1ms \
	-shuffle 3 -counters none >"$TMP/c4" 2>/dev/null
is "$?" 0 "-maxwall: exit 0"
is "$(grep -c '^BenchmarkSum' "$TMP/c4") $(grep -c '^BenchmarkSub/a' "$TMP/c4")" "6 6" \
	"-maxwall 1ms: -count 6 samples each, no more"
like "$(grep '^# warning: BenchmarkSum' "$TMP/c4" | head -1)" 'raise -maxcount/-maxtime/-maxwall' \
	"-maxwall: the miss names it"
"$SUITE" -bench 'Sum' -benchtime 10x -ci 0.0001% -count 6 -maxcount 9 -maxwall 1h \
	-counters none >"$TMP/c5" 2>/dev/null
is "$(grep -c '^BenchmarkSum' "$TMP/c5")" 9 "-maxwall 1h: -maxcount 9 ends it first"

# Nothing volatile as a config line.
is "$(cat "$TMP/s1" "$TMP/c1" | grep -E '^[a-z][^ :A-Z]*:( |$)' | grep -Evc '^(goos|goarch|pkg|cpu): ')" 0 \
	"warnings and notes never look like config lines"

# -pin
"$SUITE" -bench 'Sum' -benchtime 10x -pin 0 -counters none >"$TMP/p1" 2>"$TMP/e3"; rc=$?
is "$rc" 0 "-pin 0 exits 0"
is "$(grep -c '^# pinned to CPU 0 (-pin 0)$' "$TMP/p1")" 1 "-pin 0 is noted"
is "$(grep -c "^BenchmarkSum$SUF" "$TMP/p1")" 1 "names keep the -P of the unpinned process"
"$SUITE" -bench 'Sum' -benchtime 10x -pin 4000 -counters none >"$TMP/p2" 2>"$TMP/e4"; rc=$?
is "$rc" 0 "-pin to a CPU that is not there still runs"
is "$(head -1 "$TMP/e4")" "runner_suite: warning: -pin 4000: cannot run on CPU 4000: Invalid argument; running unpinned" \
	"and says why it is not pinned"
is "$(grep -c '^BenchmarkSum' "$TMP/p2")" 1 "unpinned result"

done_testing
