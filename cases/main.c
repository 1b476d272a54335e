/*
 * main.c -- bin/escbench: the suite table and main.  One line per
 * benchmark says what it measures (shown by -list -v); the shapes are
 * explained in their own files and in docs/cases.md.
 */
#include <stddef.h>

#include "cases.h"
#include "checksum.h"

static const bench_def suite[] = {
    BENCH_DOC(E1ReturnPointer,
              "E1 return a new Point: heap (malloc, caller frees) | value"),
    BENCH_DOC(E2Interface,
              "E2 int64 into an interface: boxed (8 B heap box) | concrete"),
    BENCH_DOC(E3Closure,
              "E3 closure over a mutated counter: byref (heap) | byvalue (stack)"),
    BENCH_DOC(E4MakeDynamic,
              "E4 zeroed int64[n], n=64 opaque: heap (calloc) | vla | const"),
    BENCH_DOC(E5Buffer,
              "E5 zeroed buffer: heap 65 KiB | stack 64 KiB | 4KiB..4MiB sweep "
              "across glibc's mmap threshold, dynamic | fixed"),
    BENCH_DOC(E6Println,
              "E6 print an int64: boxed (Println-style ...any) | typed (snprintf)"),
    BENCH_DOC(Sink,
              "the post's Sink: Put(Record) through any (16 B box) | typed"),
    BENCH_DOC(E1ReturnPointerParallel,
              "E1 under bench_run_parallel (-cpu P threads): heap | value"),
    BENCH_DOC(SinkParallel,
              "Sink under bench_run_parallel (-cpu P threads): any | typed"),
    BENCH_END
};

int main(int argc, char **argv)
{
    checksum_init();
    return bench_main(argc, argv, suite);
}
