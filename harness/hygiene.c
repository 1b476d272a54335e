/*
 * hygiene.c -- load, migrations, frequency governor, hypervisor, pinning.
 * See hygiene.h.
 */
#include "hygiene.h"
#include "cpuinfo.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double hygiene_load(void)
{
    FILE *f = fopen("/proc/loadavg", "r");
    double load = -1;

    if (f == NULL)
        return -1;
    if (fscanf(f, "%lf", &load) != 1)
        load = -1;
    fclose(f);
    return load;
}

long hygiene_migrations(void)
{
    FILE *f = fopen("/proc/thread-self/sched", "r");
    char line[256];
    long n = -1;

    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "se.nr_migrations", 16) == 0) {
            char *colon = strchr(line, ':');
            if (colon != NULL)
                n = strtol(colon + 1, NULL, 10);
            break;
        }
    fclose(f);
    return n;
}

int hygiene_governor(int cpu, char *buf, size_t size)
{
    char path[128];
    FILE *f;

    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", cpu);
    f = fopen(path, "r");
    if (f == NULL)
        return -1;
    if (fgets(buf, (int)size, f) == NULL) {
        fclose(f);
        return -1;
    }
    fclose(f);
    buf[strcspn(buf, "\n")] = '\0';
    return 0;
}

bool hygiene_hypervisor(void)
{
    return cpuinfo_hypervisor() > 0;
}

int hygiene_pin(int cpu)
{
    cpu_set_t set;

    if (cpu < 0 || cpu >= CPU_SETSIZE) {
        errno = EINVAL;
        return -1;
    }
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return sched_setaffinity(0, sizeof set, &set);
}
