#include "emit/emit_screening.h"

#include <inttypes.h>
#include <string.h>

#include "normalise/ts.h"
#include "util/esc.h"

/* A day as YYYY-MM-DD, "-" for 0. */
static void day_of(int64_t ms, char out[32])
{
    if (!ms) {
        strcpy(out, "-");
        return;
    }
    ts_format(ms, out);
    out[10] = 0;
}

/* The same as a JSON value: "YYYY-MM-DD" or null. */
static int json_day(buf *b, const char *key, int64_t ms)
{
    char d[32];
    day_of(ms, d);
    return ms ? buf_printf(b, ",\"%s\":\"%s\"", key, d) : buf_printf(b, ",\"%s\":null", key);
}

static const char *const heads[] = {
    [EMIT_SCREEN_DUE] = "%-16s  %-16s  %-16s  %-9s  %6s  %-10s  %-10s  %s\n",
    [EMIT_SCREEN_UNSCREENED] = "%-16s  %-16s  %-16s  %-9s  %6s  %-10s  %s\n",
    [EMIT_SCREEN_NEGATIVE] = "%-16s  %-16s  %-16s  %-9s  %-10s  %s\n",
};

int emit_screening_begin(buf *b, enum emit_format f, emit_screen_report k)
{
    if (f == EMIT_JSONL) return 0;
    switch (k) {
    case EMIT_SCREEN_DUE:
        return esc_printf(b, heads[k], "UNIT", "ROLE", "ACTOR", "KIND", "EVERY", "LAST", "DUE",
                          "STATUS");
    case EMIT_SCREEN_UNSCREENED:
        return esc_printf(b, heads[k], "UNIT", "ROLE", "ACTOR", "KIND", "EVERY", "STARTED",
                          "WITHOUT A SCREENING");
    case EMIT_SCREEN_NEGATIVE:
        return esc_printf(b, heads[k], "UNIT", "ROLE", "ACTOR", "KIND", "NEGATIVE", "RIGHTS HELD");
    }
    return 0;
}

/* "overdue 12 days", "due today", "due in 30 days". */
static void status_of(int64_t days, char out[48])
{
    if (days < 0)
        snprintf(out, 48, "overdue %" PRId64 " day%s", -days, days == -1 ? "" : "s");
    else if (days == 0)
        snprintf(out, 48, "due today");
    else
        snprintf(out, 48, "due in %" PRId64 " day%s", days, days == 1 ? "" : "s");
}

static int json_head(buf *b, const ops_screen_row *r)
{
    int rc = buf_puts(b, "{\"actor\":") | buf_json_str(b, r->actor);
    rc |= buf_puts(b, ",\"unit\":") | buf_json_str(b, r->unit);
    rc |= buf_puts(b, ",\"role\":") | buf_json_str(b, r->role);
    return rc | buf_puts(b, ",\"kind\":") | buf_json_str(b, r->kind);
}

/* rights "a:b, c:d" as a JSON array. */
static int json_rights(buf *b, const char *rights)
{
    int rc = buf_puts(b, ",\"rights\":[");
    for (const char *p = rights; *p;) {
        size_t n = strcspn(p, ",");
        char one[512];
        snprintf(one, sizeof one, "%.*s", (int)(n < 511 ? n : 511), p);
        rc |= (p == rights ? 0 : buf_puts(b, ",")) | buf_json_str(b, one);
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    return rc | buf_puts(b, "]");
}

int emit_screening_row(buf *b, enum emit_format f, emit_screen_report k, const ops_screen_row *r)
{
    char last[32], due[32], every[24], status[48];
    day_of(r->last, last);
    day_of(r->due, due);
    snprintf(every, sizeof every, "%" PRId64 "m", r->every_months);
    int rc = 0;
    switch (k) {
    case EMIT_SCREEN_DUE:
        status_of(r->days, status);
        if (f == EMIT_TABLE)
            return esc_printf(b, heads[k], r->unit, r->role, r->actor, r->kind, every, last, due,
                              status);
        rc = json_head(b, r) | buf_printf(b, ",\"every_months\":%" PRId64, r->every_months);
        rc |= json_day(b, "last", r->last) | json_day(b, "due", r->due);
        return rc | buf_printf(b, ",\"days\":%" PRId64 ",\"status\":\"%s\"}\n", r->days,
                               r->days < 0 ? "overdue" : "due");
    case EMIT_SCREEN_UNSCREENED: {
        char start[32], since[64];
        day_of(r->start, start);
        snprintf(since, sizeof since, "%" PRId64 " day%s (since %s)", r->days,
                 r->days == 1 ? "" : "s", due);
        if (f == EMIT_TABLE)
            return esc_printf(b, heads[k], r->unit, r->role, r->actor, r->kind, every, start,
                              since);
        rc = json_head(b, r) | buf_printf(b, ",\"every_months\":%" PRId64, r->every_months);
        rc |= json_day(b, "start", r->start) | json_day(b, "since", r->due);
        return rc | buf_printf(b, ",\"days\":%" PRId64 "}\n", r->days);
    }
    case EMIT_SCREEN_NEGATIVE:
        if (f == EMIT_TABLE)
            return esc_printf(b, heads[k], r->unit[0] ? r->unit : "-", r->role[0] ? r->role : "-",
                              r->actor, r->kind, last, r->rights);
        rc = json_head(b, r) | json_day(b, "screened", r->last) | json_rights(b, r->rights);
        return rc | buf_puts(b, "}\n");
    }
    return 0;
}

int emit_screening_end(buf *b, enum emit_format f, emit_screen_report k, long rows)
{
    static const char *const none[] = {
        [EMIT_SCREEN_DUE] = "(no one overdue or due in the period)\n",
        [EMIT_SCREEN_UNSCREENED] = "(no starter without a screening)\n",
        [EMIT_SCREEN_NEGATIVE] = "(no negative screening of anyone holding rights)\n",
    };
    return f == EMIT_TABLE && rows == 0 ? buf_puts(b, none[k]) : 0;
}

int emit_screening_api_head(buf *b, emit_screen_report k, int64_t at, int64_t days)
{
    static const char *const names[] = {"due", "unscreened", "negative"};
    char d[32];
    day_of(at, d);
    int rc = buf_printf(b, "{\"report\":\"%s\",\"at\":\"%s\"", names[k], d);
    if (k == EMIT_SCREEN_DUE) rc |= buf_printf(b, ",\"days\":%" PRId64, days);
    return rc | buf_puts(b, ",\"rows\":[");
}

int emit_screening_sep(buf *b, long rows)
{
    return rows ? buf_puts(b, ",") : 0;
}

int emit_screening_api_tail(buf *b)
{
    return buf_puts(b, "]}");
}
