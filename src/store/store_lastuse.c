#include "store/store_lastuse.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

/* An event is noted by appending it to a log (sequential writes, no
 * look-up); the log is applied to the actors' pairs when it is full and
 * before a flush, sorted by actor first, so that each actor's pairs are
 * read once per round, not once per event (a cache miss or two each:
 * most of what noting cost). */
enum { LOG_MAX = 1 << 16 };

/* One noted event. A name of up to 8 bytes is also its packed key (ksys,
 * kact): equal keys are equal names; a longer name's key is its hash, and
 * its names are kept (owned) to be compared. */
typedef struct note {
    uint64_t ksys, kact;
    int64_t ts;
    const char *name;      /* the actor's, borrowed */
    char *system, *action; /* NULL unless longer */
    int32_t actor;
    uint8_t longer;
} note;

/* One (system, action) of an actor, kept between flushes; dirty when
 * noted since the last flush. */
typedef struct pair {
    uint64_t ksys, kact;
    int64_t last;
    uint8_t longer, dirty;
} pair;

/* An actor's pairs and their names (names[2 i], names[2 i + 1]). */
typedef struct actor_uses {
    pair *v;
    char **names;
    uint32_t n, cap;
    int touched;      /* in the flush's list */
    const char *name; /* as last noted, borrowed */
} actor_uses;

struct store_lastuse {
    actor_uses *by; /* by actor id */
    size_t nby;
    int32_t *touched; /* the actors noted since the last flush */
    size_t ntouched, captouched;
    note *log, *sorted; /* LOG_MAX each */
    size_t nlog;
    int32_t maxactor;
};

store_lastuse *store_lastuse_new(void)
{
    store_lastuse *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    u->log = malloc(LOG_MAX * sizeof *u->log);
    u->sorted = malloc(LOG_MAX * sizeof *u->sorted);
    if (!u->log || !u->sorted) {
        store_lastuse_free(u);
        return NULL;
    }
    return u;
}

static void drop_log(store_lastuse *u)
{
    for (size_t i = 0; i < u->nlog; i++) {
        free(u->log[i].system);
        free(u->log[i].action);
    }
    u->nlog = 0;
    u->maxactor = 0;
}

void store_lastuse_free(store_lastuse *u)
{
    if (!u) return;
    if (u->log) drop_log(u);
    for (size_t a = 0; a < u->nby; a++) {
        for (uint32_t i = 0; i < 2 * u->by[a].n; i++)
            free(u->by[a].names[i]);
        free(u->by[a].names);
        free(u->by[a].v);
    }
    free(u->by);
    free(u->touched);
    free(u->log);
    free(u->sorted);
    free(u);
}

/* The packed key of a name of n bytes (see note); *longer set when n > 8. */
static uint64_t key_of(const char *name, size_t n, uint8_t *longer)
{
    if (n > 8) {
        *longer = 1;
        return hash64(name, n);
    }
    uint64_t k = 0;
    memcpy(&k, name, n);
    return k;
}

/* A packed key's name back (up to 8 bytes) into out (9 bytes). */
static const char *unpack(uint64_t k, char out[9])
{
    memcpy(out, &k, 8);
    out[8] = 0;
    return out;
}

/* Room for actor ids up to a in u->by and in the touched list. 0 or -1. */
static int room(store_lastuse *u, int32_t a)
{
    if ((size_t)a >= u->nby) {
        size_t n = u->nby ? u->nby : 1024;
        while (n <= (size_t)a)
            n *= 2;
        actor_uses *by = realloc(u->by, n * sizeof *by);
        if (!by) return -1;
        memset(by + u->nby, 0, (n - u->nby) * sizeof *by);
        u->by = by;
        u->nby = n;
    }
    if (u->ntouched == u->captouched) {
        size_t n = u->captouched ? u->captouched * 2 : 1024;
        int32_t *t = realloc(u->touched, n * sizeof *t);
        if (!t) return -1;
        u->touched = t;
        u->captouched = n;
    }
    return 0;
}

/* Adds the pair of e to x. 0 or -1. */
static int add(actor_uses *x, const note *e)
{
    if (x->n == x->cap) {
        uint32_t n = x->cap ? x->cap * 2 : 8;
        pair *v = realloc(x->v, n * sizeof *v);
        if (v) x->v = v;
        char **names = v ? realloc(x->names, 2 * n * sizeof *names) : NULL;
        if (!names) return -1;
        x->names = names;
        x->cap = n;
    }
    char bs[9], ba[9];
    char *s = strdup(e->system ? e->system : unpack(e->ksys, bs));
    char *a = strdup(e->action ? e->action : unpack(e->kact, ba));
    if (!s || !a) {
        free(s);
        free(a);
        return -1;
    }
    x->names[2 * x->n] = s;
    x->names[2 * x->n + 1] = a;
    x->v[x->n++] = (pair){e->ksys, e->kact, e->ts, e->longer, 1};
    return 0;
}

/* Notes e in its actor's pairs. 0 or -1. */
static int apply(store_lastuse *u, const note *e)
{
    actor_uses *x = &u->by[e->actor];
    x->name = e->name;
    if (!x->touched) {
        x->touched = 1;
        u->touched[u->ntouched++] = e->actor;
    }
    for (uint32_t i = 0; i < x->n; i++) {
        pair *p = &x->v[i];
        if (p->ksys != e->ksys || p->kact != e->kact || p->longer != e->longer) continue;
        if (e->longer && (strcmp(x->names[2 * i], e->system) != 0 ||
                          strcmp(x->names[2 * i + 1], e->action) != 0))
            continue;
        if (!p->dirty || e->ts > p->last) p->last = e->ts;
        p->dirty = 1;
        return 0;
    }
    return add(x, e);
}

/* Applies the log, its notes sorted by actor (a counting sort), and
 * empties it. 0 or -1. */
static int apply_log(store_lastuse *u)
{
    if (!u->nlog) return 0;
    if (room(u, u->maxactor) < 0) return -1;
    size_t *at = calloc((size_t)u->maxactor + 2, sizeof *at);
    if (!at) return -1;
    for (size_t i = 0; i < u->nlog; i++)
        at[u->log[i].actor + 1]++;
    for (int32_t a = 0; a <= u->maxactor; a++)
        at[a + 1] += at[a];
    for (size_t i = 0; i < u->nlog; i++)
        u->sorted[at[u->log[i].actor]++] = u->log[i];
    free(at);
    int rc = 0;
    for (size_t i = 0; i < u->nlog && rc == 0; i++) {
        /* the touched list may need room for one more actor */
        if (u->ntouched == u->captouched && room(u, u->sorted[i].actor) < 0) rc = -1;
        if (rc == 0) rc = apply(u, &u->sorted[i]);
    }
    drop_log(u);
    return rc;
}

int store_lastuse_note(store_lastuse *u, int32_t actor, const char *name, const char *system,
                       const char *action, int64_t ts)
{
    if (actor < 0) return -1;
    if (u->nlog == LOG_MAX && apply_log(u) < 0) return -1;
    note *e = &u->log[u->nlog];
    *e = (note){.ts = ts, .name = name, .actor = actor};
    e->ksys = key_of(system, strlen(system), &e->longer);
    e->kact = key_of(action, strlen(action), &e->longer);
    if (e->longer && (!(e->system = strdup(system)) || !(e->action = strdup(action)))) {
        free(e->system);
        return -1;
    }
    if (actor > u->maxactor) u->maxactor = actor;
    u->nlog++;
    return 0;
}

static const char *const SQL_USE =
    "INSERT INTO right_use(actor, system, action, last) VALUES(?1, ?2, ?3, ?4)"
    " ON CONFLICT(actor, system, action) DO UPDATE SET last = max(last, excluded.last)";

int store_lastuse_flush(store_lastuse *u, store *s)
{
    if (apply_log(u) < 0) return -1;
    for (size_t t = 0; t < u->ntouched; t++) {
        actor_uses *x = &u->by[u->touched[t]];
        for (uint32_t i = 0; i < x->n; i++) {
            pair *p = &x->v[i];
            if (!p->dirty) continue;
            sqlite3_stmt *st = store_stmt(s, SQL_USE);
            if (!st) return -1;
            sqlite3_bind_text(st, 1, x->name, -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, x->names[2 * i], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 3, x->names[2 * i + 1], -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 4, p->last);
            if (store_step_done(st) < 0) return -1;
            p->dirty = 0;
        }
        x->touched = 0;
    }
    u->ntouched = 0;
    return 0;
}
