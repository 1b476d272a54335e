/* suite.h -- the benchmarks of this example suite, one file per topic;
 * main.c lists them in the table bench_main runs. */
#ifndef SUITE_H
#define SUITE_H

#include <bench.h>

void BenchmarkStrdup(bench *b);
void BenchmarkFormat(bench *b);
void BenchmarkList(bench *b);
void BenchmarkArray(bench *b);

#endif
