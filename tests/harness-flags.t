#!/usr/bin/env bash
# harness-flags.t -- bad command lines: the reason and the usage on stderr,
# nothing on stdout, exit status 2; -h prints the usage and exits 0.
. "$(dirname "$0")/lib.sh"

ESC=$BIN/escbench

# bad ARGS... EXPECTED-FIRST-LINE: run, check status 2, message, usage, stdout
bad() {
	local want=${*: -1}
	"$ESC" "${@:1:$#-1}" >"$TMP/out" 2>"$TMP/err"; local rc=$?
	is "$rc" 2 "$* -> exit 2"
	is "$(head -1 "$TMP/err")" "$want" "$* -> message"
	is "$(sed -n 2p "$TMP/err")" "usage: escbench [flags]" "$* -> usage follows"
	is "$(wc -c <"$TMP/out" | tr -d ' ')" 0 "$* -> nothing on stdout"
}

bad -nope "escbench: flag provided but not defined: -nope"
bad -bench "escbench: flag needs an argument: -bench"
bad -count x 'escbench: invalid value "x" for flag -count: must be a whole number from 1 to 1000000000'
bad -benchtime 0s 'escbench: invalid value "0s" for flag -benchtime: invalid duration'
bad -benchtime 10 'escbench: invalid value "10" for flag -benchtime: invalid duration'
bad --benchtime=-1x 'escbench: invalid value "-1x" for flag -benchtime: invalid count'
bad -benchmem=yes 'escbench: invalid boolean value "yes" for -benchmem: parse error'
bad -timeout 5 'escbench: invalid value "5" for flag -timeout: invalid duration'
bad Empty "escbench: unexpected argument: Empty"
bad -bench 'Empty/(' 'escbench: invalid regexp for element 1 of -bench ("("): error parsing regexp: missing closing ): `(`'
bad -list '[' 'escbench: invalid regexp "[": error parsing regexp: missing closing ]: `[`'
# What Go's regexp/syntax rejects is refused before regcomp sees it (POSIX
# regcomp took a lone ")" as a literal, and spent minutes and gigabytes
# expanding nested counts).
bad -bench ')' 'escbench: invalid regexp for element 0 of -bench (")"): error parsing regexp: unexpected ): `)`'
bad -bench 'Sink|a**' 'escbench: invalid regexp for alternation 1 of element 0 of -bench ("a**"): error parsing regexp: invalid nested repetition operator: `**`'
bad -bench '((a{1,200}){1,200}){1,200}' 'escbench: invalid regexp for element 0 of -bench ("((a{1,200}){1,200}){1,200}"): error parsing regexp: invalid repeat count: `{1,200}`'
bad -bench 'Sink/x{1001}' 'escbench: invalid regexp for element 1 of -bench ("x{1001}"): error parsing regexp: invalid repeat count: `{1001}`'
bad -list '(a{1000}){2}' 'escbench: invalid regexp "(a{1000}){2}": error parsing regexp: invalid repeat count: `{2}`'
# A '{' Go reads as a literal stays one: "Sink{,2}" is the text "Sink{,2}"
# (POSIX regcomp reads a repetition: it listed the Sink benchmarks, and
# spent gigabytes on "(x{,200}){1,822}").
"$ESC" -list 'Sink{,2}' >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/out" "$TMP/err")" "0:" "-list 'Sink{,2}': a literal brace, nothing matches"
"$ESC" -list 'Sink{1}' >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(grep -c '^BenchmarkSink' "$TMP/out")" "0:2" "-list 'Sink{1}': a count, Sink and SinkParallel"
# RE2's shorthands and a leading (?i), as in Go (POSIX has neither: "\d"
# matched a "d", "(?i)" was an error)
"$ESC" -list 'E\d' >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(grep -c '^BenchmarkE[1-6]' "$TMP/out"):$(wc -l <"$TMP/out")" "0:7:7" "-list 'E\\d': E1-E6 and E1ReturnPointerParallel"
"$ESC" -list '(?i)sink$' >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(cat "$TMP/out")" "0:BenchmarkSink" "-list '(?i)sink\$': case-insensitive"
"$ESC" -bench '(x{,200}){1,822}' -benchtime 1x >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc:$(grep -c '^Benchmark' "$TMP/out")" "0:0" "-bench '(x{,200}){1,822}': compiled at once, nothing matches"

# An unknown counter event is found where the counters open (the child):
# still a usage error, before any result.
"$ESC" -counters NO_SUCH_EVENT -bench Empty -benchtime 1x >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 2 "-counters NO_SUCH_EVENT -> exit 2"
like "$(head -1 "$TMP/err")" "^escbench: -counters: .*NO_SUCH_EVENT" "-counters NO_SUCH_EVENT -> message"
is "$(sed -n 2p "$TMP/err")" "usage: escbench [flags]" "-counters NO_SUCH_EVENT -> usage follows"
is "$(grep -c '^Benchmark' "$TMP/out")" 0 "-counters NO_SUCH_EVENT -> no result"

"$ESC" -h >"$TMP/out" 2>"$TMP/err"; rc=$?
is "$rc" 0 "-h exits 0"
is "$(head -1 "$TMP/out")" "usage: escbench [flags]" "-h prints the usage on stdout"
like "$(cat "$TMP/out")" '-benchtime d' "usage lists the flags"
"$ESC" --help >/dev/null 2>&1; is "$?" 0 "--help exits 0"

done_testing
