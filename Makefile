# escbench -- one non-recursive Makefile for the whole tree.
#
#   make            build bin/escbench, bin/escstat, bin/escplot
#   make test       install what is missing (scripts/setup.sh), build, run the tests
#   make bench      install what is missing, run the suite, write results/<date>-<host>.txt
#                   and the parallel rows (-cpu 1,2,4), results/<date>-<host>-parallel.txt
#   make san        the tests under ASan+UBSan (objects in build/san)
#   make install    PREFIX=/usr/local DESTDIR=   (and make uninstall)
#
# scripts/setup.sh installs the packages by group: `build` for make and
# make bench, `test` and `valgrind` for make test and make san, `san` for
# make fuzz, `go` for make bench-go.
#
# Sources are found by directory: base/*.c is the small base every module
# uses (strings, arrays, an index; docs/map.md), harness/*.c the benchmark library,
# cases/*.c the suite (with its main), stats/*.c the escstat library plus
# stats/escstat.c (main), plots/*.c escplot, tests/unit/*.c one TAP program
# each, tests/progs/*.c helper programs the shell tests (tests/*.t) drive.

CC      ?= cc
CFLAGS  ?= -O2 -g
PREFIX  ?= /usr/local
BUILD   ?= build
BIN     ?= bin
V       ?= 0

WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wno-format-nonliteral
# -ffp-contract=off: benchstat's numbers are computed without fused
# multiply-add; escstat must round the same way (docs/benchstat.md, Exactness).
ESC_CFLAGS   := -std=c11 $(WARN) -ffp-contract=off -MMD -MP
ESC_CPPFLAGS := -D_GNU_SOURCE -Ibase -Iharness -Istats -Iplots -Icases
# Code layout is part of what a case measures.  A loop of a few instructions
# runs at one speed when it sits inside one 64-byte block and at another when
# it straddles two (what was measured: docs/cases.md, "Every loop of the
# cases starts a 64-byte block").  Every loop of the cases starts a 64-byte block, so an
# edit elsewhere cannot move a hot loop across a boundary.  CFLAGS come after
# and can override it.
CASES_CFLAGS := -falign-loops=64
# The flags the suite was built with go into the results file (env.c).
ESC_CPPFLAGS += -DESCBENCH_CFLAGS="\"$(strip $(CFLAGS) $(CASES_CFLAGS))\""
ifeq ($(DEVELOPER),1)
ESC_CFLAGS += -Werror
endif
GSL_LIBS  := -lgsl -lgslcblas -lm
# stats/gbjson.c reads Google Benchmark's JSON with json-c: everything that
# links the escstat library with GSL_LIBS gets it too.
GSL_LIBS  += -ljson-c
# PAPI's own flags, from its papi.pc (Debian's libpapi-dev ships one).
PAPI_CFLAGS := $(shell pkg-config --cflags papi 2>/dev/null)
PAPI_LIBS   := $(or $(shell pkg-config --libs papi 2>/dev/null),-lpapi)
ESC_CPPFLAGS += $(PAPI_CFLAGS)
SYS_LIBS  := -ldl -lpthread -lm
# -rdynamic: allocation sites are named with dladdr() as well as addr2line.
BENCH_LDFLAGS := -rdynamic

ifeq ($(V),1)
Q :=
else
Q := @
endif

BASE_SRC    := $(wildcard base/*.c)
HARNESS_SRC := $(wildcard harness/*.c)
CASES_SRC   := $(wildcard cases/*.c)
STATS_MAIN  := stats/escstat.c
STATS_TOOLS := $(wildcard stats/gen*.c)
STATS_SRC   := $(filter-out $(STATS_MAIN) $(STATS_TOOLS),$(wildcard stats/*.c))
PLOTS_SRC   := $(wildcard plots/*.c)
PLOTS_MAIN  := plots/escplot.c
PLOTS_LIB   := $(filter-out $(PLOTS_MAIN),$(PLOTS_SRC))
UNIT_SRC    := $(wildcard tests/unit/*.c)
PROGS_SRC   := $(wildcard tests/progs/*.c)
CXX_SRC     := $(wildcard tests/cxx/*.cc)

obj = $(patsubst %.c,$(BUILD)/%.o,$(1))

LIBBASE  := $(BUILD)/libescbase.a
LIBBENCH := $(BUILD)/libescbench.a
LIBSTAT  := $(BUILD)/libescstat.a
LIBPLOT  := $(BUILD)/libescplot.a
PROGRAMS := $(BIN)/escbench $(BIN)/escstat $(BIN)/escplot \
            $(patsubst stats/%.c,$(BIN)/%,$(STATS_TOOLS))
UNIT     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
PROGS    := $(patsubst tests/progs/%.c,$(BUILD)/tests/progs/%,$(PROGS_SRC)) \
            $(patsubst tests/cxx/%.cc,$(BUILD)/tests/cxx/%,$(CXX_SRC))
SHELL_T  := $(sort $(wildcard tests/*.t))

.PHONY: all test check bench bench-go bench-parallel bench-escstat san fuzz install uninstall clean \
        setup setup-test setup-san setup-go checkprogs
.DEFAULT_GOAL := all

all: $(PROGRAMS)

# Objects and other intermediate files stay after a build (make would
# otherwise delete build/tests/*.o after linking and rebuild them next time).
.SECONDARY:

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ESC_CPPFLAGS) $(CPPFLAGS) $(ESC_CFLAGS) $(CFLAGS) -c $< -o $@

# C++ (tests/cxx/*.cc): bench.h used from C++, built with $(CXX).
CXX_STD  := -std=c++17
CXX_WARN := -Wall -Wextra -Wshadow -Wmissing-declarations -Wformat=2 -Wno-format-nonliteral
$(BUILD)/%.o: %.cc
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(ESC_CPPFLAGS) $(CPPFLAGS) $(CXX_STD) $(CXX_WARN) -MMD -MP \
	    $(if $(filter 1,$(DEVELOPER)),-Werror) $(CFLAGS) $(CXXFLAGS) -c $< -o $@
$(BUILD)/tests/cxx/%: $(BUILD)/tests/cxx/%.o $(LIBBENCH) $(LIBSTAT) $(LIBBASE)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(CFLAGS) $(BENCH_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PAPI_LIBS) $(SYS_LIBS)

$(call obj,$(CASES_SRC)): ESC_CFLAGS += $(CASES_CFLAGS)
$(call obj,$(CASES_SRC)) $(BUILD)/harness/env.o: Makefile

# libescbench and libescstat carry base's objects too, so that the two
# installed archives link alone, as they did before base/ existed (a
# program linking both takes each base object once: from the first
# archive that defines what it needs).
$(LIBBASE): $(call obj,$(BASE_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBBENCH): $(call obj,$(HARNESS_SRC) $(BASE_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBSTAT): $(call obj,$(STATS_SRC) $(BASE_SRC))
	$(Q)rm -f $@ && ar rcs $@ $^
$(LIBPLOT): $(call obj,$(PLOTS_LIB))
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN)/escbench: $(call obj,$(CASES_SRC)) $(LIBBENCH) $(LIBSTAT) $(LIBBASE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(BENCH_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PAPI_LIBS) $(SYS_LIBS)
$(BIN)/escstat: $(call obj,$(STATS_MAIN)) $(LIBSTAT) $(LIBBASE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(GSL_LIBS)
$(BIN)/escplot: $(call obj,$(PLOTS_MAIN)) $(LIBPLOT) $(LIBSTAT) $(LIBBASE)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(GSL_LIBS)
$(BIN)/gen%: $(BUILD)/stats/gen%.o
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lm

# Unit tests and helper programs link the libraries (unit tests also
# build/libescplot.a, escplot without its main); the linker takes only
# the objects a program uses.
$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIBPLOT) $(LIBBENCH) $(LIBSTAT) $(LIBBASE)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(BENCH_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PAPI_LIBS) $(GSL_LIBS) $(SYS_LIBS)
$(BUILD)/tests/progs/%: $(BUILD)/tests/progs/%.o $(LIBPLOT) $(LIBBENCH) $(LIBSTAT) $(LIBBASE)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) $(BENCH_LDFLAGS) $(LDFLAGS) -o $@ $^ $(PAPI_LIBS) $(GSL_LIBS) $(SYS_LIBS)

# scripts/setup.sh installs the missing packages of the groups a target
# needs (apt-get, as root or via sudo) and is silent when all are present.
setup:
	@scripts/setup.sh build
setup-test:
	@scripts/setup.sh test
setup-san:
	@scripts/setup.sh san
setup-go:
	@scripts/setup.sh go

test: setup-test
	@$(MAKE) --no-print-directory check

# checkprogs: everything check runs, built but not run (.ci/run builds it
# with -Werror, and with clang).
checkprogs: $(PROGRAMS) $(UNIT) $(PROGS)

# check: build and run every test under prove (TAP).  The shell tests find
# the programs through $BIN and $BUILD, so `make san` runs the same tests on
# the sanitizer build.
check: $(PROGRAMS) $(UNIT) $(PROGS)
	BIN=$(abspath $(BIN)) BUILD=$(abspath $(BUILD)) \
	    prove --exec '' $(PROVE_FLAGS) $(UNIT) $(SHELL_T)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
san: setup-test
	@$(MAKE) --no-print-directory BUILD=build/san BIN=build/san/bin \
	    CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" ESCBENCH_SAN=1 check

# fuzz: the libFuzzer targets tests/fuzz/fuzz_*.c, built with clang into
# build/fuzz/ (the escstat library too, instrumented), each run for FUZZTIME
# seconds on a scratch copy of its seed corpus tests/fuzz/corpus/<target>/
# (with tests/fuzz/<target>.dict when there is one);
# crashes land in build/fuzz/artifacts/.  fuzz-smoke is CI's minute: the
# regression inputs, then FUZZ_SMOKE seconds per target.
FUZZ_CC    ?= clang
FUZZTIME   ?= 60
FUZZ_SMOKE ?= 10
# PARSE_BLOCK_SIZE: the reader's blocks are 256 KiB; small ones make lines
# cross block boundaries (and chunks fill up) on small inputs.
FUZZ_FLAGS := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -DPARSE_BLOCK_SIZE=4096
FUZZ_SRC   := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES := $(patsubst tests/fuzz/%.c,%,$(FUZZ_SRC))
FUZZ_OPTS  := -rss_limit_mb=1024 -timeout=10 -max_len=8192 -print_final_stats=1

.PHONY: fuzz-build fuzz-smoke fuzzers
fuzz-build: setup-san
	@$(MAKE) --no-print-directory BUILD=build/fuzz BIN=build/fuzz/bin \
	    CC=$(FUZZ_CC) CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" fuzzers
fuzzers: $(patsubst %,$(BUILD)/%,$(FUZZ_NAMES))
$(BUILD)/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(LIBPLOT) $(LIBSTAT) $(LIBBASE)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $^ $(GSL_LIBS)

fuzz: fuzz-build
	@mkdir -p build/fuzz/artifacts
	$(Q)set -e; for t in $(FUZZ_NAMES); do \
	    mkdir -p build/fuzz/corpus/$$t; d=; \
	    if [ -f tests/fuzz/$$t.dict ]; then d=-dict=tests/fuzz/$$t.dict; fi; \
	    build/fuzz/$$t $(FUZZ_OPTS) $$d -max_total_time=$(FUZZTIME) \
	        -artifact_prefix=build/fuzz/artifacts/$$t- \
	        build/fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
	done
fuzz-smoke: fuzz-build
	$(Q)set -e; for t in $(FUZZ_NAMES); do \
	    if ls tests/fuzz/regress/$$t-* >/dev/null 2>&1; then \
	        build/fuzz/$$t tests/fuzz/regress/$$t-*; fi; \
	done
	@$(MAKE) --no-print-directory fuzz FUZZTIME=$(FUZZ_SMOKE) \
	    FUZZ_OPTS="$(FUZZ_OPTS) -seed=1"

# tests/progs/preload/<name>.c: LD_PRELOAD shims for the shell tests (the
# failing malloc of the out-of-memory tests), built without sanitizers as
# $(BUILD)/tests/progs/lib<name>.so.
PRELOAD_SRC := $(wildcard tests/progs/preload/*.c)
PRELOAD     := $(patsubst tests/progs/preload/%.c,$(BUILD)/tests/progs/lib%.so,$(PRELOAD_SRC))
$(BUILD)/tests/progs/lib%.so: tests/progs/preload/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ESC_CPPFLAGS) $(ESC_CFLAGS) $(filter-out -fsanitize=%,$(CFLAGS)) \
	    -fPIC -shared -o $@ $< -ldl
check checkprogs: $(PRELOAD)

bench: setup all
	@scripts/bench.sh
	@scripts/bench-parallel.sh c

bench-go: setup-go
	@scripts/bench-go.sh
	@scripts/bench-parallel.sh go

# bench-parallel: the parallel rows with -cpu 1,2,4 in C and Go, under each
# installed allocator, then their tables and the sweep chart (README).
bench-parallel: setup setup-go all
	@scripts/bench-parallel.sh

# bench-escstat: escstat on generated inputs (stats/genbench.c;
# docs/benchstat.md, Speed): 2 files x 2,000,000 lines and 2 x 200,000 lines,
# made once in $(BUILD), timed against `wc -l` on the same files, alternating,
# in one run (scripts/bench-escstat.sh; ROUNDS=5); prints README's escstat
# table.
ESCSTAT_IN := $(BUILD)/escstat-in
$(ESCSTAT_IN)/2M-old.txt $(ESCSTAT_IN)/2M-new.txt \
$(ESCSTAT_IN)/200k-old.txt $(ESCSTAT_IN)/200k-new.txt: $(BIN)/genbench
	@mkdir -p $(@D)
	$(BIN)/genbench -b $(if $(findstring 200k,$@),200,2000) -n 1000 \
	    $(if $(findstring new,$@),-new) > $@.tmp && mv $@.tmp $@
bench-escstat: $(BIN)/escstat $(ESCSTAT_IN)/2M-old.txt $(ESCSTAT_IN)/2M-new.txt \
               $(ESCSTAT_IN)/200k-old.txt $(ESCSTAT_IN)/200k-new.txt
	@scripts/bench-escstat.sh $(BIN)/escstat $(ESCSTAT_IN) 2M 200k

# install: the programs, bench.h, the libraries a suite of your own links
# (libescbench needs libescstat), escbench.pc written with this PREFIX, and
# the man pages.  DESTDIR is prepended to every path, not written into
# escbench.pc.
VERSION := 0.1
MAN1    := man/escbench.1 man/escstat.1 man/escplot.1
MAN3    := man/escbench.3
I_BIN   := $(DESTDIR)$(PREFIX)/bin
I_INC   := $(DESTDIR)$(PREFIX)/include/escbench
I_LIB   := $(DESTDIR)$(PREFIX)/lib
I_PC    := $(DESTDIR)$(PREFIX)/lib/pkgconfig
I_MAN   := $(DESTDIR)$(PREFIX)/share/man
install: all
	install -d $(I_BIN) $(I_INC) $(I_LIB) $(I_PC) $(I_MAN)/man1 $(I_MAN)/man3
	install -m 755 $(BIN)/escbench $(BIN)/escstat $(BIN)/escplot $(I_BIN)
	install -m 644 harness/bench.h $(I_INC)
	install -m 644 $(LIBBENCH) $(LIBSTAT) $(I_LIB)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' escbench.pc.in \
	    > $(I_PC)/escbench.pc && chmod 644 $(I_PC)/escbench.pc
	install -m 644 $(MAN1) $(I_MAN)/man1
	install -m 644 $(MAN3) $(I_MAN)/man3

uninstall:
	rm -f $(I_BIN)/escbench $(I_BIN)/escstat $(I_BIN)/escplot $(I_INC)/bench.h \
	    $(I_LIB)/libescbench.a $(I_LIB)/libescstat.a $(I_PC)/escbench.pc \
	    $(patsubst man/%,$(I_MAN)/man1/%,$(MAN1)) $(patsubst man/%,$(I_MAN)/man3/%,$(MAN3))
	-rmdir $(I_INC) 2>/dev/null

clean:
	rm -rf $(BUILD) $(BIN)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
