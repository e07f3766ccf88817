#include "pipeline/chunkq.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

/* Arena block per chunk: a full chunk (CHUNK bytes limit in ingest_par.c)
 * usually fits in one, so recycling does not go back to malloc. */
enum { ARENA_BLOCK = 4 << 20 };

struct chunkq {
    pthread_mutex_t mu;
    pthread_cond_t has_free, has_full;
    chunk *pool;
    size_t n;
    chunk **free; /* stack of empty chunks, nfree of them */
    size_t nfree;
    chunk **full; /* ring of filled chunks: head, count */
    size_t head, nfull;
    int aborted;      /* under mu */
    atomic_int abort; /* the same, for a glance without the lock */
};

chunkq *chunkq_new(size_t nchunks, size_t cap)
{
    chunkq *q = calloc(1, sizeof *q);
    if (!q) return NULL;
    q->pool = calloc(nchunks, sizeof *q->pool);
    q->free = calloc(nchunks, sizeof *q->free);
    q->full = calloc(nchunks, sizeof *q->full);
    q->n = nchunks;
    atomic_init(&q->abort, 0);
    if (!q->pool || !q->free || !q->full) goto fail;
    for (size_t i = 0; i < nchunks; i++) {
        chunk *c = &q->pool[i];
        c->cap = cap;
        c->items = malloc(cap * sizeof *c->items);
        c->a = arena_new(ARENA_BLOCK);
        if (!c->items || !c->a) goto fail;
        c->status = CHUNK_MORE;
        q->free[q->nfree++] = c;
    }
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->has_free, NULL);
    pthread_condattr_t monotonic; /* chunkq_pop's deadline is on ingest_now()'s clock */
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
    pthread_cond_init(&q->has_full, &monotonic);
    pthread_condattr_destroy(&monotonic);
    return q;
fail:
    for (size_t i = 0; q->pool && i < nchunks; i++) {
        free(q->pool[i].items);
        arena_free(q->pool[i].a);
    }
    free(q->pool);
    free(q->free);
    free(q->full);
    free(q);
    return NULL;
}

void chunkq_free(chunkq *q)
{
    if (!q) return;
    for (size_t i = 0; i < q->n; i++) {
        free(q->pool[i].items);
        arena_free(q->pool[i].a);
    }
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->has_free);
    pthread_cond_destroy(&q->has_full);
    free(q->pool);
    free(q->free);
    free(q->full);
    free(q);
}

chunk *chunkq_take(chunkq *q)
{
    pthread_mutex_lock(&q->mu);
    while (!q->aborted && q->nfree == 0)
        pthread_cond_wait(&q->has_free, &q->mu);
    chunk *c = q->aborted ? NULL : q->free[--q->nfree];
    pthread_mutex_unlock(&q->mu);
    return c;
}

void chunkq_push(chunkq *q, chunk *c)
{
    pthread_mutex_lock(&q->mu);
    /* Room is certain: there are only n chunks. */
    q->full[(q->head + q->nfull++) % q->n] = c;
    pthread_cond_signal(&q->has_full);
    pthread_mutex_unlock(&q->mu);
}

chunk *chunkq_pop(chunkq *q, double until)
{
    struct timespec t = {.tv_sec = (time_t)until,
                         .tv_nsec = (long)((until - (double)(time_t)until) * 1e9)};
    pthread_mutex_lock(&q->mu);
    while (q->nfull == 0) {
        if (until <= 0) {
            pthread_cond_wait(&q->has_full, &q->mu);
        } else if (pthread_cond_timedwait(&q->has_full, &q->mu, &t) == ETIMEDOUT && q->nfull == 0) {
            pthread_mutex_unlock(&q->mu);
            return NULL;
        }
    }
    chunk *c = q->full[q->head];
    q->head = (q->head + 1) % q->n;
    q->nfull--;
    pthread_mutex_unlock(&q->mu);
    return c;
}

void chunkq_recycle(chunkq *q, chunk *c)
{
    c->n = 0;
    c->bytes = 0;
    c->status = CHUNK_MORE;
    c->lineno = 0;
    arena_reset(c->a);
    pthread_mutex_lock(&q->mu);
    q->free[q->nfree++] = c;
    pthread_cond_signal(&q->has_free);
    pthread_mutex_unlock(&q->mu);
}

void chunkq_abort(chunkq *q)
{
    pthread_mutex_lock(&q->mu);
    q->aborted = 1;
    atomic_store_explicit(&q->abort, 1, memory_order_relaxed);
    pthread_cond_broadcast(&q->has_free);
    pthread_mutex_unlock(&q->mu);
}

int chunkq_aborted(chunkq *q)
{
    return atomic_load_explicit(&q->abort, memory_order_relaxed);
}

void chunk_ahead(const chunk *c, const det_engine *d, const store_tally *t, size_t i, size_t end,
                 int stored)
{
    for (int s = 0; s < DET_AHEAD_STEPS; s++) {
        size_t j = i + (size_t)(DET_AHEAD_STEPS - s) * DET_AHEAD_GAP;
        if (j >= end) continue;
        const chunk_item *it = &c->items[j];
        if (it->why || (stored && !it->fresh)) continue;
        det_ahead(d, &it->prep, s);
        /* The tally's seen set: one miss, fetched as far ahead as the first step. */
        if (s == 0) store_tally_ahead(t, it->prep.actor, it->ev.ts, it->ev.subject);
    }
}
