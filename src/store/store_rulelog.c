#include "store/store_rulelog.h"
#include "store/store_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
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

int store_rulelog_add(store *s, const char *rule, uint32_t version, int snapshot, const buf *b,
                      int64_t *seq)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT INTO rule_log(rule, layout, snapshot, data)"
                                     " VALUES(?,?,?,?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)version);
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

/* Which rows of a rule store_rulelog_each reads. */
typedef struct wanted {
    uint64_t version, legacy;
    store_rulelog_size *size;
} wanted;

/* 1 when a row tagged tag is to be read, as a legacy row through *legacy;
 * 0 when it is skipped (counted as stale, n bytes). */
static int want_row(const wanted *w, uint64_t tag, size_t n, int *legacy)
{
    *legacy = w->legacy && tag == w->legacy && tag != w->version;
    if (tag == w->version || *legacy) return 1;
    w->size->stale += n;
    w->size->stale_version = tag;
    return 0;
}

int store_rulelog_each(store *s, const char *rule, uint32_t version, uint64_t legacy, entry_fn fn,
                       void *ctx, store_rulelog_size *size)
{
    wanted w = {version, legacy, size};
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT key, value, layout FROM rule_kv WHERE rule=?", -1,
                           &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    int rc = 0, step, old;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        size_t bytes = strlen(key) + 1 + n + 2 * LEN_BYTES;
        if (!want_row(&w, (uint64_t)sqlite3_column_int64(st, 2), bytes, &old)) continue;
        size->tail += bytes;
        kv_entry e = {key, sqlite3_column_blob(st, 1), n};
        rc = fn(&e, 1, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    if (rc) return rc;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT snapshot, data, layout FROM rule_log WHERE rule=? ORDER BY seq",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        size_t n = (size_t)sqlite3_column_bytes(st, 1);
        if (!want_row(&w, (uint64_t)sqlite3_column_int64(st, 2), n, &old)) continue;
        *(sqlite3_column_int(st, 0) && !old ? &size->snapshot : &size->tail) += n;
        rc = each_in_row(sqlite3_column_blob(st, 1), n, fn, ctx);
    }
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

/* ---- per-actor state ---- */

/* A layout's description in table meta: key "state_layout:<id>", value
 * "name version off size" per part, parts separated by ';'. */
#define LAYOUT_KEY "state_layout:"

int store_state_layout_put(store *s, uint64_t layout, const store_state_part *parts, size_t n)
{
    buf v = {0};
    char part[160], key[64];
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        int pl = snprintf(part, sizeof part, "%s%s %" PRIu32 " %" PRIu32 " %" PRIu32, i ? ";" : "",
                          parts[i].name, parts[i].version, parts[i].off, parts[i].size);
        rc = pl > 0 && (size_t)pl < sizeof part ? buf_put(&v, part, (size_t)pl) : -1;
    }
    if (rc == 0) rc = buf_put(&v, "", 1);
    sqlite3_stmt *st = NULL;
    if (rc == 0 && !(st = store_stmt(s, "INSERT OR IGNORE INTO meta(key, value) VALUES(?, ?)")))
        rc = -1;
    if (rc == 0) {
        snprintf(key, sizeof key, LAYOUT_KEY "%" PRIu64, layout);
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, v.data, -1, SQLITE_STATIC);
        rc = store_step_done(st);
    }
    buf_free(&v);
    return rc;
}

/* Splits a description (modified in place) into parts; names point into
 * text. Returns the number of parts, or -1 when it cannot be read. */
static int parse_layout(char *text, store_state_part *parts)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(text, ";", &save); t; t = strtok_r(NULL, ";", &save)) {
        char *sp = strchr(t, ' ');
        unsigned long v, off, size;
        if (n == STORE_STATE_PARTS_MAX || !sp ||
            sscanf(sp + 1, "%lu %lu %lu", &v, &off, &size) != 3 || v > UINT32_MAX ||
            off > UINT32_MAX || size > UINT32_MAX)
            return -1;
        *sp = 0;
        parts[n++] = (store_state_part){t, (uint32_t)v, (uint32_t)off, (uint32_t)size};
    }
    return n;
}

int store_state_layout_each(store *s,
                            int (*fn)(uint64_t layout, const store_state_part *parts, size_t n,
                                      void *ctx),
                            void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT key, value FROM meta WHERE key >= '" LAYOUT_KEY
                           "' AND key < 'state_layout;'",
                           -1, &st, NULL) != SQLITE_OK)
        return -1;
    store_state_part parts[STORE_STATE_PARTS_MAX];
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *key = (const char *)sqlite3_column_text(st, 0);
        const char *value = (const char *)sqlite3_column_text(st, 1);
        char *text = value ? strdup(value) : NULL, *end;
        if (!text) {
            rc = value ? -1 : 0;
            continue;
        }
        uint64_t layout = strtoull(key + strlen(LAYOUT_KEY), &end, 10);
        int n = *end ? -1 : parse_layout(text, parts);
        if (n >= 0) rc = fn(layout, parts, (size_t)n, ctx);
        free(text);
    }
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}

int store_actor_state_each(store *s,
                           int (*fn)(const char *actor, uint64_t layout, const void *p, size_t n,
                                     void *ctx),
                           void *ctx)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s), "SELECT actor, layout, state FROM actor_state", -1, &st,
                           NULL) != SQLITE_OK)
        return -1;
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW)
        rc = fn((const char *)sqlite3_column_text(st, 0), (uint64_t)sqlite3_column_int64(st, 1),
                sqlite3_column_blob(st, 2), (size_t)sqlite3_column_bytes(st, 2), ctx);
    if (!rc && step != SQLITE_DONE) rc = -1;
    sqlite3_finalize(st);
    return rc;
}
