build-prof/src/demo/demo_org.o: src/demo/demo_org.c src/demo/demo_int.h \
 src/demo/demo_gen.h src/util/buf.h src/util/strmap.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
src/util/strmap.h:
