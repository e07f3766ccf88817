build-prof/src/cli/cli_range.o: src/cli/cli_range.c src/cli/cli_range.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/input/refload.h \
 src/normalise/ts.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/input/refload.h:
src/normalise/ts.h:
