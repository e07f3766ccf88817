#include "ops/ops_retention.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "normalise/minimise.h"
#include "store/store_lock.h"
#include "store/store_retention.h"

static const char *const KIND[OPS_KINDS] = {"events", "quarantine", "alerts", "cases", "audit"};
static const char *const FROM[OPS_KINDS] = {"the event's time", "when the line was quarantined",
                                            "the alert's time", "the case's closing",
                                            "the entry's time"};

const char *ops_kind_name(ops_kind k)
{
    return k < OPS_KINDS ? KIND[k] : "";
}

const char *ops_kind_from(ops_kind k)
{
    return k < OPS_KINDS ? FROM[k] : "";
}

static int kind_of(const char *name)
{
    for (int k = 0; k < OPS_KINDS; k++)
        if (strcmp(KIND[k], name) == 0) return k;
    return -1;
}

int ops_retention_parse(const char *text, int64_t *days, werr *e)
{
    if (strcmp(text, "forever") == 0) {
        *days = 0;
        return 0;
    }
    const char *p = text;
    int64_t n = 0;
    for (; isdigit((unsigned char)*p); p++) /* past the maximum: out of range, not garbage */
        if (n <= OPS_RETENTION_MAX_DAYS) n = n * 10 + (*p - '0');
    int64_t unit = *p == 'd' ? 1 : *p == 'w' ? 7 : *p == 'y' ? 365 : 0;
    if (p == text || !unit || p[1] != 0)
        return werr_set(e, WERR_INPUT,
                        "duration '%s': a whole number of days, weeks or years (400d, 12w, 2y),"
                        " or forever",
                        text);
    if (n < 1 || n * unit > OPS_RETENTION_MAX_DAYS)
        return werr_set(e, WERR_INPUT,
                        "duration '%s': from 1d to %dd (a hundred years), or forever", text,
                        OPS_RETENTION_MAX_DAYS);
    *days = n * unit;
    return 0;
}

int ops_retention_get(store *s, ops_retention *out, werr *e)
{
    for (int k = 0; k < OPS_KINDS; k++)
        if (store_retention_get(s, KIND[k], &out->days[k], &out->set_at[k]) < 0)
            return werr_set(e, WERR_UNAVAILABLE, "reading the retention policy: %s",
                            store_errmsg(s));
    return 0;
}

int ops_retention_check(const char *kind, const char *duration, int64_t *days, werr *e)
{
    if (kind_of(kind) < 0)
        return werr_set(e, WERR_INPUT,
                        "unknown kind '%s': one of events, quarantine, alerts, cases, audit", kind);
    return ops_retention_parse(duration, days, e);
}

int ops_retention_set(store *s, const char *kind, const char *duration, werr *e)
{
    int64_t days;
    if (ops_retention_check(kind, duration, &days, e) < 0) return -1;
    int k = kind_of(kind);
    if (store_writer_begin(s, "retention set", e) < 0) return -1;
    int rc = store_retention_set(s, KIND[k], days, ts_now_ms());
    if (rc < 0)
        werr_set(e, WERR_UNAVAILABLE, "setting the retention of %s: %s", KIND[k], store_errmsg(s));
    store_writer_end(s);
    return rc;
}

static int add_field(const char *field, void *ctx)
{
    int bit = minimise_field(field);
    if (bit > 0) *(unsigned *)ctx |= (unsigned)bit;
    return 0;
}

int ops_minimise_get(store *s, unsigned *mask, werr *e)
{
    *mask = 0;
    if (store_minimise_each(s, add_field, mask) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "reading the fields dropped at ingest: %s",
                        store_errmsg(s));
    return 0;
}

/* Reads list into *mask. 0, or -1 with e. */
static int parse_list(const char *list, unsigned *mask, werr *e)
{
    *mask = 0;
    if (strcmp(list, "none") == 0) return 0;
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char name[64];
        if (n == 0)
            return werr_set(e, WERR_INPUT,
                            "field list '%s': an empty name (fields are"
                            " separated by single commas)",
                            list);
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p);
        int bit = n < sizeof name ? minimise_field(name) : 0;
        if (bit == MIN_NEEDED)
            return werr_set(e, WERR_INPUT,
                            "field '%s' cannot be dropped: detection, explanation and"
                            " deduplication stand on it (droppable: %s)",
                            name, minimise_names());
        if (bit == 0)
            return werr_set(e, WERR_INPUT, "unknown field '%s': one of %s, or none", name,
                            minimise_names());
        *mask |= (unsigned)bit;
        if (!end) return 0;
        p = end + 1;
    }
}

int ops_minimise_check(const char *list, werr *e)
{
    unsigned mask;
    return parse_list(list, &mask, e);
}

int ops_minimise_set(store *s, const char *list, werr *e)
{
    unsigned mask;
    if (parse_list(list, &mask, e) < 0) return -1;
    const char *names[8];
    size_t n = 0;
    for (unsigned bit = 1; bit & MIN_ALL; bit <<= 1)
        if (mask & bit) names[n++] = minimise_name(bit);
    if (store_writer_begin(s, "minimise drop", e) < 0) return -1;
    int rc = store_minimise_replace(s, names, n);
    if (rc < 0)
        werr_set(e, WERR_UNAVAILABLE, "setting the fields dropped at ingest: %s", store_errmsg(s));
    store_writer_end(s);
    return rc;
}
