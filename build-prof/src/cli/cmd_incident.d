build-prof/src/cli/cmd_incident.o: src/cli/cmd_incident.c \
 src/cli/cli_range.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/cli/commands.h src/input/refload.h src/investigate/incident_alerts.h \
 src/investigate/incident.h src/util/arena.h src/normalise/ts.h \
 src/util/buf.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/input/refload.h:
src/investigate/incident_alerts.h:
src/investigate/incident.h:
src/util/arena.h:
src/normalise/ts.h:
src/util/buf.h:
