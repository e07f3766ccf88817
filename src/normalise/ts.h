/* ts — times: RFC 3339 (any offset) or epoch milliseconds → UTC epoch ms. */
#ifndef WACHTER_TS_H
#define WACHTER_TS_H
#include <stddef.h>
#include <stdint.h>

enum { TS_OK = 0, TS_ESYNTAX = -1, TS_ERANGE = -2 };

/* Parses an RFC 3339 time ("2026-03-02T09:14:05Z", "...+01:00", fractions,
 * space for T) or a string of digits (epoch ms). Returns TS_OK with *ms set,
 * TS_ESYNTAX when it is not a time, TS_ERANGE when it names an impossible
 * date (Feb 30, hour 25) or lies outside 1970-01-01 .. 2100-12-31T23:59:59.999Z.
 * A leap second (second 60) is read as second 59.999 of its minute. */
int ts_parse(const char *s, size_t n, int64_t *ms);
/* Checks epoch ms lie in 1970 through 2100 (TS_OK or TS_ERANGE). */
int ts_check_ms(int64_t ms);
/* Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t ts_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (20 chars + NUL) into out. */
void ts_format(int64_t ms, char out[32]);
/* The clock's time, epoch ms. */
int64_t ts_now_ms(void);
/* A monotonic clock's time in ms (for how long something took or how old
 * it is; not a date). */
int64_t ts_mono_ms(void);
/* Parses a duration such as "30d", "12h", "90m", "45s"; returns ms or -1. */
int64_t ts_duration(const char *s);

#define TS_DAY_MS INT64_C(86400000)
#define TS_HOUR_MS INT64_C(3600000)
#endif
