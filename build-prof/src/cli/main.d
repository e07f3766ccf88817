build-prof/src/cli/main.o: src/cli/main.c src/cli/cli.h \
 src/enrich/refdata.h src/store/store.h
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
