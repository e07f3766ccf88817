/* incident — incidents for investigation: read from a CSV file (the
 * incidents.csv layout: incident,subject,ts,kind) or from the store, added
 * one at a time, and found again after a load that brought new ones. */
#ifndef WACHTER_INCIDENT_H
#define WACHTER_INCIDENT_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"
#include "util/arena.h"

typedef struct inv_incident {
    const char *id, *subject, *kind;
    int64_t ts;
} inv_incident;

/* A list of incidents; strings live in its arena. Zero-initialise. */
typedef struct inv_incidents {
    inv_incident *v;
    size_t n, cap;
    arena *strings;
} inv_incidents;

/* Appends one incident (strings copied). Returns 0 or -1. */
int inv_incidents_add(inv_incidents *l, const inv_incident *x);
void inv_incidents_free(inv_incidents *l);
/* Appends the incidents of a CSV file. Bad rows are reported on errs as
 * "file:line: reason" and counted in *bad. Returns 0, or -1 when the file
 * cannot be read (reported). */
int inv_incidents_read_csv(const char *path, inv_incidents *out, FILE *errs, long *bad);
/* Appends every stored incident. Returns 0 or -1. */
int inv_incidents_stored(store *s, inv_incidents *out);
/* Stores one incident (replacing one with the same id and subject). 0 or -1. */
int inv_incident_put(store *s, const inv_incident *x);

/* Remembers the stored incidents (in a temporary table of this
 * connection), so that inv_incidents_new can tell which ones a load added
 * or changed. Returns 0 or -1. */
int inv_incidents_mark(store *s);
/* Appends the incidents stored now that were not, as they are, at the last
 * inv_incidents_mark, and forgets the mark. Returns 0 or -1. */
int inv_incidents_new(store *s, inv_incidents *out);
#endif
