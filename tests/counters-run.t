#!/bin/bash
# counters-run.t -- `-counters` end to end: page faults counted per
# op, cycles dropped with a note where there is no PMU (counted where there
# is one), unknown events are usage errors, `-counters list`, the pmu line.
. "$(dirname "$0")/lib.sh"

S=$PROGS/counters_suite
[ -x "$S" ] || skip_all "$S not built"

# metric FILE UNIT [NAME]: the value before UNIT on the first result line
# (of BenchmarkNAME when given), or "".
metric() {
	awk -v u="$2" -v b="^Benchmark${3:-}" '$1 ~ b { for (i = 2; i <= NF; i++) if ($i == u) { print $(i-1); exit } }' "$1"
}

# --- perf::PAGE-FAULTS: every op mmaps, touches and unmaps 1 MiB --------------
"$S" -bench 'FreshPages$' -benchtime 20x -counters perf::PAGE-FAULTS >"$TMP/pf.out" 2>"$TMP/pf.err"
is "$?" 0 "page faults: exit 0"
pf=$(metric "$TMP/pf.out" page-faults/op)
if [ -z "$pf" ] && grep -q 'perf::PAGE-FAULTS not counted' "$TMP/pf.err"; then
	skip "page faults cannot be counted here: $(grep -m1 'not counted' "$TMP/pf.err")"
	skip "page faults cannot be counted here"
else
	like "$(grep '^BenchmarkFreshPages' "$TMP/pf.out")" \
		'^BenchmarkFreshPages(-[0-9]+)?[[:space:]]+20[[:space:]]+[0-9.]+ ns/op.*[[:space:]][0-9.]+ page-faults/op' \
		"page faults: result line carries page-faults/op"
	# 1 MiB = 256 pages of 4 KiB, plus the page holding malloc's chunk header.
	if [ -n "${ESCBENCH_SAN:-}" ]; then
		skip "page-fault count: ASan's allocator serves malloc and ignores mallopt"
	else
		ok "$(awk -v v="$pf" 'BEGIN { exit !(v >= 256 && v <= 260) }'; echo $?)" \
			"page faults: $pf page-faults/op for 1 MiB of fresh pages (256..260)"
	fi
fi
like "$(grep '^# pmu: ' "$TMP/pf.out")" '^# pmu: (yes|none)' "results carry the pmu line"
pmu_line=$(grep -m1 '^# pmu: ' "$TMP/pf.out")

# --- Sum has no faults ----------------------------------------------------------
# What the kernel allows: a context switch happens in the kernel, which
# perf_event_paranoid 2 and above (3 and 4 act as 2 on upstream kernels)
# let only root count; at 1 and below anyone may.  Where even page faults
# cannot be counted (a kernel whose level 3 forbids perf_event_open to
# users), neither can context switches.
par=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo 2)
if [ -z "$pf" ]; then cs_ok=none
elif [ "$(id -u)" = 0 ] || [ "$par" -le 1 ]; then cs_ok=yes
else cs_ok=no
fi
"$S" -bench 'Sum$' -benchtime 100000x -counters perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES >"$TMP/sum.out" 2>"$TMP/sum.err"
is "$?" 0 "sum: exit 0"
sum_pf=$(metric "$TMP/sum.out" page-faults/op)
if [ $cs_ok = none ]; then
	skip "page faults cannot be counted here"
else
	ok "$(awk -v v="$sum_pf" 'BEGIN { exit !(v != "" && v < 0.01) }'; echo $?)" \
		"sum: '$sum_pf' page-faults/op, under 0.01"
fi
case $cs_ok in
yes)
	# Go prints the extra metrics sorted by unit, whatever the order asked for.
	like "$(grep '^BenchmarkSum' "$TMP/sum.out")" '[0-9.e+-]+ context-switches/op[[:space:]]+[0-9.e+-]+ page-faults/op' \
		"sum: both metrics, sorted by unit as Go prints them (uid $(id -u), perf_event_paranoid $par)"
	;;
no)
	like "$(cat "$TMP/sum.err")" \
		"perf::CONTEXT-SWITCHES not counted: perf_event_open: Permission denied \\(perf_event_paranoid $par allows user mode only; this event happens in the kernel\\)" \
		"sum: uid $(id -u) under perf_event_paranoid $par: context switches refused, with the reason"
	;;
none)
	like "$(cat "$TMP/sum.err")" 'perf::CONTEXT-SWITCHES not counted: ' \
		"sum: nothing countable here: context switches refused too"
	;;
esac

# --- PAPI_TOT_CYC: a note where there is no PMU, cycles/op where there is ------
"$S" -bench 'FreshPages$' -benchtime 5x -counters PAPI_TOT_CYC,perf::PAGE-FAULTS >"$TMP/cyc.out" 2>"$TMP/cyc.err"
is "$?" 0 "cycles: exit 0, not a usage error"
line=$(grep '^BenchmarkFreshPages' "$TMP/cyc.out")
like "$line" '[0-9.]+ ns/op' "cycles: a normal result line"
case $pmu_line in
"# pmu: yes ("*)
	like "$line" '[0-9.]+ cycles/op' "PMU: cycles/op counted"
	skip "no-PMU note: this machine has a PMU"
	skip "no-PMU note: this machine has a PMU"
	skip "no-PMU note: this machine has a PMU"
	;;
*)
	skip "PMU counting: ${pmu_line#\# }"
	ok "$(printf '%s\n' "$line" | grep -q 'cycles/op'; [ $? = 1 ]; echo $?)" "no PMU: no cycles/op in the result line"
	like "$(cat "$TMP/cyc.err")" 'counters: PAPI_TOT_CYC not counted: .+' "no PMU: the note on stderr names the event and why"
	like "$(cat "$TMP/cyc.out")" '^# counters: PAPI_TOT_CYC not counted: ' "no PMU: the note in the results, as a comment"
	;;
esac
if grep -q 'hypervisor' /proc/cpuinfo && [ "${pmu_line#\# pmu: none}" != "$pmu_line" ]; then
	like "$(cat "$TMP/cyc.err")" 'PAPI_TOT_CYC not counted: .*no hardware PMU: virtual machine' \
		"VM: the note says no hardware PMU: virtual machine"
else
	skip "not a virtual machine without a PMU"
fi

# --- PAPI_TOT_CYC alone: with no PMU nothing counts, the run goes on -------------
"$S" -bench 'Sum$' -benchtime 1000x -counters PAPI_TOT_CYC >"$TMP/cyc1.out" 2>"$TMP/cyc1.err"
is "$?" 0 "PAPI_TOT_CYC alone: exit 0"
case $pmu_line in
"# pmu: yes ("*)
	like "$(grep '^BenchmarkSum' "$TMP/cyc1.out")" '[0-9.]+ cycles/op' "PMU: cycles/op"
	;;
*)
	like "$(grep '^BenchmarkSum' "$TMP/cyc1.out")" \
		'^BenchmarkSum(-[0-9]+)?[[:space:]]+1000[[:space:]]+[0-9.]+ ns/op[[:space:]]+0 B/op[[:space:]]+0 allocs/op$' \
		"no PMU: the plain result line, no cycles/op"
	;;
esac

# --- in process (-isolate=false), and the notes once per run --------------------
"$S" -bench . -benchtime 10x -isolate=false -counters perf::PAGE-FAULTS,PAPI_TOT_CYC >"$TMP/in.out" 2>"$TMP/in.err"
is "$?" 0 "in process: exit 0"
in_pf=$(metric "$TMP/in.out" page-faults/op FreshPages)
if [ -n "${ESCBENCH_SAN:-}" ]; then
	like "$in_pf" '^[0-9.]+$' "in process: FreshPages counts page faults (ASan: count not checked)"
else
	ok "$(awk -v v="$in_pf" 'BEGIN { exit !(v >= 256 && v <= 260) }'; echo $?)" \
		"in process: $in_pf page-faults/op for FreshPages (256..260)"
fi
"$S" -bench . -benchtime 10x -counters perf::PAGE-FAULTS,PAPI_TOT_CYC >"$TMP/iso.out" 2>"$TMP/iso.err"
is "$?" 0 "isolated, three benchmarks: exit 0"
is "$(grep -c '^Benchmark.*page-faults/op' "$TMP/iso.out")" 3 "isolated: every result line counts page faults"
case $pmu_line in
"# pmu: yes ("*) skip "no-PMU note: this machine has a PMU" ;;
*) is "$(grep -c '^# counters: PAPI_TOT_CYC not counted' "$TMP/iso.out")" 1 "isolated: the note once per run, not per child" ;;
esac

# --- the default: cycles and instructions, or none with one note -----------------
"$S" -bench 'Sum$' -benchtime 1000x >"$TMP/def.out" 2>"$TMP/def.err"
is "$?" 0 "default: exit 0"
case $pmu_line in
"# pmu: yes ("*)
	like "$(grep '^BenchmarkSum' "$TMP/def.out")" 'cycles/op.*instructions/op' "PMU: default counts cycles and instructions"
	skip "no-PMU default note: this machine has a PMU"
	;;
*)
	ok "$(grep '^BenchmarkSum' "$TMP/def.out" | grep -q -e 'cycles/op' -e 'instructions/op'; [ $? = 1 ]; echo $?)" \
		"no PMU: default counts nothing"
	is "$(grep -c '^# counters: PAPI_TOT_CYC,PAPI_TOT_INS not counted: ' "$TMP/def.out")" 1 "no PMU: exactly one default note in the results"
	;;
esac

# --- none -----------------------------------------------------------------------
"$S" -bench 'Sum$' -benchtime 1000x -counters none >"$TMP/none.out" 2>"$TMP/none.err"
is "$?" 0 "none: exit 0"
is "$(grep -c 'counters:' "$TMP/none.out" "$TMP/none.err" | awk -F: '{ s += $2 } END { print s }')" 0 "none: no counter notes"

# --- unknown event: usage error naming it ----------------------------------------
"$S" -bench 'Sum$' -benchtime 10x -counters perf::PAGE-FAULTS,NO_SUCH_EVENT >"$TMP/bad.out" 2>"$TMP/bad.err"
is "$?" 2 "unknown event: exit 2"
like "$(cat "$TMP/bad.err")" "NO_SUCH_EVENT" "unknown event: the message names it"
is "$(grep -c '^Benchmark' "$TMP/bad.out")" 0 "unknown event: nothing run"

# --- -counters list ------------------------------------------------------------------
"$S" -counters list >"$TMP/list.out" 2>"$TMP/list.err"
is "$?" 0 "list: exit 0"
like "$(cat "$TMP/list.out")" "$(printf '^perf::PAGE-FAULTS\tpage-faults/op\t')" "list: perf::PAGE-FAULTS with its unit"
case $pmu_line in
"# pmu: yes ("*) like "$(cat "$TMP/list.out")" '^PAPI_TOT_CYC' "PMU: list has PAPI_TOT_CYC" ;;
*) ok "$(grep -q -e '^PAPI_TOT_CYC' -e '^perf::CYCLES' "$TMP/list.out"; [ $? = 1 ]; echo $?)" "no PMU: list offers no cycles" ;;
esac

done_testing
