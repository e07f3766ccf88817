/* store_screening — the screenings (screenings.csv) and what each function
 * needs (screening_requirements.csv) as the screening reports read them
 * (ops/ops_screening.h). Rows go to a callback, their fields borrowed for
 * the call; fn returns 0 to go on, or -1 to stop (having said why). */
#ifndef WACHTER_STORE_SCREENING_H
#define WACHTER_STORE_SCREENING_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

/* A member of staff in a screened function with one of its requirements:
 * who (actor, unit, role, start: ms, 0 when not given), what they need
 * (kind, every_months, from: ms, 0 for always) and the newest positive
 * screening of that kind at or before the day asked (last, ms; 0: none). */
typedef struct store_screen_member {
    const char *actor, *unit, *role, *kind;
    int64_t start, every_months, from, last;
} store_screen_member;

/* A screening whose outcome is negative and that no later one of its kind
 * (positive or negative; a pending one does not count) replaces. */
typedef struct store_screen_negative {
    const char *actor, *unit, *role, *kind; /* unit, role: "" when not in the register */
    int64_t screened;                       /* ms */
} store_screen_negative;

typedef int (*store_screen_member_fn)(void *ctx, const store_screen_member *m);
typedef int (*store_screen_negative_fn)(void *ctx, const store_screen_negative *n);

/* Each staff member employed at `at` (started by then, or no start given;
 * not ended before it) whose unit and role have a screening requirement,
 * once per requirement, ordered by unit, actor, kind; unit "" or NULL: any.
 * Screenings after `at` are not seen. 0, or -1 (e set). */
int store_screening_members(store *s, int64_t at, const char *unit, store_screen_member_fn fn,
                            void *ctx, werr *e);
/* Each negative screening at or before `at` that is the newest of its
 * actor and kind (store_screen_negative), ordered by actor and kind. 0, or
 * -1 (e set). */
int store_screening_negatives(store *s, int64_t at, store_screen_negative_fn fn, void *ctx,
                              werr *e);
#endif
