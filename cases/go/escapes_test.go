// Package escbench holds the Go twins of escbench's C suite: the six escape
// shapes of the seed post and its Sink benchmark, with the same benchmark
// names, the same values and the same checksums as cases/*.c, so that
// `go test -bench . -benchmem` and bin/escbench print comparable lines.
// Run with `make bench-go` (scripts/bench-go.sh).  No dependencies.  The
// module is named escbench, as bin/escbench's results say `pkg: escbench`:
// with the same config lines, `escstat C=c.txt Go=go.txt` (or benchstat)
// puts the two side by side in one table.
//
// What the compiler decides for each is printed by
//
//	go test -gcflags=-m -run '^$' -bench . 2>&1 | grep -E 'escape|moved'
package escbench

import (
	"bytes"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
)

// check fails b when the loop's checksum differs from the closed form, as
// cases/checksum.c does: a fast variant must not be fast by skipping work.
func check(b *testing.B, got, want uint64) {
	if got != want {
		b.Fatalf("checksum %d, want %d: the loop skipped work", got, want)
	}
}

// --- E1: returning a pointer to a local ----------------------------------

type Point struct{ X, Y int }

//go:noinline
func newPoint(i int) *Point { p := Point{i, i + 1}; return &p } // moved to heap: p

//go:noinline
func pointValue(i int) Point { return Point{i, i + 1} }

func BenchmarkE1ReturnPointer(b *testing.B) {
	want := func(n int) uint64 { return uint64(n) * uint64(n) }
	b.Run("heap", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			p := newPoint(i)
			sum += uint64(p.X + p.Y)
		}
		check(b, sum, want(b.N))
	})
	b.Run("value", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			p := pointValue(i)
			sum += uint64(p.X + p.Y)
		}
		check(b, sum, want(b.N))
	})
}

// --- E2: a concrete value stored into an interface ------------------------

const e2First = 256 // Go boxes 0..255 without allocating

//go:noinline
func e2Boxed(v int) interface{} { return v } // v escapes to heap

//go:noinline
func e2Concrete(v int) int { return v }

func BenchmarkE2Interface(b *testing.B) {
	want := func(n int) uint64 { u := uint64(n); return e2First*u + u*(u-1)/2 }
	b.Run("boxed", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			sum += uint64(e2Boxed(e2First + i).(int))
		}
		check(b, sum, want(b.N))
	})
	b.Run("concrete", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			sum += uint64(e2Concrete(e2First + i))
		}
		check(b, sum, want(b.N))
	})
}

// --- E3: a closure capturing a mutated local ------------------------------

//go:noinline
func e3ByRef(start int) func() int {
	n := start                          // moved to heap: n
	return func() int { n++; return n } // func literal escapes to heap
}

//go:noinline
func e3ByValue(start int) int {
	n := start
	f := func() int { n++; return n } // func literal does not escape
	first := f()
	return first + f()
}

func BenchmarkE3Closure(b *testing.B) {
	want := func(n int) uint64 { u := uint64(n); return u*u + 2*u }
	b.Run("byref", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			f := e3ByRef(i)
			sum += uint64(f())
			sum += uint64(f())
		}
		check(b, sum, want(b.N))
	})
	b.Run("byvalue", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			sum += uint64(e3ByValue(i))
		}
		check(b, sum, want(b.N))
	})
}

// --- E4: make with a size known only at run time --------------------------

var e4N = 64 // a variable: the compiler cannot fold it

//go:noinline
func e4Heap(n, start int) int {
	s := make([]int, 0, n) // make([]int, 0, n) escapes to heap
	for k := 0; k < n; k++ {
		s = append(s, start+k)
	}
	return s[len(s)-1]
}

//go:noinline
func e4Const(n, start int) int {
	s := make([]int, 0, 64) // does not escape
	for k := 0; k < n; k++ {
		s = append(s, start+k)
	}
	return s[len(s)-1]
}

func BenchmarkE4MakeDynamic(b *testing.B) {
	want := func(ops, n int) uint64 { u := uint64(ops); return u*(u-1)/2 + u*uint64(n-1) }
	run := func(op func(n, start int) int) func(b *testing.B) {
		return func(b *testing.B) {
			n := e4N
			var sum uint64
			for i := 0; i < b.N; i++ {
				sum += uint64(op(n, i))
			}
			check(b, sum, want(b.N, n))
		}
	}
	b.Run("heap", run(e4Heap))
	// no /vla: Go has no runtime-sized stack arrays
	b.Run("const", run(e4Const))
}

// --- E5: a buffer past the 64 KiB limit for make --------------------------

// e5Use sets b[0] and reads three bytes (1 when b was zeroed), then poisons
// two of them for the next op, as cases/e5_buffer.c.  Not inlined: inlined,
// the compiler sees the whole stack array and folds e5Stack to `return 1`
// without zeroing it; a call that does not leak b keeps b on the stack (the
// escape analysis tags the parameter) and the zeroing real.
//
//go:noinline
func e5Use(b []byte) int {
	b[0] = 1
	r := int(b[0]) + int(b[len(b)/2]) + int(b[len(b)-1])
	b[len(b)/2] = 0xff
	b[len(b)-1] = 0xff
	return r
}

//go:noinline
func e5Heap() int { return e5Use(make([]byte, 65*1024)) } // escapes to heap

//go:noinline
func e5Stack() int { return e5Use(make([]byte, 64*1024)) } // does not escape

func BenchmarkE5Buffer(b *testing.B) {
	b.Run("heap", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			sum += uint64(e5Heap())
		}
		check(b, sum, uint64(b.N))
	})
	b.Run("stack", func(b *testing.B) {
		var sum uint64
		for i := 0; i < b.N; i++ {
			sum += uint64(e5Stack())
		}
		check(b, sum, uint64(b.N))
	})
}

// --- E6: fmt.Println of anything ------------------------------------------

const e6First = 1000

var e6Out bytes.Buffer // reused: no terminal I/O, no allocation once grown

//go:noinline
func e6Boxed(x int) int {
	e6Out.Reset()
	fmt.Fprintln(&e6Out, x) // x escapes to heap
	out := e6Out.Bytes()
	return len(out) + int(out[len(out)-2]-'0')
}

//go:noinline
func e6Typed(x int) int {
	var buf [64]byte
	out := strconv.AppendInt(buf[:0], int64(x), 10)
	out = append(out, '\n')
	return len(out) + int(out[len(out)-2]-'0')
}

// e6Want is the sum over i < n of digits(x) + 1 + x%10, x = e6First + i,
// in closed form as cases/e6_println.c computes it.
func e6Want(n int) uint64 {
	lo, hi := uint64(e6First), uint64(e6First+n) // [lo, hi)
	var sum uint64
	p := uint64(1)
	for d := uint64(1); d <= 19; d, p = d+1, p*10 {
		a, z := lo, hi // values with d digits: [p, 10p)
		if a < p {
			a = p
		}
		if z > 10*p {
			z = 10 * p
		}
		if a < z {
			sum += (z - a) * (d + 1)
		}
		if 10*p > hi {
			break
		}
	}
	u := uint64(n)
	return sum + 45*(u/10) + (u%10)*(u%10-1)/2
}

func BenchmarkE6Println(b *testing.B) {
	run := func(op func(int) int) func(b *testing.B) {
		return func(b *testing.B) {
			var sum uint64
			for i := 0; i < b.N; i++ {
				sum += uint64(op(e6First + i))
			}
			check(b, sum, e6Want(b.N))
		}
	}
	b.Run("boxed", run(e6Boxed))
	b.Run("typed", run(e6Typed))
}

// --- Sink: the post's benchmark -------------------------------------------

type Record struct {
	ID    int64
	Code  int32
	Score int32
}

type AnySink struct{ last interface{} }

//go:noinline
func (s *AnySink) Put(v interface{}) { s.last = v }

type TypedSink struct{ last Record }

//go:noinline
func (s *TypedSink) Put(r Record) { s.last = r }

func makeRecord(i int) Record { return Record{ID: int64(i), Code: int32(i), Score: int32(2 * i)} }

func recordSum(r Record) uint64 { return uint64(r.ID) + uint64(int64(r.Code)) + uint64(int64(r.Score)) }

func BenchmarkSink(b *testing.B) {
	want := func(n int) uint64 { return recordSum(makeRecord(n - 1)) }
	b.Run("any", func(b *testing.B) {
		var s AnySink
		for i := 0; i < b.N; i++ {
			s.Put(makeRecord(i)) // makeRecord(i) escapes to heap
		}
		check(b, recordSum(s.last.(Record)), want(b.N))
	})
	b.Run("typed", func(b *testing.B) {
		var s TypedSink
		for i := 0; i < b.N; i++ {
			s.Put(makeRecord(i))
		}
		check(b, recordSum(s.last), want(b.N))
	})
}

// --- the same under RunParallel ----------------------------------------------

// parSum is cases/checksum.c's checksum_par: each goroutine runs its own
// ops 0..k-1 and adds its op count, its sum and the closed form for k; the
// benchmark then checks that the ops add up to b.N and the sums to the
// closed forms.
type parSum struct{ ops, got, want uint64 }

func (c *parSum) add(ops int, got, want uint64) {
	atomic.AddUint64(&c.ops, uint64(ops))
	atomic.AddUint64(&c.got, got)
	atomic.AddUint64(&c.want, want)
}

func (c *parSum) check(b *testing.B) {
	if c.ops != uint64(b.N) {
		b.Fatalf("the goroutines ran %d ops, want b.N = %d", c.ops, b.N)
	}
	check(b, c.got, c.want)
}

// E1ReturnPointerParallel: E1 on GOMAXPROCS goroutines at once (the -cpu
// value), as cases/e1_return_pointer.c's bench_run_parallel twin.
func BenchmarkE1ReturnPointerParallel(b *testing.B) {
	want := func(n int) uint64 { return uint64(n) * uint64(n) }
	b.Run("heap", func(b *testing.B) {
		var c parSum
		b.RunParallel(func(pb *testing.PB) {
			var sum uint64
			i := 0
			for pb.Next() {
				p := newPoint(i)
				sum += uint64(p.X + p.Y)
				i++
			}
			c.add(i, sum, want(i))
		})
		c.check(b)
	})
	b.Run("value", func(b *testing.B) {
		var c parSum
		b.RunParallel(func(pb *testing.PB) {
			var sum uint64
			i := 0
			for pb.Next() {
				p := pointValue(i)
				sum += uint64(p.X + p.Y)
				i++
			}
			c.add(i, sum, want(i))
		})
		c.check(b)
	})
}

// SinkParallel: the Sink on GOMAXPROCS goroutines at once, each with its
// own sink, as cases/sink.c's twin.
func BenchmarkSinkParallel(b *testing.B) {
	want := func(n int) uint64 {
		if n == 0 {
			return 0
		}
		return recordSum(makeRecord(n - 1))
	}
	b.Run("any", func(b *testing.B) {
		var c parSum
		b.RunParallel(func(pb *testing.PB) {
			var s AnySink
			i := 0
			for pb.Next() {
				s.Put(makeRecord(i)) // makeRecord(i) escapes to heap
				i++
			}
			var got uint64
			if i > 0 {
				got = recordSum(s.last.(Record))
			}
			c.add(i, got, want(i))
		})
		c.check(b)
	})
	b.Run("typed", func(b *testing.B) {
		var c parSum
		b.RunParallel(func(pb *testing.PB) {
			var s TypedSink
			i := 0
			for pb.Next() {
				s.Put(makeRecord(i))
				i++
			}
			var got uint64
			if i > 0 {
				got = recordSum(s.last)
			}
			c.add(i, got, want(i))
		})
		c.check(b)
	})
}
