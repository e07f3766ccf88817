/* arena — bump allocator for per-batch memory; reset after each batch. */
#ifndef WACHTER_ARENA_H
#define WACHTER_ARENA_H
#include <stddef.h>

typedef struct arena arena;

/* Returns an owned arena, or NULL when out of memory. */
arena *arena_new(size_t chunk_size);
/* Frees the arena and every allocation made from it. */
void arena_free(arena *a);
/* Forgets every allocation; keeps the first chunk for reuse. */
void arena_reset(arena *a);
/* Makes room for bytes more in one chunk, on 2 MiB pages when large (see
 * util/hugemem.h), so that many small allocations that follow (a large
 * map's keys) lie together. 0, or -1 when out of memory. */
int arena_reserve(arena *a, size_t bytes);
/* Returns n bytes aligned to 8, owned by the arena; NULL when out of memory. */
void *arena_alloc(arena *a, size_t n);
/* Copies n bytes of s plus a NUL into the arena. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
#endif
