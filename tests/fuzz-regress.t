#!/usr/bin/env bash
# fuzz-regress.t -- every input the fuzzers ever crashed on
# (tests/fuzz/regress/<target>-<what>) and the seed corpus
# (tests/fuzz/corpus/<target>/) replayed through the fuzz targets' own checks
# by tests/progs/fuzz_replay, on whatever build runs the suite: plain in
# `make check`, under ASan+UBSan in `make san`.
. "$(dirname "$0")/lib.sh"

replay=$PROGS/fuzz_replay
for t in parse escstat query escplot gbjson legacy; do
	for f in "$TOP"/tests/fuzz/regress/fuzz_$t-*; do
		[ -e "$f" ] || continue
		out=$("$replay" "$t" "$f" 2>&1)
		rc=$?
		is "$rc" 0 "fuzz_$t regression $(basename "$f")"
		[ $rc = 0 ] || printf '%s\n' "$out" | head -20 | sed 's/^/# /'
	done
	n=$(ls "$TOP"/tests/fuzz/corpus/fuzz_$t | wc -l)
	out=$("$replay" "$t" "$TOP"/tests/fuzz/corpus/fuzz_$t/* 2>&1)
	rc=$?
	is "$rc" 0 "fuzz_$t seed corpus ($n inputs)"
	[ $rc = 0 ] || printf '%s\n' "$out" | head -20 | sed 's/^/# /'
done
# The replayer itself: an unknown target is a usage error.
"$replay" nosuch /dev/null 2>/dev/null
is "$?" 2 "fuzz_replay: unknown target is a usage error"
done_testing
