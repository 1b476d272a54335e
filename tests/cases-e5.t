#!/bin/bash
# cases-e5.t -- the E5 sweep does what cases/e5_buffer.c says: with glibc's
# dynamic threshold a 128 KiB malloc+free loop reuses heap pages (no page
# faults), with the threshold pinned at 128 KiB every op mmaps and faults in
# exactly 33 pages (32 touched by the zeroing, one more for the chunk
# header), which costs far more; and a dynamic leaf that runs after a pin in
# the same process is skipped, not measured wrong.
. "$(dirname "$0")/lib.sh"

E=$BIN/escbench
[ -x "$E" ] || skip_all "$E not built"
if [ -n "${ESCBENCH_SAN:-}" ]; then
	# ASan serves malloc itself: no glibc thresholds to observe
	skip_all "glibc's malloc is not in use under the sanitizers"
fi

# metric NAME UNIT: the value before UNIT on NAME's last result line
metric() {
	awk -v n="$1" -v u="$2" '
	$1 ~ /^Benchmark/ {
		name = substr($1, 10); sub(/-[0-9]+$/, "", name)
		if (name != n) next
		for (i = 3; i <= NF; i++) if ($i == u) v = $(i-1)
	}
	END { print v }' "$TMP/out"
}

dyn=E5Buffer/threshold=dynamic/size=128KiB
fix=E5Buffer/threshold=fixed/size=128KiB
counters=none
if "$E" -counters list 2>/dev/null | cut -f1 | grep -qx 'perf::PAGE-FAULTS'; then
	counters=perf::PAGE-FAULTS
fi
# -count 2, and the second result counts: the first timed run of the
# dynamic leaf is the first to carve the block from the heap top, which
# may grow the heap by a page, one fault in 200 ops, or not, depending on
# what the harness allocated before (its layout); the steady state the
# claim is about is that of the runs after it.
"$E" -bench '^BenchmarkE5Buffer$/^threshold=/^size=128KiB$' -benchtime 200x -count 2 \
	-counters "$counters" >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "escbench exits 0"
if [ "$counters" = none ]; then
	skip "page faults cannot be counted here (perf::PAGE-FAULTS not listed)"
	skip "page faults cannot be counted here"
else
	is "$(metric $dyn page-faults/op)" 0 "dynamic threshold: 0 page faults per op"
	is "$(metric $fix page-faults/op)" 33.00 "fixed threshold: 33 page faults per op"
fi
d=$(metric $dyn ns/op)
f=$(metric $fix ns/op)
ok "$(awk -v d="$d" -v f="$f" 'BEGIN { exit !(d > 0 && f > 5 * d) }'; echo $?)" \
	"the cliff: fixed $f ns/op is more than 5x dynamic $d ns/op"

# In one process (-isolate=false), the repetitions in a shuffled order.
# -shuffle first runs every leaf once with n = 1 to find the leaves, in suite
# order: dynamic, then fixed, which pins the threshold for the rest of the
# process.  So no dynamic run may be measured after that: each is skipped,
# with the reason, and every fixed run is measured.
"$E" -isolate=false -bench '^BenchmarkE5Buffer$/^threshold=/^size=4KiB$' -benchtime 10x \
	-count 3 -shuffle 7 -counters none >"$TMP/shuf" 2>&1
is "$?" 0 "shuffled, one process: exits 0"
got=$(awk '
	/^--- SKIP: BenchmarkE5Buffer\/threshold=dynamic/ { print "skipped"; next }
	/^BenchmarkE5Buffer\/threshold=fixed/ { print "fixed"; next }
	/^BenchmarkE5Buffer\/threshold=dynamic/ { print "measured-after-pin"; next }
' "$TMP/shuf" | sort | uniq -c | awk '{ printf "%s=%s ", $2, $1 }')
like "$got" 'fixed=3 ' "shuffled: the 3 fixed runs are measured ($got)"
ok "$(printf '%s' "$got" | grep -q 'skipped=' && ! printf '%s' "$got" | grep -q 'measured-after-pin'; echo $?)" \
	"shuffled: the dynamic leaf, run after the pin, is skipped, never measured ($got)"
like "$(cat "$TMP/shuf")" 'pinned earlier in this process \(threshold=fixed\) and cannot be made dynamic again|^BenchmarkE5Buffer/threshold=dynamic' \
	"shuffled: the skip says why"

done_testing
