#include "ops/ops_workflow.h"

#include <stdio.h>
#include <string.h>

#include "store/store_accounts.h"
#include "normalise/ts.h"
#include "store/store_dossier.h"

static const char *const dispositions[] = {"confirmed", "benign", "false_positive", "duplicate"};

const char *ops_wf_disposition(const char *d)
{
    if (!d) return NULL;
    if (strcmp(d, "false-positive") == 0) return "false_positive";
    for (size_t i = 0; i < sizeof dispositions / sizeof *dispositions; i++)
        if (strcmp(d, dispositions[i]) == 0) return dispositions[i];
    return NULL;
}

int ops_wf_note_check(const char *text, werr *e)
{
    size_t n = text ? strlen(text) : 0, blank = 0;
    for (size_t i = 0; i < n; i++)
        blank += text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
    if (n == blank) return werr_set(e, WERR_INPUT, "a note needs text");
    if (n > OPS_NOTE_MAX)
        return werr_set(e, WERR_INPUT, "a note is at most %d bytes, this one is %zu", OPS_NOTE_MAX,
                        n);
    return 0;
}

int ops_wf_time(const char *what, const char *text, int end_of_day, int64_t *out, werr *e)
{
    size_t n = strlen(text);
    int date = n == 10 && text[4] == '-' && text[7] == '-';
    char full[32];
    if (date) snprintf(full, sizeof full, "%sT00:00:00Z", text);
    if (ts_parse(date ? full : text, date ? strlen(full) : n, out) != TS_OK)
        return werr_set(e, WERR_INPUT,
                        "%s: '%.40s' is not a time: 2026-03-02, 2026-03-02T09:00:00Z or epoch ms",
                        what, text);
    if (date && end_of_day) *out += TS_DAY_MS - 1;
    return 0;
}

/* The alert's status, disposition and assignee, copied. */
typedef struct cur {
    char status[32], disposition[32], assignee[96];
} cur;

static int keep(const store_wf_alert *a, void *ctx)
{
    cur *c = ctx;
    snprintf(c->status, sizeof c->status, "%s", a->status);
    snprintf(c->disposition, sizeof c->disposition, "%s", a->disposition);
    snprintf(c->assignee, sizeof c->assignee, "%s", a->assignee);
    return 0;
}

static int load(store *s, const char *id, int64_t now, cur *c, werr *e)
{
    int rc = store_wf_get(s, id, now, keep, c);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read alert %s: %s", id, store_errmsg(s));
    if (rc == 0) return werr_set(e, WERR_NOT_FOUND, "no alert %s", id);
    return 0;
}

static int is_closed(const char *status)
{
    return strcmp(status, "closed") == 0 || strcmp(status, "explained-later") == 0;
}

/* Whether from -> to is a move the workflow allows. */
static int allowed(const char *from, const char *to)
{
    if (strcmp(to, "acknowledged") == 0) return strcmp(from, "new") == 0 || is_closed(from);
    if (strcmp(to, "investigating") == 0) return strcmp(from, "acknowledged") == 0;
    if (strcmp(to, "closed") == 0) return !is_closed(from);
    return 0;
}

/* Runs the change in a transaction: fails (rolled back) with e. */
static int fail_tx(store *s, werr *e, const char *what, const char *id)
{
    werr_set(e, WERR_UNAVAILABLE, "cannot %s alert %s: %s", what, id, store_errmsg(s));
    store_rollback(s);
    return -1;
}

static int add_note(store *s, const char *account, const char *id, const char *text, int64_t now)
{
    store_wf_note n = {now, account, text};
    char start[64];
    snprintf(start, sizeof start, "%.60s", text);
    store_wf_change c = {now, account, "note", "", "", start};
    return store_wf_note_add(s, STORE_WF_ALERT, id, &n) < 0 ||
                   store_wf_change_add(s, STORE_WF_ALERT, id, &c) < 0
               ? -1
               : 0;
}

int ops_wf_status(store *s, const char *account, const char *id, const char *status,
                  const char *disposition, const char *note, int64_t now, werr *e)
{
    if (!status || !*status)
        return werr_set(e, WERR_INPUT, "which status? (acknowledged, investigating or closed)");
    if (strcmp(status, "reopen") == 0) status = "acknowledged";
    if (strcmp(status, "acknowledged") != 0 && strcmp(status, "investigating") != 0 &&
        strcmp(status, "closed") != 0)
        return werr_set(e, WERR_INPUT,
                        "'%.40s' is not a status an alert is moved to: acknowledged, investigating"
                        " or closed",
                        status);
    const char *d = "";
    if (strcmp(status, "closed") == 0) {
        if (!disposition || !*disposition)
            return werr_set(e, WERR_INPUT,
                            "closing an alert needs a disposition: confirmed, benign,"
                            " false_positive or duplicate");
        if (!(d = ops_wf_disposition(disposition)))
            return werr_set(e, WERR_INPUT,
                            "'%.40s' is not a disposition: confirmed, benign, false_positive or"
                            " duplicate",
                            disposition);
    } else if (disposition && *disposition)
        return werr_set(e, WERR_INPUT, "only a closed alert has a disposition");
    if (note && *note && ops_wf_note_check(note, e) < 0) return -1;
    /* Read and changed in one transaction: two analysts moving one
     * alert at once cannot both move it from the same status. */
    cur c;
    if (store_begin(s) < 0) return fail_tx(s, e, "change", id);
    if (load(s, id, now, &c, e) < 0) {
        store_rollback(s);
        return -1;
    }
    if (!allowed(c.status, status)) {
        store_rollback(s);
        return werr_set(e, WERR_CONFLICT, "alert %s is %s: it cannot be moved to %s", id, c.status,
                        status);
    }
    store_wf_change ch = {now, account, "status", c.status, status, d};
    if (store_wf_update(s, id, status, d, c.assignee, now) < 0 ||
        store_wf_change_add(s, STORE_WF_ALERT, id, &ch) < 0 ||
        (note && *note && add_note(s, account, id, note, now) < 0) || store_commit(s) < 0)
        return fail_tx(s, e, "change", id);
    return 0;
}

/* Whether an enabled account is named name. */
static int enabled(const store_account *a, void *ctx)
{
    *(int *)ctx = !a->disabled;
    return 0;
}

int ops_wf_assign(store *s, const char *account, const char *id, const char *assignee, int64_t now,
                  werr *e)
{
    if (!assignee) return werr_set(e, WERR_INPUT, "assign to whom? (an account's name)");
    if (*assignee) {
        int ok = 0, rc = store_account_get(s, assignee, enabled, &ok);
        if (rc < 0)
            return werr_set(e, WERR_UNAVAILABLE, "cannot read the accounts: %s", store_errmsg(s));
        if (rc == 0 || !ok)
            return werr_set(e, WERR_NOT_FOUND, "no enabled account '%.80s' to assign to", assignee);
    }
    cur c;
    if (store_begin(s) < 0) return fail_tx(s, e, "assign", id);
    if (load(s, id, now, &c, e) < 0) {
        store_rollback(s);
        return -1;
    }
    store_wf_change ch = {now, account, "assign", c.assignee, assignee, ""};
    if (store_wf_update(s, id, c.status, c.disposition, assignee, now) < 0 ||
        store_wf_change_add(s, STORE_WF_ALERT, id, &ch) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, "assign", id);
    return 0;
}

int ops_wf_note(store *s, const char *account, const char *id, const char *text, int64_t now,
                werr *e)
{
    if (ops_wf_note_check(text, e) < 0) return -1;
    cur c;
    if (load(s, id, now, &c, e) < 0) return -1;
    if (store_begin(s) < 0) return fail_tx(s, e, "add a note to", id);
    if (add_note(s, account, id, text, now) < 0 || store_commit(s) < 0)
        return fail_tx(s, e, "add a note to", id);
    return 0;
}

int ops_wf_bulk(store *s, const char *account, const char *const *ids, size_t n, const char *assign,
                const char *close, int64_t now, ops_wf_fail_fn fail, void *ctx, int64_t *changed,
                werr *e)
{
    *changed = 0;
    if ((assign != NULL) == (close != NULL))
        return werr_set(e, WERR_INPUT, "a bulk action either assigns or closes");
    if (close && !ops_wf_disposition(close))
        return werr_set(e, WERR_INPUT,
                        "'%.40s' is not a disposition: confirmed, benign, false_positive or"
                        " duplicate",
                        close);
    if (n == 0) return werr_set(e, WERR_INPUT, "a bulk action needs the alerts' ids");
    for (size_t i = 0; i < n; i++) {
        werr one = {0};
        int rc = assign ? ops_wf_assign(s, account, ids[i], assign, now, &one)
                        : ops_wf_status(s, account, ids[i], "closed", close, NULL, now, &one);
        if (rc == 0)
            ++*changed;
        else if (one.code == WERR_UNAVAILABLE || one.code == WERR_INTERNAL) {
            *e = one;
            return -1;
        } else if (fail && fail(ids[i], &one, ctx) != 0)
            return werr_set(e, WERR_INTERNAL, "out of memory");
    }
    return 0;
}

int ops_wf_queue(store *s, const store_wf_filter *f, int64_t *counts, int64_t *total,
                 store_wf_alert_fn fn, void *ctx, werr *e)
{
    if (f->status && strcmp(f->status, "all") != 0 && strcmp(f->status, "new") != 0 &&
        strcmp(f->status, "acknowledged") != 0 && strcmp(f->status, "investigating") != 0 &&
        strcmp(f->status, "closed") != 0 && strcmp(f->status, "suppressed") != 0)
        return werr_set(e, WERR_INPUT,
                        "'%.40s' is not a status: new, acknowledged, investigating, closed,"
                        " suppressed or all",
                        f->status);
    if (store_wf_counts(s, f, counts, total) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
    int rc = fn ? store_wf_queue(s, f, fn, ctx) : 0;
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
    return rc;
}

typedef struct dossier_ctx {
    char title[512], status[16];
} dossier_ctx;

static int dossier_keep(const store_dossier *d, void *ctx)
{
    dossier_ctx *c = ctx;
    snprintf(c->title, sizeof c->title, "%s", d->title);
    snprintf(c->status, sizeof c->status, "%s", d->status);
    return 0;
}

/* The alert's actor and time (where its events are looked for), then the
 * caller's own function. */
typedef struct seen {
    char actor[256];
    int64_t ts;
    store_wf_alert_fn fn;
    void *ctx;
} seen;

static int see(const store_wf_alert *a, void *ctx)
{
    seen *w = ctx;
    snprintf(w->actor, sizeof w->actor, "%s", a->actor);
    w->ts = a->ts;
    return w->fn ? w->fn(a, w->ctx) : 0;
}

/* How far before an alert's time its events can lie: the longest window
 * a rule counts in (28 days) and a margin; and after it (an alert about
 * a window is named by the window's start). */
enum { EVENTS_BEFORE_MS = 35LL * 86400000, EVENTS_AFTER_MS = 2LL * 86400000 };

int ops_wf_show(store *s, const char *id, int64_t now, const ops_wf_show_fns *fns, void *ctx,
                werr *e)
{
    static const ops_wf_show_fns none = {0};
    if (!fns) fns = &none;
    seen w = {"", 0, fns->alert, ctx};
    int rc = store_wf_get(s, id, now, see, &w);
    if (rc == 0) return werr_set(e, WERR_NOT_FOUND, "no alert %s", id);
    rc = rc < 0 ? -1 : 0;
    if (rc == 0 && fns->event)
        rc = store_wf_events_each(s, id, w.actor, w.ts - EVENTS_BEFORE_MS, w.ts + EVENTS_AFTER_MS,
                                  fns->event, ctx);
    if (rc == 0 && fns->note) rc = store_wf_notes_each(s, STORE_WF_ALERT, id, fns->note, ctx);
    if (rc == 0 && fns->change) rc = store_wf_changes_each(s, STORE_WF_ALERT, id, fns->change, ctx);
    if (rc == 0 && fns->similar) {
        store_wf_similar a, b;
        rc = store_wf_similar_of(s, id, 0, &a) < 0 || store_wf_similar_of(s, id, 1, &b) < 0
                 ? -1
                 : fns->similar(&a, &b, ctx);
    }
    if (rc == 0 && fns->dossier) {
        char did[64];
        dossier_ctx d = {"", ""};
        rc = store_dossier_of_alert(s, id, did, sizeof did);
        if (rc == 0 && *did && store_dossier_get(s, did, dossier_keep, &d) < 0) rc = -1;
        if (rc == 0) rc = fns->dossier(did, d.title, d.status, ctx);
    }
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read alert %s: %s", id, store_errmsg(s));
    return rc;
}

int ops_wf_effectiveness(store *s, int64_t from, int64_t to, int64_t now, store_wf_rule_fn fn,
                         void *ctx, werr *e)
{
    int rc = store_wf_effectiveness(s, from, to, now, fn, ctx);
    if (rc < 0) werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(s));
    return rc;
}
