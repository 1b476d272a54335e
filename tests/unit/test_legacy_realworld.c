/*
 * test_legacy_realworld.c -- `escstat -legacy` on the real-world legacy
 * corpus (../shared/realworld: 1,540 argument lists on files from public
 * repositories, with what the pre-2023 benchstat printed), the same
 * comparison as `../shared/realworld/check -legacy bin/escstat -legacy`:
 * stdout, stderr (the reference's "benchstat: " read as "escstat: ") and
 * exit status byte for byte, the cases of deliberate-legacy.tsv skipped.
 *
 * It calls legacy_main in this process for each case instead of starting
 * the program 1,540 times: starting processes is most of the check's cost
 * (on the shared 2-core VM the check script took 30 s user + 48 s system
 * CPU, this test 1.4 s + 0.2 s).  escstat.c only hands argv to
 * legacy_main; tests/escstat-legacy.t runs the program itself.  Skipped
 * when ../shared is not there; ESCBENCH_REALWORLD names another copy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wordexp.h>

#include "legacy_cli.h"
#include "../tap.h"

/* slurp: the whole file in a malloc'd buffer (*n bytes), or NULL. */
static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&buf, &cap);
    char blk[65536];
    size_t k;
    while ((k = fread(blk, 1, sizeof blk, f)) > 0)
        fwrite(blk, 1, k, m);
    fclose(f);
    fclose(m);
    *n = cap;
    return buf;
}

/* expected_stderr: the reference's stderr with "benchstat: " at a line
   start read as "escstat: " (what the check script's sed does). */
static char *expected_stderr(const char *path, size_t *n)
{
    size_t len;
    char *raw = slurp(path, &len);
    if (!raw) {
        *n = 0;
        return strdup("");
    }
    char *buf = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&buf, &cap);
    for (size_t i = 0; i < len;) {
        if ((i == 0 || raw[i - 1] == '\n') && len - i >= 11 &&
            memcmp(raw + i, "benchstat: ", 11) == 0) {
            fputs("escstat: ", m);
            i += 11;
            continue;
        }
        fputc(raw[i++], m);
    }
    fclose(m);
    free(raw);
    *n = cap;
    return buf;
}

int main(void)
{
    const char *dir = getenv("ESCBENCH_REALWORLD");
    char path[4096];
    if (!dir)
        dir = "../shared/realworld";
    char *real = realpath(dir, NULL);
    snprintf(path, sizeof path, "%s/expected-legacy/exit.tsv", real ? real : dir);
    FILE *cases = real ? fopen(path, "r") : NULL;
    if (!cases) {
        printf("1..0 # SKIP no %s (the corpus lives outside the repository)\n", path);
        free(real);
        return 0;
    }
    snprintf(path, sizeof path, "%s/deliberate-legacy.tsv", real);
    size_t nskip;
    char *skips = slurp(path, &nskip);
    snprintf(path, sizeof path, "%s/inputs", real);
    if (chdir(path) != 0) {
        ok(0, "chdir %s", path);
        return tap_done();
    }
    int pass = 0, fail = 0, skip = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, cases)) > 0) {
        line[strcspn(line, "\n")] = '\0';
        char *id = line, *t1 = strchr(line, '\t');
        if (!t1)
            continue;
        *t1 = '\0';
        char *rcs = t1 + 1, *t2 = strchr(rcs, '\t');
        if (!t2)
            continue;
        *t2 = '\0';
        char *args = t2 + 1;
        char key[32];
        snprintf(key, sizeof key, "%s\t", id);
        char nlkey[34];
        snprintf(nlkey, sizeof nlkey, "\n%s", key);
        if (skips && (strncmp(skips, key, strlen(key)) == 0 || strstr(skips, nlkey))) {
            skip++;             /* a deliberate difference: escstat's own usage */
            continue;
        }
        wordexp_t we;
        if (wordexp(args, &we, WRDE_NOCMD) != 0) {
            fail++;
            ok(0, "case %s: cannot split arguments: %s", id, args);
            continue;
        }
        char **argv = calloc(we.we_wordc + 2, sizeof *argv);
        argv[0] = "escstat";
        for (size_t i = 0; i < we.we_wordc; i++)
            argv[i + 1] = we.we_wordv[i];
        char *out = NULL, *err = NULL;
        size_t nout = 0, nerr = 0;
        FILE *fo = open_memstream(&out, &nout), *fe = open_memstream(&err, &nerr);
        int rc = legacy_main((int)we.we_wordc + 1, argv, fo, fe);
        fclose(fo);
        fclose(fe);
        snprintf(path, sizeof path, "%s/expected-legacy/%s.stdout", real, id);
        size_t neo, nee;
        char *eo = slurp(path, &neo);
        snprintf(path, sizeof path, "%s/expected-legacy/%s.stderr", real, id);
        char *ee = expected_stderr(path, &nee);
        char what[64] = "";
        if (!eo || neo != nout || memcmp(eo, out, nout) != 0)
            strcat(what, " stdout");
        if (nee != nerr || memcmp(ee, err, nerr) != 0)
            strcat(what, " stderr");
        if (rc != atoi(rcs))
            strcat(what, " exit");
        if (what[0]) {
            fail++;
            ok(0, "case %s:%s: %s", id, what, args);
        } else {
            pass++;
        }
        free(eo);
        free(ee);
        free(out);
        free(err);
        free(argv);
        wordfree(&we);
    }
    free(line);
    fclose(cases);
    free(skips);
    free(real);
    printf("# %d passed, %d failed, %d skipped\n", pass, fail, skip);
    ok(pass == 1538 && fail == 0 && skip == 2,
       "legacy corpus: %d passed, %d failed, %d skipped (want 1538, 0, 2)", pass, fail, skip);
    return tap_done();
}
