#!/usr/bin/env bash
# bench-escstat.sh -- what `make bench-escstat` runs: escstat on the
# generated pairs (stats/genbench.c) against the read-only baseline, the
# time the machine needs just to read the same bytes and find the line
# ends: `wc -l OLD NEW`.  Both commands run in one process tree, on the
# same files, alternating (wc, escstat, wc, escstat, ...) ROUNDS times per
# pair, after one untimed pass of each that brings the files into the page
# cache; the table gives medians and the ratio of the medians.  Its output
# is the table of README.md's "escstat speed" section, as it stands.
#
# Usage: scripts/bench-escstat.sh ESCSTAT INPUT_DIR [PAIR...]
#        (pairs: 2M 200k; files INPUT_DIR/PAIR-old.txt, INPUT_DIR/PAIR-new.txt)
# Environment: ROUNDS (5).  Wall time from bash's EPOCHREALTIME (µs);
# CPU time (user+sys, 10 ms steps) and max RSS from /usr/bin/time.

set -u
esc=$1 dir=$2
shift 2
pairs=${*:-2M 200k}
ROUNDS=${ROUNDS:-5}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

# timed NAME CMD...: one run; appends "wall cpu rss_kb" to $tmp/NAME.
timed() {
	local name=$1 t0 t1
	shift
	t0=$EPOCHREALTIME
	/usr/bin/time -o "$tmp/time" -f "%U %S %M" "$@" >/dev/null || return 1
	t1=$EPOCHREALTIME
	awk -v a="$t0" -v b="$t1" '{ printf "%.6f %.2f %d\n", b - a, $1 + $2, $3 }' \
	    "$tmp/time" >>"$tmp/$name"
}

# median FILE COLUMN
median() {
	sort -g -k"$2,$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
	    END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

start_load=$(load)
printf 'bench-escstat: %s, %s, %s CPUs, load average %s at the start\n' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(hostname -s 2>/dev/null || hostname)" \
    "$(nproc 2>/dev/null || echo '?')" "$start_load"
printf 'bench-escstat: %s alternating rounds per pair of `wc -l OLD NEW` and `%s OLD NEW`; medians\n\n' \
    "$ROUNDS" "$esc"
echo '| Input (2 files) | `wc -l` wall | escstat wall | **wall ratio** | `wc -l` CPU | escstat CPU | CPU ratio | escstat max RSS |'
echo '|---|---|---|---|---|---|---|---|'
for p in $pairs; do
	old=$dir/$p-old.txt new=$dir/$p-new.txt
	rm -f "$tmp/wc" "$tmp/esc"
	wc -l "$old" "$new" >/dev/null && "$esc" "$old" "$new" >/dev/null || exit 1
	for _ in $(seq "$ROUNDS"); do
		timed wc wc -l "$old" "$new" || exit 1
		timed esc "$esc" "$old" "$new" || exit 1
	done
	lines=$(wc -l <"$old")
	mb=$(($(wc -c <"$old") / 1000000))
	ww=$(median "$tmp/wc" 1) ew=$(median "$tmp/esc" 1)
	wc_cpu=$(median "$tmp/wc" 2) ec=$(median "$tmp/esc" 2) rss=$(median "$tmp/esc" 3)
	awk -v l="$lines" -v mb="$mb" -v ww="$ww" -v ew="$ew" -v wcc="$wc_cpu" -v ec="$ec" \
	    -v rss="$rss" 'BEGIN {
		cr = wcc > 0 ? sprintf("%.1f×", ec / wcc) : "-"
		printf "| %s lines, %d MB each | %.3f s | %.3f s | **%.2f×** | %.2f s | %.2f s | %s | %.0f MiB |\n",
		    l, mb, ww, ew, ew / ww, wcc, ec, cr, rss / 1024 }'
done
printf '\nbench-escstat: load average %s at the end\n' "$(load)"
