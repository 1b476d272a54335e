# place.sh -- sourced by bench.sh and bench-go.sh.
#
# place_results TMP BASE PROG: link the finished results file TMP into place
# as BASE.txt, or BASE-2.txt, BASE-3.txt ... when that name is taken.  ln
# fails instead of replacing an existing file: no race, no overwrite.  Sets
# $out to the name used; on failure says so as PROG and returns 1.
place_results() {
	out=$2.txt
	k=2
	while ! ln "$1" "$out" 2>/dev/null; do
		if [ $k -gt 99 ]; then
			echo "$3: cannot create $2.txt (or -2..-99)" >&2
			return 1
		fi
		out=$2-$k.txt
		k=$((k + 1))
	done
}

# place_partial TMP BASE PROG: the same for a partial file: BASE.partial,
# or BASE-2.partial, BASE-3.partial ... when that name is taken; an
# earlier run's partial file is never replaced.  Sets $out; TMP stays.
place_partial() {
	out=$2.partial
	k=2
	while ! ln "$1" "$out" 2>/dev/null; do
		if [ $k -gt 99 ]; then
			echo "$3: cannot create $2.partial (or -2..-99)" >&2
			return 1
		fi
		out=$2-$k.partial
		k=$((k + 1))
	done
}
