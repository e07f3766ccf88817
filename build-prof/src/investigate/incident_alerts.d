build-prof/src/investigate/incident_alerts.o: \
 src/investigate/incident_alerts.c src/investigate/incident_alerts.h \
 src/investigate/incident.h src/store/store.h src/util/arena.h \
 src/detect/detect.h src/enrich/refdata.h src/normalise/event.h \
 src/store/store_alerts.h src/detect/rule.h src/enrich/explain.h \
 src/util/buf.h src/detect/rule_incident.h src/investigate/lookups.h \
 src/investigate/access.h src/normalise/ts.h src/util/strmap.h
src/investigate/incident_alerts.h:
src/investigate/incident.h:
src/store/store.h:
src/util/arena.h:
src/detect/detect.h:
src/enrich/refdata.h:
src/normalise/event.h:
src/store/store_alerts.h:
src/detect/rule.h:
src/enrich/explain.h:
src/util/buf.h:
src/detect/rule_incident.h:
src/investigate/lookups.h:
src/investigate/access.h:
src/normalise/ts.h:
src/util/strmap.h:
