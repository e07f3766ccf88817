/* evmap — which column of a CSV or syslog source fills each field of the
 * canonical event (README "CSV and syslog"): `--map ts=Tijdstip,actor=#2,
 * system=:brp` or a mapping file of `field = column` lines. A column is
 * named by its header name (CSV) or field name (syslog), by its position
 * `#N` (CSV, from 1), or is a fixed value `:text`. */
#ifndef WACHTER_EVMAP_H
#define WACHTER_EVMAP_H
#include <stddef.h>

#include "input/ev_fields.h"
#include "util/werr.h"

enum evmap_kind { EVMAP_NONE = 0, EVMAP_COL, EVMAP_IDX, EVMAP_FIXED };

typedef struct evmap_src {
    enum evmap_kind kind;
    char *text; /* owned: the column's name, or the fixed value */
    int idx;    /* EVMAP_IDX: the column, from 0 */
} evmap_src;

typedef struct evmap {
    evmap_src f[EV_F_COUNT]; /* by enum ev_field */
} evmap;

/* Adds the pairs of spec ("ts=Tijdstip,actor=Gebruiker"), or with spec
 * "@FILE" those of the mapping file FILE, to m. 0, or -1 with e
 * (WERR_INPUT: an unknown field, a field twice, a pair without '=', an
 * unreadable file; the message says which and where). */
int evmap_add(evmap *m, const char *spec, werr *e);
/* Adds the `field = column` lines of the mapping file path ('#' begins a
 * comment; blank lines are ignored). 0, or -1 with e ("path:3: ..."). */
int evmap_add_file(evmap *m, const char *path, werr *e);
/* 0 when m gives ts, actor and action, else -1 with e naming the first
 * missing. */
int evmap_check(const evmap *m, werr *e);
/* The canonical name of field f ("subject_type"). */
const char *evmap_field_name(int f);
/* Frees what m owns and clears it. */
void evmap_free(evmap *m);
#endif
