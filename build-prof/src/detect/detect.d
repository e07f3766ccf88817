build-prof/src/detect/detect.o: src/detect/detect.c src/detect/detect.h \
 src/enrich/refdata.h src/store/store.h src/normalise/event.h \
 src/util/arena.h src/store/store_alerts.h src/detect/rules.h \
 src/detect/rule.h src/enrich/explain.h src/util/buf.h src/normalise/ts.h \
 src/util/strmap.h
src/detect/detect.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/event.h:
src/util/arena.h:
src/store/store_alerts.h:
src/detect/rules.h:
src/detect/rule.h:
src/enrich/explain.h:
src/util/buf.h:
src/normalise/ts.h:
src/util/strmap.h:
