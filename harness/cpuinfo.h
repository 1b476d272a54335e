/*
 * cpuinfo.h -- what /proc/cpuinfo says about the CPU: its model name, its
 * clock, whether it runs under a hypervisor.  One reader for the results
 * head (env.h), the noise warnings (hygiene.h), the PMU note (counters.h)
 * and the JSON context (jsonout.h).  The parsing is pure functions over the
 * file's text; the cpuinfo_* functions without a text argument read the
 * machine's file once and keep it.
 *
 * (Go's name for the cpu: line is cpuname.h's: it reads only the first
 * 512 bytes, as Go does, and prefers CPUID.)
 */
#ifndef ESCBENCH_CPUINFO_H
#define ESCBENCH_CPUINFO_H

#include <stddef.h>

/* cpuinfo_find returns the value of the first line of text[0..len) that
 * starts with key and has a ':' (for "model name": the first such line
 * whose value is not empty): what follows the ':' without the blanks
 * (spaces, tabs) after it, to the end of the line, without trailing white
 * space.  It writes the value, NUL-terminated and cut to size - 1 bytes,
 * into out (size > 0) and returns 1, or returns 0 with out "" when there
 * is no such line. */
int cpuinfo_find(const char *text, size_t len, const char *key, char *out, size_t size);

/* cpuinfo_hypervisor_in returns 1 when the value of the first "flags" line
 * of text[0..len) with a ':' (the x86 kernel's CPUID feature list) has a
 * word starting "hypervisor",
 * the bit the CPU sets under a hypervisor; 0 when it does not; -1 when
 * there is no flags line (other architectures). */
int cpuinfo_hypervisor_in(const char *text, size_t len);

/* cpuinfo_text returns the machine's /proc/cpuinfo, read once (its length
 * in *len when len is not NULL); "" when it cannot be read.  Static
 * storage, never freed. */
const char *cpuinfo_text(size_t *len);

/* cpuinfo_model returns the machine's model name (cpuinfo_find's "model
 * name", at most 255 bytes); "" when unknown.  Static storage. */
const char *cpuinfo_model(void);

/* cpuinfo_hypervisor is cpuinfo_hypervisor_in on the machine's file. */
int cpuinfo_hypervisor(void);

#endif
