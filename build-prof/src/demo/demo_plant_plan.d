build-prof/src/demo/demo_plant_plan.o: src/demo/demo_plant_plan.c \
 src/demo/demo_int.h src/demo/demo_gen.h src/util/buf.h
src/demo/demo_int.h:
src/demo/demo_gen.h:
src/util/buf.h:
