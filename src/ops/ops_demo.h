/* ops_demo — the library's part of `wachter demo`: a generated
 * organisation (its directory as wachter-demogen wrote it) loaded into an
 * empty store, its access log ingested, and the ranking set against the
 * planted truth. */
#ifndef WACHTER_OPS_DEMO_H
#define WACHTER_OPS_DEMO_H
#include "demo/demo.h"
#include "input/refload.h"
#include "ops/ops.h"

/* Runs the demo on dir (truth.json, the reference CSVs, events.jsonl) into
 * s, which must hold no events (WERR_CONFLICT otherwise). kind (NULL: the
 * configuration the store has) is made the rules configuration's kind of
 * organisation (ops_rules_set_kind) before anything is loaded. Bad rows go to
 * rep, quarantined lines to on_bad with ctx. Fills *out (out->gen_s is the
 * caller's); the truth and the rows are owned by the caller afterwards,
 * also on failure: ops_demo_free them. The store's one writer throughout
 * (store_lock.h). Returns 0, or -1 with e set. */
int ops_demo(store *s, const char *dir, const char *kind, const refload_report *rep,
             ingest_bad_fn on_bad, void *ctx, const ops_notes *notes, demo_result *out, werr *e);
/* Frees what ops_demo left in r (its truth and rows). */
void ops_demo_free(demo_result *r);
#endif
