#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

#include "util/hugemem.h"

typedef struct chunk {
    struct chunk *next;
    size_t size, used;
    max_align_t data[];
} chunk;

struct arena {
    chunk *head;
    size_t chunk_size;
};

static chunk *chunk_new(size_t size)
{
    chunk *c = mem_huge_alloc(sizeof *c + size);
    if (!c) return NULL;
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

arena *arena_new(size_t chunk_size)
{
    arena *a = malloc(sizeof *a);
    if (!a) return NULL;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->head = chunk_new(a->chunk_size);
    if (!a->head) {
        free(a);
        return NULL;
    }
    return a;
}

void arena_free(arena *a)
{
    if (!a) return;
    for (chunk *c = a->head, *n; c; c = n) {
        n = c->next;
        free(c);
    }
    free(a);
}

void arena_reset(arena *a)
{
    chunk *last = a->head;
    while (last->next) {
        chunk *n = last->next;
        free(last);
        last = n;
    }
    /* The oldest chunk is last in the list: keep it. */
    a->head = last;
    a->head->used = 0;
}

int arena_reserve(arena *a, size_t bytes)
{
    if (a->head->size - a->head->used >= bytes) return 0;
    chunk *c = chunk_new(bytes);
    if (!c) return -1;
    c->next = a->head;
    a->head = c;
    return 0;
}

void *arena_alloc(arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    chunk *c = a->head;
    if (c->used + n > c->size) {
        size_t size = n > a->chunk_size ? n : a->chunk_size;
        chunk *nc = chunk_new(size);
        if (!nc) return NULL;
        nc->next = c;
        a->head = c = nc;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    if (!p) return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
