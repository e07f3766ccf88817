#include "ops/ops_suppress.h"

#include <stdio.h>
#include <string.h>

#include "detect/rules.h"
#include "normalise/ts.h"

#define YEAR_MS (366 * TS_DAY_MS)

int ops_suppress_until(const char *text, int64_t now, int64_t *until, werr *e)
{
    if (!text || !*text)
        return werr_set(e, WERR_INPUT, "a suppression needs an end date (until), e.g. 2026-06-30");
    size_t n = strlen(text);
    int64_t t = 0;
    int date = n == 10 && text[4] == '-' && text[7] == '-';
    char full[32];
    if (date) snprintf(full, sizeof full, "%sT00:00:00Z", text);
    if (ts_parse(date ? full : text, date ? strlen(full) : n, &t) != TS_OK)
        return werr_set(e, WERR_INPUT,
                        "'%.40s' is not an end date: a date (2026-06-30), a time or epoch ms",
                        text);
    if (date) t += TS_DAY_MS;
    if (t <= now) return werr_set(e, WERR_INPUT, "the end date %.40s has passed", text);
    if (t - now > YEAR_MS)
        return werr_set(e, WERR_INPUT, "a suppression lasts at most a year; %.40s is further",
                        text);
    *until = t;
    return 0;
}

static int known_rule(const char *rule)
{
    size_t n;
    const rule_def *const *all = rules_all(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(all[i]->name, rule) == 0) return 1;
    return 0;
}

int ops_suppress_add(store *s, const char *account, const char *rule, const char *scope,
                     const char *value, const char *reason, int64_t until, int64_t now, int64_t *id,
                     werr *e)
{
    if (!rule || !known_rule(rule))
        return werr_set(e, WERR_INPUT, "'%.60s' is not a rule (wachter rules lists them)",
                        rule ? rule : "");
    if (!scope || (strcmp(scope, "actor") != 0 && strcmp(scope, "subject") != 0 &&
                   strcmp(scope, "unit") != 0))
        return werr_set(e, WERR_INPUT,
                        "a suppression's scope is actor, subject or unit, not '%.40s'",
                        scope ? scope : "");
    if (!value || !*value)
        return werr_set(e, WERR_INPUT, "a suppression needs the %s it is about", scope);
    if (strlen(value) > 200) return werr_set(e, WERR_INPUT, "the %s is at most 200 bytes", scope);
    size_t blank = 0, n = reason ? strlen(reason) : 0;
    for (size_t i = 0; i < n; i++)
        blank += reason[i] == ' ' || reason[i] == '\t' || reason[i] == '\n';
    if (n == blank) return werr_set(e, WERR_INPUT, "a suppression needs a reason");
    if (n > OPS_SUPPRESS_REASON_MAX)
        return werr_set(e, WERR_INPUT, "a suppression's reason is at most %d bytes",
                        OPS_SUPPRESS_REASON_MAX);
    if (until <= now || until - now > YEAR_MS)
        return werr_set(e, WERR_INPUT, "a suppression ends after now and at most a year ahead");
    store_suppression p = {0, rule, scope, value, reason, account, until, now, 0};
    if (store_suppress_add(s, &p, id) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the suppression: %s", store_errmsg(s));
    return 0;
}

int ops_suppress_active(const store_suppression *p, int64_t now)
{
    return p->ended == 0 && p->until > now;
}

static int keep(const store_suppression *p, void *ctx)
{
    *(store_suppression *)ctx = *p; /* only the numbers are read after the call */
    return 0;
}

int ops_suppress_get(store *s, int64_t id, store_suppression_fn fn, void *ctx, werr *e)
{
    int rc = store_suppress_get(s, id, fn, ctx);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the suppressions: %s", store_errmsg(s));
    if (rc == 0) return werr_set(e, WERR_NOT_FOUND, "no suppression %lld", (long long)id);
    return 0;
}

int ops_suppress_end(store *s, int64_t id, int64_t now, werr *e)
{
    store_suppression p;
    if (ops_suppress_get(s, id, keep, &p, e) < 0) return -1;
    if (!ops_suppress_active(&p, now))
        return werr_set(e, WERR_CONFLICT, "suppression %lld has ended already", (long long)id);
    if (store_suppress_end(s, id, now) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot end suppression %lld: %s", (long long)id,
                        store_errmsg(s));
    return 0;
}

int ops_suppress_list(store *s, int active_only, int64_t now, store_suppression_fn fn, void *ctx,
                      werr *e)
{
    if (store_suppress_each(s, active_only, now, fn, ctx) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the suppressions: %s", store_errmsg(s));
    return 0;
}
