#!/bin/bash
# alloc-preload.t -- allocation counting under LD_PRELOAD of jemalloc,
# mimalloc and tcmalloc: the preloaded allocator really serves every
# function of the family (alloc_probe asks the allocator itself), and the
# exact-count unit test passes unchanged under it; the bootstrap arena
# (what dlsym allocates while the hooks resolve the allocator) works under
# each, its blocks freed without reaching the allocator.
. "$(dirname "$0")/lib.sh"

LIBDIR=/usr/lib/x86_64-linux-gnu
probe=$PROGS/alloc_probe
if [ "$("$probe")" = "hooks: off" ]; then
	echo "1..0 # SKIP allocation hooks not in use (ASan build, or malloc redirected)"
	exit 0
fi

out=$("$probe"); rc=$?
is "$rc" 0 "glibc: alloc_probe succeeds"
like "$out" '^allocator: glibc malloc$' "glibc: named glibc malloc"
like "$out" '^owner: glibc$' "glibc: no other allocator present"
out=$(ESCBENCH_ALLOC_ARENA_TEST=1 "$probe"); rc=$?
is "$rc" 0 "glibc: dlsym served from the bootstrap arena: all still fine"
like "$out" '^bootstrap arena: used$' "glibc: the arena was used"

for a in jemalloc:libjemalloc.so.2 mimalloc:libmimalloc.so.2 \
	tcmalloc:libtcmalloc_minimal.so.4; do
	name=${a%%:*} so=${a#*:}
	if [ ! -e "$LIBDIR/$so" ]; then
		skip "$name: $LIBDIR/$so not installed"
		continue
	fi
	out=$(LD_PRELOAD=$LIBDIR/$so "$probe"); rc=$?
	is "$rc" 0 "$name: every block is owned by $name"
	like "$out" "^allocator: $so \\(LD_PRELOAD\\)\$" "$name: named $so (LD_PRELOAD)"
	like "$out" "^owner: $name\$" "$name: its own API answers"
	is "$(printf '%s\n' "$out" | grep -c ': owned$')" 10 \
		"$name: 10 functions probed, all owned"
	out=$(ESCBENCH_ALLOC_ARENA_TEST=1 LD_PRELOAD=$LIBDIR/$so "$probe"); rc=$?
	is "$rc" 0 "$name: dlsym served from the bootstrap arena: still all owned"
	like "$out" '^bootstrap arena: used$' "$name: the arena was used"
	out=$(LD_PRELOAD=$LIBDIR/$so "$PROGS/alloc_timing" 3 10000); rc=$?
	is "$rc" 0 "$name: alloc_timing counts each of its 30000 mallocs"
	like "$out" '^counted: 30000 allocs, 480000 bytes ' "$name: 30000 allocs, 480000 bytes"
	for t in count fail sites; do
		out=$(LD_PRELOAD=$LIBDIR/$so "$BUILD/tests/test_alloc_$t" 2>&1); rc=$?
		is "$rc" 0 "$name: test_alloc_$t passes"
		[ "$rc" = 0 ] || printf '%s\n' "$out" | grep -A3 '^not ok' | sed 's/^/# /'
	done
done
done_testing
