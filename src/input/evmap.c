#include "input/evmap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *evmap_field_name(int f)
{
    for (size_t i = 0; i < ev_field_names_count; i++)
        if ((int)ev_field_names[i].f == f) return ev_field_names[i].name;
    return "?";
}

/* The canonical field called name (aliases are the JSON's, not a
 * mapping's), or -1. */
static int field_of(const char *name, size_t n)
{
    for (int f = 0; f < EV_F_COUNT; f++) {
        const char *c = evmap_field_name(f);
        if (strlen(c) == n && memcmp(c, name, n) == 0) return f;
    }
    return -1;
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s))
        (*s)++, (*n)--;
    while (*n && isspace((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

/* Adds one pair "field=source" (p[0..n)); where: "--map" or "FILE:LINE". */
static int add_pair(evmap *m, const char *p, size_t n, const char *where, werr *e)
{
    const char *eq = memchr(p, '=', n);
    if (!eq) return werr_set(e, WERR_INPUT, "%s: '%.*s' is not field=column", where, (int)n, p);
    const char *k = p, *v = eq + 1;
    size_t kn = (size_t)(eq - p), vn = n - kn - 1;
    trim(&k, &kn);
    trim(&v, &vn);
    int f = field_of(k, kn);
    if (f < 0)
        return werr_set(e, WERR_INPUT,
                        "%s: unknown field '%.*s' (the fields: id, ts, actor, system, action,"
                        " subject, subject_type, case, purpose, query, results, client)",
                        where, (int)kn, k);
    if (m->f[f].kind != EVMAP_NONE)
        return werr_set(e, WERR_INPUT, "%s: field '%s' is mapped twice", where,
                        evmap_field_name(f));
    evmap_src s = {EVMAP_COL, NULL, 0};
    if (vn && v[0] == ':') {
        s.kind = EVMAP_FIXED;
        v++, vn--;
    } else if (vn > 1 && v[0] == '#') {
        char *end;
        long i = strtol(v + 1, &end, 10);
        if (end != v + vn || i < 1 || i > 1000)
            return werr_set(e, WERR_INPUT, "%s: '%.*s' is not a column number #1 to #1000", where,
                            (int)vn, v);
        s.kind = EVMAP_IDX;
        s.idx = (int)i - 1;
    } else if (!vn) {
        return werr_set(e, WERR_INPUT, "%s: field '%s' names no column", where,
                        evmap_field_name(f));
    }
    if (!(s.text = strndup(v, vn))) return werr_set(e, WERR_INTERNAL, "out of memory");
    m->f[f] = s;
    return 0;
}

int evmap_add(evmap *m, const char *spec, werr *e)
{
    if (spec[0] == '@') return evmap_add_file(m, spec + 1, e);
    for (const char *p = spec;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (add_pair(m, p, n, "--map", e) < 0) return -1;
        if (!comma) return 0;
        p = comma + 1;
    }
}

int evmap_add_file(evmap *m, const char *path, werr *e)
{
    FILE *f = fopen(path, "r");
    if (!f) return werr_set(e, WERR_INPUT, "mapping file %s: cannot open", path);
    char line[4096], where[600];
    int rc = 0;
    for (long no = 1; rc == 0 && fgets(line, sizeof line, f); no++) {
        size_t n = strcspn(line, "#\r\n");
        if (!strchr(line, '\n') && !feof(f)) {
            rc = werr_set(e, WERR_INPUT, "%s:%ld: line longer than %zu bytes", path, no,
                          sizeof line - 2);
            break;
        }
        const char *p = line;
        trim(&p, &n);
        if (!n) continue;
        snprintf(where, sizeof where, "%s:%ld", path, no);
        rc = add_pair(m, p, n, where, e);
    }
    if (rc == 0 && ferror(f)) rc = werr_set(e, WERR_INPUT, "mapping file %s: read error", path);
    fclose(f);
    return rc;
}

int evmap_check(const evmap *m, werr *e)
{
    static const int req[] = {EV_F_TS, EV_F_ACTOR, EV_F_ACTION};
    for (size_t i = 0; i < sizeof req / sizeof *req; i++)
        if (m->f[req[i]].kind == EVMAP_NONE)
            return werr_set(e, WERR_INPUT,
                            "the mapping gives no column for '%s' (ts, actor and action are"
                            " required): add %s=COLUMN to --map",
                            evmap_field_name(req[i]), evmap_field_name(req[i]));
    return 0;
}

void evmap_free(evmap *m)
{
    for (int f = 0; f < EV_F_COUNT; f++)
        free(m->f[f].text);
    memset(m, 0, sizeof *m);
}
