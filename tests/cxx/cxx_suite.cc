// cxx_suite.cc -- a benchmark suite written in C++ against bench.h: the
// header compiles as C++ (tests/cxx.t builds it under C++11..C++20 too),
// bench_main and the helpers link with C linkage, and the allocations of
// operator new, which calls malloc, are counted exactly (tests/cxx.t).
#include "bench.h"

#include <array>
#include <cstdint>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

// One std::vector<int>(16) per op: one allocation of 16 * sizeof(int) = 64 B.
static void BenchmarkVector16(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        std::vector<int> v(16);
        bench_escape(v.data());
    }
}

// new int per op, freed with delete: 4 B, 1 allocation.
static void BenchmarkNewInt(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        std::unique_ptr<int> p(new int(7));
        bench_escape(p.get());
    }
}

// A 100-character std::string: past the small-string buffer, one
// allocation of 101 B (the characters and the terminating NUL).
static void BenchmarkString100(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        std::string s(bench_opaque(100), 'x');
        bench_escape(s.data());
    }
}

// Sum of a std::array on the stack: no allocation.
static void BenchmarkArraySum(bench *b)
{
    std::array<int, 64> a;
    std::iota(a.begin(), a.end(), 0);
    int64_t s = 0;
    for (int64_t i = 0; i < b->n; i++) {
        bench_escape(a.data());
        s += std::accumulate(a.begin(), a.end(), 0);
    }
    bench_keep(s);
}

// Sub-benchmarks from captureless lambdas (they convert to bench_fn).
static void BenchmarkReserve(bench *b)
{
    bench_run(b, "cap=8", [](bench *sb) {
        for (int64_t i = 0; i < sb->n; i++) {
            std::vector<int64_t> v;
            v.reserve(8);
            bench_escape(v.data());
        }
    });
    bench_run(b, "skipped", [](bench *sb) { bench_skip(sb, "skipped from C++ (%d)", 42); });
}

static const bench_def suite[] = {
    BENCH(Vector16),
    BENCH(NewInt),
    BENCH_DOC(String100, "a 100-character std::string"),
    BENCH(ArraySum),
    BENCH(Reserve),
    BENCH_END,
};

int main(int argc, char **argv)
{
    return bench_main(argc, argv, suite);
}
