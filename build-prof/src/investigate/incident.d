build-prof/src/investigate/incident.o: src/investigate/incident.c \
 src/investigate/incident.h src/store/store.h src/util/arena.h \
 src/input/refload.h src/util/csvfile.h
src/investigate/incident.h:
src/store/store.h:
src/util/arena.h:
src/input/refload.h:
src/util/csvfile.h:
