/*
 * test_harness_cpuname.c -- the cpu: line's name decoded as go test decodes
 * it, on fixed register values and fixed /proc/cpuinfo texts.
 *
 * The expected names are worked out by hand from internal/cpu.Name
 * (src/internal/cpu/cpu_x86.go: bytes low first, leading spaces trimmed,
 * cut at the first NUL, nothing else) and osCPUInfoName
 * (src/internal/sysinfo/cpuinfo_linux.go: 512 bytes, strings.Cut at ": ",
 * TrimSpace on the key, last line wins, " @ <MHz>MHz" unless the name has
 * GHz or MHz).  The first case is this project's VM as go1.19.8 printed it.
 */
#include <stdint.h>
#include <string.h>

#include "cpuname.h"
#include "../tap.h"

/* regs packs 48 bytes into the twelve registers the way the CPU returns
 * them: byte 4i+k is bits 8k..8k+7 of register i. */
static const uint32_t *regs(const char bytes[48])
{
    static uint32_t r[12];

    for (int i = 0; i < 12; i++) {
        r[i] = 0;
        for (int k = 0; k < 4; k++)
            r[i] |= (uint32_t)(unsigned char)bytes[4 * i + k] << (8 * k);
    }
    return r;
}

/* brand48 pads s (n bytes) with NULs to 48 bytes. */
static const char *brand48(const char *s, size_t n)
{
    static char b[48];

    memset(b, 0, sizeof b);
    memcpy(b, s, n < 48 ? n : 48);
    return b;
}

static const char *cpuid(uint32_t max_basic, uint32_t max_ext, const char *bytes)
{
    static char out[128];

    cpuname_from_cpuid(max_basic, max_ext, regs(bytes), out, sizeof out);
    return out;
}

static const char *cpuinfo(const char *text, size_t len)
{
    static char out[2048];

    cpuname_from_cpuinfo(text, len, out, sizeof out);
    return out;
}

#define CPUINFO(s) cpuinfo((s), sizeof(s) - 1)

/* The head of this VM's /proc/cpuinfo (first CPU, up to the flags). */
static const char vm_cpuinfo[] =
    "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\n"
    "model name\t: AMD EPYC\nstepping\t: 1\ncpu MHz\t\t: 2694.874\n"
    "cache size\t: 1024 KB\nphysical id\t: 0\nsiblings\t: 2\ncore id\t\t: 0\n";

int main(void)
{
    /* "Oxide Virtual Turin-like Processor", 13 blanks, one NUL: 48 bytes. */
    static const char oxide[48] = "Oxide Virtual Turin-like Processor             ";
    char buf[1024], small[10];
    uint32_t r[12];
    size_t n;

    /* --- CPUID brand string ------------------------------------------ */
    is_str(cpuid(13, 0x80000021u, oxide), "Oxide Virtual Turin-like Processor             ",
           "this VM: trailing blanks kept, as go test printed them");
    is_str(cpuid(13, 0x80000008u, brand48("      Intel(R) Xeon(R) CPU @ 2.20GHz", 36)),
           "Intel(R) Xeon(R) CPU @ 2.20GHz", "leading blanks trimmed");
    is_str(cpuid(13, 0x80000008u, brand48("AMD EPYC\0 7B13 64-Core", 23)), "AMD EPYC",
           "cut at the first NUL, whatever follows");
    memset(buf, ' ', 48);
    is_str(cpuid(13, 0x80000008u, buf), "", "all blanks: empty (go test falls back)");
    is_str(cpuid(13, 0x80000008u, brand48("", 0)), "", "all NULs: empty");
    is_str(cpuid(13, 0x80000008u, brand48("   \0  X", 7)), "", "blanks then NUL: empty");
    is_str(cpuid(13, 0x80000003u, oxide), "", "max extended leaf below 0x80000004: empty");
    is_str(cpuid(13, 0x80000004u, oxide), "Oxide Virtual Turin-like Processor             ",
           "max extended leaf exactly 0x80000004: read");
    is_str(cpuid(0, 0x80000008u, oxide), "", "no leaf 1: Go never reads leaf 0x80000000");
    is_str(cpuid(13, 0x00000016u, oxide), "",
           "leaf 0x80000000 echoing a basic leaf (Intel without extended leaves): empty");
    memcpy(buf, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL", 48);
    is_str(cpuid(13, 0x80000008u, buf), "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL",
           "no NUL at all: all 48 bytes");
    is_str(cpuid(13, 0x80000008u, brand48("\tTabbed  \t", 10)), "\tTabbed  \t",
           "only spaces are trimmed, and only leading ones");
    is_str(cpuid(13, 0x80000008u, brand48("Caf\xc3\xa9 \x01\x7f", 8)), "Caf\xc3\xa9 \x01\x7f",
           "bytes kept as they are (no ASCII check in Go's Name)");
    memset(r, 0, sizeof r);
    r[0] = 0x64636261u;                 /* "abcd" low byte first */
    r[1] = 0x00006665u;                 /* "ef", NUL */
    n = cpuname_from_cpuid(13, 0x80000008u, r, buf, sizeof buf);
    is_str(buf, "abcdef", "register bytes low first (appendBytes)");
    is_int(n, 6, "length returned");
    n = cpuname_from_cpuid(13, 0x80000008u, regs(oxide), small, sizeof small);
    is_str(small, "Oxide Vir", "cut to the buffer");
    is_int(n, 9, "length of what was written");

    /* --- /proc/cpuinfo fallback -------------------------------------- */
    is_str(CPUINFO(vm_cpuinfo), "AMD EPYC @ 2694.874MHz",
           "this VM's cpuinfo: model name @ cpu MHz");
    is_str(CPUINFO("model name\t: Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz\n"
                   "cpu MHz\t\t: 4700.000\n"),
           "Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz", "name with GHz: no MHz added");
    is_str(CPUINFO("model name\t: Pentium MMX 233MHz\ncpu MHz\t\t: 233.000\n"),
           "Pentium MMX 233MHz", "name with MHz: no MHz added");
    is_str(CPUINFO("model name\t: Some CPU\nbogomips\t: 5000.00\n"), "Some CPU",
           "no cpu MHz: the name alone");
    is_str(CPUINFO("cpu MHz\t\t: 1000.000\n"), "", "no model name: empty");
    is_str(CPUINFO("processor\t: 0\nBogoMIPS\t: 48.00\nFeatures\t: fp asimd\n"
                   "CPU implementer\t: 0x41\n"),
           "", "arm64-style cpuinfo: empty (no cpu: line)");
    is_str(CPUINFO("Model Name\t\t: Loongson-3A5000\nCPU MHz\t\t\t: 2500.00\n"),
           "Loongson-3A5000 @ 2500.00MHz", "the capitalised spellings");
    is_str(CPUINFO("MODEL NAME\t: X\n"), "", "no other spelling");
    is_str(CPUINFO("model name\t: Fast\r\ncpu MHz\t\t: 1.5\r\n"), "Fast @ 1.5MHz",
           "a CR before the newline is dropped");
    is_str(CPUINFO("model name\t:  Spaced  \ncpu MHz\t: 7 \n"), " Spaced   @ 7 MHz",
           "values are not trimmed; only the key is");
    is_str(CPUINFO("  model name  \t: K\n"), "K", "key trimmed both sides");
    is_str(CPUINFO("model name:K\nmodel name\t:K\n"), "", "no \": \": not a field");
    is_str(CPUINFO("model name\t: a: b\n"), "a: b", "cut at the first \": \" only");
    is_str(CPUINFO("model name\t: First\nmodel name\t: Second\n"), "Second",
           "the last line of a key wins");
    is_str(CPUINFO("model name\t: Named\nmodel name\t: \n"), "",
           "an empty model name last: empty");
    is_str(CPUINFO("model name\t: Named\ncpu MHz\t\t: \n"), "Named",
           "an empty cpu MHz: the name alone");
    is_str(CPUINFO("cpu MHz\t\t: 99\nmodel name\t: NoNewline"), "NoNewline @ 99MHz",
           "a last line without a newline counts");
    is_str(cpuinfo("", 0), "", "empty text: empty");

    /* The 512-byte window of readLinuxProcCPUInfo. */
    memset(buf, 'x', sizeof buf);
    buf[499] = '\n';
    memcpy(buf + 500, "model name\t: AfterTheWindow\n", 28);
    is_str(cpuinfo(buf, 528), "", "a model name past byte 512 is not seen");
    memcpy(buf + 500, "model name: ABCDEFGHIJ\n", 23);   /* value starts at byte 512 */
    is_str(cpuinfo(buf, 523), "", "a value starting at byte 512 is cut to nothing");
    memcpy(buf + 490, "model name: ABCDEFGHIJKLMNOPQRSTUVWXYZ\n", 39);
    buf[489] = '\n';
    is_str(cpuinfo(buf, 529), "ABCDEFGHIJ", "a line crossing byte 512 is cut there");
    n = cpuname_from_cpuinfo(vm_cpuinfo, sizeof vm_cpuinfo - 1, small, sizeof small);
    is_str(small, "AMD EPYC ", "cut to the buffer");
    is_int(n, 9, "length of what was written");

    /* --- this machine -------------------------------------------------- */
    tap_diag("cpuname_go() here: '%s'", cpuname_go());
    ok(strchr(cpuname_go(), '\n') == NULL, "the live name holds no newline");
    return tap_done();
}
