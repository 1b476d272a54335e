#!/usr/bin/env bash
# malformed-escplot.t -- the malformed-input matrix, escplot's share: the
# same reader as escstat (stats/parse.c), so the same messages, with
# escplot's own prefix and status (1 when nothing can be drawn).  Each case
# asserts the status (no crash: < 128), the exact stderr (no sanitizer
# report) and that nothing was drawn.  The chart-drawing cases need gnuplot
# and are skipped without it.
. "$(dirname "$0")/lib.sh"

plot=$BIN/escplot
data=$TOP/tests/data/malformed
cd "$TMP" || exit 1

# case_err DESC WANT_RC WANT_STDERR ARGS...: status, exact stderr, no chart.
case_err() {
	local what=$1 want_rc=$2 want_err=$3; shift 3
	rm -rf charts
	"$plot" -o charts "$@" >out 2>err
	local rc=$?
	is "$rc" "$want_rc" "$what: exit status $want_rc"
	is "$(cat err)" "$want_err" "$what: message"
	is "$(cat out; ls charts 2>/dev/null)" "" "$what: no chart, nothing on stdout"
}
none="escplot: no benchmark results in the input"
u16="input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)"

: >empty.txt
case_err "empty file" 1 "$none" empty.txt
mkdir adir
case_err "a directory" 1 "escplot: adir:0: read adir: is a directory
$none" adir
gzip -9nc "$data/old.txt" >garbage.bin
case_err "binary garbage" 1 "escplot: garbage.bin: input looks like a binary file
$none" garbage.bin
printf 'BenchmarkA 1 4 ns/op\nBenchmarkA 1 6\0 ns/op\n' >nul.txt
case_err "a NUL byte" 1 "escplot: nul.txt: input looks like a binary file
$none" nul.txt
printf '\xff\xfeB\0e\0n\0c\0h\0\n\0' >u16le.txt
case_err "UTF-16LE with BOM" 1 "escplot: u16le.txt: $u16
$none" u16le.txt
printf '\xfe\xff\0B\0e\0n\0c\0h\0\n' >u16be.txt
case_err "UTF-16BE with BOM" 1 "escplot: u16be.txt: $u16
$none" u16be.txt
head -c 70000 /dev/zero | tr '\0' 'x' >oneline.txt
case_err "70 kB without a newline" 1 "escplot: oneline.txt:0: bufio.Scanner: token too long
$none" oneline.txt
printf 'BenchmarkT 10 5' >cut.txt
case_err "truncated last line" 1 "escplot: cut.txt:1: missing units
$none" cut.txt
printf 'BenchmarkA 1 1e999 ns/op\nBenchmarkA 99999999999999999999 5 ns/op\n' >range.txt
case_err "values and counts out of range" 1 "escplot: range.txt:1: parsing measurement: value out of range
escplot: range.txt:2: parsing iteration count: value out of range
$none" range.txt

# Drawing cases: need gnuplot.
if ! command -v gnuplot >/dev/null 2>&1; then
	skip "gnuplot is not installed: stdout cases"
	done_testing
	exit
fi
rm -rf charts
"$plot" -o charts -format svg "$data/old.txt" >&- 2>err
rc=$?
is "$rc" 1 "stdout closed: exit status 1"
like "$(cat err)" '^escplot: writing standard output: [Bb]ad file descriptor$' "stdout closed: write error"
if [ -w /dev/full ]; then
	"$plot" -o charts -format svg "$data/old.txt" >/dev/full 2>err
	rc=$?
	is "$rc" 1 "stdout on a full disk: exit status 1"
	like "$(cat err)" '^escplot: writing standard output: [Nn]o space left on device$' "stdout on a full disk: write error"
fi
done_testing
