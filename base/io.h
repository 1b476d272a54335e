/*
 * io.h -- file-descriptor writes that POSIX leaves to the caller to finish.
 */
#ifndef ESCBASE_IO_H
#define ESCBASE_IO_H

#include <stddef.h>

/* write_all writes p[0..len) to fd, calling write(2) again after a short
 * write or an interruption (EINTR).  It returns 0, or -1 with errno set
 * by the write that failed (part of the bytes may have been written).  It
 * allocates nothing, so the runner may call it anywhere. */
int write_all(int fd, const void *p, size_t len);

#endif
