build-prof/src/investigate/converge.o: src/investigate/converge.c \
 src/investigate/converge.h src/store/store.h src/util/arena.h \
 src/enrich/explain.h src/enrich/refdata.h src/investigate/chance.h \
 src/investigate/converge_int.h src/util/strmap.h \
 src/investigate/volume.h src/investigate/incident.h src/normalise/ts.h
src/investigate/converge.h:
src/store/store.h:
src/util/arena.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/investigate/chance.h:
src/investigate/converge_int.h:
src/util/strmap.h:
src/investigate/volume.h:
src/investigate/incident.h:
src/normalise/ts.h:
