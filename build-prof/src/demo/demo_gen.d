build-prof/src/demo/demo_gen.o: src/demo/demo_gen.c src/demo/demo_int.h \
 src/demo/demo_gen.h src/util/buf.h src/normalise/ts.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
src/normalise/ts.h:
