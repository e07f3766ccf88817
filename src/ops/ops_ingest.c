#include "ops/ops_ingest.h"

#include <stdio.h>

#include "ops/ops_retention.h"
#include "ops/ops_rules.h"
#include "store/store_lock.h"

int ops_ingest(store *s, FILE *in, const ingest_opts *o, const ops_notes *notes, ingest_stats *out,
               werr *e)
{
    refdata *r = NULL;
    det_engine *d = NULL;
    rule_conf *conf = NULL;
    int rc = -1;
    /* One writer at a time: another ingest's detection state would be
     * saved over this one's (store_lock.h). A detect-only ingest writes
     * alerts and quarantined lines: a writer too. */
    char what[600];
    snprintf(what, sizeof what, "ingest %s", o->source ? o->source : "-");
    if (store_writer_begin(s, what, e) < 0) return -1;
    if (ops_refdata(s, o->threads, notes, &r, e) < 0) goto done;
    if (refdata_known_actor_count(r) == 0 && refdata_case_count(r) == 0)
        ops_note(notes, "warning: the store holds no reference data (no actors or cases"
                        " loaded): every look-up counts as without a case; load them with"
                        " `wachter load DIR` (a later load judges these alerts again)");
    if (ops_rules_conf(s, notes, &conf, e) < 0 ||
        det_new_conf(r, o->store_events ? s : NULL, conf, &d, e) < 0)
        goto done;
    const char *const *msg;
    for (size_t i = 0, n = det_notes(d, &msg); i < n; i++)
        ops_note(notes, "%s", msg[i]);
    /* The fields a deployment does not keep never reach the store. */
    ingest_opts io = *o;
    if (ops_minimise_get(s, &io.drop, e) < 0) goto done;
    rc = ingest_stream(s, d, in, &io, out, e);
done:
    det_free(d);
    rule_conf_free(conf);
    refdata_free(r);
    store_writer_end(s);
    return rc;
}
