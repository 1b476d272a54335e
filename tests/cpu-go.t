#!/bin/bash
# cpu-go.t -- C and Go results of one machine land in one table: escbench's
# config lines (goos:, goarch:, pkg:, cpu:) are byte for byte those of
# `go test -bench` for the Go twins (cases/go) on this machine, so escstat's
# C=/Go= comparison has both columns; and `make bench` says so when the
# newest Go results beside the new file have other config lines.  The Go
# part runs when a Go toolchain is found ($GO, default go) and is skipped
# with the reason otherwise; the CPUID and /proc/cpuinfo decoding is
# tested without Go in tests/unit/test_harness_cpuname.c.
. "$(dirname "$0")/lib.sh"

# config FILE: its config lines (key: value before the first result).
config() { awk '/^Benchmark/ { exit } /^[a-z][^[:space:]:]*: /' "$1"; }

# --- scripts/confignote.sh on fixed files --------------------------------
. "$TOP/scripts/confignote.sh"
d=$TMP/note
mkdir -p "$d"
mk() {  # mk FILE CPU [GOARCH]: a results file with those config lines
	printf 'goos: linux\ngoarch: %s\npkg: escbench\ncpu: %s\n# note: x\n' "${3:-amd64}" "$2" >"$1"
	printf 'BenchmarkSink/any-2\t100\t10.0 ns/op\n' >>"$1"
}
mk "$d/c.txt" 'Oxide Virtual Turin-like Processor             '
config_note "$d/c.txt" "$d" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:" "no Go results: no note"
mk "$d/2026-12-06-vm-go.txt" 'Oxide Virtual Turin-like Processor             '
config_note "$d/c.txt" "$d" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:" "the same config lines: no note"
mk "$d/2026-12-06-vm-go-2.txt" 'AMD EPYC'
touch -d '2020-01-01 10:00' "$d/2026-12-06-vm-go.txt"
touch -d '2020-01-01 11:00' "$d/2026-12-06-vm-go-2.txt"
config_note "$d/c.txt" "$d" 2>"$TMP/err"
is "$?:$(cat "$TMP/err")" "0:bench: note: $d/2026-12-06-vm-go-2.txt (the newest Go results) has other config lines than $d/c.txt:
bench:   C:  'cpu: Oxide Virtual Turin-like Processor             '
bench:   Go: 'cpu: AMD EPYC'
bench: escstat shows them in separate tables; for Go results from this machine run make bench-go;
bench: to compare results from different machines: $BIN/escstat -ignore cpu C=$d/c.txt Go=$d/2026-12-06-vm-go-2.txt" \
	"the newest Go results differ in cpu: the note quotes both lines (trailing blanks) and names -ignore cpu"
touch -d '2020-01-01 12:00' "$d/2026-12-06-vm-go.txt"
config_note "$d/c.txt" "$d" 2>"$TMP/err"
is "$(cat "$TMP/err")" "" "the newest Go results (by time, not name) agree: no note"
mk "$d/2026-12-07-arm-go.txt" 'AMD EPYC' arm64
touch -d '2020-01-01 13:00' "$d/2026-12-07-arm-go.txt"
config_note "$d/c.txt" "$d" 2>"$TMP/err"
like "$(cat "$TMP/err")" "^bench: to compare results from different machines: .*/escstat -ignore goarch,cpu C=" \
	"two keys differ: -ignore names both"
mk "$d/2026-12-07-arm-go.txt" 'Oxide Virtual Turin-like Processor'
touch -d '2020-01-01 13:00' "$d/2026-12-07-arm-go.txt"
config_note "$d/c.txt" "$d" 2>"$TMP/err"
like "$(cat "$TMP/err")" "^bench:   Go: 'cpu: Oxide Virtual Turin-like Processor'\$" \
	"trailing blanks alone make another cpu line"

# --- escbench, go test and escstat on this machine ------------------------
GO=${GO:-go}
if ! command -v "$GO" >/dev/null 2>&1; then
	skip "no Go toolchain ($GO not found): go test's config lines cannot be compared"
	done_testing
	exit
fi
res=$TMP/res
mkdir -p "$res"
# The Go twins once each, briefly, as make bench-go runs them (offline,
# GOCACHE in build/go-cache).
COUNT=1 BENCHTIME=100x RESULTS=$res GO=$GO "$TOP/scripts/bench-go.sh" 2>"$TMP/go-err"
st=$?
ok $st "make bench-go's script ran the Go twins (status $st)"
[ $st = 0 ] || sed 's/^/# /' "$TMP/go-err" | tail -20
gofile=$(ls "$res"/*-go.txt 2>/dev/null | head -n 1)
# Then the C suite's Sink as make bench runs it, into the same directory.
BIN=$BIN RESULTS=$res COUNT=1 BENCHTIME=100x PRECISION=off SHUFFLE=off COUNTERS=none \
	"$TOP/scripts/bench.sh" -bench 'Sink' >"$TMP/c-out" 2>"$TMP/c-err"
st=$?
ok $st "make bench's script ran the C Sink (status $st)"
[ $st = 0 ] || sed 's/^/# /' "$TMP/c-err" | tail -20
cfile=$(ls "$res"/*.txt | grep -v -- '-go\.txt$' | head -n 1)
if [ -z "$gofile" ] || [ -z "$cfile" ]; then
	ok 1 "both results files written (Go: '$gofile', C: '$cfile')"
	done_testing
	exit
fi
config "$gofile" | sed 's/^/# go test: /; s/$/|/'
is "$(config "$cfile")|" "$(config "$gofile")|" "escbench's config lines are go test's, byte for byte"
like "$(config "$gofile" | cut -d: -f1 | paste -sd' ' -)" '^goos goarch pkg( cpu)?$' \
	"go test printed goos, goarch, pkg (and cpu when it has a name)"
is "$(grep -c '^bench: note:' "$TMP/c-err")" 0 \
	"make bench's script prints no config note for results of one machine"

"$BIN/escstat" -filter .name:Sink C="$cfile" Go="$gofile" >"$TMP/stat" 2>"$TMP/stat-err"
is "$?" 0 "escstat C= Go= exits 0"
is "$(grep -c '^cpu: ' "$TMP/stat")" "$(grep -c '^cpu: ' "$gofile")" "escstat: one table group, not one per file"
like "$(cat "$TMP/stat")" '│ +C +│ +Go +│' "escstat: C and Go columns side by side"
like "$(grep '^Sink/any-2 ' "$TMP/stat" | head -n 1)" \
	'^Sink/any-2 +[0-9.]+[^ ]* ± [^ ]+ ¹? +[0-9.]+[^ ]* ± [^ ]+ ¹? +(~|[+-][0-9.]+%) +\(p=' \
	"escstat: Sink/any has a C value, a Go value and a comparison"

# A Go results file from another machine beside the C file: bench.sh says so.
mk "$res/2099-01-01-elsewhere-go.txt" 'Some Other CPU @ 3.00GHz'
BIN=$BIN RESULTS=$res COUNT=1 BENCHTIME=10x PRECISION=off SHUFFLE=off COUNTERS=none \
	"$TOP/scripts/bench.sh" -bench 'Sink/typed' >/dev/null 2>"$TMP/c-err"
like "$(cat "$TMP/c-err")" "^bench:   Go: 'cpu: Some Other CPU @ 3\\.00GHz'\$" \
	"make bench's script notes the newest Go results' other cpu line"
like "$(cat "$TMP/c-err")" "^bench: to compare results from different machines: $BIN/escstat -ignore cpu C=" \
	"and names escstat -ignore cpu"
done_testing
