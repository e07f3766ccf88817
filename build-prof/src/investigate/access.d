build-prof/src/investigate/access.o: src/investigate/access.c \
 src/investigate/access.h src/enrich/explain.h src/enrich/refdata.h \
 src/store/store.h src/util/arena.h src/investigate/scope.h \
 src/util/strmap.h
src/investigate/access.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/util/arena.h:
src/investigate/scope.h:
src/util/strmap.h:
