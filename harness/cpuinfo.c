/*
 * cpuinfo.c -- /proc/cpuinfo, read once and parsed (see cpuinfo.h).
 */
#include "cpuinfo.h"
#include "strbuf.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

/* next_line finds the line at *pos of text[0..len): its start in *line and
 * length in *n (without the '\n'); advances *pos past it.  false at the
 * end of the text. */
static bool next_line(const char *text, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return false;
    const char *s = text + *pos, *nl = memchr(s, '\n', len - *pos);
    *line = s;
    *n = nl ? (size_t)(nl - s) : len - *pos;
    *pos += *n + (nl != NULL);
    return true;
}

/* value_of returns where the value of line[0..n) starts (after the ':' and
 * the blanks after it), or NULL when the line has no ':'. */
static const char *value_of(const char *line, size_t n)
{
    const char *v = memchr(line, ':', n);
    if (v == NULL)
        return NULL;
    v++;
    while (v < line + n && (*v == ' ' || *v == '\t'))
        v++;
    return v;
}

int cpuinfo_find(const char *text, size_t len, const char *key, char *out, size_t size)
{
    size_t pos = 0, n, klen = strlen(key);
    const char *line;
    bool nonempty = strcmp(key, "model name") == 0;

    out[0] = '\0';
    while (next_line(text, len, &pos, &line, &n)) {
        const char *v;
        if (n < klen || memcmp(line, key, klen) != 0 || (v = value_of(line, n)) == NULL)
            continue;
        size_t vn = (size_t)(line + n - v);
        while (vn > 0 && isspace((unsigned char)v[vn - 1]))
            vn--;
        if (nonempty && vn == 0)
            continue;
        if (vn > size - 1)
            vn = size - 1;
        memcpy(out, v, vn);
        out[vn] = '\0';
        return 1;
    }
    return 0;
}

int cpuinfo_hypervisor_in(const char *text, size_t len)
{
    size_t pos = 0, n;
    const char *line;

    while (next_line(text, len, &pos, &line, &n)) {
        const char *v;
        if (n < 5 || memcmp(line, "flags", 5) != 0 || (v = value_of(line, n)) == NULL)
            continue;
        size_t vn = (size_t)(line + n - v);
        /* the word's start: at the value's start or after a space */
        for (size_t i = 0; i + 10 <= vn; i++)
            if ((i == 0 || v[i - 1] == ' ') && memcmp(v + i, "hypervisor", 10) == 0)
                return 1;
        return 0;
    }
    return -1;
}

const char *cpuinfo_text(size_t *len)
{
    static strbuf text = STRBUF_INIT;
    static int done;

    if (!done) {
        done = 1;
        int fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            char chunk[4096];
            for (;;) {
                ssize_t r = read(fd, chunk, sizeof chunk);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r <= 0)
                    break;
                strbuf_add(&text, chunk, (size_t)r);
            }
            close(fd);
        }
    }
    if (len)
        *len = text.len;
    return strbuf_str(&text);
}

const char *cpuinfo_model(void)
{
    static char model[256];
    static int done;

    if (!done) {
        size_t len;
        const char *text = cpuinfo_text(&len);
        done = 1;
        cpuinfo_find(text, len, "model name", model, sizeof model);
    }
    return model;
}

int cpuinfo_hypervisor(void)
{
    size_t len;
    const char *text = cpuinfo_text(&len);
    return cpuinfo_hypervisor_in(text, len);
}
