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

size_t env_notes(char ***lines)
{
    struct utsname u;
    cpu_set_t set;
    strlist l = STRLIST_INIT;
    const char *model = cpuinfo_model();
    int hyp = cpuinfo_hypervisor();
    size_t n;

    /* Allocation failure drops a line: these are notes, not results.  The
     * kernel's name may differ from the cpu: config line, which is the
     * name go test prints (cpuname.h: the CPUID brand string first). */
    strlist_pushf(&l, "cpu model: %s%s", model[0] ? model : "unknown",
                  strcmp(model, cpuname_go()) != 0
                      ? " (the kernel's name; the cpu: line is the name go test prints)" : "");
    strlist_pushf(&l, "hypervisor: %s",
                  hyp < 0 ? "unknown" : hyp ? "yes (virtual machine)" : "no");
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        strlist_pushf(&l, "cpus usable: %d", CPU_COUNT(&set));
    /* counters_pmu_note probes through PAPI and the kernel, not /proc:
     * "pmu: none (no hardware PMU: virtual machine; ...)". */
    strlist_push(&l, counters_pmu_note());
    strlist_pushf(&l, "allocator: %s", alloc_allocator_name());
    if (uname(&u) == 0)
        strlist_pushf(&l, "kernel: %s %s", u.sysname, u.release);
#if defined(__clang__)
    strlist_pushf(&l, "compiler: clang %s", __clang_version__);
#elif defined(__GNUC__)
    strlist_pushf(&l, "compiler: gcc %s", __VERSION__);
#elif defined(__VERSION__)
    strlist_pushf(&l, "compiler: %s", __VERSION__);
#endif
    strlist_pushf(&l, "cflags: %s", ESCBENCH_CFLAGS);
    *lines = strlist_detach(&l, &n);
    return n;
}

void env_notes_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}
