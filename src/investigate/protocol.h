/* protocol — the overview a citizen may ask for (BRP "protocollering"):
 * which organisation unit, through which system, looked at their record,
 * when, and for which purpose or case. It never carries an employee's
 * identity: the actor is resolved to a unit inside the query and is not
 * part of any row this module hands out; a purpose or case id that
 * contains the employee's own id is withheld. */
#ifndef WACHTER_PROTOCOL_H
#define WACHTER_PROTOCOL_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

typedef struct inv_protocol_row {
    int64_t ts;
    const char *unit; /* "" when the employee is not in actors.csv */
    const char *system, *action, *purpose, *case_id;
} inv_protocol_row;

/* Calls fn for every access to subject with from <= ts <= to, oldest
 * first; the row is borrowed for the call. fn returns 0 to go on.
 * Returns 0, -1 with e set on a store error, or fn's non-zero value. */
typedef int (*inv_protocol_fn)(const inv_protocol_row *row, void *ctx);
int inv_protocol_each(store *s, const char *subject, int64_t from, int64_t to, inv_protocol_fn fn,
                      void *ctx, werr *e);

/* A row of the letter a citizen receives: what inv_protocol_row says,
 * with what explains the access in place of the case stated: whether a
 * registered case covers it, and of that case only what the citizen can
 * use (the unit that handles it, when it was opened), never its number
 * nor the employee. purpose is NULL when it is withheld (it carries the
 * employee's id or a case number). */
typedef struct inv_letter_row {
    int64_t ts;
    const char *unit; /* "" when the employee is not in actors.csv */
    const char *system, *purpose;
    int by_case;         /* a registered case covers the access */
    int64_t case_opened; /* that case's opening (0: not given) */
} inv_letter_row;

/* Calls fn for every access to subject with from <= ts <= to, oldest
 * first, explained (investigate/who.h); the row is borrowed for the call.
 * Returns 0, -1 with e set, or fn's non-zero value. */
typedef int (*inv_letter_fn)(const inv_letter_row *row, void *ctx);
int inv_protocol_letter(store *s, const char *subject, int64_t from, int64_t to, inv_letter_fn fn,
                        void *ctx, werr *e);
#endif
