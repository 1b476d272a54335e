#!/usr/bin/env bash
# escstat-cli.t -- escstat end to end on the project's own fixtures
# (tests/data/escstat): go test output, escbench's own output, benchstat's
# quirks, text/CSV/markdown, projections and filters, stdin, labels,
# repeated paths, and every kind of error with its exit status.
# Each golden case compares stdout with NAME.stdout and stderr with
# NAME.stderr (no .stderr file: stderr must be empty), byte for byte.
. "$(dirname "$0")/lib.sh"

data=$T_DIR/data/escstat
esc=$BIN/escstat
cd "$data" || exit 1

# golden NAME ARGS...: run escstat in the data directory, compare.  Each
# case runs twice: as is (these small files are read by one thread) and
# with ESCSTAT_PIPELINE_MIN=1, which makes every regular file go through
# the reader thread that big inputs get (parse.h).
golden() {
	local name=$1; shift
	local mode
	for mode in "" 1; do
		ESCSTAT_PIPELINE_MIN=$mode "$esc" "$@" >"$TMP/out" 2>"$TMP/err"
		local rc=$? how=${mode:+ (scanner thread)}
		is "$rc" 0 "$name$how: exit status 0"
		same_file "$TMP/out" "$name.stdout" "$name$how: stdout"
		if [ -f "$name.stderr" ]; then same_file "$TMP/err" "$name.stderr" "$name$how: stderr"
		else same_file "$TMP/err" /dev/null "$name$how: stderr is empty"; fi
	done
}

golden gotest old=gotest-old.txt new=gotest-new.txt
golden gotest-csv -format csv old=gotest-old.txt new=gotest-new.txt
golden gotest-md -format markdown old=gotest-old.txt new=gotest-new.txt
golden escbench escbench.txt
golden quirks quirks.txt
golden rowname -row .name -filter '.fullname:/^E1/ .unit:sec/op' gotest-old.txt gotest-new.txt
golden colsub -col /size,.file -filter 'Copy' --filter=.name:Copy -ignore .file gotest-new.txt
golden fixed -col '.file@(new old)' -filter '.unit:(B/s OR sec/op)' old=gotest-old.txt new=gotest-new.txt
golden dup -filter .name:E1 gotest-old.txt gotest-old.txt
golden alpha -alpha=0.0001 --confidence 0.99 old=gotest-old.txt new=gotest-new.txt
golden badlines old=gotest-old.txt bad=badlines.txt
golden exclude-col -col /format -table '' exclude.txt
golden exclude-row -row .name -col /gomaxprocs -table '' exclude.txt
golden exclude-csv -format csv -row .name -col /gomaxprocs -table '' exclude.txt
golden regexp -filter '.name:/(?i)^copy/ .unit:/^\w+\/s$/ OR .fullname:/^E\d\/h/' gotest-old.txt
golden sizes -row /size@num -col /algo,/gomaxprocs sizes.txt
golden sizes-md -format markdown -row /size@num -col /algo,/gomaxprocs sizes.txt

# stdin, labels and CRLF give the same numbers
"$esc" old=- new=gotest-new.txt <gotest-old.txt >"$TMP/stdin.out" 2>&1
same_file "$TMP/stdin.out" gotest.stdout "- reads standard input"
tr -d '\r' <gotest-old.txt | sed 's/$/\r/' >"$TMP/crlf.txt"
"$esc" old="$TMP/crlf.txt" new=gotest-new.txt >"$TMP/crlf.out" 2>&1
same_file "$TMP/crlf.out" gotest.stdout "CRLF input reads the same"

# err_case DESCRIPTION STATUS STDERR ARGS...: stdout empty, exact stderr.
err_case() {
	local what=$1 want_rc=$2 want_err=$3; shift 3
	"$esc" "$@" >"$TMP/out" 2>"$TMP/err"
	local rc=$?
	is "$rc" "$want_rc" "$what: exit status"
	is "$(cat "$TMP/err")" "$want_err" "$what: message"
	ok "$([ -s "$TMP/out" ]; echo $((1 - $?)))" "$what: nothing on stdout"
}
err_case "missing file" 0 "escstat: open nonexist.txt: no such file or directory" \
	gotest-old.txt nonexist.txt
err_case "filter syntax" 0 "$(printf 'escstat: parsing -filter: syntax error: expected value\n\tfoo:(\n\t     ^')" \
	-filter 'foo:(' gotest-old.txt
err_case "filter .config" 0 "$(printf 'escstat: parsing -filter: syntax error: .config is only allowed in projections\n\t.config:x\n\t^')" \
	-filter '.config:x' gotest-old.txt
err_case "unknown order" 0 "$(printf 'escstat: parsing -row: syntax error: unknown order "foo"\n\t.name@foo\n\t      ^')" \
	-row .name@foo gotest-old.txt
err_case "fixed .config" 0 "$(printf 'escstat: parsing -table: syntax error: fixed order not allowed for .config\n\t.config@(a)\n\t        ^')" \
	-table '.config@(a)' gotest-old.txt
err_case ".unit projection" 0 "$(printf 'escstat: parsing -col: syntax error: .unit is only allowed in filters\n\t.unit\n\t^')" \
	-col .unit gotest-old.txt
err_case "regexp end" 0 "$(printf 'escstat: parsing -filter: syntax error: missing close "/"\n\t.name:/abc\n\t      ^')" \
	-filter '.name:/abc' gotest-old.txt
err_case "value list" 0 "$(printf 'escstat: parsing -filter: syntax error: value list must be separated by OR\n\t.name:(a b)\n\t        ^')" \
	-filter '.name:(a b)' gotest-old.txt
err_case "alpha range" 0 "escstat: -alpha must be in range [0, 1]" -alpha 2 gotest-old.txt
err_case "confidence range" 0 "escstat: -confidence must be in range [0, 1]" -confidence -0.5 gotest-old.txt
err_case "format" 0 "escstat: -format must be text, csv or markdown" -format xml gotest-old.txt
printf '\xff\xfeB\0e\0n\0c\0h\0\n\0' >"$TMP/utf16.txt"
err_case "UTF-16 input" 1 "escstat: $TMP/utf16.txt: input looks like UTF-16 (convert with iconv -f UTF-16 -t UTF-8)" \
	"$TMP/utf16.txt"
printf 'BenchmarkA 1 2 x\n\0\0\0\1garbage' >"$TMP/bin.txt"
err_case "binary input" 1 "escstat: $TMP/bin.txt: input looks like a binary file" "$TMP/bin.txt"
{ head -c 65536 /dev/zero | tr '\0' x; echo; } >"$TMP/long.txt"
err_case "line over 64 KiB" 0 "escstat: $TMP/long.txt:0: bufio.Scanner: token too long" "$TMP/long.txt"
{ cat gotest-old.txt; head -c 65536 /dev/zero | tr '\0' x; echo; } >"$TMP/long2.txt"
ESCSTAT_PIPELINE_MIN=1 err_case "line over 64 KiB (scanner thread)" 0 \
	"escstat: $TMP/long2.txt:42: bufio.Scanner: token too long" "$TMP/long2.txt"

# A '{' Go reads as a literal is one in -filter's /re/ too ("{,2}" and
# "{01}" are repetitions for POSIX regcomp, and "(x{,200}){1,822}" cost it
# gigabytes)
printf 'BenchmarkA{,2} 1 1 ns/op\nBenchmarkAA 1 2 ns/op\nBenchmarkA{01} 1 3 ns/op\n' >"$TMP/brace.txt"
for f in '^A{,2}$:A{,2}' '^A{01}$:A{01}' '^A{2}$:AA' '(x{,200}){1,822}|^AA$:AA'; do
	"$esc" -filter ".name:/${f%:*}/" "$TMP/brace.txt" >"$TMP/out" 2>"$TMP/err"
	is "$?:$(awk '/±/ { printf "%s ", $1 }' "$TMP/out")" "0:${f##*:} " \
		"-filter /${f%:*}/ matches ${f##*:} only"
done

# usage errors
"$esc" >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "no inputs: exit status 2"
like "$(head -1 "$TMP/err")" '^Usage: escstat \[flags\] inputs\.\.\.$' "no inputs: usage on stderr"
"$esc" -h >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "-h: exit status 0"
like "$(cat "$TMP/err")" '-format format' "-h: flags listed"
"$esc" -nosuch gotest-old.txt >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "unknown flag: exit status 2"
is "$(head -1 "$TMP/err")" "flag provided but not defined: -nosuch" "unknown flag: Go's message"
"$esc" -alpha >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "flag without value: exit status 2"
is "$(head -1 "$TMP/err")" "flag needs an argument: -alpha" "flag without value: message"
"$esc" -alpha x gotest-old.txt >"$TMP/out" 2>"$TMP/err"
is "$(head -1 "$TMP/err")" 'invalid value "x" for flag -alpha: parse error' "bad number: message"
"$esc" -confidence=1e999 gotest-old.txt >"$TMP/out" 2>"$TMP/err"
is "$(head -1 "$TMP/err")" 'invalid value "1e999" for flag -confidence: value out of range' "number out of range: message"
"$esc" ---alpha 1 gotest-old.txt >"$TMP/out" 2>"$TMP/err"
is "$?" 2 "three dashes: exit status 2"
is "$(head -1 "$TMP/err")" "bad flag syntax: ---alpha" "three dashes: message"
# flags stop at the first input, as in Go
"$esc" gotest-old.txt -alpha >"$TMP/out" 2>"$TMP/err"
is "$(cat "$TMP/err")" "escstat: open -alpha: no such file or directory" "a flag after an input is an input"

done_testing
