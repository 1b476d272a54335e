#!/usr/bin/env bash
# escstat-valgrind.t -- representative escstat runs under valgrind's
# memcheck: no invalid access, no use of uninitialised memory, no definitely
# lost block (--errors-for-leak-kinds=definite; still-reachable blocks at
# exit are not errors).  Exit status 99 is valgrind's, for any error.
# Skipped under `make san` (ASan binaries do not run under valgrind) and
# where valgrind is missing.
. "$(dirname "$0")/lib.sh"

if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "sanitizer build: valgrind cannot run ASan binaries"; done_testing; exit
fi
if ! command -v valgrind >/dev/null 2>&1; then
	skip "valgrind is not installed"; done_testing; exit
fi
data=$TOP/tests/data/malformed
cd "$TMP" || exit 1
cp "$data/old.txt" "$data/new.txt" .
printf 'BenchmarkX 10 5 ns/op\nBenchmarkX 10 bad ns/op\nBenchmarkX 10\n' > bad.txt
printf '\xff\xfeB\0e\0n\0\n\0' > utf16.txt

# vg DESCRIPTION ARGS...: escstat under memcheck; its own status must be
# below 99 (valgrind's) and below 128 (no signal).
vg() {
	local what=$1; shift
	valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite --log-file="$TMP/vg.log" \
	    "$BIN/escstat" "$@" >"$TMP/vg.out" 2>"$TMP/vg.err" <"$TMP/new.txt"
	local rc=$?
	ok $(( rc == 99 || rc >= 128 )) "valgrind clean: $what (rc $rc)"
	if [ $rc = 99 ] || [ $rc -ge 128 ]; then
		head -30 "$TMP/vg.log" | sed 's/^/# /'
	fi
}

vg "two files, text" old.txt new.txt
vg "-format csv" -format csv old.txt new.txt
vg "-format markdown" -format markdown old.txt new.txt
vg "one file" old.txt
vg "stdin and labels" base=old.txt exp=-
vg "-col /format -row .name" -col /format -row .name old.txt
vg "-filter with a regexp" -filter '/format:/js/ OR .name:Sink' old.txt new.txt
vg "-table .unit -alpha 0.01 -confidence 0.9" -table .unit -alpha 0.01 -confidence 0.9 old.txt new.txt
vg "bad lines" bad.txt old.txt
vg "missing file" old.txt nosuch.txt
vg "UTF-16 input" utf16.txt
vg "bad -filter" -filter 'foo:(' old.txt
vg "usage error" -nosuchflag
vg "-legacy, two files" -legacy -geomean -sort delta old.txt new.txt
vg "-legacy -csv -delta-test ttest" -legacy -csv -delta-test ttest old.txt new.txt
vg "-legacy -html, three files" -legacy -html old.txt new.txt bad.txt
vg "-legacy, missing file" -legacy old.txt nosuch.txt
done_testing
