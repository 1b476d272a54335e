#!/bin/sh
# bench-parallel.sh -- the parallel rows: E1ReturnPointerParallel and
# SinkParallel (bench_run_parallel in C, b.RunParallel in Go) with each
# thread count of CPUS (-cpu 1,2,4: the -N suffix, none for 1), written
# atomically as scripts/bench.sh writes its results (never over an
# existing file: -2, -3, ... suffixes):
#
#   c      bin/escbench under glibc     results/<date>-<host>-parallel.txt
#   go     go test (cases/go)           results/<date>-<host>-parallel-go.txt
#   alloc  bin/escbench under each of jemalloc, mimalloc and tcmalloc that
#          is installed (LD_PRELOAD)    results/<date>-<host>-parallel-<name>.txt
#   chart  the tables (scripts/parallel-report.sh) and the sweep chart of
#          ns/op against threads, C and Go, from this run's files, or the
#          newest ones in RESULTS
#
# Usage: scripts/bench-parallel.sh [c] [go] [alloc] [chart]  (default: all)
# `make bench` runs `c`, `make bench-go` runs `go`, `make bench-parallel`
# all four.  Environment: BIN (bin), RESULTS (results), CPUS (1,2,4),
# COUNT (10), BENCHTIME (20ms, C), GOBENCHTIME (200ms), GO (go), LIBDIR
# (where the allocators are; default /usr/lib/<multiarch>).  The serial
# suite's runs (make bench, make bench-go) include these benchmarks too,
# at the default P (the CPUs usable, as go test's GOMAXPROCS).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/place.sh"
cd "$top" || exit 1
BIN=${BIN:-bin}
RESULTS=${RESULTS:-results}
CPUS=${CPUS:-1,2,4}
COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-20ms}
GOBENCHTIME=${GOBENCHTIME:-200ms}
GO=${GO:-go}
LIBDIR=${LIBDIR:-/usr/lib/$(cc -print-multiarch 2>/dev/null)}
SEL='Parallel'

steps=${*:-c go alloc chart}
mkdir -p "$RESULTS" || exit 1
host=$(hostname -s 2>/dev/null || hostname)
base=$RESULTS/$(date -u +%Y-%m-%d)-$host-parallel
tmp=
trap 'rm -f "$tmp"' EXIT
trap 'exit 130' INT TERM
c_file='' go_file='' alloc_args='' status=0

# measure NAME PROG...: run PROG into a temporary file and place it as
# $base$NAME.txt; sets $out.  Fails without a results file when PROG fails
# or prints no result.
measure() {
	suffix=$1
	shift
	tmp=$(mktemp "$RESULTS/.bench-parallel-XXXXXX") || return 1
	chmod 644 "$tmp"
	t0=$(date +%s.%N)
	"$@" >"$tmp"
	st=$?
	t1=$(date +%s.%N)
	wall=$(echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}')
	if [ $st != 0 ] || ! grep -q '^Benchmark' "$tmp"; then
		echo "bench-parallel: failed (exit status $st) after $wall s; no results file written" >&2
		rm -f "$tmp"
		return 1
	fi
	printf '# bench-parallel.sh: wall time %s s for %s\n' "$wall" "$cmd" >>"$tmp"
	place_results "$tmp" "$base$suffix" bench-parallel || return 1
	rm -f "$tmp"
	echo "bench-parallel: wrote $out (wall time $wall s)" >&2
}

# escbench_run: the C suite's parallel rows, repetitions interleaved.
# $preload: the allocator to preload, or empty.  Each run sets $cmd to
# what it runs, for the results file's last line.
preload=
escbench_run() {
	cmd="${preload:+LD_PRELOAD=$preload }$BIN/escbench -bench $SEL -cpu $CPUS -count $COUNT -benchtime $BENCHTIME -shuffle on -counters none"
	echo "bench-parallel: $cmd" >&2
	env ${preload:+LD_PRELOAD="$preload"} "$BIN/escbench" -bench "$SEL" -cpu "$CPUS" \
		-count "$COUNT" -benchtime "$BENCHTIME" -shuffle on -counters none
}

go_run() {
	cmd="$("$GO" version): go test -run '^\$' -bench $SEL -benchmem -cpu $CPUS -count $COUNT -benchtime $GOBENCHTIME"
	echo "bench-parallel: $cmd" >&2
	(cd cases/go && "$GO" test -run '^$' -bench "$SEL" -benchmem -cpu "$CPUS" \
		-count "$COUNT" -benchtime "$GOBENCHTIME")
}

# newest PATTERN...: the newest existing file among the patterns.
newest() {
	# shellcheck disable=SC2012 # names are ours: date-host-parallel...
	ls -t "$@" 2>/dev/null | head -1
}

for step in $steps; do
	case $step in
	c)
		if [ ! -x "$BIN/escbench" ]; then
			echo "bench-parallel: no $BIN/escbench; run make first" >&2
			exit 1
		fi
		measure "" escbench_run && c_file=$out || status=1
		;;
	go)
		if ! command -v "$GO" >/dev/null 2>&1; then
			echo "bench-parallel: no Go toolchain ($GO not found); the Go twins were not run" >&2
			continue
		fi
		mkdir -p build/go-cache || exit 1
		export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOCACHE="$top/build/go-cache"
		measure -go go_run && go_file=$out || status=1
		;;
	alloc)
		for a in jemalloc:libjemalloc.so.2 mimalloc:libmimalloc.so.2 \
			tcmalloc:libtcmalloc_minimal.so.4; do
			name=${a%%:*} so=${a#*:}
			if [ ! -e "$LIBDIR/$so" ]; then
				echo "bench-parallel: $name: no $LIBDIR/$so (scripts/setup.sh installs it)" >&2
				continue
			fi
			preload=$LIBDIR/$so
			if measure "-$name" escbench_run; then
				alloc_args="$alloc_args $name=$out"
			else
				status=1
			fi
			preload=
		done
		;;
	chart)
		[ -n "$c_file" ] || c_file=$(newest "$RESULTS"/*-parallel.txt "$RESULTS"/*-parallel-[0-9]*.txt)
		[ -n "$go_file" ] || go_file=$(newest "$RESULTS"/*-parallel-go.txt "$RESULTS"/*-parallel-go-[0-9]*.txt)
		if [ -z "$alloc_args" ]; then
			for name in jemalloc mimalloc tcmalloc; do
				f=$(newest "$RESULTS"/*-parallel-$name.txt "$RESULTS"/*-parallel-$name-[0-9]*.txt)
				[ -n "$f" ] && alloc_args="$alloc_args $name=$f"
			done
		fi
		if [ -z "$c_file" ]; then
			echo "bench-parallel: no C parallel results in $RESULTS; run the c step first" >&2
			status=1
			continue
		fi
		# shellcheck disable=SC2086 # $alloc_args is a list of label=file words
		BIN=$BIN scripts/parallel-report.sh -chart "$RESULTS" C="$c_file" \
			${go_file:+Go="$go_file"} $alloc_args || status=1
		;;
	*)
		echo "bench-parallel: unknown step $step (want c, go, alloc, chart)" >&2
		exit 2
		;;
	esac
done
exit $status
