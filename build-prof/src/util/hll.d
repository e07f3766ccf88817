build-prof/src/util/hll.o: src/util/hll.c src/util/hll.h
src/util/hll.h:
