/* store_suppress — suppressions as stored (schema 18): a rule's alerts
 * about one actor, subject or unit leave the queue while the suppression
 * is active (not ended, until not passed). An expired one ends by itself:
 * "active" is decided against the time asked about, nothing has to run. */
#ifndef WACHTER_STORE_SUPPRESS_H
#define WACHTER_STORE_SUPPRESS_H
#include <stdint.h>

#include "store/store.h"

/* An SQL expression (for the store's own queries): whether an active
 * suppression at time NOW (an SQL value) matches the alert row A (an
 * alias of alerts). */
#define STORE_SUPPRESSED_SQL(A, NOW)                                                               \
    "EXISTS(SELECT 1 FROM suppressions p WHERE p.ended IS NULL AND p.until > " NOW                 \
    " AND p.rule = " A ".rule AND ((p.scope = 'actor' AND (p.value = " A ".actor OR EXISTS("       \
    "SELECT 1 FROM alert_actors x WHERE x.alert_id = " A ".id AND x.actor = p.value)))"            \
    " OR (p.scope = 'subject' AND EXISTS(SELECT 1 FROM alert_events v WHERE v.alert_id = " A       \
    ".id AND v.subject = p.value)) OR (p.scope = 'unit' AND EXISTS(SELECT 1 FROM actors u"         \
    " WHERE u.actor = " A ".actor AND u.unit = p.value))))"

/* One suppression, borrowed for the call that gives it. ended 0: not
 * ended by hand. */
typedef struct store_suppression {
    int64_t id;
    const char *rule, *scope, *value, *reason, *account;
    int64_t until, at, ended;
} store_suppression;
typedef int (*store_suppression_fn)(const store_suppression *p, void *ctx);

/* Adds p (its id ignored); *id its number. 0 or -1. */
int store_suppress_add(store *s, const store_suppression *p, int64_t *id);
/* Ends suppression id at `at` (only one not yet ended). 1 ended, 0 none
 * such (or already ended), -1 error. */
int store_suppress_end(store *s, int64_t id, int64_t at);
/* Calls fn with suppression id: 1 found, 0 not, -1 error. */
int store_suppress_get(store *s, int64_t id, store_suppression_fn fn, void *ctx);
/* Every suppression by id, or only those active at now (active_only);
 * fn's non-zero return stops and is returned; 0 or -1. */
int store_suppress_each(store *s, int active_only, int64_t now, store_suppression_fn fn, void *ctx);
#endif
