build-prof/src/store/store_events.o: src/store/store_events.c \
 src/store/store_events.h src/normalise/event.h src/util/arena.h \
 src/store/store.h src/util/strmap.h
src/store/store_events.h:
src/normalise/event.h:
src/util/arena.h:
src/store/store.h:
src/util/strmap.h:
