build-prof/src/input/ev_parse.o: src/input/ev_parse.c \
 src/input/ev_parse.h src/normalise/event.h src/util/arena.h \
 /usr/include/cjson/cJSON.h src/normalise/ts.h src/util/utf8.h
src/input/ev_parse.h:
src/normalise/event.h:
src/util/arena.h:
/usr/include/cjson/cJSON.h:
src/normalise/ts.h:
src/util/utf8.h:
