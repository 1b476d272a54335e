/*
 * env.h -- the facts about the machine and build that a reader of a results
 * file needs: CPU model, hypervisor, whether a PMU is usable, the allocator,
 * the compiler and its flags, the kernel, CPUs the process may use.  They
 * are volatile, so the runner writes them as `#` comment lines (and on
 * stderr), never as `key: value` config lines.
 */
#ifndef ESCBENCH_ENV_H
#define ESCBENCH_ENV_H

#include "strlist.h"

/* env_notes appends to l (the caller's; it releases it with
 * strlist_release) the notes on this machine, one line each, no leading
 * '#', no newline: "cpu model: ..." (/proc/cpuinfo's model name, with a
 * word on the cpu: config line when that differs: cpuname.h),
 * "hypervisor: ...", "cpus usable: N", "pmu: ..." (counters_pmu_note:
 * whether cycles can be counted here, and why not), "allocator: ..."
 * (alloc_allocator_name), "kernel: ...", "compiler: ...", "cflags: ...".
 * A line that cannot be allocated is left out: these are notes, not
 * results.  Initialises PAPI in the calling process (counters.h says why
 * that is harmless before fork). */
void env_notes(strlist *l);

#endif
