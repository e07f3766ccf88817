#include "normalise/ts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const int64_t MIN_MS = 0;                      /* 1970-01-01 */
static const int64_t MAX_MS = INT64_C(4133980800000); /* 2101-01-01: 2100 is in */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
int64_t ts_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

static int digits(const char *s, size_t n, size_t at, size_t k, int *out)
{
    if (at + k > n) return -1;
    int v = 0;
    for (size_t i = at; i < at + k; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int ts_check_ms(int64_t ms)
{
    return ms >= MIN_MS && ms < MAX_MS ? TS_OK : TS_ERANGE;
}

static int parse_epoch(const char *s, size_t n, int64_t *ms)
{
    if (n == 0 || n > 15) return TS_ESYNTAX;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return TS_ESYNTAX;
        v = v * 10 + (s[i] - '0');
    }
    *ms = v;
    return ts_check_ms(v);
}

int ts_parse(const char *s, size_t n, int64_t *ms)
{
    int y, mo, d, h, mi, sec;
    if (n < 20 || s[4] != '-') return parse_epoch(s, n, ms);
    if (digits(s, n, 0, 4, &y) || s[4] != '-' || digits(s, n, 5, 2, &mo) || s[7] != '-' ||
        digits(s, n, 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        digits(s, n, 11, 2, &h) || s[13] != ':' || digits(s, n, 14, 2, &mi) || s[16] != ':' ||
        digits(s, n, 17, 2, &sec))
        return TS_ESYNTAX;
    size_t i = 19;
    int frac_ms = 0;
    if (i < n && s[i] == '.') {
        size_t start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (i - start < 3) frac_ms = frac_ms * 10 + (s[i] - '0');
            i++;
        }
        if (i == start) return TS_ESYNTAX;
        for (size_t k = i - start; k < 3; k++)
            frac_ms *= 10;
    }
    int off_min = 0;
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (digits(s, n, i + 1, 2, &oh) || i + 3 >= n || s[i + 3] != ':' ||
            digits(s, n, i + 4, 2, &om))
            return TS_ESYNTAX;
        if (oh > 23 || om > 59) return TS_ERANGE;
        off_min = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return TS_ESYNTAX;
    }
    if (i != n) return TS_ESYNTAX;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
        return TS_ERANGE;
    /* A leap second (23:59:60) is read as the last millisecond of its
     * minute, :59.999, whatever its fraction: it stays after every other
     * time of that minute and within it. */
    if (sec == 60) sec = 59, frac_ms = 999;
    int64_t days = ts_days_from_civil(y, (unsigned)mo, (unsigned)d);
    int64_t t = ((days * 24 + h) * 60 + mi - off_min) * 60 + sec;
    *ms = t * 1000 + frac_ms;
    return ts_check_ms(*ms);
}

void ts_format(int64_t ms, char out[32])
{
    int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    int64_t z = (secs >= 0 ? secs : secs - 86399) / 86400;
    int64_t rem = secs - z * 86400;
    /* civil_from_days (H. Hinnant) */
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = (int64_t)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    unsigned r = (unsigned)rem % 86400;
    if (y < 0 || y > 9999) {
        snprintf(out, 32, "%04d-%02u-%02uT%02u:%02u:%02uZ", (int)(y % 10000), m % 100, d % 100,
                 r / 3600 % 24, r / 60 % 60, r % 60);
        return;
    }
    /* The same, without printf (each alert's id formats a day). */
    unsigned v[7] = {(unsigned)y / 100, (unsigned)y % 100, m, d, r / 3600, r / 60 % 60, r % 60};
    static const char sep[7] = {0, 0, '-', '-', 'T', ':', ':'};
    char *o = out;
    for (int i = 0; i < 7; i++) {
        if (sep[i]) *o++ = sep[i];
        *o++ = (char)('0' + v[i] / 10);
        *o++ = (char)('0' + v[i] % 10);
    }
    *o++ = 'Z';
    *o = 0;
}

int64_t ts_duration(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || v < 0) return -1;
    int64_t unit;
    if (strcmp(end, "d") == 0)
        unit = TS_DAY_MS;
    else if (strcmp(end, "h") == 0)
        unit = TS_HOUR_MS;
    else if (strcmp(end, "m") == 0)
        unit = 60000;
    else if (strcmp(end, "s") == 0)
        unit = 1000;
    else if (*end == 0)
        unit = TS_DAY_MS;
    else
        return -1;
    if (v > INT64_MAX / unit) return -1;
    return (int64_t)v * unit;
}

static int64_t clock_ms(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

int64_t ts_now_ms(void)
{
    return clock_ms(CLOCK_REALTIME);
}

int64_t ts_mono_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}
