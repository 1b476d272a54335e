/* main.c -- the suite table and main: `./mybench -bench . -benchmem` runs
 * it as `go test -bench` would; `./mybench -h` lists the flags. */
#include "suite.h"

static const bench_def suite[] = {
    BENCH_DOC(Strdup, "strdup of a 32-character string: 33 B, 1 allocation"),
    BENCH_DOC(Format, "snprintf into a stack buffer: no allocation"),
    BENCH_DOC(List, "a linked list of n nodes, built and freed"),
    BENCH_DOC(Array, "the same values in an array on the stack"),
    BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
