build-prof/src/cli/cmd_converge.o: src/cli/cmd_converge.c \
 src/cli/cli_range.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/cli/commands.h src/investigate/converge.h src/util/arena.h \
 src/normalise/ts.h src/store/store_tally.h src/util/buf.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/investigate/converge.h:
src/util/arena.h:
src/normalise/ts.h:
src/store/store_tally.h:
src/util/buf.h:
