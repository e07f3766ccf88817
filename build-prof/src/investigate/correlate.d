build-prof/src/investigate/correlate.o: src/investigate/correlate.c \
 src/investigate/correlate.h src/investigate/incident.h src/store/store.h \
 src/util/arena.h src/investigate/chance.h src/investigate/lookups.h \
 src/investigate/access.h src/enrich/explain.h src/enrich/refdata.h \
 src/investigate/volume.h src/util/strmap.h
src/investigate/correlate.h:
src/investigate/incident.h:
src/store/store.h:
src/util/arena.h:
src/investigate/chance.h:
src/investigate/lookups.h:
src/investigate/access.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/investigate/volume.h:
src/util/strmap.h:
