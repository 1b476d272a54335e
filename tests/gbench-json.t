#!/usr/bin/env bash
# gbench-json.t -- escstat and escplot on Google Benchmark's JSON: a real
# Google Benchmark program (tests/progs/gbench/gb_suite.cc, built here with
# g++ and Debian's libbenchmark-dev) run with repetitions, its JSON on
# stdout (--benchmark_format=json) and in a file (--benchmark_out), read
# with benchstat's statistics; the tables' structure, units, names, n=
# counts and config; the same runs in Go format give the same tables
# byte for byte; JSON and Go inputs mixed; truncated and malformed JSON.
. "$(dirname "$0")/lib.sh"

esc=$BIN/escstat
data=$T_DIR/data/gbjson
cd "$TMP" || exit 1

# --- a hand-made file: the same runs as Go format, the same tables --------
for f in text csv markdown; do
	"$esc" -format "$f" x="$data/runs.json" >json.out 2>&1
	"$esc" -format "$f" x="$data/runs.txt" >go.out 2>&1
	same_file json.out go.out "runs.json reads as its Go-format twin runs.txt (-format $f)"
done
"$esc" "$data/runs.json" >out 2>err
is "$?/$(cat err)" "0/" "runs.json: status 0, no message (the failed run is skipped quietly)"
is "$(grep -c 'BM_broken' out)" 0 "runs.json: the failed run (error_occurred) is not a row"
is "$(sed -n '1,5p' out | tr '\n' '|')" \
   "host_name: box|num_cpus: 2|mhz_per_cpu: 2695|cpu_scaling_enabled: false|library_build_type: release|" \
   "runs.json: the context's stable keys are the config, in order"
is "$(grep -cE '^(date|executable|load_avg|caches):' out)" 0 \
   "runs.json: date, executable, load_avg, caches are not config"

# --- truncated and malformed --------------------------------------------
head -n 50 "$data/runs.json" >trunc.json
"$esc" trunc.json >out 2>err; rc=$?
is "$rc" 1 "truncated: status 1"
is "$(cat err)" \
   "escstat: trunc.json:50: unexpected end of JSON input (truncated? the 1 run before it is kept)" \
   "truncated: the message says where and what was kept"
like "$(cat out)" 'BM_copy/size=64-2 +12\.50n ± ∞' "truncated: the run before the cut is in the table"
sed '34s/"iterations": 1000000,/"iterations": 1000000/' "$data/runs.json" >syntax.json
"$esc" syntax.json >out 2>err; rc=$?
is "$rc/$(cat err)" \
   "1/escstat: syntax.json:35: invalid JSON: object value separator ',' expected" \
   "a missing comma: status 1, file:line and json-c's words"
sed 's/"time_unit": "us"/"time_unit": "ps"/' "$data/runs.json" >unit.json
"$esc" unit.json >out 2>err; rc=$?
is "$rc/$(cat err)" "1/escstat: unit.json:111: BM_sleep/8/real_time: time_unit \"ps\" is not ns, us, ms or s
escstat: unit.json:125: BM_sleep/8/real_time: time_unit \"ps\" is not ns, us, ms or s" \
   "an unknown time_unit: each such run skipped with a message"
like "$(cat out)" '^BM_copy/size=64-2 ' "an unknown time_unit: the other runs are still read"
printf '{"Time":"2025-04-07T14:32:17Z","Action":"start","Package":"x"}\n' >gotest.json
"$esc" gotest.json >out 2>err
is "$?/$(cat out)/$(cat err)" "0//" "go test -json output is Go format to escstat, as to benchstat: nothing"
"$BIN/escplot" -format svg -o charts trunc.json >out 2>err
like "$(head -1 err)" '^escplot: trunc\.json:50: unexpected end of JSON input' \
   "escplot says the same about the truncated file"

# --- a real Google Benchmark program ------------------------------------
if ! command -v g++ >/dev/null 2>&1 || [ ! -f /usr/include/benchmark/benchmark.h ]; then
	skip "no g++ or libbenchmark-dev (scripts/setup.sh installs them): no real Google Benchmark run"
	done_testing; exit
fi
if ! g++ -O2 -o gb "$T_DIR/progs/gbench/gb_suite.cc" -lbenchmark -lpthread 2>build.err; then
	ok 1 "gb_suite.cc builds with g++ -lbenchmark -lpthread"
	sed 's/^/# /' build.err | head -20
	done_testing; exit
fi
gbflags="--benchmark_min_time=0.002 --benchmark_repetitions=6"
# shellcheck disable=SC2086
./gb $gbflags --benchmark_format=json >old.json 2>gb.err
is "$?" 0 "old: the program runs, JSON on stdout"
# shellcheck disable=SC2086
GB_WORK=8 ./gb $gbflags --benchmark_out=new.json --benchmark_out_format=json >/dev/null 2>>gb.err
is "$?" 0 "new (8x the work): the program runs, JSON in --benchmark_out"
is "$(grep -c '"run_type": "aggregate"' new.json)" 20 \
   "new.json holds aggregates too (mean, median, stddev, cv of 5 benchmarks)"

"$esc" old.json new.json >out 2>err; rc=$?
is "$rc/$(cat err)" "0/" "escstat old.json new.json: status 0, no message"
# tables: the header line under each "│ old.json │ new.json │" line
is "$(grep -E '│ +(sec/op|cpu-sec/op|B/s|elems|items/s) +│' out | awk '{print $2}' | tr '\n' ' ')" \
   "sec/op cpu-sec/op B/s elems items/s " "five tables: sec/op, cpu-sec/op, B/s, elems, items/s"
rows() { awk -v u="$1" '$0 ~ "│ +" u " +│" {on=1; next} on && /^$/ {on=0} on && $1 ~ /^[A-Za-z]/ {print $1}' out | tr '\n' ' '; }
is "$(rows 'sec/op')" "BM_sum/n=64 BM_sum/n=512 BM_threads-1 BM_threads-2 BM_micro/7/real_time geomean " \
   "sec/op rows: ArgName n:64 is /n=64, threads:2 is -2, run order kept, BM_broken absent"
is "$(rows 'B/s')" "BM_sum/n=64 BM_sum/n=512 geomean " "B/s rows: the benchmarks that set bytes"
is "$(grep -c 'n=6)' out)" 16 \
   "every comparison has n=6: six repetitions each, the aggregates are not samples"
like "$(grep -A3 '│ *cpu-sec/op *│' out | grep '^BM_sum/n=512 ')" '\+[0-9.]+% \(p=0\.00[0-9] n=6\)' \
   "cpu-sec/op: 8x the work is significantly slower (U test)"
like "$(grep -A3 '│ *B/s *│' out | grep '^BM_sum/n=64 ')" '-[0-9.]+% \(p=0\.00[0-9] n=6\)' \
   "B/s: and its throughput significantly lower"
like "$(grep -A3 '│ *elems *│' out | grep '^BM_sum/n=64 ')" '64\.00 ± 0% +64\.00 ± 0% +~ \(p=1\.000 n=6\)' \
   "a user counter (elems) is a unit of its own, exact"
is "$(sed -n 1p out)" "host_name: $(sed -n 's/.*"host_name": "\(.*\)",/\1/p' old.json)" \
   "config: host_name from the context"
like "$(sed -n 2p out)" '^num_cpus: [0-9]+$' "config: num_cpus"
once_flags="--benchmark_min_time=0.002 --benchmark_filter=BM_sum/n:64"
# shellcheck disable=SC2086
./gb $once_flags --benchmark_format=json >once.json 2>>gb.err
"$esc" a=once.json b=once.json >out 2>err
like "$(grep '^BM_sum/n=64 ' out | head -1)" '~ \(p=1\.000 n=1\)' "without repetitions: one run, n=1"

# mixed with Go format: one table once the config keys are ignored
printf 'BenchmarkBM_sum/n=64 100 50 ns/op\nBenchmarkBM_sum/n=64 100 52 ns/op\n' >go.txt
"$esc" -filter .unit:sec/op \
    -ignore host_name,num_cpus,mhz_per_cpu,cpu_scaling_enabled,library_build_type \
    old.json go.txt >out 2>err
is "$?/$(cat err)" "0/" "JSON and Go inputs together: status 0"
like "$(grep '^BM_sum/n=64 ' out)" '^BM_sum/n=64 .*n=6\+2\)' "JSON and Go inputs in one comparison (n=6+2)"
cat old.json | "$esc" - >stdin.out 2>err
"$esc" - <old.json >file.out 2>&1
"$esc" old.json >path.out 2>&1
sed -i '1,/│/s/old\.json/   -    /' path.out
same_file stdin.out file.out "JSON through a pipe and from a redirected file read the same"
is "$(grep -c '^BM_' stdin.out)" "$(grep -c '^BM_' path.out)" "JSON on stdin: the same rows as the file"

# escplot reads it too
"$BIN/escplot" -format svg -chart compare -o charts old=old.json new=new.json >plot.out 2>plot.err
is "$?/$(cat plot.err)" "0/" "escplot old=old.json new=new.json: status 0, no message"
ok "$( [ -s charts/old-compare.svg ] || [ -n "$(ls charts/*compare*.svg 2>/dev/null)" ]; echo $?)" \
   "escplot drew the compare chart"

# --- escbench -format json: libbenchmark's structure, read back ----------
"$BIN/escbench" -format json -bench 'E1ReturnPointer$' -benchtime 1000x -count 3 -o eb.json \
    >eb.stdout 2>eb.err
is "$?" 0 "escbench -format json -o eb.json: status 0"
same_file eb.stdout eb.json "the same JSON on stdout and in the -o file"
# The keys of each run and of the context, in order, next to those of
# libbenchmark's own runs (old.json, written by the program above).
keys() {
	perl -MJSON::PP -e '
		local $/; my $t = <STDIN>;
		my $j = JSON::PP->new->allow_nonref;
		# key order as written: decode with an order-keeping hash
		my @ctx = ($t =~ /^    "([^"]+)":/mg);
		my ($first) = ($t =~ /(\{\n      "name".*?\n    \})/s);
		my @run = ($first =~ /^      "([^"]+)":/mg);
		my $d = $j->decode($t);
		print scalar(@{$d->{benchmarks}}), "|", join(",", @run[0..11]), "|",
		      join(",", grep { /^(date|host_name|executable|num_cpus)$/ } @ctx), "\n";
	' <"$1"
}
gb_keys=$(keys old.json)
eb_keys=$(keys eb.json)
is "${eb_keys#*|}" "${gb_keys#*|}" \
   "escbench's runs have libbenchmark's keys in libbenchmark's order, and its context keys"
is "${eb_keys%%|*}" 6 "six runs: two benchmarks, -count 3"
if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "ASan owns malloc: allocations are not counted"
else
	like "$(tr -d '\n' <eb.json)" '"B/op": 16,.*"allocs/op": 1' "B/op and allocs/op are user counters"
fi
"$esc" a=eb.json b=eb.json >out 2>err
is "$?/$(cat err)" "0/" "escstat reads escbench's JSON: status 0, no message"
is "$(rows 'sec/op')" "E1ReturnPointer/heap-2 E1ReturnPointer/value-2 geomean " \
   "the rows are escbench's benchmark names"
is "$(grep -c 'n=3)' out)" 8 "n=3 in sec/op, cpu-sec/op, B/op, allocs/op"
is "$(grep -E '│ +(sec/op|cpu-sec/op|B/op|allocs/op) +│' out | awk '{print $2}' | tr '\n' ' ')" \
   "sec/op cpu-sec/op B/op allocs/op " "tables: sec/op, cpu-sec/op (measured), B/op, allocs/op"
if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "ASan owns malloc: allocations are not counted"
else
	like "$(grep -A1 '│ *B/op *│' out | tail -1)" '^E1ReturnPointer/heap-2 +16\.00 ± ∞ ¹ +16\.00 ± ∞ ¹ +~ \(p=1\.000 n=3\)' \
	   "heap: 16 B/op, exact"
fi
"$BIN/escbench" -format yaml >/dev/null 2>err
is "$?/$(head -1 err)" \
   '2/escbench: invalid value "yaml" for flag -format: want go or json' "-format yaml: usage error"
done_testing
