build-prof/src/detect/rule_incident.o: src/detect/rule_incident.c \
 src/detect/rule.h src/enrich/explain.h src/enrich/refdata.h \
 src/store/store.h src/normalise/event.h src/util/arena.h src/util/buf.h \
 src/detect/rule_incident.h src/normalise/ts.h
src/detect/rule.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/event.h:
src/util/arena.h:
src/util/buf.h:
src/detect/rule_incident.h:
src/normalise/ts.h:
