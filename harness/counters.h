/*
 * counters.h -- per-op event counts through PAPI, probed for real.
 *
 * An event is usable only if an event set holding it can be created, added
 * to and started on this machine: papi_avail and PAPI_query_event say yes to
 * PAPI_TOT_CYC on a VM with no PMU, but PAPI_add_event then fails.  Events
 * that cannot be counted are dropped with a note (which event, PAPI's reason,
 * and "no hardware PMU: virtual machine" when that is the cause); the others
 * are counted.  Values are read at batch boundaries only, never inside the
 * timed loop.  Library code: returns notes, never prints.
 *
 * The kernel's generic events (perf::PAGE-FAULTS, perf::CONTEXT-SWITCHES,
 * perf::TASK-CLOCK, perf::CYCLES, ...) are counted through PAPI when PAPI
 * can, else with perf_event_open(2) directly, with a note: PAPI 7.0's
 * perf_event component disables itself -- software events included -- when
 * libpfm4 finds no core PMU it knows, which is the case on a VM without a
 * PMU and on CPUs newer than libpfm4.
 *
 * Counts are those of the calling thread (user and kernel mode when
 * perf_event_paranoid allows, user mode only otherwise; in user mode the
 * events that happen in the kernel -- context switches, CPU migrations --
 * are refused with a note rather than read as 0).
 */
#ifndef ESCBENCH_COUNTERS_H
#define ESCBENCH_COUNTERS_H

#include <stddef.h>

typedef struct counters counters;

/* counters_open probes LIST: NULL or "default" (PAPI_TOT_CYC,PAPI_TOT_INS
 * when they really start, otherwise none, with one note), "none", or a
 * comma-separated list of PAPI preset or native event names.  Returns a new
 * set the caller releases with counters_close, or NULL on a usage error (an
 * event name neither PAPI nor the kernel table knows) with the message in
 * err ("unknown counter event 'X': PAPI_event_name_to_code: Event does
 * not exist").  An event that is known but cannot be counted here is no
 * error: it is dropped with a note, and so is a second event with the same
 * unit.  Names may have blanks around them; empty items are ignored.  At
 * most 16 events.  Call it in the process and thread that will count (after
 * fork, not before); PAPI is initialised again in a forked child.  Notes
 * begin "counters: ". */
counters *counters_open(const char *list, char *err, size_t errsz);
void counters_close(counters *c);

/* Number of events that can really be counted, and their per-op units in
 * Go metric style ("cycles/op", "instructions/op", "page-faults/op"). */
int counters_count(const counters *c);
const char *counters_unit(const counters *c, int i);
const char *counters_event(const counters *c, int i);

/* counters_unit_name writes the per-op unit of event name `event` into buf
 * (bufsz bytes, truncated, always terminated): PAPI_TOT_CYC -> cycles/op,
 * PAPI_TOT_INS -> instructions/op, perf::PAGE-FAULTS -> page-faults/op,
 * perf::CONTEXT-SWITCHES -> context-switches/op, perf::TASK-CLOCK ->
 * task-clock-ns/op; any other: the part after "::" or "PAPI_", lower case,
 * '_' and white space -> '-', then "/op".  Aliases of the kernel's events
 * (perf::CS, perf::PERF_COUNT_SW_PAGE_FAULTS) get the canonical unit. */
void counters_unit_name(const char *event, char *buf, size_t bufsz);

/* Notes about events that could not be counted; one line each, no newline.
 * Owned by c. */
size_t counters_notes(const counters *c, const char *const **notes);

/* Start counting / stop and store the counts since the start in values[]
 * (counters_count entries; start resets them).  Return 0, or -1 with c's
 * last error set.  With no events (or c NULL) both do nothing and return 0.
 * Neither allocates (test_counters_probe checks the perf_event_open path;
 * PAPI_start/PAPI_stop on a PMU machine are not checked here). */
int counters_start(counters *c);
int counters_stop(counters *c, long long *values);

/* The last error of counters_start/counters_stop (owned by c). */
const char *counters_error(const counters *c);

/* counters_list writes what can really be counted here, one event per line
 * ("name<TAB>unit<TAB>description [PAPI]" or "... [perf_event_open]"), each
 * probed as counters_open would, into a malloc'd string the caller frees
 * ("" when nothing counts; NULL when out of memory).  For `-counters list`. */
char *counters_list(void);

/* counters_pmu_note is one environment line for the head of a results file:
 * "pmu: yes (6 hardware counters through PAPI perf_event)", "pmu: yes, but
 * PAPI cannot use it (...)" or "pmu: none (no hardware PMU: virtual machine;
 * ...)".  The kernel decides (an event source of type PERF_TYPE_RAW), not
 * PAPI's claim.  env_notes() prints it.  Static storage. */
const char *counters_pmu_note(void);

#endif
