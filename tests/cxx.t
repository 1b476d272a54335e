#!/bin/bash
# cxx.t -- bench.h from C++: the header compiles warning-free as C11/C17 and
# as C++11, 14, 17 and 20 (-pedantic), and tests/cxx/cxx_suite.cc, built
# with g++, runs with exact B/op and allocs/op: operator new goes through
# the counting malloc.
. "$(dirname "$0")/lib.sh"

S=$BUILD/tests/cxx/cxx_suite
CXX=${CXX:-g++}
CC=${CC:-cc}

# A use of everything the header declares, in the common subset of C and C++.
cat >"$TMP/use.h" <<'EOC'
#include "bench.h"
static void BenchmarkA(bench *b)
{
    int64_t s = 0;
    bench_reset_timer(b);
    for (int64_t i = 0; i < b->n; i++)
        s += bench_opaque(i);
    bench_keep(s);
    bench_escape(&s);
    bench_clobber();
    bench_report_metric(b, 1.5, "x/op");
    if (s < 0)
        bench_fail(b, "negative %lld", (long long)s);
    if (s == 1)
        bench_skip(b, "%s", bench_name(b));
}
static void BenchmarkB(bench *b) { (void)b; }
static const bench_def suite[] = { BENCH(A), BENCH_DOC(B, "doc"), BENCH_END };
int main(int argc, char **argv) { return bench_main(argc, argv, suite); }
EOC
printf '#include "use.h"\n' >"$TMP/use.c"
cp "$TMP/use.c" "$TMP/use.cc"
if command -v "$CXX" >/dev/null 2>&1; then
	for std in c++11 c++14 c++17 c++20; do
		"$CXX" -std=$std -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$TOP/harness" \
			"$TMP/use.cc" >"$TMP/cxx.err" 2>&1
		is "$?:$(head -3 "$TMP/cxx.err")" "0:" "bench.h compiles as $std, no warning"
	done
else
	for std in c++11 c++14 c++17 c++20; do skip "no $CXX"; done
fi
for std in c11 c17; do
	"$CC" -std=$std -pedantic -Wall -Wextra -Werror -fsyntax-only -I"$TOP/harness" \
		"$TMP/use.c" >"$TMP/c.err" 2>&1
	is "$?:$(head -3 "$TMP/c.err")" "0:" "bench.h compiles as $std, no warning"
done

if [ ! -x "$S" ]; then
	skip "$S not built"; done_testing; exit
fi
# bench_main and friends have C linkage: the suite's undefined symbols are
# the plain C names.
like "$(nm -u "$BUILD/tests/cxx/cxx_suite.o" | awk '{print $2}' | grep bench_ | sort | tr '\n' ' ')" \
	'^bench_main bench_run bench_skip $' "C++ calls bench_main, bench_run, bench_skip by their C names"

"$S" -bench . -benchmem -benchtime 200x >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "the C++ suite runs: exit 0"
# mem NAME: "B/op allocs/op" of BenchmarkNAME.
mem() {
	awk -v b="^Benchmark$1(-[0-9]+)?\$" '$1 ~ b { for (i = 2; i <= NF; i++) { if ($i == "B/op") x = $(i-1); if ($i == "allocs/op") y = $(i-1) } print x, y; exit }' "$TMP/out"
}
if [ -n "${ESCBENCH_SAN:-}" ]; then
	for t in 1 2 3 4 5; do skip "ASan owns malloc: allocations are not counted"; done
else
	is "$(mem Vector16)" "64 1" "std::vector<int>(16): 64 B/op, 1 allocs/op"
	is "$(mem NewInt)" "4 1" "new int: 4 B/op, 1 allocs/op"
	is "$(mem String100)" "101 1" "100-character std::string: 101 B/op, 1 allocs/op"
	is "$(mem ArraySum)" "0 0" "std::array on the stack: 0 B/op, 0 allocs/op"
	is "$(mem Reserve/cap=8)" "64 1" "sub-benchmark from a lambda: reserve(8) of int64_t, 64 B/op"
fi
like "$(cat "$TMP/out")" '--- SKIP: BenchmarkReserve/skipped
    skipped from C\+\+ \(42\)' "bench_skip from a C++ lambda: the SKIP and its message"
like "$(tail -1 "$TMP/out")" '^PASS' "the run ends with PASS"
like "$("$S" -list . -v 2>/dev/null)" 'String100.*a 100-character std::string' "-list -v shows BENCH_DOC's text"

done_testing
