#!/bin/sh
# parallel-report.sh -- the parallel rows as README tables and a sweep
# chart, from results files of `-bench Parallel -cpu 1,2,4` runs
# (scripts/bench-parallel.sh writes them).
#
# Usage: scripts/parallel-report.sh [-readme FILE] [-chart DIR] C=FILE [Go=FILE] [ALLOC=FILE...]
#   Each input is LABEL=FILE: C and Go label the C and Go runs under glibc
#   (Go's own allocator); any other label (jemalloc, mimalloc, tcmalloc)
#   is a C run under that allocator.  Prints on stdout two Markdown tables:
#   median ns/op of each parallel benchmark per thread count (the -N suffix;
#   none is 1), C against Go; and C per allocator.
#   -readme FILE  also replace the lines between "<!-- parallel-table -->"
#                 and "<!-- /parallel-table -->" in FILE with the tables.
#   -chart DIR    also draw the sweep chart, ns/op against threads, C and Go
#                 in one chart per family (bin/escplot -chart sweep): the
#                 names are rewritten Name/lang=C/threads=N into
#                 DIR/<C file's base name>-threads.txt, which escplot reads
#                 (charts DIR/<that base>-sweep-<family>-threads.png, .svg).
# Environment: BIN (bin), for escplot.

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$top/bin}
readme='' chartdir=''
while [ $# -gt 0 ]; do
	case $1 in
	-readme) readme=${2:?-readme needs a file}; shift 2 ;;
	-chart) chartdir=${2:?-chart needs a directory}; shift 2 ;;
	-*) echo "parallel-report: unknown flag $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -eq 0 ]; then
	echo "usage: parallel-report.sh [-readme FILE] [-chart DIR] C=FILE [Go=FILE] [ALLOC=FILE...]" >&2
	exit 2
fi
for a in "$@"; do
	case $a in
	*=*) [ -r "${a#*=}" ] || { echo "parallel-report: cannot read ${a#*=}" >&2; exit 1; } ;;
	*) echo "parallel-report: $a: want LABEL=FILE" >&2; exit 2 ;;
	esac
done

# rows: "label<TAB>name<TAB>threads<TAB>ns/op" for each Parallel result line
# of each input; the -N suffix is the thread count, none is 1.
rows() {
	for a in "$@"; do
		awk -F'\t' -v label="${a%%=*}" '
			/^Benchmark[^ \t]*Parallel/ {
				name = $1; sub(/ +$/, "", name); sub(/^Benchmark/, "", name)
				p = 1
				if (match(name, /-[0-9]+$/)) { p = substr(name, RSTART + 1); name = substr(name, 1, RSTART - 1) }
				for (i = 3; i <= NF; i++) if ($i ~ / ns\/op$/) { v = $i; sub(/ ns\/op$/, "", v); gsub(/ /, "", v); print label "\t" name "\t" p "\t" v }
			}' "${a#*=}"
	done
}

# tables: the two Markdown tables from rows on stdin.
tables() {
	awk -F'\t' '
		function median(key,   n, i, j, t, a) {
			n = split(vals[key], a, " ")
			for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
			return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		function fmt(key,   m) {
			if (!(key in vals)) return "—"
			m = median(key)
			return m >= 1000 ? sprintf("%.0f", m) : sprintf("%.3g", m)
		}
		function thr(p) { return p == 1 ? "1 thread" : p " threads" }
		{
			key = $1 SUBSEP $2 SUBSEP $3
			vals[key] = (key in vals) ? vals[key] " " $4 : $4
			if (!($2 in seen_name)) { seen_name[$2] = 1; names[++nn] = $2 }
			if (!($3 in seen_p)) { seen_p[$3] = 1; ps[++np] = $3 + 0 }
			if (!($1 in seen_l)) { seen_l[$1] = 1; labels[++nl] = $1 }
			cnt[$1] = cnt[$1] < 1 ? 1 : cnt[$1]
		}
		END {
			for (i = 2; i <= np; i++) for (j = i; j > 1 && ps[j - 1] > ps[j]; j--) { t = ps[j]; ps[j] = ps[j - 1]; ps[j - 1] = t }
			hdr = "| benchmark |"; sep = "|---|"
			for (l = 1; l <= 2; l++) { lab = l == 1 ? "C" : "Go"; if (!(lab in seen_l)) continue
				for (i = 1; i <= np; i++) { hdr = hdr " " lab ", " thr(ps[i]) " |"; sep = sep "---:|" } }
			print hdr; print sep
			for (k = 1; k <= nn; k++) {
				line = "| " names[k] " |"
				for (l = 1; l <= 2; l++) { lab = l == 1 ? "C" : "Go"; if (!(lab in seen_l)) continue
					for (i = 1; i <= np; i++) line = line " " fmt(lab SUBSEP names[k] SUBSEP ps[i]) " |" }
				print line
			}
			nalloc = 0
			for (l = 1; l <= nl; l++) if (labels[l] != "Go") alloc[++nalloc] = labels[l]
			if (nalloc < 2) exit
			print ""
			hdr = "| benchmark | threads |"; sep = "|---|---:|"
			for (a = 1; a <= nalloc; a++) { hdr = hdr " " (alloc[a] == "C" ? "glibc" : alloc[a]) " |"; sep = sep "---:|" }
			print hdr; print sep
			for (k = 1; k <= nn; k++) for (i = 1; i <= np; i++) {
				line = "| " names[k] " | " ps[i] " |"
				for (a = 1; a <= nalloc; a++) line = line " " fmt(alloc[a] SUBSEP names[k] SUBSEP ps[i]) " |"
				print line
			}
		}'
}

out=$(rows "$@" | tables)
if [ -z "$out" ] || [ "$(printf '%s\n' "$out" | wc -l)" -lt 3 ]; then
	echo "parallel-report: no Parallel result lines in the inputs" >&2
	exit 1
fi
printf '%s\n' "$out"

if [ -n "$readme" ]; then
	if ! grep -q '^<!-- parallel-table -->$' "$readme" || ! grep -q '^<!-- /parallel-table -->$' "$readme"; then
		echo "parallel-report: $readme has no <!-- parallel-table --> ... <!-- /parallel-table --> block" >&2
		exit 1
	fi
	tmp=$(mktemp "$readme.XXXXXX") || exit 1
	printf '%s\n' "$out" >"$tmp.tab"
	awk -v tab="$tmp.tab" '
		/^<!-- \/parallel-table -->$/ { skip = 0 }
		!skip { print }
		/^<!-- parallel-table -->$/ { while ((getline l < tab) > 0) print l; skip = 1 }' "$readme" >"$tmp" &&
		mv "$tmp" "$readme"
	rm -f "$tmp.tab"
fi

if [ -n "$chartdir" ]; then
	mkdir -p "$chartdir" || exit 1
	c_in=
	for a in "$@"; do [ "${a%%=*}" = C ] && c_in=${a#*=}; done
	c_base=$(basename "${c_in:-parallel}" .txt)
	merged=$chartdir/$c_base-threads.txt
	{
		# The config lines of the first input only: escplot and escstat
		# would split a chart at a change of cpu: between the files.
		grep -E '^(goos|goarch|pkg|cpu): ' "${1#*=}"
		for a in "$@"; do
			case ${a%%=*} in C | Go) ;; *) continue ;; esac
			awk -F'\t' -v label="${a%%=*}" '
				/^Benchmark[^ \t]*Parallel/ {
					name = $1; sub(/ +$/, "", name); p = 1
					if (match(name, /-[0-9]+$/)) { p = substr(name, RSTART + 1); name = substr(name, 1, RSTART - 1) }
					$1 = name "/lang=" label "/threads=" p; print }' OFS='\t' "${a#*=}"
		done
	} >"$merged"
	"$BIN/escplot" -chart sweep -o "$chartdir" "$merged" || exit 1
fi
