/* evconv_build — a record's columns → the canonical JSON object → ev_parse.
 * Times are given to ev_parse as RFC 3339 (or epoch milliseconds): local
 * times of exports get the offset of --timezone at that moment. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv_int.h"
#include "normalise/ts.h"

static int digits_at(const char *s, size_t k, int *out)
{
    int v = 0;
    for (size_t i = 0; i < k; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int evconv_local_time(evconv *cv, int y, int mo, int d, int h, int mi, int s, const char *frac,
                      size_t fraclen, buf *out, const char **why)
{
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || y < 1970 ||
        y > 2100) {
        *why = "impossible time (a month, day, hour, minute or second out of range)";
        return -1;
    }
    if (!cv->tz) {
        *why = "a time without an offset, and no --timezone to read it in (e.g. --timezone"
               " Europe/Amsterdam)";
        return -1;
    }
    int64_t local = ts_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 +
                    (s > 59 ? 59 : s),
            utc;
    if (evtz_to_utc(cv->tz, local, &utc) < 0) {
        *why = "a local time that does not occur (the hour the clocks go forward)";
        return -1;
    }
    int off = (int)(local - utc), aoff = off < 0 ? -off : off;
    return buf_printf(out, "\"%04d-%02d-%02dT%02d:%02d:%02d%s%.*s%c%02d:%02d\"", y, mo, d, h, mi, s,
                      fraclen ? "." : "", (int)(fraclen > 9 ? 9 : fraclen), frac,
                      off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60) < 0
               ? -2
               : 0;
}

/* Appends the JSON of time s: epoch ms as a number; a date and time
 * (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY; T or a space;
 * HH:MM[:SS[.fff]]) with Z or an offset as RFC 3339; without one, read in
 * --timezone; anything else as it is, for ev_parse to judge. 0, -1 with
 * *why, -2 out of memory. */
static int put_time(evconv *cv, const char *s, buf *out, const char **why)
{
    size_t n = strlen(s), i;
    for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
        continue;
    if (i == n && n <= 16) return buf_put(out, s, n) < 0 ? -2 : 0;
    /* RFC 3339 as ev_parse reads it (2026-03-02T09:14:05[.fff]Z or an
     * offset), the common case: as it is. */
    if (n >= 20 && s[4] == '-' && s[10] == 'T' &&
        (s[n - 1] == 'Z' || (n >= 25 && s[n - 3] == ':' && (s[n - 6] == '+' || s[n - 6] == '-'))))
        return buf_json_str(out, s) < 0 ? -2 : 0;
    int y, mo, d, h, mi, sec = 0;
    size_t p;
    if (n >= 10 && s[4] == '-' && s[7] == '-' && digits_at(s, 4, &y) == 0 &&
        digits_at(s + 5, 2, &mo) == 0 && digits_at(s + 8, 2, &d) == 0)
        p = 10;
    else if (n >= 10 && strchr("-/.", s[2]) && s[5] == s[2] && digits_at(s, 2, &d) == 0 &&
             digits_at(s + 3, 2, &mo) == 0 && digits_at(s + 6, 4, &y) == 0)
        p = 10;
    else
        goto as_is;
    if (p >= n || (s[p] != 'T' && s[p] != ' ')) goto as_is;
    p++;
    if (p + 5 > n || s[p + 2] != ':' || digits_at(s + p, 2, &h) < 0 ||
        digits_at(s + p + 3, 2, &mi) < 0)
        goto as_is;
    p += 5;
    if (p + 3 <= n && s[p] == ':' && digits_at(s + p + 1, 2, &sec) == 0) p += 3;
    const char *frac = "";
    size_t fraclen = 0;
    if (p < n && (s[p] == '.' || s[p] == ',')) {
        frac = s + ++p;
        while (p < n && isdigit((unsigned char)s[p]))
            p++, fraclen++;
        if (!fraclen) goto as_is;
    }
    while (p < n && s[p] == ' ')
        p++;
    if (p == n) return evconv_local_time(cv, y, mo, d, h, mi, sec, frac, fraclen, out, why);
    const char *zone = s + p;
    char zbuf[8];
    int zd;
    if (strcmp(zone, "Z") == 0 || strcmp(zone, "UTC") == 0)
        zone = "Z";
    else if ((zone[0] == '+' || zone[0] == '-') && n - p == 5 && digits_at(zone + 1, 4, &zd) == 0) {
        snprintf(zbuf, sizeof zbuf, "%c%.2s:%.2s", zone[0], zone + 1, zone + 3);
        zone = zbuf;
    } else if (!((zone[0] == '+' || zone[0] == '-') && n - p == 6 && zone[3] == ':'))
        goto as_is;
    return buf_printf(out, "\"%04d-%02d-%02dT%02d:%02d:%02d%s%.*s%s\"", y, mo, d, h, mi, sec,
                      fraclen ? "." : "", (int)(fraclen > 9 ? 9 : fraclen), frac, zone) < 0
               ? -2
               : 0;
as_is:
    return buf_json_str(out, s) < 0 ? -2 : 0;
}

/* 1 when s is a whole number JSON may hold as it is. */
static int whole(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 15) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* The value field f takes from the record, or NULL (none, or empty). */
static const char *value_of(evconv *cv, int f)
{
    const evmap_src *m = &cv->map.f[f];
    if (m->kind == EVMAP_FIXED) return m->text;
    const char *v = NULL;
    if (cv->kind == EVCONV_CSV) {
        int c = cv->col_of[f];
        if (c >= 0 && (size_t)c < cv->ncol) v = cv->val[c];
    } else if (m->kind == EVMAP_COL) {
        for (size_t i = 0; i < cv->ncol; i++)
            if (cv->name_len[i] == cv->map_len[f] &&
                memcmp(cv->name[i], m->text, cv->map_len[f]) == 0) {
                cv->used[i] = 1;
                if (!v) v = cv->val[i];
            }
    }
    return v && *v ? v : NULL;
}

int evconv_build(evconv *cv, arena *a, ev_event *ev, const char **why)
{
    buf *j = &cv->json;
    buf_reset(j);
    if (cv->overflow) {
        *why = "more than 256 columns, or too long once split into them";
        return -1;
    }
    int rc = buf_put(j, "{", 1), first = 1;
    for (int f = 0; f < EV_F_COUNT && rc == 0; f++) {
        if (cv->map.f[f].kind == EVMAP_NONE) continue;
        const char *v = value_of(cv, f);
        if (!v) {
            if (f == EV_F_TS || f == EV_F_ACTOR || f == EV_F_ACTION) {
                *why = evconv_whyf(
                    a, "no value for required field '%s' (%s '%.60s')", evmap_field_name(f),
                    cv->map.f[f].kind == EVMAP_IDX ? "column" : "from", cv->map.f[f].text);
                return -1;
            }
            continue;
        }
        /* Not buf_printf: a record's keys are most of its conversion. */
        if ((!first && buf_put(j, ",", 1) < 0) || buf_put(j, "\"", 1) < 0 ||
            buf_puts(j, evmap_field_name(f)) < 0 || buf_put(j, "\":", 2) < 0) {
            rc = -1;
            break;
        }
        first = 0;
        if (f == EV_F_TS) {
            rc = put_time(cv, v, j, why);
            if (rc == -1) {
                *why = evconv_whyf(a, "%s: '%.60s'", *why, v);
                return -1;
            }
        } else if (f == EV_F_RESULTS && whole(v))
            rc = buf_puts(j, v);
        else
            rc = buf_json_str(j, v);
    }
    /* The columns no field took are kept as the event's other fields. */
    for (size_t i = 0; i < cv->ncol && rc == 0; i++) {
        if (cv->used[i] || !cv->val[i][0]) continue;
        rc = buf_puts(j, first ? "" : ",");
        first = 0;
        if (rc == 0) rc = buf_json_str(j, cv->name[i]);
        if (rc == 0) rc = buf_put(j, ":", 1);
        if (rc == 0) rc = buf_json_str(j, cv->val[i]);
    }
    if (rc < 0 || buf_put(j, "}", 1) < 0) return -2;
    return ev_parse(j->data, j->len, a, ev, why);
}
