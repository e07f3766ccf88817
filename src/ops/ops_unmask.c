#include "ops/ops_unmask.h"

#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "store/store_unmask.h"

enum { REASON_MAX = 1000, CONCERNS_MAX = 200 };

static int blank(const char *t)
{
    for (; *t; t++)
        if (*t != ' ' && *t != '\t') return 0;
    return 1;
}

int ops_unmask_request(store *s, const char *account, const char *actor, const char *reason,
                       const char *concerns, int64_t now, int64_t *id, werr *e)
{
    if (blank(reason))
        return werr_set(e, WERR_INPUT, "an unmasking needs a reason (--reason TEXT)");
    if (strlen(reason) > REASON_MAX)
        return werr_set(e, WERR_INPUT, "the reason is longer than %d bytes", REASON_MAX);
    if (strlen(concerns) > CONCERNS_MAX)
        return werr_set(e, WERR_INPUT, "what it concerns is longer than %d bytes", CONCERNS_MAX);
    if (store_unmask_add(s, actor, account, reason, concerns, now, id) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the request: %s", store_errmsg(s));
    return 0;
}

/* The status as of now: an approval past its time has expired. */
static const char *status_at(const store_unmask *u, int64_t now)
{
    return strcmp(u->status, "approved") == 0 && now >= u->expires ? "expired" : u->status;
}

typedef struct found {
    int64_t now;
    char requester[256], status[16], decider[256], decided[32];
} found;

static int keep(const store_unmask *u, void *ctx)
{
    found *f = ctx;
    snprintf(f->requester, sizeof f->requester, "%s", u->requester);
    snprintf(f->status, sizeof f->status, "%s", status_at(u, f->now));
    snprintf(f->decider, sizeof f->decider, "%s", u->decider);
    ts_format(u->decided, f->decided);
    return 0;
}

int ops_unmask_decide(store *s, const char *account, int may_decide, int64_t id, int approve,
                      const char *note, int days, int64_t now, werr *e)
{
    if (strlen(note) > REASON_MAX)
        return werr_set(e, WERR_INPUT, "the note is longer than %d bytes", REASON_MAX);
    found f = {.now = now};
    int got = store_unmask_get(s, id, keep, &f);
    if (got < 0) return werr_set(e, WERR_UNAVAILABLE, "cannot read requests: %s", store_errmsg(s));
    if (!got) return werr_set(e, WERR_NOT_FOUND, "no unmasking request %lld", (long long)id);
    if (!may_decide)
        return werr_set(e, WERR_FORBIDDEN,
                        "%s may not decide unmasking requests (a senior analyst or a privacy"
                        " officer decides)",
                        account);
    if (strcmp(f.requester, account) == 0)
        return werr_set(e, WERR_FORBIDDEN,
                        "request %lld is %s's own: another account must decide it (four eyes)",
                        (long long)id, account);
    if (strcmp(f.status, "pending") != 0)
        return werr_set(e, WERR_CONFLICT, "request %lld was %s by %s on %.10s already",
                        (long long)id, strcmp(f.status, "expired") == 0 ? "approved" : f.status,
                        f.decider, f.decided);
    int64_t expires = approve ? now + (int64_t)days * TS_DAY_MS : 0;
    int rc =
        store_unmask_decide(s, id, approve ? "approved" : "refused", account, now, note, expires);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the decision: %s", store_errmsg(s));
    if (rc == 0) /* decided by someone else since it was read */
        return werr_set(e, WERR_CONFLICT, "request %lld was decided already", (long long)id);
    return 0;
}

typedef struct listing {
    int64_t now;
    ops_unmask_fn fn;
    void *ctx;
} listing;

static int row(const store_unmask *u, void *ctx)
{
    listing *l = ctx;
    ops_unmask_row r = {
        u->id,      u->actor, u->requester, u->reason,  u->concerns, status_at(u, l->now),
        u->decider, u->note,  u->asked,     u->decided, u->expires};
    return l->fn(&r, l->ctx);
}

int ops_unmask_list(store *s, const char *requester, int64_t now, ops_unmask_fn fn, void *ctx,
                    werr *e)
{
    listing l = {now, fn, ctx};
    if (store_unmask_each(s, requester, row, &l) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read requests: %s", store_errmsg(s));
    return 0;
}

typedef struct shown {
    int64_t now;
    int (*fn)(const char *actor, void *ctx);
    void *ctx;
} shown;

static int granted(const store_unmask *u, void *ctx)
{
    shown *g = ctx;
    return strcmp(status_at(u, g->now), "approved") == 0 ? g->fn(u->actor, g->ctx) : 0;
}

int ops_unmask_shown(store *s, const char *account, int64_t now,
                     int (*fn)(const char *actor, void *ctx), void *ctx, werr *e)
{
    shown g = {now, fn, ctx};
    int rc = store_unmask_each(s, account, granted, &g);
    if (rc < 0 && e && !e->code)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read requests: %s", store_errmsg(s));
    return rc;
}
