#!/usr/bin/env bash
# escstat-goldens.t -- benchstat's own golden cases: ../shared/benchstat/
# run-goldens must pass all of them (stdout and stderr byte for byte).
# Skipped where ../shared (outside the repository) is not present.
. "$(dirname "$0")/lib.sh"

runner=$TOP/../shared/benchstat/run-goldens
if [ ! -x "$runner" ]; then
	skip "no $runner (benchstat's goldens live outside the repository)"
	done_testing; exit
fi
"$runner" "$BIN/escstat" >"$TMP/log" 2>&1
rc=$?
is "$rc" 0 "run-goldens exit status"
like "$(tail -1 "$TMP/log")" '^[0-9]+ passed, 0 failed$' "all golden cases pass"
while read -r st name rest; do
	case $st in
	PASS) ok 0 "golden $name" ;;
	FAIL) ok 1 "golden $name"; grep -A20 "^FAIL $name" "$TMP/log" | sed 's/^/# /' ;;
	esac
done <"$TMP/log"
done_testing
