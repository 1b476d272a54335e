/*
 * allocsites.c -- where the timed loop allocated: a fixed table of call
 * sites filled from inside the allocation hooks (no allocation, no lock),
 * read sorted by the runner, and named "file:line function" with addr2line
 * on the executable once counting has stopped.
 */
#include "alloc.h"
#include "allocsites.h"

#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* One table entry.  `pc` is claimed with a compare-and-swap; the counters
 * are shared between threads, so they are atomic (the sites pass is
 * untimed, and a call from a library unwinds the stack anyway). */
struct slot {
    _Atomic uintptr_t pc;               /* 0 = empty */
    _Atomic uint64_t allocs;            /* allocations from pc */
    _Atomic uint64_t bytes;             /* bytes requested from pc */
};

/* The hash below keeps the top 10 bits of the product. */
_Static_assert(ALLOC_SITES_MAX == 1 << 10, "ALLOC_SITES_MAX is 2^10");

static struct slot table[ALLOC_SITES_MAX];
static struct slot overflow;            /* pc 0: the table was full */
static _Atomic int dirty;               /* something to clear */

/* The executable's text: sites are frames inside it. */
static uintptr_t exe_lo, exe_hi;

static inline bool in_exe(uintptr_t pc)
{
    return pc >= exe_lo && pc < exe_hi;
}

static int find_exe_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    (void)arg;
    /* The first object dl_iterate_phdr reports is the main program. */
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
            continue;
        if (exe_hi == 0 || lo < exe_lo)
            exe_lo = lo;
        if (lo + ph->p_memsz > exe_hi)
            exe_hi = lo + ph->p_memsz;
    }
    return 1;
}

bool alloc_sites_prepare_(void)
{
    void *frames[4];

    if (exe_hi == 0)
        dl_iterate_phdr(find_exe_cb, NULL);
    /* The first backtrace() loads libgcc_s (and allocates): do it now. */
    (void)backtrace(frames, 4);
    return exe_hi != 0;
}

void alloc_sites_clear_(void)
{
    if (!atomic_exchange(&dirty, 0))
        return;
    for (size_t i = 0; i < ALLOC_SITES_MAX; i++) {
        atomic_store(&table[i].pc, 0);
        atomic_store(&table[i].allocs, 0);
        atomic_store(&table[i].bytes, 0);
    }
    atomic_store(&overflow.allocs, 0);
    atomic_store(&overflow.bytes, 0);
}

/* site_of: the return address that names the site.  A call from the
 * executable is its own site; a call from a library (strdup in libc) is
 * named by the first frame in the executable above it. */
static uintptr_t site_of(const void *ra)
{
    void *frames[64];
    int n, i;

    if (in_exe((uintptr_t)ra))
        return (uintptr_t)ra;
    n = backtrace(frames, 64);
    /* Frames up to ra are our own hooks; start after it. */
    for (i = 0; i < n && frames[i] != ra; i++)
        ;
    for (i++; i < n; i++)
        if (in_exe((uintptr_t)frames[i]))
            return (uintptr_t)frames[i];
    return (uintptr_t)ra;
}

void alloc_sites_note_(const void *ra, size_t n)
{
    uintptr_t pc = site_of(ra);
    /* Fibonacci hashing of the address (Knuth, TAOCP vol. 3, 6.4). */
    size_t h = (size_t)((pc * 11400714819323198485ull) >> (64 - 10));
    struct slot *s = &overflow;

    if (!atomic_load_explicit(&dirty, memory_order_relaxed))
        atomic_store(&dirty, 1);
    for (size_t probe = 0; pc && probe < ALLOC_SITES_MAX; probe++) {
        struct slot *t = &table[(h + probe) % ALLOC_SITES_MAX];
        uintptr_t k = atomic_load(&t->pc);

        if (k == 0) {
            uintptr_t zero = 0;

            if (atomic_compare_exchange_strong(&t->pc, &zero, pc) ||
                zero == pc) {
                s = t;
                break;
            }
            continue;
        }
        if (k == pc) {
            s = t;
            break;
        }
    }
    atomic_fetch_add_explicit(&s->allocs, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->bytes, n, memory_order_relaxed);
}

static int site_cmp(const void *a, const void *b)
{
    const struct alloc_site *x = a, *y = b;

    if (x->bytes != y->bytes)
        return x->bytes > y->bytes ? -1 : 1;
    if (x->allocs != y->allocs)
        return x->allocs > y->allocs ? -1 : 1;
    return (x->pc > y->pc) - (x->pc < y->pc);
}

size_t alloc_sites_read(struct alloc_site *out, size_t max)
{
    static struct alloc_site all[ALLOC_SITES_MAX + 1];
    size_t k = 0;

    for (size_t i = 0; i < ALLOC_SITES_MAX; i++) {
        uintptr_t pc = atomic_load(&table[i].pc);

        if (pc == 0)
            continue;
        all[k].pc = pc;
        all[k].allocs = atomic_load(&table[i].allocs);
        all[k].bytes = atomic_load(&table[i].bytes);
        if (all[k].allocs)
            k++;
    }
    if (atomic_load(&overflow.allocs)) {
        all[k].pc = 0;
        all[k].allocs = atomic_load(&overflow.allocs);
        all[k].bytes = atomic_load(&overflow.bytes);
        k++;
    }
    qsort(all, k, sizeof all[0], site_cmp);
    if (k > max)
        k = max;
    memcpy(out, all, k * sizeof all[0]);
    return k;
}

/* --- Symbolisation -------------------------------------------------------- */

/* copy: strlcpy, truncating silently. */
static void copy(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);

    if (n >= len)
        n = len - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

struct findobj {
    uintptr_t pc;                       /* in: the address */
    uintptr_t bias;                     /* out: the object's load bias */
    char path[4096];                    /* out: its file ("" = not found) */
};

static int find_obj_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    struct findobj *f = arg;

    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;

        if (ph->p_type == PT_LOAD && f->pc >= lo && f->pc < lo + ph->p_memsz) {
            const char *name = info->dlpi_name;

            f->bias = info->dlpi_addr;
            if (name && *name) {
                copy(f->path, sizeof f->path, name);
            } else {
                /* The main program has no name here; the link's target is
                 * its file (addr2line's own /proc/self/exe is itself). */
                ssize_t r = readlink("/proc/self/exe", f->path,
                                     sizeof f->path - 1);

                f->path[r > 0 ? r : 0] = '\0';
            }
            return 1;
        }
    }
    return 0;
}

/* addr2line runs `addr2line -f -e path addr` and reads its two lines into
 * fn and loc; false when it cannot be run or knows nothing. */
static bool addr2line(const char *path, uintptr_t addr, char *fn, size_t fnlen,
                      char *loc, size_t loclen)
{
    char hex[32], out[8192];
    char *argv[] = {"addr2line", "-f", "-e", (char *)path, hex, NULL};
    posix_spawn_file_actions_t fa;
    int fd[2], status;
    size_t len = 0;
    ssize_t r;
    pid_t pid;
    char *nl;

    snprintf(hex, sizeof hex, "0x%jx", (uintmax_t)addr);
    if (pipe(fd) != 0)
        return false;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 1);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    if (posix_spawnp(&pid, "addr2line", &fa, NULL, argv, environ) != 0) {
        posix_spawn_file_actions_destroy(&fa);
        close(fd[0]);
        close(fd[1]);
        return false;
    }
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    while (len < sizeof out - 1 &&
           (r = read(fd[0], out + len, sizeof out - 1 - len)) != 0) {
        if (r < 0)
            break;
        len += (size_t)r;
    }
    out[len] = '\0';
    close(fd[0]);
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0)
        return false;
    nl = strchr(out, '\n');
    if (!nl)
        return false;
    *nl = '\0';
    copy(fn, fnlen, out);
    copy(loc, loclen, nl + 1);
    loc[strcspn(loc, "\n")] = '\0';
    /* "file.c:12 (discriminator 3)": keep file:line. */
    if ((nl = strstr(loc, " (discriminator")))
        *nl = '\0';
    return true;
}

char *alloc_site_describe(uintptr_t pc, char *buf, size_t len)
{
    static struct findobj f;
    char fn[1024] = "??", loc[4096] = "??:0";
    Dl_info di;

    if (len == 0)
        return buf;
    if (pc == 0) {
        snprintf(buf, len, "(table full)");
        return buf;
    }
    f.pc = pc;
    f.path[0] = '\0';
    dl_iterate_phdr(find_obj_cb, &f);
    /* pc is a return address: pc - 1 lies in the call instruction, whose
     * line is the one wanted. */
    if (f.path[0] && addr2line(f.path, pc - 1 - f.bias, fn, sizeof fn, loc,
                               sizeof loc)) {
        if (strcmp(loc, "??:0") == 0 || strncmp(loc, "??:", 3) == 0)
            snprintf(loc, sizeof loc, "??:0");
    }
    {
        /* Paths under the working directory are shown relative to it. */
        char cwd[4096];
        size_t n;

        if (getcwd(cwd, sizeof cwd) && (n = strlen(cwd)) > 1 &&
            strncmp(loc, cwd, n) == 0 && loc[n] == '/')
            memmove(loc, loc + n + 1, strlen(loc + n + 1) + 1);
    }
    if (strcmp(fn, "??") == 0 && dladdr((void *)pc, &di) && di.dli_sname)
        snprintf(fn, sizeof fn, "%s+0x%jx", di.dli_sname,
                 (uintmax_t)(pc - (uintptr_t)di.dli_saddr));
    snprintf(buf, len, "%s %s", loc, fn);
    return buf;
}
