build-prof/src/investigate/chance.o: src/investigate/chance.c \
 src/investigate/chance.h
src/investigate/chance.h:
