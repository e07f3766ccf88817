#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

struct strmap {
    uint32_t *slots; /* id + 1, 0 = empty */
    uint64_t *hashes;
    size_t cap, count, keys_cap;
    char **keys;
};

uint64_t hash64(const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
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
    if (!m->slots) {
        free(m);
        return NULL;
    }
    return m;
}

void strmap_free(strmap *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->count; i++) free(m->keys[i]);
    free(m->keys);
    free(m->hashes);
    free(m->slots);
    free(m);
}

static size_t probe(const strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1, i = h & mask;
    while (m->slots[i]) {
        uint32_t id = m->slots[i] - 1;
        if (m->hashes[id] == h && strncmp(m->keys[id], key, len) == 0 && m->keys[id][len] == 0)
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

static int grow(strmap *m)
{
    size_t ncap = m->cap * 2;
    uint32_t *ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    for (size_t id = 0; id < m->count; id++) {
        size_t i = m->hashes[id] & (ncap - 1);
        while (ns[i]) i = (i + 1) & (ncap - 1);
        ns[i] = (uint32_t)id + 1;
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
    if (m->slots[i]) {
        *id = m->slots[i] - 1;
        return 0;
    }
    if (m->count == m->keys_cap) {
        size_t nc = m->keys_cap ? m->keys_cap * 2 : 64;
        char **nk = realloc(m->keys, nc * sizeof *nk);
        if (!nk) return -1;
        m->keys = nk;
        uint64_t *nh = realloc(m->hashes, nc * sizeof *nh);
        if (!nh) return -1;
        m->hashes = nh;
        m->keys_cap = nc;
    }
    char *k = malloc(len + 1);
    if (!k) return -1;
    memcpy(k, key, len);
    k[len] = 0;
    m->keys[m->count] = k;
    m->hashes[m->count] = h;
    m->slots[i] = (uint32_t)m->count + 1;
    *id = (uint32_t)m->count++;
    if (m->count * 2 > m->cap && grow(m) < 0) return -1;
    return 1;
}

int64_t strmap_find(const strmap *m, const char *key, size_t len)
{
    size_t i = probe(m, key, len, hash64(key, len));
    return m->slots[i] ? (int64_t)m->slots[i] - 1 : -1;
}

const char *strmap_key(const strmap *m, uint32_t id)
{
    return id < m->count ? m->keys[id] : NULL;
}

size_t strmap_count(const strmap *m)
{
    return m->count;
}
