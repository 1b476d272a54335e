# confignote.sh -- sourced by bench.sh.
#
# config_note FILE DIR: when DIR holds Go results (make bench-go's
# <date>-<host>-go.txt, -go-2.txt, ...), compare the config lines (goos:,
# goarch:, pkg:, cpu:, ... before the first result) of the newest of them
# with FILE's, and when they differ say so on stderr: benchstat and escstat
# put results with other config lines in separate tables, so a C=/Go=
# comparison of the two would compare nothing.  The note names the lines
# that differ (quoted: go test's cpu: line may end in blanks) and the
# escstat -ignore that compares results from different machines anyway.
# Silent when they agree or there are no Go results; never fails.
config_note() {
	cn_go=$(ls -t "$2"/*-go.txt "$2"/*-go-[0-9]*.txt 2>/dev/null | head -n 1)
	[ -n "$cn_go" ] || return 0
	cn_diff=$(awk '
		FNR == 1 { f++; done = 0 }
		/^Benchmark/ { done = 1 }
		done || !/^[a-z][^[:space:]:]*: / { next }
		f == 1 { c[$0] = 1; co[++nc] = $0 }
		f == 2 { g[$0] = 1; go[++ng] = $0 }
		END {
			for (i = 1; i <= nc; i++) if (!(co[i] in g)) print "C:  \047" co[i] "\047"
			for (i = 1; i <= ng; i++) if (!(go[i] in c)) print "Go: \047" go[i] "\047"
		}' "$1" "$cn_go")
	[ -n "$cn_diff" ] || return 0
	cn_keys=$(printf '%s\n' "$cn_diff" | sed "s/^[^']*'\([^:]*\):.*/\1/" | awk '!s[$0]++' |
		paste -sd, -)
	{
		echo "bench: note: $cn_go (the newest Go results) has other config lines than $1:"
		printf '%s\n' "$cn_diff" | sed 's/^/bench:   /'
		echo "bench: escstat shows them in separate tables; for Go results from this machine run make bench-go;"
		echo "bench: to compare results from different machines: ${BIN:-bin}/escstat -ignore $cn_keys C=$1 Go=$cn_go"
	} >&2
	return 0
}
