#!/bin/bash
# escplot-compare.t -- the geomean group of the compare chart when the
# inputs have other sets of benchmarks (C's suite beside its fewer Go
# twins): every bar is over the benchmarks all inputs have, as the change
# label is, so a bar's height against the first bar is its label.  Read
# from the data file escplot -script keeps: in each input's block the last
# line is the geomean bar ("x y lo hi").
. "$(dirname "$0")/lib.sh"
P=$BIN/escplot
[ -x "$P" ] || skip_all "$P not built"
command -v gnuplot >/dev/null 2>&1 || skip_all "gnuplot not installed"
cd "$TMP" || exit 1

# mk FILE NAME=NS...: six equal samples of each benchmark (the cpu: line
# ends in blanks, as go test's does)
mk() {
	local f=$1 b
	shift
	printf 'goos: linux\ngoarch: amd64\npkg: escbench\ncpu: Test CPU    \n' >"$f"
	for b in "$@"; do
		for i in 1 2 3 4 5 6; do
			printf 'Benchmark%s-2\t1000\t%s ns/op\n' "${b%=*}" "${b#*=}" >>"$f"
		done
	done
}
# bar DAT INPUT ROW: the height of bar ROW (1-based; "last" for the geomean)
# of input INPUT (0-based block)
bar() {
	awk -v want="$2" -v row="$3" '
		BEGIN { blk = 0 }
		/^$/ { if (prev != "") blk++; prev = ""; next }
		{ prev = $0; if (blk == want) { n++; y[n] = $2 } }
		END { print (row == "last" ? y[n] : y[row]) }' "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f\n", a / b }'; }

# C has four benchmarks, Go two of them, each Go one twice C's time.  The
# geomean over the two both have: C 2 ns, Go 4 ns, +100.00 %; over C's own
# four (what the chart drew before), C's bar was 25.15 ns, above Go's 4 ns.
mk C.txt X=1.0 Y=4.0 Z=100 W=1000
mk Go.txt X=2.0 Y=8.0
"$P" -script -chart compare -format svg -o two C.txt Go.txt >out 2>err
is "$?:$(cat err)" "0:" "compare C Go: exit status 0, nothing on stderr"
dat=two/C-compare-0.dat
is "$(ratio "$(bar $dat 0 last)" "$(bar $dat 0 1)")" 2.000000 \
	"C's geomean bar is over X and Y (2 ns = 2 x X's 1 ns), not C's four benchmarks"
is "$(ratio "$(bar $dat 1 last)" "$(bar $dat 0 last)")" 2.000000 \
	"Go's geomean bar is twice C's, as the +100.00% label says"
is "$(ratio "$(bar $dat 1 last)" "$(bar $dat 1 1)")" 2.000000 "Go's geomean bar is twice its X bar: 4 ns"
gx=$(awk 'BEGIN { b = 0 } /^$/ { b = 1 } b && NF { x = $1 } END { print x }' $dat)
like "$(grep -F 'set label "+100.00%" at first '"$gx"',' two/C-compare.gp)" . \
	"the +100.00% label stands on Go's geomean bar"
like "$(cat two/C-compare.gp)" 'Geomean: the inputs have different sets of benchmarks.* over the 2 all of them have' \
	"the chart says the geomeans are over the 2 benchmarks both have"
grep -qF 'set label "linux/amd64 \302\267 Test CPU \302\267 pkg escbench"' two/C-compare.gp
ok $? "the subtitle names the cpu without the blanks go test's cpu: line ends in"
if [ -x "$BIN/escstat" ]; then
	like "$("$BIN/escstat" C.txt Go.txt | grep '^geomean')" '\+100\.00%' \
		"escstat's geomean change is the same +100.00%"
else
	skip "escstat not built"
fi

# Three inputs, the third with X only: every geomean bar is over X.
mk T.txt X=3.0
"$P" -script -chart compare -format svg -o three C.txt Go.txt T.txt >out 2>err
is "$?" 0 "compare C Go T: exit status 0"
dat=three/C-compare-0.dat
is "$(bar $dat 0 last):$(bar $dat 1 last):$(bar $dat 2 last)" \
	"$(bar $dat 0 1):$(bar $dat 1 1):$(bar $dat 2 1)" \
	"three inputs: each geomean bar is over X, the one benchmark all have"
like "$(cat three/C-compare.gp)" 'set label "\+200\.00%" at first ' "T's geomean change over X: +200.00%"
like "$(cat three/C-compare.gp)" 'over the 1 all of them have' "the chart says so"

# The same sets: no note, and the bars are escstat's geomeans.
mk Go2.txt X=1.0 Y=4.0
"$P" -script -chart compare -format svg -o same Go.txt Go2.txt >out 2>err
dat=same/Go-compare-0.dat
is "$(ratio "$(bar $dat 0 last)" "$(bar $dat 0 1)"):$(ratio "$(bar $dat 1 last)" "$(bar $dat 0 last)")" \
	"2.000000:0.500000" "the same sets: geomean bars 4 ns and 2 ns, escstat's geomean row"
is "$(grep -c 'Geomean: ' same/Go-compare.gp)" 0 "the same sets: no note"
done_testing
