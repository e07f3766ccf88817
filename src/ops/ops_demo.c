#include "ops/ops_demo.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "normalise/ts.h"
#include "ops/ops_ingest.h"
#include "ops/ops_functions.h"
#include "ops/ops_load.h"
#include "ops/ops_rules.h"
#include "store/store_count.h"
#include "store/store_events.h"
#include "store/store_lock.h"

/* The demo's own ingest: its events in batches of this many, as a daily
 * feed would arrive, so that baselines carry across commits. */
enum { DEMO_BATCH = 100000 };

static int ingest_file(store *s, const char *dir, ingest_bad_fn on_bad, void *ctx,
                       const ops_notes *notes, ingest_stats *st, werr *e)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/events.jsonl", dir);
    FILE *in = fopen(path, "rb");
    if (!in) return werr_set(e, WERR_NOT_FOUND, "%s: cannot open", path);
    ingest_opts io = {.source = path,
                      .store_events = 1,
                      .batch = DEMO_BATCH,
                      .on_bad = on_bad,
                      .on_bad_ctx = ctx};
    int rc = ops_ingest(s, in, &io, notes, st, e);
    fclose(in);
    return rc;
}

/* The kind's configuration in force before anything is loaded (kind NULL:
 * the store's as it is). */
static int use_kind(store *s, const char *kind, werr *e)
{
    if (!kind) return 0;
    char origin[100];
    snprintf(origin, sizeof origin, "demo --kind %s", kind);
    return ops_rules_set_kind(s, kind, origin, e);
}

/* The organisation's risk analysis of its functions (functions.csv, when
 * the generator wrote one), entered by the account "demo". Loaded after
 * the ranking above, so that where the planted scenarios rank measures
 * detection alone; `wachter risk` on the store weighs them afterwards. */
static int load_functions(store *s, const char *dir, const refload_report *rep,
                          const ops_notes *notes, werr *e)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/functions.csv", dir);
    if (access(path, F_OK) != 0) return 0;
    ops_fn_load_counts n;
    return ops_functions_load(s, "demo", path, ts_now_ms(), rep, notes, &n, e);
}

static int demo_locked(store *s, const char *dir, const char *kind, const refload_report *rep,
                       ingest_bad_fn on_bad, void *ctx, const ops_notes *notes, demo_result *out,
                       werr *e)
{
    demo_truth *t = NULL;
    if (demo_truth_read(dir, &t, e) < 0) return -1;
    out->truth = t;
    out->cut = demo_cut(t->actors);
    int64_t have = 0;
    if (store_count_events(s, &have) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    if (have > 0)
        return werr_set(e, WERR_CONFLICT,
                        "the store already holds events; the demo needs an empty store"
                        " (remove it or pass another --db)");
    ops_load_result loaded;
    risk_row *rows = NULL;
    size_t n = 0;
    int64_t alerts;
    if (use_kind(s, kind, e) < 0 || ops_load(s, dir, 1, rep, notes, &loaded, e) < 0 ||
        ingest_file(s, dir, on_bad, ctx, notes, &out->ingest, e) < 0 ||
        risk_rank(s, 0, RISK_MIN_SCORE, &rows, &n, e) < 0)
        return -1;
    out->rows = rows;
    out->nrows = n;
    if (load_functions(s, dir, rep, notes, e) < 0) return -1;
    if (store_count_alerts(s, &alerts) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
    out->alerts = (long)alerts;
    return 0;
}

int ops_demo(store *s, const char *dir, const char *kind, const refload_report *rep,
             ingest_bad_fn on_bad, void *ctx, const ops_notes *notes, demo_result *out, werr *e)
{
    /* Held from the check that the store is empty to the last alert. */
    char what[4200];
    snprintf(what, sizeof what, "demo %s", dir);
    if (store_writer_begin(s, what, e) < 0) return -1;
    int rc = demo_locked(s, dir, kind, rep, on_bad, ctx, notes, out, e);
    store_writer_end(s);
    return rc;
}

void ops_demo_free(demo_result *r)
{
    risk_free((risk_row *)r->rows, r->nrows);
    demo_truth_free((demo_truth *)r->truth);
    r->rows = NULL;
    r->truth = NULL;
}
