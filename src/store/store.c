#include "store/store.h"
#include "store/store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_journal.h"
#include "store/store_lock.h"
#include "store/store_post.h"
#include "store/store_upgrade.h"

enum { STMT_CACHE = 96 };

struct store {
    sqlite3 *db;
    struct {
        const char *sql; /* borrowed: callers pass string literals */
        sqlite3_stmt *st;
    } cache[STMT_CACHE];
    size_t ncache;
    store_post *post; /* postings of the open transaction's events */
    /* The next arrival number (store_arrivals), read in each transaction
     * that stores events and written at its commit. */
    int64_t arrival;
    int arrival_read, arrival_dirty;
    char err[256];  /* what went wrong beyond SQLite's own error; "" = none */
    char *path;     /* as opened, for messages */
    char full[512]; /* store_errmsg's message for a full disk */
    store_wlock wl; /* store_lock.c */
    sqlite3 *audit; /* the audit trail's file, opened on first use (store_audit.c) */
    /* An empty store of this schema as bytes (sqlite3_serialize), made by
     * the first scope opened from this handle (store_scope.c). */
    unsigned char *blank;
    sqlite3_int64 blank_len;
    store *spare;
};

sqlite3 **store_audit_slot(store *s)
{
    return &s->audit;
}

void store_blank_slot(store *s, unsigned char ***img, sqlite3_int64 **len)
{
    *img = &s->blank;
    *len = &s->blank_len;
}

store **store_spare_slot(store *s)
{
    return &s->spare;
}

const char *store_path(store *s)
{
    return s->path;
}

store_wlock *store_wlock_of(store *s)
{
    return &s->wl;
}

sqlite3 *store_db(store *s)
{
    return s->db;
}

/* Whether the connection's last failure was a full disk: SQLite says
 * SQLITE_FULL, or an I/O error whose cause was ENOSPC or EDQUOT. */
static int disk_full(sqlite3 *db)
{
    int sys = sqlite3_system_errno(db);
    return (sqlite3_errcode(db) & 0xff) == SQLITE_FULL ||
           ((sqlite3_errcode(db) & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT));
}

const char *store_errmsg(store *s)
{
    if (s->err[0]) return s->err;
    if (!disk_full(s->db)) return sqlite3_errmsg(s->db);
    snprintf(s->full, sizeof s->full, "disk full writing %s: %s", s->path ? s->path : "the store",
             sqlite3_errmsg(s->db));
    return s->full;
}

void store_set_errmsg(store *s, const char *msg)
{
    snprintf(s->err, sizeof s->err, "%s", msg);
}

int store_exec(store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_exec_fast_delete(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA secure_delete", -1, &st, NULL) != SQLITE_OK) return -1;
    int was = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 1;
    sqlite3_finalize(st);
    if (sqlite3_exec(db, "PRAGMA secure_delete=FAST", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        /* Left FAST: setting it back would replace SQLite's error (a full
         * disk, say) with success, and the caller then says "not an
         * error". The transaction fails and is rolled back; its deletes
         * never happen. */
        return -1;
    char back[40];
    snprintf(back, sizeof back, "PRAGMA secure_delete=%d", was);
    return sqlite3_exec(db, back, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

int store_begin(store *s)
{
    s->err[0] = 0;
    return store_exec(s, "BEGIN IMMEDIATE");
}

/* Writes the next arrival number, when events took some. 0 or -1. */
static int arrivals_flush(store *s)
{
    if (!s->arrival_dirty) return 0;
    sqlite3_stmt *st =
        store_stmt(s, "INSERT OR REPLACE INTO tallies(name, n) VALUES('arrivals', ?)");
    if (!st) return -1;
    sqlite3_bind_int64(st, 1, s->arrival);
    return store_step_done(st);
}

int store_commit(store *s)
{
    if (store_post_flush(s->post, s->db) < 0 || arrivals_flush(s) < 0) return -1;
    s->arrival_read = s->arrival_dirty = 0; /* another writer may come next */
    return store_exec(s, "COMMIT");
}

void store_rollback(store *s)
{
    store_post_drop(s->post);
    s->arrival_read = s->arrival_dirty = 0;
    store_exec(s, "ROLLBACK");
}

int store_arrivals(store *s, int64_t n, int64_t *first)
{
    if (!s->arrival_read) {
        /* Kept in tallies; without that row (a hand edit), the slow way. */
        sqlite3_stmt *st = store_stmt(s, "SELECT coalesce((SELECT n FROM tallies"
                                         " WHERE name = 'arrivals'), (SELECT"
                                         " coalesce(max(arrival), 0) + 1 FROM events))");
        if (!st) return -1;
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) s->arrival = sqlite3_column_int64(st, 0);
        sqlite3_reset(st);
        if (rc != SQLITE_ROW) return -1;
        s->arrival_read = 1;
    }
    *first = s->arrival;
    s->arrival += n;
    s->arrival_dirty = 1;
    return 0;
}

store_post *store_posts(store *s)
{
    return s->post;
}

sqlite3_stmt *store_stmt(store *s, const char *sql)
{
    for (size_t i = 0; i < s->ncache; i++)
        if (s->cache[i].sql == sql) {
            sqlite3_reset(s->cache[i].st);
            sqlite3_clear_bindings(s->cache[i].st);
            return s->cache[i].st;
        }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK)
        return NULL;
    if (s->ncache < STMT_CACHE) {
        s->cache[s->ncache].sql = sql;
        s->cache[s->ncache++].st = st;
    }
    /* Past the cache size a statement would leak; the cache is sized above
     * the number of distinct statements in the program. */
    return st;
}

int store_step_done(sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : -1;
}

int store_schema_version(store *s)
{
    int v = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* The page cache and temporary storage while the store works. */
static const char *PRAGMA_CACHE = "PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;"
                                  " PRAGMA threads=0";
/* While a migration sorts all events (an index build). SQLite sorts for
 * CREATE INDEX in runs as large as the page cache: one run of a gigabyte
 * sorted in memory was several times slower than runs of 4 MB sorted by
 * two worker threads, spilled to temporary files and merged. Outside a
 * transaction only (temp_store). */
static const char *PRAGMA_SORTING =
    "PRAGMA cache_size=-4096; PRAGMA temp_store=FILE; PRAGMA threads=2";

static int migrate(store *s, store_note_fn note, void *ctx, werr *e)
{
    int v = store_schema_version(s);
    if (v < 0) goto fail;
    if ((size_t)v > schema_count()) {
        return werr_set(e, WERR_CONFLICT,
                        "store schema version %d is newer than this wachter (%zu)", v,
                        schema_count());
    }
    if ((size_t)v == schema_count()) return 0;
    if (v > 0 && note) {
        char msg[200];
        snprintf(msg, sizeof msg,
                 "upgrading the store from schema %d to %zu (with many events this takes"
                 " a while: look-up structures are rebuilt)",
                 v, schema_count());
        note(msg, ctx);
    }
    /* Migrations rebuild tables and indexes over all events. */
    if (store_exec(s, PRAGMA_SORTING) < 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot prepare the migrations: %s", store_errmsg(s));
    }
    for (size_t i = (size_t)v; i < schema_count(); i++) {
        char pragma[48];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%zu", i + 1);
        if (store_begin(s) < 0 || store_exec(s, schema_migration(i)) < 0 ||
            (i + 1 == SCHEMA_TIME_ROWIDS && store_rowid_upgrade(s->db) < 0) ||
            store_exec(s, pragma) < 0 || store_commit(s) < 0) {
            werr_set(e, WERR_UNAVAILABLE, "migration %zu failed: %s", i + 1, store_errmsg(s));
            store_rollback(s);
            return -1;
        }
    }
    if (store_exec(s, PRAGMA_CACHE) < 0) {
        return werr_set(e, WERR_UNAVAILABLE, "cannot set the page cache: %s", store_errmsg(s));
    }
    return 0;
fail:
    return werr_set(e, WERR_UNAVAILABLE, "cannot read schema version: %s", sqlite3_errmsg(s->db));
}

/* Is path a file of the file system (not ":memory:", "" or a URI)? */
static int on_disk(const char *path)
{
    return path[0] && strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0;
}

int store_private_file(const char *path, int create)
{
    if (!on_disk(path)) return 0;
    /* SQLite gives the write-ahead log, its index (-shm) and a rollback
     * journal the store file's permissions: 0600 here makes them 0600. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0), 0600);
    if (fd < 0 && errno == ELOOP) return 0; /* a link: its target is the user's to set */
    if (fd < 0 && errno == ENOENT && !create) return 0; /* none: store_open says so */
    if (fd < 0) return errno == EACCES || errno == EROFS || errno == EISDIR ? 0 : -1;
    struct stat st;
    /* A store made before (or by another program) readable by others is
     * made private, when it is ours; SQLite's open says what else is
     * wrong with it. */
    if (fstat(fd, &st) == 0 && st.st_uid == geteuid() && (st.st_mode & 077)) {
        if (fchmod(fd, st.st_mode & 0700) < 0) { /* not ours to change: left as it is */
        }
        char side[4200];
        static const char *const SIDE[] = {"-wal", "-shm", "-journal"};
        for (size_t i = 0; i < sizeof SIDE / sizeof *SIDE; i++)
            if ((size_t)snprintf(side, sizeof side, "%s%s", path, SIDE[i]) < sizeof side &&
                chmod(side, 0600) < 0) { /* none there: nothing to do */
            }
    }
    close(fd);
    return 0;
}

int store_open(const char *path, store **out, werr *e)
{
    return store_open_noting(path, STORE_CREATE, out, NULL, NULL, e);
}

/* Whether the store at path is none: no file there, or an empty one (a
 * store wachter made holds its schema). 1, 0, or -1 when that cannot be
 * told (*e set). */
static int no_store(store *s, const char *path, werr *e)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return 1;
        return werr_set(e, WERR_UNAVAILABLE, "%s: %s", path, strerror(errno));
    }
    if (st.st_size > 0) return 0;
    /* An empty file, unless another connection is creating the store and
     * its first pages are still in its journal: ask SQLite. */
    sqlite3_stmt *st_;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &st_, NULL) !=
        SQLITE_OK)
        return werr_set(e, WERR_UNAVAILABLE, "%s: %s", path, store_errmsg(s));
    int empty = sqlite3_step(st_) == SQLITE_ROW && sqlite3_column_int(st_, 0) == 0;
    sqlite3_finalize(st_);
    return empty;
}

/* store_open_noting, and with img (n bytes, copied) as the database's
 * content when not NULL: an in-memory store made from a blank one. */
static int open_store(const char *path, store_mode mode, const unsigned char *img, sqlite3_int64 n,
                      store **out, store_note_fn note, void *ctx, werr *e);

int store_open_noting(const char *path, store_mode mode, store **out, store_note_fn note, void *ctx,
                      werr *e)
{
    return open_store(path, mode, NULL, 0, out, note, ctx, e);
}

int store_open_image(const unsigned char *img, sqlite3_int64 n, store **out, werr *e)
{
    return open_store(":memory:", STORE_CREATE, img, n, out, NULL, NULL, e);
}

static int open_store(const char *path, store_mode mode, const unsigned char *img, sqlite3_int64 n,
                      store **out, store_note_fn note, void *ctx, werr *e)
{
    store *s = calloc(1, sizeof *s);
    if (s && (!(s->post = store_post_new()) || !(s->path = strdup(path)))) {
        store_post_free(s->post);
        free(s);
        s = NULL;
    }
    if (!s) return werr_set(e, WERR_INTERNAL, "out of memory");
    s->wl.fd = -1;
    /* No mutex on the connection: one thread at a time uses a store (an
     * ingest's other threads parse and detect in memory), and SQLite's
     * locking of each call was a measurable share of a convergence
     * query's time. */
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (mode == STORE_CREATE) flags |= SQLITE_OPEN_CREATE;
    if (store_private_file(path, mode == STORE_CREATE) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "%s: cannot create the store: %s", path, strerror(errno));
        goto fail;
    }
    int rc = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (mode == STORE_EXISTING && (rc == SQLITE_OK || rc == SQLITE_CANTOPEN)) {
        int none = no_store(s, path, e);
        if (none < 0) goto fail;
        if (none) {
            werr_set(e, WERR_NOT_FOUND, "no store at %s", path);
            goto fail;
        }
    }
    if (rc != SQLITE_OK) {
        werr_set(e, WERR_UNAVAILABLE, "%s: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "cannot open");
        goto fail;
    }
    if (img) {
        unsigned char *copy = sqlite3_malloc64((sqlite3_uint64)n);
        if (!copy || sqlite3_deserialize(s->db, "main", memcpy(copy, img, (size_t)n), n, n,
                                         SQLITE_DESERIALIZE_FREEONCLOSE |
                                             SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
            werr_set(e, WERR_INTERNAL, "out of memory");
            goto fail;
        }
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_WAIT_MS);
    /* The journal: store/store_journal.h. Reads go through mmap: no copy
     * and no page-cache allocation per page, for the first 2 GiB of the
     * store (the most Debian's SQLite maps; beyond it pages are read with
     * pread into the cache). A new store gets 16 KiB pages (a first load
     * is faster than with 4 KiB, and look-ups as fast), set before its
     * journal; an existing one keeps its own. */
    if (store_exec(s, "PRAGMA page_size=16384") < 0 || store_journal_open(s) < 0 ||
        store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA mmap_size=2147418112") < 0 ||
        store_exec(s, PRAGMA_CACHE) < 0) {
        werr_set(e, WERR_UNAVAILABLE, "%s: %s", path, store_errmsg(s));
        goto fail;
    }
    if (migrate(s, note, ctx, e) < 0) goto fail;
    *out = s;
    return 0;
fail:
    store_close(s);
    return -1;
}

void store_close(store *s)
{
    if (!s) return;
    if (s->wl.depth > 0) {
        s->wl.depth = 1;
        store_writer_end(s);
    }
    for (size_t i = 0; i < s->ncache; i++)
        sqlite3_finalize(s->cache[i].st);
    sqlite3_close(s->db);
    if (s->audit) sqlite3_close(s->audit);
    sqlite3_free(s->blank);
    store_close(s->spare);
    store_post_free(s->post);
    free(s->path);
    free(s);
}

char *store_meta_get(store *s, const char *key)
{
    sqlite3_stmt *st = store_stmt(s, "SELECT value FROM meta WHERE key=?");
    if (!st) return NULL;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    char *v = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_reset(st);
    return v;
}

int store_meta_set(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = store_stmt(s, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
    if (!st) return -1;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    sqlite3_reset(st);
    return rc;
}
