build-prof/src/cli/cmd_timeline.o: src/cli/cmd_timeline.c \
 src/cli/cli_range.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/cli/commands.h src/emit/emit.h src/score/risk.h \
 src/store/store_alerts.h src/util/buf.h src/investigate/timeline.h \
 src/investigate/access.h src/enrich/explain.h src/util/arena.h \
 src/normalise/ts.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/emit/emit.h:
src/score/risk.h:
src/store/store_alerts.h:
src/util/buf.h:
src/investigate/timeline.h:
src/investigate/access.h:
src/enrich/explain.h:
src/util/arena.h:
src/normalise/ts.h:
