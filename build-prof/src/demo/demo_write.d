build-prof/src/demo/demo_write.o: src/demo/demo_write.c \
 src/demo/demo_int.h src/demo/demo_gen.h src/util/buf.h \
 src/normalise/ts.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
src/normalise/ts.h:
