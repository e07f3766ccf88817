#include "store/store_lastuse.h"
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

enum { SLOTS_MIN = 1 << 10 };

/* One (actor, system, action) noted since the last flush. */
typedef struct use {
    uint64_t h; /* 0: empty slot */
    int32_t actor;
    const char *name;
    char *system, *action; /* owned */
    int64_t last;
} use;

struct store_lastuse {
    use *slot;
    size_t cap, n;
};

store_lastuse *store_lastuse_new(void)
{
    store_lastuse *u = calloc(1, sizeof *u);
    if (!u) return NULL;
    u->cap = SLOTS_MIN;
    if (!(u->slot = calloc(u->cap, sizeof *u->slot))) {
        free(u);
        return NULL;
    }
    return u;
}

static void clear(store_lastuse *u)
{
    for (size_t i = 0; i < u->cap; i++)
        if (u->slot[i].h) {
            free(u->slot[i].system);
            free(u->slot[i].action);
        }
    memset(u->slot, 0, u->cap * sizeof *u->slot);
    u->n = 0;
}

void store_lastuse_free(store_lastuse *u)
{
    if (!u) return;
    clear(u);
    free(u->slot);
    free(u);
}

static size_t find(const use *slot, size_t cap, uint64_t h, int32_t actor, const char *system,
                   const char *action)
{
    size_t i = (size_t)h & (cap - 1);
    while (slot[i].h &&
           (slot[i].h != h || slot[i].actor != actor || strcmp(slot[i].system, system) != 0 ||
            strcmp(slot[i].action, action) != 0))
        i = (i + 1) & (cap - 1);
    return i;
}

/* Doubles the table (kept at most half full). 0 or -1. */
static int grow(store_lastuse *u)
{
    size_t cap = u->cap * 2;
    use *slot = calloc(cap, sizeof *slot);
    if (!slot) return -1;
    for (size_t i = 0; i < u->cap; i++) {
        if (!u->slot[i].h) continue;
        size_t j = (size_t)u->slot[i].h & (cap - 1);
        while (slot[j].h)
            j = (j + 1) & (cap - 1);
        slot[j] = u->slot[i];
    }
    free(u->slot);
    u->slot = slot;
    u->cap = cap;
    return 0;
}

int store_lastuse_note(store_lastuse *u, int32_t actor, const char *name, const char *system,
                       const char *action, int64_t ts)
{
    size_t ls = strlen(system);
    uint64_t h = hash64(system, ls) * 0x9E3779B97F4A7C15ULL ^ hash64(action, strlen(action)) ^
                 (uint64_t)(uint32_t)actor * 0xC2B2AE3D27D4EB4FULL;
    h ^= h >> 29;
    if (!h) h = 1;
    size_t i = find(u->slot, u->cap, h, actor, system, action);
    if (u->slot[i].h) {
        if (ts > u->slot[i].last) u->slot[i].last = ts;
        return 0;
    }
    if ((u->n + 1) * 2 > u->cap) {
        if (grow(u) < 0) return -1;
        i = find(u->slot, u->cap, h, actor, system, action);
    }
    use *e = &u->slot[i];
    *e = (use){h, actor, name, strdup(system), strdup(action), ts};
    if (!e->system || !e->action) {
        free(e->system);
        free(e->action);
        *e = (use){0};
        return -1;
    }
    u->n++;
    return 0;
}

static const char *const SQL_USE =
    "INSERT INTO right_use(actor, system, action, last) VALUES(?1, ?2, ?3, ?4)"
    " ON CONFLICT(actor, system, action) DO UPDATE SET last = max(last, excluded.last)";

int store_lastuse_flush(store_lastuse *u, store *s)
{
    if (!u->n) return 0;
    for (size_t i = 0; i < u->cap; i++) {
        const use *e = &u->slot[i];
        if (!e->h) continue;
        sqlite3_stmt *st = store_stmt(s, SQL_USE);
        if (!st) return -1;
        sqlite3_bind_text(st, 1, e->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, e->system, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, e->action, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, e->last);
        if (store_step_done(st) < 0) return -1;
    }
    clear(u);
    return 0;
}
