/* ops_screening — the screening reports (README, "Screening"): who in a
 * screened function is overdue or falls due soon, who started in one
 * without a screening, and whose screening ended negatively while they
 * still hold rights. A function's requirement (screening_requirements.csv)
 * asks for a positive screening of a kind no older than every_months,
 * from its date on.
 *
 * When a screening falls due: every_months after the newest positive one,
 * but never before the requirement's date (the duty begins then); without
 * any, on the requirement's date for staff employed before it. Staff who
 * started on or after the requirement's date (or at any time, for a
 * requirement without one) and have no positive screening of the kind are
 * the unscreened starters: that report lists them, the due report does
 * not (the two never name the same person and kind). */
#ifndef WACHTER_OPS_SCREENING_H
#define WACHTER_OPS_SCREENING_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

/* The most days ahead the due report looks, and its default. */
enum { OPS_SCREEN_DAYS_MAX = 3660, OPS_SCREEN_DAYS = 60 };

/* One row of a report; borrowed for the callback's call.
 *   due:        actor, unit, role, kind, every_months, last (the newest
 *               positive screening, 0: none), due (ms), days (whole days
 *               from `at` to due: negative when overdue), start.
 *   unscreened: actor, unit, role, kind, every_months, start (0: not
 *               given), due (the day the duty began for them), days
 *               (days since then).
 *   negative:   actor, unit, role (""/"" when not in the register), kind,
 *               last (the negative screening's date), rights ("brp:view,
 *               brp:export": the rights held at `at`), nrights. */
typedef struct ops_screen_row {
    const char *actor, *unit, *role, *kind;
    int64_t every_months, start, last, due, days;
    const char *rights;
    int64_t nrights;
} ops_screen_row;

typedef int (*ops_screen_fn)(void *ctx, const ops_screen_row *r);

/* What a report is about: the time it is judged at (ops_screening_at),
 * for the due report how many days ahead (1..OPS_SCREEN_DAYS_MAX), and
 * a unit ("" or NULL: all). */
typedef struct ops_screen_query {
    int64_t at;
    int64_t days;
    const char *unit;
} ops_screen_query;

/* The time a report is judged at: given (ms) when not 0, else the newest
 * event in the store, else now. 0, or -1 (e set). */
int ops_screening_at(store *s, int64_t given, int64_t *at, werr *e);

/* The due report: per unit (in unit order), the overdue first, by due
 * date, then actor and kind. fn's non-zero stops it and is returned; -1
 * with e set when the store fails; WERR_INPUT for days out of range. */
int ops_screening_due(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx, werr *e);
/* The unscreened starters, by unit, start, actor and kind. */
int ops_screening_unscreened(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx,
                             werr *e);
/* The negative screenings of people still holding rights at q->at (in
 * store_rights.h's sense), by actor and kind. q->unit filters too. */
int ops_screening_negative(store *s, const ops_screen_query *q, ops_screen_fn fn, void *ctx,
                           werr *e);
#endif
