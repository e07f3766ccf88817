/* ops_functions_load: a CSV of analyses, whole or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/ops_functions.h"
#include "ops/ops_functions_int.h"
#include "util/csvfile.h"

/* The bad rows of a file told one by one; more are counted. */
enum { REPORT_MAX = 100 };

/* The columns besides the questions'. */
enum { C_UNIT, C_ROLE, C_PROCESS, C_ANALYSED, C_NEXT, C_MEASURES, C_OTHER };
static const char *const other_cols[C_OTHER] = {"unit",     "role",        "process",
                                                "analysed", "next_review", "measures"};

/* A row read, its fields owned. */
typedef struct row {
    char *f[C_OTHER];
    int answers[FR_QUESTIONS];
    long line;
} row;

typedef struct loader {
    const char *path;
    const refload_report *rep;
    long bad;
    row *rows;
    size_t n, cap;
} loader;

static void bad_row(loader *l, long line, const char *reason)
{
    if (l->bad++ < REPORT_MAX && l->rep && l->rep->bad_row)
        l->rep->bad_row(l->rep->ctx, l->path, line, reason);
}

static void rows_free(loader *l)
{
    for (size_t i = 0; i < l->n; i++)
        for (int k = 0; k < C_OTHER; k++)
            free(l->rows[i].f[k]);
    free(l->rows);
}

/* The header's columns into oc (C_OTHER of them) and qc (each question's):
 * -1 when absent. 0, or -1 when one is unknown or a required one missing
 * (reported). */
static int header(loader *l, csvfile *f, int oc[C_OTHER], int qc[FR_QUESTIONS])
{
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    for (int k = 0; k < C_OTHER; k++)
        oc[k] = csvfile_col(f, other_cols[k]);
    for (size_t i = 0; i < nq; i++)
        qc[i] = csvfile_col(f, q[i].key);
    char why[600];
    for (size_t h = 0; h < csvfile_ncols(f); h++) {
        const char *name = csvfile_colname(f, h);
        int known = fr_question_find(name) >= 0;
        for (int k = 0; k < C_OTHER; k++)
            known |= strcmp(name, other_cols[k]) == 0;
        if (!known) {
            snprintf(why, sizeof why,
                     "unknown column '%.60s' (unit, role, process, analysed,"
                     " next_review, measures and one a question: see wachter functions questions)",
                     name);
            bad_row(l, 1, why);
            return -1;
        }
    }
    const char *missing = oc[C_UNIT] < 0       ? "unit"
                          : oc[C_ROLE] < 0     ? "role"
                          : oc[C_ANALYSED] < 0 ? "analysed"
                          : oc[C_NEXT] < 0     ? "next_review"
                                               : NULL;
    for (size_t i = 0; !missing && i < nq; i++)
        if (qc[i] < 0) missing = q[i].key;
    if (missing) {
        snprintf(why, sizeof why, "the header has no column '%s'", missing);
        bad_row(l, 1, why);
        return -1;
    }
    return 0;
}

/* An answer's field: 0 to FR_SCALE_MAX as one digit, or FR_SCALE_MAX + 1
 * for another whole number (off the scale: ops_fn_check says so); -1
 * when it is no whole number. */
static int answer_of(const char *s)
{
    if (!*s || strlen(s) > 3 || strspn(s, "0123456789") != strlen(s)) return -1;
    int v = atoi(s);
    return v > FR_SCALE_MAX ? (v > 99 ? 99 : v) : v;
}

/* Reads one record into a new row: 0, 1 bad (reported), -1 memory. */
static int take(loader *l, csvfile *f, const int oc[C_OTHER], const int qc[FR_QUESTIONS])
{
    char why[400];
    const char *bad = csvfile_bad(f);
    long line = csvfile_line(f);
    if (bad) return bad_row(l, line, bad), 1;
    ops_fn_entry x = {0};
    const char **fields[C_OTHER] = {&x.unit,     &x.role,        &x.process,
                                    &x.analysed, &x.next_review, &x.measures};
    for (int k = 0; k < C_OTHER; k++)
        *fields[k] = oc[k] >= 0 ? csvfile_field(f, oc[k]) : "";
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    for (size_t i = 0; i < nq; i++) {
        const char *v = csvfile_field(f, qc[i]);
        if ((x.answers[i] = answer_of(v)) < 0) {
            snprintf(why, sizeof why, "'%s' (%.20s) is not a whole number 0 to %d", q[i].key, v,
                     FR_SCALE_MAX);
            return bad_row(l, line, why), 1;
        }
    }
    if (ops_fn_check(&x, why, sizeof why) < 0) return bad_row(l, line, why), 1;
    for (size_t i = 0; i < l->n; i++) {
        const row *r = &l->rows[i];
        if (strcmp(r->f[C_UNIT], x.unit) == 0 && strcmp(r->f[C_ROLE], x.role) == 0 &&
            strcmp(r->f[C_ANALYSED], x.analysed) == 0) {
            snprintf(why, sizeof why, "function %.100s/%.100s analysed %s is on line %ld already",
                     x.unit, x.role, x.analysed, r->line);
            return bad_row(l, line, why), 1;
        }
    }
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 32;
        row *v = realloc(l->rows, c * sizeof *v);
        if (!v) return -1;
        l->rows = v;
        l->cap = c;
    }
    row *r = &l->rows[l->n++];
    memset(r, 0, sizeof *r);
    r->line = line;
    memcpy(r->answers, x.answers, sizeof r->answers);
    for (int k = 0; k < C_OTHER; k++)
        if (!(r->f[k] = strdup(*fields[k]))) return -1;
    return 0;
}

/* Stores the rows read, in one transaction. 0, or -1 with e. */
static int store_rows(store *s, loader *l, const char *account, int64_t now, const ops_notes *notes,
                      ops_fn_load_counts *out, werr *e)
{
    if (store_begin(s) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the analyses: %s", store_errmsg(s));
    for (size_t i = 0; i < l->n; i++) {
        row *r = &l->rows[i];
        ops_fn_entry x = {
            r->f[C_UNIT],     r->f[C_ROLE], r->f[C_PROCESS], r->f[C_ANALYSED], r->f[C_NEXT],
            r->f[C_MEASURES], {0}};
        memcpy(x.answers, r->answers, sizeof x.answers);
        char where[600];
        snprintf(where, sizeof where, "%s:%ld: ", l->path, r->line);
        int64_t version;
        int added;
        if (ops_fn_store_one(s, account, &x, now, where, notes, &version, &added, e) < 0) {
            store_rollback(s);
            return -1;
        }
        if (added)
            out->added++;
        else
            out->unchanged++;
    }
    if (store_commit(s) < 0) {
        store_rollback(s);
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the analyses: %s", store_errmsg(s));
    }
    return 0;
}

int ops_functions_load(store *s, const char *account, const char *path, int64_t now,
                       const refload_report *rep, const ops_notes *notes, ops_fn_load_counts *out,
                       werr *e)
{
    memset(out, 0, sizeof *out);
    csvfile *f;
    if (csvfile_open(path, &f, e) < 0) return -1;
    loader l = {path, rep, 0, NULL, 0, 0};
    int oc[C_OTHER], qc[FR_QUESTIONS], rc = -1;
    int got = 0;
    werr ce = {0};
    if (header(&l, f, oc, qc) == 0)
        while ((got = csvfile_next(f, &ce)) == 1) {
            out->rows++;
            if (take(&l, f, oc, qc) < 0) {
                werr_set(e, WERR_INTERNAL, "out of memory reading %s", path);
                goto done;
            }
        }
    if (got < 0) bad_row(&l, csvfile_errline(f), ce.msg);
    out->bad = l.bad;
    if (l.bad) {
        char msg[700];
        if (l.bad > REPORT_MAX && rep && rep->bad_row) {
            snprintf(msg, sizeof msg, "%s: %ld more bad rows not shown", path, l.bad - REPORT_MAX);
            rep->bad_row(rep->ctx, path, 0, msg);
        }
        snprintf(msg, sizeof msg, "%s: not loaded (%ld bad row%s); no analysis is stored", path,
                 l.bad, l.bad == 1 ? "" : "s");
        if (rep && rep->bad_row) rep->bad_row(rep->ctx, path, 0, msg);
        rc = 0;
        goto done;
    }
    rc = store_rows(s, &l, account, now, notes, out, e);
done:
    rows_free(&l);
    csvfile_close(f);
    return rc;
}
