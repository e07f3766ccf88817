build-prof/src/investigate/volume.o: src/investigate/volume.c \
 src/investigate/volume.h src/investigate/incident.h src/store/store.h \
 src/util/arena.h src/normalise/ts.h src/store/store_tally.h
src/investigate/volume.h:
src/investigate/incident.h:
src/store/store.h:
src/util/arena.h:
src/normalise/ts.h:
src/store/store_tally.h:
