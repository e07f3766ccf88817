# wachter — build, test, demo, bench.  See README.md.
CC      ?= cc
PKGS    := libcjson sqlite3 libsodium libmicrohttpd
# -O3: detection is measurably faster than with -O2 (bench/ANALYSIS.md,
# item 45); -march is left to whoever builds for one machine.
CFLAGS  ?= -O3 -g
# Link-time optimisation for the wachter binary: the small accessors that
# detection calls per event across files (refdata_subject, strmap_find,
# ...) are inlined (bench/ANALYSIS.md, item 40). The objects keep their
# machine code too (fat):
# the tests link that (-fno-lto), quickly and without the link-time pass's
# warnings. 'make LTO=' builds without it (clang 14 lacks fat objects).
LTO     ?= -flto=auto -ffat-lto-objects
WFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
INC     := -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libmicrohttpd is not linked: the server opens it (src/serve/serve_mhd.h);
# nor is libnats (libnats-dev gives its header): publish and ingest --from
# open it (src/stream/nats_lib.h).
LIBS    := $(shell pkg-config --libs $(filter-out libmicrohttpd,$(PKGS)) 2>/dev/null) -lcsv -lm -lpthread
B       ?= build

LIB_SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC:= $(wildcard tests/test_*.c)
TESTS   := $(TEST_SRC:tests/%.c=$(B)/tests/%)
TEST_HDR:= $(wildcard tests/*.h)

# The demo's generator, a tool outside the library that `wachter demo`
# runs (it looks beside its own binary), and what it shares with the
# bench's generator (tools/gen; bench/run.sh builds bench/gen with it).
GEN_SRC     := $(wildcard tools/gen/*.c)
DEMOGEN_SRC := $(filter-out tools/demogen/main.c,$(wildcard tools/demogen/*.c)) $(GEN_SRC)
DEMOGEN_OBJ := $(DEMOGEN_SRC:%.c=$(B)/%.o)

.PHONY: all deps check test apitest webtest ecotest asan demo eval bench pgo clean format format-check fuzz fuzz-replay FORCE

all: $(B)/wachter $(B)/wachter-demogen $(B)/wachter-orggen

deps:
	@scripts/deps.sh build

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(WFLAGS) $(CFLAGS) $(LTO) $(INC) -MMD -MP -c $< -o $@

# What `wachter --version` prints: git describe in a checkout, else a fixed
# number. Only src/cli/cli_version.c sees it; it is compiled again when the
# version changes (the stamp is rewritten only then).
WACHTER_VERSION := $(shell git describe --always --dirty 2>/dev/null || echo 0.1)
$(B)/src/cli/cli_version.o: WFLAGS += -DWACHTER_VERSION='"$(WACHTER_VERSION)"'
$(B)/src/cli/cli_version.o: $(B)/version.stamp
$(B)/version.stamp: FORCE
	@mkdir -p $(B); echo '$(WACHTER_VERSION)' | cmp -s - $@ || echo '$(WACHTER_VERSION)' >$@
FORCE:

$(B)/libwachter.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/wachter: $(B)/src/cli/main.o $(B)/libwachter.a
	$(CC) $(CFLAGS) $(LTO) -o $@ $^ $(LIBS)

$(B)/tools/%.o: INC += -Itools/gen

$(B)/wachter-demogen: $(B)/tools/demogen/main.o $(DEMOGEN_OBJ) $(B)/libwachter.a
	$(CC) $(CFLAGS) $(LTO) -o $@ $^ $(LIBS)

# A second organisation generator, written apart from the demo's and the
# detection (docs/orggen.md), for the evaluation (make eval, bench/eval.sh).
ORGGEN_OBJ := $(patsubst %.c,$(B)/%.o,$(wildcard tools/orggen/*.c))
$(B)/wachter-orggen: $(ORGGEN_OBJ)
	$(CC) $(CFLAGS) $(LTO) -o $@ $^ -lm

# Tests that call the generator's functions (for themselves or for a
# fixture) link its objects.
DEMOGEN_TESTS := $(addprefix $(B)/tests/,test_demo_gen test_demo_port test_pipeline test_refdata test_rule_state)
$(DEMOGEN_TESTS): $(B)/tests/%: tests/%.c $(TEST_HDR) $(DEMOGEN_OBJ) $(B)/libwachter.a
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(WFLAGS) $(CFLAGS) $(if $(LTO),-fno-lto) $(INC) -Itools/demogen -Itools/gen \
	  -Itests -o $@ $< $(DEMOGEN_OBJ) $(B)/libwachter.a $(LIBS) -lcmocka

$(B)/tests/%: tests/%.c $(TEST_HDR) $(B)/libwachter.a
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(WFLAGS) $(CFLAGS) $(if $(LTO),-fno-lto) $(INC) -Itests -o $@ $< \
	  $(B)/libwachter.a $(LIBS) -lcmocka

# test_schema compares stores with docs/schema.sql.
$(B)/tests/test_schema: WFLAGS += -DSCHEMA_SQL='"$(abspath docs/schema.sql)"'
# test_siem checks ECS output against a subset of the ECS schema.
$(B)/tests/test_siem: WFLAGS += -DECS_FIELDS='"$(abspath tests/data/ecs_fields.csv)"'

# Runs every test binary; each prints cmocka's summary. Fails if any fails.
test: $(B)/wachter $(B)/wachter-demogen $(B)/wachter-orggen $(TESTS)
	@fail=0; for t in $(TESTS); do WACHTER=$(abspath $(B)/wachter) \
	  WACHTER_DEMOGEN=$(abspath $(B)/wachter-demogen) $$t || fail=1; done; \
	 tests/cli_test.sh $(B)/wachter || fail=1; tests/bad_input_doc.sh || fail=1; \
	 tests/orggen_test.sh $(B)/wachter $(B)/wachter-orggen || fail=1; exit $$fail

# The workbench's API tests (tests/api/*.mjs, node's own test runner and
# fetch, no npm packages) against a real `wachter serve` on a demo store.
apitest: $(B)/wachter $(B)/wachter-demogen
	WACHTER=$(abspath $(B)/wachter) node --test tests/api/

asan:
	$(MAKE) test B=build-asan CC=clang LTO= \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

check:
	@scripts/deps.sh check
	$(MAKE) test
	$(MAKE) apitest
	$(MAKE) webtest
	$(MAKE) ecotest
	$(MAKE) asan
	$(MAKE) fuzz-replay

# The web UI's browser test (tests/web/ui_test.mjs): headless chromium
# through puppeteer-core against a `wachter serve` on a demo store it
# makes; screenshots and printed PDFs in tests/web/out/. WEB_MOCK=1 runs
# it against tests/web/mock_server.mjs instead (no server needed).
webtest: $(if $(WEB_MOCK),,$(B)/wachter)
	@scripts/web-deps.sh
	@fail=0; for t in tests/web/*_test.mjs; do WACHTER=$(abspath $(B)/wachter) node $$t || fail=1; done; exit $$fail

# wachter among the tools it talks to (tests/eco/*_test.mjs): real
# servers and clients on 127.0.0.1 that the tests start themselves (Debian's
# rsyslog, the OpenTelemetry JS SDK from npm), installed by
# scripts/eco-deps.sh. Under CI=true a server that cannot start fails the
# test; elsewhere it is skipped, loudly.
ecotest: $(B)/wachter
	@scripts/eco-deps.sh
	@fail=0; for t in tests/eco/*_test.mjs; do [ -e "$$t" ] || continue; \
	  WACHTER=$(abspath $(B)/wachter) node $$t || fail=1; done; exit $$fail

# make demo KIND=port: the container terminal with a customs post, with
# the port's defaults (README "The demo"); the municipality by default.
KIND ?= municipality
demo:
	@scripts/deps.sh build
	$(MAKE) all
	rm -f demo.db demo.db-wal demo.db-shm demo.db.audit demo.db.audit-wal demo.db.audit-shm demo.db.lock
	$(B)/wachter --db demo.db demo --kind $(KIND)
	@scripts/demo_accounts.sh $(B)/wachter demo.db
	@scripts/demo_reports.sh $(B)/wachter demo.db

# The detection evaluation (bench/eval.sh, results in bench/EVAL.md): the
# second generator's police, port and customs organisations and the demo,
# several seeds each; fails when a bar of issue 31 fails.
eval:
	@scripts/deps.sh eval
	$(MAKE) all
	WACHTER=$(B)/wachter ORGGEN=$(B)/wachter-orggen bench/eval.sh

# A profile-guided build of $(B)/wachter, what `make bench` measures: an
# instrumented build runs scripts/pgo_train.sh (the demo's organisation,
# not the bench's data), then everything is compiled again with that
# profile: detection is faster than in the plain build, storing about the
# same (bench/ANALYSIS.md, item 46). Starts from an empty $(B); a
# plain `make` after an edit recompiles what changed without the profile.
PGO_DIR = $(abspath $(B))/pgo-profile
pgo:
	@scripts/deps.sh build
	rm -rf $(B)
	$(MAKE) all CFLAGS="$(CFLAGS) -fprofile-generate -fprofile-update=atomic -fprofile-dir=$(PGO_DIR)"
	scripts/pgo_train.sh $(B)/wachter
	find $(B) -name '*.o' -delete
	rm -f $(B)/libwachter.a $(B)/wachter
	$(MAKE) all CFLAGS="$(CFLAGS) -fprofile-use -fprofile-dir=$(PGO_DIR) -Wno-missing-profile"
	echo "profile-guided (make pgo)" >$(B)/wachter.build

bench:
	@scripts/deps.sh bench
	$(MAKE) pgo
	bench/run.sh

# libFuzzer targets (tests/fuzz), each run FUZZ_TIME seconds by `make fuzz`
# (new inputs go to $(B)/fuzz/corpus*) and replayed over its saved inputs
# by `make fuzz-replay` (in make check):
#  - fuzz_ev_parse: the event parser, fast path against cJSON (differential);
#    builds only the objects it needs. Corpus tests/fuzz/corpus.
#  - fuzz_ingest: a file of event lines through the whole ingest (parse,
#    explain, detect, store) on a small loaded organisation; the library
#    built with the fuzzer's instrumentation in $(B)/fuzz/obj. Corpus
#    tests/fuzz/corpus_ingest.
#  - fuzz_csv: a reference CSV's bytes through the loader into a store
#    (each file loads whole or not at all). Corpus tests/fuzz/corpus_csv.
#  - fuzz_evconv: a CSV or syslog event file through ingest's converter
#    (input/evconv.h). Corpus tests/fuzz/corpus_evconv.
#  - fuzz_otlp: a body through the Logboek Dataverwerkingen decoder (OTLP/JSON
#    and audit records); a good span's event parses. Corpus tests/fuzz/corpus_otlp.
FUZZ_SRC  := tests/fuzz/fuzz_ev_parse.c src/input/ev_parse.c src/input/ev_fast.c \
             src/input/ev_fast_build.c src/input/ev_raw.c \
             src/normalise/event.c src/normalise/ts.c src/util/utf8.c src/util/arena.c \
             src/util/strmap.c src/util/hugemem.c
FUZZ_TIME ?= 60
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all
$(B)/fuzz/fuzz_ev_parse: $(FUZZ_SRC) $(wildcard src/input/*.h src/normalise/*.h src/util/*.h) tests/ev_check.h
	@mkdir -p $(B)/fuzz/corpus
	clang $(WFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) \
	  $(INC) -o $@ $(FUZZ_SRC) $(shell pkg-config --libs libcjson 2>/dev/null || echo -lcjson)

# The whole library built for fuzzing, for the targets that run an
# operation end to end.
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(B)/fuzz/obj/%.o)
$(B)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC(fuzz) $<"; clang $(WFLAGS) -O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) $(INC) \
	  -MMD -MP -c $< -o $@

# The whole ingest of a file of lines (tests/fuzz/fuzz_ingest.c).
$(B)/fuzz/fuzz_ingest: tests/fuzz/fuzz_ingest.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(B)/fuzz/corpus_ingest
	clang $(WFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(INC) -o $@ $^ $(LIBS)

# The reference CSV loader (tests/fuzz/fuzz_csv.c): a file's bytes through
# refload_file into a store.
$(B)/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(B)/fuzz/corpus_csv
	clang $(WFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(INC) -o $@ $^ $(LIBS)

# CSV and syslog event input (tests/fuzz/fuzz_evconv.c): a file's bytes
# through the converter ingest --input csv|syslog uses.
$(B)/fuzz/fuzz_evconv: tests/fuzz/fuzz_evconv.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(B)/fuzz/corpus_evconv
	clang $(WFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(INC) -o $@ $^ $(LIBS)

# The Logboek Dataverwerkingen decoder (tests/fuzz/fuzz_otlp.c): a body as
# OTLP/JSON and as an audit record; a good span's event parses as an event.
$(B)/fuzz/fuzz_otlp: tests/fuzz/fuzz_otlp.c $(FUZZ_LIB_OBJ)
	@mkdir -p $(B)/fuzz/corpus_otlp
	clang $(WFLAGS) -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(INC) -o $@ $^ $(LIBS)

FUZZ_TARGETS := $(B)/fuzz/fuzz_ev_parse $(B)/fuzz/fuzz_ingest $(B)/fuzz/fuzz_csv \
  $(B)/fuzz/fuzz_evconv $(B)/fuzz/fuzz_otlp
fuzz: $(FUZZ_TARGETS)
	$(B)/fuzz/fuzz_ev_parse -max_total_time=$(FUZZ_TIME) -max_len=4096 \
	  -dict=tests/fuzz/ev_parse.dict $(B)/fuzz/corpus tests/fuzz/corpus
	$(B)/fuzz/fuzz_ingest -max_total_time=$(FUZZ_TIME) -max_len=4096 \
	  -dict=tests/fuzz/ev_parse.dict $(B)/fuzz/corpus_ingest tests/fuzz/corpus_ingest
	$(B)/fuzz/fuzz_csv -max_total_time=$(FUZZ_TIME) -max_len=4096 -dict=tests/fuzz/csv.dict \
	  $(B)/fuzz/corpus_csv tests/fuzz/corpus_csv
	$(B)/fuzz/fuzz_evconv -max_total_time=$(FUZZ_TIME) -max_len=4096 -dict=tests/fuzz/csv.dict \
	  $(B)/fuzz/corpus_evconv tests/fuzz/corpus_evconv
	$(B)/fuzz/fuzz_otlp -max_total_time=$(FUZZ_TIME) -max_len=8192 \
	  $(B)/fuzz/corpus_otlp tests/fuzz/corpus_otlp

# The fuzz targets run once over their saved inputs, as part of make
# check: the targets build, those inputs parse the same both ways, ingest
# and load without breaking an invariant.
fuzz-replay: $(FUZZ_TARGETS)
	$(B)/fuzz/fuzz_ev_parse tests/fuzz/corpus/*
	$(B)/fuzz/fuzz_ingest tests/fuzz/corpus_ingest/*
	$(B)/fuzz/fuzz_csv tests/fuzz/corpus_csv/*
	$(B)/fuzz/fuzz_evconv tests/fuzz/corpus_evconv/*
	$(B)/fuzz/fuzz_otlp tests/fuzz/corpus_otlp/*

# The C that .clang-format governs; format-check (CI) fails when any of it
# is not formatted as `make format` would.
FORMAT_SRC := $(wildcard src/*/*.[ch] tests/*.[ch] tests/*/*.[ch] bench/*.[ch] tools/*.[ch] tools/*/*.[ch])
format:
	@scripts/deps.sh format
	@clang-format -i $(FORMAT_SRC)

format-check:
	@scripts/deps.sh format
	@clang-format --dry-run -Werror $(FORMAT_SRC) && echo "format-check: $(words $(FORMAT_SRC)) files formatted as .clang-format says"

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(B)/src/cli/main.d $(DEMOGEN_OBJ:.o=.d) $(B)/tools/demogen/main.d \
  $(FUZZ_LIB_OBJ:.o=.d)
