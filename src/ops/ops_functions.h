/* ops_functions — the risk analysis of functions (README, "Risk analysis
 * of functions"): an analysis entered for one function (unit + role of
 * actors.csv) and its process, checked and scored (score/funcrisk.h) and
 * stored as the function's next version; the ranking, the overdue
 * reviews, a function's versions with what changed, and the weight a
 * function's band gives its staff in `risk`. */
#ifndef WACHTER_OPS_FUNCTIONS_H
#define WACHTER_OPS_FUNCTIONS_H
#include <stdint.h>

#include "input/refload.h"
#include "ops/ops.h"
#include "score/funcrisk.h"
#include "store/store_functions.h"
#include "util/werr.h"

/* The longest unit, role and process, one measure (bytes), and the most
 * measures one analysis holds. */
enum { OPS_FN_NAME_MAX = 100, OPS_FN_MEASURE_MAX = 500, OPS_FN_MEASURES_MAX = 20 };

/* An analysis as a person entered it, borrowed. analysed and next_review:
 * YYYY-MM-DD; answers: each 0 to FR_SCALE_MAX, -1 not given; measures:
 * separated by ';' or line breaks ("" or NULL: none). */
typedef struct ops_fn_entry {
    const char *unit, *role, *process, *analysed, *next_review, *measures;
    int answers[FR_QUESTIONS];
} ops_fn_entry;

/* Checks x: unit and role given, dates readable with the review after the
 * analysis, every answer on the scale, the measures within their limits.
 * 0, or -1 with why (a reason without a place: "'next_review'
 * (2025-01-01) is before 'analysed' (2026-01-01)"). */
int ops_fn_check(const ops_fn_entry *x, char *why, size_t n);

/* Adds x, entered by account at now, as the next version of its
 * function, unless the same analysis is stored already (*added 0). A
 * function no one in the staff register holds is a note, not a refusal
 * (an analysis may come before the staff). WERR_INPUT for what
 * ops_fn_check refuses. 0 with *version, or -1. */
int ops_functions_set(store *s, const char *account, const ops_fn_entry *x, int64_t now,
                      const ops_notes *notes, int64_t *version, int *added, werr *e);

typedef struct ops_fn_load_counts {
    long rows, added, unchanged, bad;
} ops_fn_load_counts;
/* Loads the analyses of the CSV at path (a header row: unit, role,
 * process, analysed, next_review, one column per question, measures),
 * whole or not at all: each bad row is told to rep as "path:line:
 * reason" and nothing is stored; *out counts either way. Each row is
 * ops_functions_set's. 0, or -1 with e when the file cannot be read or the
 * store fails (bad rows are not a failure: out->bad). */
int ops_functions_load(store *s, const char *account, const char *path, int64_t now,
                       const refload_report *rep, const ops_notes *notes, ops_fn_load_counts *out,
                       werr *e);

/* Days a review due on next_review (the start of its day) is overdue at
 * now: 0 while that day has not passed. */
int64_t ops_fn_overdue_days(int64_t next_review, int64_t now);

/* The ranking: every function's current analysis with its staff at now
 * (store_fn_current). 0 or -1 with e. */
int ops_functions_list(store *s, int64_t now, store_fn_fn fn, void *ctx, werr *e);

/* A review that is due: an analysis past its next review (days > 0), or
 * a function with staff and no analysis at all (never: a NULL a). */
typedef struct ops_fn_due {
    const char *unit, *role;
    const store_fn_analysis *a; /* NULL: never analysed */
    int64_t days, people;
} ops_fn_due;
typedef int (*ops_fn_due_fn)(const ops_fn_due *d, void *ctx);
/* The overdue analyses (most overdue first), then the functions with staff
 * and no analysis. fn's non-zero return stops. 0 or -1 with e. */
int ops_functions_overdue(store *s, int64_t now, ops_fn_due_fn fn, void *ctx, werr *e);

/* One version of a function and what changed since the one before ("" for
 * the first): "risk 12 -> 20; four_eyes 2 -> 0; measure added: ...". */
typedef int (*ops_fn_version_fn)(const store_fn_analysis *a, const char *changes, void *ctx);
/* The versions of (unit, role), oldest first. WERR_NOT_FOUND when it has
 * none. 0 or -1 with e. */
int ops_functions_history(store *s, const char *unit, const char *role, ops_fn_version_fn fn,
                          void *ctx, werr *e);

/* The weight of each band in risk (score/risk.h), w[band] for each
 * fr_band: funcrisk.h's defaults unless set. 0 or -1 with e. */
int ops_fn_weights(store *s, double w[FR_VERY_HIGH + 1], werr *e);
/* Sets the weight of band (high or very high) to factor (1 to
 * FR_WEIGHT_MAX). WERR_INPUT otherwise. 0 or -1. */
int ops_fn_weight_set(store *s, const char *band, const char *factor, werr *e);
#endif
