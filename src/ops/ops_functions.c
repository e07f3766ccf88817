#include "ops/ops_functions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_functions_int.h"
#include "util/buf.h"

static const int64_t DAY_MS = 86400000;

/* An entry checked and scored, ready to store: owns answers and measures. */
typedef struct prepared {
    store_fn_analysis a;
    char answers[FR_QUESTIONS + 1];
    buf measures;
    fr_scores sc;
} prepared;

/* A YYYY-MM-DD date (only that) at the start of its UTC day. 0, or -1. */
static int date_of(const char *s, int64_t *ms)
{
    long long v;
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return -1;
    if (refload_time(s, 0, &v) != 1) return -1;
    *ms = v;
    return 0;
}

/* The measures of text, trimmed, one a line, into out. 0, or -1 with why. */
static int measures_of(const char *text, buf *out, char *why, size_t n)
{
    int count = 0;
    for (const char *p = text ? text : ""; *p;) {
        size_t len = strcspn(p, ";\n\r");
        const char *b = p, *e = p + len;
        p = *e ? e + 1 : e;
        while (b < e && (*b == ' ' || *b == '\t'))
            b++;
        while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (b == e) continue;
        if ((size_t)(e - b) > OPS_FN_MEASURE_MAX)
            return snprintf(why, n, "a measure is longer than %d bytes", OPS_FN_MEASURE_MAX), -1;
        if (++count > OPS_FN_MEASURES_MAX)
            return snprintf(why, n, "more than %d measures", OPS_FN_MEASURES_MAX), -1;
        if ((out->len && buf_puts(out, "\n") < 0) || buf_put(out, b, (size_t)(e - b)) < 0)
            return snprintf(why, n, "out of memory"), -1;
    }
    if (buf_put(out, "", 0) < 0) return snprintf(why, n, "out of memory"), -1;
    return 0;
}

static int name_ok(const char *what, const char *v, int required, char *why, size_t n)
{
    if (required && (!v || !*v)) return snprintf(why, n, "'%s' is empty", what), -1;
    if (v && strlen(v) > OPS_FN_NAME_MAX)
        return snprintf(why, n, "'%s' is longer than %d bytes", what, OPS_FN_NAME_MAX), -1;
    return 0;
}

/* Checks x into p (whose measures buffer it fills: buf_free it). */
static int prepare(const ops_fn_entry *x, prepared *p, char *why, size_t n)
{
    memset(p, 0, sizeof *p);
    if (name_ok("unit", x->unit, 1, why, n) < 0 || name_ok("role", x->role, 1, why, n) < 0 ||
        name_ok("process", x->process, 0, why, n) < 0)
        return -1;
    if (date_of(x->analysed, &p->a.analysed) < 0)
        return snprintf(why, n, "'analysed' (%.40s) is not a date (YYYY-MM-DD)",
                        x->analysed ? x->analysed : ""),
               -1;
    if (date_of(x->next_review, &p->a.next_review) < 0)
        return snprintf(why, n, "'next_review' (%.40s) is not a date (YYYY-MM-DD)",
                        x->next_review ? x->next_review : ""),
               -1;
    if (p->a.next_review <= p->a.analysed)
        return snprintf(why, n, "'next_review' (%s) is not after 'analysed' (%s)", x->next_review,
                        x->analysed),
               -1;
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    for (size_t i = 0; i < nq; i++) {
        if (x->answers[i] < 0)
            return snprintf(why, n, "'%s' is not answered (0 to %d)", q[i].key, FR_SCALE_MAX), -1;
        if (x->answers[i] > FR_SCALE_MAX)
            return snprintf(why, n, "'%s' is %d, off the scale 0 to %d", q[i].key, x->answers[i],
                            FR_SCALE_MAX),
                   -1;
        p->answers[i] = (char)('0' + x->answers[i]);
    }
    if (measures_of(x->measures, &p->measures, why, n) < 0) {
        buf_free(&p->measures);
        return -1;
    }
    fr_score(x->answers, &p->sc);
    p->a.unit = x->unit;
    p->a.role = x->role;
    p->a.process = x->process ? x->process : "";
    p->a.answers = p->answers;
    p->a.measures = p->measures.data;
    p->a.impact = p->sc.impact;
    p->a.resilience = p->sc.resilience;
    p->a.risk = p->sc.risk;
    p->a.band = fr_band_name(p->sc.band);
    return 0;
}

int ops_fn_check(const ops_fn_entry *x, char *why, size_t n)
{
    prepared p;
    if (prepare(x, &p, why, n) < 0) return -1;
    buf_free(&p.measures);
    return 0;
}

/* Stores p by account at now; a note when no one holds the function.
 * where: "FILE:LINE: " or "". 1 added, 0 unchanged, -1 (e set). */
static int add(store *s, prepared *p, const char *account, int64_t now, const char *where,
               const ops_notes *notes, int64_t *version, werr *e)
{
    p->a.account = account;
    p->a.at = now;
    int known = store_fn_known(s, p->a.unit, p->a.role);
    int rc = known < 0 ? -1 : store_fn_add(s, &p->a, version);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the analysis of %s/%s: %s", p->a.unit,
                        p->a.role, store_errmsg(s));
    if (!known)
        ops_note(notes, "%sno one in actors.csv holds function %s/%s (stored all the same)", where,
                 p->a.unit, p->a.role);
    return rc;
}

int ops_fn_store_one(store *s, const char *account, const ops_fn_entry *x, int64_t now,
                     const char *where, const ops_notes *notes, int64_t *version, int *added,
                     werr *e)
{
    prepared p;
    char why[300];
    if (prepare(x, &p, why, sizeof why) < 0) return werr_set(e, WERR_INPUT, "%s%s", where, why);
    int r = add(s, &p, account, now, where, notes, version, e);
    buf_free(&p.measures);
    if (r < 0) return -1;
    *added = r;
    return 0;
}

int ops_functions_set(store *s, const char *account, const ops_fn_entry *x, int64_t now,
                      const ops_notes *notes, int64_t *version, int *added, werr *e)
{
    char why[300];
    if (ops_fn_check(x, why, sizeof why) < 0) return werr_set(e, WERR_INPUT, "%s", why);
    if (store_begin(s) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the analysis: %s", store_errmsg(s));
    if (ops_fn_store_one(s, account, x, now, "", notes, version, added, e) < 0) {
        store_rollback(s);
        return -1;
    }
    if (store_commit(s) < 0) {
        store_rollback(s);
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the analysis: %s", store_errmsg(s));
    }
    return 0;
}

int64_t ops_fn_overdue_days(int64_t next_review, int64_t now)
{
    return now >= next_review + DAY_MS ? (now - next_review) / DAY_MS : 0;
}

int ops_functions_list(store *s, int64_t now, store_fn_fn fn, void *ctx, werr *e)
{
    int rc = store_fn_current(s, now, 0, fn, ctx);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the analyses: %s", store_errmsg(s));
    if (rc > 0) return werr_set(e, WERR_INTERNAL, "out of memory listing the analyses");
    return 0;
}

/* ---- overdue ---- */

typedef struct due_ctx {
    int64_t now;
    ops_fn_due_fn fn;
    void *ctx;
} due_ctx;

static int give_due(const store_fn_analysis *a, void *ctx)
{
    due_ctx *d = ctx;
    int64_t days = ops_fn_overdue_days(a->next_review, d->now);
    if (!days) return 0;
    ops_fn_due x = {a->unit, a->role, a, days, a->people};
    return d->fn(&x, d->ctx);
}

static int give_never(const char *unit, const char *role, int64_t people, void *ctx)
{
    due_ctx *d = ctx;
    ops_fn_due x = {unit, role, NULL, 0, people};
    return d->fn(&x, d->ctx);
}

int ops_functions_overdue(store *s, int64_t now, ops_fn_due_fn fn, void *ctx, werr *e)
{
    due_ctx d = {now, fn, ctx};
    int rc = store_fn_current(s, now, 1, give_due, &d);
    if (rc == 0) rc = store_fn_unanalysed(s, now, give_never, &d);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the analyses: %s", store_errmsg(s));
    if (rc > 0) return werr_set(e, WERR_INTERNAL, "out of memory listing the overdue analyses");
    return 0;
}

/* ---- history ---- */

/* The previous version, copied: what the next is compared with. */
typedef struct hist_ctx {
    ops_fn_version_fn fn;
    void *ctx;
    int have, oom;
    char *process, *answers, *measures;
    int64_t next_review;
    int impact, resilience, risk;
    buf changes;
} hist_ctx;

static void date_text(int64_t ms, char out[16])
{
    char t[32];
    ts_format(ms, t);
    snprintf(out, 16, "%.10s", t);
}

/* Whether line (len bytes) is one of the lines of list. */
static int has_line(const char *list, const char *line, size_t len)
{
    for (const char *p = list; *p;) {
        size_t l = strcspn(p, "\n");
        if (l == len && memcmp(p, line, len) == 0) return 1;
        p += l + (p[l] ? 1 : 0);
    }
    return 0;
}

/* "what: X" for each line of a not in b. */
static int lines_missing(buf *out, const char *a, const char *b, const char *what)
{
    int rc = 0;
    for (const char *p = a; *p;) {
        size_t l = strcspn(p, "\n");
        if (!has_line(b, p, l))
            rc |= buf_printf(out, "%s%s: %.*s", out->len ? "; " : "", what, (int)l, p);
        p += l + (p[l] ? 1 : 0);
    }
    return rc;
}

static int changes_of(hist_ctx *h, const store_fn_analysis *a)
{
    buf *b = &h->changes;
    buf_reset(b);
    int rc = buf_put(b, "", 0);
    if (!h->have) return rc;
    if (strcmp(h->process, a->process) != 0)
        rc |= buf_printf(b, "%sprocess '%s' -> '%s'", b->len ? "; " : "", h->process, a->process);
    if (h->risk != a->risk)
        rc |= buf_printf(b, "%srisk %d -> %d (%s -> %s)", b->len ? "; " : "", h->risk, a->risk,
                         fr_band_name(fr_band_of(h->risk)), a->band);
    if (h->impact != a->impact)
        rc |= buf_printf(b, "%simpact %d -> %d", b->len ? "; " : "", h->impact, a->impact);
    if (h->resilience != a->resilience)
        rc |= buf_printf(b, "%sresilience %d -> %d", b->len ? "; " : "", h->resilience,
                         a->resilience);
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    for (size_t i = 0; i < nq && h->answers[i] && a->answers[i]; i++)
        if (h->answers[i] != a->answers[i])
            rc |= buf_printf(b, "%s%s %c -> %c", b->len ? "; " : "", q[i].key, h->answers[i],
                             a->answers[i]);
    if (h->next_review != a->next_review) {
        char x[16], y[16];
        date_text(h->next_review, x);
        date_text(a->next_review, y);
        rc |= buf_printf(b, "%snext review %s -> %s", b->len ? "; " : "", x, y);
    }
    rc |= lines_missing(b, a->measures, h->measures, "measure added");
    rc |= lines_missing(b, h->measures, a->measures, "measure closed");
    return rc;
}

static int give_version(const store_fn_analysis *a, void *ctx)
{
    hist_ctx *h = ctx;
    if (changes_of(h, a) < 0) return h->oom = 1;
    int rc = h->fn(a, h->changes.data ? h->changes.data : "", h->ctx);
    free(h->process);
    free(h->answers);
    free(h->measures);
    h->process = strdup(a->process);
    h->answers = strdup(a->answers);
    h->measures = strdup(a->measures);
    if (!h->process || !h->answers || !h->measures) return h->oom = 1;
    h->next_review = a->next_review;
    h->impact = a->impact;
    h->resilience = a->resilience;
    h->risk = a->risk;
    h->have = 1;
    return rc;
}

int ops_functions_history(store *s, const char *unit, const char *role, ops_fn_version_fn fn,
                          void *ctx, werr *e)
{
    hist_ctx h = {.fn = fn, .ctx = ctx};
    int rc = store_fn_history(s, unit, role, give_version, &h);
    free(h.process);
    free(h.answers);
    free(h.measures);
    buf_free(&h.changes);
    if (rc < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot read the analyses: %s", store_errmsg(s));
    if (h.oom) return werr_set(e, WERR_INTERNAL, "out of memory reading the analyses");
    if (rc == 0)
        return werr_set(e, WERR_NOT_FOUND, "function %s/%s has no analysis (see wachter functions)",
                        unit, role);
    return 0;
}

/* ---- weights ---- */

static const char *const weight_keys[] = {
    [FR_HIGH] = STORE_FN_WEIGHT_HIGH, [FR_VERY_HIGH] = STORE_FN_WEIGHT_VERY_HIGH};

int ops_fn_weights(store *s, double w[FR_VERY_HIGH + 1], werr *e)
{
    (void)e;
    w[FR_LOW] = w[FR_MEDIUM] = 1;
    w[FR_HIGH] = FR_WEIGHT_HIGH;
    w[FR_VERY_HIGH] = FR_WEIGHT_VERY_HIGH;
    for (int b = FR_HIGH; b <= FR_VERY_HIGH; b++)
        store_fn_weight(s, weight_keys[b], &w[b]);
    return 0;
}

int ops_fn_weight_set(store *s, const char *band, const char *factor, werr *e)
{
    int b = band ? fr_band_parse(band) : -1;
    if (b != FR_HIGH && b != FR_VERY_HIGH)
        return werr_set(e, WERR_INPUT, "a weight is set for band high or very-high, not '%s'",
                        band ? band : "");
    char *end;
    double f = factor ? strtod(factor, &end) : 0;
    if (!factor || !*factor || *end || !(f >= 1 && f <= FR_WEIGHT_MAX))
        return werr_set(e, WERR_INPUT, "a weight is a number from 1 to %g, not '%s'", FR_WEIGHT_MAX,
                        factor ? factor : "");
    char v[32];
    snprintf(v, sizeof v, "%g", f);
    if (store_meta_set(s, weight_keys[b], v) < 0)
        return werr_set(e, WERR_UNAVAILABLE, "cannot store the weight: %s", store_errmsg(s));
    return 0;
}
