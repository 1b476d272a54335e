#!/bin/bash
# escplot-errors.t -- escplot's error messages and exit statuses: usage
# errors (2), a missing gnuplot (3, and what to install), bad input lines
# reported as file:line: message with the charts still drawn (1), inputs
# that cannot be read or hold nothing (1), gnuplot failing (1).
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/escplot
P=$BIN/escplot
[ -x "$P" ] || skip_all "$P not built"
cd "$TMP" || exit 1

# usage errors: status 2, the reason, then the usage text
"$P" >out 2>err; st=$?
is "$st" 2 "no inputs: status 2"
is "$(head -2 err)" "escplot: no inputs
usage: escplot [flags] inputs... [-o DIR]" "no inputs: reason, then usage"
"$P" -bogus x.txt >out 2>err; st=$?
is "$st" 2 "unknown flag: status 2"
is "$(head -1 err)" "escplot: flag provided but not defined: -bogus" "unknown flag: message"
"$P" -format gif x.txt >out 2>err; st=$?
is "$st" 2 "bad -format: status 2"
is "$(head -1 err)" 'escplot: invalid value "gif" for flag -format: want png, svg or both' "bad -format: message"
"$P" -chart pie x.txt >out 2>err; st=$?
is "$(head -1 err)" 'escplot: invalid value "pie" for flag -chart: want family, scatter, compare, sweep or all' "bad -chart: message"
is "$st" 2 "bad -chart: status 2"
"$P" -width 50 x.txt >out 2>err; st=$?
is "$(head -1 err)" 'escplot: invalid value "50" for flag -width: want pixels from 200 to 10000' "bad -width: message"
is "$st" 2 "bad -width: status 2"
"$P" x.txt -o >out 2>err; st=$?
is "$(head -1 err)" 'escplot: flag needs an argument: -o' "-o without a directory"
is "$st" 2 "-o without a directory: status 2"
"$P" -h >out 2>err; st=$?
is "$st" 0 "-h: status 0"
like "$(cat out)" '^usage: escplot' "-h: usage on stdout"

# gnuplot missing: status 3, what to install; nothing written
PATH=/nonexistent "$P" -o g "$D/suite.txt" >out 2>err; st=$?
is "$st" 3 "no gnuplot in PATH: status 3"
is "$(cat err)" "escplot: gnuplot not found: install gnuplot-nox" "no gnuplot in PATH: message"
is "$(cat out)" "" "no gnuplot: nothing on stdout"
ok $([ ! -e g ]; echo $?) "no gnuplot: no output directory made"
"$P" -gnuplot /nonexistent/gnuplot -o g "$D/suite.txt" >out 2>err; st=$?
is "$st" 3 "-gnuplot path missing: status 3"
is "$(cat err)" "escplot: gnuplot not found: /nonexistent/gnuplot" "-gnuplot path missing: message"

if ! command -v gnuplot >/dev/null 2>&1; then
	for i in $(seq 16); do skip "gnuplot not installed"; done
	done_testing; exit
fi

# bad lines: reported with file:line, skipped, the rest still drawn, status 1
cp "$D/bad.txt" bad.txt
"$P" -format svg -o b bad.txt >out 2>err; st=$?
is "$st" 1 "bad lines: status 1"
is "$(cat err)" "escplot: bad.txt:3: parsing measurement: invalid syntax
escplot: bad.txt:4: parsing iteration count: invalid syntax" "bad lines: the parser's file:line: message"
is "$(cat out)" "b/bad-family-Sink.svg
b/bad-scatter.svg" "bad lines: charts of the good lines still written"

"$P" -o b nope.txt >out 2>err; st=$?
is "$st" 1 "missing file: status 1"
is "$(cat err)" "escplot: open nope.txt: no such file or directory
escplot: no benchmark results in the input" "missing file: message"

"$P" -o b "$D/empty.txt" >out 2>err; st=$?
is "$st" 1 "no results: status 1"
is "$(cat err)" "escplot: no benchmark results in the input" "no results: message"

"$P" -chart compare -o b "$D/suite.txt" >out 2>err; st=$?
is "$st" 1 "compare of one input: status 1"
is "$(cat err)" "escplot: no chart of the kinds asked for applies to these inputs" "compare of one input: message"

"$P" -unit MB/s -o b "$D/suite.txt" >out 2>err; st=$?
is "$st" 1 "-unit absent from the inputs: status 1"
is "$(cat err)" "escplot: -unit MB/s: no result has this unit" "-unit absent: message"

# gnuplot failing: reported per chart, status 1, scratch directory removed
"$P" -gnuplot /bin/false -chart scatter -o f "$D/suite.txt" >out 2>err; st=$?
is "$st" 1 "gnuplot fails: status 1"
is "$(cat err)" "escplot: scatter: gnuplot failed (exit status 1)" "gnuplot fails: message names the chart"
is "$(ls -A f)" "" "gnuplot fails: no chart and no scratch files left"

# a gnuplot without the cairo terminals: its words, and what to do
cat >fakegp <<'SH'
#!/bin/sh
echo '"x.gp" line 1: unknown or ambiguous terminal type; type just '"'"'set terminal'"'"' for a list' >&2
exit 1
SH
chmod +x fakegp
"$P" -gnuplot ./fakegp -chart scatter -o f "$D/suite.txt" >out 2>err; st=$?
is "$st" 1 "gnuplot without pngcairo: status 1"
is "$(cat err)" "escplot: scatter: gnuplot failed (exit status 1)
  gnuplot: \"x.gp\" line 1: unknown or ambiguous terminal type; type just 'set terminal' for a list
escplot: this gnuplot lacks the pngcairo or svg terminal: install gnuplot-nox, or try -format svg" \
	"gnuplot without pngcairo: gnuplot's message and a hint"
done_testing
