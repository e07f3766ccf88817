build-prof/src/investigate/who.o: src/investigate/who.c \
 src/investigate/who.h src/investigate/access.h src/enrich/explain.h \
 src/enrich/refdata.h src/store/store.h src/util/arena.h
src/investigate/who.h:
src/investigate/access.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/util/arena.h:
