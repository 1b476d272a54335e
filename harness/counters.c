/*
 * counters.c -- per-op event counts through PAPI, probed for real.
 * See counters.h.  Every event is probed by adding it to the event set that
 * will count and starting that set; what fails is dropped with a note.
 * Kernel software events (perf::PAGE-FAULTS, ...) that PAPI cannot give us
 * -- its perf_event component disables itself when libpfm4 finds no core
 * PMU, as on a VM without one -- are read with perf_event_open(2) directly.
 */
#include "counters.h"
#include "alloc.h"
#include "cpuinfo.h"
#include "strbuf.h"
#include "strlist.h"

#include <dirent.h>
#include <errno.h>
#include <linux/perf_event.h>
#include <papi.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>


#define COUNTERS_MAX 16                 /* events in one set */

/* One event that is really counted. */
struct event {
    char name[128];                     /* as the user wrote it */
    char unit[128];                     /* "page-faults/op" */
    int fd;                             /* perf_event_open fd, or -1 for PAPI */
    int papi_slot;                      /* index in the PAPI set's values */
};

struct counters {
    int eventset;                       /* PAPI event set, or PAPI_NULL */
    int npapi;                          /* events in eventset */
    int n;                              /* events counted */
    struct event ev[COUNTERS_MAX];
    long long papi_vals[COUNTERS_MAX];  /* scratch for PAPI_stop */
    strlist notes;                      /* notes for the results head */
    char err[256];                      /* last error of start/stop */
};

/* A kernel event we can open ourselves when PAPI cannot: the software
 * events, and the generic hardware events (which need a PMU). */
struct kernel_event {
    const char *name;                   /* without "perf::" */
    const char *alias;                  /* libpfm4's long name */
    unsigned type;                      /* PERF_TYPE_SOFTWARE or _HARDWARE */
    unsigned long long config;          /* PERF_COUNT_SW_* or _HW_* */
    const char *desc;
    int in_kernel;                      /* happens in kernel mode only */
};

#define SW(n, a, cfg, d) { n, "PERF_COUNT_SW_" a, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_##cfg, d, 0 }
#define SWK(n, a, cfg, d) { n, "PERF_COUNT_SW_" a, PERF_TYPE_SOFTWARE, PERF_COUNT_SW_##cfg, d, 1 }
#define HW(n, a, cfg, d) { n, "PERF_COUNT_HW_" a, PERF_TYPE_HARDWARE, PERF_COUNT_HW_##cfg, d, 0 }
static const struct kernel_event kernel_events[] = {
    SW("PAGE-FAULTS", "PAGE_FAULTS", PAGE_FAULTS, "page faults (kernel software event)"),
    SW("MINOR-FAULTS", "PAGE_FAULTS_MIN", PAGE_FAULTS_MIN, "minor page faults (kernel software event)"),
    SW("MAJOR-FAULTS", "PAGE_FAULTS_MAJ", PAGE_FAULTS_MAJ, "major page faults (kernel software event)"),
    SWK("CONTEXT-SWITCHES", "CONTEXT_SWITCHES", CONTEXT_SWITCHES, "context switches (kernel software event)"),
    SWK("CPU-MIGRATIONS", "CPU_MIGRATIONS", CPU_MIGRATIONS, "moves to another CPU (kernel software event)"),
    SW("TASK-CLOCK", "TASK_CLOCK", TASK_CLOCK, "nanoseconds this task ran (kernel software event)"),
    SW("CPU-CLOCK", "CPU_CLOCK", CPU_CLOCK, "nanoseconds of the per-CPU clock (kernel software event)"),
    HW("CYCLES", "CPU_CYCLES", CPU_CYCLES, "core cycles (hardware event, needs a PMU)"),
    HW("INSTRUCTIONS", "INSTRUCTIONS", INSTRUCTIONS, "instructions retired (hardware event, needs a PMU)"),
    HW("REF-CYCLES", "REF_CPU_CYCLES", REF_CPU_CYCLES, "reference cycles (hardware event, needs a PMU)"),
    HW("BRANCH-INSTRUCTIONS", "BRANCH_INSTRUCTIONS", BRANCH_INSTRUCTIONS, "branches retired (hardware event, needs a PMU)"),
    HW("BRANCH-MISSES", "BRANCH_MISSES", BRANCH_MISSES, "mispredicted branches (hardware event, needs a PMU)"),
    HW("CACHE-REFERENCES", "CACHE_REFERENCES", CACHE_REFERENCES, "last-level cache references (hardware event, needs a PMU)"),
    HW("CACHE-MISSES", "CACHE_MISSES", CACHE_MISSES, "last-level cache misses (hardware event, needs a PMU)"),
};

/* libpfm4's short names for some of them. */
static const char *const short_names[][2] = {
    { "CS", "CONTEXT-SWITCHES" },
    { "CPU-CYCLES", "CYCLES" },
    { "FAULTS", "PAGE-FAULTS" },
    { "MIGRATIONS", "CPU-MIGRATIONS" },
};
#undef SW
#undef SWK
#undef HW
#define N_KERNEL (sizeof kernel_events / sizeof kernel_events[0])

/* Units with a fixed name; counters_unit_name derives the rest. */
static const struct { const char *event, *unit; } fixed_units[] = {
    { "PAPI_TOT_CYC", "cycles/op" },
    { "PAPI_TOT_INS", "instructions/op" },
    { "PAPI_REF_CYC", "ref-cycles/op" },
    { "perf::PAGE-FAULTS", "page-faults/op" },
    { "perf::CONTEXT-SWITCHES", "context-switches/op" },
    { "perf::TASK-CLOCK", "task-clock-ns/op" },
    { "perf::CPU-CLOCK", "cpu-clock-ns/op" },
};

static pid_t papi_pid;                  /* process that initialised PAPI; 0 none */
static int papi_init_err;               /* its result there: PAPI_OK or error */

/* papi_init initialises PAPI in this process, once: a failure is kept, not
 * retried (an attempt costs milliseconds).  After fork() the child holds the
 * parent's PAPI state (event sets bound to the parent's perf fds), so it is
 * shut down and initialised again there.  Returns PAPI_OK or the error. */
static int papi_init(void)
{
    int r;

    if (papi_pid == getpid())
        return papi_init_err;
    if (PAPI_is_initialized() != PAPI_NOT_INITED)
        PAPI_shutdown();
    /* libpapi 7.0 crashes when one of its start-up allocations fails, so
     * injected failures (tests) skip it: what is under test is ours. */
    alloc_fail_pause(true);
    r = PAPI_library_init(PAPI_VER_CURRENT);
    alloc_fail_pause(false);
    papi_pid = getpid();
    papi_init_err = r == PAPI_VER_CURRENT ? PAPI_OK : r < 0 ? r : PAPI_EINVAL;
    return papi_init_err;
}

static int kernel_pmu(void);

/* add_note appends a formatted note to c (cut at 511 bytes); allocation
 * failure drops it. */
static __attribute__((format(printf, 2, 3))) void add_note(counters *c, const char *fmt, ...)
{
    char buf[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    strlist_push(&c->notes, buf);
}

/* hypervisor reports whether the CPU says it runs under a hypervisor: the
 * kernel's CPUID flag in /proc/cpuinfo (cpuinfo.h), or PAPI's own guess
 * where there is no flags line. */
static int hypervisor(void)
{
    int flag = cpuinfo_hypervisor();
    if (flag >= 0)
        return flag;
    if (papi_init() == PAPI_OK) {
        const PAPI_hw_info_t *hw = PAPI_get_hardware_info();
        if (hw != NULL && hw->virtualized)
            return 1;
    }
    return 0;
}

/* cpu_component returns PAPI's perf_event component index, or -1. */
static int cpu_component(void)
{
    int n;

    if (papi_init() != PAPI_OK)
        return -1;
    n = PAPI_num_components();
    for (int i = 0; i < n; i++) {
        const PAPI_component_info_t *ci = PAPI_get_component_info(i);
        if (ci != NULL && strcmp(ci->name, "perf_event") == 0)
            return i;
    }
    return -1;
}

/* hw_counters is the number of hardware counters PAPI can use here: 0 when
 * the perf_event component is disabled or has none (no PMU). */
static int hw_counters(void)
{
    int cidx = cpu_component();
    const PAPI_component_info_t *ci;

    if (cidx < 0 || (ci = PAPI_get_component_info(cidx)) == NULL || ci->disabled)
        return 0;
    return ci->num_cntrs > 0 ? ci->num_cntrs : 0;
}

/* why_not formats the reason PAPI error `r` on event `code` gives, with the
 * component's own reason when it is disabled and "no hardware PMU: virtual
 * machine" when that is the cause. */
static void why_not(int r, int code, char *buf, size_t bufsz)
{
    size_t len;
    int cidx;
    const PAPI_component_info_t *ci = NULL;

    snprintf(buf, bufsz, "%s", PAPI_strerror(r) ? PAPI_strerror(r) : "unknown PAPI error");
    len = strlen(buf);
    cidx = code != PAPI_NULL ? PAPI_get_event_component(code) : -1;
    if (cidx >= 0)
        ci = PAPI_get_component_info(cidx);
    if (ci != NULL && ci->disabled && ci->disabled_reason[0] != '\0' && len < bufsz)
        len += snprintf(buf + len, bufsz - len, " (%s: %s)", ci->name, ci->disabled_reason);
    if (len < bufsz && !kernel_pmu())
        snprintf(buf + len, bufsz - len, "; no hardware PMU%s",
                 hypervisor() ? ": virtual machine" : "");
}

/* find_kernel returns the kernel event that `name` ("perf::PAGE-FAULTS",
 * "perf::PERF_COUNT_SW_PAGE_FAULTS", any case) names, or NULL. */
static const struct kernel_event *find_kernel(const char *name)
{
    if (strncasecmp(name, "perf::", 6) != 0)
        return NULL;
    name += 6;
    for (size_t i = 0; i < sizeof short_names / sizeof short_names[0]; i++)
        if (strcasecmp(name, short_names[i][0]) == 0)
            name = short_names[i][1];
    for (size_t i = 0; i < N_KERNEL; i++)
        if (strcasecmp(name, kernel_events[i].name) == 0 ||
            strcasecmp(name, kernel_events[i].alias) == 0)
            return &kernel_events[i];
    return NULL;
}

/* paranoid reads /proc/sys/kernel/perf_event_paranoid; -99 if unreadable. */
static int paranoid(void)
{
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    int v = -99;

    if (f != NULL) {
        if (fscanf(f, "%d", &v) != 1)
            v = -99;
        fclose(f);
    }
    return v;
}

/* kernel_open opens a counter of event `k` on the calling thread and checks
 * that it enables and disables: only then does it count.  Kernel-mode
 * counting is asked for first, then user mode only when perf_event_paranoid
 * forbids more -- except for events that happen in the kernel (a context
 * switch), which would read 0 there: they fail with EACCES.  Page faults
 * count in user mode too (the faulting context is the user's).  Returns the
 * fd (disabled), or -1 with errno set. */
static int kernel_open(const struct kernel_event *k)
{
    struct perf_event_attr a;
    int fd, e;

    memset(&a, 0, sizeof a);
    a.size = sizeof a;
    a.type = k->type;
    a.config = k->config;
    a.disabled = 1;
    a.exclude_hv = 1;
    fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    if (fd < 0 && (errno == EACCES || errno == EPERM) && !k->in_kernel) {
        a.exclude_kernel = 1;
        fd = (int)syscall(SYS_perf_event_open, &a, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
    }
    if (fd < 0)
        return -1;
    if (ioctl(fd, PERF_EVENT_IOC_ENABLE, 0) != 0 || ioctl(fd, PERF_EVENT_IOC_DISABLE, 0) != 0) {
        e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

void counters_unit_name(const char *name, char *buf, size_t bufsz)
{
    const struct kernel_event *ke = find_kernel(name);
    char canon[64];
    const char *p;
    size_t k = 0;

    if (bufsz == 0)
        return;
    if (ke != NULL) {               /* perf::CS and perf::PERF_COUNT_SW_... too */
        snprintf(canon, sizeof canon, "perf::%s", ke->name);
        name = canon;
    }
    for (size_t i = 0; i < sizeof fixed_units / sizeof fixed_units[0]; i++)
        if (strcasecmp(name, fixed_units[i].event) == 0) {
            snprintf(buf, bufsz, "%s", fixed_units[i].unit);
            return;
        }
    p = strstr(name, "::");
    if (p != NULL)
        p += 2;
    else if (strncmp(name, "PAPI_", 5) == 0)
        p = name + 5;
    else
        p = name;
    for (; *p != '\0' && k + 4 < bufsz; p++) {
        unsigned char ch = (unsigned char)*p;
        buf[k++] = ch == '_' || ch == ' ' || ch == '\t' ? '-' :
                   ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : (char)ch;
    }
    snprintf(buf + k, bufsz - k, "/op");
}

/* papi_try adds `code` to c's event set and starts the set: only then is the
 * event known to count.  On failure the event is removed again and PAPI's
 * error code returned. */
static int papi_try(counters *c, int code)
{
    int r;

    if (c->eventset == PAPI_NULL && (r = PAPI_create_eventset(&c->eventset)) != PAPI_OK) {
        c->eventset = PAPI_NULL;
        return r;
    }
    if ((r = PAPI_add_event(c->eventset, code)) != PAPI_OK)
        return r;
    if ((r = PAPI_start(c->eventset)) != PAPI_OK) {
        PAPI_remove_event(c->eventset, code);
        return r;
    }
    PAPI_stop(c->eventset, c->papi_vals);
    return PAPI_OK;
}

/* add_event probes one event and, when it counts, appends it to c: through
 * PAPI when PAPI can count it, else, for the kernel's generic events, with
 * perf_event_open (one note says so).  Returns 0, or -1 for a usage error
 * (a name neither knows) with the message in err. */
static int add_event(counters *c, const char *name, char *err, size_t errsz, int *kernel_noted)
{
    const struct kernel_event *k = find_kernel(name);
    struct event *e;
    char why[384];
    int code = PAPI_NULL, r;

    if (c->n == COUNTERS_MAX) {
        add_note(c, "counters: %s not counted: more than %d events asked for", name, COUNTERS_MAX);
        return 0;
    }
    e = &c->ev[c->n];
    snprintf(e->name, sizeof e->name, "%s", name);
    counters_unit_name(name, e->unit, sizeof e->unit);
    e->fd = -1;
    /* One metric per unit: the result line could not carry both. */
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->ev[i].unit, e->unit) == 0) {
            if (find_kernel(name) == NULL && papi_init() == PAPI_OK &&
                (r = PAPI_event_name_to_code(name, &code)) != PAPI_OK) {
                snprintf(err, errsz, "unknown counter event '%s': PAPI_event_name_to_code: %s",
                         name, PAPI_strerror(r) ? PAPI_strerror(r) : "unknown error");
                return -1;
            }
            add_note(c, "counters: %s not counted: same unit %s as %s", name, e->unit, c->ev[i].name);
            return 0;
        }
    if ((r = papi_init()) != PAPI_OK && k == NULL) {
        /* Not the name's fault: PAPI itself does not work here. */
        add_note(c, "counters: %s not counted: PAPI_library_init: %s", name,
                 PAPI_strerror(r) ? PAPI_strerror(r) : "unknown error");
        return 0;
    }
    if (r == PAPI_OK && (r = PAPI_event_name_to_code(name, &code)) != PAPI_OK)
        code = PAPI_NULL;
    if (r == PAPI_OK && (r = papi_try(c, code)) == PAPI_OK) {
        e->papi_slot = c->npapi++;
        c->n++;
        return 0;
    }
    if (k != NULL) {
        /* PAPI cannot count this one; ask the kernel. */
        if ((e->fd = kernel_open(k)) >= 0) {
            if (!*kernel_noted) {
                int cidx = cpu_component();
                const PAPI_component_info_t *ci = cidx >= 0 ? PAPI_get_component_info(cidx) : NULL;
                add_note(c, "counters: perf:: events read with perf_event_open(2), PAPI cannot count them here (%s)",
                         ci != NULL && ci->disabled ? ci->disabled_reason : PAPI_strerror(r));
                *kernel_noted = 1;
            }
            c->n++;
            return 0;
        }
        snprintf(why, sizeof why, "perf_event_open: %s", strerror(errno));
        if ((errno == EACCES || errno == EPERM) && k->in_kernel)
            snprintf(why + strlen(why), sizeof why - strlen(why),
                     " (perf_event_paranoid %d allows user mode only; this event happens in the kernel)",
                     paranoid());
        if (k->type == PERF_TYPE_HARDWARE && !kernel_pmu())
            snprintf(why + strlen(why), sizeof why - strlen(why), "; no hardware PMU%s",
                     hypervisor() ? ": virtual machine" : "");
        add_note(c, "counters: %s not counted: %s", name, why);
        return 0;
    }
    if (code == PAPI_NULL) {
        snprintf(err, errsz, "unknown counter event '%s': PAPI_event_name_to_code: %s", name,
                 PAPI_strerror(r) ? PAPI_strerror(r) : "unknown error");
        return -1;
    }
    why_not(r, code, why, sizeof why);
    add_note(c, "counters: %s not counted: %s", name, why);
    return 0;
}

/* counters_new returns an empty set, or NULL when out of memory. */
static counters *counters_new(void)
{
    counters *c = calloc(1, sizeof *c);

    if (c != NULL)
        c->eventset = PAPI_NULL;
    return c;
}

/* open_default counts PAPI_TOT_CYC and PAPI_TOT_INS when both really start,
 * otherwise nothing, with one note. */
static void open_default(counters *c)
{
    static const char *const want[] = { "PAPI_TOT_CYC", "PAPI_TOT_INS" };
    char why[384];
    int r = papi_init(), code = PAPI_NULL;

    for (size_t i = 0; i < 2 && r == PAPI_OK; i++) {
        if ((r = PAPI_event_name_to_code(want[i], &code)) != PAPI_OK) {
            code = PAPI_NULL;
            break;
        }
        if ((r = papi_try(c, code)) != PAPI_OK)
            break;
        snprintf(c->ev[i].name, sizeof c->ev[i].name, "%s", want[i]);
        counters_unit_name(want[i], c->ev[i].unit, sizeof c->ev[i].unit);
        c->ev[i].fd = -1;
        c->ev[i].papi_slot = c->npapi++;
        c->n++;
    }
    if (r == PAPI_OK)
        return;
    why_not(r, code, why, sizeof why);
    /* A kernel PMU that PAPI cannot drive (a CPU newer than libpfm4) can
     * still count through perf_event_open: say how. */
    add_note(c, "counters: PAPI_TOT_CYC,PAPI_TOT_INS not counted: %s%s", why,
             kernel_pmu() ? "; -counters perf::CYCLES,perf::INSTRUCTIONS asks the kernel" : "");
    if (c->eventset != PAPI_NULL) {
        PAPI_cleanup_eventset(c->eventset);
        PAPI_destroy_eventset(&c->eventset);
        c->eventset = PAPI_NULL;
    }
    c->n = c->npapi = 0;
}

counters *counters_open(const char *list, char *err, size_t errsz)
{
    counters *c = counters_new();
    char *copy, *tok, *save = NULL;
    int kernel_noted = 0;

    if (errsz > 0)
        err[0] = '\0';
    if (c == NULL) {
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    if (list == NULL || strcmp(list, "default") == 0) {
        open_default(c);
        return c;
    }
    if (strcmp(list, "none") == 0 || list[0] == '\0')
        return c;
    if ((copy = strdup(list)) == NULL) {
        counters_close(c);
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        char *end;
        tok += strspn(tok, " \t");
        for (end = tok + strlen(tok); end > tok && (end[-1] == ' ' || end[-1] == '\t'); end--)
            end[-1] = '\0';
        if (tok[0] == '\0')
            continue;
        if (add_event(c, tok, err, errsz, &kernel_noted) < 0) {
            free(copy);
            counters_close(c);
            return NULL;
        }
    }
    free(copy);
    return c;
}

void counters_close(counters *c)
{
    if (c == NULL)
        return;
    for (int i = 0; i < c->n; i++)
        if (c->ev[i].fd >= 0)
            close(c->ev[i].fd);
    if (c->eventset != PAPI_NULL && papi_pid == getpid()) {
        long long dummy[COUNTERS_MAX];
        PAPI_stop(c->eventset, dummy);
        PAPI_cleanup_eventset(c->eventset);
        PAPI_destroy_eventset(&c->eventset);
    }
    strlist_release(&c->notes);
    free(c);
}

int counters_count(const counters *c)
{
    return c != NULL ? c->n : 0;
}

const char *counters_unit(const counters *c, int i)
{
    return c != NULL && i >= 0 && i < c->n ? c->ev[i].unit : NULL;
}

const char *counters_event(const counters *c, int i)
{
    return c != NULL && i >= 0 && i < c->n ? c->ev[i].name : NULL;
}

size_t counters_notes(const counters *c, const char *const **notes)
{
    if (c == NULL) {
        *notes = NULL;
        return 0;
    }
    *notes = (const char *const *)c->notes.v;
    return c->notes.n;
}

const char *counters_error(const counters *c)
{
    return c != NULL ? c->err : "no counter set";
}

int counters_start(counters *c)
{
    int r;

    if (c == NULL || c->n == 0)
        return 0;
    for (int i = 0; i < c->n; i++)
        if (c->ev[i].fd >= 0 &&
            (ioctl(c->ev[i].fd, PERF_EVENT_IOC_RESET, 0) != 0 ||
             ioctl(c->ev[i].fd, PERF_EVENT_IOC_ENABLE, 0) != 0)) {
            snprintf(c->err, sizeof c->err, "%s: %s", c->ev[i].name, strerror(errno));
            return -1;
        }
    if (c->npapi > 0 && (r = PAPI_start(c->eventset)) != PAPI_OK) {
        snprintf(c->err, sizeof c->err, "PAPI_start: %s", PAPI_strerror(r));
        return -1;
    }
    return 0;
}

int counters_stop(counters *c, long long *values)
{
    int r, bad = 0;

    if (c == NULL || c->n == 0)
        return 0;
    /* The reverse of counters_start: the PAPI set (hardware counters, which
     * count every instruction of the ioctls too) is innermost, started last
     * and stopped first; the kernel's software counts barely notice PAPI. */
    if (c->npapi > 0 && (r = PAPI_stop(c->eventset, c->papi_vals)) != PAPI_OK) {
        snprintf(c->err, sizeof c->err, "PAPI_stop: %s", PAPI_strerror(r));
        bad = 1;
    }
    for (int i = 0; i < c->n; i++) {
        struct event *e = &c->ev[i];
        if (e->fd < 0) {
            values[i] = bad ? 0 : c->papi_vals[e->papi_slot];
            continue;
        }
        long long v = 0;
        if (ioctl(e->fd, PERF_EVENT_IOC_DISABLE, 0) != 0 ||
            read(e->fd, &v, sizeof v) != (ssize_t)sizeof v) {
            snprintf(c->err, sizeof c->err, "%s: %s", e->name, strerror(errno));
            bad = 1;
        }
        values[i] = v;
    }
    return bad ? -1 : 0;
}

/* list_add appends one "name\tunit\tdescription\n" line to s (which
 * marks itself out of memory when it cannot grow). */
static void list_add(strbuf *s, const char *name, const char *desc)
{
    char unit[128];

    counters_unit_name(name, unit, sizeof unit);
    strbuf_printf(s, "%s\t%s\t%s\n", name, unit, desc);
}

/* probe_one: can event `name` really be counted here, alone?  Returns 0
 * (no), 1 (through PAPI) or 2 (through perf_event_open). */
static int probe_one(const char *name)
{
    char err[256];
    counters *c = counters_open(name, err, sizeof err);
    int how = counters_count(c) == 1 ? (c->ev[0].fd >= 0 ? 2 : 1) : 0;

    counters_close(c);
    return how;
}

char *counters_list(void)
{
    static const char *const via[] = { "", " [PAPI]", " [perf_event_open]" };
    strbuf s = STRBUF_INIT;
    char desc[PAPI_HUGE_STR_LEN + 32];
    int code = PAPI_PRESET_MASK, how;

    if (papi_init() == PAPI_OK && PAPI_enum_event(&code, PAPI_ENUM_FIRST) == PAPI_OK) {
        do {
            PAPI_event_info_t info;
            if (PAPI_get_event_info(code, &info) != PAPI_OK || info.count == 0)
                continue;
            if ((how = probe_one(info.symbol)) == 0)
                continue;
            snprintf(desc, sizeof desc, "%s%s", info.long_descr, via[how]);
            list_add(&s, info.symbol, desc);
        } while (PAPI_enum_event(&code, PAPI_PRESET_ENUM_AVAIL) == PAPI_OK);
    }
    for (size_t i = 0; i < N_KERNEL; i++) {
        char name[64];
        if (kernel_events[i].desc == NULL)
            continue;
        snprintf(name, sizeof name, "perf::%s", kernel_events[i].name);
        if ((how = probe_one(name)) == 0)
            continue;
        snprintf(desc, sizeof desc, "%s%s", kernel_events[i].desc, via[how]);
        list_add(&s, name, desc);
    }
    if (!strbuf_ok(&s)) {
        strbuf_release(&s);
        return NULL;
    }
    return strbuf_detach(&s);
}

/* kernel_pmu reports whether the kernel exports a core PMU: an event source
 * of type PERF_TYPE_RAW ("cpu", "cpu_core", "armv8_pmuv3_0", ...).  Read
 * once per process. */
static int kernel_pmu(void)
{
    static int known = -1;
    DIR *d;
    struct dirent *de;
    int found = 0;

    if (known >= 0)
        return known;
    if ((d = opendir("/sys/bus/event_source/devices")) == NULL)
        return known = 0;
    while (!found && (de = readdir(d)) != NULL) {
        char path[512];
        FILE *f;
        unsigned type;
        if (de->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "/sys/bus/event_source/devices/%s/type", de->d_name);
        if ((f = fopen(path, "r")) == NULL)
            continue;
        found = fscanf(f, "%u", &type) == 1 && type == PERF_TYPE_RAW;
        fclose(f);
    }
    closedir(d);
    return known = found;
}

const char *counters_pmu_note(void)
{
    static char note[1536];
    char papi[1100];
    int n = hw_counters(), cidx = cpu_component(), kpmu = kernel_pmu();
    const PAPI_component_info_t *ci = cidx >= 0 ? PAPI_get_component_info(cidx) : NULL;

    if (ci == NULL)
        snprintf(papi, sizeof papi, "PAPI has no perf_event component");
    else if (ci->disabled)
        snprintf(papi, sizeof papi, "PAPI perf_event: %s", ci->disabled_reason);
    else
        snprintf(papi, sizeof papi, "PAPI perf_event claims %d counters", n);
    /* The kernel decides: PAPI may claim counters that cannot start (with
     * libpfm4 forced to a PMU on a VM it claims 6, and none starts). */
    if (kpmu && n > 0)
        snprintf(note, sizeof note, "pmu: yes (%d hardware counters through PAPI perf_event)", n);
    else if (kpmu)
        snprintf(note, sizeof note, "pmu: yes, but PAPI cannot use it (%s); "
                 "perf::CYCLES and perf::INSTRUCTIONS go through perf_event_open", papi);
    else
        snprintf(note, sizeof note, "pmu: none (no hardware PMU%s; %s); "
                 "cycles and instructions cannot be counted here",
                 hypervisor() ? ": virtual machine" : "", papi);
    return note;
}
