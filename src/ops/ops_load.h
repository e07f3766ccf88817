/* ops_load — `load`: reference data from a directory of CSVs into the
 * store, incidents it adds checked against history at once, and the
 * compact copy of the reference data renewed for the next command. */
#ifndef WACHTER_OPS_LOAD_H
#define WACHTER_OPS_LOAD_H
#include <stddef.h>

#include "input/refload.h"
#include "investigate/incident_alerts.h"
#include "investigate/rejudge.h"
#include "ops/ops.h"

typedef struct ops_load_result {
    refload_counts counts; /* files and rows loaded, bad rows, files refused */
    size_t new_incidents;  /* incidents the load added or changed */
    inv_raised raised;     /* what they raised, when new_incidents > 0 */
    inv_rejudged rejudged; /* what the load's cases and end dates changed */
    int64_t lookback;      /* the look-back they were checked over (incident.lookback_days), ms */
} ops_load_result;

/* Loads every known CSV in dir (refload_dir: with replace, a table whose
 * file is present is emptied first; a file with bad rows is told to rep
 * and leaves its table unchanged).
 * Then raises the alerts of incidents the load added (inv_incident_alerts)
 * and judges again what the load's cases and end dates change
 * (inv_rejudge: alerts explained later, alerts of a new end date),
 * and writes the reference data's compact copy (a failure of that copy is
 * only a note: the next command is merely slower to start). *out holds
 * what was done even when it fails part-way. The store's one writer
 * meanwhile (store_lock.h: WERR_CONFLICT while another process writes it).
 * Returns 0, or -1 with e set; a directory holding none of the known files
 * is WERR_NOT_FOUND. */
int ops_load(store *s, const char *dir, int replace, const refload_report *rep,
             const ops_notes *notes, ops_load_result *out, werr *e);
#endif
