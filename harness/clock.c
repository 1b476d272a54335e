/*
 * clock.c -- the monotonic clock of the runner.  See clock.h.
 */
#include "clock.h"

#include <stdio.h>
#include <time.h>

int64_t clock_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int64_t clock_thread_cpu_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

const char *clock_name(void)
{
    static char name[64];
    struct timespec res;

    if (name[0] == '\0') {
        if (clock_getres(CLOCK_MONOTONIC, &res) == 0)
            snprintf(name, sizeof name, "CLOCK_MONOTONIC (resolution %ld ns)",
                     (long)(res.tv_sec * 1000000000L + res.tv_nsec));
        else
            snprintf(name, sizeof name, "CLOCK_MONOTONIC");
    }
    return name;
}
