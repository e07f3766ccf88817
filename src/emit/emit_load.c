#include "emit/emit_load.h"

static int rejudged(buf *b, const inv_rejudged *rj)
{
    /* Only when there was something to judge: a first load has no alerts. */
    if (!rj || (!rj->checked && !rj->events)) return 0;
    return buf_printf(b,
                      "re-judged: %ld alert%s explained later, %ld scored again without them (%ld"
                      " checked for %ld new or changed case%s); %ld new alert%s from %ld events"
                      " of %ld actor%s with a new end date\n",
                      rj->explained, rj->explained == 1 ? "" : "s", rj->recounted, rj->checked,
                      rj->cases, rj->cases == 1 ? "" : "s", rj->raised, rj->raised == 1 ? "" : "s",
                      rj->events, rj->ended, rj->ended == 1 ? "" : "s");
}

/* A line of its own, only when rights changed under stored events. */
static int rights_rejudged(buf *b, const inv_rejudged *rj)
{
    if (!rj || !rj->rights_events) return 0;
    return buf_printf(b,
                      "re-judged for rights: %ld new unauthorised alert%s from %ld events of %ld"
                      " actor%s; %ld explained later by the rights loaded\n",
                      rj->rights_raised, rj->rights_raised == 1 ? "" : "s", rj->rights_events,
                      rj->rights, rj->rights == 1 ? "" : "s", rj->rights_explained);
}

int emit_load(buf *b, enum emit_format f, const refload_counts *n, const inv_rejudged *rj)
{
    int rc;
    if (!n->refused)
        rc = buf_printf(b, "loaded %ld rows from %ld files; %ld bad rows skipped\n", n->rows,
                        n->files, n->bad);
    else /* A file with a bad row is not loaded at all (refload.h). */
        rc = buf_printf(b, "loaded %ld rows from %ld files; %ld files not loaded (%ld bad rows)\n",
                        n->rows, n->files, n->refused, n->bad);
    return rc | rejudged(b, rj) | rights_rejudged(b, rj);
}
