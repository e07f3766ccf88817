/* store_post_int — what store_post's writer and reader share. */
#ifndef WACHTER_STORE_POST_INT_H
#define WACHTER_STORE_POST_INT_H
#include <stdint.h>

/* Postings to a part of a run (1 MB). A binary search in one blob walks
 * its chain of overflow pages, so parts are kept small: a look-up reads
 * one or two parts' chains, not a run's. A hash's postings
 * may go on in the next parts (an account behind millions of look-ups):
 * parts are ordered by (lo, id), lo being their first hash. */
enum { PART = 1 << 16 };
/* ref: the event's rowid, which leads with its time (store_rowid.h): a
 * look-up skips events outside its period without reading them. */
typedef struct post_ent {
    uint64_t hash, ref;
} post_ent;

/* A hash as a signed number of the same order, for post_parts.lo. */
static inline int64_t post_ordered(uint64_t h)
{
    return (int64_t)(h ^ 0x8000000000000000ULL);
}
#endif
