/* floor_runs — look-ups without an index kept row by row, for sqlite_floor:
 * per commit and UTC day, two sorted runs of (hash of subject or actor,
 * ref), 16 bytes an entry, in table pr. ref is whatever finds the event
 * again (a rowid, or a block and slot). A look-up by subject searches every
 * run; as runs pile up, one a commit and day, floor_runs_merge merges them,
 * into one sorted run per day or one for all days, kept in parts of PART
 * entries (table pm): the two shapes a store could keep them in. With lsm,
 * the runs go straight to pm, one per commit (its day column holds the
 * run), and are merged as they come, as an LSM tree merges its levels. */
#include "floor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Entries to a part of the merged run. A binary search in a blob walks its
 * chain of overflow pages: 1M-entry parts (16 MB) took 1.9 ms a look-up at
 * 10M events, 64k-entry parts 0.25 ms. */
enum { PART = 1 << 16 };

typedef struct post {
    uint64_t hash, ref;
} post;

/* With lsm, a run of one kind in pm (its day column holds the run). */
typedef struct lsm_run {
    int64_t run;
    size_t n;
    int level; /* 0: a commit's; L + 1: FANOUT runs of level L merged */
} lsm_run;

struct floor_runs {
    sqlite3 *db;
    sqlite3_stmt *put;
    int64_t day;            /* of the postings held; -1 before any */
    post *subj, *act, *tmp; /* this commit's postings for that day */
    size_t n, cap;
    int lsm;
    lsm_run stack[2][64]; /* with lsm: each kind's runs, oldest first */
    int depth[2];
    int64_t next_run;
};

#ifndef FANOUT /* runs of a level merged into one of the next */
#define FANOUT 4
#endif

static int write_parts(sqlite3 *db, int kind, int64_t day, const post *all, size_t n);
static int lsm_push(floor_runs *r, int kind, const post *p, size_t n);

uint64_t floor_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h ^ h >> 29;
}

/* A hash as a signed number of the same order, for pm.lo. */
static int64_t ordered(uint64_t h)
{
    return (int64_t)(h ^ 0x8000000000000000ULL);
}

/* Sorts p[0..n) by hash, stably (refs stay ascending within a hash): six
 * passes of 11 bits through tmp. A comparison sort of a commit's postings
 * took a sixth of a blocks load. */
static void sort_posts(post *p, post *tmp, size_t n)
{
    enum { BITS = 11, BUCKETS = 1 << BITS };
    for (int shift = 0; shift < 64; shift += BITS) {
        size_t count[BUCKETS + 1] = {0};
        for (size_t i = 0; i < n; i++)
            count[(p[i].hash >> shift & (BUCKETS - 1)) + 1]++;
        for (int b = 0; b < BUCKETS; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            tmp[count[p[i].hash >> shift & (BUCKETS - 1)]++] = p[i];
        post *t = p;
        p = tmp;
        tmp = t;
    }
    /* six passes: the sorted entries are back in the caller's p */
}

floor_runs *floor_runs_new(sqlite3 *db, int lsm)
{
    floor_runs *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->db = db;
    r->lsm = lsm;
    r->day = -1;
    if (sqlite3_prepare_v2(db, "INSERT INTO pr(day, kind, data) VALUES(?,?,?)", -1, &r->put,
                           NULL) != SQLITE_OK) {
        floor_runs_free(r);
        return NULL;
    }
    return r;
}

void floor_runs_free(floor_runs *r)
{
    if (!r) return;
    sqlite3_finalize(r->put);
    free(r->subj);
    free(r->act);
    free(r->tmp);
    free(r);
}

int floor_runs_flush(floor_runs *r)
{
    post *runs[2] = {r->subj, r->act};
    for (int k = 0; k < 2 && r->n; k++) {
        sort_posts(runs[k], r->tmp, r->n);
        if (r->lsm) {
            if (lsm_push(r, k, runs[k], r->n) < 0) return -1;
            continue;
        }
        sqlite3_bind_int64(r->put, 1, r->day);
        sqlite3_bind_int(r->put, 2, k);
        sqlite3_bind_blob(r->put, 3, runs[k], (int)(r->n * sizeof(post)), SQLITE_STATIC);
        if (sqlite3_step(r->put) != SQLITE_DONE) return -1;
        sqlite3_reset(r->put);
    }
    r->n = 0;
    return 0;
}

int floor_runs_add(floor_runs *r, int64_t day, const char *subject, const char *actor, uint64_t ref)
{
    if (!r->lsm && day != r->day && floor_runs_flush(r) < 0) return -1;
    r->day = day;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1 << 16;
        post *s = realloc(r->subj, cap * sizeof *s);
        if (s) r->subj = s;
        post *a = realloc(r->act, cap * sizeof *a);
        if (a) r->act = a;
        post *t = realloc(r->tmp, cap * sizeof *t);
        if (t) r->tmp = t;
        if (!s || !a || !t) return -1;
        r->cap = cap;
    }
    r->subj[r->n] = (post){floor_hash(subject), ref};
    r->act[r->n++] = (post){floor_hash(actor), ref};
    return 0;
}

/* The index of the first entry >= h in a run of n entries. */
static long lower_bound(sqlite3_blob *b, long n, uint64_t h)
{
    long lo = 0, hi = n;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        post p;
        if (sqlite3_blob_read(b, &p, sizeof p, (int)(mid * (long)sizeof p)) != SQLITE_OK) return -1;
        if (p.hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Adds to *found the events of subject (hash h) in the run or part (rowid
 * id, n entries) of table, each checked with is. 0 or -1. */
static int search(sqlite3 *db, const char *table, int64_t id, long n, uint64_t h,
                  const char *subject, floor_is is, long *found)
{
    sqlite3_blob *b;
    if (sqlite3_blob_open(db, "main", table, "data", id, 0, &b) != SQLITE_OK) return -1;
    int rc = 0;
    for (long i = lower_bound(b, n, h); rc == 0 && i >= 0 && i < n; i++) {
        post p;
        if (sqlite3_blob_read(b, &p, sizeof p, (int)(i * (long)sizeof p)) != SQLITE_OK)
            rc = -1;
        else if (p.hash != h)
            break;
        else {
            int yes = is(db, p.ref, subject);
            if (yes < 0)
                rc = -1;
            else
                *found += yes;
        }
    }
    sqlite3_blob_close(b);
    return rc;
}

long floor_runs_lookup(sqlite3 *db, const char *subject, floor_is is)
{
    uint64_t h = floor_hash(subject);
    sqlite3_stmt *st, *part;
    if (sqlite3_prepare_v2(db,
                           "SELECT 'pr', id, length(data) FROM pr WHERE kind = 0 UNION ALL"
                           " SELECT DISTINCT 'pm', day, 0 FROM pm WHERE kind = 0",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, length(data) FROM pm"
                           " WHERE kind = 0 AND day = ?1 AND lo <= ?2 ORDER BY lo DESC LIMIT 1",
                           -1, &part, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        return -1;
    }
    long found = 0;
    while (found >= 0 && sqlite3_step(st) == SQLITE_ROW) {
        const char *table = (const char *)sqlite3_column_text(st, 0);
        int64_t id = sqlite3_column_int64(st, 1), bytes = sqlite3_column_int64(st, 2);
        if (table[1] == 'm') { /* a day of pm: its part that may hold h */
            sqlite3_bind_int64(part, 1, id);
            sqlite3_bind_int64(part, 2, ordered(h));
            int row = sqlite3_step(part) == SQLITE_ROW;
            id = row ? sqlite3_column_int64(part, 0) : 0;
            bytes = row ? sqlite3_column_int64(part, 1) : 0;
            sqlite3_reset(part);
            if (!row) continue;
        }
        if (search(db, table, id, bytes / (long)sizeof(post), h, subject, is, &found) < 0)
            found = -1;
    }
    sqlite3_finalize(st);
    sqlite3_finalize(part);
    return found;
}

/* Appends to *all (n entries) the blobs of sql's one column, for kind ?1
 * and day (or run) ?2, in sql's order. 0 or -1. */
static int append_blobs(sqlite3 *db, const char *sql, int kind, int64_t day, post **all,
                        size_t *n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int(st, 1, kind);
    sqlite3_bind_int64(st, 2, day);
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
        size_t k = (size_t)sqlite3_column_bytes(st, 0) / sizeof(post);
        post *more = realloc(*all, (*n + k) * sizeof(post));
        if (!more) rc = -1;
        else {
            memcpy(more + *n, sqlite3_column_blob(st, 0), k * sizeof(post));
            *all = more;
            *n += k;
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* Reads every run and part of kind (of day, unless day is -1) into *all
 * (n entries), in no order. 0 or -1. */
static int gather(sqlite3 *db, int kind, int64_t day, post **all, size_t *n)
{
    *all = NULL;
    *n = 0;
    return append_blobs(db,
                        "SELECT data FROM pr WHERE kind = ?1 AND ?2 IN (-1, day) UNION ALL"
                        " SELECT data FROM pm WHERE kind = ?1 AND ?2 IN (-1, day)",
                        kind, day, all, n);
}

/* Writes the sorted entries of kind as parts of about PART entries, none
 * splitting a hash's entries. 0 or -1. */
static int write_parts(sqlite3 *db, int kind, int64_t day, const post *all, size_t n)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "INSERT INTO pm(kind, day, lo, data) VALUES(?,?,?,?)", -1, &st,
                           NULL))
        return -1;
    int rc = 0;
    for (size_t i = 0, j; rc == 0 && i < n; i = j) {
        j = i + PART < n ? i + PART : n;
        while (j < n && all[j].hash == all[j - 1].hash)
            j++;
        sqlite3_bind_int(st, 1, kind);
        sqlite3_bind_int64(st, 2, day);
        sqlite3_bind_int64(st, 3, ordered(all[i].hash));
        sqlite3_bind_blob(st, 4, all + i, (int)((j - i) * sizeof *all), SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Merges the runs and parts of kind and day (-1: all days) into one. */
static int merge_one(sqlite3 *db, int kind, int64_t day)
{
    post *all, *tmp = NULL;
    size_t n;
    char sql[160];
    snprintf(sql, sizeof sql,
             "DELETE FROM pr WHERE kind = %d AND %lld IN (-1, day);"
             " DELETE FROM pm WHERE kind = %d AND %lld IN (-1, day)",
             kind, (long long)day, kind, (long long)day);
    int rc = gather(db, kind, day, &all, &n);
    if (rc == 0 && n && !(tmp = malloc(n * sizeof *tmp))) rc = -1;
    if (rc == 0) {
        sort_posts(all, tmp, n);
        rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    }
    if (rc == 0) rc = write_parts(db, kind, day, all, n);
    free(all);
    free(tmp);
    return rc;
}

double floor_runs_merge(sqlite3 *db, int per_day)
{
    double t0 = floor_now();
    sqlite3_stmt *days;
    if (sqlite3_prepare_v2(db,
                           "SELECT DISTINCT kind, day FROM"
                           " (SELECT kind, day FROM pr UNION ALL SELECT kind, day FROM pm)",
                           -1, &days, NULL) != SQLITE_OK)
        return -1;
    int rc = sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
    if (per_day) {
        /* the list first: merging changes the tables it reads */
        int64_t(*kd)[2] = NULL;
        size_t n = 0;
        while (rc == 0 && sqlite3_step(days) == SQLITE_ROW) {
            int64_t(*more)[2] = realloc(kd, (n + 1) * sizeof *kd);
            if (!more)
                rc = -1;
            else {
                kd = more;
                kd[n][0] = sqlite3_column_int64(days, 0);
                kd[n++][1] = sqlite3_column_int64(days, 1);
            }
        }
        for (size_t i = 0; rc == 0 && i < n; i++)
            if (kd[i][1] >= 0) rc = merge_one(db, (int)kd[i][0], kd[i][1]);
        free(kd);
    } else
        for (int kind = 0; rc == 0 && kind < 2; kind++)
            rc = merge_one(db, kind, -1);
    sqlite3_finalize(days);
    if (sqlite3_exec(db, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK) rc = -1;
    return rc == 0 ? floor_now() - t0 : -1;
}

/* Merges the newest FANOUT runs of kind into one new run of the next
 * level, which replaces them. 0 or -1. */
static int lsm_merge(floor_runs *r, int kind)
{
    lsm_run *st = r->stack[kind] + r->depth[kind] - FANOUT;
    post *all = NULL, *tmp = NULL;
    size_t n = 0;
    int rc = 0;
    for (int i = 0; rc == 0 && i < FANOUT; i++) {
        char sql[120];
        snprintf(sql, sizeof sql, "DELETE FROM pm WHERE kind = %d AND day = %lld", kind,
                 (long long)st[i].run);
        rc = append_blobs(r->db, "SELECT data FROM pm WHERE kind = ?1 AND day = ?2 ORDER BY lo",
                          kind, st[i].run, &all, &n);
        if (rc == 0 && sqlite3_exec(r->db, sql, NULL, NULL, NULL) != SQLITE_OK) rc = -1;
    }
    /* oldest first, and the sort is stable: rowids stay ascending per hash */
    if (rc == 0 && n && !(tmp = malloc(n * sizeof *tmp))) rc = -1;
    if (rc == 0) sort_posts(all, tmp, n);
    if (rc == 0) rc = write_parts(r->db, kind, r->next_run, all, n);
    if (rc == 0) {
        st[0] = (lsm_run){r->next_run++, n, st[0].level + 1};
        r->depth[kind] -= FANOUT - 1;
    }
    free(all);
    free(tmp);
    return rc;
}

/* Adds this commit's sorted postings of kind as the newest run (level 0),
 * then merges the newest FANOUT runs while they are of one level: each
 * posting is rewritten about log(all ÷ commit) / log(FANOUT) times, and up
 * to FANOUT - 1 runs a level remain to search. 0 or -1. */
static int lsm_push(floor_runs *r, int kind, const post *p, size_t n)
{
    int *d = &r->depth[kind];
    lsm_run *st = r->stack[kind];
    if (*d == (int)(sizeof r->stack[0] / sizeof r->stack[0][0])) return -1;
    if (write_parts(r->db, kind, r->next_run, p, n) < 0) return -1;
    st[(*d)++] = (lsm_run){r->next_run++, n, 0};
    while (*d >= FANOUT && st[*d - FANOUT].level == st[*d - 1].level)
        if (lsm_merge(r, kind) < 0) return -1;
    return 0;
}
