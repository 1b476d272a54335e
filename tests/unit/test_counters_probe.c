/*
 * test_counters_probe.c -- harness/counters.c against this machine: events
 * are really probed, what cannot count is dropped with a note naming it and
 * saying why, unknown names are usage errors, units have readable names,
 * software events count what they should, and it all works after fork().
 * What needs a hardware PMU is tested where there is one and skipped (with
 * the reason) where there is none.
 */
#include "alloc.h"
#include "counters.h"
#include "../tap.h"

#include <stdlib.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { PAGES = 16 };

/* Faults beyond one per page that a check accepts: the counter's own stop
 * path, and under ASan the shadow pages of the mapping (1 per 8 pages). */
#if defined(__SANITIZE_ADDRESS__)
enum { SLACK = PAGES / 8 + 4 };
#else
enum { SLACK = 2 };
#endif

/* like_str: `got` contains `want`. */
#define like_str(got, want, ...)                                            \
    do {                                                                    \
        const char *lg_ = (got), *lw_ = (want);                             \
        if (!ok(lg_ != NULL && strstr(lg_, lw_) != NULL, __VA_ARGS__))      \
            printf("#   got: '%s'\n#  want substring: '%s'\n",              \
                   lg_ ? lg_ : "(null)", lw_);                              \
    } while (0)

/* skip_one: one test point skipped, with the reason. */
static void skip_one(const char *why)
{
    printf("ok %d # SKIP %s\n", ++tap_n_, why);
}

/* touch_fresh_pages maps PAGES fresh anonymous pages, writes one byte in
 * each (one minor fault per page: MADV_NOHUGEPAGE keeps the kernel from
 * mapping several pages per fault) and unmaps them.  Returns 0 or -1. */
static int touch_fresh_pages(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    volatile char *p = mmap(NULL, (size_t)(PAGES * pg), PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p == MAP_FAILED)
        return -1;
    madvise((void *)p, (size_t)(PAGES * pg), MADV_NOHUGEPAGE);
    for (int i = 0; i < PAGES; i++)
        p[(long)i * pg] = 1;
    return munmap((void *)p, (size_t)(PAGES * pg));
}

/* has_note: does some note of c contain `what`? */
static int has_note(const counters *c, const char *what)
{
    const char *const *notes;
    size_t n = counters_notes(c, &notes);

    for (size_t i = 0; i < n; i++)
        if (strstr(notes[i], what) != NULL)
            return 1;
    return 0;
}

static void show_notes(const counters *c)
{
    const char *const *notes;
    size_t n = counters_notes(c, &notes);

    for (size_t i = 0; i < n; i++)
        tap_diag("note: %s", notes[i]);
}

static void test_units(void)
{
    static const char *const cases[][2] = {
        { "PAPI_TOT_CYC", "cycles/op" },
        { "PAPI_TOT_INS", "instructions/op" },
        { "perf::PAGE-FAULTS", "page-faults/op" },
        { "perf::CONTEXT-SWITCHES", "context-switches/op" },
        { "perf::TASK-CLOCK", "task-clock-ns/op" },
        { "perf::CPU-CLOCK", "cpu-clock-ns/op" },
        { "perf::PERF_COUNT_SW_PAGE_FAULTS", "page-faults/op" },
        { "perf::cs", "context-switches/op" },
        { "perf::CPU-CYCLES", "cycles/op" },
        { "perf::PERF_COUNT_HW_CPU_CYCLES", "cycles/op" },
        { "perf::INSTRUCTIONS", "instructions/op" },
        { "perf::CPU-MIGRATIONS", "cpu-migrations/op" },
        { "PAPI_L1_DCM", "l1-dcm/op" },
        { "PAPI_BR_MSP", "br-msp/op" },
        { "amd64_fam19h_zen4::RETIRED_INSTRUCTIONS", "retired-instructions/op" },
        { "ODD NAME", "odd-name/op" },
    };
    char buf[128], small[8];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        counters_unit_name(cases[i][0], buf, sizeof buf);
        is_str(buf, cases[i][1], "unit of %s", cases[i][0]);
    }
    counters_unit_name("perf::PAGE-FAULTS", small, sizeof small);
    is_str(small, "page-fa", "unit truncated to the buffer, terminated");
}

static void test_none(void)
{
    char err[256];
    const char *const *notes;
    counters *c = counters_open("none", err, sizeof err);
    long long v[1];

    ok(c != NULL, "none: opens");
    is_int(counters_count(c), 0, "none: no events");
    is_int(counters_notes(c, &notes), 0, "none: no notes");
    is_int(counters_start(c), 0, "none: start is a no-op");
    is_int(counters_stop(c, v), 0, "none: stop is a no-op");
    counters_close(c);
}

static void test_unknown(void)
{
    char err[256];
    counters *c;

    c = counters_open("NO_SUCH_EVENT", err, sizeof err);
    ok(c == NULL, "unknown event: usage error");
    like_str(err, "unknown counter event 'NO_SUCH_EVENT'", "message names the event");

    c = counters_open("perf::PAGE-FAULTS,perf::NO-SUCH-EVENT", err, sizeof err);
    ok(c == NULL, "unknown event after a good one: usage error");
    like_str(err, "unknown counter event 'perf::NO-SUCH-EVENT'", "message names the bad one");
}

/* test_page_faults: perf::PAGE-FAULTS counts one fault per fresh page, per
 * start/stop pair (start resets). */
static void test_page_faults(void)
{
    char err[256];
    counters *c = counters_open("perf::PAGE-FAULTS", err, sizeof err);
    long long v[1] = { -1 };

    ok(c != NULL, "perf::PAGE-FAULTS opens");
    if (c == NULL)
        return;
    if (counters_count(c) != 1) {
        show_notes(c);
        skip_one("perf_event_open refused here (see note)");
        counters_close(c);
        return;
    }
    is_str(counters_event(c, 0), "perf::PAGE-FAULTS", "event name kept");
    is_str(counters_unit(c, 0), "page-faults/op", "unit page-faults/op");
    ok(counters_unit(c, 1) == NULL && counters_event(c, 1) == NULL, "index past the end: NULL");
    for (int round = 1; round <= 2; round++) {
        is_int(counters_start(c), 0, "round %d: start", round);
        ok(touch_fresh_pages() == 0, "round %d: touched %d fresh pages", round, PAGES);
        is_int(counters_stop(c, v), 0, "round %d: stop", round);
        ok(v[0] >= PAGES && v[0] <= PAGES + SLACK, "round %d: %lld faults for %d pages (start resets)",
           round, v[0], PAGES);
    }
    counters_start(c);
    counters_stop(c, v);
    ok(v[0] <= 1, "nothing touched: %lld faults", v[0]);
    counters_close(c);
}

/* test_list_syntax: blanks around names, empty items, and one event per
 * unit (a result line cannot carry a unit twice). */
static void test_list_syntax(void)
{
    char err[256];
    counters *c = counters_open(" perf::PAGE-FAULTS ,, perf::FAULTS,perf::PERF_COUNT_SW_TASK_CLOCK\t",
                                err, sizeof err);

    ok(c != NULL, "blanks and empty items are no usage error");
    if (c == NULL)
        return;
    if (counters_count(c) == 0) {
        skip_one("software events not countable here");
    } else {
        is_int(counters_count(c), 2, "perf::FAULTS is perf::PAGE-FAULTS: counted once");
        is_str(counters_event(c, 0), "perf::PAGE-FAULTS", "first, trimmed");
        is_str(counters_unit(c, 1), "task-clock-ns/op", "perf::PERF_COUNT_SW_TASK_CLOCK is the task clock");
        ok(has_note(c, "counters: perf::FAULTS not counted: same unit page-faults/op as perf::PAGE-FAULTS"),
           "the duplicate is noted");
    }
    counters_close(c);
    c = counters_open("perf::PAGE-FAULTS,perf::PAGE-FAULTS,PAPI_TOT_CYC,PAPI_TOT_CYC", err, sizeof err);
    ok(c != NULL && counters_count(c) <= 2, "each duplicate dropped");
    counters_close(c);
    c = counters_open("PAPI_TOT_CYC,PAPI_TOT_CYC_X", err, sizeof err);
    ok(c == NULL, "an unknown name after a known one is still a usage error");
}

/* test_no_allocs: counters_start and counters_stop run next to the timed
 * region, inside the runner's allocation counting: they must not allocate. */
static void test_no_allocs(void)
{
    char err[256];
    counters *c = counters_open("perf::PAGE-FAULTS,perf::TASK-CLOCK,PAPI_TOT_CYC", err, sizeof err);
    struct alloc_counts got;
    long long v[3];

    if (!alloc_counting_available()) {
        skip_one("allocation counting is off in this build");
        counters_close(c);
        return;
    }
    alloc_count_reset();
    alloc_count_start();
    for (int i = 0; i < 100; i++) {
        counters_start(c);
        counters_stop(c, v);
    }
    alloc_count_stop();
    alloc_count_read(&got);
    is_int(got.allocs, 0, "100 start/stop pairs of %d events allocate nothing", counters_count(c));
    counters_close(c);
}

/* test_software_set: several kernel software events in one set, in order. */
static void test_software_set(void)
{
    char err[256];
    counters *c = counters_open("perf::TASK-CLOCK,perf::CONTEXT-SWITCHES,perf::PAGE-FAULTS",
                                err, sizeof err);
    long long v[3];
    struct timespec ts = { 0, 2000000 };

    if (c != NULL && counters_count(c) == 2 &&
        has_note(c, "counters: perf::CONTEXT-SWITCHES not counted: perf_event_open: ") &&
        has_note(c, "allows user mode only; this event happens in the kernel")) {
        /* Unprivileged: a user-mode-only count of context switches would be
         * 0, so the event is refused with the reason. */
        ok(1, "user mode only: context switches refused, with the reason");
        is_str(counters_unit(c, 1), "page-faults/op", "user mode only: the others count");
        counters_close(c);
        return;
    }
    if (c == NULL || counters_count(c) != 3) {
        skip_one("software events not all countable here");
        counters_close(c);
        return;
    }
    is_str(counters_unit(c, 0), "task-clock-ns/op", "first: task-clock-ns/op");
    is_str(counters_unit(c, 1), "context-switches/op", "second: context-switches/op");
    is_str(counters_unit(c, 2), "page-faults/op", "third: page-faults/op");
    counters_start(c);
    touch_fresh_pages();
    nanosleep(&ts, NULL);               /* sleeping is a context switch */
    is_int(counters_stop(c, v), 0, "stop");
    ok(v[0] > 0 && v[0] < 2000000, "task clock %lld ns: ran, not counting the 2 ms asleep", v[0]);
    ok(v[1] >= 1, "%lld context switches (slept once)", v[1]);
    ok(v[2] >= PAGES, "%lld page faults", v[2]);
    counters_close(c);
}

/* test_cycles: PAPI_TOT_CYC counts where there is a PMU; elsewhere it is
 * dropped with a note naming it and the reason, and the rest still counts. */
static void test_cycles(int pmu)
{
    char err[256];
    counters *c = counters_open("PAPI_TOT_CYC,perf::PAGE-FAULTS", err, sizeof err);
    long long v[2];

    ok(c != NULL, "PAPI_TOT_CYC,perf::PAGE-FAULTS is no usage error");
    if (c == NULL)
        return;
    show_notes(c);
    if (pmu) {
        is_int(counters_count(c), 2, "PMU: both count");
        is_str(counters_unit(c, 0), "cycles/op", "PMU: cycles/op");
        counters_start(c);
        touch_fresh_pages();
        counters_stop(c, v);
        ok(v[0] > 1000, "PMU: %lld cycles", v[0]);
        skip_one("no-PMU note: this machine has a PMU");
    } else {
        is_int(counters_count(c), 1, "no PMU: only the page faults count");
        is_str(counters_unit(c, 0), "page-faults/op", "no PMU: page-faults/op is index 0");
        ok(has_note(c, "counters: PAPI_TOT_CYC not counted: "), "no PMU: note names PAPI_TOT_CYC");
        skip_one(counters_pmu_note());
    }
    counters_close(c);
}

/* test_kernel_cycles: perf::CYCLES goes to the kernel when PAPI cannot
 * count it; without a PMU the kernel refuses, and the note says so. */
static void test_kernel_cycles(int kernel_pmu_present)
{
    char err[256];
    counters *c = counters_open("perf::CYCLES,perf::PAGE-FAULTS", err, sizeof err);

    ok(c != NULL, "perf::CYCLES is a known name");
    if (c == NULL)
        return;
    if (kernel_pmu_present) {
        skip_one("the kernel has a PMU here: perf::CYCLES may count");
        skip_one("the kernel has a PMU here");
    } else {
        is_str(counters_unit(c, 0), "page-faults/op", "no PMU: only the page faults count");
        ok(has_note(c, "counters: perf::CYCLES not counted: perf_event_open: ") &&
           has_note(c, "; no hardware PMU"), "no PMU: the kernel's refusal is the note");
    }
    counters_close(c);
}

/* test_default: both default events or none, with exactly one note. */
static void test_default(int pmu, int vm)
{
    char err[256];
    const char *const *notes;
    counters *c = counters_open(NULL, err, sizeof err);
    counters *d = counters_open("default", err, sizeof err);

    ok(c != NULL && d != NULL, "default opens (NULL and \"default\")");
    if (c == NULL || d == NULL) {
        counters_close(c);
        counters_close(d);
        return;
    }
    is_int(counters_count(c), counters_count(d), "NULL is \"default\"");
    if (pmu) {
        is_int(counters_count(c), 2, "PMU: default counts two events");
        is_str(counters_unit(c, 0), "cycles/op", "PMU: cycles/op");
        is_str(counters_unit(c, 1), "instructions/op", "PMU: instructions/op");
    } else {
        is_int(counters_count(c), 0, "no PMU: default counts nothing");
        is_int(counters_notes(c, &notes), 1, "no PMU: exactly one note");
        like_str(notes[0], "counters: PAPI_TOT_CYC,PAPI_TOT_INS not counted: ", "no PMU: note names both");
        if (vm)
            like_str(notes[0], "no hardware PMU: virtual machine", "no PMU: note says why");
        else
            skip_one("not a virtual machine");
    }
    counters_close(c);
    counters_close(d);
}

/* test_fork: the parent has used PAPI (pmu note, an open set); a forked
 * child opens and counts on its own. */
static void test_fork(void)
{
    char err[256];
    counters *parent = counters_open("perf::PAGE-FAULTS,PAPI_TOT_CYC", err, sizeof err);
    int fds[2], status;
    long long got = -1;
    pid_t pid;

    ok(parent != NULL, "parent opens before fork");
    if (pipe(fds) != 0 || (pid = fork()) < 0) {
        ok(0, "pipe/fork");
        counters_close(parent);
        return;
    }
    if (pid == 0) {
        counters *c;
        long long v[2] = { -1, -1 };
        /* The child's copy of the parent's set: its fds count the parent;
         * closing it here must not touch the parent's PAPI state. */
        counters_close(parent);
        c = counters_open("perf::PAGE-FAULTS,PAPI_TOT_CYC", err, sizeof err);
        if (c != NULL && counters_count(c) >= 1 && counters_start(c) == 0) {
            touch_fresh_pages();
            counters_stop(c, v);
        }
        counters_close(c);
        if (write(fds[1], &v[0], sizeof v[0]) != sizeof v[0])
            _exit(1);
        _exit(0);
    }
    close(fds[1]);
    if (read(fds[0], &got, sizeof got) != sizeof got)
        got = -2;
    close(fds[0]);
    waitpid(pid, &status, 0);
    ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child exits 0");
    ok(got >= PAGES && got <= PAGES + SLACK, "child counted %lld page faults", got);
    counters_close(parent);
}

static void test_list(int pmu)
{
    char *l = counters_list();

    ok(l != NULL, "list");
    if (l == NULL)
        return;
    like_str(l, "perf::PAGE-FAULTS\tpage-faults/op\tpage faults", "list has perf::PAGE-FAULTS");
    like_str(l, "perf::TASK-CLOCK\ttask-clock-ns/op\t", "list has perf::TASK-CLOCK");
    if (pmu)
        like_str(l, "PAPI_TOT_CYC\tcycles/op\t", "PMU: list has PAPI_TOT_CYC");
    else
        ok(strstr(l, "PAPI_TOT_CYC") == NULL && strstr(l, "perf::CYCLES") == NULL,
           "no PMU: list has no cycles");
    ok(l[strlen(l) - 1] == '\n', "list ends with a newline");
    free(l);
}

int main(void)
{
    const char *pmu_note = counters_pmu_note();
    int pmu = strncmp(pmu_note, "pmu: yes (", 10) == 0;     /* PAPI has counters */
    int vm = strstr(pmu_note, "virtual machine") != NULL;

    tap_diag("%s", pmu_note);
    like_str(pmu_note, "pmu: ", "pmu note");
    test_units();
    test_none();
    test_unknown();
    test_page_faults();
    test_list_syntax();
    test_no_allocs();
    test_software_set();
    test_cycles(pmu);
    test_kernel_cycles(strncmp(pmu_note, "pmu: none", 9) != 0);
    test_default(pmu, vm);
    test_fork();
    test_list(pmu);
    return tap_done();
}
