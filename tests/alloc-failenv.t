#!/bin/bash
# alloc-failenv.t -- ESCBENCH_FAIL_ALLOC=N[,sticky] arms failure injection
# at start-up: the Nth allocation call of main fails, once or from then on;
# 0, nothing and malformed values inject nothing.
. "$(dirname "$0")/lib.sh"

P=$PROGS/alloc_failenv
if [ "$("$P")" = "hooks: off" ]; then
	skip_all "allocation hooks not in use (ASan build, or malloc redirected)"
fi
is "$("$P")" "+++++ 0" "unset: nothing fails"
is "$(ESCBENCH_FAIL_ALLOC=1 "$P")" "-++++ 1" "1: the first call fails"
is "$(ESCBENCH_FAIL_ALLOC=3 "$P")" "++-++ 1" "3: the third call fails, once"
is "$(ESCBENCH_FAIL_ALLOC=2,sticky "$P")" "+---- 4" "2,sticky: the second and all after"
is "$(ESCBENCH_FAIL_ALLOC=6 "$P")" "+++++ 0" "6: beyond the five calls"
is "$(ESCBENCH_FAIL_ALLOC=0 "$P")" "+++++ 0" "0: off"
is "$(ESCBENCH_FAIL_ALLOC=3x "$P")" "+++++ 0" "3x: malformed, ignored"
is "$(ESCBENCH_FAIL_ALLOC=3,stick "$P")" "+++++ 0" "3,stick: malformed, ignored"
is "$(ESCBENCH_FAIL_ALLOC=+3 "$P")" "+++++ 0" "+3: malformed, ignored"
is "$(ESCBENCH_FAIL_ALLOC=' 2' "$P")" "+++++ 0" "' 2': malformed, ignored"
is "$(ESCBENCH_FAIL_ALLOC= "$P")" "+++++ 0" "empty: nothing fails"
done_testing
