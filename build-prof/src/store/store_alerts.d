build-prof/src/store/store_alerts.o: src/store/store_alerts.c \
 src/store/store_alerts.h src/store/store.h
src/store/store_alerts.h:
src/store/store.h:
