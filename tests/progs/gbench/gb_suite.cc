// gb_suite.cc -- a Google Benchmark program for tests/gbench-json.t, built
// there with g++ against Debian's libbenchmark-dev.  GB_WORK=N in the
// environment repeats the summing loop N times (default 1): the "new" run
// does 8x the work of the "old" one.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

static const int work = std::getenv("GB_WORK") ? std::atoi(std::getenv("GB_WORK")) : 1;

static void BM_sum(benchmark::State& state) {
  std::vector<int> v(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) {
    int s = 0;
    for (int r = 0; r < work; r++)
      for (int x : v) {
        s += x;
        benchmark::DoNotOptimize(s);
      }
  }
  state.SetBytesProcessed(state.iterations() * state.range(0) * int64_t(sizeof(int)));
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["elems"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_sum)->ArgName("n")->Arg(64)->Arg(512);

static void BM_threads(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(state.thread_index());
}
BENCHMARK(BM_threads)->Threads(1)->Threads(2);

static void BM_micro(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(state.range(0) * 3);
}
BENCHMARK(BM_micro)->Arg(7)->Unit(benchmark::kMicrosecond)->UseRealTime();

static void BM_broken(benchmark::State& state) {
  state.SkipWithError("no device");
  for (auto _ : state) {
  }
}
BENCHMARK(BM_broken);

BENCHMARK_MAIN();
