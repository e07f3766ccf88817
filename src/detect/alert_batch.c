#include "detect/alert_batch.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/strmap.h"

struct alert_batch {
    strmap *ids;                 /* alert id -> index in p */
    alert_pending *p;            /* n of them, room for cap */
    const alert_pending **order; /* alert_batch_each's, room for cap */
    size_t n, cap;
    arena *mem; /* reasons, events and subjects */
    int broken; /* out of memory since the last clear: ids and p disagree */
};

alert_batch *alert_batch_new(void)
{
    alert_batch *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->ids = strmap_new();
    b->mem = arena_new(0);
    if (!b->ids || !b->mem) {
        alert_batch_free(b);
        return NULL;
    }
    return b;
}

void alert_batch_free(alert_batch *b)
{
    if (!b) return;
    strmap_free(b->ids);
    arena_free(b->mem);
    free(b->p);
    free(b->order);
    free(b);
}

static const char *copy(alert_batch *b, const char *s)
{
    return arena_strdup(b->mem, s ? s : "");
}

/* Sets p's reason to a copy of reason (NULL: ""). A higher score brings
 * a new reason with nearly every finding of a flood: it is written over the
 * old one where it fits, with room to spare, rather than in fresh memory. */
static int set_reason(alert_batch *b, alert_pending *p, const char *reason)
{
    enum { ROOM = 128 };
    reason = reason ? reason : "";
    size_t n = strlen(reason) + 1;
    if (n > p->reason_room) {
        size_t room = n > ROOM ? n : ROOM;
        if (!(p->reason = arena_alloc(b->mem, room))) return -1;
        p->reason_room = room;
    }
    memcpy(p->reason, reason, n);
    return 0;
}

/* A new alert at index n. 0 or -1. */
static int add_new(alert_batch *b, size_t rule, const det_finding *f)
{
    if (b->n == b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        alert_pending *np = realloc(b->p, nc * sizeof *np);
        if (!np) return -1;
        b->p = np;
        const alert_pending **no = realloc(b->order, nc * sizeof *no);
        if (!no) return -1;
        b->order = no;
        b->cap = nc;
    }
    alert_pending *p = &b->p[b->n];
    *p = (alert_pending){.id = strmap_key(b->ids, (uint32_t)b->n),
                         .actor = f->actor,
                         .rule = rule,
                         .ts = f->ts,
                         .severity = f->severity,
                         .score = f->score};
    if (set_reason(b, p, f->reason) < 0) return -1;
    b->n++;
    return 0;
}

/* Notes what f is about among p's items: a few comparisons, whatever
 * the number of findings a flood merges. 0 or -1. */
static int note_item(alert_batch *b, alert_pending *p, const det_finding *f)
{
    if (p->more) return 0; /* its items are full: nothing can change */
    const char *item = f->item;
    if (!item && f->n == 1 && f->subjects) item = f->subjects[0];
    if (!item || !*item) return 0;
    for (size_t i = 0; i < p->nitems; i++)
        if (strcmp(p->items[i], item) == 0) return 0;
    if (p->nitems == ALERT_ITEMS) {
        p->more = 1;
        return 0;
    }
    char *c = arena_strndup(b->mem, item, strnlen(item, ALERT_ITEM_LEN - 1));
    if (!c) return -1;
    for (char *q = c; *q; q++)
        if (*q == '\n') *q = ' '; /* the store keeps items one per line */
    p->items[p->nitems++] = c;
    return 0;
}

alert_text alert_pending_text(const alert_pending *p)
{
    alert_text t = {p->reason, p->score, {0}, p->nitems, p->more};
    memcpy(t.items, p->items, p->nitems * sizeof *t.items);
    return t;
}

/* The higher score's reason, the higher severity, the earlier time. */
static int merge(alert_batch *b, alert_pending *p, const det_finding *f)
{
    if (f->score > p->score || f->nactors) {
        if (set_reason(b, p, f->reason) < 0) return -1;
        if (f->score > p->score) p->score = f->score;
    }
    if (f->severity > p->severity) p->severity = f->severity;
    if (f->ts < p->ts) p->ts = f->ts;
    return 0;
}

/* Room for one more event in p (its arrays double, up to the limit). */
static int grow(alert_batch *b, alert_pending *p)
{
    if (p->n < p->cap) return 0;
    size_t nc = p->cap ? p->cap * 2 : 4;
    const char **ne = arena_alloc(b->mem, nc * sizeof *ne);
    const char **ns = arena_alloc(b->mem, nc * sizeof *ns);
    if (!ne || !ns) return -1;
    if (p->n) {
        memcpy(ne, p->events, p->n * sizeof *ne);
        memcpy(ns, p->subjects, p->n * sizeof *ns);
    }
    p->events = ne;
    p->subjects = ns;
    p->cap = nc;
    return 0;
}

/* p names f's actors, with their weights, in place of any before: where
 * they fit (each finding of a crowd names them all again), else in room
 * for twice as many. */
static int set_actors(alert_batch *b, alert_pending *p, const det_finding *f)
{
    if (f->nactors > p->actors_room) {
        size_t room = f->nactors > 2 * p->actors_room ? f->nactors : 2 * p->actors_room;
        int32_t *a = arena_alloc(b->mem, room * sizeof *a);
        double *w = arena_alloc(b->mem, room * sizeof *w);
        if (!a || !w) return -1;
        p->actors = a;
        p->actor_scores = w;
        p->actors_room = room;
    }
    memcpy(p->actors, f->actors, f->nactors * sizeof *p->actors);
    memcpy(p->actor_scores, f->actor_scores, f->nactors * sizeof *p->actor_scores);
    p->nactors = f->nactors;
    return 0;
}

int alert_batch_add(alert_batch *b, const char *id, size_t rule, const det_finding *f)
{
    if (b->broken) return -1;
    uint32_t pi;
    int rc = strmap_intern(b->ids, id, strlen(id), &pi);
    if (rc < 0 || (rc == 1 ? add_new(b, rule, f) < 0 : merge(b, &b->p[pi], f) < 0)) goto oom;
    alert_pending *p = &b->p[pi];
    if (f->nactors && set_actors(b, p, f) < 0) goto oom;
    if (note_item(b, p, f) < 0) goto oom;
    for (size_t i = 0; i < f->n && p->n < ALERT_MAX_EVENTS; i++) {
        if (grow(b, p) < 0) goto oom;
        p->events[p->n] = copy(b, f->events[i]);
        p->subjects[p->n] = copy(b, f->subjects ? f->subjects[i] : "");
        if (!p->events[p->n] || !p->subjects[p->n]) goto oom;
        p->n++;
    }
    return 0;
oom:
    b->broken = 1;
    return -1;
}

static int by_id(const void *x, const void *y)
{
    return strcmp((*(const alert_pending *const *)x)->id, (*(const alert_pending *const *)y)->id);
}

int alert_batch_each(alert_batch *b, int (*fn)(const alert_pending *p, void *ctx), void *ctx)
{
    if (b->broken) return -1;
    for (size_t i = 0; i < b->n; i++)
        b->order[i] = &b->p[i];
    if (b->n > 1) qsort(b->order, b->n, sizeof *b->order, by_id);
    for (size_t i = 0; i < b->n; i++) {
        int rc = fn(b->order[i], ctx);
        if (rc) return rc;
    }
    return 0;
}

int alert_batch_clear(alert_batch *b)
{
    strmap_free(b->ids);
    b->ids = strmap_new();
    arena_reset(b->mem);
    b->n = 0;
    b->broken = !b->ids;
    return b->ids ? 0 : -1;
}
