#include "investigate/incident.h"

#include <stdlib.h>
#include <string.h>

#include "input/refload.h"
#include "store/store_incidents.h"
#include "util/csvfile.h"

int inv_incidents_add(inv_incidents *l, const inv_incident *x)
{
    if (!l->strings && !(l->strings = arena_new(0))) return -1;
    if (l->n == l->cap) {
        size_t nc = l->cap ? l->cap * 2 : 32;
        inv_incident *nv = realloc(l->v, nc * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = nc;
    }
    inv_incident y = {arena_strdup(l->strings, x->id), arena_strdup(l->strings, x->subject),
                      arena_strdup(l->strings, x->kind ? x->kind : ""), x->ts};
    if (!y.id || !y.subject || !y.kind) return -1;
    l->v[l->n++] = y;
    return 0;
}

void inv_incidents_free(inv_incidents *l)
{
    free(l->v);
    arena_free(l->strings);
    memset(l, 0, sizeof *l);
}

/* Reads one record into x (borrowing the file's fields); 0, or -1 with why. */
static int csv_incident(csvfile *f, const int *col, inv_incident *x, const char **why)
{
    const char *id = csvfile_field(f, col[0]), *subject = csvfile_field(f, col[1]);
    const char *ts = csvfile_field(f, col[2]);
    long long ms;
    if (!id[0] || !subject[0]) {
        *why = "incident and subject must not be empty";
        return -1;
    }
    if (refload_time(ts, 0, &ms) != 1) {
        *why = "ts is missing or not a time";
        return -1;
    }
    *x = (inv_incident){id, subject, col[3] >= 0 ? csvfile_field(f, col[3]) : "", ms};
    return 0;
}

int inv_incidents_read_csv(const char *path, inv_incidents *out, inv_bad_row_fn bad_row, void *ctx,
                           long *bad, werr *e)
{
    csvfile *f = NULL;
    *bad = 0;
    if (csvfile_open(path, &f, e) < 0) return -1;
    int col[4] = {csvfile_col(f, "incident"), csvfile_col(f, "subject"), csvfile_col(f, "ts"),
                  csvfile_col(f, "kind")};
    if (col[0] < 0 || col[1] < 0 || col[2] < 0) {
        werr_set(e, WERR_INPUT, "%s:1: header needs the columns incident,subject,ts (and kind)",
                 path);
        goto fail;
    }
    int rc;
    werr ce = {0};
    while ((rc = csvfile_next(f, &ce)) == 1) {
        inv_incident x;
        const char *why;
        if (csv_incident(f, col, &x, &why) < 0) {
            if (bad_row) bad_row(path, csvfile_line(f), why, ctx);
            (*bad)++;
        } else if (inv_incidents_add(out, &x) < 0) {
            werr_set(e, WERR_INTERNAL, "%s: out of memory", path);
            goto fail;
        }
    }
    if (rc < 0) {
        werr_set(e, WERR_INPUT, "%s:%s", path, ce.msg);
        goto fail;
    }
    csvfile_close(f);
    return 0;
fail:
    csvfile_close(f);
    return -1;
}

/* Appends one incident the store read: 0, or 1 out of memory (which the
 * store hands back, told apart from its own -1). */
static int add_stored(const store_incident *x, void *ctx)
{
    inv_incident y = {x->id, x->subject, x->kind, x->ts};
    return inv_incidents_add(ctx, &y) < 0 ? 1 : 0;
}

/* rc, a store function's failure, as e. Returns -1. */
static int as_werr(store *s, int rc, werr *e)
{
    if (rc > 0) return werr_set(e, WERR_INTERNAL, "out of memory");
    return werr_set(e, WERR_UNAVAILABLE, "%s", store_errmsg(s));
}

int inv_incidents_stored(store *s, inv_incidents *out, werr *e)
{
    int rc = store_incidents_each(s, add_stored, out);
    return rc == 0 ? 0 : as_werr(s, rc, e);
}

int inv_incident_put(store *s, const inv_incident *x, werr *e)
{
    store_incident y = {x->id, x->subject, x->kind, x->ts};
    return store_incident_put(s, &y) == 0 ? 0 : as_werr(s, -1, e);
}

int inv_incidents_mark(store *s, werr *e)
{
    return store_incidents_mark(s) == 0 ? 0 : as_werr(s, -1, e);
}

int inv_incidents_new(store *s, inv_incidents *out, werr *e)
{
    int rc = store_incidents_each_new(s, add_stored, out);
    return rc == 0 ? 0 : as_werr(s, rc, e);
}
