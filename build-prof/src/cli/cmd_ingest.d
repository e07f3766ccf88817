build-prof/src/cli/cmd_ingest.o: src/cli/cmd_ingest.c src/cli/commands.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/detect/detect.h \
 src/normalise/event.h src/util/arena.h src/store/store_alerts.h \
 src/pipeline/ingest.h
src/cli/commands.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/detect/detect.h:
src/normalise/event.h:
src/util/arena.h:
src/store/store_alerts.h:
src/pipeline/ingest.h:
