#include "ops/ops_load.h"

#include <stdio.h>
#include <string.h>

#include "ops/ops_rules.h"
#include "store/store_lock.h"

/* Incidents this load added (or changed) are checked against history at
 * once: look-ups inside their look-back window (incident.lookback_days, as
 * the streaming rule) raise alerts. 0 or -1. */
static int correlate_new(store *s, ops_load_result *out, werr *e)
{
    inv_incidents inc = {0};
    int rc = inv_incidents_new(s, &inc, e);
    if (rc < 0)
        werr_wrap(e, "cannot read new incidents: ");
    else if (inc.n && (rc = ops_rules_incident_lookback(s, &out->lookback, e)) == 0 &&
             (rc = inv_incident_alerts(s, &inc, out->lookback, &out->raised, e)) == 0)
        out->new_incidents = inc.n;
    inv_incidents_free(&inc);
    return rc;
}

/* Reads the new reference data once, judges again with it what the load
 * changed, and keeps the compact copy, so that ingests start in a
 * fraction of a second. 0 or -1. */
static int rejudge(store *s, const ops_notes *notes, ops_load_result *out, werr *e)
{
    refdata *r;
    if (ops_refdata(s, 0, notes, &r, e) < 0) {
        inv_rejudge_forget(s);
        return -1;
    }
    rule_conf *conf = NULL;
    int rc = ops_rules_conf(s, notes, &conf, e);
    if (rc == 0)
        rc = inv_rejudge(s, r, conf, &out->rejudged, e);
    else
        inv_rejudge_forget(s);
    rule_conf_free(conf);
    refdata_free(r);
    return rc;
}

static int load_locked(store *s, const char *dir, int replace, const refload_report *rep,
                       const ops_notes *notes, ops_load_result *out, werr *e)
{
    if (inv_incidents_mark(s, e) < 0 || inv_rejudge_mark(s, e) < 0) return -1;
    if (refload_dir(s, dir, replace, rep, &out->counts, e) < 0 || correlate_new(s, out, e) < 0) {
        inv_rejudge_forget(s);
        return -1;
    }
    if (out->counts.files && rejudge(s, notes, out, e) < 0) return -1;
    if (!out->counts.files) inv_rejudge_forget(s);
    if (out->counts.files == 0 && out->counts.refused == 0)
        return werr_set(e, WERR_NOT_FOUND,
                        "%s holds none of actors.csv, subjects.csv, cases.csv,"
                        " case_assignments.csv, protected.csv, incidents.csv, resignations.csv",
                        dir);
    return 0;
}

int ops_load(store *s, const char *dir, int replace, const refload_report *rep,
             const ops_notes *notes, ops_load_result *out, werr *e)
{
    memset(out, 0, sizeof *out);
    char what[600];
    snprintf(what, sizeof what, "load %s%s", replace ? "--replace " : "", dir);
    if (store_writer_begin(s, what, e) < 0) return -1;
    int rc = load_locked(s, dir, replace, rep, notes, out, e);
    store_writer_end(s);
    return rc;
}
