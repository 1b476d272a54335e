#!/bin/bash
# escplot-charts.t -- escplot draws every chart kind from the fixtures in
# tests/data/escplot: the files it prints exist, PNGs have the PNG
# signature and the asked size, SVGs parse as XML and carry the labels,
# the comparison shows escstat's own delta and p, and the same input
# gives byte-identical SVG.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/escplot
P=$BIN/escplot
[ -x "$P" ] || skip_all "$P not built"
command -v gnuplot >/dev/null 2>&1 || skip_all "gnuplot not installed"
have_xmllint=0
command -v xmllint >/dev/null 2>&1 && have_xmllint=1

# png_size FILE: "WxH" from the IHDR chunk, or "bad" without the signature
png_size() {
	local sig
	sig=$(od -An -tx1 -N8 "$1" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || { echo bad; return; }
	od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%dx%d\n", $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8 }'
}
# svg_texts FILE: the text of every <text> element, one per line (decoded)
svg_texts() {
	xmllint --xpath "//*[local-name()='text']" "$1" 2>/dev/null |
		sed -e 's/<[^>]*>/\n/g' | sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g' | sed '/^$/d'
}
# check_files DIR: every listed path exists and is a valid PNG/SVG of WxH
check_files() {
	local list=$1 size=$2 bad=0 f
	for f in $list; do
		case $f in
		*.png) [ "$(png_size "$f")" = "$size" ] || { echo "# bad png: $f $(png_size "$f")"; bad=1; } ;;
		*.svg)
			if [ $have_xmllint = 1 ]; then
				xmllint --noout "$f" 2>/dev/null || { echo "# bad svg: $f"; bad=1; }
			fi
			grep -q "width=\"${size%x*}\" height=\"${size#*x}\"" "$f" || { echo "# svg size: $f"; bad=1; }
			;;
		*) echo "# unexpected: $f"; bad=1 ;;
		esac
	done
	return $bad
}

cd "$TMP" || exit 1

# 1. one results file: a family chart per benchmark with variants, a scatter
out=$("$P" -o a "$D/suite.txt" 2>err); st=$?
is "$st" 0 "suite.txt: exit status 0"
is "$(cat err)" "" "suite.txt: nothing on stderr"
is "$out" "a/suite-family-E1ReturnPointer.svg
a/suite-family-E1ReturnPointer.png
a/suite-family-E2InterfaceBoxing.svg
a/suite-family-E2InterfaceBoxing.png
a/suite-family-E3Closure.svg
a/suite-family-E3Closure.png
a/suite-family-E4MakeSize.svg
a/suite-family-E4MakeSize.png
a/suite-family-E6Println.svg
a/suite-family-E6Println.png
a/suite-family-Sink.svg
a/suite-family-Sink.png
a/suite-scatter.svg
a/suite-scatter.png" "suite.txt: the paths of the charts on stdout, one per line"
check_files "$out" 1200x700; ok $? "suite.txt: every chart is a valid 1200x700 PNG or SVG"
ls -A a > ls.txt
is "$(grep -c . ls.txt)" 14 "suite.txt: no other file left in the output directory"

if [ $have_xmllint = 1 ]; then
	t=$(svg_texts a/suite-family-Sink.svg)
	like "$t" '^Sink: time and allocations per op$' "family: title"
	like "$t" '^any$' "family: variant label any"
	like "$t" '^typed$' "family: variant label typed"
	like "$t" '^11\.2 ns$' "family: median of Sink/any (escstat prints 11.23n)"
	like "$t" '^1 alloc$' "family: allocs/op label"
	like "$t" '^16 B$' "family: B/op label"
	like "$t" '^time per op \(ns\)$' "family: y axis with its unit"
	t=$(svg_texts a/suite-scatter.svg)
	like "$t" '^E4MakeSize/make-n$' "scatter: point labels"
	like "$t" '^allocations per op$' "scatter: x axis"
	like "$t" '^time per op \(log scale\)$' "scatter: y axis"
	like "$t" '^10 ns$' "scatter: log tics carry their unit (10 ns)"
