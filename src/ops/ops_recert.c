#include "ops/ops_recert.h"
#include "ops/ops_recert_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_accounts.h"
#include "ops/ops_audit.h"
#include "ops/ops_workflow.h"
#include "store/store_rights.h"
#include "util/buf.h"

int ops_recert_store_failed(store *s, werr *e, const char *what)
{
    return werr_set(e, WERR_UNAVAILABLE, "cannot %s: %s", what, store_errmsg(s));
}

int ops_recert_id(const char *what, const char *text, int64_t *out, werr *e)
{
    char *end = (char *)text;
    long long v = 0;
    errno = 0;
    if (text[0] >= '0' && text[0] <= '9') v = strtoll(text, &end, 10);
    if (end == text || *end || errno == ERANGE || v < 1)
        return werr_set(e, WERR_INPUT, "'%.40s' is not a %s id: a whole number from 1", text, what);
    *out = v;
    return 0;
}

/* Campaign id into *c (owned by *all, n 1). WERR_NOT_FOUND none. */
static int one_campaign(store *s, int64_t id, store_recert_campaign **c, werr *e)
{
    size_t n;
    if (store_recert_campaigns(s, id, c, &n) < 0)
        return ops_recert_store_failed(s, e, "read the campaigns");
    if (n == 0) {
        store_recert_campaigns_free(*c, n);
        *c = NULL;
        return werr_set(e, WERR_NOT_FOUND, "no recertification campaign %lld", (long long)id);
    }
    return 0;
}

int ops_recert_campaigns(store *s, int64_t id, store_recert_campaign **out, size_t *n, werr *e)
{
    if (id) {
        *n = 0;
        if (one_campaign(s, id, out, e) < 0) return -1;
        *n = 1;
        return 0;
    }
    return store_recert_campaigns(s, 0, out, n) < 0
               ? ops_recert_store_failed(s, e, "read the campaigns")
               : 0;
}

int64_t ops_recert_overdue_count(const store_recert_campaign *c, int64_t now)
{
    return strcmp(c->status, "open") == 0 && now > c->due ? c->items - c->decided : 0;
}

/* Whether who may decide campaign c: its owner, an administrator, or the
 * operating-system user of a store without accounts. A refusal is
 * recorded in the audit trail with action and the campaign. */
static int may_decide(store *s, const ops_actor *who, const store_recert_campaign *c,
                      const char *action, werr *e)
{
    if (who->role == OPS_ROLE_ADMIN || who->role == OPS_ROLE_OS || strcmp(who->name, c->owner) == 0)
        return 0;
    werr_set(e, WERR_FORBIDDEN,
             "%s may not run %s on campaign %lld: only its owner %s or an administrator may",
             who->name, action, (long long)c->id, c->owner);
    buf b = {0};
    int rc = buf_puts(&b, "{\"action\":");
    rc |= buf_json_str(&b, action);
    rc |= buf_printf(&b, ",\"params\":{\"campaign\":%lld},\"reason\":", (long long)c->id);
    rc |= buf_json_str(&b, e->msg);
    rc |= buf_puts(&b, "}");
    werr ae = {0};
    if (rc == 0) ops_audit(s, who->name, "refused", (const char *)b.data, &ae);
    buf_free(&b);
    return -1;
}

/* The campaign for a change by who: it exists, who may, it is open. */
int ops_recert_for_change(store *s, const ops_actor *who, int64_t id, const char *action,
                          store_recert_campaign **c, werr *e)
{
    if (one_campaign(s, id, c, e) < 0) return -1;
    if (may_decide(s, who, *c, action, e) < 0 || strcmp((*c)->status, "closed") == 0) {
        if (!e->code)
            werr_set(e, WERR_CONFLICT, "campaign %lld is closed: its decisions are final",
                     (long long)id);
        store_recert_campaigns_free(*c, 1);
        *c = NULL;
        return -1;
    }
    return 0;
}

int ops_recert_text_ok(const char *what, const char *t, size_t max, werr *e)
{
    if (strlen(t) > max)
        return werr_set(e, WERR_INPUT, "the %s is longer than %zu bytes", what, max);
    return 0;
}

/* The owner: an enabled account whose role may decide. */
static int owner_ok(store *s, const char *owner, werr *e)
{
    if (!owner || !*owner)
        return werr_set(e, WERR_INPUT, "a campaign needs an owner: the account that reviews it");
    ops_actor a;
    werr ae = {0};
    if (ops_account_current(s, owner, &a, &ae) < 0)
        return werr_set(e, ae.code == WERR_FORBIDDEN ? WERR_NOT_FOUND : ae.code,
                        "the owner must be an account that can log in: %s", ae.msg);
    if (ops_access_check(&a, "recert decide", &ae) < 0)
        return werr_set(e, WERR_INPUT, "the owner cannot decide: %s", ae.msg);
    return 0;
}

int ops_recert_start(store *s, const ops_actor *who, const ops_recert_spec *spec, int64_t now,
                     int64_t *id, werr *e)
{
    int by_system = spec->system && *spec->system, by_unit = spec->unit && *spec->unit;
    if (by_system == by_unit)
        return werr_set(e, WERR_INPUT, "a campaign is for one system or one unit: give either");
    const char *value = by_system ? spec->system : spec->unit;
    int64_t due;
    if (!spec->due || !*spec->due) return werr_set(e, WERR_INPUT, "a campaign needs a due date");
    if (ops_wf_time("due", spec->due, 1, &due, e) < 0) return -1;
    if (due < now) return werr_set(e, WERR_INPUT, "the due date %s has passed", spec->due);
    char title[OPS_RECERT_TITLE_MAX + 1];
    if (spec->title && *spec->title) {
        if (ops_recert_text_ok("title", spec->title, OPS_RECERT_TITLE_MAX, e) < 0) return -1;
        snprintf(title, sizeof title, "%s", spec->title);
    } else {
        snprintf(title, sizeof title, "Rights %s %s", by_system ? "on" : "of unit", value);
    }
    if (owner_ok(s, spec->owner, e) < 0) return -1;
    store_right *r;
    size_t n;
    store_rights_filter f = {now, by_system ? value : NULL, NULL};
    if (store_rights_list(s, &f, &r, &n, e) < 0) return -1;
    store_recert_campaign c = {.title = title,
                               .scope = by_system ? "system" : "unit",
                               .value = (char *)value,
                               .owner = (char *)spec->owner,
                               .created_by = (char *)who->name,
                               .due = due,
                               .created = now};
    size_t added = 0;
    if (store_begin(s) < 0 || store_recert_add(s, &c, id) < 0) goto fail;
    for (size_t i = 0; i < n; i++) {
        int in = 1;
        if (by_unit && store_recert_in_unit(s, value, r[i].actor, &in) < 0) goto fail;
        if (!in) continue;
        if (store_recert_add_item(s, *id, r[i].actor, r[i].system, r[i].action, r[i].granted,
                                  r[i].last_use) < 0)
            goto fail;
        added++;
    }
    store_rights_free(r, n);
    if (added == 0) {
        store_rollback(s);
        return werr_set(e, WERR_NOT_FOUND, "no rights are held %s '%s': nothing to review",
                        by_system ? "on system" : "by the staff of unit", value);
    }
    if (store_commit(s) < 0) return ops_recert_store_failed(s, e, "start the campaign");
    return 0;
fail:
    store_rights_free(r, n);
    ops_recert_store_failed(s, e, "start the campaign");
    store_rollback(s);
    return -1;
}

static int by_right(const void *a, const void *b)
{
    const store_right *x = a, *y = b;
    int c = strcmp(x->actor, y->actor);
    if (!c) c = strcmp(x->system, y->system);
    if (!c) c = strcmp(x->action, y->action);
    if (!c) c = x->granted < y->granted ? -1 : x->granted > y->granted;
    return c;
}

/* Each item's last use as the log stands now: the rights held when the
 * campaign started, with their last use, matched to the items. */
static int refresh(store *s, const store_recert_campaign *c, store_recert_item *v, size_t n,
                   werr *e)
{
    if (n == 0) return 0;
    store_right *r;
    size_t nr;
    int sys = strcmp(c->scope, "system") == 0;
    store_rights_filter f = {c->created, sys ? c->value : NULL, NULL};
    if (store_rights_list(s, &f, &r, &nr, e) < 0) return -1;
    qsort(r, nr, sizeof *r, by_right); /* the store's order, made sure of */
    for (size_t i = 0; i < n; i++) {
        store_right key = {.actor = v[i].actor,
                           .system = v[i].system,
                           .action = v[i].action,
                           .granted = v[i].granted};
        const store_right *hit = bsearch(&key, r, nr, sizeof *r, by_right);
        if (hit && hit->last_use > v[i].last_use) v[i].last_use = hit->last_use;
    }
    store_rights_free(r, nr);
    return 0;
}

int ops_recert_items(store *s, int64_t id, int undecided, store_recert_item **out, size_t *n,
                     werr *e)
{
    store_recert_campaign *c;
    *out = NULL;
    *n = 0;
    if (one_campaign(s, id, &c, e) < 0) return -1;
    store_recert_item_filter f = {id, 0, undecided, 0};
    int rc = store_recert_items(s, &f, out, n) < 0 ? ops_recert_store_failed(s, e, "read the items")
                                                   : refresh(s, c, *out, *n, e);
    store_recert_campaigns_free(c, 1);
    if (rc < 0) {
        store_recert_items_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return rc;
}

const char *ops_recert_decision_of(const char *d)
{
    if (d && strcmp(d, "keep") == 0) return "keep";
    if (d && strcmp(d, "revoke") == 0) return "revoke";
    return NULL;
}

/* Checks decision and reason; the decision's stored spelling into *d. */
int ops_recert_check_decision(const char *decision, const char *reason, const char **d, werr *e)
{
    if (!(*d = ops_recert_decision_of(decision)))
        return werr_set(e, WERR_INPUT, "the decision is keep or revoke, not '%.40s'",
                        decision ? decision : "");
    const char *p = reason ? reason : "";
    while (*p == ' ' || *p == '\t')
        p++;
    if (strcmp(*d, "revoke") == 0 && !*p)
        return werr_set(e, WERR_INPUT, "revoking a right needs a reason");
    return ops_recert_text_ok("reason", reason ? reason : "", OPS_RECERT_REASON_MAX, e);
}

int ops_recert_decide(store *s, const ops_actor *who, int64_t *campaignp, int64_t item,
                      const char *decision, const char *reason, int64_t now, werr *e)
{
    int64_t campaign = *campaignp;
    store_recert_item *it;
    size_t n;
    store_recert_item_filter f = {campaign, item, 0, 0};
    if (store_recert_items(s, &f, &it, &n) < 0)
        return ops_recert_store_failed(s, e, "read the items");
    if (n == 0) {
        store_recert_items_free(it, n);
        /* Which is missing: the campaign, or the item in it. */
        store_recert_campaign *c;
        if (campaign && one_campaign(s, campaign, &c, e) < 0) return -1;
        if (campaign) {
            store_recert_campaigns_free(c, 1);
            return werr_set(e, WERR_NOT_FOUND, "no review item %lld in campaign %lld",
                            (long long)item, (long long)campaign);
        }
        return werr_set(e, WERR_NOT_FOUND, "no review item %lld", (long long)item);
    }
    int64_t cid = *campaignp = it[0].campaign;
    const char *d = NULL;
    store_recert_campaign *c = NULL;
    int rc = ops_recert_for_change(s, who, cid, "recert decide", &c, e);
    if (rc == 0) rc = ops_recert_check_decision(decision, reason, &d, e);
    if (rc == 0 && (strcmp(it[0].decision, d) != 0 || strcmp(it[0].reason, reason ? reason : "")))
        if (store_recert_decide(s, item, d, reason, who->name, now) < 0)
            rc = ops_recert_store_failed(s, e, "record the decision");
    store_recert_campaigns_free(c, c ? 1 : 0);
    store_recert_items_free(it, n);
    return rc;
}

int ops_recert_close(store *s, const ops_actor *who, int64_t id, int force, int64_t now, werr *e)
{
    store_recert_campaign *c;
    if (ops_recert_for_change(s, who, id, "recert close", &c, e) < 0) return -1;
    int64_t open = c->items - c->decided;
    store_recert_campaigns_free(c, 1);
    if (open && !force)
        return werr_set(e, WERR_CONFLICT,
                        "campaign %lld has %lld undecided item%s: decide them, or close it with"
                        " force (they are then left undecided: no right of theirs is revoked)",
                        (long long)id, (long long)open, open == 1 ? "" : "s");
    char detail[96] = "";
    if (open) snprintf(detail, sizeof detail, "closed with %lld undecided", (long long)open);
    if (store_begin(s) < 0 || store_recert_close(s, id, who->name, now, detail) < 0 ||
        store_commit(s) < 0) {
        ops_recert_store_failed(s, e, "close the campaign");
        store_rollback(s);
        return -1;
    }
    return 0;
}

/* Keeps the first k of the n items of *v, freeing the others. */
static void keep_first(store_recert_item **v, size_t k, size_t n)
{
    for (size_t i = k; i < n; i++)
        store_recert_item_clear(&(*v)[i]);
    if (k == 0) {
        free(*v);
        *v = NULL;
    }
}

int ops_recert_overdue(store *s, int64_t now, store_recert_item **out, size_t *n,
                       store_recert_campaign **camps, size_t *ncamps, werr *e)
{
    *out = NULL;
    *n = 0;
    if (ops_recert_campaigns(s, 0, camps, ncamps, e) < 0) return -1;
    store_recert_item_filter f = {0, 0, 1, 1};
    store_recert_item *v;
    size_t nv;
    if (store_recert_items(s, &f, &v, &nv) < 0) {
        store_recert_campaigns_free(*camps, *ncamps);
        *camps = NULL;
        *ncamps = 0;
        return ops_recert_store_failed(s, e, "read the items");
    }
    /* Keep those of campaigns past due, in place. */
    size_t k = 0;
    for (size_t i = 0; i < nv; i++) {
        int late = 0;
        for (size_t j = 0; j < *ncamps; j++)
            if ((*camps)[j].id == v[i].campaign) late = now > (*camps)[j].due;
        if (late) {
            store_recert_item t = v[k];
            v[k++] = v[i];
            v[i] = t;
        }
    }
    keep_first(&v, k, nv);
    *out = v;
    *n = k;
    return 0;
}

int ops_recert_revocations(store *s, int64_t id, store_recert_item **out, size_t *n, werr *e)
{
    *out = NULL;
    *n = 0;
    store_recert_campaign *c;
    if (one_campaign(s, id, &c, e) < 0) return -1;
    int open = strcmp(c->status, "open") == 0;
    store_recert_campaigns_free(c, 1);
    if (open)
        return werr_set(e, WERR_CONFLICT,
                        "campaign %lld is still open: its revocation list is made once it is"
                        " closed",
                        (long long)id);
    store_recert_item *v;
    size_t nv;
    store_recert_item_filter f = {id, 0, 0, 0};
    if (store_recert_items(s, &f, &v, &nv) < 0)
        return ops_recert_store_failed(s, e, "read the items");
    size_t k = 0;
    for (size_t i = 0; i < nv; i++) {
        if (strcmp(v[i].decision, "revoke") != 0) continue;
        store_recert_item t = v[k];
        v[k++] = v[i];
        v[i] = t;
    }
    keep_first(&v, k, nv);
    *out = v;
    *n = k;
    return 0;
}

int ops_recert_history(store *s, int64_t id, store_recert_change_fn fn, void *ctx, werr *e)
{
    store_recert_campaign *c;
    if (one_campaign(s, id, &c, e) < 0) return -1;
    store_recert_campaigns_free(c, 1);
    int rc = store_recert_history(s, id, fn, ctx);
    return rc < 0 ? ops_recert_store_failed(s, e, "read the history") : rc;
}
