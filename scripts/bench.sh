#!/bin/sh
# bench.sh -- what `make bench` runs: the whole C suite, -count 10, into
# results/<YYYY-MM-DD>-<host>.txt, then the summary table (bin/escstat) and
# the charts (bin/escplot) when those programs exist.
#
# The file is written atomically: escbench writes a temporary file in
# results/, which is linked into place when the run is over, so earlier
# results are never touched.  An existing file of the same name is never
# overwritten: the new one gets a suffix (-2, -3, ...).  Its last line
# records the wall time of the run.  A run in which a benchmark failed is
# complete too: its file holds every result measured and, as go test prints
# them, the `--- FAIL: BenchmarkX` lines saying which failed and why, and
# ends in FAIL; it is kept under the results name and bench.sh exits 1.  A
# run that stopped early (Ctrl-C, a write error, a crash of escbench) keeps
# what it measured as <date>-<host>.partial (-2, -3, ... likewise).  When the
# newest Go results in the same directory have other config lines, a note
# on stderr says which (scripts/confignote.sh).
#
# Usage: scripts/bench.sh [escbench flags...]
#   Extra flags go to bin/escbench after the defaults (the last one wins),
#   e.g. scripts/bench.sh -bench Sink.  Environment: BIN (default bin),
#   COUNT (10), BENCHTIME (see below), RESULTS (results), COUNTERS (see
#   below; "none" for none), SHUFFLE (on), PRECISION (1%), MAXCOUNT (1000),
#   MAXTIME (20s), MAXWALL (80s).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/place.sh"
. "$top/scripts/confignote.sh"
cd "$top" || exit 1
BIN=${BIN:-bin}
COUNT=${COUNT:-10}
# Short samples, many of them: on the 2-vCPU VM this was tuned on, the
# noise of a tiny loop comes in phases of tens to hundreds of milliseconds,
# so in the same time many 20 ms samples pin the median down better than a
# few long ones (README: Precision).  A sample costs about 1.2 benchtimes
# plus the ramp, plus one more run of the final n to count allocations for a
# benchmark that allocates.
BENCHTIME=${BENCHTIME:-20ms}
RESULTS=${RESULTS:-results}
# Precision: repetitions of all benchmarks interleaved in a seeded
# random order, so a drift of the machine does not land on one benchmark;
# and more repetitions (up to MAXCOUNT, or MAXTIME spent on it) for a
# benchmark whose 95 % CI of the median is still wider than +-PRECISION after
# COUNT, until the run has taken MAXWALL: most benchmarks get there in
# 10-20 samples, and the noisy few share what is left of the 80 s.
# SHUFFLE=off PRECISION=off give a plain -count run.
SHUFFLE=${SHUFFLE:-on}
PRECISION=${PRECISION:-1%}
MAXCOUNT=${MAXCOUNT:-1000}
MAXTIME=${MAXTIME:-20s}
MAXWALL=${MAXWALL:-80s}

escbench=$BIN/escbench
if [ ! -x "$escbench" ]; then
	echo "bench: no $escbench; run make first" >&2
	exit 1
fi
mkdir -p "$RESULTS" || exit 1

# Counters: cycles and instructions where a PMU counts them, and page faults
# (the E5 sweep's cliff is page faults), each only if `-counters list` says
# it really can be counted here -- an unknown event would be a usage error.
if [ -z "${COUNTERS:-}" ]; then
	avail=$("$escbench" -counters list 2>/dev/null | cut -f1)
	COUNTERS=none
	for ev in PAPI_TOT_CYC PAPI_TOT_INS perf::PAGE-FAULTS; do
		if printf '%s\n' "$avail" | grep -qx -- "$ev"; then
			[ "$COUNTERS" = none ] && COUNTERS=$ev || COUNTERS=$COUNTERS,$ev
		fi
	done
fi

host=$(hostname -s 2>/dev/null || hostname)
base=$RESULTS/$(date -u +%Y-%m-%d)-$host
tmp=$(mktemp "$RESULTS/.bench-XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
chmod 644 "$tmp"
# Ctrl-C: escbench stops cleanly with what it measured; keep that beside the
# results as a .partial file (never under a results name, never over an
# earlier one).  $1: why, for the message.
keep_partial() {
	# A last line cut short (escbench killed in the middle of a write) must
	# not read as a result: only whole lines are kept.
	[ -n "$(tail -c 1 "$tmp" 2>/dev/null)" ] && sed -i '$ d' "$tmp"
	if grep -q '^Benchmark\|^--- FAIL' "$tmp" 2>/dev/null &&
		place_partial "$tmp" "$base" bench; then
		echo "bench: $1; what was measured is in $out" >&2
	fi
}
trap 'keep_partial interrupted; exit 130' INT TERM

flags="-count $COUNT -benchtime $BENCHTIME -counters $COUNTERS"
[ "$SHUFFLE" != off ] && flags="$flags -shuffle $SHUFFLE"
[ "$PRECISION" != off ] &&
	flags="$flags -ci $PRECISION -maxcount $MAXCOUNT -maxtime $MAXTIME -maxwall $MAXWALL"
echo "bench: $escbench $flags $*" >&2
t0=$(date +%s.%N)
# shellcheck disable=SC2086 # $flags is a list of words
"$escbench" $flags "$@" >"$tmp"
st=$?
t1=$(date +%s.%N)
wall=$(echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}')
if [ $st = 130 ]; then
	keep_partial interrupted
	exit 130
fi
# A complete run ends with PASS or FAIL (escbench exits 1 after FAIL: some
# benchmark failed, the others' results are all there).  Anything else
# stopped early: what it measured is a partial file.
if [ $st != 0 ] && { [ $st != 1 ] || [ "$(tail -n 1 "$tmp")" != FAIL ]; }; then
	if grep -q '^Benchmark\|^--- FAIL' "$tmp"; then
		keep_partial "escbench failed (exit status $st) after $wall s"
	else
		echo "bench: escbench failed (exit status $st) after $wall s; no results file written" >&2
	fi
	exit 1
fi
if ! grep -q '^Benchmark\|^--- FAIL' "$tmp"; then
	echo "bench: escbench printed no results; no results file written" >&2
	exit 1
fi
printf '# bench.sh: wall time %s s for %s %s\n' "$wall" "$flags" "$*" >>"$tmp"

place_results "$tmp" "$base" bench || exit 1
echo "bench: wrote $out (wall time $wall s)" >&2
config_note "$out" "$RESULTS"

status=0
if [ $st != 0 ]; then
	failed=$(grep '^--- FAIL: ' "$out" | sed 's/^--- FAIL: //' | sort -u | tr '\n' ' ')
	echo "bench: benchmarks failed (their --- FAIL lines in $out say why): ${failed% }" >&2
	status=1
fi
if [ -x "$BIN/escstat" ]; then
	"$BIN/escstat" "$out" || { echo "bench: escstat failed on $out" >&2; status=1; }
else
	echo "bench: no $BIN/escstat, no summary table" >&2
fi
if [ ! -x "$BIN/escplot" ]; then
	echo "bench: no $BIN/escplot, no charts" >&2
elif ! command -v gnuplot >/dev/null 2>&1; then
	echo "bench: no gnuplot, no charts (scripts/setup.sh installs gnuplot-nox)" >&2
else
	"$BIN/escplot" -o "$RESULTS/" "$out" || echo "bench: escplot exited $? (see above)" >&2
fi
exit $status