else
	for i in 1 2 3 4 5 6 7 8 9 10 11; do skip "xmllint not installed"; done
fi

# 2. sweeps: numeric sub-benchmark keys, one line per other key
out=$("$P" -chart sweep -format svg -o b "$D/sweep.txt"); st=$?
is "$st" 0 "sweep.txt: exit status 0"
is "$out" "b/sweep-sweep-E5Buffer-size.svg
b/sweep-sweep-E4MakeN-n.svg" "sweep.txt: one sweep chart per family with a numeric key, SVG only"
if [ $have_xmllint = 1 ]; then
	t=$(svg_texts b/sweep-sweep-E5Buffer-size.svg)
	like "$t" '^E5Buffer: time per op against size$' "sweep: title names the key"
	like "$t" '^4KiB$' "sweep: x tics as written in the names (4KiB)"
	like "$t" '^4MiB$' "sweep: x tics up to 4MiB"
	like "$t" '^threshold=dynamic$' "sweep: a line per threshold (dynamic)"
	like "$t" '^threshold=fixed$' "sweep: a line per threshold (fixed)"
	like "$t" '^time per op \(log scale\)$' "sweep: a log axis for a 1000x range"
	like "$t" '^100 µs$' "sweep: log tics carry their unit (100 µs)"
else
	for i in 1 2 3 4 5 6 7; do skip "xmllint not installed"; done
fi

# 3. comparison: escstat's delta and p over the bars
out=$("$P" -chart compare -format png -width 800 -height 450 -o c "$D/old.txt" "$D/new.txt"); st=$?
is "$st" 0 "compare: exit status 0"
is "$out" "c/old-compare.png
c/old-compare-2.png" "compare: PNG only, named after the first input, split in two at 800 px"
is "$(png_size c/old-compare-2.png)" 800x450 "compare: -width 800 -height 450"
"$P" -chart compare -format svg -o c "$D/old.txt" "$D/new.txt" >/dev/null
if [ $have_xmllint = 1 ]; then
	t=$(svg_texts c/old-compare.svg)
	like "$t" '^Time per op: old.txt vs new.txt$' "compare: title"
	like "$t" '^−90\.48%$' "compare: Sink/any delta"
	like "$t" '^\+15\.30%$' "compare: E3Closure delta"
	like "$t" '^p=0\.645$' "compare: p of a non-significant change"
	is "$(printf '%s\n' "$t" | grep -c '^~$')" 3 "compare: three rows not significant (~)"
	# the same numbers as escstat, row by row, when escstat is built
	if [ -x "$BIN/escstat" ] && "$BIN/escstat" "$D/old.txt" "$D/new.txt" >es.txt 2>/dev/null &&
		grep -q 'vs base' es.txt; then
		bad=0
		awk '/sec\/op/ {on=1; next} on && /^geomean/ {exit} on && /\(p=/ {print}' es.txt >rows.txt
		while read -r line; do
			delta=$(printf '%s\n' "$line" | sed -E 's/.* ([~]|[-+][0-9.]+%) \(p=.*/\1/')
			p=$(printf '%s\n' "$line" | sed -E 's/.*\(p=([0-9.]+) .*/\1/')
			delta=$(printf '%s' "$delta" | sed 's/^-/−/')
			printf '%s\n' "$t" | grep -qxF -- "$delta" || { echo "# delta $delta missing"; bad=1; }
			printf '%s\n' "$t" | grep -qxF -- "p=$p" || { echo "# p=$p missing"; bad=1; }
		done <rows.txt
		is "$(grep -c . rows.txt)" 6 "escstat printed six sec/op rows"
		is "$bad" 0 "compare: every delta and p escstat prints is on the chart"
		g=$(awk '/sec\/op/ {on=1; next} on && /^geomean/ {print $NF; exit}' es.txt | sed 's/^-/−/')
		printf '%s\n' "$t" | grep -qxF -- "$g"
		ok $? "compare: escstat's geomean change ($g) is on the chart"
	else
		skip "escstat not built"; skip "escstat not built"; skip "escstat not built"
	fi
	like "$t" '^geomean$' "compare: a geomean group"
	like "$t" '^−37\.88%$' "compare: the geomean change"
