# place.sh -- sourced by bench.sh and bench-go.sh.
#
# place_as TMP BASE EXT PROG: link the finished file TMP into place as
# BASE.EXT, or BASE-2.EXT, BASE-3.EXT ... when that name is taken.  ln fails
# instead of replacing an existing file: no race, no overwrite.  Sets $out
# to the name used; on failure says so as PROG and returns 1.  TMP stays.
place_as() {
	out=$2.$3
	k=2
	while ! ln "$1" "$out" 2>/dev/null; do
		if [ $k -gt 99 ]; then
			echo "$4: cannot create $2.$3 (or -2..-99)" >&2
			return 1
		fi
		out=$2-$k.$3
		k=$((k + 1))
	done
}

# place_results TMP BASE PROG: a finished results file, BASE.txt.
place_results() { place_as "$1" "$2" txt "$3"; }

# place_partial TMP BASE PROG: what an interrupted run measured,
# BASE.partial; an earlier run's partial file is never replaced.
place_partial() { place_as "$1" "$2" partial "$3"; }
