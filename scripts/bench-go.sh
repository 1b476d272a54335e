#!/bin/sh
# bench-go.sh -- what `make bench-go` runs: the Go twins of the suite
# (cases/go) with `go test -bench . -benchmem -count 10`, into
# results/<YYYY-MM-DD>-<host>-go.txt, written atomically as scripts/bench.sh
# writes the C results (never over an existing file: -2, -3, ... suffixes).
# Without a Go toolchain it says so and exits 0.
#
# Offline: the module has no requirements, GOPROXY=off, and the build cache
# lives in build/go-cache.  Environment: COUNT (10), BENCHTIME (Go's
# default, 1s), RESULTS (results), GO (the go command, default go).

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/scripts/place.sh"
cd "$top" || exit 1
COUNT=${COUNT:-10}
BENCHTIME=${BENCHTIME:-1s}
RESULTS=${RESULTS:-results}
GO=${GO:-go}

if ! command -v "$GO" >/dev/null 2>&1; then
	echo "bench-go: no Go toolchain ($GO not found); the Go twins were not run" >&2
	exit 0
fi
mkdir -p "$RESULTS" build/go-cache || exit 1
export GOPROXY=off GOFLAGS=-mod=mod GO111MODULE=on GOCACHE="$top/build/go-cache"

host=$(hostname -s 2>/dev/null || hostname)
base=$RESULTS/$(date -u +%Y-%m-%d)-$host-go
tmp=$(mktemp "$RESULTS/.bench-go-XXXXXX") || exit 1
trap 'rm -f "$tmp"' EXIT
chmod 644 "$tmp"
trap 'exit 130' INT TERM

echo "bench-go: $("$GO" version): go test -run '^\$' -bench . -benchmem -count $COUNT -benchtime $BENCHTIME" >&2
t0=$(date +%s.%N)
(cd cases/go && "$GO" test -run '^$' -bench . -benchmem -count "$COUNT" \
	-benchtime "$BENCHTIME") >"$tmp"
st=$?
t1=$(date +%s.%N)
wall=$(echo "$t0 $t1" | awk '{printf "%.1f", $2 - $1}')
if [ $st != 0 ] || ! grep -q '^Benchmark' "$tmp"; then
	cat "$tmp" >&2
	echo "bench-go: go test failed (exit status $st) after $wall s; no results file written" >&2
	exit 1
fi
printf '# bench-go.sh: %s, wall time %s s for -count %s -benchtime %s\n' \
	"$("$GO" version)" "$wall" "$COUNT" "$BENCHTIME" >>"$tmp"

place_results "$tmp" "$base" bench-go || exit 1
echo "bench-go: wrote $out (wall time $wall s)" >&2
