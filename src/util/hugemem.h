/* hugemem — large arrays on 2 MiB pages. */
#ifndef WACHTER_HUGEMEM_H
#define WACHTER_HUGEMEM_H
#include <stddef.h>

/* Asks the kernel to back the whole 2 MiB pages inside [p, p + bytes) with
 * huge pages (transparent huge pages on request): a large array then
 * faults in 2 MiB at a time instead of 4 KiB, and a random access into it
 * misses the TLB less. Advice only: refused, nothing changes. Call it
 * before the memory is first written; blocks under 4 MiB are left alone. */
void mem_huge(void *p, size_t bytes);
#endif
