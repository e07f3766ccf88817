/* ops_retention — the retention policy (how long each kind of record is
 * kept before `wachter purge` deletes it) and minimisation (the event
 * fields dropped at ingest), shown and set. README "Retention and
 * minimisation" says what a user sees; docs/privacy.md why. */
#ifndef WACHTER_OPS_RETENTION_H
#define WACHTER_OPS_RETENTION_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

/* The kinds of record with a retention, in the order they are shown. */
typedef enum ops_kind {
    OPS_KIND_EVENTS,
    OPS_KIND_QUARANTINE,
    OPS_KIND_ALERTS,
    OPS_KIND_CASES,
    OPS_KIND_AUDIT,
    OPS_KINDS
} ops_kind;

/* A kind's name ("events", ...), borrowed. */
const char *ops_kind_name(ops_kind k);
/* What a kind's time is measured from, for people, borrowed. */
const char *ops_kind_from(ops_kind k);

/* The longest retention that can be set: a hundred years. */
#define OPS_RETENTION_MAX_DAYS 36500

/* The policy: for each kind, the days kept (0: for ever, nothing set) and
 * when that was set (epoch ms, 0 with nothing set). */
typedef struct ops_retention {
    int64_t days[OPS_KINDS], set_at[OPS_KINDS];
} ops_retention;

/* Reads a duration: a whole number of days, weeks or years ("400d", "12w",
 * "2y"; a year is 365 days) from 1 day to OPS_RETENTION_MAX_DAYS, or
 * "forever" (*days 0). Returns 0, or -1 with e (WERR_INPUT) naming the
 * text and what a duration is. */
int ops_retention_parse(const char *text, int64_t *days, werr *e);
/* Checks that kind names a kind and duration reads (ops_retention_parse,
 * into *days), before anything is opened. 0, or -1 with e (WERR_INPUT). */
int ops_retention_check(const char *kind, const char *duration, int64_t *days, werr *e);
/* The policy in force. 0, or -1 with e. */
int ops_retention_get(store *s, ops_retention *out, werr *e);
/* Sets kind (its name) to duration (ops_retention_parse) as the store's
 * one writer (store_lock.h). A bad kind or duration is WERR_INPUT and
 * changes nothing. 0, or -1 with e. */
int ops_retention_set(store *s, const char *kind, const char *duration, werr *e);

/* The fields dropped at ingest, as a mask of normalise/minimise.h. 0, or
 * -1 with e. */
int ops_minimise_get(store *s, unsigned *mask, werr *e);
/* Checks list as ops_minimise_set reads it, before anything is opened. 0,
 * or -1 with e (WERR_INPUT). */
int ops_minimise_check(const char *list, werr *e);
/* Makes list (field names separated by commas, or "none") the fields
 * dropped at every later ingest, as the store's one writer. An unknown
 * field, one that cannot be dropped or an empty name is WERR_INPUT and
 * changes nothing. 0, or -1 with e. */
int ops_minimise_set(store *s, const char *list, werr *e);
#endif
