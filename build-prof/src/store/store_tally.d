build-prof/src/store/store_tally.o: src/store/store_tally.c \
 src/store/store_tally.h src/store/store.h src/normalise/ts.h \
 src/util/hll.h src/util/strmap.h
src/store/store_tally.h:
src/store/store.h:
src/normalise/ts.h:
src/util/hll.h:
src/util/strmap.h:
