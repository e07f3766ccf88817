#include "serve/serve_worker.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "normalise/ts.h"
#include "ops/ops_unmask.h"
#include "store/store_risk.h"
#include "store/store_staff.h"

/* The maps kept per thread: the accounts that used it last. */
enum { MAPS = 4 };

typedef struct map_slot {
    char account[80]; /* "" for none's (account NULL) */
    int used;
    int64_t stamp, built, last;
    pseud_map *map;
} map_slot;

/* The risk list while the alerts stay the same, one for all threads:
 * ranking every actor is the dearest thing a page asks for, made once, by
 * the first thread that needs it, while the others wait for it. */
typedef struct risk_slot {
    /* Read from serve_worker_risk to serve_worker_risk_done, by as many
     * threads as ask at once; written to make the list anew. */
    pthread_rwlock_t lock;
    int used;
    int64_t stamp, built;
    risk_row *rows;
    size_t n;
} risk_slot;

struct serve_worker {
    store *st;
    map_slot maps[MAPS];
    risk_slot *risk;           /* the workers' */
    pthread_mutex_t *audit_mu; /* the workers' */
    const pkey *key;           /* the workers' */
    serve_worker *next;
};

struct serve_workers {
    char *db;
    pkey key;
    pthread_key_t self;
    pthread_mutex_t mu;
    serve_worker *all;
    risk_slot risk;
    /* Held while a thread appends to the audit trail: the threads then
     * take turns here, not in SQLite's busy wait on the trail's file,
     * which sleeps a millisecond and more at each try. */
    pthread_mutex_t audit_mu;
};

serve_workers *serve_workers_new(const char *db, const pkey *key)
{
    serve_workers *ws = calloc(1, sizeof *ws);
    if (!ws) return NULL;
    if (!(ws->db = strdup(db)) || pthread_key_create(&ws->self, NULL) != 0) {
        free(ws->db);
        free(ws);
        return NULL;
    }
    pthread_mutex_init(&ws->mu, NULL);
    pthread_rwlock_init(&ws->risk.lock, NULL);
    pthread_mutex_init(&ws->audit_mu, NULL);
    ws->key = *key;
    return ws;
}

void serve_workers_free(serve_workers *ws)
{
    if (!ws) return;
    for (serve_worker *w = ws->all, *next; w; w = next) {
        next = w->next;
        for (int i = 0; i < MAPS; i++)
            pseud_map_free(w->maps[i].map);
        store_close(w->st);
        free(w);
    }
    if (ws->risk.used) risk_free(ws->risk.rows, ws->risk.n);
    pthread_key_delete(ws->self);
    pthread_mutex_destroy(&ws->mu);
    pthread_rwlock_destroy(&ws->risk.lock);
    pthread_mutex_destroy(&ws->audit_mu);
    pkey_wipe(&ws->key);
    free(ws->db);
    free(ws);
}

int serve_worker_get(serve_workers *ws, serve_worker **out, werr *e)
{
    serve_worker *w = pthread_getspecific(ws->self);
    if (w) {
        *out = w;
        return 0;
    }
    if (!(w = calloc(1, sizeof *w))) return werr_set(e, WERR_INTERNAL, "out of memory");
    if (store_open_noting(ws->db, STORE_EXISTING, &w->st, NULL, NULL, e) < 0) {
        free(w);
        return -1;
    }
    w->key = &ws->key;
    w->risk = &ws->risk;
    w->audit_mu = &ws->audit_mu;
    pthread_setspecific(ws->self, w);
    pthread_mutex_lock(&ws->mu);
    w->next = ws->all;
    ws->all = w;
    pthread_mutex_unlock(&ws->mu);
    *out = w;
    return 0;
}

store *serve_worker_store(serve_worker *w)
{
    return w->st;
}

static int add_staff(const char *actor, const char *person, void *ctx)
{
    return pseud_map_add(ctx, actor, person) < 0;
}

static int show(const char *actor, void *ctx)
{
    return pseud_map_show(ctx, actor) < 0;
}

/* A new map of w's store's staff as account sees them. */
static int build(serve_worker *w, const pkey *key, const char *account, pseud_map **out, werr *e)
{
    pseud_map *m = pseud_map_new(key);
    if (!m) return werr_set(e, WERR_INTERNAL, "out of memory");
    int64_t n = 0;
    if (store_staff_count(w->st, &n, e) < 0 || pseud_map_reserve(m, (size_t)n + 64) < 0 ||
        store_staff_each(w->st, add_staff, m, e) < 0 ||
        (account && *account && ops_unmask_shown(w->st, account, ts_now_ms(), show, m, e) != 0)) {
        if (!e->code) werr_set(e, WERR_INTERNAL, "out of memory");
        pseud_map_free(m);
        return -1;
    }
    *out = m;
    return 0;
}

int serve_worker_map(serve_worker *w, const char *account, pseud_map **m, werr *e)
{
    const char *name = account ? account : "";
    int64_t stamp = 0, now = ts_mono_ms();
    if (store_staff_stamp(w->st, &stamp, e) < 0) return -1;
    map_slot *slot = NULL, *lru = &w->maps[0];
    for (int i = 0; i < MAPS; i++) {
        map_slot *x = &w->maps[i];
        if (x->used && strcmp(x->account, name) == 0) slot = x;
        if (!x->used || (lru->used && x->last < lru->last)) lru = x;
    }
    if (slot && slot->stamp == stamp && now - slot->built < SERVE_MAP_MAX_AGE_MS) {
        slot->last = now;
        *m = slot->map;
        return 0;
    }
    if (!slot) slot = lru;
    pseud_map *fresh = NULL;
    if (build(w, w->key, account, &fresh, e) < 0) return -1;
    pseud_map_free(slot->map);
    slot->map = fresh;
    snprintf(slot->account, sizeof slot->account, "%s", name);
    slot->used = 1;
    slot->stamp = stamp;
    slot->built = slot->last = now;
    *m = fresh;
    return 0;
}

static int fresh(const risk_slot *r, int64_t stamp, int64_t now)
{
    return r->used && r->stamp == stamp && now - r->built < SERVE_MAP_MAX_AGE_MS;
}

int serve_worker_risk(serve_worker *w, const risk_row **rows, size_t *n, werr *e)
{
    int64_t stamp = 0, closed = 0, now = ts_mono_ms();
    if (store_staff_stamp(w->st, &stamp, e) < 0) return -1;
    if (store_risk_stamp(w->st, &closed) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the alerts: %s", store_errmsg(w->st));
    stamp = stamp * 31 + closed;
    risk_slot *r = w->risk;
    pthread_rwlock_rdlock(&r->lock);
    if (!fresh(r, stamp, now)) {
        pthread_rwlock_unlock(&r->lock);
        pthread_rwlock_wrlock(&r->lock);
        if (!fresh(r, stamp, now)) { /* another thread may have made it meanwhile */
            risk_row *made;
            size_t nm;
            if (risk_rank(w->st, 0, 0, &made, &nm, e) < 0) {
                pthread_rwlock_unlock(&r->lock);
                return -1;
            }
            if (r->used) risk_free(r->rows, r->n);
            r->used = 1, r->stamp = stamp, r->built = now, r->rows = made, r->n = nm;
        }
        pthread_rwlock_unlock(&r->lock);
        pthread_rwlock_rdlock(&r->lock);
    }
    *rows = r->rows;
    *n = r->n;
    return 0;
}

void serve_worker_audit_lock(serve_worker *w)
{
    pthread_mutex_lock(w->audit_mu);
}

void serve_worker_audit_unlock(serve_worker *w)
{
    pthread_mutex_unlock(w->audit_mu);
}

void serve_worker_risk_done(serve_worker *w)
{
    pthread_rwlock_unlock(&w->risk->lock);
}

void serve_workers_warm(serve_workers *ws)
{
    serve_worker *w = NULL;
    const risk_row *rows;
    size_t n;
    werr e = {0};
    if (serve_worker_get(ws, &w, &e) == 0 && serve_worker_risk(w, &rows, &n, &e) == 0)
        serve_worker_risk_done(w);
}
