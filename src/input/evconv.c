#include "input/evconv.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/ev_parse.h"
#include "input/evconv_int.h"
#include "normalise/ts.h"
#include "util/utf8.h"

/* Room for a record's values and names: a line is at most EV_MAX_LINE
 * bytes, and syslog's names repeat the structured data's ids. */
enum { SCRATCH = 4 * EV_MAX_LINE + 4096 };

int evconv_new(evconv_opts *o, evconv **out, werr *e)
{
    *out = NULL;
    evconv *cv = calloc(1, sizeof *cv);
    if (!cv || !(cv->scratch = malloc(SCRATCH))) {
        free(cv);
        evmap_free(&o->map);
        return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    cv->map = o->map;
    memset(&o->map, 0, sizeof o->map);
    cv->scratch_cap = SCRATCH;
    cv->kind = o->kind;
    cv->delim = o->delim;
    cv->year = o->year;
    cv->now_ms = o->now_ms;
    for (int f = 0; f < EV_F_COUNT; f++)
        cv->col_of[f] = -1;
    if (evmap_check(&cv->map, e) < 0) goto fail;
    for (int f = 0; f < EV_F_COUNT; f++)
        cv->map_len[f] = cv->map.f[f].text ? strlen(cv->map.f[f].text) : 0;
    if (cv->kind != EVCONV_CSV)
        for (int f = 0; f < EV_F_COUNT; f++)
            if (cv->map.f[f].kind == EVMAP_IDX) {
                werr_set(e, WERR_INPUT,
                         "the mapping gives '%s' a column number (#%d): syslog's fields have"
                         " names (time, host, app, procid, msgid, msg, sd.ID.KEY, msg.KEY)",
                         evmap_field_name(f), cv->map.f[f].idx + 1);
                goto fail;
            }
    if (o->timezone && evtz_load(o->timezone, &cv->tz, e) < 0) goto fail;
    if (cv->kind == EVCONV_CSV &&
        csv_init(&cv->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        werr_set(e, WERR_INTERNAL, "out of memory");
        goto fail;
    }
    *out = cv;
    return 0;
fail:
    evconv_free(cv);
    return -1;
}

void evconv_free(evconv *cv)
{
    if (!cv) return;
    if (cv->kind == EVCONV_CSV) csv_free(&cv->csv);
    evmap_free(&cv->map);
    evtz_free(cv->tz);
    for (size_t i = 0; i < cv->hdr_n; i++)
        free(cv->hdr[i]);
    free(cv->hdr);
    free(cv->scratch);
    buf_free(&cv->json);
    buf_free(&cv->rec);
    free(cv);
}

int evconv_start(evconv *cv, lines *l, werr *e)
{
    return cv->kind == EVCONV_CSV ? evconv_csv_start(cv, l, e) : 0;
}

const char *evconv_keep(evconv *cv, const char *s, size_t n)
{
    if (cv->scratch_cap - cv->scratch_len < n + 1) {
        cv->overflow = 1;
        return NULL;
    }
    char *p = cv->scratch + cv->scratch_len;
    memcpy(p, s, n);
    p[n] = 0;
    cv->scratch_len += n + 1;
    return p;
}

int evconv_col(evconv *cv, const char *name, const char *val)
{
    if (!name || !val || cv->ncol == EVCONV_MAXCOL) {
        cv->overflow = 1;
        return -1;
    }
    cv->name[cv->ncol] = name;
    cv->name_len[cv->ncol] = strlen(name);
    cv->val[cv->ncol] = val;
    cv->used[cv->ncol++] = 0;
    return 0;
}

const char *evconv_whyf(arena *a, const char *fmt, ...)
{
    char tmp[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    const char *s = arena_strdup(a, tmp);
    return s ? s : "unreadable record (out of memory for its reason)";
}

/* A syslog line: its columns, then the event. */
static int syslog_next(evconv *cv, lines *l, arena *a, ev_event *ev, const char **rec,
                       size_t *reclen, long *lineno, const char **why)
{
    const char *line;
    size_t len;
    int too_long, rc;
    do {
        if ((rc = lines_next(l, &line, &len, lineno, &too_long)) != 1) return rc;
    } while (len == 0 && !too_long);
    *rec = line;
    *reclen = len;
    long bad;
    *why = NULL;
    cv->ncol = 0;
    cv->scratch_len = 0;
    cv->overflow = 0;
    if (too_long)
        *why = "line longer than 65536 bytes";
    else if (memchr(line, 0, len))
        *why = "NUL byte in the line";
    else if ((bad = utf8_invalid_at(line, len)) >= 0)
        *why = evconv_whyf(a, "invalid UTF-8 at byte %ld", bad + 1);
    if (*why) return 1;
    if (evconv_syslog_cols(cv, line, len, why) < 0) return 1;
    return evconv_build(cv, a, ev, why) == -2 ? -1 : 1;
}

int evconv_next(evconv *cv, lines *l, arena *a, ev_event *ev, const char **rec, size_t *reclen,
                long *lineno, const char **why)
{
    if (cv->kind == EVCONV_CSV) return evconv_csv_next(cv, l, a, ev, rec, reclen, lineno, why);
    return syslog_next(cv, l, a, ev, rec, reclen, lineno, why);
}
