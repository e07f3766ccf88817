/* store_post_find — a look-up in store_post's runs: one binary search a
 * run, in the part where the hash's postings begin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_post.h"
#include "store/store_int.h"
#include "store/store_post_int.h"
#include "store/store_rowid.h"
#include "util/strmap.h"

/* Rowids found, growing. */
typedef struct found {
    int64_t *v;
    size_t n, cap;
} found;

static int found_add(found *f, int64_t rowid)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        int64_t *v = realloc(f->v, cap * sizeof *v);
        if (!v) return -1;
        f->v = v;
        f->cap = cap;
    }
    f->v[f->n++] = rowid;
    return 0;
}

static int read_at(sqlite3_blob *b, long i, post_ent *e)
{
    return sqlite3_blob_read(b, e, sizeof *e, (int)(i * (long)sizeof *e)) == SQLITE_OK ? 0 : -1;
}

/* The index of the first posting >= h in a part of n, or -1 on error. */
static long lower_bound(sqlite3_blob *b, long n, uint64_t h)
{
    long lo = 0, hi = n;
    while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        post_ent e;
        if (read_at(b, mid, &e) < 0) return -1;
        if (e.hash < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Adds to f the rowids posted under h at times from..to in part id. */
static int search_part(sqlite3 *db, int64_t id, uint64_t h, int64_t from, int64_t to, found *f)
{
    sqlite3_blob *b;
    if (sqlite3_blob_open(db, "main", "post_parts", "data", id, 0, &b) != SQLITE_OK) return -1;
    long n = sqlite3_blob_bytes(b) / (long)sizeof(post_ent);
    long i = lower_bound(b, n, h);
    int rc = i < 0 ? -1 : 0;
    for (post_ent e; rc == 0 && i < n; i++) {
        if ((rc = read_at(b, i, &e)) < 0 || e.hash != h) break;
        int64_t ts = store_rowid_ts((int64_t)e.ref);
        if (ts >= from && ts <= to) rc = found_add(f, (int64_t)e.ref);
    }
    sqlite3_blob_close(b);
    return rc;
}

/* The parts of run ?1 that can hold hash ?2 (ordered): the last that
 * begins below it, and those that begin with it. */
static const char *SQL_PARTS =
    "SELECT id FROM post_parts WHERE run = ?1 AND lo <= ?2 AND lo >= coalesce("
    " (SELECT max(lo) FROM post_parts WHERE run = ?1 AND lo < ?2), ?2) ORDER BY lo, id";

/* Adds to f what every run of kind posts under h at times from..to. */
static int search_runs(sqlite3 *db, post_kind kind, uint64_t h, int64_t from, int64_t to, found *f)
{
    sqlite3_stmt *runs = NULL, *part = NULL;
    int rc = -1;
    if (sqlite3_prepare_v2(db, "SELECT run FROM post_runs WHERE kind = ?", -1, &runs, NULL) ||
        sqlite3_prepare_v2(db, SQL_PARTS, -1, &part, NULL))
        goto fail;
    sqlite3_bind_int(runs, 1, kind);
    rc = 0;
    while (rc == 0 && sqlite3_step(runs) == SQLITE_ROW) {
        sqlite3_bind_int64(part, 1, sqlite3_column_int64(runs, 0));
        sqlite3_bind_int64(part, 2, post_ordered(h));
        while (rc == 0 && sqlite3_step(part) == SQLITE_ROW)
            rc = search_part(db, sqlite3_column_int64(part, 0), h, from, to, f);
        sqlite3_reset(part);
    }
fail:
    sqlite3_finalize(runs);
    sqlite3_finalize(part);
    return rc;
}

static int by_value(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

char *store_post_find_last(sqlite3 *db, post_kind kind, const char *key, int64_t from, int64_t to,
                           size_t last, size_t *nfound)
{
    found f = {0};
    char *json = NULL;
    if (search_runs(db, kind, hash64(key, strlen(key)), from, to, &f) < 0) goto done;
    if (f.n) qsort(f.v, f.n, sizeof *f.v, by_value);
    if (nfound) *nfound = f.n;
    size_t first = last && f.n > last ? f.n - last : 0;
    if (!(json = malloc((f.n - first) * 21 + 3))) goto done;
    char *w = json;
    *w++ = '[';
    for (size_t i = first; i < f.n; i++)
        w += sprintf(w, i > first ? ",%lld" : "%lld", (long long)f.v[i]);
    strcpy(w, "]");
done:
    free(f.v);
    return json;
}

char *store_post_find(sqlite3 *db, post_kind kind, const char *key, int64_t from, int64_t to)
{
    return store_post_find_last(db, kind, key, from, to, 0, NULL);
}

sqlite3_stmt *store_post_prepare(sqlite3 *db, const char *sql, post_kind kind, const char *key,
                                 int64_t from, int64_t to)
{
    return store_post_prepare_last(db, sql, kind, key, from, to, 0, NULL);
}

sqlite3_stmt *store_post_prepare_last(sqlite3 *db, const char *sql, post_kind kind, const char *key,
                                      int64_t from, int64_t to, size_t last, size_t *nfound)
{
    sqlite3_stmt *st;
    char *rowids = store_post_find_last(db, kind, key, from, to, last, nfound);
    if (!rowids) return NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        free(rowids);
        return NULL;
    }
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, from);
    sqlite3_bind_int64(st, 3, to);
    sqlite3_bind_text(st, 4, rowids, -1, free);
    return st;
}
