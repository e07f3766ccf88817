build-prof/src/cli/cmd_quarantine.o: src/cli/cmd_quarantine.c \
 src/cli/commands.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/normalise/ts.h src/util/buf.h
src/cli/commands.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/normalise/ts.h:
src/util/buf.h:
