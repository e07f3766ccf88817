build-prof/src/normalise/event.o: src/normalise/event.c \
 src/normalise/event.h src/util/arena.h src/util/strmap.h
src/normalise/event.h:
src/util/arena.h:
src/util/strmap.h:
