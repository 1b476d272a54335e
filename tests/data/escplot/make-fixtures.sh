#!/bin/sh
# make-fixtures.sh -- writes the escplot test inputs in this directory.
#
# Deterministic (an LCG, no clock): running it again gives the same files.
# The numbers are invented, shaped like `go test -bench -count 10
# -benchmem` output of the seed's examples; they are test data, not
# measurements.  Usage: sh make-fixtures.sh (from any directory).
set -eu
cd "$(dirname "$0")"

# gen SEED < spec > file;  spec lines: name ns B allocs count spread, or a
# configuration line (key: value), or @suite for the four of escbench's suite
gen() {
	awk -v seed="$1" '
	function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
	function fmtns(x) {     # Go testing prettyPrint
		if (x >= 999.95) return sprintf("%10.0f", x)
		if (x >= 99.995) return sprintf("%12.1f", x)
		if (x >= 9.9995) return sprintf("%13.2f", x)
		return sprintf("%14.3f", x)
	}
	/^#/ || NF == 0 { next }
	/^@suite$/ { print "goos: linux\ngoarch: amd64\npkg: escbench\ncpu: AMD EPYC 7B13 Processor"; next }
	/^[a-z]+:/ { print; next }
	{
		for (i = 0; i < $5; i++) {
			ns = $2 * (1 + $6 * (2 * rnd() - 1))
			if (rnd() < 0.05) ns *= 1.3            # an outlier now and then
			it = int(1e9 / ns); if (it < 1) it = 1
			printf "Benchmark%-34s\t%10d\t%s ns/op\t%8d B/op\t%8d allocs/op\n", \
				$1, it, fmtns(ns), $3, $4
		}
	}'
}

gen 7 > suite.txt <<'S'
@suite
E1ReturnPointer/heap-2         45.0   16 1 10 0.08
E1ReturnPointer/value-2         2.20   0 0 10 0.10
E2InterfaceBoxing/boxed-2      29.0    8 1 10 0.08
E2InterfaceBoxing/concrete-2    2.65   0 0 10 0.10
E3Closure/heap-closure-2       80.0   24 2 10 0.10
E3Closure/stack-closure-2       3.30   0 0 10 0.12
E4MakeSize/make-n-2           120.0  512 1 10 0.06
E4MakeSize/make-const-2        35.0    0 0 10 0.05
E6Println/fmt-2                96.0    8 1 10 0.07
E6Println/strconv-2            24.0    0 0 10 0.06
Sink/any-2                     11.3   16 1 10 0.05
Sink/typed-2                    1.07   0 0 10 0.04
S

# old vs new: boxing and sink get faster, closures slower, the rest unchanged.
gen 11 > old.txt <<'S'
@suite
E1ReturnPointer/heap-2         45.0   16 1 10 0.03
E1ReturnPointer/value-2         2.20   0 0 10 0.03
E2InterfaceBoxing/boxed-2      29.0    8 1 10 0.03
E3Closure/heap-closure-2       80.0   24 2 10 0.03
Sink/any-2                     11.3   16 1 10 0.03
Sink/typed-2                    1.07   0 0 10 0.03
S
gen 12 > new.txt <<'S'
@suite
E1ReturnPointer/heap-2         45.0   16 1 10 0.03
E1ReturnPointer/value-2         2.20   0 0 10 0.03
E2InterfaceBoxing/boxed-2      15.0    8 1 10 0.03
E3Closure/heap-closure-2       92.0   24 2 10 0.03
Sink/any-2                      1.10    0 0 10 0.03
Sink/typed-2                    1.07   0 0 10 0.03
S

# A sweep: per-op time of a buffer of the size given, with the allocator
# switching to mmap above 128 KiB under the dynamic threshold.
gen 21 > sweep.txt <<'S'
@suite
E5Buffer/threshold=dynamic/size=4KiB-2     95      4096 1 10 0.05
E5Buffer/threshold=dynamic/size=16KiB-2   310     16384 1 10 0.05
E5Buffer/threshold=dynamic/size=64KiB-2  1180     65536 1 10 0.05
E5Buffer/threshold=dynamic/size=256KiB-2 21500   262144 1 10 0.08
E5Buffer/threshold=dynamic/size=1MiB-2   86000  1048576 1 10 0.08
E5Buffer/threshold=dynamic/size=4MiB-2  352000  4194304 1 10 0.08
E5Buffer/threshold=fixed/size=4KiB-2       97      4096 1 10 0.05
E5Buffer/threshold=fixed/size=16KiB-2     305     16384 1 10 0.05
E5Buffer/threshold=fixed/size=64KiB-2    1210     65536 1 10 0.05
E5Buffer/threshold=fixed/size=256KiB-2   4900    262144 1 10 0.05
E5Buffer/threshold=fixed/size=1MiB-2    19800   1048576 1 10 0.05
E5Buffer/threshold=fixed/size=4MiB-2    81000   4194304 1 10 0.05
E4MakeN/n=8-2                            30        64 1 10 0.05
E4MakeN/n=64-2                           75       512 1 10 0.05
E4MakeN/n=512-2                         410      4096 1 10 0.05
E4MakeN/n=4096-2                       3100     32768 1 10 0.05
S

# Names that would run commands if they reached gnuplot (or a shell) as
# code.  Each one that ran would create the file $ESCPLOT_CANARY.<tag>;
# tests/escplot-inject.t sets ESCPLOT_CANARY and checks that none appears.
gen 31 > inject.txt <<'S'
goos: linux
`touch${IFS}$ESCPLOT_CANARY.bq`/a-2                  10.0  0 0 6 0.05
System/system("touch${IFS}$ESCPLOT_CANARY.sys")-2    20.0  8 1 6 0.05
Quote/it's"a"\"test";system("touch${IFS}$ESCPLOT_CANARY.q")-2  30.0 16 1 6 0.05
Macro/@ESCPLOT_CANARY/x=1-2                          40.0  0 0 6 0.05
Markup/a^2_{b}&amp;<svg>-2                           50.0 32 2 6 0.05
Shell/$(touch${IFS}$ESCPLOT_CANARY.sh);x-2           60.0  0 0 6 0.05
System/plain-2                                       15.0  0 0 6 0.05
Sweep/mode=`touch${IFS}$ESCPLOT_CANARY.sw`/n=1-2     10.0  0 0 6 0.05
Sweep/mode=`touch${IFS}$ESCPLOT_CANARY.sw`/n=2-2     20.0  0 0 6 0.05
Sweep/mode=`touch${IFS}$ESCPLOT_CANARY.sw`/n=4-2     40.0  0 0 6 0.05
S

# Too few samples for a confidence interval (n = 3) and names long
# enough to need abbreviation.
gen 41 > few.txt <<'S'
goos: linux
VeryLongBenchmarkFamilyNameForAbbreviation/implementation=interface-boxed/payload=small-2   31.0  8 1 3 0.05
VeryLongBenchmarkFamilyNameForAbbreviation/implementation=concrete-struct/payload=small-2   3.1  0 0 3 0.05
S
