#include "ops/ops_audit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_sodium.h"

/* Marks the hashes as this chain's, version 1 of its layout. */
static const char DOMAIN_TAG[] = "wachter-audit-v1";

static void put_i64(crypto_generichash_state *h, int64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)((uint64_t)v >> (8 * i));
    crypto_generichash_update(h, b, sizeof b);
}

/* A field: its length (8 bytes, little-endian), then its bytes; so no
 * two entries' fields run together to the same bytes. */
static void put_str(crypto_generichash_state *h, const char *s)
{
    if (!s) s = "";
    size_t n = strlen(s);
    put_i64(h, (int64_t)n);
    crypto_generichash_update(h, (const unsigned char *)s, n);
}

/* The hash of e chained to prev (hex), as 64 hex digits into out. */
static void seal_hex(const store_audit_entry *e, const char *prev, char out[65])
{
    crypto_generichash_state h;
    unsigned char d[32];
    crypto_generichash_init(&h, NULL, 0, sizeof d);
    crypto_generichash_update(&h, (const unsigned char *)DOMAIN_TAG, sizeof DOMAIN_TAG - 1);
    put_str(&h, prev);
    put_i64(&h, e->seq);
    put_i64(&h, e->at);
    put_str(&h, e->account);
    put_str(&h, e->action);
    put_str(&h, e->params);
    crypto_generichash_final(&h, d, sizeof d);
    sodium_bin2hex(out, 65, d, sizeof d);
}

static int seal(const store_audit_entry *e, char *out, void *ctx)
{
    seal_hex(e, e->prev, out);
    return 0;
}

int ops_audit(store *s, const char *account, const char *action, const char *params_json, werr *e)
{
    if (ops_sodium_init(e) < 0) return -1;
    store_audit_entry en = {0,    ts_now_ms(), account, action, params_json ? params_json : "{}",
                            NULL, NULL};
    if (store_audit_append(s, &en, seal, NULL) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot append to the audit trail: %s",
                        store_errmsg(s));
    return 0;
}

int ops_audit_each(store *s, int64_t from, int64_t to, const char *account, store_audit_fn fn,
                   void *ctx, werr *e)
{
    int rc = store_audit_each(s, from, to, account, fn, ctx);
    if (rc < 0 && e && e->code == WERR_OK)
        return werr_set(e, WERR_UNAVAILABLE, "reading the audit trail: %s", store_errmsg(s));
    return rc < 0 ? -1 : 0;
}

typedef struct walk {
    ops_audit_check *out;
    const char *head; /* to find, or NULL */
    int head_seen;
    char running[65]; /* the hash the next entry must name as its previous */
    int64_t last_seq;
    /* The entries a purge removed, by the trail's own record of it (an
     * "audit purged" entry, chained like any): the first entry kept may
     * start after them, from the hash it names. */
    int64_t purged;
} walk;

/* Names the first bad entry e in w's result; stops the walk. */
static int bad(walk *w, const store_audit_entry *e, const char *what)
{
    char at[32];
    ts_format(e->at, at);
    w->out->intact = 0;
    w->out->bad_seq = e->seq;
    snprintf(w->out->why, sizeof w->out->why, "entry %lld (%s, %.40s, %.40s): %s",
             (long long)e->seq, at, e->account ? e->account : "", e->action ? e->action : "", what);
    return 1;
}

static int check_entry(const store_audit_entry *e, void *ctx)
{
    walk *w = ctx;
    w->out->entries++;
    if (w->out->entries == 1 && e->seq > 1 && e->seq <= w->purged + 1 && e->prev) {
        /* The first entry after a recorded purge: the chain starts here. */
        w->last_seq = e->seq - 1;
        snprintf(w->running, sizeof w->running, "%s", e->prev);
    }
    if (e->seq != w->last_seq + 1) {
        char what[160];
        if (e->seq == w->last_seq + 2)
            snprintf(what, sizeof what, "entry %lld is missing: removed", (long long)e->seq - 1);
        else if (e->seq > w->last_seq + 1)
            snprintf(what, sizeof what, "entries %lld to %lld are missing: removed",
                     (long long)w->last_seq + 1, (long long)e->seq - 1);
        else
            snprintf(what, sizeof what, "out of sequence after entry %lld", (long long)w->last_seq);
        return bad(w, e, what);
    }
    char h[65];
    seal_hex(e, w->running, h);
    if (!e->prev || strcmp(e->prev, w->running) != 0)
        return bad(w, e,
                   "does not follow the entry before it (its previous hash differs): an entry"
                   " was removed, inserted or reordered here");
    if (!e->hash || strcmp(e->hash, h) != 0)
        return bad(w, e, "its content does not match its hash: it was changed");
    snprintf(w->running, sizeof w->running, "%s", h);
    w->last_seq = e->seq;
    if (w->head && strcmp(w->head, h) == 0) w->head_seen = 1;
    return 0;
}

/* The params of an "audit purged" entry: {"through":N}. */
#define PURGED_ACTION "audit purged"

static int purge_record(const store_audit_entry *e, void *ctx)
{
    long long through;
    if (e->action && strcmp(e->action, PURGED_ACTION) == 0 && e->params &&
        sscanf(e->params, "{\"through\":%lld}", &through) == 1 && through > *(int64_t *)ctx)
        *(int64_t *)ctx = through;
    return 0;
}

int ops_audit_verify(store *s, const char *head, ops_audit_check *out, werr *e)
{
    if (ops_sodium_init(e) < 0) return -1;
    memset(out, 0, sizeof *out);
    out->intact = 1;
    walk w = {out, head, 0, "", 0, 0};
    memset(w.running, '0', 64);
    w.running[64] = 0;
    if (store_audit_each(s, INT64_MIN, INT64_MAX, NULL, purge_record, &w.purged) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "reading the audit trail: %s", store_errmsg(s));
    int rc = store_audit_each(s, INT64_MIN, INT64_MAX, NULL, check_entry, &w);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "reading the audit trail: %s", store_errmsg(s));
    if (out->intact) snprintf(out->head, sizeof out->head, "%s", out->entries ? w.running : "");
    if (out->intact && head && !w.head_seen) {
        out->intact = 0;
        snprintf(out->why, sizeof out->why,
                 "the trail (%lld entries) does not reach head %.64s: entries after entry %lld"
                 " were removed, or the trail was rewritten",
                 (long long)out->entries, head, (long long)out->entries);
    }
    return 0;
}

static int last(const store_audit_entry *e, void *ctx)
{
    walk *w = ctx;
    w->out->entries++;
    snprintf(w->out->head, sizeof w->out->head, "%s", e->hash ? e->hash : "");
    return 0;
}

int ops_audit_head(store *s, char head[65], int64_t *n, werr *e)
{
    ops_audit_check c = {0};
    walk w = {&c, NULL, 0, "", 0, 0};
    if (store_audit_each(s, INT64_MIN, INT64_MAX, NULL, last, &w) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "reading the audit trail: %s", store_errmsg(s));
    snprintf(head, 65, "%s", c.head);
    *n = c.entries;
    return 0;
}

int ops_audit_purge(store *s, int64_t cut, int dry_run, int64_t *deleted, werr *e)
{
    int64_t through, n;
    *deleted = 0;
    if (store_audit_through(s, cut, &through, &n) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "reading the audit trail: %s", store_errmsg(s));
    if (!through || dry_run) {
        *deleted = n;
        return 0;
    }
    /* The record first: should the deletion fail, the trail still
     * verifies (the entries are all there). */
    char params[64];
    snprintf(params, sizeof params, "{\"through\":%lld}", (long long)through);
    if (ops_audit(s, "wachter", PURGED_ACTION, params, e) < 0) return -1;
    if (store_audit_drop_through(s, through, deleted) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "purging the audit trail: %s", store_errmsg(s));
    return 0;
}
