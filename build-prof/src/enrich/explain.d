build-prof/src/enrich/explain.o: src/enrich/explain.c \
 src/enrich/explain.h src/enrich/refdata.h src/store/store.h
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
