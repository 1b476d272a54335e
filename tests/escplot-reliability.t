#!/bin/bash
# escplot-reliability.t -- escplot when writing fails and on extreme data:
# a full disk (here: RLIMIT_FSIZE, which makes a write fail with EFBIG as a
# full disk fails it with ENOSPC, as root and as a user alike) never
# replaces a good chart with a cut one, and says why with status 1; NaN
# and infinite values are reported and left out, all-zero, negative and
# huge values still give charts, and no script or data file ever holds a
# "nan" or "inf" for gnuplot; the scatter chart of 20 000 benchmarks (once
# minutes: quadratic) is drawn at once, labelling the slowest 200.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data/escplot
P=$BIN/escplot
[ -x "$P" ] || skip_all "$P not built"
command -v gnuplot >/dev/null || skip_all "gnuplot not installed"
cd "$TMP" || exit 1
to() { if command -v timeout >/dev/null; then timeout "$@"; else shift; "$@"; fi; }

# --- a write error keeps the old chart -----------------------------------
"$P" -chart scatter -o out "$D/suite.txt" >out.txt 2>err.txt
is "$?/$(cat err.txt)" "0/" "a good scatter chart first"
cp out/suite-scatter.png good.png && cp out/suite-scatter.svg good.svg
ok "$([ "$(wc -c <good.svg)" -gt 16384 ] && [ "$(wc -c <good.png)" -gt 16384 ]; echo $?)" \
    "both charts are larger than the 16 KiB the next run may write"

# gnuplot may write 16 KiB per file: it exits 0 with cut files
(ulimit -f 16; trap '' XFSZ; exec "$P" -chart scatter -o out "$D/suite.txt") >out.txt 2>err.txt
st=$?
is "$st" 1 "file size limit: status 1"
is "$(cat err.txt)" "escplot: cannot write out/suite-scatter.svg: gnuplot wrote an incomplete file (is the disk full?)" \
    "file size limit: the chart and the reason"
is "$(wc -c <out.txt)" 0 "file size limit: no chart listed as written"
same_file out/suite-scatter.svg good.svg "file size limit: the old SVG is kept"
same_file out/suite-scatter.png good.png "file size limit: the old PNG is kept"
is "$(ls -A out | grep -c '^\.escplot-')" 0 "file size limit: no scratch directory left"

# no room at all: escplot's own data file fails (its messages go through a
# pipe, which the limit does not cover)
(ulimit -f 0; trap '' XFSZ; "$P" -chart scatter -o out "$D/suite.txt" 2>&1 >/dev/null; echo "status $?") |
	cat >err.txt
is "$(tail -1 err.txt)" "status 1" "no room: status 1"
sed -i '$d' err.txt
like "$(cat err.txt)" '^escplot: cannot write out/\.escplot-[A-Za-z0-9]{6}/suite-scatter-0\.dat: File too large$' \
    "no room: the file and the reason"
same_file out/suite-scatter.png good.png "no room: the old PNG is kept"

# --- extreme values -------------------------------------------------------
# lines "name value..." for the benchmarks of a family Z and a sweep S
fam() { # FILE NS1 NS2 NS3 NS4 B A W: two variants of Z, two runs each, a sweep
	local f=$1; shift
	{
		echo "BenchmarkZ/a 1 $1 ns/op $5 B/op $6 allocs/op $7 widgets"
		echo "BenchmarkZ/a 1 $2 ns/op $5 B/op $6 allocs/op $7 widgets"
		echo "BenchmarkZ/b 1 $3 ns/op $5 B/op $6 allocs/op $7 widgets"
		echo "BenchmarkZ/b 1 $4 ns/op $5 B/op $6 allocs/op $7 widgets"
		echo "BenchmarkS/size=1 1 $1 ns/op 0 B/op 0 allocs/op"
		echo "BenchmarkS/size=2 1 $2 ns/op 0 B/op 0 allocs/op"
		echo "BenchmarkS/size=4 1 $3 ns/op 0 B/op 0 allocs/op"
	} >"$f"
}
fam zero.txt 0 0 0 0 0 0 0
fam neg.txt -5 -6 -7 -8 -3 -1 -2
fam huge.txt 1e-308 1e308 1e300 1e-300 1e308 1e308 1e308
for f in zero neg huge; do
	to 120 "$P" -script -o "$f" "$f.txt" >out.txt 2>err.txt
	is "$?/$(cat err.txt)" "0/" "$f values: status 0, quiet"
	is "$(grep -c 'family-Z.png$' out.txt) $(grep -c 'sweep-S-size.png$' out.txt)" "1 1" \
	    "$f values: the family and sweep charts are drawn"
	is "$(grep -il -w -e nan -e inf "$f"/*.gp | wc -l)" 0 "$f values: no nan or inf in a script"
done
is "$(grep -c 'scatter.png$' out.txt)" 1 "huge values: the scatter chart too"

printf '%s\n' 'BenchmarkZ/a 1 NaN ns/op 1 B/op 1 allocs/op' \
    'BenchmarkZ/a 1 5 ns/op +Inf B/op 1 allocs/op' \
    'BenchmarkZ/b 1 7 ns/op 1 B/op -Inf allocs/op' \
    'BenchmarkZ/b 1 8 ns/op 1 B/op 1 allocs/op' >special.txt
to 120 "$P" -script -o special special.txt >out.txt 2>err.txt
st=$?
is "$st" 1 "NaN and Inf: status 1 (a value left out)"
is "$(cat err.txt)" "escplot: special.txt:1: Z/a ns/op is NaN: a chart cannot show it, left out
escplot: special.txt:2: Z/a B/op is +Inf: a chart cannot show it, left out
escplot: special.txt:3: Z/b allocs/op is -Inf: a chart cannot show it, left out" \
    "NaN and Inf: each value reported with its line"
is "$(grep -c 'family-Z.png$' out.txt)" 1 "NaN and Inf: the chart of the rest is drawn"
is "$(cat special/*.gp special/*.dat | grep -c -w -e nan -e inf -e -nan)" 0 \
    "NaN and Inf: no nan or inf in scripts or data"

# --- many points ------------------------------------------------------------
# 20 000 benchmarks, each its own family: the family numbering and the
# sweep search were quadratic, the label spreading cubic in a column
awk 'BEGIN { for (i = 0; i < 20000; i++)
	printf "BenchmarkF%05d 1 %d ns/op 0 B/op %d allocs/op\n", i, 10 + (i * 7919) % 100000, i % 3 }' >many.txt
start=$(date +%s)
to 120 "$P" -chart scatter -format png -script -o many many.txt >out.txt 2>err.txt
st=$?
end=$(date +%s)
is "$st/$(cat err.txt)" "0/" "20000 points: status 0, quiet"
ok "$([ $((end - start)) -lt 60 ]; echo $?)" "20000 points: drawn in $((end - start)) s (under 60 s on a loaded machine)"
is "$(grep -c '^set label .* left font ",11"$' many/many-scatter.gp)" 200 "20000 points: 200 point labels"
like "$(cat many/many-scatter.gp)" 'Labelled: the 200 slowest of 20000\.' "20000 points: the footnote says which"
is "$(grep -c '^[0-9]' many/many-scatter-0.dat)" 20000 "20000 points: every point in the data"

done_testing
