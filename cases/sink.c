/*
 * sink.c -- the seed post's one real benchmark: a sink that keeps the last
 * record it was given, through an interface field or a typed field.
 *
 * Go:  type Record struct { ID int64; Code int32; Score int32 }
 *      type AnySink struct{ last interface{} }
 *      func (s *AnySink) Put(v interface{}) { s.last = v }
 *      type TypedSink struct{ last Record }
 *      func (s *TypedSink) Put(r Record) { s.last = r }
 *      ./sink.go:17:30: v escapes to heap
 * Both Puts are //go:noinline; the loop calls s.Put(makeRecord(i)) b.N
 * times.  Passing a Record as interface{} boxes it (runtime.convT, a
 * 16-byte heap object) at the call site; the typed Put copies 16 bytes.
 * The post's timings (1 alloc vs 0 on Go 1.18): docs/cases.md, "Sink".
 *
 * C:   /any    any_sink_put stores an `any` (any.h) whose data is a new
 *              16-byte heap box of the Record, boxed at the call site, and
 *              frees the previous box (Go's collector would).
 *              1 alloc, 16 B per op.
 *      /typed  typed_sink_put stores the Record by value (two registers).
 *              0 allocs.
 * Expect /any to cost a malloc+free pair more than /typed, whose op is a
 * call.
 *
 * Checksum: op i puts {ID i, Code i, Score 2i}; Put only stores, as in the
 * post, so the loop sums nothing per op; the sum is the last record's
 * ID + Code + Score read back from the sink, 4(n-1), which shows the last
 * op ran.  That every op ran shows in allocs/op for /any and in the
 * disassembly for /typed.
 *
 * Checked in the disassembly (gcc 12 -O2, objdump -d --no-show-raw-insn):
 * /any calls any_from_value and any_sink_put per iteration (in which
 * any_release frees the old box); /typed calls typed_sink_put per iteration
 * with &s in rdi and the record in rsi:rdx, and reloads b->n after each
 * call as Go's loop does (with noinline alone gcc drops that reload, see
 * CASE_OPAQUE in cases.h).
 */
#include <stdint.h>

#include "any.h"
#include "cases.h"
#include "checksum.h"

typedef struct record {
    int64_t id;                         /* Go: ID    int64 */
    int32_t code;                       /* Go: Code  int32 */
    int32_t score;                      /* Go: Score int32 */
} record;

_Static_assert(sizeof(record) == 16, "Record is 16 bytes, as in Go");

static const any_type sink_type_record = { "Record", sizeof(record) };

typedef struct any_sink {
    any last;                           /* owns its box */
} any_sink;

typedef struct typed_sink {
    record last;
} typed_sink;

/* any_sink_put stores v in s, taking ownership of its box, and releases the
 * box it held before. */
static CASE_OPAQUE void any_sink_put(any_sink *s, any v)
{
    any_release(s->last);
    s->last = v;
}

/* typed_sink_put stores r in s. */
static CASE_OPAQUE void typed_sink_put(typed_sink *s, record r)
{
    s->last = r;
}

static inline record make_record(int64_t i)
{
    record r = { i, (int32_t)i, (int32_t)(2 * i) };

    return r;
}

static uint64_t record_sum(const record *r)
{
    return (uint64_t)r->id + (uint64_t)(int64_t)r->code +
           (uint64_t)(int64_t)r->score;
}

static uint64_t sink_want(int64_t n)
{
    record r = make_record(n - 1);

    return n > 0 ? record_sum(&r) : 0;
}

static void sink_any(bench *b)
{
    any_sink s = { { NULL, NULL } };
    uint64_t sum = 0;

    for (int64_t i = 0; i < b->n; i++) {
        record r = make_record(i);
        any v = any_from_value(&sink_type_record, &r);

        if (v.type == NULL)
            bench_fail(b, "out of memory");
        any_sink_put(&s, v);
    }
    if (s.last.type == &sink_type_record)
        sum = record_sum(s.last.data);
    any_release(s.last);
    checksum_check(b, sum, sink_want(b->n));
}

static void sink_typed(bench *b)
{
    typed_sink s = { { 0, 0, 0 } };

    for (int64_t i = 0; i < b->n; i++)
        typed_sink_put(&s, make_record(i));
    checksum_check(b, b->n > 0 ? record_sum(&s.last) : 0, sink_want(b->n));
}

void BenchmarkSink(bench *b)
{
    bench_run(b, "any", sink_any);
    bench_run(b, "typed", sink_typed);
}

/*
 * SinkParallel: the same two Puts under bench_run_parallel, P threads at
 * once (P = the -cpu value; Go: b.RunParallel, GOMAXPROCS goroutines), each
 * with its own sink and its own ops 0..k-1.  /any makes every thread
 * malloc and free a 16-byte box per op at the same time: what a heap
 * escape costs when threads allocate together (glibc gives each thread a
 * tcache and arenas; Go's allocator has per-P caches and the collector runs
 * beside).  /typed stays a call.  Checksum: each thread's last record,
 * 4(k-1), summed over the threads (checksum_par_check).
 */
static void sink_any_body(bench_pb *pb, void *arg)
{
    struct { bench *b; checksum_par *c; } *a = arg;
    any_sink s = { { NULL, NULL } };
    uint64_t sum = 0;
    int64_t i = 0;

    while (bench_pb_next(pb)) {
        record r = make_record(i);
        any v = any_from_value(&sink_type_record, &r);

        if (v.type == NULL)
            bench_fail(a->b, "out of memory");
        any_sink_put(&s, v);
        i++;
    }
    if (s.last.type == &sink_type_record)
        sum = record_sum(s.last.data);
    any_release(s.last);
    checksum_par_add(a->c, i, sum, sink_want(i));
}

static void sink_typed_body(bench_pb *pb, void *arg)
{
    struct { bench *b; checksum_par *c; } *a = arg;
    typed_sink s = { { 0, 0, 0 } };
    int64_t i = 0;

    while (bench_pb_next(pb)) {
        typed_sink_put(&s, make_record(i));
        i++;
    }
    checksum_par_add(a->c, i, i > 0 ? record_sum(&s.last) : 0, sink_want(i));
}

static void sink_par(bench *b, bench_pb_fn body)
{
    checksum_par c = { 0, 0, 0 };
    struct { bench *b; checksum_par *c; } a = { b, &c };

    bench_run_parallel(b, body, &a);
    checksum_par_check(b, &c);
}

static void sink_any_par(bench *b)
{
    sink_par(b, sink_any_body);
}

static void sink_typed_par(bench *b)
{
    sink_par(b, sink_typed_body);
}

void BenchmarkSinkParallel(bench *b)
{
    bench_run(b, "any", sink_any_par);
    bench_run(b, "typed", sink_typed_par);
}