else
	for i in 1 2 3 4 5 6 7 8 9 10; do skip "xmllint not installed"; done
fi

# -unit: another metric in compare and sweep charts
out=$("$P" -unit B/op -chart compare -format svg -o u "$D/old.txt" "$D/new.txt"); st=$?
is "$out" "u/old-compare.svg" "-unit B/op: one compare chart"
if [ $have_xmllint = 1 ]; then
	t=$(svg_texts u/old-compare.svg)
	like "$t" '^B/op: old.txt vs new.txt$' "-unit B/op: title names the unit"
	like "$t" '^−100\.00%$' "-unit B/op: Sink/any went from 16 B to 0 (escstat: -100.00%)"
	like "$t" '^B/op$' "-unit B/op: y axis"
else
	for i in 1 2 3; do skip "xmllint not installed"; done
fi

# -script: the script and data are kept, and redraw the same chart
out=$("$P" -script -chart compare -o k "$D/old.txt" "$D/new.txt"); st=$?
is "$out" "k/old-compare.svg
k/old-compare.png
k/old-compare.gp
k/old-compare-0.dat" "-script: the script and its data are listed after the charts"
mkdir k/orig && mv k/old-compare.svg k/old-compare.png k/orig/
(cd k && HOME=$TMP gnuplot old-compare.gp) 2>gperr
same_file k/old-compare.svg k/orig/old-compare.svg "-script: gnuplot on the kept script redraws the same SVG"
ok $([ -s k/old-compare.png ]; echo $?) "-script: ... and the PNG"

# 4. same input, same bytes
"$P" -o d1 "$D/suite.txt" "$D/sweep.txt" >/dev/null 2>&1
"$P" -o d2 "$D/suite.txt" "$D/sweep.txt" >/dev/null 2>&1
n=0 diff=0
for f in d1/*.svg; do
	n=$((n + 1))
	cmp -s "$f" "d2/${f#d1/}" || { diff=1; echo "# differs: $f"; }
done
ok $([ $n -ge 9 ] && [ $diff = 0 ]; echo $?) "two runs give byte-identical SVG ($n files)"
ok $(! grep -qiE '<desc>.*[0-9]{4}-[0-9]{2}-[0-9]{2}|date|time stamp' d1/*.svg; echo $?) "no date in the SVG"

# 5. -title, stdin, label=path
out=$(cat "$D/suite.txt" | "$P" -chart family -format svg -title 'Boxing & friends' -o e - 2>&1); st=$?
is "$st" 0 "stdin: exit status 0"
like "$out" '^e/stdin-family-Sink\.svg$' "stdin: charts named stdin-*"
if [ $have_xmllint = 1 ]; then
	like "$(svg_texts e/stdin-family-Sink.svg)" '^Boxing & friends — Sink$' "-title with the family after a dash"
else
	skip "xmllint not installed"
fi

# 6. too few runs for a CI, long names abbreviated
out=$("$P" -chart family -format svg -o f "$D/few.txt"); st=$?
is "$st" 0 "few.txt: exit status 0"
if [ $have_xmllint = 1 ]; then
	t=$(svg_texts f/few-family-VeryLongBenchmarkFamilyNameForAbbreviation.svg)
	like "$t" 'no whisker: too few runs\.$' "n=3: the footnote says why there are no whiskers"
	like "$t" '^Bars: median of 3 runs' "n=3: the footnote gives n"
else
	skip "xmllint not installed"; skip "xmllint not installed"
fi
out=$("$P" -chart family -format svg -width 600 -o g "$D/few.txt"); st=$?
if [ $have_xmllint = 1 ]; then
	like "$(svg_texts g/few-family-VeryLongBenchmarkFamilyNameForAbbreviation.svg)" '^interface-boxed/small$' \
		"narrow chart: key= dropped from the variant labels"
else
	skip "xmllint not installed"
fi
done_testing
