#!/bin/bash
# install.t -- what a user of the library gets: `make install` into a
# temporary PREFIX (as a user installs into ~/.local) and into a DESTDIR
# (as a package is built), escbench.pc giving the flags, the examples/ suite
# and one-file C and C++ suites built against the installed copy with
# pkg-config and run (exact B/op and allocs/op), the man pages rendering
# without a groff warning, and `make uninstall` leaving no file behind.
. "$(dirname "$0")/lib.sh"

if [ -n "${ESCBENCH_SAN:-}" ]; then
	skip "sanitizer build: its libraries need -fsanitize to link against"; done_testing; exit
fi
for c in pkg-config make; do
	command -v $c >/dev/null 2>&1 || { skip "no $c"; done_testing; exit; }
done
pkg-config --exists papi || { skip "PAPI has no papi.pc here"; done_testing; exit; }
mk() { make --no-print-directory -C "$TOP" BIN="$BIN" BUILD="$BUILD" "$@"; }

# --- a PREFIX of one's own ---------------------------------------------------------------
P=$TMP/prefix
mk install PREFIX="$P" >"$TMP/inst.log" 2>&1
is "$?" 0 "make install PREFIX=dir: exit 0"
is "$(cd "$P" && find . -type f | sort | tr '\n' ' ')" \
	"./bin/escbench ./bin/escplot ./bin/escstat ./include/escbench/bench.h ./lib/libescbench.a ./lib/libescstat.a ./lib/pkgconfig/escbench.pc ./share/man/man1/escbench.1 ./share/man/man1/escplot.1 ./share/man/man1/escstat.1 ./share/man/man3/escbench.3 " \
	"installed: the programs, bench.h, the libraries, escbench.pc, four man pages"
export PKG_CONFIG_PATH=$P/lib/pkgconfig
is "$(pkg-config --cflags --libs escbench)" \
	"-I$P/include/escbench -L$P/lib -rdynamic -lescbench -lescstat -ldl -lpthread -lm $(pkg-config --libs papi)" \
	"pkg-config: bench.h's directory, our libraries, then PAPI's own flags from papi.pc"
ok "$(pkg-config --libs escbench | grep -q gsl; [ $? = 1 ]; echo $?)" "no GSL: the libraries do not use it"

# The five-line Makefile of examples/, in a copy as a user starts from it.
cp -r "$TOP/examples" "$TMP/ex"
# (as a user runs it: not as a sub-make of `make -j2 check`, whose
# MAKEFLAGS would name a jobserver this make cannot reach and draw make's
# "warning: jobserver unavailable")
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$TMP/ex" >"$TMP/ex.log" 2>&1
is "$?" 0 "examples/: make builds the suite against the installed copy"
is "$(grep -c warning "$TMP/ex.log")" 0 "examples/: no compiler warning"
"$TMP/ex/mybench" -bench . -benchtime 50x >"$TMP/ex.out" 2>"$TMP/ex.err"
is "$?" 0 "examples/: the suite runs, exit 0"
# mem FILE NAME: "B/op allocs/op" of BenchmarkNAME.
mem() {
	awk -v b="^Benchmark$2(-[0-9]+)?\$" '$1 ~ b { for (i = 2; i <= NF; i++) { if ($i == "B/op") x = $(i-1); if ($i == "allocs/op") y = $(i-1) } print x, y; exit }' "$1"
}
is "$(mem "$TMP/ex.out" Strdup)" "33 1" "examples/: strdup of 32 characters, 33 B/op 1 allocs/op"
is "$(mem "$TMP/ex.out" Format)" "0 0" "examples/: snprintf on the stack, no allocation"
is "$(mem "$TMP/ex.out" List/n=64)" "1024 64" "examples/: a list of 64 nodes of 16 B, 64 allocs/op"
is "$(mem "$TMP/ex.out" Array/n=64)" "0 0" "examples/: the array on the stack, none"
like "$("$TMP/ex/mybench" -list . -v 2>&1)" 'Strdup.*33 B, 1 allocation' "examples/: -list -v shows the descriptions"

# One file, one command line, in C and in C++.
cat >"$TMP/my.c" <<'EOC'
#include <bench.h>
#include <stdlib.h>
static void BenchmarkMalloc64(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        void *p = malloc(64);
        bench_escape(p);
        free(p);
    }
}
static const bench_def suite[] = { BENCH(Malloc64), BENCH_END };
int main(int argc, char **argv) { return bench_main(argc, argv, suite); }
EOC
cc -O2 -o "$TMP/my" "$TMP/my.c" $(pkg-config --cflags --libs escbench) 2>"$TMP/my.err"
is "$?:$(cat "$TMP/my.err")" "0:" "cc my.c \$(pkg-config --cflags --libs escbench) builds, no warning"
"$TMP/my" -bench . -benchtime 50x >"$TMP/my.out" 2>/dev/null
is "$(mem "$TMP/my.out" Malloc64)" "64 1" "and runs: 64 B/op, 1 allocs/op"
if command -v g++ >/dev/null 2>&1; then
	cat >"$TMP/my.cc" <<'EOC'
#include <bench.h>
#include <vector>
static void BenchmarkVector16(bench *b)
{
    for (int64_t i = 0; i < b->n; i++) {
        std::vector<int> v(16);
        bench_escape(v.data());
    }
}
static const bench_def suite[] = { BENCH(Vector16), BENCH_END };
int main(int argc, char **argv) { return bench_main(argc, argv, suite); }
EOC
	g++ -O2 -o "$TMP/mycc" "$TMP/my.cc" $(pkg-config --cflags --libs escbench) 2>"$TMP/mycc.err"
	is "$?:$(cat "$TMP/mycc.err")" "0:" "g++ my.cc with the same flags builds, no warning"
	"$TMP/mycc" -bench . -benchtime 50x >"$TMP/mycc.out" 2>/dev/null
	is "$(mem "$TMP/mycc.out" Vector16)" "64 1" "and runs: std::vector<int>(16), 64 B/op, 1 allocs/op"
else
	skip "no g++"; skip "no g++"
fi

# The man pages: each renders without a groff warning and is the page it says.
if command -v groff >/dev/null 2>&1; then
	for m in man1/escbench.1 man1/escstat.1 man1/escplot.1 man3/escbench.3; do
		f=$P/share/man/$m
		out=$(groff -man -ww -z "$f" 2>&1)
		is "$?:$out" "0:" "man page $m renders without a warning"
		n=$(basename "$m"); n=${n%.*}; s=${m##*.}
		like "$(groff -man -Tascii -P-c "$f" 2>/dev/null | sed "s/.\x08//g" | head -3)" \
			"^$(echo "$n" | tr a-z A-Z)\\($s\\)" "man page $m: its title is $(echo "$n" | tr a-z A-Z)($s)"
	done
else
	for m in 1 2 3 4 5 6 7 8; do skip "no groff"; done
fi

mk uninstall PREFIX="$P" >"$TMP/uninst.log" 2>&1
is "$?:$(cd "$P" && find . -type f)" "0:" "make uninstall PREFIX=dir: no file left"

# --- DESTDIR: the paths carry the staging directory, escbench.pc does not -----------------
D=$TMP/stage
mk install DESTDIR="$D" PREFIX=/usr >"$TMP/inst2.log" 2>&1
is "$?" 0 "make install DESTDIR=dir PREFIX=/usr: exit 0"
is "$(cd "$D" && find . -type f | wc -l)" 11 "the eleven files, under DESTDIR/usr"
is "$(grep '^prefix=' "$D/usr/lib/pkgconfig/escbench.pc")" "prefix=/usr" "escbench.pc names /usr, not DESTDIR"
is "$(PKG_CONFIG_PATH=$D/usr/lib/pkgconfig pkg-config --define-variable=prefix="$D/usr" --cflags escbench | cut -d' ' -f1)" \
	"-I$D/usr/include/escbench" "pkg-config --define-variable=prefix= reaches the staged copy"
mk uninstall DESTDIR="$D" PREFIX=/usr >>"$TMP/inst2.log" 2>&1
is "$?:$(cd "$D" && find . -type f)" "0:" "make uninstall DESTDIR=dir: no file left"

done_testing
