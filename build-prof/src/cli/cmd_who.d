build-prof/src/cli/cmd_who.o: src/cli/cmd_who.c src/cli/cli_range.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/cli/commands.h \
 src/investigate/who.h src/investigate/access.h src/enrich/explain.h \
 src/util/arena.h src/normalise/ts.h src/util/buf.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/investigate/who.h:
src/investigate/access.h:
src/enrich/explain.h:
src/util/arena.h:
src/normalise/ts.h:
src/util/buf.h:
