build-prof/src/pipeline/ingest.o: src/pipeline/ingest.c \
 src/pipeline/ingest.h src/detect/detect.h src/enrich/refdata.h \
 src/store/store.h src/normalise/event.h src/util/arena.h \
 src/store/store_alerts.h src/input/ev_parse.h src/input/lines.h \
 src/store/store_events.h src/store/store_tally.h
src/pipeline/ingest.h:
src/detect/detect.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/event.h:
src/util/arena.h:
src/store/store_alerts.h:
src/input/ev_parse.h:
src/input/lines.h:
src/store/store_events.h:
src/store/store_tally.h:
