/* store_rights_rep — the authorisation reports' rows (ops/ops_rights.h):
 * the rights held at a time with their last use and their holder's place
 * in the staff register, narrowed to one report's selection. */
#ifndef WACHTER_STORE_RIGHTS_REP_H
#define WACHTER_STORE_RIGHTS_REP_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "store/store_rights.h"
#include "util/werr.h"

typedef enum store_rights_kind {
    STORE_RIGHTS_LIST,      /* every right held (actor, system) */
    STORE_RIGHTS_UNUSED,    /* not used since `since`, granted by then */
    STORE_RIGHTS_LEAVERS,   /* held by one who left by `at` or is not in the register */
    STORE_RIGHTS_MOVERS,    /* granted before a move of unit or role, held after it */
    STORE_RIGHTS_CONFLICTS, /* both rights of a conflicts.csv pair held at once */
} store_rights_kind;

typedef struct store_rights_query {
    store_rights_kind kind;
    int64_t at;                        /* ms: the rights held then */
    int64_t since;                     /* UNUSED: ms; a right last used before it (or never) */
    const char *system, *unit, *actor; /* "" or NULL: any */
} store_rights_query;

/* One row. Text fields never NULL ("" when not given). For CONFLICTS,
 * right is the holder's right covering right_a, held_b (system:action)
 * the one covering right_b; one row per such combination. */
typedef struct store_rights_row {
    store_right right;
    char *unit, *role; /* the holder's in the staff register */
    int registered;    /* whether actors.csv has the holder */
    int64_t left;      /* the end date detection uses (ms), 0: none */
    /* MOVERS: the move */
    int64_t moved;
    char *from_unit, *from_role, *to_unit, *to_role;
    /* CONFLICTS: the pair, its reason and the rights held for its second */
    char *right_a, *right_b, *reason, *held_b;
} store_rights_row;

/* The rows q selects, ordered by actor, system, action (CONFLICTS: by
 * actor and pair); *out the caller's (store_rights_rows_free). 0, or -1
 * with e set. */
int store_rights_report(store *s, const store_rights_query *q, store_rights_row **out, size_t *n,
                        werr *e);
void store_rights_rows_free(store_rights_row *v, size_t n);
#endif
