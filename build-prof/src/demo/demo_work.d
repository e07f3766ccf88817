build-prof/src/demo/demo_work.o: src/demo/demo_work.c src/demo/demo_int.h \
 src/demo/demo_gen.h src/util/buf.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
