/* store_refload — loading rows into one reference table, all of them in
 * one transaction (with the table's row-by-row upkeep done once for the
 * load: store_refbulk.h). A row whose key the table holds replaces it. */
#ifndef WACHTER_STORE_REFLOAD_H
#define WACHTER_STORE_REFLOAD_H
#include <stdint.h>

#include "store/store.h"
#include "util/werr.h"

/* The reference tables and their fields, in the order a row gives them
 * (keys marked *; times in ms):
 *   ACTORS       actor*, unit, role, start, end, person, surname, postcode,
 *                house_number
 *   SUBJECTS     subject*, surname, postcode, house_number
 *   CASES        case*, subject*, opened, closed
 *   ASSIGNMENTS  case*, assignee*, from* (a time: 0 = since always), to
 *   PROTECTED    subject*, category
 *   INCIDENTS    incident*, subject*, ts, kind
 *   RESIGNATIONS actor*, notified, last_working_day, contract_end
 *   RIGHTS       actor*, system*, action*, granted*, revoked, granted_by
 *   MOVES        actor*, moved*, from_unit, from_role, to_unit, to_role
 *   SCREENINGS   actor*, kind*, screened*, outcome
 *   SCREEN_REQS  unit*, role*, kind*, every_months (its digits), from_ts
 *                (a time: 0 = since always)
 *   ACTIVITIES   id*, name (the register of processing activities) */
typedef enum store_ref_table {
    STORE_REF_ACTORS,
    STORE_REF_SUBJECTS,
    STORE_REF_CASES,
    STORE_REF_ASSIGNMENTS,
    STORE_REF_PROTECTED,
    STORE_REF_INCIDENTS,
    STORE_REF_RESIGNATIONS,
    STORE_REF_RIGHTS,
    STORE_REF_MOVES,
    STORE_REF_SCREENINGS,
    STORE_REF_CONFLICTS,
    STORE_REF_SCREEN_REQS,
    STORE_REF_ACTIVITIES,
} store_ref_table;

typedef enum store_ref_kind {
    STORE_REF_TEXT,   /* text (never NULL) */
    STORE_REF_TIME,   /* ms */
    STORE_REF_NOTIME, /* a time not given */
} store_ref_kind;

typedef struct store_ref_field {
    store_ref_kind kind;
    const char *text; /* STORE_REF_TEXT, borrowed */
    int64_t ms;       /* STORE_REF_TIME */
} store_ref_field;

typedef struct store_ref_load store_ref_load;

/* Begins loading table: a transaction of its own (s must not be in one);
 * with replace, the table's rows are deleted first. *out is owned: end or
 * abort it. 0, or -1 (e set; nothing changed). */
int store_ref_load_begin(store *s, store_ref_table table, int replace, store_ref_load **out,
                         werr *e);
/* Stores one row: the table's fields in their order (above). 0, or -1
 * (e set; abort the load). */
int store_ref_load_row(store_ref_load *l, const store_ref_field *row, werr *e);
/* Commits the load and frees l. 0, or -1 (e set; the load is rolled back). */
int store_ref_load_end(store_ref_load *l, werr *e);
/* Rolls the load back and frees l (NULL: nothing). */
void store_ref_load_abort(store_ref_load *l);
#endif
