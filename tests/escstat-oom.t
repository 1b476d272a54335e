#!/usr/bin/env bash
# escstat-oom.t -- escstat out of memory: with the failmalloc shim
# (tests/progs/preload/failmalloc.c, LD_PRELOAD) the Nth allocation call
# fails, for every N from 1 to the number of allocation calls a small
# comparison makes, in text, CSV and markdown, once (the Nth call only),
# and for text also sticky (every call from the Nth on).  Each run must either print exactly
# what the clean run prints (the failure was absorbed, e.g. by stdio) or
# say "escstat: out of memory" and exit non-zero -- never crash, never
# print a partial table with success.
. "$(dirname "$0")/lib.sh"

shim=$PROGS/libfailmalloc.so
data=$TOP/tests/data/malformed
esc=$BIN/escstat
if [ ! -e "$shim" ]; then
	skip "no $shim"; done_testing; exit
fi
# Under `make san` ASan owns the allocator; the shim goes in front of it
# (it finds the next malloc with dlsym) once ASan stops insisting on
# being first in the library list.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0:detect_leaks=0

cd "$TMP" || exit 1
cp "$data/old.txt" "$data/new.txt" .

# oom_sweep LABEL MODE ARGS...: escstat ARGS old.txt new.txt, with each
# allocation call of the clean run failing in turn; MODE is "" (only the
# Nth call fails) or ",sticky" (every call from the Nth on).
oom_sweep() {
	local label=$1 mode=$2
	shift 2
	LD_PRELOAD=$shim FAILMALLOC_REPORT=$TMP/report \
	    "$esc" "$@" old.txt new.txt >clean.out 2>clean.err
	local clean_rc=$? calls
	calls=$(cut -d' ' -f1 report)
	if [ "$clean_rc" != 0 ] || [ ! -s clean.out ] || [ -z "$calls" ]; then
		ok 1 "$label$mode: clean run under the shim (rc $clean_rc)"
		return
	fi
	local n bad= absorbed=0 failed=0
	for n in $(seq 1 "$calls"); do
		# (in a subshell, so that bash's "Segmentation fault" notice
		# does not clutter the TAP stream: the status says it)
		( ESCBENCH_FAIL_ALLOC=$n$mode LD_PRELOAD=$shim \
		    "$esc" "$@" old.txt new.txt >oom.out 2>oom.err
		  exit $? ) 2>/dev/null
		local rc=$?
		if [ $rc -ge 128 ] || grep -q -e Sanitizer -e 'runtime error' oom.err; then
			bad="$bad $n(crash rc=$rc)"
		elif [ $rc = 0 ]; then
			if cmp -s oom.out clean.out && cmp -s oom.err clean.err; then
				absorbed=$((absorbed + 1))
			else
				bad="$bad $n(rc=0, output differs)"
			fi
		elif [ "$(tail -n 1 oom.err)" != "escstat: out of memory" ]; then
			bad="$bad $n(rc=$rc: $(tail -n 1 oom.err | head -c 80))"
		else
			failed=$((failed + 1))
		fi
	done
	is "${bad:-none}" none "$label$mode: $calls allocation points, $failed say out of memory, $absorbed absorbed"
}

oom_sweep "-format text" "" -format text
oom_sweep "-format text" ",sticky" -format text
oom_sweep "-format csv" "" -format csv
oom_sweep "-format markdown" "" -format markdown

# A bigger pair (3000 benchmarks x 3 units, every table, hash and cell
# array grows) makes ~170 000 allocation calls: too many to try each, so
# try the first 40, 100 spread over the whole run, and the last 5.
awk 'BEGIN { for (i = 0; i < 3000; i++)
	printf "BenchmarkB%04d/size=%d-2 1 %d ns/op %d B/op 2 allocs/op\n", i, i % 50, 100 + i % 7, i % 13 }' >big1.txt
{ echo 'goos: linux'; cat big1.txt; } >big2.txt
LD_PRELOAD=$shim FAILMALLOC_REPORT=$TMP/report "$esc" big1.txt big2.txt >clean.out 2>clean.err
calls=$(cut -d' ' -f1 report)
bad= tried=0
for n in $(seq 1 40) $(seq $((calls / 100)) $((calls / 100)) $((calls - 1))) $(seq $((calls - 4)) "$calls"); do
	( ESCBENCH_FAIL_ALLOC=$n LD_PRELOAD=$shim "$esc" big1.txt big2.txt >oom.out 2>oom.err
	  exit $? ) 2>/dev/null
	rc=$? tried=$((tried + 1))
	if [ $rc -ge 128 ]; then
		bad="$bad $n(crash rc=$rc)"
	elif [ $rc = 0 ]; then
		cmp -s oom.out clean.out || bad="$bad $n(rc=0, output differs)"
	elif [ "$(tail -n 1 oom.err)" != "escstat: out of memory" ]; then
		bad="$bad $n(rc=$rc: $(tail -n 1 oom.err | head -c 80))"
	fi
done
is "${bad:-none}" none "3000 benchmarks: $tried of $calls allocation points fail cleanly"
# escstat -legacy (the pre-2023 benchstat): the same sweep over every
# allocation call of a comparison, in text (with -geomean -sort delta),
# CSV and HTML.
oom_sweep "-legacy -geomean -sort delta" "" -legacy -geomean -sort delta
oom_sweep "-legacy -csv" "" -legacy -csv
oom_sweep "-legacy -html" "" -legacy -html
done_testing
