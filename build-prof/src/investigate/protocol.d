build-prof/src/investigate/protocol.o: src/investigate/protocol.c \
 src/investigate/protocol.h src/store/store.h
src/investigate/protocol.h:
src/store/store.h:
