/*
 * test_counters_env.c -- the environment notes carry the PMU probe and the
 * allocator: a reader of a results file can tell whether
 * cycles could be counted on the machine that produced it, and why not.
 */
#include "alloc.h"
#include "counters.h"
#include "env.h"
#include "../tap.h"

#include <stdlib.h>

/* find: the note line starting with `prefix`, or NULL. */
static const char *find(char **lines, size_t n, const char *prefix)
{
    for (size_t i = 0; i < n; i++)
        if (strncmp(lines[i], prefix, strlen(prefix)) == 0)
            return lines[i];
    return NULL;
}

int main(void)
{
    strlist l = STRLIST_INIT;
    env_notes(&l);
    char **lines = l.v;
    size_t n = l.n;
    const char *pmu = find(lines, n, "pmu: ");
    char want[512];
    int hyper = 0;

    for (size_t i = 0; i < n; i++)
        tap_diag("%s", lines[i]);
    ok(n >= 7, "%zu notes", n);
    is_str(pmu, counters_pmu_note(), "pmu line is counters_pmu_note()");
    snprintf(want, sizeof want, "allocator: %s", alloc_allocator_name());
    is_str(find(lines, n, "allocator: "), want, "allocator line");
    ok(find(lines, n, "cpu model: ") != NULL, "cpu model line");
    ok(find(lines, n, "compiler: ") != NULL, "compiler line");
    ok(find(lines, n, "cflags: ") != NULL, "cflags line");
    if (find(lines, n, "hypervisor: yes") != NULL)
        hyper = 1;
    /* The two probes agree: a VM without a PMU says both. */
    if (pmu != NULL && strncmp(pmu, "pmu: none", 9) == 0)
        ok(!hyper || strstr(pmu, "virtual machine") != NULL,
           "no PMU under a hypervisor is put down to the virtual machine");
    else
        printf("ok %d # SKIP this machine has a PMU\n", ++tap_n_);
    for (size_t i = 0; i < n; i++)
        ok(strchr(lines[i], '\n') == NULL && lines[i][0] != '#', "line %zu: no newline, no '#'", i);
    strlist_release(&l);
    return tap_done();
}
