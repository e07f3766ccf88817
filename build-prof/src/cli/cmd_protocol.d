build-prof/src/cli/cmd_protocol.o: src/cli/cmd_protocol.c \
 src/cli/cli_range.h src/cli/cli.h src/enrich/refdata.h src/store/store.h \
 src/cli/commands.h src/investigate/protocol.h src/normalise/ts.h \
 src/util/buf.h
src/cli/cli_range.h:
src/cli/cli.h:
src/enrich/refdata.h:
src/store/store.h:
src/cli/commands.h:
src/investigate/protocol.h:
src/normalise/ts.h:
src/util/buf.h:
