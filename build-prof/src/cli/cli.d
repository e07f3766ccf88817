build-prof/src/cli/cli.o: src/cli/cli.c src/cli/cli.h \
 src/enrich/refdata.h src/store/store.h
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
