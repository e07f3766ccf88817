build-prof/src/score/risk.o: src/score/risk.c src/score/risk.h \
 src/store/store.h src/store/store_events.h src/normalise/event.h \
 src/util/arena.h
src/score/risk.h:
src/store/store.h:
src/store/store_events.h:
src/normalise/event.h:
src/util/arena.h:
