#include "store/store_refcache.h"
#include "store/store_int.h"

#include <stdlib.h>

#include "store/store_ref_int.h"
#include "util/hugemem.h"

/* The copy is kept in parts of at most PART bytes (SQLite caps a value at
 * 1 GB), in the table refdata_cache(part, data). */
enum { PART = 32 << 20, MAX_PARTS = 64 };

int store_refcache_drop(store *s, werr *e)
{
    return store_exec(s, "DELETE FROM refdata_cache") < 0 ? store_ref_fail(s, e) : 0;
}

static int write_parts(store *s, const unsigned char *data, size_t len)
{
    if (store_exec(s, "DELETE FROM refdata_cache") < 0) return -1;
    for (size_t off = 0, part = 0; off < len; off += PART, part++) {
        sqlite3_stmt *st = store_stmt(s, "INSERT INTO refdata_cache(part, data) VALUES(?, ?)");
        if (!st) return -1;
        size_t n = len - off < PART ? len - off : PART;
        sqlite3_bind_int64(st, 1, (sqlite3_int64)part);
        sqlite3_bind_blob(st, 2, data + off, (int)n, SQLITE_STATIC);
        int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) return -1;
    }
    return 0;
}

int store_refcache_write(store *s, const void *data, size_t len, werr *e)
{
    if (store_begin(s) < 0) return store_ref_fail(s, e);
    if (write_parts(s, data, len) < 0) {
        store_ref_fail(s, e);
        store_rollback(s);
        return -1;
    }
    if (store_commit(s) < 0) {
        store_ref_fail(s, e);
        store_rollback(s);
        return -1;
    }
    return 0;
}

/* Each part is read straight into place (sqlite3_blob_read): a column
 * value would be assembled in a buffer of SQLite's first. */
int store_refcache_read(store *s, unsigned char **out, size_t *len, werr *e)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT part, length(data) FROM refdata_cache ORDER BY part");
    if (!st) return store_ref_fail(s, e);
    int64_t part[MAX_PARTS], size[MAX_PARTS];
    size_t n = 0, total = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < MAX_PARTS) {
        part[n] = sqlite3_column_int64(st, 0);
        size[n] = sqlite3_column_int64(st, 1);
        total += (size_t)size[n++];
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW)
        return werr_set(e, WERR_INTERNAL, "the copy of the reference data has over %d parts",
                        MAX_PARTS);
    if (rc != SQLITE_DONE) return store_ref_fail(s, e);
    if (n == 0) return 0;
    unsigned char *data = mem_huge_alloc(total), *p = data;
    if (!data) return werr_set(e, WERR_INTERNAL, "out of memory reading the reference data");
    sqlite3_blob *blob = NULL;
    for (size_t i = 0; i < n; i++) {
        int ok = (blob ? sqlite3_blob_reopen(blob, part[i])
                       : sqlite3_blob_open(store_db(s), "main", "refdata_cache", "data", part[i], 0,
                                           &blob)) == SQLITE_OK &&
                 sqlite3_blob_bytes(blob) == size[i] &&
                 sqlite3_blob_read(blob, p, (int)size[i], 0) == SQLITE_OK;
        if (!ok) {
            free(data);
            data = NULL;
            break;
        }
        p += size[i];
    }
    sqlite3_blob_close(blob);
    if (!data) return werr_set(e, WERR_UNAVAILABLE, "the copy of the reference data is unreadable");
    *out = data;
    *len = total;
    return 1;
}
