/*
 * env.h -- the facts about the machine and build that a reader of a results
 * file needs: CPU model, hypervisor, whether a PMU is usable, the allocator,
 * the compiler and its flags, the kernel, CPUs the process may use.  They
 * are volatile, so the runner writes them as `#` comment lines (and on
 * stderr), never as `key: value` config lines.
 */
#ifndef ESCBENCH_ENV_H
#define ESCBENCH_ENV_H

#include <stddef.h>

/* The CPU model name as /proc/cpuinfo gives it ("AMD EPYC"), for the `cpu:`
 * config line; "" when unknown.  Static storage. */
const char *env_cpu_model(void);

/* env_notes fills a malloc'd array of malloc'd lines (no leading '#', no
 * newline); the caller frees with env_notes_free.  Returns the count. */
size_t env_notes(char ***lines);
void env_notes_free(char **lines, size_t n);

#endif
