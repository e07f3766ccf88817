#include "store/store_rulelog.h"
#include "store/store_int.h"

#include <string.h>

/* An entry in a row: key length (4 bytes, little-endian), the key and a
 * NUL (so that a reader can pass the key in place), value length, value. */
enum { LEN_BYTES = 4 };

static void put_len(unsigned char *p, uint32_t n)
{
    for (int i = 0; i < LEN_BYTES; i++)
        p[i] = (unsigned char)(n >> (8 * i));
}

static uint32_t get_len(const unsigned char *p)
{
    uint32_t n = 0;
    for (int i = 0; i < LEN_BYTES; i++)
        n |= (uint32_t)p[i] << (8 * i);
    return n;
}

int store_rulelog_entry(buf *b, const char *key, const void *p, size_t n)
{
    size_t kl = strlen(key);
    if (kl > UINT32_MAX || n > UINT32_MAX) return -1;
    unsigned char len[LEN_BYTES];
    put_len(len, (uint32_t)kl);
    if (buf_put(b, len, sizeof len) < 0 || buf_put(b, key, kl + 1) < 0) return -1;
    put_len(len, (uint32_t)n);
    return buf_put(b, len, sizeof len) < 0 || buf_put(b, p, n) < 0 ? -1 : 0;
}

int store_rulelog_add(store *s, const char *rule, uint64_t layout, int snapshot, const buf *b,
                      int64_t *seq)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO rule_log(rule, layout, snapshot, data)"
                                     " VALUES(?,?,?,?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)layout);
    sqlite3_bind_int(st, 3, snapshot);
    sqlite3_bind_blob(st, 4, b->data ? b->data : "", (int)b->len, SQLITE_STATIC);
    if (store_step_done(st) < 0) return -1;
    *seq = sqlite3_last_insert_rowid(store_db(s));
    return 0;
}

int store_rulelog_drop_before(store *s, const char *rule, int64_t seq)
{
    sqlite3_stmt *st = store_stmt(s, "DELETE FROM rule_log WHERE rule=? AND seq<?");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, seq);
    if (store_step_done(st) < 0 || !(st = store_stmt(s, "DELETE FROM rule_kv WHERE rule=?")))
        return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    return store_step_done(st);
}

typedef int (*entry_fn)(const kv_entry *e, size_t n, void *ctx);

/* Calls fn for the entries of one row, KV_BATCH at a time. Returns 0,
 * STORE_RULELOG_DAMAGED, or fn's non-zero. */
static int each_in_row(const unsigned char *p, size_t n, entry_fn fn, void *ctx)
{
    kv_entry batch[KV_BATCH];
    size_t at = 0, nb = 0;
    while (at < n) {
        if (n - at < LEN_BYTES) return STORE_RULELOG_DAMAGED;
        size_t kl = get_len(p + at);
        at += LEN_BYTES;
        if (n - at < kl + 1 + LEN_BYTES) return STORE_RULELOG_DAMAGED;
        const char *key = (const char *)p + at;
        if (key[kl] != 0 || memchr(key, 0, kl)) return STORE_RULELOG_DAMAGED;
        at += kl + 1;
        size_t vl = get_len(p + at);
        at += LEN_BYTES;
        if (n - at < vl) return STORE_RULELOG_DAMAGED;
        batch[nb++] = (kv_entry){key, p + at, vl};
        at += vl;
        if (nb == KV_BATCH) {
            int rc = fn(batch, nb, ctx);
            if (rc) return rc;
            nb = 0;
        }
    }
    return nb ? fn(batch, nb, ctx) : 0;
}

int store_rulelog_each(store *s, const char *rule, uint64_t layout, entry_fn fn, void *ctx,
                       store_rulelog_size *size)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT key, value FROM rule_kv WHERE rule=? AND layout=?",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)layout);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        size->tail += strlen(key) + 1 + n + 2 * LEN_BYTES;
        kv_entry e = {key, sqlite3_column_blob(st, 1), n};
        rc = fn(&e, 1, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    if (rc) return rc;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT snapshot, data FROM rule_log WHERE rule=? AND layout=?"
                           " ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)layout);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        *(sqlite3_column_int(st, 0) ? &size->snapshot : &size->tail) += n;
        rc = each_in_row(sqlite3_column_blob(st, 1), n, fn, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}
