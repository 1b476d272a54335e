#!/bin/bash
# alloc-suite.t -- B/op and allocs/op end to end, through the runner, on a
# suite whose allocations are known (tests/progs/alloc_suite.c): exact
# numbers at a fixed n and at a ramped n, under glibc, jemalloc, mimalloc
# and tcmalloc, counted in the timed run and in a separate pass alike; a
# benchmark whose malloc fails is reported, not a crash; and the runner
# survives its own allocations failing, for every N tried.
. "$(dirname "$0")/lib.sh"

S=$PROGS/alloc_suite
if [ "$("$PROGS/alloc_probe")" = "hooks: off" ]; then
	skip_all "allocation hooks not in use (ASan build, or malloc redirected)"
fi

# table FILE: "Name B/op allocs/op" per result line.
table() {
	awk '/^Benchmark/ {
		name = $1; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
		b = a = "-"
		for (i = 3; i < NF; i++) {
			if ($(i + 1) == "B/op") b = $i
			if ($(i + 1) == "allocs/op") a = $i
		}
		print name, b, a
	}' "$1"
}

cat >"$TMP/want" <<'WANT'
Empty 0 0
Zero 0 0
Malloc16 16 1
Calloc 100 1
ReallocGrow 1008 2
AlignedAlloc 128 1
Strdup 6 1
Three 60 3
Half 8 0
Thread 32 1
Sites 124 2
WANT
SEL='^Benchmark(Empty|Zero|Malloc16|Calloc|ReallocGrow|AlignedAlloc|Strdup|Three|Half|Thread|Sites)$'

run() {  # run NAME [VAR=value...] -- ARGS: the suite's table into $TMP/NAME
	local name=$1 vars=()
	shift
	while [ "$1" != -- ]; do vars+=("$1"); shift; done
	shift
	env "${vars[@]}" "$S" -bench "$SEL" -counters none "$@" \
		>"$TMP/$name.out" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.rc"
	table "$TMP/$name.out" >"$TMP/$name"
}

run fixed -- -benchtime 1000x
is "$(cat "$TMP/fixed.rc")" 0 "glibc, n=1000: exit 0"
same_file "$TMP/fixed" "$TMP/want" "glibc, n=1000: exact B/op and allocs/op"

run ramp -- -benchtime 20ms
same_file "$TMP/ramp" "$TMP/want" "glibc, ramped n (-benchtime 20ms): exact"

run inline ESCBENCH_ALLOC_INLINE=1 -- -benchtime 1000x
same_file "$TMP/inline" "$TMP/want" \
	"counted inside the timed run (ESCBENCH_ALLOC_INLINE=1): the same"

# Which runs the runner makes (each benchmark logs its n to $ALLOC_SUITE_RUNS):
# one that allocates gets a separate counting run of the timed n; one whose
# run1 allocated nothing is counted inside its timed run, which costs it
# nothing, and gets no second run; one that allocates only later (Late, from
# iteration 1000 on) is timed again with counting off, and its reported run
# had the hooks off ("0 hooked") while its counts stay exact.
RUNS=$TMP/runs
: >"$RUNS"
ALLOC_SUITE_RUNS=$RUNS "$S" -bench '^Benchmark(Zero|Malloc16)$' -benchtime 1000x \
	-count 2 -counters none >"$TMP/runs.out" 2>"$TMP/runs.err"
is $? 0 "run log: exit 0"
is "$(grep '^Zero' "$RUNS" | tr '\n' ' ')" "Zero 1 Zero 1000 Zero 1 Zero 1000 " \
	"no allocations in run1: counted in the timed run, no second run"
is "$(grep '^Malloc16' "$RUNS" | tr '\n' ' ')" \
	"Malloc16 1 Malloc16 1000 Malloc16 1000 Malloc16 1 Malloc16 1000 Malloc16 1000 " \
	"allocations in run1: timed with counting off, then a counting run of the same n"
is "$(table "$TMP/runs.out" | tr '\n' ' ')" "Zero 0 0 Zero 0 0 Malloc16 16 1 Malloc16 16 1 " \
	"run log: the counts"
: >"$RUNS"
ALLOC_SUITE_RUNS=$RUNS "$S" -bench '^BenchmarkLate$' -benchtime 2000x -counters none \
	>"$TMP/late.out" 2>"$TMP/late.err"
is $? 0 "Late: exit 0"
is "$(tr '\n' ' ' <"$RUNS")" "Late 1 Late 2000 Late 2000 " \
	"Late: run1 allocated nothing; the timed run did, so it ran again"
like "$(cat "$TMP/late.out")" \
	'^BenchmarkLate(-[0-9]+)?[[:space:]]+2000[[:space:]]+[0-9.]+ ns/op[[:space:]]+0 hooked[[:space:]]+16 B/op[[:space:]]+1 allocs/op$' \
	"Late: the reported run had the hooks off; counts exact"
ESCBENCH_ALLOC_INLINE=1 "$S" -bench '^BenchmarkLate$' -benchtime 2000x -counters none \
	>"$TMP/late-inline.out" 2>&1
like "$(cat "$TMP/late-inline.out")" '[[:space:]]1\.000 hooked[[:space:]]+16 B/op[[:space:]]+1 allocs/op$' \
	"Late with ESCBENCH_ALLOC_INLINE=1: the hooks were on (the check can see it)"

# preloaded NAME LIBRARY: the suite under another allocator, exact.
preloaded() {
	local name=$1 lib=$2
	run "$name" LD_PRELOAD="$lib" -- -benchtime 1000x
	same_file "$TMP/$name" "$TMP/want" "LD_PRELOAD ${lib##*/}: exact"
	like "$(cat "$TMP/$name.out" "$TMP/$name.err")" \
		"allocator: ${lib##*/} \\(LD_PRELOAD\\)" "LD_PRELOAD ${lib##*/}: named in the header"
}
each_allocator preloaded

# -allocsites: each site's file:line and function, largest first; a strdup
# is named by the line that called it, a second thread's by its own line.
site() { grep -n "SITE $1\b" "$TOP/tests/progs/alloc_suite.c" | cut -d: -f1; }
"$S" -bench '^Benchmark(Sites|Strdup|Thread)$' -benchtime 1000x -counters none \
	-allocsites >"$TMP/sites.out" 2>"$TMP/sites.err"
is $? 0 "-allocsites: exit 0"
F=tests/progs/alloc_suite.c
grep '^# allocsite ' "$TMP/sites.out" |
	sed -E 's/-[0-9]+:/:/; s/ \([0-9]+ allocations in [0-9]+ iterations\)//' \
	>"$TMP/sites"
cat >"$TMP/sites.want" <<WANT
# allocsite BenchmarkStrdup: 6 B/op 1 allocs/op at $F:$(site strdup) BenchmarkStrdup
# allocsite BenchmarkThread: 32 B/op 1 allocs/op at $F:$(site thread) worker_body
# allocsite BenchmarkSites: 100 B/op 1 allocs/op at $F:$(site buffer) make_buffer
# allocsite BenchmarkSites: 24 B/op 1 allocs/op at $F:$(site small) BenchmarkSites
WANT
same_file "$TMP/sites" "$TMP/sites.want" "-allocsites: the right file:line and function"
is "$(table "$TMP/sites.out" | grep -c .)" 3 "-allocsites: result lines unchanged"

# A benchmark whose malloc returns NULL fails with its message; the others
# in the run are still reported.
"$S" -bench '^Benchmark(OutOfMemory|Malloc16)$' -benchtime 100x -counters none \
	>"$TMP/oom.out" 2>"$TMP/oom.err"
is $? 1 "a failed allocation: exit 1"
like "$(cat "$TMP/oom.out")" '^--- FAIL: BenchmarkOutOfMemory(-[0-9]+)?$' \
	"a failed allocation: --- FAIL line"
like "$(cat "$TMP/oom.out")" \
	'^    malloc\(64\) failed at iteration 2: Cannot allocate memory$' \
	"a failed allocation: the benchmark's message"
like "$(cat "$TMP/oom.out")" '^BenchmarkMalloc16(-[0-9]+)? .* 16 B/op' \
	"a failed allocation: the other benchmark is still reported"

# The runner's own allocations fail: the Nth allocation call of the process
# (ESCBENCH_FAIL_ALLOC=N), once or from then on, for every N up to 300
# (a run of one benchmark makes fewer calls than that).  Never a signal;
# exit 0 only with the result line, otherwise a message (on stderr, or the
# benchmark's own --- FAIL when the failing call was in its loop).
# Each N with and without -shuffle (a worker process; -count 2, both results).
crash= silent= nomsg=
signame() { kill -l $(($1 - 128)) 2>/dev/null || echo "$1"; }
for st in "" ",sticky" "/shuffle" ",sticky/shuffle"; do
	for N in $(seq 1 300); do
		case $st in
		*/shuffle) f="-shuffle 1 -count 2" want=2 ;;
		*) f= want=1 ;;
		esac
		# shellcheck disable=SC2086 # $f is a list of flags
		ESCBENCH_FAIL_ALLOC=$N${st%/shuffle} "$S" -bench '^BenchmarkMalloc16$' -benchtime 100x \
			-counters none $f >"$TMP/f.out" 2>"$TMP/f.err"
		rc=$?
		if [ $rc -ge 128 ]; then crash="$crash $N$st:$(signame $rc)"
		elif [ $rc = 0 ] && [ "$(grep -c '^BenchmarkMalloc16.* 16 B/op' "$TMP/f.out")" != $want ]
		then silent="$silent $N$st"
		elif [ $rc != 0 ] && ! grep -q . "$TMP/f.err" &&
			! grep -q '^--- FAIL' "$TMP/f.out"; then nomsg="$nomsg $N$st"
		fi
	done
done
# none LIST DESCRIPTION: pass when LIST is empty, else show the failing N.
# (Allocations inside libpapi's PAPI_library_init and glibc's regcomp are
# exempt from injection -- alloc_fail_pause -- because those libraries crash
# when one fails; everything else the runner allocates is under test.)
none() {
	t_n=$((t_n + 1))
	if [ -z "$1" ]; then echo "ok $t_n - $2"
	else
		echo "not ok $t_n - $2"; t_fail=$((t_fail + 1))
		echo "#   failing N:$1" | fold -w 76 | sed '2,$s/^/#   /'
	fi
}
none "$crash" "runner OOM: no crash for N=1..300, one-shot and sticky, with and without -shuffle"
none "$silent" "runner OOM: exit 0 only with the result"
none "$nomsg" "runner OOM: every non-zero exit says why"
done_testing
