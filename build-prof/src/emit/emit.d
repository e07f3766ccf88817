build-prof/src/emit/emit.o: src/emit/emit.c src/emit/emit.h \
 src/score/risk.h src/store/store.h src/store/store_alerts.h \
 src/util/buf.h src/normalise/ts.h
src/emit/emit.h:
src/score/risk.h:
src/store/store.h:
src/store/store_alerts.h:
src/util/buf.h:
src/normalise/ts.h:
