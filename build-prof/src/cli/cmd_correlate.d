build-prof/src/cli/cmd_correlate.o: src/cli/cmd_correlate.c \
 src/cli/cli_range.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/cli/commands.h src/investigate/correlate.h \
 src/investigate/incident.h src/util/arena.h \
 src/investigate/incident_alerts.h src/normalise/ts.h src/util/buf.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/investigate/correlate.h:
src/investigate/incident.h:
src/util/arena.h:
src/investigate/incident_alerts.h:
src/normalise/ts.h:
src/util/buf.h:
