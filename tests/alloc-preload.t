#!/bin/bash
# alloc-preload.t -- allocation counting under LD_PRELOAD of jemalloc,
# mimalloc and tcmalloc: the preloaded allocator really serves every
# function of the family (alloc_probe asks the allocator itself), and the
# exact-count unit test passes unchanged under it; the bootstrap arena
# (what dlsym allocates while the hooks resolve the allocator) works under
# each, its blocks freed without reaching the allocator.
. "$(dirname "$0")/lib.sh"

probe=$PROGS/alloc_probe
if [ "$("$probe")" = "hooks: off" ]; then
	skip_all "allocation hooks not in use (ASan build, or malloc redirected)"
fi

out=$("$probe"); rc=$?
is "$rc" 0 "glibc: alloc_probe succeeds"
like "$out" '^allocator: glibc malloc$' "glibc: named glibc malloc"
like "$out" '^owner: glibc$' "glibc: no other allocator present"
out=$(ESCBENCH_ALLOC_ARENA_TEST=1 "$probe"); rc=$?
is "$rc" 0 "glibc: dlsym served from the bootstrap arena: all still fine"
like "$out" '^bootstrap arena: used$' "glibc: the arena was used"

# preloaded NAME LIBRARY: the checks under another allocator.
preloaded() {
	local name=$1 lib=$2 out rc t
	out=$(LD_PRELOAD=$lib "$probe"); rc=$?
	is "$rc" 0 "$name: every block is owned by $name"
	like "$out" "^allocator: ${lib##*/} \\(LD_PRELOAD\\)\$" "$name: named ${lib##*/} (LD_PRELOAD)"
	like "$out" "^owner: $name\$" "$name: its own API answers"
	is "$(printf '%s\n' "$out" | grep -c ': owned$')" 10 \
		"$name: 10 functions probed, all owned"
	out=$(ESCBENCH_ALLOC_ARENA_TEST=1 LD_PRELOAD=$lib "$probe"); rc=$?
	is "$rc" 0 "$name: dlsym served from the bootstrap arena: still all owned"
	like "$out" '^bootstrap arena: used$' "$name: the arena was used"
	out=$(LD_PRELOAD=$lib "$PROGS/alloc_timing" 3 10000); rc=$?
	is "$rc" 0 "$name: alloc_timing counts each of its 30000 mallocs"
	like "$out" '^counted: 30000 allocs, 480000 bytes ' "$name: 30000 allocs, 480000 bytes"
	for t in count fail sites; do
		out=$(LD_PRELOAD=$lib "$BUILD/tests/test_alloc_$t" 2>&1); rc=$?
		is "$rc" 0 "$name: test_alloc_$t passes"
		[ "$rc" = 0 ] || printf '%s\n' "$out" | grep -A3 '^not ok' | sed 's/^/# /'
	done
}
each_allocator preloaded
done_testing
