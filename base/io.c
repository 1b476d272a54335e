/*
 * io.c -- complete writes (see io.h).
 */
#include "io.h"

#include <errno.h>
#include <unistd.h>

int write_all(int fd, const void *p, size_t len)
{
    const char *c = p;

    while (len > 0) {
        ssize_t k = write(fd, c, len);
        if (k < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        c += k;
        len -= (size_t)k;
    }
    return 0;
}
