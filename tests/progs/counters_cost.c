/*
 * counters_cost.c -- what counting costs outside the timed loop: the first
 * counters_open in a process (PAPI_library_init and the probes), one
 * counters_start + counters_stop pair per batch, counters_list.  Prints one
 * "what<TAB>value<TAB>unit" line each, on stdout, for docs/counters.md.
 *
 *     counters_cost [EVENTS [PAIRS]]     (default perf::PAGE-FAULTS, 100000)
 */
#include "counters.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    const char *events = argc > 1 ? argv[1] : "perf::PAGE-FAULTS";
    long pairs = argc > 2 ? atol(argv[2]) : 100000;
    long long v[32];
    char err[256], *list;
    double t0, t1;
    counters *c;

    if (pairs <= 0) {
        fprintf(stderr, "usage: counters_cost [EVENTS [PAIRS]]\n");
        return 2;
    }
    t0 = now_ns();
    c = counters_open(events, err, sizeof err);
    t1 = now_ns();
    if (c == NULL) {
        fprintf(stderr, "counters_cost: %s\n", err);
        return 2;
    }
    printf("events counted\t%d\t%s\n", counters_count(c), events);
    printf("first counters_open\t%.0f\tus\n", (t1 - t0) / 1e3);
    t0 = now_ns();
    for (long i = 0; i < pairs; i++)
        if (counters_start(c) != 0 || counters_stop(c, v) != 0) {
            fprintf(stderr, "counters_cost: %s\n", counters_error(c));
            return 1;
        }
    t1 = now_ns();
    printf("counters_start+counters_stop\t%.0f\tns\n", (t1 - t0) / (double)pairs);
    counters_close(c);
    t0 = now_ns();
    c = counters_open(events, err, sizeof err);
    t1 = now_ns();
    printf("later counters_open\t%.0f\tus\n", (t1 - t0) / 1e3);
    counters_close(c);
    t0 = now_ns();
    list = counters_list();
    t1 = now_ns();
    printf("counters_list\t%.0f\tus\n", (t1 - t0) / 1e3);
    free(list);
    return 0;
}
