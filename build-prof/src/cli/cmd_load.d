build-prof/src/cli/cmd_load.o: src/cli/cmd_load.c src/cli/commands.h \
 src/cli/cli.h src/enrich/refdata.h src/store/store.h src/input/refload.h \
 src/investigate/incident_alerts.h src/investigate/incident.h \
 src/util/arena.h
src/cli/commands.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/input/refload.h:
src/investigate/incident_alerts.h:
src/investigate/incident.h:
src/util/arena.h:
