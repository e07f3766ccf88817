build-prof/src/investigate/lookups.o: src/investigate/lookups.c \
 src/investigate/lookups.h src/investigate/access.h src/enrich/explain.h \
 src/enrich/refdata.h src/store/store.h src/util/arena.h \
 src/investigate/incident.h
src/investigate/lookups.h:
src/investigate/access.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/util/arena.h:
src/investigate/incident.h:
