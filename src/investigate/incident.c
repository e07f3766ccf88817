#include "investigate/incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/refload.h"
#include "store/store_incidents.h"
#include "util/csvfile.h"
#include "util/strmap.h"

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
    if ((*why = csvfile_bad(f))) return -1;
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

/* The header's columns in col: 0, or -1 with e set when one is missing or
 * unknown. */
static int csv_columns(csvfile *f, const char *path, int col[4], werr *e)
{
    static const char *const names[4] = {"incident", "subject", "ts", "kind"};
    for (int i = 0; i < 4; i++)
        col[i] = csvfile_col(f, names[i]);
    for (size_t h = 0; h < csvfile_ncols(f); h++) {
        const char *name = csvfile_colname(f, h);
        int known = 0;
        for (int i = 0; i < 4; i++)
            known |= strcmp(name, names[i]) == 0;
        if (!known)
            return werr_set(e, WERR_INPUT,
                            "%s:1: unknown column '%.60s' (known: incident, subject, ts, kind)",
                            path, name);
    }
    if (col[0] < 0 || col[1] < 0 || col[2] < 0)
        return werr_set(e, WERR_INPUT,
                        "%s:1: header needs the columns incident,subject,ts (and kind)", path);
    return 0;
}

/* Whether the key of x (incident and subject) came earlier in the file;
 * 1 with why, 0 (remembered), -1 out of memory. */
static int csv_duplicate(strmap *keys, long **lines, size_t *cap, long line, const inv_incident *x,
                         char *why, size_t wl)
{
    char key[2048];
    int n = snprintf(key, sizeof key, "%s\x1f%s", x->id, x->subject);
    if (n < 0 || (size_t)n >= sizeof key) return 0;
    uint32_t id;
    int rc = strmap_intern(keys, key, (size_t)n, &id);
    if (rc < 0) return -1;
    if (rc == 0) {
        snprintf(why, wl,
                 "duplicate key (incident '%.40s', subject '%.40s'): line %ld has it already",
                 x->id, x->subject, (*lines)[id]);
        return 1;
    }
    if (id >= *cap) {
        size_t nc = *cap ? *cap * 2 : 256;
        long *nl = realloc(*lines, nc * sizeof *nl);
        if (!nl) return -1;
        *lines = nl;
        *cap = nc;
    }
    (*lines)[id] = line;
    return 0;
}

/* A problem of the file's content (bad input), told like a bad row and
 * counted in *bad; other failures (the file missing) only set e. */
static void file_bad(const char *path, long line, const char *msg, inv_bad_row_fn bad_row,
                     void *ctx, long *bad)
{
    if (bad_row) bad_row(path, line, msg, ctx);
    (*bad)++;
}

int inv_incidents_read_csv(const char *path, inv_incidents *out, inv_bad_row_fn bad_row, void *ctx,
                           long *bad, werr *e)
{
    csvfile *f = NULL;
    strmap *keys = strmap_new();
    long *lines = NULL;
    size_t cap = 0;
    int col[4], rc;
    werr ce = {0};
    *bad = 0;
    if (!keys) {
        werr_set(e, WERR_INTERNAL, "%s: out of memory", path);
        goto fail;
    }
    if (csvfile_open(path, &f, &ce) < 0) {
        /* ce names the file and line itself */
        if (ce.code != WERR_INPUT) {
            werr_set(e, ce.code, "%s", ce.msg);
            goto fail;
        }
        file_bad(path, 0, ce.msg, bad_row, ctx, bad);
        goto refused;
    }
    if (csv_columns(f, path, col, &ce) < 0) {
        file_bad(path, 1, ce.msg, bad_row, ctx, bad);
        goto refused;
    }
    while ((rc = csvfile_next(f, &ce)) == 1) {
        inv_incident x;
        const char *why;
        char dup[160];
        int d = 0;
        if (csv_incident(f, col, &x, &why) < 0 ||
            (d = csv_duplicate(keys, &lines, &cap, csvfile_line(f), &x, dup, sizeof dup)) > 0) {
            file_bad(path, csvfile_line(f), d > 0 ? dup : why, bad_row, ctx, bad);
        } else if (d < 0 || inv_incidents_add(out, &x) < 0) {
            werr_set(e, WERR_INTERNAL, "%s: out of memory", path);
            goto fail;
        }
    }
    if (rc < 0 && ce.code != WERR_INPUT) {
        werr_set(e, ce.code, "%s:%ld: %s", path, csvfile_errline(f), ce.msg);
        goto fail;
    }
    if (rc < 0) file_bad(path, csvfile_errline(f), ce.msg, bad_row, ctx, bad);
refused:
    /* A file with a bad row is refused whole, as load refuses one: an
     * incident left out would change every actor's chance. */
    if (*bad) {
        werr_set(e, WERR_INPUT, "%s: not read (%ld bad row%s)", path, *bad, *bad == 1 ? "" : "s");
        goto fail;
    }
    csvfile_close(f);
    strmap_free(keys);
    free(lines);
    return 0;
fail:
    csvfile_close(f);
    strmap_free(keys);
    free(lines);
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
