/* ops_ingest — `ingest`: events from a file or a stream through the
 * pipeline (pipeline/ingest.h) with the store's reference data and the
 * detection state that earlier ingests saved, detecting with the rules
 * configuration in force (ops_rules.h). */
#ifndef WACHTER_OPS_INGEST_H
#define WACHTER_OPS_INGEST_H
#include <stdio.h>

#include "ops/ops.h"
#include "pipeline/ingest.h"

/* Loads the reference data (with o->threads), renews its compact copy
 * when it was read from the tables (a failure is a note), starts
 * detection with the rules configuration in force and the saved state (a rule whose saved state is
 * of another version learns again: a note), and ingests every line of in as ingest_stream does
 * (quarantined lines go to o->on_bad) without the fields the store's configuration drops
 * (ops_minimise_get), as the store's one writer (store_lock.h: WERR_CONFLICT,
 * naming the holder, while another process writes it). Returns 0 with *out, or -1 with e set. */
int ops_ingest(store *s, FILE *in, const ingest_opts *o, const ops_notes *notes, ingest_stats *out,
               werr *e);
#endif
