#!/bin/bash
# counters-claims.t -- PAPI claims hardware counters the machine does not
# have.  With libpfm4 forced to a PMU (LIBPFM_FORCE_PMU) on a machine whose
# kernel exports none, PAPI's perf_event component enables itself with 6
# counters and papi_avail lists PAPI_TOT_CYC -- yet adding it fails with
# "Event does not exist".  The probe must
# believe the kernel, not the claim.
. "$(dirname "$0")/lib.sh"

S=$PROGS/counters_suite
P=$BUILD/tests/test_counters_probe
[ -x "$S" ] && [ -x "$P" ] || skip_all "counters_suite or test_counters_probe not built"
[ "$(uname -m)" = x86_64 ] || skip_all "forcing an AMD PMU in libpfm4 needs x86_64"
for t in /sys/bus/event_source/devices/*/type; do
	# PERF_TYPE_RAW (4): the kernel exports a core PMU; forcing would lie.
	[ "$(cat "$t" 2>/dev/null)" = 4 ] && skip_all "this machine has a PMU ($(dirname "$t"))"
done
export LIBPFM_FORCE_PMU=amd64_fam17h_zen2

"$S" -bench 'Sum$' -benchtime 100x -counters PAPI_TOT_CYC,perf::PAGE-FAULTS >"$TMP/out" 2>"$TMP/err"
is "$?" 0 "exit 0"
like "$(grep '^# pmu: ' "$TMP/out")" '^# pmu: none \(no hardware PMU.*PAPI perf_event claims [0-9]+ counters\)' \
	"pmu line: none, whatever PAPI claims"
like "$(cat "$TMP/err")" 'counters: PAPI_TOT_CYC not counted: Event does not exist; no hardware PMU' \
	"the note: which event, PAPI's reason, no PMU"
line=$(grep '^BenchmarkSum' "$TMP/out")
like "$line" '[0-9.]+ ns/op.*[0-9.]+ page-faults/op' "a normal result line with the events that count"
ok "$(printf '%s\n' "$line" | grep -q 'cycles/op'; [ $? = 1 ]; echo $?)" "no cycles/op"

"$S" -counters list >"$TMP/list" 2>&1
ok "$(grep -q '^PAPI_TOT_CYC' "$TMP/list"; [ $? = 1 ]; echo $?)" "-counters list does not offer PAPI_TOT_CYC"

"$P" >"$TMP/probe" 2>&1
is "$?" 0 "the probe unit tests pass under the false claim too"
like "$(cat "$TMP/probe")" 'note: counters: PAPI_TOT_CYC not counted: Event does not exist' "and see the claim refused"

done_testing
