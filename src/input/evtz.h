/* evtz — a time zone read from the system's tz database (TZif files under
 * /usr/share/zoneinfo), for the local times of CSV exports and RFC 3164
 * syslog, which carry no offset. Read once, then used from any thread. */
#ifndef WACHTER_EVTZ_H
#define WACHTER_EVTZ_H
#include <stdint.h>

#include "util/werr.h"

typedef struct evtz evtz;

/* Loads zone name ("Europe/Amsterdam", "UTC"). Returns 0 with *out owned
 * (evtz_free it), or -1 with e (WERR_INPUT: an unknown or unreadable zone). */
int evtz_load(const char *name, evtz **out, werr *e);
void evtz_free(evtz *z);
/* The UTC epoch seconds of the local wall-clock time local (seconds since
 * 1970 as if the wall clock were UTC) in z. A time that occurs twice (the
 * hour the clocks go back) is the first; one that does not occur (the hour
 * they go forward) returns -1. 0 otherwise. */
int evtz_to_utc(const evtz *z, int64_t local, int64_t *utc);
/* The offset from UTC (seconds) in force at UTC time t. */
int32_t evtz_offset(const evtz *z, int64_t t);
#endif
