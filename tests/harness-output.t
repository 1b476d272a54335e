#!/usr/bin/env bash
# harness-output.t -- the -o file: a partial file is never overwritten
# (FILE.partial, then FILE-2.partial, ...), nor cut in the middle of a line;
# -o onto a directory or a dangling symlink fails before any benchmark runs,
# -o onto a symlink writes through it and keeps the file's mode; a bad
# -counters event is a usage error before any benchmark runs.
. "$(dirname "$0")/lib.sh"

CRASH=$PROGS/runner_crash
S=$PROGS/alloc_suite
mkdir "$TMP/o"
R=$TMP/o/res.txt
echo "earlier results" >"$R"
cp "$R" "$TMP/before"

# interrupt ARGS...: run runner_crash with -o $R until its first result is
# out, then SIGINT it; its exit status in $rc.
interrupt() {
	"$CRASH" "$@" -o "$R" >"$TMP/stdout" 2>"$TMP/err" &
	pid=$!
	for _ in $(seq 100); do grep -q '^BenchmarkGoodFirst' "$TMP/stdout" && break; sleep 0.1; done
	sleep 0.2
	kill -INT $pid
	wait $pid; rc=$?
}

# Two interrupted runs, isolated: the second gets its own partial file.
interrupt -bench 'GoodFirst|Hang' -benchtime 10x -timeout 0 -counters none
is "$rc" 130 "first interrupted run: exit 130"
cp "$R.partial" "$TMP/first.partial"
interrupt -bench 'GoodFirst|Hang' -benchtime 10x -timeout 0 -counters none
is "$rc" 130 "second interrupted run: exit 130"
same_file "$R.partial" "$TMP/first.partial" "the first run's FILE.partial is not overwritten"
is "$(grep -c '^BenchmarkGoodFirst' "$TMP/o/res.txt-2.partial" 2>/dev/null)" 1 \
	"the second run's result is in FILE-2.partial"
is "$(tail -1 "$TMP/err")" \
	"runner_crash: run not complete: 1 result kept in '$TMP/o/res.txt-2.partial'; '$R' left as it was" \
	"and it says so"
same_file "$R" "$TMP/before" "FILE itself untouched"

# In process: the signal handler and the -timeout alarm take the next name.
interrupt -bench 'GoodFirst|Hang' -benchtime 10x -isolate=false -counters none
is "$rc" 130 "-isolate=false SIGINT: exit 130"
is "$(grep -c '^BenchmarkGoodFirst' "$TMP/o/res.txt-3.partial" 2>/dev/null)" 1 \
	"-isolate=false SIGINT: FILE-3.partial, the two before untouched"
same_file "$R.partial" "$TMP/first.partial" "-isolate=false SIGINT: FILE.partial still the first run's"
"$CRASH" -bench 'GoodFirst|Hang' -benchtime 10x -isolate=false -timeout 1s -counters none \
	-o "$R" >/dev/null 2>"$TMP/err"
is "$(cat "$TMP/err")" "runner_crash: stopped; the results so far are in $TMP/o/res.txt-4.partial" \
	"-isolate=false -timeout: FILE-4.partial"
is "$(grep -c '^--- FAIL: BenchmarkHang' "$TMP/o/res.txt-4.partial")" 1 \
	"-isolate=false -timeout: with the failure block"
rm -f "$TMP"/o/*.partial

# A partial file ends with a whole line: the file system refuses a write in
# the middle of a line (RLIMIT_FSIZE, SIGXFSZ ignored), the run stops, and
# the half line is cut from FILE.partial.
(
	trap '' XFSZ
	ulimit -f 2                     # 2048 bytes
	"$CRASH" -bench 'GoodFirst' -benchtime 10x -count 40 -counters none -o "$R" \
		>/dev/null 2>"$TMP/err"
	echo $? >"$TMP/rc"
)
is "$(cat "$TMP/rc")" 1 "a write error (file too large): exit 1"
like "$(cat "$TMP/err")" "writing '$R\\.[A-Za-z0-9]{6}': File too large" "and says why"
ok "$([ -s "$R.partial" ] && [ "$(tail -c1 "$R.partial" | od -An -c | tr -d ' ')" = '\n' ]
	echo $?)" "FILE.partial ends with a newline ($(wc -c <"$R.partial" 2>/dev/null) bytes)"
bad=$(grep '^Benchmark' "$R.partial" | grep -vc ' allocs/op$')
is "$bad" 0 "every result line in it is whole"
ok "$([ "$(grep -c '^BenchmarkGoodFirst' "$R.partial")" -ge 10 ]; echo $?)" \
	"and the whole ones are kept ($(grep -c '^BenchmarkGoodFirst' "$R.partial"))"
same_file "$R" "$TMP/before" "FILE untouched"
rm -f "$R.partial"

# -o onto a directory: an error before any benchmark runs.
rm -f "$TMP/runs"
ALLOC_SUITE_RUNS=$TMP/runs "$S" -bench Zero -benchtime 1x -counters none -o "$TMP/o" \
	>"$TMP/stdout" 2>"$TMP/err"
is "$?" 1 "-o DIR: exit 1"
is "$(cat "$TMP/err")" "alloc_suite: -o $TMP/o: is a directory" "-o DIR: says why"
ok "$([ ! -s "$TMP/runs" ] && [ ! -s "$TMP/stdout" ]; echo $?)" "-o DIR: no benchmark ran, nothing printed"
is "$(ls "$TMP" | grep -c '^o\.')" 0 "-o DIR: no temporary file left beside it"

# A bad -counters event: a usage error before any benchmark runs.
rm -f "$TMP/runs"
ALLOC_SUITE_RUNS=$TMP/runs "$S" -bench Zero -benchtime 1x -counters bogus >"$TMP/stdout" 2>"$TMP/err"
is "$?" 2 "-counters bogus: exit 2"
like "$(head -1 "$TMP/err")" "^alloc_suite: -counters: unknown counter event 'bogus'" "-counters bogus: says which"
ok "$([ ! -s "$TMP/runs" ] && [ ! -s "$TMP/stdout" ]; echo $?)" \
	"-counters bogus: no benchmark ran ($(cat "$TMP/runs" 2>/dev/null | tr '\n' ' '))"

# -o onto a symlink: the file it names gets the results, with its mode; the
# link stays a link.  A dangling link is refused before any work.
mkdir "$TMP/t"
echo old >"$TMP/t/target.txt"
chmod 640 "$TMP/t/target.txt"
ln -s ../t/target.txt "$TMP/o/link.txt"
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none -o "$TMP/o/link.txt" >"$TMP/stdout" 2>"$TMP/err"
is "$?" 0 "-o SYMLINK: exit 0"
ok "$([ -L "$TMP/o/link.txt" ]; echo $?)" "-o SYMLINK: still a symlink"
same_file "$TMP/t/target.txt" "$TMP/stdout" "-o SYMLINK: the file it names holds the results"
is "$(stat -c %a "$TMP/t/target.txt")" 640 "-o SYMLINK: the file keeps its mode"
is "$(ls -A "$TMP/t" "$TMP/o" | tr '\n' ' ')" "$TMP/o: link.txt res.txt  $TMP/t: target.txt " \
	"-o SYMLINK: no temporary file left"
chmod 600 "$R"
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none -o "$R" >/dev/null 2>&1
is "$(stat -c %a "$R")" 600 "-o FILE: a replaced file keeps its mode"
ln -s nosuch.txt "$TMP/o/dangling.txt"
"$CRASH" -bench 'GoodFirst' -benchtime 10x -counters none -o "$TMP/o/dangling.txt" >"$TMP/stdout" 2>"$TMP/err"
is "$?" 1 "-o DANGLING: exit 1"
is "$(cat "$TMP/err")" "runner_crash: -o $TMP/o/dangling.txt: a symbolic link to no file (dangling)" \
	"-o DANGLING: says why"
ok "$([ ! -s "$TMP/stdout" ]; echo $?)" "-o DANGLING: before any benchmark ran"
# -shuffle plans one round at a time: -count 100000000 (800 MB of plan for
# one benchmark, when planned up front) runs under a 400 MB address-space
# limit; stopped with SIGINT after three results.  (Not under ASan, whose
# shadow memory needs more address space than any such limit.)
if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "ulimit -v: the sanitizers reserve terabytes of address space"
	skip "ulimit -v: the sanitizers reserve terabytes of address space"
else
	(
		ulimit -v 400000
		exec "$CRASH" -bench GoodFirst -benchtime 10x -count 100000000 -shuffle 1 \
			-counters none >"$TMP/huge.out" 2>"$TMP/huge.err"
	) &
	pid=$!
	for _ in $(seq 100); do
		[ "$(grep -c '^BenchmarkGoodFirst' "$TMP/huge.out")" -ge 3 ] && break
		grep -q 'out of memory' "$TMP/huge.err" && break
		sleep 0.1
	done
	kill -INT $pid 2>/dev/null
	wait $pid; rc=$?
	is "$(grep -c 'out of memory' "$TMP/huge.err")" 0 "-shuffle -count 100000000: no plan of count x benchmarks"
	ok "$([ $rc = 130 ] && [ "$(grep -c '^BenchmarkGoodFirst' "$TMP/huge.out")" -ge 3 ]; echo $?)" \
		"-shuffle -count 100000000: runs (results measured, then interrupted: status $rc)"
fi
done_testing
