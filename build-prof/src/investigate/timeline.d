build-prof/src/investigate/timeline.o: src/investigate/timeline.c \
 src/investigate/timeline.h src/investigate/access.h src/enrich/explain.h \
 src/enrich/refdata.h src/store/store.h src/util/arena.h \
 src/store/store_alerts.h
src/investigate/timeline.h:
src/investigate/access.h:
src/enrich/explain.h:
src/enrich/refdata.h:
src/store/store.h:
src/util/arena.h:
src/store/store_alerts.h:
