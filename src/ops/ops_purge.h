/* ops_purge — `wachter purge`: the retention policy applied (README
 * "Retention and minimisation": what is deleted, what is held and why;
 * docs/privacy.md: why what detection learned stays). */
#ifndef WACHTER_OPS_PURGE_H
#define WACHTER_OPS_PURGE_H
#include <stdint.h>

#include "ops/ops_retention.h"
#include "store/store_purge.h"

typedef struct ops_purge_result {
    int dry_run;
    int64_t now;            /* epoch ms the retention was measured from */
    ops_retention policy;   /* in force */
    int64_t cut[OPS_KINDS]; /* before this (epoch ms) a kind's records go; unused without policy */
    int64_t deleted[OPS_KINDS], held[OPS_KINDS];
} ops_purge_result;

/* Deletes every record past its kind's retention at now (epoch ms; 0: the
 * clock's time), except those held (store_purge.h), as the store's one
 * writer, and makes the deleted records unrecoverable from the file. With
 * dry_run nothing changes and the counts say what would be deleted.
 * Returns 0 with *out, or -1 with e. */
int ops_purge(store *s, int dry_run, int64_t now, ops_purge_result *out, werr *e);
#endif
