#!/usr/bin/env bash
# layering.t -- the harness's files call one way: no two object files of
# $BUILD/harness reach each other through a chain of calls (or data
# references), read from the objects themselves with nm: an edge goes from
# the file that needs a symbol (nm -u) to the file that defines it.  The
# files that run benchmarks keep to their order, each calling only files
# below it: runner (bench_main) > schedule, verdict > dispatch > measure,
# results > parallel > bench > isolate > output.  The checker is first shown
# to catch a cycle, on two objects compiled here.
. "$(dirname "$0")/lib.sh"

# edges DIR SRC: "user definer" for each symbol an object of DIR needs from
# another object of DIR, one line per pair of files; only the objects of
# the sources in SRC count (not one left behind by a file since removed).
edges() {
	local o objs=()
	for o in "$1"/*.o; do
		[ -f "$2/$(basename "$o" .o).c" ] && objs+=("$o")
	done
	nm -A "${objs[@]}" | awk '
		{ f = $1; sub(/\.o:.*/, "", f); sub(/.*\//, "", f) }
		$2 == "U" { use[NR] = f " " $3; next }
		$2 ~ /^[A-TV-Z]$/ { def[$3] = f }
		END { for (i in use) { split(use[i], p, " ")
			if ((p[2] in def) && def[p[2]] != p[1]) print p[1], def[p[2]] } }' | sort -u
}

# cycles EDGES-FILE: prints tsort's report of a loop and fails when there
# is one.
cycles() {
	awk '{ print $2, $1 }' "$1" | tsort 2>&1 >/dev/null | grep . && return 1
	return 0
}

CC=${CC:-cc}
mkdir -p "$TMP/loop"
printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' >"$TMP/loop/a.c"
printf 'int a(int);\nint b(int x) { return x ? a(x - 1) : 1; }\n' >"$TMP/loop/b.c"
printf 'int a(int);\nint c(int x) { return a(x); }\n' >"$TMP/loop/c.c"
if (cd "$TMP/loop" && "$CC" -c a.c b.c c.c) 2>/dev/null; then
	edges "$TMP/loop" "$TMP/loop" >"$TMP/loop.edges"
	is "$(tr '\n' ';' <"$TMP/loop.edges")" "a b;b a;c a;" "the edges of a small example: a->b, b->a, c->a"
	cycles "$TMP/loop.edges" >"$TMP/loop.out"; is $? 1 "the checker finds the cycle a <-> b"
	rm "$TMP/loop/b.o"
	edges "$TMP/loop" "$TMP/loop" >"$TMP/loop.edges"
	cycles "$TMP/loop.edges" >"$TMP/loop.out"; is $? 0 "and none once b.o is gone"
else
	echo "ok 1 # SKIP no C compiler ($CC) to build the example"
	echo "ok 2 # SKIP no C compiler"
	echo "ok 3 # SKIP no C compiler"
	t_n=3
fi

ls "$BUILD"/harness/*.o >/dev/null 2>&1 || { echo "Bail out! no objects in $BUILD/harness (make first)"; exit 1; }
edges "$BUILD/harness" "$TOP/harness" >"$TMP/edges"
is "$(grep -c -x -e 'dispatch measure' -e 'measure bench' -e 'schedule dispatch' "$TMP/edges")" 3 \
	"the edges read from the objects include schedule->dispatch->measure->bench"
cycles "$TMP/edges" >"$TMP/cycles"; rc=$?
is "$rc" 0 "no cycle among the objects of $BUILD/harness"
sed 's/^/# /' "$TMP/cycles"

# The runner's files, by rank: each may call only files of a lower rank.
rank() {
	case $1 in
	runner) echo 7 ;; schedule | verdict) echo 6 ;; dispatch) echo 5 ;;
	measure | results) echo 4 ;; parallel) echo 3 ;; bench) echo 2 ;;
	isolate) echo 1 ;; output) echo 0 ;; *) echo - ;;
	esac
}
for f in runner schedule verdict dispatch measure results parallel bench isolate output; do
	[ -f "$BUILD/harness/$f.o" ]; ok $? "harness/$f.o exists"
done
bad=
while read -r from to; do
	rf=$(rank "$from") rt=$(rank "$to")
	[ "$rf" = - ] || [ "$rt" = - ] && continue
	[ "$rf" -gt "$rt" ] || bad="$bad $from->$to"
done <"$TMP/edges"
is "${bad# }" "" "the runner's files call downwards only (runner > schedule > dispatch > measure > bench)"

# The other modules: no cycle among the files of each, and between modules
# only the order of docs/map.md: base calls no other module; stats calls
# base; harness calls base and stats (the median's interval for -ci, Go's
# regexp checks); plots calls base and stats; cases calls harness.
for d in base stats plots; do
	ls "$BUILD/$d"/*.o >/dev/null 2>&1 || { ok 1 "objects of $d"; continue; }
	edges "$BUILD/$d" "$TOP/$d" >"$TMP/edges.$d"
	cycles "$TMP/edges.$d" >"$TMP/cycles.$d"; rc=$?
	is "$rc" 0 "no cycle among the objects of $BUILD/$d"
	sed 's/^/# /' "$TMP/cycles.$d"
done

# module_edges: "user-module definer-module" for each symbol an object of
# one module needs from another's.  The C library's allocation functions
# do not count: harness/alloc.c defines them to interpose on the C
# library's (docs/alloc.md), every module calls them as the C library's.
module_edges() {
	local d o objs=()
	for d in base harness stats plots cases; do
		for o in "$BUILD/$d"/*.o; do
			[ -f "$TOP/$d/$(basename "$o" .o).c" ] && objs+=("$o")
		done
	done
	nm -A "${objs[@]}" | awk '
		{ m = $1; sub(/\/[^\/]*\.o:.*/, "", m); sub(/.*\//, "", m) }
		$3 ~ /^(malloc|calloc|realloc|reallocarray|free|aligned_alloc|posix_memalign|memalign|valloc|pvalloc|malloc_usable_size)$/ { next }
		$2 == "U" { use[NR] = m " " $3; next }
		$2 ~ /^[A-TV-Z]$/ { def[$3] = m }
		END { for (i in use) { split(use[i], p, " ")
			if ((p[2] in def) && def[p[2]] != p[1]) print p[1], def[p[2]] } }' | sort -u
}
module_edges >"$TMP/modules"
is "$(grep -c -x -e 'harness base' -e 'plots stats' -e 'cases harness' "$TMP/modules")" 3 \
	"the module edges read from the objects include harness->base, plots->stats, cases->harness"
bad=
while read -r from to; do
	case "$from>$to" in
	harness\>base | harness\>stats | stats\>base | plots\>base | plots\>stats | \
	cases\>harness | cases\>base) ;;
	*) bad="$bad $from->$to" ;;
	esac
done <"$TMP/modules"
is "${bad# }" "" "modules call in one direction only (base < stats < plots, base and stats < harness < cases)"

echo "1..$t_n"
[ "$t_fail" = 0 ]
