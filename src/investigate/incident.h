/* incident — incidents for investigation: read from a CSV file (the
 * incidents.csv layout: incident,subject,ts,kind) or from the store, added
 * one at a time, and found again after a load that brought new ones. */
#ifndef WACHTER_INCIDENT_H
#define WACHTER_INCIDENT_H
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"
#include "util/arena.h"
#include "util/werr.h"

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
/* Told of a bad row of a CSV file: which file and line, and why (e.g.
 * "ts is missing or not a time"); the strings are borrowed for the call. */
typedef void (*inv_bad_row_fn)(const char *path, long line, const char *why, void *ctx);
/* Appends the incidents of a CSV file (util/csvfile.h: what it accepts).
 * Bad rows (a bad value, a duplicate incident and subject) are counted in
 * *bad and passed to bad_row (when not NULL) with ctx. Returns 0 when every
 * row is good; -1 with e set when the file cannot be read, its header names
 * an unknown column, or it has a bad row (*bad > 0): then out may hold some
 * of its incidents. */
int inv_incidents_read_csv(const char *path, inv_incidents *out, inv_bad_row_fn bad_row, void *ctx,
                           long *bad, werr *e);
/* Appends every stored incident, by time then id. Returns 0, or -1 with
 * e set. */
int inv_incidents_stored(store *s, inv_incidents *out, werr *e);
/* Stores one incident (replacing one with the same id and subject).
 * Returns 0, or -1 with e set. */
int inv_incident_put(store *s, const inv_incident *x, werr *e);

/* Remembers the stored incidents (for this connection only), so that
 * inv_incidents_new can tell which ones a load added or changed. Returns
 * 0, or -1 with e set. */
int inv_incidents_mark(store *s, werr *e);
/* Appends the incidents stored now that were not, as they are, at the last
 * inv_incidents_mark, and forgets the mark. Returns 0, or -1 with e set. */
int inv_incidents_new(store *s, inv_incidents *out, werr *e);
#endif
