# wachter — build, test, demo, bench.  See README.md.
CC      ?= cc
PKGS    := libcjson sqlite3
CFLAGS  ?= -O2 -g
WFLAGS  := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
INC     := -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lm -lpthread
B       ?= build

LIB_SRC := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o)
TEST_SRC:= $(wildcard tests/test_*.c)
TESTS   := $(TEST_SRC:tests/%.c=$(B)/tests/%)

.PHONY: all deps check test asan demo bench clean format

all: $(B)/wachter

deps:
	@scripts/deps.sh build

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(WFLAGS) $(CFLAGS) $(INC) -MMD -MP -c $< -o $@

$(B)/libwachter.a: $(LIB_OBJ)
	ar rcs $@ $^

$(B)/wachter: $(B)/src/cli/main.o $(B)/libwachter.a
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(B)/tests/%: tests/%.c tests/testutil.h $(B)/libwachter.a
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(WFLAGS) $(CFLAGS) $(INC) -Itests -o $@ $< $(B)/libwachter.a $(LIBS) -lcmocka

# Runs every test binary; each prints cmocka's summary. Fails if any fails.
test: $(B)/wachter $(TESTS)
	@fail=0; for t in $(TESTS); do WACHTER=$(abspath $(B)/wachter) $$t || fail=1; done; \
	 tests/cli_test.sh $(B)/wachter || fail=1; exit $$fail

asan:
	$(MAKE) test B=build-asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"

check:
	@scripts/deps.sh check
	$(MAKE) test
	$(MAKE) asan

demo: 
	@scripts/deps.sh build
	$(MAKE) all
	rm -f demo.db demo.db-wal demo.db-shm
	$(B)/wachter --db demo.db demo

bench:
	@scripts/deps.sh bench
	$(MAKE) all
	bench/run.sh

format:
	clang-format -i src/*/*.c src/*/*.h tests/*.c bench/*.c

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(B)/src/cli/main.d
