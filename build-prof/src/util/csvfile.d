build-prof/src/util/csvfile.o: src/util/csvfile.c src/util/csvfile.h
src/util/csvfile.h:
