/*
 * env.c -- machine and build facts for the head of a results file.
 * See env.h.  Everything here is read once, outside any timed region.
 */
#include "env.h"

#include "alloc.h"
#include "counters.h"
#include "cpuname.h"

#include <ctype.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#ifndef ESCBENCH_CFLAGS
#define ESCBENCH_CFLAGS "unknown"
#endif

static char cpu_model[256];
static int cpu_hypervisor = -1;         /* -1 unknown, 0 no, 1 yes */

/* read_cpuinfo fills cpu_model and cpu_hypervisor from /proc/cpuinfo (the
 * "model name" line and the "hypervisor" flag the kernel sets under a VM). */
static void read_cpuinfo(void)
{
    static int done;
    char line[4096];
    FILE *f;

    if (done)
        return;
    done = 1;
    f = fopen("/proc/cpuinfo", "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        char *v = strchr(line, ':');
        if (v == NULL)
            continue;
        v++;
        while (*v == ' ' || *v == '\t')
            v++;
        v[strcspn(v, "\n")] = '\0';
        if (cpu_model[0] == '\0' && strncmp(line, "model name", 10) == 0)
            snprintf(cpu_model, sizeof cpu_model, "%s", v);
        else if (cpu_hypervisor < 0 && strncmp(line, "flags", 5) == 0)
            cpu_hypervisor = strstr(v, " hypervisor") != NULL ||
                             strncmp(v, "hypervisor", 10) == 0;
    }
    fclose(f);
    /* Trim the trailing blanks some kernels leave in the model name. */
    for (size_t n = strlen(cpu_model); n > 0 && isspace((unsigned char)cpu_model[n - 1]); n--)
        cpu_model[n - 1] = '\0';
}

/* add appends a formatted line to the growing array; allocation failure
 * drops the line (these are notes, not results). */
static void add(char ***lines, size_t *n, const char *fmt, const char *a, const char *b)
{
    char buf[512];
    char **grown;

    snprintf(buf, sizeof buf, fmt, a, b);
    grown = realloc(*lines, (*n + 1) * sizeof **lines);
    if (grown == NULL)
        return;
    *lines = grown;
    if (((*lines)[*n] = strdup(buf)) != NULL)
        (*n)++;
}

size_t env_notes(char ***lines)
{
    struct utsname u;
    cpu_set_t set;
    char ncpu[32];
    size_t n = 0;

    *lines = NULL;
    read_cpuinfo();
    /* The kernel's name may differ from the cpu: config line, which is
     * the name go test prints (cpuname.h: the CPUID brand string first). */
    add(lines, &n, "cpu model: %s%s", cpu_model[0] ? cpu_model : "unknown",
        strcmp(cpu_model, cpuname_go()) != 0
            ? " (the kernel's name; the cpu: line is the name go test prints)" : "");
    add(lines, &n, "hypervisor: %s%s",
        cpu_hypervisor < 0 ? "unknown" : cpu_hypervisor ? "yes (virtual machine)" : "no", "");
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        snprintf(ncpu, sizeof ncpu, "%d", CPU_COUNT(&set));
        add(lines, &n, "cpus usable: %s%s", ncpu, "");
    }
    /* counters_pmu_note probes through PAPI and the kernel, not /proc:
     * "pmu: none (no hardware PMU: virtual machine; ...)". */
    add(lines, &n, "%s%s", counters_pmu_note(), "");
    add(lines, &n, "allocator: %s%s", alloc_allocator_name(), "");
    if (uname(&u) == 0)
        add(lines, &n, "kernel: %s %s", u.sysname, u.release);
#if defined(__clang__)
    add(lines, &n, "compiler: clang %s%s", __clang_version__, "");
#elif defined(__GNUC__)
    add(lines, &n, "compiler: gcc %s%s", __VERSION__, "");
#elif defined(__VERSION__)
    add(lines, &n, "compiler: %s%s", __VERSION__, "");
#endif
    add(lines, &n, "cflags: %s%s", ESCBENCH_CFLAGS, "");
    return n;
}

void env_notes_free(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
}
