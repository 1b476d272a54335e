/*
 * cpuname.h -- the CPU's name as go test prints it on its `cpu:` line, so
 * that benchstat and escstat put C and Go results of one machine in one
 * table.  Go's testing package prints internal/sysinfo.CPUName(): the CPUID
 * brand string (internal/cpu.Name, cpu_x86.go) and, when that is empty, a
 * name made from the head of /proc/cpuinfo (osCPUInfoName,
 * internal/sysinfo/cpuinfo_linux.go).  The decoding is two pure functions
 * over the register values and the file's text; cpuname_go reads the
 * machine.
 */
#ifndef ESCBENCH_CPUNAME_H
#define ESCBENCH_CPUNAME_H

#include <stddef.h>
#include <stdint.h>

/* osCPUInfoName reads this many bytes of /proc/cpuinfo, no more. */
#define CPUNAME_CPUINFO_BYTES 512

/* cpuname_from_cpuid decodes the brand string as internal/cpu.Name does:
 * max_basic is EAX of CPUID leaf 0, max_ext EAX of leaf 0x80000000, and
 * brand[] the EAX, EBX, ECX, EDX of leaves 0x80000002, 0x80000003 and
 * 0x80000004 in that order (brand is not read when max_basic < 1 or
 * max_ext < 0x80000004: the name is then "").  Each register gives four
 * bytes, low byte first; leading blanks are dropped, the text is cut at
 * the first NUL, trailing blanks stay.  Writes the name, NUL-terminated and
 * cut to size - 1 bytes, into out (size > 0) and returns its length. */
size_t cpuname_from_cpuid(uint32_t max_basic, uint32_t max_ext, const uint32_t brand[12],
                          char *out, size_t size);

/* cpuname_from_cpuinfo makes the name as osCPUInfoName does from the first
 * CPUNAME_CPUINFO_BYTES of text (len bytes, the head of /proc/cpuinfo):
 * the last "model name" (or "Model Name") and "cpu MHz" (or "CPU MHz")
 * lines in that window, the key being what comes before the first ": "
 * with blanks trimmed and the value everything after it; "" without a
 * model name; the model name alone when there is no cpu MHz or the name
 * contains "GHz" or "MHz"; otherwise "<model name> @ <cpu MHz>MHz".
 * Writes the name like cpuname_from_cpuid and returns its length. */
size_t cpuname_from_cpuinfo(const char *text, size_t len, char *out, size_t size);

/* cpuname_go returns the name go test prints on this machine: on x86 the
 * CPUID brand string, and when that is empty (and on other machines) the
 * name from /proc/cpuinfo; "" when neither gives one (go test then prints
 * no cpu: line).  Read once; static storage, never freed. */
const char *cpuname_go(void);

#endif
