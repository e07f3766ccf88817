#include "util/hugemem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { HUGE_PAGE = 2 << 20 };

void *mem_huge_alloc(size_t bytes)
{
    if (bytes < HUGE_PAGE) return malloc(bytes ? bytes : 1);
    if (bytes > SIZE_MAX - HUGE_PAGE) return NULL;
    size_t whole = (bytes + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    void *p = aligned_alloc(HUGE_PAGE, whole);
    if (p) madvise(p, whole, MADV_HUGEPAGE);
    return p;
}

void *mem_huge_calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = mem_huge_alloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

void *mem_huge_grow(void *p, size_t used, size_t bytes)
{
    if (bytes < HUGE_PAGE) return realloc(p, bytes ? bytes : 1);
    void *q = mem_huge_alloc(bytes);
    if (!q) return NULL;
    if (used) memcpy(q, p, used);
    free(p);
    return q;
}
