/*
 * gnuplot.c -- quoting for gnuplot scripts and running gnuplot (see
 * gnuplot.h for the safety design).
 */
#include "gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Bytes written as themselves inside "...": none of them is special to
   gnuplot's line reader (` @ $ are not here), to its string parser (" \
   are not), nor starts a new command (; and # are outside strings only,
   but they are escaped anyway).  Everything else, UTF-8 bytes included,
   becomes an octal escape. */
static bool inert(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == ',' ||
           c == ':' || c == '-' || c == '+' || c == '=' || c == '(' ||
           c == ')' || c == '/' || c == '_' || c == '%';
}

void gp_quote(strbuf *out, const char *s)
{
    strbuf_addc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (inert(*p))
            strbuf_addc(out, (char)*p);
        else if (*p < 0100)
            /* gnuplot reads up to four digits after "\0" and three
               otherwise: "\012" followed by "1" would be "\0121".  So
               bytes below 0100 are written with exactly four digits. */
            strbuf_printf(out, "\\0%03o", *p);
        else
            strbuf_printf(out, "\\%03o", *p);
    }
    strbuf_addc(out, '"');
}

/* absolute makes path absolute (gnuplot runs in the scratch directory, so
   "./gnuplot" or a relative $PATH entry would name another file there);
   false when it cannot be resolved. */
static bool absolute(strbuf *path)
{
    char *real = realpath(strbuf_str(path), NULL);
    if (!real)
        return false;
    strbuf_reset(path);
    strbuf_adds(path, real);
    free(real);
    return strbuf_ok(path);
}

bool gp_find(const char *prog, strbuf *path)
{
    if (strchr(prog, '/')) {
        if (access(prog, X_OK) != 0)
            return false;
        strbuf_reset(path);
        strbuf_adds(path, prog);
        return absolute(path);
    }
    const char *dirs = getenv("PATH");
    if (!dirs || !*dirs)
        dirs = "/usr/bin:/bin";
    while (*dirs) {
        const char *colon = strchr(dirs, ':');
        size_t n = colon ? (size_t)(colon - dirs) : strlen(dirs);
        strbuf_reset(path);
        if (n == 0)
            strbuf_addc(path, '.');
        else
            strbuf_add(path, dirs, n);
        strbuf_addc(path, '/');
        strbuf_adds(path, prog);
        struct stat st;
        if (strbuf_ok(path) && stat(strbuf_str(path), &st) == 0 && S_ISREG(st.st_mode) &&
            access(strbuf_str(path), X_OK) == 0)
            return absolute(path);
        if (!colon)
            break;
        dirs = colon + 1;
    }
    strbuf_reset(path);
    return false;
}

/* tail_of appends the last `lines` lines of file dir/name to out, each
   line prefixed "gnuplot: " and joined with "\n". */
static void tail_of(const char *path, int lines, strbuf *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    strbuf all = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && strbuf_ok(&all))
        strbuf_add(&all, chunk, n);
    fclose(f);
    if (all.len == 0) {
        strbuf_release(&all);
        return;
    }
    char *text = all.s;
    size_t len = all.len;
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
        text[--len] = '\0';
    const char *start = text + len;
    int seen = 0;
    while (start > text && seen < lines) {
        start--;
        if (*start == '\n' && ++seen == lines) {
            start++;
            break;
        }
    }
    const char *line = start;
    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t l = nl ? (size_t)(nl - line) : strlen(line);
        if (l > 0) {
            strbuf_adds(out, "\n  gnuplot: ");
            strbuf_add(out, line, l);
        }
        if (!nl)
            break;
        line = nl + 1;
    }
    strbuf_release(&all);
}

static bool word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.';
}

bool gp_nonfinite(const char *text, bool script)
{
    bool in_str = false;
    for (const char *p = text; *p; p++) {
        if (script && *p == '"') {
            in_str = !in_str;
            continue;
        }
        if (in_str) {
            if (*p == '\\' && p[1])
                p++;
            continue;
        }
        if (script && *p == '#') {              /* a comment, to the line's end */
            while (p[1] && p[1] != '\n')
                p++;
            continue;
        }
        if (p > text && word_char(p[-1]))
            continue;
        static const char *const words[] = { "nan", "inf" };
        for (size_t k = 0; k < 2; k++) {
            bool same = script ? strncasecmp(p, words[k], 3) == 0 : strncmp(p, words[k], 3) == 0;
            if (same && !word_char(p[3]))
                return true;
        }
    }
    return false;
}

int gp_check_output(const char *path, strbuf *why)
{
    static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    static const unsigned char png_end[12] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D',
                                               0xAE, 0x42, 0x60, 0x82 };
    size_t pl = strlen(path);
    bool png = pl >= 4 && strcmp(path + pl - 4, ".png") == 0;
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        strbuf_adds(why, strerror(errno));
        return -1;
    }
    struct stat st;
    unsigned char head[8], tail[64];
    bool whole = false;
    if (fstat(fd, &st) == 0 && st.st_size >= 20) {
        size_t nt = st.st_size < (off_t)sizeof tail ? (size_t)st.st_size : sizeof tail;
        if (pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
            pread(fd, tail, nt, st.st_size - (off_t)nt) == (ssize_t)nt) {
            if (png) {
                whole = memcmp(head, png_sig, sizeof png_sig) == 0 &&
                        memcmp(tail + nt - sizeof png_end, png_end, sizeof png_end) == 0;
            } else {
                while (nt > 0 && (tail[nt - 1] == '\n' || tail[nt - 1] == '\r' ||
                                  tail[nt - 1] == ' '))
                    nt--;
                whole = nt >= 6 && memcmp(tail + nt - 6, "</svg>", 6) == 0;
            }
        }
    }
    int rc = 0;
    if (!whole) {
        strbuf_adds(why, "gnuplot wrote an incomplete file (is the disk full?)");
        rc = -1;
    } else if (fsync(fd) != 0) {
        strbuf_adds(why, strerror(errno));
        rc = -1;
    }
    close(fd);
    return rc;
}

int gp_run(const char *gnuplot, const char *dir, const char *script, strbuf *err)
{
    strbuf errpath = STRBUF_INIT, home = STRBUF_INIT;
    strbuf_printf(&errpath, "%s/gnuplot.err", dir);
    const char *oldhome = getenv("HOME");
    if (oldhome && !getenv("XDG_CACHE_HOME"))
        strbuf_printf(&home, "%s/.cache", oldhome);  /* keep the font cache */
    pid_t pid = fork();
    if (pid < 0) {
        strbuf_printf(err, "cannot start gnuplot: %s", strerror(errno));
        strbuf_release(&errpath);
        strbuf_release(&home);
        return -1;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(strbuf_str(&errpath), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (in < 0 || out < 0 || chdir(dir) != 0)
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        close(in);
        close(out);
        if (home.len)
            setenv("XDG_CACHE_HOME", strbuf_str(&home), 1);
        setenv("HOME", ".", 1);
        setenv("LC_NUMERIC", "C", 1);
        unsetenv("GNUPLOT_LIB");
        unsetenv("GNUTERM");
        execl(gnuplot, gnuplot, script, (char *)NULL);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) {
            st = -1;
            break;
        }
    int rc = 0;
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        if (st != -1 && WIFSIGNALED(st))
            strbuf_printf(err, "gnuplot killed by signal %d", WTERMSIG(st));
        else if (st != -1 && WEXITSTATUS(st) == 127)
            strbuf_printf(err, "cannot run %s", gnuplot);
        else
            strbuf_printf(err, "gnuplot failed (exit status %d)",
                          st == -1 ? -1 : WEXITSTATUS(st));
        tail_of(strbuf_str(&errpath), 4, err);
        rc = -1;
    }
    strbuf_release(&errpath);
    strbuf_release(&home);
    return rc;
}
