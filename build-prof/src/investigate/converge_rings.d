build-prof/src/investigate/converge_rings.o: \
 src/investigate/converge_rings.c src/investigate/chance.h \
 src/investigate/converge_int.h src/enrich/refdata.h src/store/store.h \
 src/investigate/converge.h src/util/arena.h src/util/strmap.h
src/investigate/chance.h:
src/investigate/converge_int.h:
src/enrich/refdata.h:
src/store/store.h:
src/investigate/converge.h:
src/util/arena.h:
src/util/strmap.h:
