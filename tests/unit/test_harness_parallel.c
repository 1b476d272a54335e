/*
 * test_harness_parallel.c -- Go's RunParallel grain and PB.Next, number by
 * number (src/testing/benchmark.go): grain = 1e5 * previousN /
 * previousDuration bounded to [1, 1e4]; Next takes `grain` iterations at a
 * time from the shared counter, the last batch only what is left, and every
 * iteration of b.N exactly once however the takers interleave.
 */
#include <stdint.h>

#include "bench.h"
#include "parallel.h"
#include "../tap.h"

/* drain runs `k` takers round-robin (one Next each per turn, as threads
 * that interleave at every call) until all say false; returns the
 * iterations they got and stores the largest batch any of them took. */
static uint64_t drain(uint64_t bn, uint64_t grain, int k, uint64_t *counter, uint64_t *maxbatch)
{
    bench_pb pb[16];
    bool live[16];
    uint64_t got = 0;
    int alive = k;

    *counter = 0;
    *maxbatch = 0;
    for (int i = 0; i < k; i++) {
        pb[i] = (bench_pb){ 0, grain, bn, counter };
        live[i] = true;
    }
    while (alive > 0)
        for (int i = 0; i < k; i++) {
            uint64_t before;
            if (!live[i])
                continue;
            before = pb[i].cache;
            if (!bench_pb_next(&pb[i])) {
                live[i] = false;
                alive--;
                continue;
            }
            got++;
            if (before == 0 && pb[i].cache + 1 > *maxbatch)
                *maxbatch = pb[i].cache + 1;
        }
    return got;
}

int main(void)
{
    uint64_t counter, maxb;

    /* The grain. */
    is_int(par_grain(0, 0), 1, "no previous run: grain 1");
    is_int(par_grain(1, 0), 1, "a previous run that took 0 ns: grain 1");
    is_int(par_grain(1, 5000), 20, "5 us/op: 100 us is 20 iterations");
    is_int(par_grain(1000, 100000000), 1, "100 us/op: 1 iteration");
    is_int(par_grain(1, 1000000), 1, "1 ms/op: rounds down to 0, raised to 1");
    is_int(par_grain(100000, 1000000), 10000, "10 ns/op: 10000");
    is_int(par_grain(1000000000, 1000000000), 10000, "1 ns/op: capped at 10000");
    is_int(par_grain(3, 7), 10000, "2.3 ns/op: capped at 10000");
    is_int(par_grain(12345, 1000000), 1234, "81 ns/op: 1e5*12345/1e6 = 1234 (integer division)");

    /* PB.Next. */
    is_int(drain(1, 1, 1, &counter, &maxb), 1, "n=1, one taker: 1 iteration");
    is_int(counter, 2, "and the counter ends past n (Go's check that the body ran out)");
    is_int(drain(1000, 7, 3, &counter, &maxb), 1000, "n=1000, grain 7, 3 takers: every iteration once");
    ok(maxb == 7, "no batch above the grain (largest %llu)", (unsigned long long)maxb);
    ok(counter >= 1000 + 7, "each taker's last call overshoots: counter %llu", (unsigned long long)counter);
    is_int(drain(10, 4, 2, &counter, &maxb), 10, "n=10, grain 4: 4 + 4 + the 2 left");
    is_int(drain(5, 10000, 4, &counter, &maxb), 5, "n below the grain: one partial batch of 5");
    is_int(maxb, 5, "which is what is left, not the grain");
    is_int(drain(99991, 100, 16, &counter, &maxb), 99991, "prime n, 16 takers: every iteration once");
    return tap_done();
}
