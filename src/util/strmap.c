#include "util/strmap.h"

#include "util/arena.h"
#include "util/hugemem.h"

#include <stdlib.h>
#include <string.h>

/* A slot keeps a short key (most ids are) itself beside its id, so that a
 * probe finds it without a second cache miss. A longer key stays in the
 * arena: the slot then holds part of its hash (compared first) and a
 * pointer to it, and a hit costs two misses (slot, key). */
enum { SHORT = 11, LONG = 0xff };
typedef struct slot {
    uint32_t id1;              /* id + 1, 0 = empty */
    uint8_t len;               /* the key's length when it is short, else LONG */
    unsigned char text[SHORT]; /* a short key, zero-padded; or 3 bytes of
                                * tag, then the long key's pointer */
} slot;
_Static_assert(sizeof(slot) == 16, "four slots to a cache line");

struct strmap {
    slot *slots;
    size_t cap, count, keys_cap;
    char **keys; /* keys live in the arena */
    arena *mem;
};

/* The n (up to 8) bytes at p as a little-endian number. Where the
 * machine is little-endian, one or two loads: gcc does not see through
 * the byte loop (a dependent shift and or per byte). Below eight bytes,
 * two loads that overlap, each within the n bytes. */
static inline uint64_t load_le(const unsigned char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t v;
    uint32_t a, b;
    uint16_t c, d;
    if (n == 8) {
        memcpy(&v, p, 8);
        return v;
    }
    if (n >= 4) {
        memcpy(&a, p, 4);
        memcpy(&b, p + n - 4, 4);
        return a | (uint64_t)b << (8 * (n - 4));
    }
    if (n >= 2) {
        memcpy(&c, p, 2);
        memcpy(&d, p + n - 2, 2);
        return c | (uint64_t)d << (8 * (n - 2));
    }
    return n ? p[0] : 0;
#else
    uint64_t v = 0;
    for (size_t i = n; i > 0; i--)
        v = v << 8 | p[i - 1];
    return v;
#endif
}

uint64_t hash64(const void *data, size_t len)
{
    /* Eight bytes a step, multiply-xorshift mixing; stable across runs and
     * machines (little-endian loads), since stored ids derive from it. */
    const unsigned char *p = data;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (len * 0xff51afd7ed558ccdULL);
    while (len >= 8) {
        h = (h ^ load_le(p, 8)) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        p += 8;
        len -= 8;
    }
    uint64_t v = load_le(p, len);
    h = (h ^ v) * 0x94d049bb133111ebULL;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

strmap *strmap_new(void)
{
    strmap *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->cap = 64;
    m->slots = calloc(m->cap, sizeof *m->slots);
    m->mem = arena_new(256 * 1024);
    if (!m->slots || !m->mem) {
        strmap_free(m);
        return NULL;
    }
    return m;
}

void strmap_free(strmap *m)
{
    if (!m) return;
    arena_free(m->mem);
    free(m->keys);
    free(m->slots);
    free(m);
}

/* Whether short slot text equals key[0..len), len <= SHORT: two loads a
 * side that stay inside the len bytes. */
static inline int short_eq(const unsigned char *text, const char *key, size_t len)
{
    const unsigned char *k = (const unsigned char *)key;
    if (len <= 8) return load_le(text, len) == load_le(k, len);
    return load_le(text, 8) == load_le(k, 8) &&
           load_le(text + len - 8, 8) == load_le(k + len - 8, 8);
}

static inline uint32_t tag_of(uint64_t h)
{
    return (uint32_t)(h >> 40); /* 24 bits */
}

static inline uint32_t slot_tag(const slot *s)
{
    return s->text[0] | (uint32_t)s->text[1] << 8 | (uint32_t)s->text[2] << 16;
}

static inline const char *slot_key(const slot *s)
{
    const char *k;
    memcpy(&k, s->text + 3, sizeof k);
    return k;
}

static slot slot_make(uint32_t id, const char *key, size_t len, uint64_t h)
{
    slot s = {.id1 = id + 1};
    if (len <= SHORT) {
        s.len = (uint8_t)len;
        memcpy(s.text, key, len);
    } else {
        uint32_t t = tag_of(h);
        s.len = LONG;
        s.text[0] = (unsigned char)t;
        s.text[1] = (unsigned char)(t >> 8);
        s.text[2] = (unsigned char)(t >> 16);
        memcpy(s.text + 3, &key, sizeof key);
    }
    return s;
}

static size_t probe(const strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    if (len <= SHORT) {
        for (; m->slots[i].id1; i = (i + 1) & mask)
            if (m->slots[i].len == len && short_eq(m->slots[i].text, key, len)) return i;
        return i;
    }
    uint32_t tag = tag_of(h);
    for (; m->slots[i].id1; i = (i + 1) & mask) {
        const slot *s = &m->slots[i];
        if (s->len == LONG && slot_tag(s) == tag) {
            const char *k = slot_key(s);
            if (memcmp(k, key, len) == 0 && k[len] == 0) return i;
        }
    }
    return i;
}

/* A zeroed slot array; a large one on 2 MiB pages, so that a probe into
 * two million subjects waits for one cache miss, not a miss and a
 * page-table walk. */
static slot *slots_new(size_t n)
{
    return mem_huge_calloc(n, sizeof(slot));
}

static int keys_room(strmap *m, size_t n)
{
    if (n <= m->keys_cap) return 0;
    char **nk = mem_huge_grow(m->keys, m->count * sizeof *nk, n * sizeof *nk);
    if (!nk) return -1;
    m->keys = nk;
    m->keys_cap = n;
    return 0;
}

/* The hash of the key in a full slot, for growing: a short key is at
 * hand; keys never hold a NUL (their callers pass C strings). */
static uint64_t slot_hash(const slot *s)
{
    if (s->len != LONG) return hash64(s->text, s->len);
    const char *k = slot_key(s);
    return hash64(k, strlen(k));
}

static int resize(strmap *m, size_t ncap)
{
    slot *ns = slots_new(ncap);
    if (!ns) return -1;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].id1) continue;
        size_t j = slot_hash(&m->slots[i]) & (ncap - 1);
        while (ns[j].id1)
            j = (j + 1) & (ncap - 1);
        ns[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = ns;
    m->cap = ncap;
    return 0;
}

int strmap_intern(strmap *m, const char *key, size_t len, uint32_t *id)
{
    uint64_t h = hash64(key, len);
    size_t i = probe(m, key, len, h);
    if (m->slots[i].id1) {
        *id = m->slots[i].id1 - 1;
        return 0;
    }
    size_t room = m->keys_cap ? m->keys_cap * 2 : 64;
    if (m->count == m->keys_cap && keys_room(m, room) < 0) return -1;
    char *k = arena_strndup(m->mem, key, len);
    if (!k) return -1;
    m->keys[m->count] = k;
    m->slots[i] = slot_make((uint32_t)m->count, k, len, h);
    *id = (uint32_t)m->count++;
    if (m->count * 2 > m->cap && resize(m, m->cap * 2) < 0) return -1;
    return 1;
}

int strmap_reserve(strmap *m, size_t n)
{
    size_t cap = m->cap;
    while (cap < n * 2 + 2)
        cap *= 2;
    if (keys_room(m, n) < 0) return -1;
    /* The keys together too, at 16 bytes each (most are short): a long
     * key compared in a large map then costs a cache miss, not also a TLB
     * miss (short ones are compared in their slots). */
    if (n > m->count && arena_reserve(m->mem, (n - m->count) * 16) < 0) return -1;
    return cap > m->cap ? resize(m, cap) : 0;
}

void strmap_prefetch(const strmap *m, const char *key, size_t len)
{
    __builtin_prefetch(&m->slots[hash64(key, len) & (m->cap - 1)], 1);
}

/* The id in slot i (where probe stopped), or -1 when it is empty. */
static int64_t id_at(const strmap *m, size_t i)
{
    return m->slots[i].id1 ? (int64_t)m->slots[i].id1 - 1 : -1;
}

int64_t strmap_find(const strmap *m, const char *key, size_t len)
{
    return id_at(m, probe(m, key, len, hash64(key, len)));
}

void strmap_find_many(const strmap *m, const char *const *keys, size_t n, int64_t *out)
{
    enum { W = 16 };
    size_t mask = m->cap - 1;
    for (size_t base = 0; base < n; base += W) {
        size_t w = n - base < W ? n - base : W, len[W];
        uint64_t h[W];
        for (size_t i = 0; i < w; i++) { /* fetch the slots */
            len[i] = strlen(keys[base + i]);
            h[i] = hash64(keys[base + i], len[i]);
            __builtin_prefetch(&m->slots[h[i] & mask]);
        }
        for (size_t i = 0; i < w; i++) { /* then the long keys they point to */
            const slot *sl = &m->slots[h[i] & mask];
            if (sl->id1 && sl->len == LONG && slot_tag(sl) == tag_of(h[i]))
                __builtin_prefetch(slot_key(sl));
        }
        for (size_t i = 0; i < w; i++) {
            out[base + i] = id_at(m, probe(m, keys[base + i], len[i], h[i]));
        }
    }
}

const char *strmap_key(const strmap *m, uint32_t id)
{
    return id < m->count ? m->keys[id] : NULL;
}

size_t strmap_count(const strmap *m)
{
    return m->count;
}
