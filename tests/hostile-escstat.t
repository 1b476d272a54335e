#!/usr/bin/env bash
# hostile-escstat.t -- escstat under hostile queries and extreme numbers:
# a -filter nested 15 000 deep or with 130 000 leading "-" is a syntax
# error, never a stack overflow (the parser recurses, bounded at 1000
# levels); a catastrophic regexp is refused at once with Go's message, as
# benchstat refuses it, instead of minutes and gigabytes in regcomp; numbers
# of any size are printed whole in every format (they were cut at 255
# characters, "±" percentages at 15, deltas at 31).
. "$(dirname "$0")/lib.sh"

esc=$BIN/escstat
cd "$TMP" || exit 1

# run ARGS...: escstat with stdout in out, stderr in err, status in rc.
run() { "$esc" "$@" >out 2>err; rc=$?; }

printf 'BenchmarkA 1 4 ns/op\nBenchmarkB 1 6 ns/op\n' >in.txt

# rep S N: S repeated N times.
rep() { local s=$1 n=$2 out=; while [ "$n" -gt 0 ]; do out+=$s; n=$((n - 1)); done; printf '%s' "$out"; }
# rep_fast S N: the same through printf, for large N.
rep_fast() { printf "%$2s" '' | tr ' ' "$1"; }

# --- nesting: a limit and a message, not a crash ---------------------------
deep=$(rep_fast '(' 15000)
run -filter "$deep" in.txt
is "$rc" 0 "15000 '(': exit status 0 (benchstat's for a -filter syntax error), no signal"
is "$(head -1 err)" "escstat: parsing -filter: syntax error: expression nests too deeply" \
    "15000 '(': nesting limit message"
# the caret points at the 1001st "(": 1000 graphic characters before it
is "$(sed -n 3p err)" "$(printf '\t%1000s^' '')" "15000 '(': caret at the 1001st ("
is "$(wc -c <out)" 0 "15000 '(': nothing on stdout"

run -filter "$(rep_fast - 130000).name:A" in.txt
is "$rc/$(head -1 err)" "0/escstat: parsing -filter: syntax error: expression nests too deeply" \
    "130000 leading '-': nesting limit message, no signal"

# 1000 levels are still fine: both forms, and the filter applies
run -filter "$(rep_fast '(' 1000).name:A$(rep_fast ')' 1000)" in.txt
is "$rc/$(cat err)" "0/" "1000 nested '(': accepted"
like "$(cat out)" '^A ' "1000 nested '(': benchmark A kept"
ok "$(grep -c '^B ' out | grep -qx 0; echo $?)" "1000 nested '(': benchmark B filtered out"
run -filter "$(rep_fast - 1000).name:A" in.txt
is "$rc/$(cat err)" "0/" "1000 leading '-': accepted (an even count keeps A)"
like "$(cat out)" '^A ' "1000 leading '-': benchmark A kept"

# --- regexps: Go's limits, Go's message, at once ---------------------------
# timeout: a regression here would otherwise take minutes and 16 GB.
to() { if command -v timeout >/dev/null; then timeout 20 "$@"; else "$@"; fi; }
to "$esc" -filter '.name:/((a{1,200}){1,200}){1,200}/' in.txt >out 2>err; rc=$?
is "$rc" 0 "nested counted repeats: refused at once, no timeout"
is "$(cat err)" "escstat: parsing -filter: syntax error: error parsing regexp: invalid repeat count: \`{1,200}\`
	.name:/((a{1,200}){1,200}){1,200}/
	      ^" "nested counted repeats: benchstat's message"
run -filter '.name:/a{1001}/' in.txt
is "$(head -1 err)" "escstat: parsing -filter: syntax error: error parsing regexp: invalid repeat count: \`{1001}\`" \
    "repeat count over 1000: Go's message"
run -filter '.name:/A**/' in.txt
is "$(head -1 err)" "escstat: parsing -filter: syntax error: error parsing regexp: invalid nested repetition operator: \`**\`" \
    "stacked repetition: Go's message (POSIX took it)"
run -filter '.name:/x)(/' in.txt
is "$(head -1 err)" "escstat: parsing -filter: syntax error: error parsing regexp: unexpected ): \`x)(\`" \
    "unbalanced ')': Go's message (POSIX took it as a literal)"
run -filter "$(rep_fast '(' 1000).name:/$(rep_fast '(' 2000)A$(rep_fast ')' 2000)/$(rep_fast ')' 1000)" in.txt
like "$(head -1 err)" '^escstat: parsing -filter: syntax error: error parsing regexp: expression nests too deeply: `\(\(\(' \
    "a regexp nested 2000 deep inside a filter nested 1000 deep: refused, no crash"
run -filter '.name:/(A{30}){33}|B/' in.txt
is "$rc/$(cat err)" "0/" "990 copies: within Go's limits, accepted"
like "$(cat out)" '^B ' "990 copies: the regexp still matches"

# --- numbers are never cut ---------------------------------------------------
# widgets do not scale; 1e300 against 1 is a delta of +1e302 %, printed by
# Go's %+.2f in full (303 integer digits), and the value itself in full.
for i in 1 2 3 4 5 6; do echo "BenchmarkA 1 1 widgets"; done >one.txt
for i in 1 2 3 4 5 6; do echo "BenchmarkA 1 1e300 widgets"; done >huge.txt
want_delta=$(awk 'BEGIN { printf "%+.2f%%", (1e300 / 1 - 1) * 100 }')
is "${#want_delta}" 308 "the expected delta has 303 integer digits"
run one.txt huge.txt
is "$rc/$(cat err)" "0/" "1 vs 1e300 widgets: status 0, quiet"
row=$(grep '^A ' out)
like "$row" "  $(printf '%s' "$want_delta" | sed 's/+/\\+/') \\(p=0\\.002 n=6\\)\$" "text: the delta whole"
like "$row" ' 1[0-9]{300}\.000 ± 0%' "text: the value whole (301 digits, the row's scale of 1)"
run -format csv one.txt huge.txt
like "$(grep '^A,' out)" ",$(printf '%s' "$want_delta" | sed 's/+/\\+/'),p=0\\.002 n=6\$" "csv: the delta whole"
run -format markdown one.txt huge.txt
like "$(grep '^| A ' out)" "\\| $(printf '%s' "$want_delta" | sed 's/+/\\+/') \\(p=0\\.002 n=6\\) \\|\$" \
    "markdown: the delta whole"

# a confidence interval from 1e-300 to 1e300 around 1: the "±" percentage
# is %.0f of about 1e302, 303 digits (it was cut at 15 bytes)
printf 'BenchmarkA 1 %s widgets\n' 1 1e300 1e300 1e-300 1 1 >wide.txt
run wide.txt
like "$(grep '^A ' out)" '^A +1\.000 ± [0-9]{303}%$' "text: the ± percentage whole"

# a residue warning names every varying key, however long its name
key=$(rep_fast k 300)
{ echo "$key: a"; echo "BenchmarkA 1 1 widgets"; echo "$key: b"; echo "BenchmarkA 1 2 widgets"; } >keys.txt
run -table '' keys.txt
like "$(cat out)" "benchmarks vary in $key\$" "footnote names a 300-character key in full"

done_testing
