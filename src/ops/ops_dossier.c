#include "ops/ops_dossier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "investigate/timeline.h"
#include "normalise/ts.h"
#include "ops/ops_workflow.h"
#include "store/store_accounts.h"
#include "util/arena.h"
#include "util/strmap.h"

/* What the operations read of a dossier, copied. */
typedef struct cur {
    char actor[96], status[16], investigator[96], outcome[OPS_DOSSIER_OUTCOME_MAX + 1];
    int64_t opened;
} cur;

static int keep(const store_dossier *d, void *ctx)
{
    cur *c = ctx;
    snprintf(c->actor, sizeof c->actor, "%s", d->actor);
    snprintf(c->status, sizeof c->status, "%s", d->status);
    snprintf(c->investigator, sizeof c->investigator, "%s", d->investigator);
    snprintf(c->outcome, sizeof c->outcome, "%s", d->outcome);
    c->opened = d->opened;
    return 0;
}

int ops_dossier_get(store *s, const char *id, store_dossier_fn fn, void *ctx, werr *e)
{
    int rc = store_dossier_get(s, id, fn, ctx);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read dossier %.40s: %s", id, store_errmsg(s));
    if (rc == 0) return werr_set(e, WERR_NOT_FOUND, "no dossier %.40s", id);
    return 0;
}

static int load(store *s, const char *id, cur *c, werr *e)
{
    return ops_dossier_get(s, id, keep, c, e);
}

static int fail_tx(store *s, werr *e, const char *id)
{
    werr_set(e, WERR_UNAVAILABLE, "cannot change dossier %.40s: %s", id, store_errmsg(s));
    store_rollback(s);
    return -1;
}

static int text_check(const char *what, const char *t, size_t max, werr *e)
{
    size_t n = t ? strlen(t) : 0, blank = 0;
    for (size_t i = 0; i < n; i++)
        blank += t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
    if (n == blank) return werr_set(e, WERR_INPUT, "a dossier needs %s", what);
    if (n > max) return werr_set(e, WERR_INPUT, "a dossier's %s is at most %zu bytes", what, max);
    return 0;
}

static int alert_actor(const store_wf_alert *a, void *ctx)
{
    snprintf(ctx, 96, "%s", a->actor);
    return 0;
}

/* Checks that each alert exists and is actor's. */
static int check_alerts(store *s, const char *actor, const char *const *alerts, size_t n,
                        int64_t now, werr *e)
{
    for (size_t i = 0; i < n; i++) {
        char who[96] = "";
        int rc = store_wf_get(s, alerts[i], now, alert_actor, who);
        if (rc < 0)
            return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
        if (rc == 0) return werr_set(e, WERR_NOT_FOUND, "no alert %.80s", alerts[i]);
        if (strcmp(who, actor) != 0)
            return werr_set(e, WERR_INPUT, "alert %.80s is about another person than the dossier's",
                            alerts[i]);
    }
    return 0;
}

static int add_alerts(store *s, const char *account, const char *id, const char *const *alerts,
                      size_t n, int64_t now)
{
    for (size_t i = 0; i < n; i++) {
        int rc = store_dossier_add_alert(s, id, alerts[i], now);
        store_wf_change c = {now, account, "add alert", "", alerts[i], ""};
        if (rc < 0 || (rc > 0 && store_wf_change_add(s, STORE_WF_DOSSIER, id, &c) < 0)) return -1;
    }
    return 0;
}

int ops_dossier_open(store *s, const char *account, const char *actor, const char *title,
                     const char *const *alerts, size_t n, int64_t now, char *id, size_t idn,
                     werr *e)
{
    if (!actor || !*actor) return werr_set(e, WERR_INPUT, "a dossier needs the person it is about");
    if (text_check("a title", title, OPS_DOSSIER_TITLE_MAX, e) < 0) return -1;
    if (check_alerts(s, actor, alerts, n, now, e) < 0) return -1;
    if (store_begin(s) < 0) return fail_tx(s, e, "new");
    store_wf_change c = {now, account, "open", "", "open", title};
    if (store_dossier_add(s, actor, title, account, now, id, idn) < 0 ||
        store_wf_change_add(s, STORE_WF_DOSSIER, id, &c) < 0 ||
        add_alerts(s, account, id, alerts, n, now) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, "new");
    return 0;
}

int ops_dossier_add_alerts(store *s, const char *account, const char *id, const char *const *alerts,
                           size_t n, int64_t now, werr *e)
{
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    if (strcmp(c.status, "open") != 0)
        return werr_set(e, WERR_CONFLICT, "dossier %.40s is closed: open it again first", id);
    if (n == 0) return werr_set(e, WERR_INPUT, "which alerts? (their ids)");
    if (check_alerts(s, c.actor, alerts, n, now, e) < 0) return -1;
    if (store_begin(s) < 0 || add_alerts(s, account, id, alerts, n, now) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, id);
    return 0;
}

int ops_dossier_note(store *s, const char *account, const char *id, const char *text, int64_t now,
                     werr *e)
{
    if (ops_wf_note_check(text, e) < 0) return -1;
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    store_wf_note note = {now, account, text};
    char start[64];
    snprintf(start, sizeof start, "%.60s", text);
    store_wf_change ch = {now, account, "note", "", "", start};
    if (store_begin(s) < 0 || store_wf_note_add(s, STORE_WF_DOSSIER, id, &note) < 0 ||
        store_wf_change_add(s, STORE_WF_DOSSIER, id, &ch) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, id);
    return 0;
}

static int enabled(const store_account *a, void *ctx)
{
    *(int *)ctx = !a->disabled;
    return 0;
}

int ops_dossier_assign(store *s, const char *account, const char *id, const char *investigator,
                       int64_t now, werr *e)
{
    if (!investigator || !*investigator)
        return werr_set(e, WERR_INPUT, "assign to whom? (an account's name)");
    int ok = 0, rc = store_account_get(s, investigator, enabled, &ok);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the accounts: %s", store_errmsg(s));
    if (rc == 0 || !ok)
        return werr_set(e, WERR_NOT_FOUND, "no enabled account '%.80s' to assign to", investigator);
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    store_wf_change ch = {now, account, "assign", c.investigator, investigator, ""};
    if (store_begin(s) < 0 ||
        store_dossier_update(s, id, c.status, investigator,
                             strcmp(c.status, "closed") == 0 ? now : 0, c.outcome) < 0 ||
        store_wf_change_add(s, STORE_WF_DOSSIER, id, &ch) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, id);
    return 0;
}

int ops_dossier_status(store *s, const char *account, const char *id, const char *status,
                       const char *outcome, int64_t now, werr *e)
{
    int closing = status && strcmp(status, "closed") == 0;
    if (!status || (!closing && strcmp(status, "open") != 0))
        return werr_set(e, WERR_INPUT, "a dossier's status is open or closed, not '%.40s'",
                        status ? status : "");
    if (closing && text_check("an outcome to close", outcome, OPS_DOSSIER_OUTCOME_MAX, e) < 0)
        return -1;
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    if (strcmp(c.status, status) == 0)
        return werr_set(e, WERR_CONFLICT, "dossier %.40s is %s already", id, status);
    store_wf_change ch = {now, account, "status", c.status, status, closing ? outcome : ""};
    if (store_begin(s) < 0 ||
        store_dossier_update(s, id, status, c.investigator, closing ? now : 0,
                             closing ? outcome : "") < 0 ||
        store_wf_change_add(s, STORE_WF_DOSSIER, id, &ch) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, id);
    return 0;
}

int ops_dossier_list(store *s, const char *status, store_dossier_fn fn, void *ctx, werr *e)
{
    if (status && strcmp(status, "open") != 0 && strcmp(status, "closed") != 0)
        return werr_set(e, WERR_INPUT, "a dossier's status is open or closed, not '%.40s'", status);
    int rc = store_dossier_each(s, status, fn, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read the dossiers: %s", store_errmsg(s));
    return rc;
}

/* The dossier's alerts, every status, highest score first. */
static int each_alert(store *s, const char *id, int64_t now, store_wf_alert_fn fn, void *ctx)
{
    store_wf_filter f = {.status = "all", .dossier = id, .now = now};
    return store_wf_queue(s, &f, fn, ctx);
}

int ops_dossier_show(store *s, const char *id, int64_t now, const ops_dossier_show_fns *fns,
                     void *ctx, werr *e)
{
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    int rc = fns->dossier ? store_dossier_get(s, id, fns->dossier, ctx) : 0;
    rc = rc < 0 ? -1 : 0;
    if (rc == 0 && fns->alert) rc = each_alert(s, id, now, fns->alert, ctx);
    if (rc == 0 && fns->note) rc = store_wf_notes_each(s, STORE_WF_DOSSIER, id, fns->note, ctx);
    if (rc == 0 && fns->change)
        rc = store_wf_changes_each(s, STORE_WF_DOSSIER, id, fns->change, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read dossier %.40s: %s", id, store_errmsg(s));
    return rc;
}

/* Per event of the period: what the report adds to the timeline's row. */
typedef struct details {
    strmap *ids;                      /* event id -> index */
    char **query, **client, **alerts; /* alerts: ids joined by '\n' */
    int64_t *results;
    size_t cap;
    arena *strings;
} details;

static int grow(details *d, size_t need)
{
    if (need <= d->cap) return 0;
    size_t cap = d->cap ? d->cap * 2 : 256;
    while (cap < need)
        cap *= 2;
    char **q = realloc(d->query, cap * sizeof *q);
    if (q) d->query = q;
    char **c = q ? realloc(d->client, cap * sizeof *c) : NULL;
    if (c) d->client = c;
    char **a = c ? realloc(d->alerts, cap * sizeof *a) : NULL;
    if (a) d->alerts = a;
    int64_t *r = a ? realloc(d->results, cap * sizeof *r) : NULL;
    if (r) d->results = r;
    if (!r) return -1;
    for (size_t i = d->cap; i < cap; i++)
        d->query[i] = d->client[i] = d->alerts[i] = NULL, d->results[i] = -1;
    d->cap = cap;
    return 0;
}

static int slot(details *d, const char *event, uint32_t *k)
{
    return strmap_intern(d->ids, event, strlen(event), k) < 0 || grow(d, (size_t)*k + 1) < 0 ? -1
                                                                                             : 0;
}

static int add_detail(const char *event, const char *query, int64_t results, const char *client,
                      void *ctx)
{
    details *d = ctx;
    uint32_t k;
    if (slot(d, event, &k) < 0) return -1;
    d->query[k] = arena_strdup(d->strings, query);
    d->client[k] = arena_strdup(d->strings, client);
    d->results[k] = results;
    return d->query[k] && d->client[k] ? 0 : -1;
}

static int add_pair(const char *alert, const char *event, void *ctx)
{
    details *d = ctx;
    uint32_t k;
    if (slot(d, event, &k) < 0) return -1;
    size_t had = d->alerts[k] ? strlen(d->alerts[k]) : 0, n = strlen(alert);
    char *v = arena_alloc(d->strings, had + n + 2);
    if (!v) return -1;
    if (had) memcpy(v, d->alerts[k], had), v[had++] = '\n';
    memcpy(v + had, alert, n + 1);
    d->alerts[k] = v;
    return 0;
}

static void details_free(details *d)
{
    strmap_free(d->ids);
    arena_free(d->strings);
    free(d->query);
    free(d->client);
    free(d->alerts);
    free(d->results);
}

/* Calls fns->lookup for each of t's accesses with what d adds. */
static int lookups(const inv_timeline *t, details *d, const ops_dossier_report_fns *fns, void *ctx)
{
    int rc = 0;
    for (size_t i = 0; i < t->acc.n && rc == 0; i++) {
        const inv_access *x = &t->acc.v[i];
        char words[512], ids[2048];
        inv_explain_words(t->ref, x, words, sizeof words);
        int64_t k = strmap_find(d->ids, x->id, strlen(x->id));
        const char *list[64];
        size_t n = 0;
        if (k >= 0 && d->alerts[k]) {
            snprintf(ids, sizeof ids, "%s", d->alerts[k]);
            for (char *p = ids; p && n < 64;) {
                list[n++] = p;
                if ((p = strchr(p, '\n'))) *p++ = 0;
            }
        }
        ops_dossier_lookup l = {x->ts,
                                k >= 0 ? d->results[k] : -1,
                                x->id,
                                x->system,
                                x->action,
                                x->subject,
                                k >= 0 && d->query[k] ? d->query[k] : "",
                                k >= 0 && d->client[k] ? d->client[k] : "",
                                words,
                                list,
                                n};
        rc = fns->lookup(&l, ctx);
    }
    return rc;
}

int ops_dossier_report(store *s, const char *id, int64_t now, const ops_dossier_report_fns *fns,
                       void *ctx, werr *e)
{
    cur c;
    if (load(s, id, &c, e) < 0) return -1;
    int64_t from, to;
    if (store_dossier_period(s, id, &from, &to) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read dossier %.40s: %s", id, store_errmsg(s));
    if (from == 0 && to == 0) from = to = c.opened;
    from -= OPS_DOSSIER_MARGIN_DAYS * TS_DAY_MS;
    to += OPS_DOSSIER_MARGIN_DAYS * TS_DAY_MS;
    if (from < 0) from = 0;
    int rc = fns->dossier ? store_dossier_get(s, id, fns->dossier, ctx) : 0;
    rc = rc < 0 ? -1 : 0;
    if (rc == 0 && fns->period) rc = fns->period(from, to, ctx);
    if (rc == 0 && fns->lookup) {
        inv_timeline t = {0};
        details d = {.ids = strmap_new(), .strings = arena_new(1 << 16)};
        if (!d.ids || !d.strings)
            rc = werr_set(e, WERR_INTERNAL, "out of memory");
        else if (inv_timeline_load(s, c.actor, from, to, &t, e) < 0)
            rc = -1;
        else if (store_dossier_event_details(s, c.actor, from, to, add_detail, &d) != 0 ||
                 store_dossier_alert_events(s, id, add_pair, &d) != 0)
            rc = werr_set(e, WERR_UNAVAILABLE, "cannot read the look-ups: %s", store_errmsg(s));
        else
            rc = lookups(&t, &d, fns, ctx);
        inv_timeline_free(&t);
        details_free(&d);
    }
    if (rc == 0 && fns->alert) rc = each_alert(s, id, now, fns->alert, ctx);
    if (rc == 0 && fns->note) rc = store_wf_notes_each(s, STORE_WF_DOSSIER, id, fns->note, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read dossier %.40s: %s", id, store_errmsg(s));
    return rc;
}
