build-prof/src/detect/rule_relation.o: src/detect/rule_relation.c \
 src/detect/rule.h src/enrich/explain.h src/enrich/refdata.h \
 src/store/store.h src/normalise/event.h src/util/arena.h src/util/buf.h
src/detect/rule.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/event.h:
src/util/arena.h:
src/util/buf.h:
