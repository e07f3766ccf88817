#include "store/store_post.h"
#include "store/store_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_post_int.h"
#include "util/hugemem.h"
#include "util/strmap.h"

/* Runs one merge reads at most: an upgrade's build ends with one merge of
 * every run, up to POST_FANOUT - 1 a level. */
enum { MERGE_MAX = 64 };

/* The postings of the batch being stored, a kind each, and room to sort
 * them; kept from commit to commit (a million events' postings are 32 MB:
 * faulted in anew at every commit, they cost more than sorting them). */
struct store_post {
    post_ent *v[2], *tmp;
    size_t n[2], cap[2], tmp_cap;
};

store_post *store_post_new(void)
{
    return calloc(1, sizeof(store_post));
}

void store_post_free(store_post *p)
{
    if (!p) return;
    free(p->v[0]);
    free(p->v[1]);
    free(p->tmp);
    free(p);
}

void store_post_drop(store_post *p)
{
    p->n[0] = p->n[1] = 0;
}

static int add(store_post *p, int kind, uint64_t hash, uint64_t ref)
{
    if (p->n[kind] == p->cap[kind]) {
        size_t cap = p->cap[kind] ? p->cap[kind] * 2 : 4096;
        post_ent *v = mem_huge_grow(p->v[kind], p->n[kind] * sizeof *v, cap * sizeof *v);
        if (!v) return -1;
        p->v[kind] = v;
        p->cap[kind] = cap;
    }
    p->v[kind][p->n[kind]++] = (post_ent){hash, ref};
    return 0;
}

int store_post_note(store_post *p, int64_t rowid, const char *subject, const char *actor)
{
    uint64_t ref = (uint64_t)rowid;
    if (subject[0] && add(p, POST_SUBJECT, hash64(subject, strlen(subject)), ref) < 0) return -1;
    return add(p, POST_ACTOR, hash64(actor, strlen(actor)), ref);
}

/* Sorts v[0..n) by hash, stably: six passes of 11 bits through tmp. */
static void sort_posts(post_ent *v, post_ent *tmp, size_t n)
{
    enum { BITS = 11, BUCKETS = 1 << BITS };
    for (int shift = 0; shift < 64; shift += BITS) {
        size_t count[BUCKETS + 1] = {0};
        for (size_t i = 0; i < n; i++)
            count[(v[i].hash >> shift & (BUCKETS - 1)) + 1]++;
        for (int b = 0; b < BUCKETS; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            tmp[count[v[i].hash >> shift & (BUCKETS - 1)]++] = v[i];
        post_ent *t = v;
        v = tmp;
        tmp = t;
    }
    /* six passes: the sorted postings are back in the caller's v */
}

static int step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}

/* A run being written, part by part. */
typedef struct run_out {
    sqlite3 *db;
    sqlite3_stmt *put;
    int64_t run;
    post_ent *buf; /* a merge's part being filled: PART postings */
    size_t n, total;
} run_out;

/* A run's level from its size: 0 below 4 parts, then one more for every
 * fourfold (a commit of 100k events makes a run of level 0; four merged,
 * of level 1). By size, not by how often its postings were merged, so
 * that one large run (an upgrade's) waits for three of its size. */
static int level_of(size_t n)
{
    int level = 0;
    for (n /= PART; n >= POST_FANOUT; n /= POST_FANOUT)
        level++;
    return level;
}

/* Starts a run of kind in post_runs. 0 or -1. */
static int out_open(run_out *o, sqlite3 *db, post_kind kind)
{
    *o = (run_out){.db = db};
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO post_runs(kind, level, n) VALUES(?, 0, 0)", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(st, 1, kind);
    int rc = step_done(st);
    sqlite3_finalize(st);
    o->run = sqlite3_last_insert_rowid(db);
    if (rc == 0 && sqlite3_prepare_v2(db, "INSERT INTO post_parts(run, lo, data) VALUES(?,?,?)", -1,
                                      &o->put, NULL) != SQLITE_OK)
        rc = -1;
    return rc;
}

static int out_part(run_out *o, const post_ent *v, size_t n)
{
    sqlite3_bind_int64(o->put, 1, o->run);
    sqlite3_bind_int64(o->put, 2, post_ordered(v[0].hash));
    sqlite3_bind_blob(o->put, 3, v, (int)(n * sizeof *v), SQLITE_STATIC);
    o->total += n;
    return step_done(o->put);
}

/* Writes sorted postings v[0..n) as parts of PART. */
static int out_many(run_out *o, const post_ent *v, size_t n)
{
    for (size_t i = 0; i < n; i += PART)
        if (out_part(o, v + i, n - i < PART ? n - i : PART) < 0) return -1;
    return 0;
}

/* Appends one posting (in hash order) to a merge's output. */
static int out_one(run_out *o, post_ent e)
{
    if (!o->buf && !(o->buf = malloc(PART * sizeof *o->buf))) return -1;
    if (o->n == PART) {
        if (out_part(o, o->buf, o->n) < 0) return -1;
        o->n = 0;
    }
    o->buf[o->n++] = e;
    return 0;
}

/* Writes what is left, records the run's size and level, and ends it. */
static int out_close(run_out *o, int rc)
{
    if (rc == 0 && o->n) rc = out_part(o, o->buf, o->n);
    sqlite3_stmt *st = NULL;
    if (rc == 0 &&
        sqlite3_prepare_v2(o->db, "UPDATE post_runs SET n = ?1, level = ?2 WHERE run = ?3", -1, &st,
                           NULL) != SQLITE_OK)
        rc = -1;
    if (rc == 0) {
        sqlite3_bind_int64(st, 1, (int64_t)o->total);
        sqlite3_bind_int(st, 2, level_of(o->total));
        sqlite3_bind_int64(st, 3, o->run);
        rc = step_done(st);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(o->put);
    free(o->buf);
    return rc;
}

/* A run being read, part by part, for a merge. */
typedef struct run_in {
    int64_t *parts; /* rowids of post_parts, in hash order */
    size_t nparts, next;
    post_ent *buf;
    size_t n, i, cap;
} run_in;

/* Loads the next part into buf; at the end n = 0. 0 or -1. */
static int in_next(sqlite3 *db, run_in *r)
{
    r->n = r->i = 0;
    if (r->next == r->nparts) return 0;
    sqlite3_blob *b;
    if (sqlite3_blob_open(db, "main", "post_parts", "data", r->parts[r->next++], 0, &b) !=
        SQLITE_OK)
        return -1;
    size_t n = (size_t)sqlite3_blob_bytes(b) / sizeof(post_ent);
    int rc = 0;
    if (n > r->cap) {
        post_ent *v = realloc(r->buf, n * sizeof *v);
        if (v) {
            r->buf = v;
            r->cap = n;
        } else
            rc = -1;
    }
    if (rc == 0 && sqlite3_blob_read(b, r->buf, (int)(n * sizeof(post_ent)), 0) != SQLITE_OK)
        rc = -1;
    sqlite3_blob_close(b);
    if (rc == 0) r->n = n;
    return rc;
}

/* Lists run's parts in hash order and loads the first. 0 or -1. */
static int in_open(sqlite3 *db, run_in *r, int64_t run)
{
    *r = (run_in){0};
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id FROM post_parts WHERE run = ? ORDER BY lo, id", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(st, 1, run);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        int64_t *v = realloc(r->parts, (r->nparts + 1) * sizeof *v);
        if (!v)
            rc = -1;
        else {
            r->parts = v;
            r->parts[r->nparts++] = sqlite3_column_int64(st, 0);
        }
    }
    sqlite3_finalize(st);
    return rc == 0 ? in_next(db, r) : -1;
}

static void in_close(run_in *r)
{
    free(r->parts);
    free(r->buf);
}

/* Deletes runs[0..n) and their parts. Debian's SQLite overwrites deleted
 * content with zeros (secure_delete): for these pages, which hold hashes
 * and rowids only, that wrote every merged run once more into the WAL.
 * 0 or -1. */
static int drop_runs(sqlite3 *db, const int64_t *runs, int n)
{
    int rc = 0;
    for (int k = 0; rc == 0 && k < n; k++) {
        char sql[120];
        snprintf(sql, sizeof sql,
                 "DELETE FROM post_parts WHERE run = %lld; DELETE FROM post_runs WHERE run = %lld",
                 (long long)runs[k], (long long)runs[k]);
        rc = store_exec_fast_delete(db, sql);
    }
    return rc;
}

/* Merges runs[0..n) (oldest first) of kind into one run that replaces
 * them, streaming: a part of each in memory. On a tie the older run's
 * postings come first. 0 or -1. */
static int merge(sqlite3 *db, post_kind kind, const int64_t *runs, int n)
{
    run_in in[MERGE_MAX];
    run_out out;
    if (n > MERGE_MAX) return -1;
    int rc = out_open(&out, db, kind), opened = 0;
    for (; rc == 0 && opened < n; opened++)
        if (in_open(db, &in[opened], runs[opened]) < 0) rc = -1;
    while (rc == 0) {
        int best = -1;
        for (int k = 0; k < opened; k++)
            if (in[k].n && (best < 0 || in[k].buf[in[k].i].hash < in[best].buf[in[best].i].hash))
                best = k;
        if (best < 0) break;
        run_in *r = &in[best];
        rc = out_one(&out, r->buf[r->i]);
        if (rc == 0 && ++r->i == r->n) rc = in_next(db, r);
    }
    for (int k = 0; k < opened; k++)
        in_close(&in[k]);
    rc = out_close(&out, rc);
    return rc == 0 ? drop_runs(db, runs, n) : rc;
}

/* The runs of kind, oldest first, into runs[0..max) with their levels;
 * when there are more, the newest max. Their number, or -1. */
static int list_runs(sqlite3 *db, post_kind kind, int64_t *runs, int *levels, int max)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "SELECT run, level FROM post_runs WHERE kind = ?1"
                           " ORDER BY run DESC LIMIT ?2",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int(st, 2, max);
    int64_t r[MERGE_MAX];
    int l[MERGE_MAX], n = 0;
    while (n < max && sqlite3_step(st) == SQLITE_ROW) {
        r[n] = sqlite3_column_int64(st, 0);
        l[n++] = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    for (int i = 0; i < n; i++) {
        runs[i] = r[n - 1 - i];
        if (levels) levels[i] = l[n - 1 - i];
    }
    return n;
}

/* While the newest POST_FANOUT runs of kind are of one level, merges them.
 * Levels never grow from the oldest run to the newest, so at most
 * POST_FANOUT - 1 runs a level remain. 0 or -1. */
static int settle(sqlite3 *db, post_kind kind)
{
    for (;;) {
        int64_t runs[POST_FANOUT];
        int levels[POST_FANOUT];
        int n = list_runs(db, kind, runs, levels, POST_FANOUT);
        if (n < 0) return -1;
        int same = n == POST_FANOUT;
        for (int i = 1; same && i < n; i++)
            same = levels[i] == levels[0];
        if (!same) return 0;
        if (merge(db, kind, runs, n) < 0) return -1;
    }
}

int store_post_flush(store_post *p, sqlite3 *db)
{
    size_t most = p->n[0] > p->n[1] ? p->n[0] : p->n[1];
    if (most > p->tmp_cap) {
        post_ent *tmp = mem_huge_grow(p->tmp, 0, most * sizeof *tmp);
        if (!tmp) return -1;
        p->tmp = tmp;
        p->tmp_cap = most;
    }
    int rc = 0;
    for (int kind = 0; rc == 0 && kind < 2; kind++) {
        if (!p->n[kind]) continue;
        sort_posts(p->v[kind], p->tmp, p->n[kind]);
        run_out out;
        rc = out_open(&out, db, kind);
        if (rc == 0) rc = out_many(&out, p->v[kind], p->n[kind]);
        rc = out_close(&out, rc);
        if (rc == 0) rc = settle(db, kind);
    }
    if (rc == 0) store_post_drop(p);
    return rc;
}

int store_post_build(sqlite3 *db, size_t chunk)
{
    store_post *p = store_post_new();
    sqlite3_stmt *st = NULL;
    if (!p || sqlite3_prepare_v2(db, "SELECT rowid, subject, actor FROM events ORDER BY rowid", -1,
                                 &st, NULL) != SQLITE_OK) {
        store_post_free(p);
        return -1;
    }
    int rc = 0, step;
    size_t n = 0;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *subject = (const char *)sqlite3_column_text(st, 1);
        const char *actor = (const char *)sqlite3_column_text(st, 2);
        rc = store_post_note(p, sqlite3_column_int64(st, 0), subject ? subject : "",
                             actor ? actor : "");
        if (rc == 0 && ++n % chunk == 0) rc = store_post_flush(p, db);
    }
    if (rc == 0 && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    if (rc == 0) rc = store_post_flush(p, db);
    store_post_free(p);
    /* The stored events as one run a kind: the daily ingests that follow
     * merge into it only once three more runs of its size have piled up. */
    for (int kind = 0; rc == 0 && kind < 2; kind++) {
        int64_t runs[MERGE_MAX];
        int nruns = list_runs(db, kind, runs, NULL, MERGE_MAX);
        if (nruns < 0 || nruns == MERGE_MAX)
            rc = -1; /* more runs than levels allow */
        else if (nruns > 1)
            rc = merge(db, kind, runs, nruns);
    }
    return rc;
}
