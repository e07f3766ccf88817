build-prof/src/cli/cmd_risk.o: src/cli/cmd_risk.c src/cli/commands.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/emit/emit.h \
 src/score/risk.h src/store/store_alerts.h src/util/buf.h
src/cli/commands.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/emit/emit.h:
src/score/risk.h:
src/store/store_alerts.h:
src/util/buf.h:
