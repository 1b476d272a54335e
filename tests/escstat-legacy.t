#!/usr/bin/env bash
# escstat-legacy.t -- `escstat -legacy`, the pre-2023 benchstat: our own
# fixtures (tests/data/legacy: two packages, an outlier, 0 B/op, a bad value,
# a line with 0 iterations, a CRLF line, a benchmark in one file only, values
# whose squares overflow so that Welch's degrees of freedom are NaN, a line
# of 68 fields) under
# each flag, byte for byte against the expected files (cases.tsv lists
# them); then the command-line errors with their messages and statuses.
# The real-world corpus runs in tests/unit/test_legacy_realworld.c.
. "$(dirname "$0")/lib.sh"

D=$T_DIR/data/legacy
ESC=$BIN/escstat

cd "$D" || exit 1
while IFS=$'\t' read -r name rc args; do
	case $name in '#'*|'') continue ;; esac
	eval "\"\$ESC\" -legacy $args" >"$TMP/$name.out" 2>"$TMP/$name.err"
	is "$?" "$rc" "$name: exit status"
	same_file "$TMP/$name.out" "$D/$name.stdout" "$name: stdout ($args)"
	if [ -f "$D/$name.stderr" ]; then
		same_file "$TMP/$name.err" "$D/$name.stderr" "$name: stderr"
	else
		is "$(cat "$TMP/$name.err")" "" "$name: nothing on stderr"
	fi
done <"$D/cases.tsv"

# run ARGS...: escstat -legacy ARGS, stdout and stderr into $TMP/o and $TMP/e
run() { "$ESC" -legacy "$@" >"$TMP/o" 2>"$TMP/e"; echo $?; }

# usage errors: the old tool's flag.Usage, status 2, nothing on stdout
is "$(run)" 2 "no inputs: status 2"
like "$(head -1 "$TMP/e")" '^usage: escstat -legacy \[options\] old\.txt \[new\.txt\] \[more\.txt \.\.\.\]$' \
	"no inputs: usage on stderr"
is "$(wc -c <"$TMP/o")" 0 "no inputs: nothing on stdout"
is "$(run -delta-test bogus old.txt)" 2 "unknown -delta-test: status 2"
like "$(head -1 "$TMP/e")" '^usage: ' "unknown -delta-test: usage"
is "$(run -sort bogus old.txt)" 2 "unknown -sort: status 2"
is "$(run -sort -bogus old.txt)" 2 "unknown reversed -sort: status 2"
is "$(run -nosuch old.txt)" 2 "unknown flag: status 2"
is "$(head -1 "$TMP/e")" "flag provided but not defined: -nosuch" "unknown flag: Go's message"
is "$(run -alpha x old.txt)" 2 "bad -alpha: status 2"
is "$(head -1 "$TMP/e")" 'invalid value "x" for flag -alpha: parse error' "bad -alpha: message"
is "$(run -csv=maybe old.txt)" 2 "bad boolean: status 2"
is "$(head -1 "$TMP/e")" 'invalid boolean value "maybe" for -csv: parse error' "bad boolean: message"
is "$(run -split)" 2 "flag without its argument: status 2"
is "$(head -1 "$TMP/e")" "flag needs an argument: -split" "flag without its argument: message"
is "$(run -h)" 2 "-h: the old tool's usage exits 2"
like "$(head -1 "$TMP/e")" '^usage: ' "-h: usage"

# flags stop at the first file: a later "-geomean" is a file name
is "$(run old.txt -geomean)" 1 "flag after a file: an input that cannot be opened"
is "$(cat "$TMP/e")" "escstat: open -geomean: no such file or directory" "flag after a file: message"
is "$(wc -c <"$TMP/o")" 0 "flag after a file: nothing on stdout"
is "$(run -csv=false -html=0 old.txt | head -1)" 0 "-csv=false -html=0: status 0"
same_file "$TMP/o" "$D/one.stdout" "-csv=false -html=0: the text table"

# input errors: log.Fatal, status 1, nothing on stdout even for the files
# read before
is "$(run old.txt missing.txt)" 1 "missing file: status 1"
is "$(cat "$TMP/e")" "escstat: open missing.txt: no such file or directory" "missing file: message"
is "$(wc -c <"$TMP/o")" 0 "missing file: nothing on stdout"
{ printf 'BenchmarkLong 1 1 ns/op '; head -c 70000 /dev/zero | tr '\0' x; echo; } >"$TMP/long.txt"
is "$(run old.txt "$TMP/long.txt")" 1 "line over 64 KiB: status 1"
is "$(cat "$TMP/e")" "escstat: bufio.Scanner: token too long" "line over 64 KiB: message"
is "$(run "$D")" 1 "a directory: status 1"
is "$(cat "$TMP/e")" "escstat: read $D: is a directory" "a directory: message"

# an empty input prints nothing, in every format
: >"$TMP/empty.txt"
is "$(run "$TMP/empty.txt"; wc -c <"$TMP/o")" "0
0" "empty input: no table, status 0"
run -html "$TMP/empty.txt" >/dev/null
is "$(grep -c '<table' "$TMP/o")" 0 "empty input, -html: the page without a table"
like "$(tail -2 "$TMP/o" | tr '\n' ' ')" '^</body> </html> $' "empty input, -html: the footer"

# the current escstat is untouched without -legacy
"$ESC" old.txt >"$TMP/o" 2>"$TMP/e"
like "$(head -5 "$TMP/o" | tail -1)" '│' "without -legacy: the current benchstat's table"
done_testing
