/*
 * verdict.c -- the lines that end the results: per leaf the -ci outcome and
 * what makes its samples doubtful (a wide interval, outliers, two
 * clusters, CPU moves), then the machine's state (load, frequency scaling,
 * hypervisor).  See verdict.h.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "format.h"
#include "hygiene.h"
#include "precision.h"
#include "usage.h"
#include "verdict.h"

/* warn writes a warning as a '#' line of the results and on stderr. */
static __attribute__((format(printf, 2, 3))) void warn(struct results *r, const char *fmt, ...)
{
    char buf[1024], line[1100];
    va_list ap;
    int k;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    usage_msg(stderr, r->prog, "%s", buf);
    k = snprintf(line, sizeof line, "# %s\n", buf);
    results_header(r);
    results_write(r, line, (size_t)k < sizeof line ? (size_t)k : sizeof line - 1, false);
}

/* verdict_write: per leaf with samples, then the machine, once there was
 * a leaf at all. */
void verdict_write(struct results *r)
{
    char bn[1024], gov[64], d[40];
    double load;

    for (size_t i = 0; i < r->nleaves; i++) {
        struct leaf *l = &r->leaves[i];
        double *xs = l->xs, pct;
        size_t n = l->n, split, out;
        bool bounded;

        if (n == 0)
            continue;
        fmt_bench_name(bn, sizeof bn, l->name, l->procs);
        pct = results_leaf_pct(l);              /* sorts xs */
        bounded = pct < INFINITY;
        if (r->o->ci_pct > 0) {
            fmt_duration(d, sizeof d, l->spent_ns - l->spent_ns % 1000000);
            if (l->done)
                warn(r, "ci %s: +-%.1f%% after %zu samples (%s)", bn, pct, n, d);
            else if (bounded)
                warn(r, "warning: %s: +-%.1f%% after %zu samples (%s), not within +-%g%%: "
                     "raise -maxcount/-maxtime/-maxwall or quiet the machine", bn, pct, n, d, r->o->ci_pct);
            else
                warn(r, "warning: %s: interval unbounded after %zu samples (%s), not within "
                     "+-%g%%: raise -maxcount/-maxtime/-maxwall", bn, n, d, r->o->ci_pct);
        } else if (bounded && pct > 5) {
            warn(r, "warning: %s: the 95%% CI of the median is +-%.1f%% (%zu samples), wider than "
                 "+-5%%: run with -ci 5%% or on a quieter machine", bn, pct, n);
        }
        out = prec_outliers(xs, n);
        if (out > 0)
            warn(r, "warning: %s: %zu of %zu samples are outliers (Tukey's fences): something "
                 "disturbed those runs; %s", bn, out, n,
                 r->o->shuffle ? "rerun on a quieter machine"
                             : "rerun, or use -shuffle on to spread the disturbance");
        if (prec_bimodal(xs, n, &split))
            warn(r, "warning: %s: the samples form two clusters (%zu near %.4g ns/op, %zu near "
                 "%.4g ns/op): look for a cause that switches (alignment, frequency, another "
                 "process) before trusting the median", bn, split, xs[split / 2], n - split,
                 xs[split + (n - split) / 2]);
        if (l->migrated > 0 && r->o->pin < 0)
            warn(r, "warning: %s: %ld of %zu results were measured across a move to another "
                 "CPU: use -pin CPU", bn, l->migrated, n);
    }
    if (r->nleaves == 0)
        return;
    load = hygiene_load();
    if (load >= 1.5)
        warn(r, "warning: load average %.2f at the end of the run (this run accounts for about "
             "1): other work competes for the CPUs; measure on a quiet machine", load);
    if (hygiene_governor(r->o->pin >= 0 ? r->o->pin : 0, gov, sizeof gov) != 0)
        warn(r, "warning: CPU frequency scaling cannot be checked (no cpufreq in /sys): the "
             "clock may change under the benchmarks; compare runs from one machine only");
    else if (strcmp(gov, "performance") != 0)
        warn(r, "warning: CPU frequency governor is '%s', not 'performance': "
             "run 'cpupower frequency-set -g performance' for steadier numbers", gov);
    if (hygiene_hypervisor())
        warn(r, "warning: running under a hypervisor: the host's load and steal time are "
             "invisible here; compare only runs made on the same VM, back to back");
}

