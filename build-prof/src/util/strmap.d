build-prof/src/util/strmap.o: src/util/strmap.c src/util/strmap.h \
 src/util/arena.h
src/util/strmap.h:
src/util/arena.h:
