#!/bin/bash
# cases-checksum.t -- every variant of a shape does the same work: with
# ESCBENCH_CHECKSUM=1 each run prints "checksum NAME n=N sum=S" on stderr;
# at n = 1000 all variants of a shape must print the same sum, and it must
# be the known value (so a variant that skipped ops, or the compiler that
# deleted them, fails here).  The benchmarks also check the closed form
# themselves and fail on a mismatch.
. "$(dirname "$0")/lib.sh"

E=$BIN/escbench
[ -x "$E" ] || skip_all "$E not built"

ESCBENCH_CHECKSUM=1 "$E" -bench '^Benchmark(E1ReturnPointer|E2Interface|E3Closure|E4MakeDynamic|E5Buffer|E6Println|Sink)$/^(heap|value|boxed|concrete|byref|byvalue|vla|const|stack|typed|any)$' \
	-benchtime 1000x -count 1 >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "escbench exits 0"
ok "$(! grep -q -- '--- FAIL' "$TMP/out" "$TMP/err"; echo $?)" "no benchmark failed its own checksum"

# sum NAME: the sum printed for NAME at n=1000 (the last such line)
sum() {
	awk -v n="$1" '$1 == "checksum" && $2 == n && $3 == "n=1000" { s = substr($4, 5) } END { print s }' "$TMP/err"
}

while read -r shape want variants; do
	[ -n "$shape" ] || continue
	for v in $variants; do
		is "$(sum "$shape/$v")" "$want" "$shape/$v: checksum $want at n=1000"
	done
done <<'LIST'
E1ReturnPointer 1000000 heap value
E2Interface 755500 boxed concrete
E3Closure 1002000 byref byvalue
E4MakeDynamic 562500 heap vla const
E5Buffer 1000 heap stack
E6Println 9500 boxed typed
Sink 3996 any typed
LIST

# Without ESCBENCH_CHECKSUM nothing is printed.
"$E" -bench '^BenchmarkSink$' -benchtime 10x -count 1 >/dev/null 2>"$TMP/quiet"
is "$(grep -c '^checksum' "$TMP/quiet")" 0 "no checksum lines without ESCBENCH_CHECKSUM"

done_testing
