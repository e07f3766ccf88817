build-prof/src/enrich/refdata.o: src/enrich/refdata.c \
 src/enrich/refdata.h src/store/store.h src/util/arena.h \
 src/util/strmap.h
src/enrich/refdata.h:
src/store/store.h:
src/util/arena.h:
src/util/strmap.h:
