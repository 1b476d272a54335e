#!/bin/bash
# cases-allocs.t -- the suite allocates exactly what each case's comment
# says: the heap variants their malloc calls (B/op = bytes requested, as Go
# counts), every stack variant nothing.  Exact integers from bin/escbench's
# result lines, -benchtime 1000x (the sweep 20x).
. "$(dirname "$0")/lib.sh"

E=$BIN/escbench
[ -x "$E" ] || skip_all "$E not built"
if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip_all "allocation counting is off under the sanitizers"
fi

"$E" -bench '^Benchmark(E1ReturnPointer|E2Interface|E3Closure|E4MakeDynamic|E6Println|Sink)$' \
	-benchtime 1000x -count 1 >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "escbench exits 0"
"$E" -bench '^BenchmarkE5Buffer$/^(heap|stack)$' -benchtime 1000x -count 1 >>"$TMP/out" 2>>"$TMP/err"
is "$?" 0 "escbench E5Buffer heap|stack exits 0"
"$E" -bench '^BenchmarkE5Buffer$/^threshold=/size=(4KiB|64KiB|128KiB|4MiB)$' -benchtime 20x \
	-count 1 >>"$TMP/out" 2>>"$TMP/err"
is "$?" 0 "escbench E5Buffer sweep exits 0"
ok "$(! grep -q -- '--- FAIL' "$TMP/out" "$TMP/err"; echo $?)" "no benchmark failed"

# counts NAME: "B/op allocs/op" of the result line Benchmark<NAME>-<P>
counts() {
	awk -v n="$1" '
	$1 ~ /^Benchmark/ {
		name = substr($1, 10); sub(/-[0-9]+$/, "", name)
		if (name != n) next
		for (i = 3; i <= NF; i++) {
			if ($i == "B/op") b = $(i-1)
			if ($i == "allocs/op") a = $(i-1)
		}
		print b, a; exit
	}' "$TMP/out"
}

while read -r name want; do
	[ -n "$name" ] || continue
	is "$(counts "$name")" "$want" "$name: $want (B/op allocs/op)"
done <<'LIST'
Sink/any 16 1
Sink/typed 0 0
E1ReturnPointer/heap 16 1
E1ReturnPointer/value 0 0
E2Interface/boxed 8 1
E2Interface/concrete 0 0
E3Closure/byref 24 2
E3Closure/byvalue 0 0
E4MakeDynamic/heap 512 1
E4MakeDynamic/vla 0 0
E4MakeDynamic/const 0 0
E5Buffer/heap 66560 1
E5Buffer/stack 0 0
E6Println/boxed 8 1
E6Println/typed 0 0
E5Buffer/threshold=dynamic/size=4KiB 4096 1
E5Buffer/threshold=dynamic/size=64KiB 65536 1
E5Buffer/threshold=dynamic/size=128KiB 131072 1
E5Buffer/threshold=dynamic/size=4MiB 4194304 1
E5Buffer/threshold=fixed/size=4KiB 4096 1
E5Buffer/threshold=fixed/size=64KiB 65536 1
E5Buffer/threshold=fixed/size=128KiB 131072 1
E5Buffer/threshold=fixed/size=4MiB 4194304 1
LIST

done_testing
