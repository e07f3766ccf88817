build-prof/src/demo/demo_sched.o: src/demo/demo_sched.c \
 src/demo/demo_int.h src/demo/demo_gen.h src/util/buf.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
