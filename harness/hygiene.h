/*
 * hygiene.h -- facts about the machine that make timings noisy: other
 * load, CPU migrations, frequency scaling, a hypervisor; and pinning to one
 * CPU.  Read outside any timed region.  Library code: returns values, the
 * runner words the warnings.
 */
#ifndef ESCBENCH_HYGIENE_H
#define ESCBENCH_HYGIENE_H

#include <stdbool.h>
#include <stddef.h>

/* The 1-minute load average (/proc/loadavg), or -1 when unknown. */
double hygiene_load(void);

/* How often the kernel moved this thread to another CPU so far
 * (se.nr_migrations in /proc/thread-self/sched), or -1 when unknown. */
long hygiene_migrations(void);

/* The cpufreq governor of `cpu` ("performance", "schedutil", ...) into buf;
 * returns 0, or -1 when the machine exposes no cpufreq (as most VMs). */
int hygiene_governor(int cpu, char *buf, size_t size);

/* Whether the CPU reports running under a hypervisor (cpuinfo.h's
 * cpuinfo_hypervisor; false when unknown). */
bool hygiene_hypervisor(void);

/* hygiene_pin restricts this process (and the children it forks) to `cpu`.
 * Returns 0, or -1 with errno set (EINVAL: no such CPU usable). */
int hygiene_pin(int cpu);

#endif
