build-prof/src/cli/commands.o: src/cli/commands.c src/cli/cli.h \
 src/enrich/refdata.h src/store/store.h src/cli/commands.h
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
