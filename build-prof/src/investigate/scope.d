build-prof/src/investigate/scope.o: src/investigate/scope.c \
 src/investigate/scope.h src/enrich/refdata.h src/store/store.h \
 src/util/strmap.h
src/investigate/scope.h:
src/enrich/refdata.h:
src/store/store.h:
src/util/strmap.h:
