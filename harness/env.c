/*
 * env.c -- machine and build facts for the head of a results file.
 * See env.h.  Everything here is read once, outside any timed region.
 */
#include "env.h"

#include "alloc.h"
#include "counters.h"
#include "cpuinfo.h"
#include "cpuname.h"
#include "strlist.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#ifndef ESCBENCH_CFLAGS
#define ESCBENCH_CFLAGS "unknown"
#endif

/* env_notes: see env.h. */
void env_notes(strlist *lp)
{
    struct utsname u;
    cpu_set_t set;
    const char *model = cpuinfo_model();
    int hyp = cpuinfo_hypervisor();

    /* Allocation failure drops a line: these are notes, not results.  The
     * kernel's name may differ from the cpu: config line, which is the
     * name go test prints (cpuname.h: the CPUID brand string first). */
    strlist_pushf(lp, "cpu model: %s%s", model[0] ? model : "unknown",
                  strcmp(model, cpuname_go()) != 0
                      ? " (the kernel's name; the cpu: line is the name go test prints)" : "");
    strlist_pushf(lp, "hypervisor: %s",
                  hyp < 0 ? "unknown" : hyp ? "yes (virtual machine)" : "no");
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        strlist_pushf(lp, "cpus usable: %d", CPU_COUNT(&set));
    /* counters_pmu_note probes through PAPI and the kernel, not /proc:
     * "pmu: none (no hardware PMU: virtual machine; ...)". */
    strlist_push(lp, counters_pmu_note());
    strlist_pushf(lp, "allocator: %s", alloc_allocator_name());
    if (uname(&u) == 0)
        strlist_pushf(lp, "kernel: %s %s", u.sysname, u.release);
#if defined(__clang__)
    strlist_pushf(lp, "compiler: clang %s", __clang_version__);
#elif defined(__GNUC__)
    strlist_pushf(lp, "compiler: gcc %s", __VERSION__);
#elif defined(__VERSION__)
    strlist_pushf(lp, "compiler: %s", __VERSION__);
#endif
    strlist_pushf(lp, "cflags: %s", ESCBENCH_CFLAGS);
}
