#include "input/refload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalise/ts.h"
#include "store/store_refload.h"
#include "util/csvfile.h"
#include "util/strmap.h"

/* START0: a start that, not given, is 0 (since always): an assignment's
 * "from" is part of its key. RIGHT: a key written system:action
 * (conflicts.csv), neither part empty. MONTHS: a whole number of months,
 * 1 to MONTHS_MAX, required. */
enum kind { TEXT, KEY, RIGHT, START, START0, END, TIME_REQ, MONTHS };

enum { NCOLS = 10, REPORT_MAX = 100, MONTHS_MAX = 1200 };

typedef struct column {
    const char *csv;
    enum kind kind;
    int key; /* part of the table's primary key: unique within a file */
} column;

/* The columns in the order of the store's fields (store/store_refload.h);
 * from, to: the columns of a period whose end may not precede its start
 * (-1: none). */
typedef struct table_spec {
    const char *file;
    store_ref_table table;
    column cols[NCOLS];
    int from, to;
    /* > 0: the columns end and end + 1 are two ends of which at least one
     * is given, the second not before the first (resignations: the last
     * working day, the contract's end). */
    int ends;
} table_spec;

static const table_spec specs[] = {
    {"actors.csv",
     STORE_REF_ACTORS,
     {{"actor", KEY, 1},
      {"unit", TEXT, 0},
      {"role", TEXT, 0},
      {"start", START, 0},
      {"end", END, 0},
      {"person", TEXT, 0},
      {"surname", TEXT, 0},
      {"postcode", TEXT, 0},
      {"house_number", TEXT, 0}},
     3,
     4,
     0},
    {"subjects.csv",
     STORE_REF_SUBJECTS,
     {{"subject", KEY, 1}, {"surname", TEXT, 0}, {"postcode", TEXT, 0}, {"house_number", TEXT, 0}},
     -1,
     -1,
     0},
    {"cases.csv",
     STORE_REF_CASES,
     {{"case", KEY, 1}, {"subject", KEY, 1}, {"opened", START, 0}, {"closed", END, 0}},
     2,
     3,
     0},
    {"case_assignments.csv",
     STORE_REF_ASSIGNMENTS,
     {{"case", KEY, 1}, {"assignee", KEY, 1}, {"from", START0, 1}, {"to", END, 0}},
     2,
     3,
     0},
    {"protected.csv", STORE_REF_PROTECTED, {{"subject", KEY, 1}, {"category", KEY, 0}}, -1, -1, 0},
    {"incidents.csv",
     STORE_REF_INCIDENTS,
     {{"incident", KEY, 1}, {"subject", KEY, 1}, {"ts", TIME_REQ, 0}, {"kind", TEXT, 0}},
     -1,
     -1,
     0},
    /* HR's resignations (README, "Reference data"): dates are whole days,
     * the last working day worked to its end. */
    {"resignations.csv",
     STORE_REF_RESIGNATIONS,
     {{"actor", KEY, 1},
      {"notified", START, 0},
      {"last_working_day", END, 0},
      {"contract_end", END, 0}},
     1,
     2,
     2},
    /* Rights, HR's moves and screenings (README, "Reference data"). */
    {"rights.csv",
     STORE_REF_RIGHTS,
     {{"actor", KEY, 1},
      {"system", KEY, 1},
      {"right", KEY, 1},
      {"granted", TIME_REQ, 1},
      {"revoked", END, 0},
      {"granted_by", TEXT, 0}},
     3,
     4,
     0},
    {"moves.csv",
     STORE_REF_MOVES,
     {{"actor", KEY, 1},
      {"date", TIME_REQ, 1},
      {"from_unit", TEXT, 0},
      {"from_role", TEXT, 0},
      {"to_unit", TEXT, 0},
      {"to_role", TEXT, 0}},
     -1,
     -1,
     0},
    {"screenings.csv",
     STORE_REF_SCREENINGS,
     {{"actor", KEY, 1}, {"kind", KEY, 1}, {"date", TIME_REQ, 1}, {"outcome", KEY, 0}},
     -1,
     -1,
     0},
    /* Segregation of duties: pairs of rights no one may hold at once. */
    {"conflicts.csv",
     STORE_REF_CONFLICTS,
     {{"right_a", RIGHT, 1}, {"right_b", RIGHT, 1}, {"reason", TEXT, 0}},
     -1,
     -1,
     0},
    /* What screening a function (unit and role) needs, every how many
     * months, from when (README, "Reference data"). */
    {"screening_requirements.csv",
     STORE_REF_SCREEN_REQS,
     {{"unit", KEY, 1},
      {"role", KEY, 1},
      {"kind", KEY, 1},
      {"every_months", MONTHS, 0},
      {"from", START0, 0}},
     -1,
     -1,
     0},
    /* The register of processing activities (GDPR art. 30): the id that
     * Logboek Dataverwerkingen spans name, and the name an event shows
     * as its purpose (wachter receive). */
    {"activities.csv", STORE_REF_ACTIVITIES, {{"id", KEY, 1}, {"name", KEY, 0}}, -1, -1, 0},
};

/* The columns that hold one of a few values, as written (case too),
 * separated by '|'. */
#define SCREEN_KINDS "VOG|VOG-P|clearance"
static const struct {
    store_ref_table table;
    int col; /* in the spec's cols */
    const char *values;
} allowed[] = {
    {STORE_REF_SCREENINGS, 1, SCREEN_KINDS},
    {STORE_REF_SCREENINGS, 3, "positive|negative|pending"},
    {STORE_REF_SCREEN_REQS, 2, SCREEN_KINDS},
};

/* The values column col of t may hold, or NULL for any. */
static const char *values_of(const table_spec *t, int col)
{
    for (size_t i = 0; i < sizeof allowed / sizeof *allowed; i++)
        if (allowed[i].table == t->table && allowed[i].col == col) return allowed[i].values;
    return NULL;
}

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

/* The check of t->ends (table_spec) on a row's fields v. 0, or -1 with a
 * reason in why. */
static int ends_given(const table_spec *t, const int *idx, csvfile *f, const store_ref_field *v,
                      char *why, size_t wl)
{
    if (t->ends <= 0) return 0;
    const store_ref_field *a = &v[t->ends], *b = &v[t->ends + 1];
    if (a->kind != STORE_REF_TIME && b->kind != STORE_REF_TIME) {
        snprintf(why, wl, "neither '%s' nor '%s' is given", t->cols[t->ends].csv,
                 t->cols[t->ends + 1].csv);
        return -1;
    }
    if (a->kind == STORE_REF_TIME && b->kind == STORE_REF_TIME && b->ms < a->ms) {
        snprintf(why, wl, "'%s' (%.40s) is before '%s' (%.40s)", t->cols[t->ends + 1].csv,
                 csvfile_field(f, idx[t->ends + 1]), t->cols[t->ends].csv,
                 csvfile_field(f, idx[t->ends]));
        return -1;
    }
    return 0;
}

static const char *printable(const char *s, char *out, size_t n);

/* Whether s is one of values (allowed's), column c's: 1, or 0 with a
 * reason naming them in why. */
static int value_allowed(const column *c, const char *values, const char *s, char *why, size_t wl)
{
    size_t n = strlen(s);
    for (const char *v = values; *v;) {
        size_t len = strcspn(v, "|");
        if (len == n && strncmp(v, s, n) == 0) return 1;
        v += len + (v[len] == '|');
    }
    char shown[64];
    snprintf(why, wl, "column '%s': '%s' is not one of ", c->csv,
             printable(s, shown, sizeof shown));
    size_t w = strlen(why);
    for (const char *v = values; *v && w < wl;) {
        size_t len = strcspn(v, "|");
        w += (size_t)snprintf(why + w, wl - w, "%s%.*s", v == values ? "" : ", ", (int)len, v);
        v += len + (v[len] == '|');
    }
    return 0;
}

/* A whole number of months, 1 to MONTHS_MAX: 1, or 0 with a reason. */
static int months_of(const column *c, const char *s, char *why, size_t wl)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (s[0] >= '0' && s[0] <= '9' && !*end && !errno && v >= 1 && v <= MONTHS_MAX) return 1;
    snprintf(why, wl, "column '%s': '%.40s' is not a number of months (1 to %d)", c->csv, s,
             MONTHS_MAX);
    return 0;
}

/* The current record's fields, in v; returns 0, or -1 with a reason in
 * why. Text fields are borrowed from f until its next record. */
static int row_fields(const table_spec *t, const int *idx, csvfile *f, store_ref_field *v,
                      char *why, size_t wl)
{
    for (int i = 0; i < NCOLS && t->cols[i].csv; i++) {
        const column *c = &t->cols[i];
        const char *s = idx[i] >= 0 ? csvfile_field(f, idx[i]) : "";
        long long ms;
        switch (c->kind) {
        case RIGHT: {
            const char *colon = strchr(s, ':');
            if (!colon || colon == s || !colon[1] || strchr(colon + 1, ':')) {
                snprintf(why, wl, "column '%s': '%.40s' is not a right written system:action",
                         c->csv, s);
                return -1;
            }
        }
            /* fall through */
        case KEY:
            if (!s[0]) {
                snprintf(why, wl, "column '%s' is empty", c->csv);
                return -1;
            }
            /* fall through */
        case TEXT:
            if (s[0] && values_of(t, i) && !value_allowed(c, values_of(t, i), s, why, wl))
                return -1;
            v[i] = (store_ref_field){STORE_REF_TEXT, s, 0};
            break;
        case MONTHS:
            if (!months_of(c, s, why, wl)) return -1;
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
    if (t->from >= 0 && v[t->from].kind == STORE_REF_TIME && v[t->to].kind == STORE_REF_TIME &&
        v[t->to].ms < v[t->from].ms) {
        snprintf(why, wl, "'%s' (%.40s) is before '%s' (%.40s)", t->cols[t->to].csv,
                 csvfile_field(f, idx[t->to]), t->cols[t->from].csv,
                 csvfile_field(f, idx[t->from]));
        return -1;
    }
    return ends_given(t, idx, f, v, why, wl);
}

/* What one file's load has seen: its bad rows (reported up to REPORT_MAX)
 * and the keys of its rows with the line of each (for duplicates). */
typedef struct file_load {
    const char *path;
    const refload_report *rep;
    long bad;
    strmap *keys;
    long *key_line;
    size_t key_cap;
} file_load;

static void bad_row(file_load *fl, long line, const char *reason)
{
    if (fl->bad++ < REPORT_MAX && fl->rep->bad_row)
        fl->rep->bad_row(fl->rep->ctx, fl->path, line, reason);
}

/* s with what a terminal would act on written as \xHH, for a message. */
static const char *printable(const char *s, char *out, size_t n)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p && o + 5 < n; p++) {
        if (*p < 0x20 || *p >= 0x7F)
            o += (size_t)snprintf(out + o, n - o, "\\x%02X", *p);
        else
            out[o++] = (char)*p;
    }
    out[o] = 0;
    return out;
}

/* Reads the header's columns into idx. 0, or -1 when a required one is
 * missing or the header names a column the file does not have
 * (reported). */
static int header(const table_spec *t, csvfile *f, file_load *fl, int idx[NCOLS])
{
    char why[1024];
    size_t w = 0;
    for (size_t h = 0; h < csvfile_ncols(f); h++) {
        const char *name = csvfile_colname(f, h);
        int known = 0;
        for (int i = 0; i < NCOLS && t->cols[i].csv; i++)
            known |= strcmp(t->cols[i].csv, name) == 0;
        if (known || w > 600) continue;
        char p[128];
        w += (size_t)snprintf(why + w, sizeof why - w, "%s'%s'", w ? ", " : "unknown column ",
                              printable(name, p, sizeof p));
    }
    if (w) {
        w += (size_t)snprintf(why + w, sizeof why - w, " (known:");
        for (int i = 0; i < NCOLS && t->cols[i].csv; i++)
            w += (size_t)snprintf(why + w, sizeof why - w, "%s %s", i ? "," : "", t->cols[i].csv);
        snprintf(why + w, sizeof why - w, ")");
        bad_row(fl, 1, why);
        return -1;
    }
    for (int i = 0; i < NCOLS; i++) {
        const column *c = &t->cols[i];
        idx[i] = c->csv ? csvfile_col(f, c->csv) : -1;
        if (c->csv && idx[i] < 0 &&
            (c->kind == KEY || c->kind == RIGHT || c->kind == TIME_REQ || c->kind == MONTHS)) {
            snprintf(why, sizeof why, "header lacks required column '%s'", c->csv);
            bad_row(fl, 1, why);
            return -1;
        }
    }
    return 0;
}

/* Whether the row in v has a key that an earlier row of the file had:
 * 1 (reason in why), 0 (remembered), -1 out of memory. */
static int duplicate(const table_spec *t, file_load *fl, long line, const store_ref_field *v,
                     char *why, size_t wl)
{
    char key[4096];
    size_t n = 0;
    for (int i = 0; i < NCOLS && t->cols[i].csv; i++) {
        if (!t->cols[i].key) continue;
        int w = v[i].kind == STORE_REF_TEXT
                    ? snprintf(key + n, sizeof key - n, "%s\x1f", v[i].text)
                    : snprintf(key + n, sizeof key - n, "%lld\x1f", (long long)v[i].ms);
        n += (size_t)w;
        if (n >= sizeof key) return 0; /* too long to be any real key: the store decides */
    }
    if (!fl->keys && !(fl->keys = strmap_new())) return -1;
    uint32_t id;
    int rc = strmap_intern(fl->keys, key, n, &id);
    if (rc < 0) return -1;
    if (rc == 0) {
        size_t k = (size_t)snprintf(why, wl, "duplicate key (");
        for (int i = 0; i < NCOLS && t->cols[i].csv && k < wl; i++)
            if (t->cols[i].key && v[i].kind == STORE_REF_TEXT)
                k += (size_t)snprintf(why + k, wl - k, "%s%s '%.40s'", k > 15 ? ", " : "",
                                      t->cols[i].csv, v[i].text);
        if (k < wl) snprintf(why + k, wl - k, "): line %ld has it already", fl->key_line[id]);
        return 1;
    }
    if (id >= fl->key_cap) {
        size_t nc = fl->key_cap ? fl->key_cap * 2 : 1024;
        long *nl = realloc(fl->key_line, nc * sizeof *nl);
        if (!nl) return -1;
        fl->key_line = nl;
        fl->key_cap = nc;
    }
    fl->key_line[id] = line;
    return 0;
}

/* Loads one file, whole or not at all: after a bad row, no further row is
 * stored, the rest of the file is still read for its bad rows, and the
 * table's transaction is rolled back. Only the store failing fails the
 * load; a file not loaded is counted in out->refused. */
static int load_table(store *s, const table_spec *t, const char *path, int replace,
                      const refload_report *rep, refload_counts *out, werr *e)
{
    char why[600];
    werr ce = {0};
    csvfile *f = NULL;
    file_load fl = {path, rep, 0, NULL, NULL, 0};
    store_ref_load *l = NULL;
    store_ref_field v[NCOLS];
    long rows = 0;
    int idx[NCOLS], rc = 0, ret = 0;
    if (csvfile_open(path, &f, &ce) < 0) {
        bad_row(&fl, 0, ce.msg);
        goto done;
    }
    if (header(t, f, &fl, idx) < 0) goto done;
    if (store_ref_load_begin(s, t->table, replace, &l, e) < 0) goto fail;
    while ((rc = csvfile_next(f, &ce)) != 0) {
        if (rc < 0) {
            if (ce.code != WERR_INPUT) {
                werr_set(e, ce.code, "%s:%ld: %s", path, csvfile_errline(f), ce.msg);
                ret = -1;
                goto out;
            }
            bad_row(&fl, csvfile_errline(f), ce.msg);
            break;
        }
        const char *bad = csvfile_bad(f);
        int dup = 0;
        if (!bad && row_fields(t, idx, f, v, why, sizeof why) < 0) bad = why;
        if (!bad && (dup = duplicate(t, &fl, csvfile_line(f), v, why, sizeof why)) != 0) {
            if (dup < 0) {
                werr_set(e, WERR_INTERNAL, "%s: out of memory", path);
                ret = -1;
                goto out;
            }
            bad = why;
        }
        if (bad) {
            bad_row(&fl, csvfile_line(f), bad);
            continue;
        }
        if (!fl.bad && store_ref_load_row(l, v, e) < 0) goto fail;
        rows++;
    }
    if (!fl.bad) {
        rc = store_ref_load_end(l, e);
        l = NULL;
        if (rc < 0) goto fail;
        out->files++;
        out->rows += rows;
    }
done:
    if (fl.bad) {
        char msg[4400];
        if (fl.bad > REPORT_MAX)
            snprintf(msg, sizeof msg, "%s: %ld more bad rows not shown", path, fl.bad - REPORT_MAX);
        if (fl.bad > REPORT_MAX && rep->bad_row) rep->bad_row(rep->ctx, path, 0, msg);
        snprintf(msg, sizeof msg, "%s: not loaded (%ld bad row%s); its table is unchanged", path,
                 fl.bad, fl.bad == 1 ? "" : "s");
        if (rep->bad_row) rep->bad_row(rep->ctx, path, 0, msg);
        out->bad += fl.bad;
        out->refused++;
    }
out:
    store_ref_load_abort(l);
    csvfile_close(f);
    strmap_free(fl.keys);
    free(fl.key_line);
    return ret;
fail:
    werr_wrap(e, "%s: store error: ", path);
    ret = -1;
    goto out;
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
