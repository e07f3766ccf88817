build-prof/src/input/refload.o: src/input/refload.c src/input/refload.h \
 src/store/store.h src/normalise/ts.h src/util/csvfile.h
src/input/refload.h:
src/store/store.h:
src/normalise/ts.h:
src/util/csvfile.h:
