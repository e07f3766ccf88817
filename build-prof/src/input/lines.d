build-prof/src/input/lines.o: src/input/lines.c src/input/lines.h
src/input/lines.h:
