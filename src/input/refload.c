#include "input/refload.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "normalise/ts.h"
#include "store/store_refbulk.h"
#include "util/csvfile.h"

enum kind { TEXT, KEY, START, END, TIME_REQ };

typedef struct column {
    const char *csv, *sql;
    enum kind kind;
} column;

typedef struct table_spec {
    const char *file, *table;
    column cols[10];
} table_spec;

static const table_spec specs[] = {
    {"actors.csv", "actors",
     {{"actor", "actor", KEY}, {"unit", "unit", TEXT}, {"role", "role", TEXT},
      {"start", "start_ts", START}, {"end", "end_ts", END}, {"person", "person", TEXT},
      {"surname", "surname", TEXT}, {"postcode", "postcode", TEXT},
      {"house_number", "house_number", TEXT}}},
    {"subjects.csv", "subjects",
     {{"subject", "subject", KEY}, {"surname", "surname", TEXT}, {"postcode", "postcode", TEXT},
      {"house_number", "house_number", TEXT}}},
    {"cases.csv", "cases",
     {{"case", "case_id", KEY}, {"subject", "subject", KEY}, {"opened", "opened", START},
      {"closed", "closed", END}}},
    {"case_assignments.csv", "case_assignments",
     {{"case", "case_id", KEY}, {"assignee", "assignee", KEY}, {"from", "from_ts", START},
      {"to", "to_ts", END}}},
    {"protected.csv", "protected", {{"subject", "subject", KEY}, {"category", "category", KEY}}},
    {"incidents.csv", "incidents",
     {{"incident", "incident", KEY}, {"subject", "subject", KEY}, {"ts", "ts", TIME_REQ},
      {"kind", "kind", TEXT}}},
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

static void build_sql(const table_spec *t, char *sql, size_t len)
{
    size_t n = 0;
    n += (size_t)snprintf(sql + n, len - n, "INSERT OR REPLACE INTO %s(", t->table);
    size_t ncol = 0;
    for (; ncol < 10 && t->cols[ncol].csv; ncol++)
        n += (size_t)snprintf(sql + n, len - n, "%s%s", ncol ? "," : "", t->cols[ncol].sql);
    n += (size_t)snprintf(sql + n, len - n, ") VALUES(");
    for (size_t i = 0; i < ncol; i++) n += (size_t)snprintf(sql + n, len - n, "%s?", i ? "," : "");
    snprintf(sql + n, len - n, ")");
}

/* Binds one row; returns 0, or -1 with a reason in why. */
static int bind_row(const table_spec *t, const int *idx, csvfile *f, sqlite3_stmt *st, char *why,
                    size_t wl)
{
    for (int i = 0; i < 10 && t->cols[i].csv; i++) {
        const column *c = &t->cols[i];
        const char *v = idx[i] >= 0 ? csvfile_field(f, idx[i]) : "";
        long long ms;
        switch (c->kind) {
        case KEY:
            if (!v[0]) {
                snprintf(why, wl, "column '%s' is empty", c->csv);
                return -1;
            }
            /* fall through */
        case TEXT:
            sqlite3_bind_text(st, i + 1, v, -1, SQLITE_TRANSIENT);
            break;
        case START:
        case END:
        case TIME_REQ: {
            int rc = refload_time(v, c->kind == END, &ms);
            if (rc < 0 || (rc == 0 && c->kind == TIME_REQ)) {
                snprintf(why, wl, "column '%s': %s time '%.40s'", c->csv,
                         rc < 0 ? "unreadable" : "missing", v);
                return -1;
            }
            if (rc > 0) sqlite3_bind_int64(st, i + 1, ms);
            else if (strcmp(c->sql, "from_ts") == 0) sqlite3_bind_int64(st, i + 1, 0);
            else sqlite3_bind_null(st, i + 1);
            break;
        }
        }
    }
    return 0;
}

static int load_table(store *s, const table_spec *t, const char *path, int replace, FILE *errs,
                      refload_counts *out)
{
    char err[256], sql[512], why[160];
    csvfile *f = NULL;
    if (csvfile_open(path, &f, err, sizeof err) < 0) {
        fprintf(errs, "%s\n", err);
        out->bad++;
        return 0;
    }
    int idx[10];
    for (int i = 0; i < 10; i++) {
        idx[i] = t->cols[i].csv ? csvfile_col(f, t->cols[i].csv) : -1;
        if (t->cols[i].csv && idx[i] < 0 && t->cols[i].kind != TEXT && t->cols[i].kind != START &&
            t->cols[i].kind != END) {
            fprintf(errs, "%s:1: header lacks required column '%s'\n", path, t->cols[i].csv);
            csvfile_close(f);
            out->bad++;
            return 0;
        }
    }
    build_sql(t, sql, sizeof sql);
    sqlite3_stmt *st = NULL;
    store_refbulk bulk = {0};
    if (store_begin(s) < 0 || store_refbulk_begin(s, t->table, &bulk) < 0) goto dberr;
    if (replace) {
        char del[64];
        snprintf(del, sizeof del, "DELETE FROM %s", t->table);
        if (store_exec(s, del) < 0) goto dberr;
    }
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK) goto dberr;
    int rc;
    while ((rc = csvfile_next(f, err, sizeof err)) != 0) {
        if (rc < 0) {
            fprintf(errs, "%s:%s\n", path, err);
            out->bad++;
            break;
        }
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        if (bind_row(t, idx, f, st, why, sizeof why) < 0) {
            fprintf(errs, "%s:%ld: %s\n", path, csvfile_line(f), why);
            out->bad++;
            continue;
        }
        if (sqlite3_step(st) != SQLITE_DONE) goto dberr;
        out->rows++;
    }
    sqlite3_finalize(st);
    st = NULL;
    if (store_refbulk_end(s, &bulk) < 0) goto dberr;
    csvfile_close(f);
    out->files++;
    return store_commit(s);
dberr:
    fprintf(errs, "%s: store error: %s\n", path, store_errmsg(s));
    sqlite3_finalize(st);
    store_refbulk_free(&bulk);
    store_rollback(s);
    csvfile_close(f);
    return -1;
}

int refload_file(store *s, const char *path, const char *name, int replace, FILE *errs,
                 refload_counts *out)
{
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        if (strcmp(specs[i].file, name) == 0)
            return load_table(s, &specs[i], path, replace, errs, out);
    fprintf(errs, "%s: not a known reference file\n", name);
    return -1;
}

int refload_dir(store *s, const char *dir, int replace, FILE *errs, refload_counts *out)
{
    memset(out, 0, sizeof *out);
    if (access(dir, R_OK | X_OK) != 0) {
        fprintf(errs, "%s: not a readable directory\n", dir);
        return -1;
    }
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, specs[i].file);
        if (access(path, F_OK) != 0) continue;
        if (load_table(s, &specs[i], path, replace, errs, out) < 0) return -1;
    }
    return 0;
}
