#include "pipeline/detw.h"

#include <pthread.h>
#include <stdlib.h>

#include "pipeline/ingest_int.h"
#include "util/cpus.h"

enum { QCAP = 16 };

typedef struct job {
    chunk *c;
    size_t from, to;
    int recycle;
} job;

struct detw {
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t has_job, room, idle;
    job q[QCAP];
    size_t head, n;
    int busy, stop, failed;
    werr err; /* with failed: why, for detw_wait */
    det_engine *d;
    store_tally *t;
    chunkq *pool;
    ingest_stats *st;
};

static void run(detw *w, const job *j)
{
    const chunk *c = j->c;
    for (size_t i = j->from; i < j->to; i++) {
        const chunk_item *it = &c->items[i];
        chunk_ahead(c, w->d, w->t, i, j->to, 1);
        if (it->why || !it->fresh) continue;
        w->st->detected++;
        if (!w->failed && sink_learn(w->t, w->d, &it->ev, &it->prep, &w->err) < 0) w->failed = 1;
    }
    if (j->recycle) chunkq_recycle(w->pool, j->c);
}

static void *main_of(void *p)
{
    detw *w = p;
    cpus_name_thread("wachter-detect");
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->n == 0 && !w->stop)
            pthread_cond_wait(&w->has_job, &w->mu);
        if (w->n == 0) break;
        job j = w->q[w->head];
        w->busy = 1;
        pthread_mutex_unlock(&w->mu);
        run(w, &j);
        pthread_mutex_lock(&w->mu);
        w->head = (w->head + 1) % QCAP;
        w->n--;
        w->busy = 0;
        pthread_cond_signal(&w->room);
        if (w->n == 0) pthread_cond_signal(&w->idle);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

detw *detw_start(det_engine *d, store_tally *t, chunkq *q, ingest_stats *st)
{
    detw *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    *w = (detw){.d = d, .t = t, .pool = q, .st = st};
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->has_job, NULL);
    pthread_cond_init(&w->room, NULL);
    pthread_cond_init(&w->idle, NULL);
    if (pthread_create(&w->th, NULL, main_of, w) != 0) {
        pthread_mutex_destroy(&w->mu);
        pthread_cond_destroy(&w->has_job);
        pthread_cond_destroy(&w->room);
        pthread_cond_destroy(&w->idle);
        free(w);
        return NULL;
    }
    return w;
}

void detw_give(detw *w, chunk *c, size_t from, size_t to, int recycle)
{
    pthread_mutex_lock(&w->mu);
    while (w->n == QCAP)
        pthread_cond_wait(&w->room, &w->mu);
    w->q[(w->head + w->n) % QCAP] = (job){c, from, to, recycle};
    w->n++;
    pthread_cond_signal(&w->has_job);
    pthread_mutex_unlock(&w->mu);
}

/* Hands on the detection thread's failure. -1 */
static int failure(const detw *w, werr *e)
{
    if (w->err.code == WERR_OK) return werr_set(e, WERR_INTERNAL, "out of memory detecting");
    return werr_set(e, w->err.code, "%s", w->err.msg);
}

int detw_wait(detw *w, werr *e)
{
    pthread_mutex_lock(&w->mu);
    while (w->n > 0 || w->busy)
        pthread_cond_wait(&w->idle, &w->mu);
    int failed = w->failed;
    pthread_mutex_unlock(&w->mu);
    return failed ? failure(w, e) : 0;
}

int detw_stop(detw *w, werr *e)
{
    if (!w) return 0;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->has_job);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    int failed = w->failed;
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->has_job);
    pthread_cond_destroy(&w->room);
    pthread_cond_destroy(&w->idle);
    int rc = failed ? failure(w, e) : 0;
    free(w);
    return rc;
}
