build-prof/src/cli/cmd_demo.o: src/cli/cmd_demo.c src/cli/commands.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/demo/demo_gen.h \
 src/detect/detect.h src/normalise/event.h src/util/arena.h \
 src/store/store_alerts.h src/input/refload.h src/pipeline/ingest.h \
 src/score/risk.h src/store/store_events.h src/util/buf.h
src/cli/commands.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/demo/demo_gen.h:
src/detect/detect.h:
src/normalise/event.h:
src/util/arena.h:
src/store/store_alerts.h:
src/input/refload.h:
src/pipeline/ingest.h:
src/score/risk.h:
src/store/store_events.h:
src/util/buf.h:
