build-prof/src/demo/demo_names.o: src/demo/demo_names.c \
 src/demo/demo_int.h src/demo/demo_gen.h src/util/buf.h src/util/strmap.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
src/util/strmap.h:
