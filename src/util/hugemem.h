/* hugemem — large arrays on 2 MiB pages. */
#ifndef WACHTER_HUGEMEM_H
#define WACHTER_HUGEMEM_H
#include <stddef.h>

/* malloc for a large array: from 2 MiB on, whole 2 MiB pages that the
 * kernel is asked to back with huge pages (transparent huge pages on
 * request) before anything touches them. The array then faults in 2 MiB
 * at a time instead of 4 KiB, and a random access into it misses the TLB
 * less. Where a page fault is dear (in a virtual machine whose faults trap
 * to the host, a 4 KiB fault costs about 15 µs here) a buffer of tens of
 * megabytes faulted 4 KiB at a time costs a tenth of a second or more.
 * Advice only: where the kernel refuses, the memory is ordinary. Free the
 * block with free(). */
void *mem_huge_alloc(size_t bytes);
/* calloc on the same terms: n zeroed elements of size bytes; NULL also
 * when n * size overflows. */
void *mem_huge_calloc(size_t n, size_t size);
/* realloc for a growing array (from mem_huge_alloc, malloc or NULL): its
 * first used bytes move into a block from mem_huge_alloc, so that neither
 * the copy nor the writes after it fault 4 KiB at a time (realloc would
 * copy into memory not yet advised). used <= bytes; NULL when out of
 * memory, p is then unchanged. */
void *mem_huge_grow(void *p, size_t used, size_t bytes);
#endif
