/*
 * cpuname.c -- the `cpu:` line's name, byte for byte as go test makes it.
 * See cpuname.h.  The Go sources followed: internal/cpu.Name and
 * appendBytes (src/internal/cpu/cpu_x86.go), internal/sysinfo.CPUName
 * (src/internal/sysinfo/sysinfo.go), osCPUInfoName and
 * readLinuxProcCPUInfo (src/internal/sysinfo/cpuinfo_linux.go).
 */
#include "cpuname.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

/* put appends len bytes of s to out at *pos, as far as size - 1 allows, and
 * keeps out NUL-terminated. */
static void put(char *out, size_t size, size_t *pos, const char *s, size_t len)
{
    if (*pos + 1 >= size)
        len = 0;
    else if (len > size - 1 - *pos)
        len = size - 1 - *pos;
    memcpy(out + *pos, s, len);
    *pos += len;
    out[*pos] = '\0';
}

size_t cpuname_from_cpuid(uint32_t max_basic, uint32_t max_ext, const uint32_t brand[12],
                          char *out, size_t size)
{
    char data[48];
    size_t start = 0, end, pos = 0;

    out[0] = '\0';
    /* internal/cpu's doinit reads leaf 0x80000000 only when leaf 0 says
     * leaf 1 exists, and Name gives "" below 0x80000004. */
    if (max_basic < 1 || max_ext < 0x80000004u)
        return 0;
    /* appendBytes: each register low byte first. */
    for (int i = 0; i < 12; i++)
        for (int b = 0; b < 4; b++)
            data[4 * i + b] = (char)(brand[i] >> (8 * b));
    /* Name: trim leading spaces (blanks only, not tabs), then cut the tail
     * at and after the first NUL; trailing spaces are kept.  No check that
     * the bytes are ASCII or printable: they are printed as they are. */
    while (start < sizeof data && data[start] == ' ')
        start++;
    for (end = start; end < sizeof data && data[end] != '\0'; end++)
        ;
    put(out, size, &pos, data + start, end - start);
    return pos;
}

/* is_space is Go's asciiSpace set, the bytes strings.TrimSpace trims in
 * ASCII text (its non-ASCII spaces do not occur in /proc/cpuinfo keys). */
static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* key_is tells whether the bytes [k, k + n), trimmed as strings.TrimSpace
 * trims, equal one of the two spellings a or b. */
static int key_is(const char *k, size_t n, const char *a, const char *b)
{
    while (n > 0 && is_space(*k))
        k++, n--;
    while (n > 0 && is_space(k[n - 1]))
        n--;
    return (n == strlen(a) && memcmp(k, a, n) == 0) || (n == strlen(b) && memcmp(k, b, n) == 0);
}

size_t cpuname_from_cpuinfo(const char *text, size_t len, char *out, size_t size)
{
    const char *model = NULL, *mhz = NULL;
    size_t model_len = 0, mhz_len = 0, pos = 0;
    const char *p = text, *end;

    out[0] = '\0';
    /* readLinuxProcCPUInfo fills a 512-byte buffer: a longer file is cut
     * there, mid-line perhaps.  (A shorter one leaves NULs in Go's buffer
     * after the text; they reach the name only when the file does not end
     * in a newline, which the kernel's does.) */
    if (len > CPUNAME_CPUINFO_BYTES)
        len = CPUNAME_CPUINFO_BYTES;
    end = text + len;
    /* bufio.ScanLines: lines end at '\n' (a '\r' before it is dropped); a
     * last line without one counts too.  strings.Cut at the first ": ";
     * a later line of the same key wins, as in Go's switch. */
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl != NULL ? nl : end;
        size_t n = (size_t)(eol - p);
        const char *sep;

        if (n > 0 && p[n - 1] == '\r')
            n--;
        sep = memmem(p, n, ": ", 2);
        if (sep != NULL) {
            size_t klen = (size_t)(sep - p), vlen = n - klen - 2;

            if (key_is(p, klen, "Model Name", "model name"))
                model = sep + 2, model_len = vlen;
            else if (key_is(p, klen, "CPU MHz", "cpu MHz"))
                mhz = sep + 2, mhz_len = vlen;
        }
        p = nl != NULL ? nl + 1 : end;
    }
    if (model_len == 0)
        return 0;
    put(out, size, &pos, model, model_len);
    /* A name that already says its frequency ("... CPU @ 2.90GHz") is
     * taken as it is. */
    if (mhz_len == 0 || memmem(model, model_len, "GHz", 3) != NULL ||
        memmem(model, model_len, "MHz", 3) != NULL)
        return pos;
    put(out, size, &pos, " @ ", 3);
    put(out, size, &pos, mhz, mhz_len);
    put(out, size, &pos, "MHz", 3);
    return pos;
}

/* brand_name reads the CPUID leaves internal/cpu reads and decodes them
 * into out; "" on a machine that is not x86.  Go's other Name
 * implementations (ppc64's "POWER9" and the like) are not followed: such a
 * machine gets the /proc/cpuinfo name here. */
static void brand_name(char *out, size_t size)
{
    out[0] = '\0';
#if defined(__x86_64__) || defined(__i386__)
    uint32_t brand[12] = {0}, max_basic, max_ext = 0, b, c, d;

    /* __get_cpuid_max is leaf 0's EAX, or 0 where there is no CPUID. */
    max_basic = __get_cpuid_max(0, NULL);
    if (max_basic >= 1)
        __cpuid(0x80000000u, max_ext, b, c, d);
    if (max_basic >= 1 && max_ext >= 0x80000004u)
        for (uint32_t i = 0; i < 3; i++)
            __cpuid(0x80000002u + i, brand[4 * i], brand[4 * i + 1], brand[4 * i + 2],
                    brand[4 * i + 3]);
    cpuname_from_cpuid(max_basic, max_ext, brand, out, size);
#else
    (void)size;
#endif
}

/* cpuinfo_name reads the head of /proc/cpuinfo as readLinuxProcCPUInfo
 * does (io.ReadFull of 512 bytes; a shorter file is fine) and decodes it
 * into out; "" when the file cannot be read. */
static void cpuinfo_name(char *out, size_t size)
{
    char buf[CPUNAME_CPUINFO_BYTES];
    size_t got = 0;
    int fd;

    out[0] = '\0';
    fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return;
    while (got < sizeof buf) {
        ssize_t r = read(fd, buf + got, sizeof buf - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            close(fd);
            return;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    cpuname_from_cpuinfo(buf, got, out, size);
}

const char *cpuname_go(void)
{
    /* Room for a whole 512-byte window turned into "name @ MHzMHz". */
    static char name[2 * CPUNAME_CPUINFO_BYTES + 16];
    static int done;

    if (!done) {
        done = 1;
        /* sysinfo.CPUName: internal/cpu.Name, then osCPUInfoName.  Go
         * before that second step (added in 2023, for Go 1.22; Go 1.19's
         * cpuInfo.Name in internal/sysinfo/sysinfo.go) printed no cpu:
         * line when CPUID gave no name. */
        brand_name(name, sizeof name);
        if (name[0] == '\0')
            cpuinfo_name(name, sizeof name);
    }
    return name;
}
