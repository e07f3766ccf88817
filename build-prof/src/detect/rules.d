build-prof/src/detect/rules.o: src/detect/rules.c src/detect/rules.h \
 src/detect/rule.h src/enrich/explain.h src/enrich/refdata.h \
 src/store/store.h src/normalise/event.h src/util/arena.h src/util/buf.h
src/detect/rules.h:
src/detect/rule.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/event.h:
src/util/arena.h:
src/util/buf.h:
