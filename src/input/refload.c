#include "input/refload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalise/ts.h"
#include "store/store_refload.h"
#include "util/csvfile.h"

/* START0: a start that, not given, is 0 (since always): an assignment's
 * "from" is part of its key. */
enum kind { TEXT, KEY, START, START0, END, TIME_REQ };

typedef struct column {
    const char *csv;
    enum kind kind;
} column;

/* The columns in the order of the store's fields (store/store_refload.h). */
typedef struct table_spec {
    const char *file;
    store_ref_table table;
    column cols[10];
} table_spec;

static const table_spec specs[] = {
    {"actors.csv",
     STORE_REF_ACTORS,
     {{"actor", KEY},
      {"unit", TEXT},
      {"role", TEXT},
      {"start", START},
      {"end", END},
      {"person", TEXT},
      {"surname", TEXT},
      {"postcode", TEXT},
      {"house_number", TEXT}}},
    {"subjects.csv",
     STORE_REF_SUBJECTS,
     {{"subject", KEY}, {"surname", TEXT}, {"postcode", TEXT}, {"house_number", TEXT}}},
    {"cases.csv",
     STORE_REF_CASES,
     {{"case", KEY}, {"subject", KEY}, {"opened", START}, {"closed", END}}},
    {"case_assignments.csv",
     STORE_REF_ASSIGNMENTS,
     {{"case", KEY}, {"assignee", KEY}, {"from", START0}, {"to", END}}},
    {"protected.csv", STORE_REF_PROTECTED, {{"subject", KEY}, {"category", KEY}}},
    {"incidents.csv",
     STORE_REF_INCIDENTS,
     {{"incident", KEY}, {"subject", KEY}, {"ts", TIME_REQ}, {"kind", TEXT}}},
};

int refload_time(const char *s, int end_of_day, long long *ms)
{
    size_t n = strlen(s);
    if (n == 0) return 0;
    int64_t v;
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        char full[32];
        snprintf(full, sizeof full, "%sT00:00:00Z", s);
        if (ts_parse(full, strlen(full), &v) != TS_OK) return -1;
        if (end_of_day) v += TS_DAY_MS - 1;
    } else if (ts_parse(s, n, &v) != TS_OK)
        return -1;
    *ms = v;
    return 1;
}

/* The current record's fields, in v; returns 0, or -1 with a reason in
 * why. Text fields are borrowed from f until its next record. */
static int row_fields(const table_spec *t, const int *idx, csvfile *f, store_ref_field *v,
                      char *why, size_t wl)
{
    for (int i = 0; i < 10 && t->cols[i].csv; i++) {
        const column *c = &t->cols[i];
        const char *s = idx[i] >= 0 ? csvfile_field(f, idx[i]) : "";
        long long ms;
        switch (c->kind) {
        case KEY:
            if (!s[0]) {
                snprintf(why, wl, "column '%s' is empty", c->csv);
                return -1;
            }
            /* fall through */
        case TEXT:
            v[i] = (store_ref_field){STORE_REF_TEXT, s, 0};
            break;
        case START:
        case START0:
        case END:
        case TIME_REQ: {
            int rc = refload_time(s, c->kind == END, &ms);
            if (rc < 0 || (rc == 0 && c->kind == TIME_REQ)) {
                snprintf(why, wl, "column '%s': %s time '%.40s'", c->csv,
                         rc < 0 ? "unreadable" : "missing", s);
                return -1;
            }
            if (rc > 0)
                v[i] = (store_ref_field){STORE_REF_TIME, NULL, ms};
            else if (c->kind == START0)
                v[i] = (store_ref_field){STORE_REF_TIME, NULL, 0};
            else
                v[i] = (store_ref_field){STORE_REF_NOTIME, NULL, 0};
            break;
        }
        }
    }
    return 0;
}

static void bad_row(const refload_report *rep, const char *file, long line, const char *reason)
{
    if (rep->bad_row) rep->bad_row(rep->ctx, file, line, reason);
}

/* Reads the header's columns into idx. 0, or -1 when a required one is
 * missing (reported). */
static int header(const table_spec *t, csvfile *f, const char *path, const refload_report *rep,
                  int idx[10])
{
    for (int i = 0; i < 10; i++) {
        const column *c = &t->cols[i];
        idx[i] = c->csv ? csvfile_col(f, c->csv) : -1;
        if (c->csv && idx[i] < 0 && (c->kind == KEY || c->kind == TIME_REQ)) {
            char why[160];
            snprintf(why, sizeof why, "header lacks required column '%s'", c->csv);
            bad_row(rep, path, 1, why);
            return -1;
        }
    }
    return 0;
}

/* A file that cannot be read, a bad header or a bad row is reported and
 * counted; only the store failing fails the load. */
static int load_table(store *s, const table_spec *t, const char *path, int replace,
                      const refload_report *rep, refload_counts *out, werr *e)
{
    char why[160];
    werr ce = {0};
    csvfile *f = NULL;
    int idx[10];
    if (csvfile_open(path, &f, &ce) < 0 || header(t, f, path, rep, idx) < 0) {
        if (!f) bad_row(rep, path, 0, ce.msg);
        csvfile_close(f);
        out->bad++;
        return 0;
    }
    store_ref_load *l = NULL;
    store_ref_field v[10];
    if (store_ref_load_begin(s, t->table, replace, &l, e) < 0) goto fail;
    int rc;
    while ((rc = csvfile_next(f, &ce)) != 0) {
        if (rc < 0) {
            char msg[4400];
            snprintf(msg, sizeof msg, "%s:%s", path, ce.msg);
            bad_row(rep, path, 0, msg);
            out->bad++;
            break;
        }
        if (row_fields(t, idx, f, v, why, sizeof why) < 0) {
            bad_row(rep, path, csvfile_line(f), why);
            out->bad++;
            continue;
        }
        if (store_ref_load_row(l, v, e) < 0) goto fail;
        out->rows++;
    }
    rc = store_ref_load_end(l, e);
    l = NULL;
    csvfile_close(f);
    if (rc == 0) out->files++;
    return rc == 0 ? 0 : werr_wrap(e, "%s: store error: ", path);
fail:
    store_ref_load_abort(l);
    csvfile_close(f);
    return werr_wrap(e, "%s: store error: ", path);
}

int refload_file(store *s, const char *path, const char *name, int replace,
                 const refload_report *rep, refload_counts *out, werr *e)
{
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        if (strcmp(specs[i].file, name) == 0)
            return load_table(s, &specs[i], path, replace, rep, out, e);
    return werr_set(e, WERR_INPUT, "%s: not a known reference file", name);
}

int refload_dir(store *s, const char *dir, int replace, const refload_report *rep,
                refload_counts *out, werr *e)
{
    memset(out, 0, sizeof *out);
    if (access(dir, R_OK | X_OK) != 0)
        return werr_set(e, errno == ENOENT ? WERR_NOT_FOUND : WERR_INPUT,
                        "%s: not a readable directory", dir);
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, specs[i].file);
        if (access(path, F_OK) != 0) continue;
        if (load_table(s, &specs[i], path, replace, rep, out, e) < 0) return -1;
    }
    return 0;
}
