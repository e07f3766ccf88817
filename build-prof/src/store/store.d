build-prof/src/store/store.o: src/store/store.c src/store/store.h \
 src/store/schema.h
src/store/store.h:
src/store/schema.h:
