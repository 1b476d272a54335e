#!/usr/bin/env bash
# malformed-escstat.t -- the malformed-input matrix for escstat: every input a
# result file can arrive as from CI logs, PowerShell pipes, hand edits and
# truncated copies.  Each case asserts the exit status (and so: no crash,
# status < 128), the exact stderr (so: no sanitizer report, the exact
# message), and what stdout holds.  benchstat's behaviour (docs/benchstat.md,
# Command line and Reader) where it is sensible: per-line errors "file:line:
# message" on stderr and the line skipped; open/read errors "escstat: ..."
# with status 0 and nothing on stdout.  Better where benchstat is silent:
# UTF-16 and binary input get a clear error and status 1; a failed write to
# stdout is an error and status 1.  Big inputs are generated here, not
# committed.
. "$(dirname "$0")/lib.sh"

esc=$BIN/escstat
cd "$TMP" || exit 1

# run ARGS...: escstat with stdout in out, stderr in err, status in rc.
run() { "$esc" "$@" >out 2>err; rc=$?; }

# case_err DESC WANT_RC WANT_STDERR ARGS...: status, exact stderr, and
# nothing on stdout (an input that cannot be read prints no table).
case_err() {
	local what=$1 want_rc=$2 want_err=$3; shift 3
	run "$@"
	is "$rc" "$want_rc" "$what: exit status $want_rc"
	is "$(cat err)" "$want_err" "$what: message"
	is "$(wc -c <out)" 0 "$what: nothing on stdout"
}

# A clean reference: two samples of one benchmark.
printf 'BenchmarkA 1 4 ns/op\nBenchmarkA 1 6 ns/op\n' >lf.txt
run x=lf.txt
cp out lf.out
is "$rc/$(cat err)" "0/" "reference file: status 0, quiet"
like "$(cat lf.out)" '^A +5\.000n ± ∞ ¹$' "reference file: median of 4 and 6 ns"

# --- files that cannot be read -------------------------------------------
: >empty.txt
run empty.txt
is "$rc/$(cat err)/$(wc -c <out)" "0//0" "empty file: status 0, no message, no output"

case_err "missing file" 0 "escstat: open nosuch.txt: no such file or directory" nosuch.txt
case_err "missing file behind a label" 0 \
    "escstat: open nosuch.txt: no such file or directory" base=nosuch.txt
case_err "missing file after a good one" 0 \
    "escstat: open nosuch.txt: no such file or directory" lf.txt nosuch.txt
mkdir adir
case_err "a directory" 0 "escstat: adir:0: read adir: is a directory" adir
case_err "a path through a file" 0 "escstat: open lf.txt/x: not a directory" lf.txt/x

# Unreadable: root reads anything, so drop to nobody with setpriv when we
# are root; as an ordinary user chmod 000 is enough.
printf 'BenchmarkS 1 5 ns/op\n' >secret.txt
chmod 000 secret.txt
if [ "$(id -u)" != 0 ]; then
	case_err "unreadable file (chmod 000)" 0 \
	    "escstat: open secret.txt: permission denied" secret.txt
elif command -v setpriv >/dev/null 2>&1 &&
     setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null &&
     setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$esc"; then
	chmod 755 "$TMP"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$esc" secret.txt >out 2>err
	rc=$?
	is "$rc" 0 "unreadable file (chmod 000, run as nobody): exit status 0"
	is "$(cat err)" "escstat: open secret.txt: permission denied" \
	    "unreadable file (chmod 000, run as nobody): message"
	is "$(wc -c <out)" 0 "unreadable file (chmod 000, run as nobody): nothing on stdout"
else
	skip "unreadable file: running as root and cannot drop to nobody (setpriv, or $esc not reachable by nobody)"
fi

"$esc" - >out 2>err <&-
rc=$?
is "$rc/$(cat err)" "0/escstat: -:0: read -: bad file descriptor" "stdin closed: read error, status 0"

# --- encodings and binary --------------------------------------------------
# Deterministic "random" bytes: the bytes of a gzip stream of the reference.
gzip -9nc lf.out lf.out lf.out >garbage.bin
case_err "binary garbage" 1 "escstat: garbage.bin: input looks like a binary file" garbage.bin
printf 'BenchmarkA 1 4 ns/op\nBenchmarkA 1 6\0 ns/op\n' >nul.txt
case_err "a NUL byte in a text file" 1 "escstat: nul.txt: input looks like a binary file" nul.txt
# A NUL past the first block (here after 1.4 MB) is found too, with its
# line, read from a file or from a pipe; no row with a name cut at the NUL.
awk 'BEGIN { for (i = 0; i < 40000; i++) printf "BenchmarkA%05d 1 %d ns/op\n", i % 100, i }' >late.txt
printf 'BenchmarkX\0Y 1 2 ns/op\nBenchmarkZ 1 3 ns/op\n' >>late.txt
case_err "a NUL byte after 1 MiB" 1 "escstat: late.txt:40001: input looks like a binary file (NUL byte)" late.txt
cat late.txt | "$esc" - >out 2>err
is "$?/$(cat err)/$(wc -c <out)" "1/escstat: -:40001: input looks like a binary file (NUL byte)/0" \
    "a NUL byte after 1 MiB, through a pipe"
head -c 3000 /dev/zero >zeros.bin
case_err "all NUL bytes: binary, not UTF-16" 1 "escstat: zeros.bin: input looks like a binary file" zeros.bin
printf '\xff\xfeB\0e\0n\0c\0h\0m\0a\0r\0k\0A\0 \0001\0 \0004\0 \0n\0s\0/\0o\0p\0\n\0' >u16le.txt
case_err "UTF-16LE with BOM" 1 \
    "escstat: u16le.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)" u16le.txt
printf '\xfe\xff\0B\0e\0n\0c\0h\0m\0a\0r\0k\0A\0 \0001\0 \0004\0 \0n\0s\0/\0o\0p\0\n' >u16be.txt
case_err "UTF-16BE with BOM" 1 \
    "escstat: u16be.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)" u16be.txt
printf 'B\0e\0n\0c\0h\0m\0a\0r\0k\0A\0 \0001\0 \0004\0 \0n\0s\0/\0o\0p\0\n\0' >u16nobom.txt
case_err "UTF-16LE without BOM (PowerShell > redirect)" 1 \
    "escstat: u16nobom.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)" u16nobom.txt
case_err "UTF-16 as the second input: nothing printed" 1 \
    "escstat: u16le.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)" lf.txt u16le.txt
printf 'BenchmarkA 1 4 ns/op\r\nBenchmarkA 1 6 ns/op\r\n' >crlf.txt
run x=crlf.txt
is "$rc/$(cat err)" "0/" "CRLF line ends: status 0, quiet"
same_file out lf.out "CRLF line ends: the same table as LF"
printf 'BenchmarkCaf\xe9 1 5 ns/op\n' >latin1.txt
run latin1.txt
is "$rc/$(cat err)" "0/" "Latin-1 byte in a name: read as bytes, not binary"
like "$(cat out)" $'^Caf\xe9 +5\\.000n' "Latin-1 byte in a name: the row keeps the byte"

# --- line length -----------------------------------------------------------
# bufio.Scanner's limit: 65535 bytes of line (a '\r' included) fit; one more
# is fatal, reported at the line before (benchstat's count).
longline() {	# longline BYTES-OF-LINE-2 [cr]
	local cr=0
	[ -n "${2:-}" ] && cr=1
	printf 'BenchmarkA 1 4 ns/op\n'
	printf 'BenchmarkA 1 6 ns/op%*s%s\n' $(( $1 - 20 - cr )) '' "${2:+$'\r'}"
}
longline 65535 >l65535.txt
longline 65536 >l65536.txt
longline 65535 cr >l65535cr.txt
longline 65536 cr >l65536cr.txt
is "$(sed -n 2p l65536.txt | wc -c)" 65537 "fixture: line 2 of l65536.txt is 65536 bytes and a newline"
run x=l65535.txt
is "$rc/$(cat err)" "0/" "a 65535-byte line: accepted"
same_file out lf.out "a 65535-byte line: trailing blanks ignored"
run x=l65535cr.txt
is "$rc/$(cat err)" "0/" "a 65535-byte line ending in CR: accepted"
case_err "a 65536-byte line" 0 "escstat: l65536.txt:1: bufio.Scanner: token too long" l65536.txt
case_err "a 65536-byte line ending in CR" 0 \
    "escstat: l65536cr.txt:1: bufio.Scanner: token too long" l65536cr.txt
head -c 200000 /dev/zero | tr '\0' 'x' >oneline.txt
case_err "200 kB without a newline" 0 "escstat: oneline.txt:0: bufio.Scanner: token too long" oneline.txt

# A 3000-byte benchmark name is a row label like any other.
name=$(printf 'N%.0s' $(seq 3000))
printf 'Benchmark%s 1 5 ns/op\n' "$name" >longname.txt
run longname.txt
is "$rc/$(cat err)" "0/" "a 3000-byte name: status 0, quiet"
is "$(grep -Ec "^$name +5\.000n" out)" 1 "a 3000-byte name: printed whole as the row label"

# --- values and iteration counts -------------------------------------------
printf '%s\n' 'BenchmarkA 1 NaN ns/op' 'BenchmarkA 1 nan ns/op' 'BenchmarkB 1 +Inf ns/op' \
    'BenchmarkB 1 -inf ns/op' 'BenchmarkC 1 5 ns/op' >naninf.txt
run naninf.txt
is "$rc/$(cat err)" "0/" "NaN and Inf values: accepted as benchstat does"
like "$(cat out)" '^A +NaNn ± ∞' "NaN values: median NaN, tidied to sec/op"
like "$(cat out)" '│ +ns/op +│' "+-Inf values keep the untidied unit ns/op (benchstat's quirk)"
like "$(cat out)" 'summaries must be >0 to compute geomean' "NaN values: no geomean, with benchstat's note"

printf '%s\n' 'BenchmarkA 1 4 ns/op' 'BenchmarkA 1 1e999 ns/op' 'BenchmarkA 1 -1e999 ns/op' \
    'BenchmarkA 1 6 ns/op' >overflow.txt
run x=overflow.txt
is "$(cat err)" "overflow.txt:2: parsing measurement: value out of range
overflow.txt:3: parsing measurement: value out of range" "1e999 and -1e999: value out of range, per line"
is "$rc" 0 "1e999: status 0 (the line is skipped)"
same_file out lf.out "1e999: the other lines are used"

printf '%s\n' 'BenchmarkA -4 4 ns/op' 'BenchmarkA 9223372036854775807 6 ns/op' >iters.txt
run x=iters.txt
is "$rc/$(cat err)" "0/" "negative and maximal int64 iteration counts: accepted"
same_file out lf.out "iteration counts are not used"
printf '%s\n' 'BenchmarkA 9223372036854775808 4 ns/op' 'BenchmarkA -9223372036854775809 4 ns/op' \
    'BenchmarkA 1e3 4 ns/op' 'BenchmarkA 1 4 ns/op' 'BenchmarkA 1 6 ns/op' >bigiters.txt
run x=bigiters.txt
is "$(cat err)" "bigiters.txt:1: parsing iteration count: value out of range
bigiters.txt:2: parsing iteration count: value out of range
bigiters.txt:3: parsing iteration count: invalid syntax" "huge iteration counts: out of range; 1e3: invalid syntax"
same_file out lf.out "huge iteration counts: those lines skipped"

printf '%s\n' 'BenchmarkA 1 4 ns/op' 'BenchmarkA 1 5' 'BenchmarkA 1 ns/op' 'BenchmarkA 1' \
    'BenchmarkA ' 'BenchmarkA' 'Benchmark' 'BenchmarkA 1 5 ns/op extra' 'BenchmarkA 1 0x10 ns/op' \
    'BenchmarkA 1 6 ns/op' >units.txt
run x=units.txt
is "$(cat err)" "units.txt:2: missing units
units.txt:3: parsing measurement: invalid syntax
units.txt:4: missing measurements
units.txt:5: missing iteration count
units.txt:8: parsing measurement: invalid syntax
units.txt:9: parsing measurement: invalid syntax" \
    "value without unit, unit without value, no values, no count, trailing token, 0x10"
same_file out lf.out "bad lines skipped, bare BenchmarkA and Benchmark skipped silently"

printf '%s\n' 'Unit' 'Unit ns/op foo' 'Unit ns/op =x' 'Unit ns/op assume=exact' \
    'Unit ns/op assume=nothing' 'Unit sec/op assume=exact' 'BenchmarkA 1 5 ns/op' >unit.txt
run unit.txt
is "$(cat err)" "unit.txt:1: missing unit
unit.txt:2: expected key=value
unit.txt:3: expected key=value
unit.txt:5: metadata assume of unit ns/op already set to exact" "Unit lines: benchstat's messages"
like "$(cat out)" '^A +5\.000n ± 0%$' "Unit lines: assume=exact applied (sec/op is ns/op tidied)"

# --- truncation --------------------------------------------------------------
printf 'BenchmarkA 1 4 ns/op\nBenchmarkA 1 6 ns/op' >nonl.txt
run x=nonl.txt
is "$rc/$(cat err)" "0/" "last line without a newline: read"
same_file out lf.out "last line without a newline: used"
printf 'BenchmarkA 1 4 ns/op\nBenchmarkA 1 6 ns/op\nBenchmarkA 1 7' >cut.txt
run x=cut.txt
is "$(cat err)" "cut.txt:3: missing units" "truncated last line: missing units at line 3"
same_file out lf.out "truncated last line: the complete lines are used"

# --- size --------------------------------------------------------------------
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "BenchmarkB%06d 1 %d ns/op\n", i, 100 + i % 7 }' >many.txt
run many.txt
is "$rc/$(cat err)" "0/" "100 000 benchmarks: status 0, quiet"
is "$(grep -c '^B[0-9]\{6\} ' out)" 100000 "100 000 benchmarks: 100 000 rows"
like "$(grep '^geomean' out)" '^geomean +103\.0n' "100 000 benchmarks: geomean row"
awk 'BEGIN { printf "BenchmarkW 1"; for (i = 0; i < 1000; i++) printf " %d u%d", i + 1, i; print "" }' >wide.txt
run wide.txt
is "$rc/$(cat err)" "0/" "1000 measurements on one line: status 0, quiet"
is "$(grep -c '^W ' out)" 1000 "1000 measurements on one line: 1000 tables"

# --- stdout that cannot be written -------------------------------------------
"$esc" lf.txt >&- 2>err
rc=$?
is "$rc" 1 "stdout closed: exit status 1"
like "$(cat err)" '^escstat: write error: [Bb]ad file descriptor$' "stdout closed: write error"
if [ -w /dev/full ]; then
	"$esc" lf.txt >/dev/full 2>err
	rc=$?
	is "$rc" 1 "stdout on a full disk: exit status 1"
	like "$(cat err)" '^escstat: write error: [Nn]o space left on device$' "stdout on a full disk: write error"
else
	skip "no /dev/full"
fi
done_testing
