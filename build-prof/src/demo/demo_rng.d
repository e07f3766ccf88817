build-prof/src/demo/demo_rng.o: src/demo/demo_rng.c src/demo/demo_int.h \
 src/demo/demo_gen.h src/util/buf.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
