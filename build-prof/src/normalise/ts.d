build-prof/src/normalise/ts.o: src/normalise/ts.c src/normalise/ts.h
src/normalise/ts.h:
