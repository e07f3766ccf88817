/* strmap — string → dense integer id (interning), open addressing.
 * Ids are 0, 1, 2, ... in order of first insertion. */
#ifndef WACHTER_STRMAP_H
#define WACHTER_STRMAP_H
#include <stddef.h>
#include <stdint.h>

typedef struct strmap strmap;

/* Returns an owned, empty map; NULL when out of memory. */
strmap *strmap_new(void);
void strmap_free(strmap *m);
/* Returns the id of key (copied on first sight) through *id; 1 if it was new,
 * 0 if it existed, negative when out of memory. A key holds no NUL byte. */
int strmap_intern(strmap *m, const char *key, size_t len, uint32_t *id);
/* Makes room for n keys in all, so that interning up to n grows nothing.
 * A hint: 0, or -1 when out of memory (the map is unchanged). */
int strmap_reserve(strmap *m, size_t n);
/* Starts fetching the slot where key would be into the cache, so that a
 * caller about to intern or find many keys can overlap the memory waits. */
void strmap_prefetch(const strmap *m, const char *key, size_t len);
/* Returns the id of key, or -1 when absent. */
int64_t strmap_find(const strmap *m, const char *key, size_t len);
/* strmap_find for n keys (NUL-terminated) at once: out[i] for keys[i].
 * The same answers, with the memory waits of the n look-ups overlapped
 * (in a large map each costs a cache miss for the slot and one for the
 * key). */
void strmap_find_many(const strmap *m, const char *const *keys, size_t n, int64_t *out);
/* Returns the key of id, borrowed from the map. */
const char *strmap_key(const strmap *m, uint32_t id);
size_t strmap_count(const strmap *m);

/* 64-bit FNV-1a with a final mix; stable across runs and machines. */
uint64_t hash64(const void *data, size_t len);
#endif
