#include "emit/emit_functions.h"

#include <stdio.h>
#include <string.h>

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

static void date_text(int64_t ms, char out[16])
{
    char t[32];
    if (!ms) {
        snprintf(out, 16, "-");
        return;
    }
    ts_format(ms, t);
    snprintf(out, 16, "%.10s", t);
}

static int str_member(buf *b, const char *key, const char *v)
{
    int rc = buf_printf(b, ",\"%s\":", key);
    return rc | buf_json_str(b, v ? v : "");
}

/* measures (one a line) as a JSON array. */
static int measures_json(buf *b, const char *m)
{
    int rc = buf_puts(b, "[");
    for (const char *p = m; *p;) {
        size_t l = strcspn(p, "\n");
        char one[OPS_FN_MEASURE_MAX + 1];
        snprintf(one, sizeof one, "%.*s", (int)l, p);
        rc |= buf_puts(b, p == m ? "" : ",");
        rc |= buf_json_str(b, one);
        p += l + (p[l] ? 1 : 0);
    }
    return rc | buf_puts(b, "]");
}

static int count_lines(const char *m)
{
    int n = 0;
    for (const char *p = m; *p; n++) {
        size_t l = strcspn(p, "\n");
        p += l + (p[l] ? 1 : 0);
    }
    return n;
}

/* measures (one a line) as "a; b" for a table. */
static int measures_text(buf *b, const char *m)
{
    int rc = 0;
    for (const char *p = m; *p;) {
        size_t l = strcspn(p, "\n");
        rc |= esc_printf(b, "%s", p == m ? "" : "; ");
        rc |= esc_bytes(b, p, l);
        p += l + (p[l] ? 1 : 0);
    }
    return rc;
}

/* answers as {"registers":3,...}. */
static int answers_json(buf *b, const char *answers)
{
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    int rc = buf_puts(b, "{");
    for (size_t i = 0; i < nq && answers[i]; i++)
        rc |= buf_printf(b, "%s\"%s\":%c", i ? "," : "", q[i].key, answers[i]);
    return rc | buf_puts(b, "}");
}

/* The members every analysis row shares, after "{". */
static int analysis_members(buf *b, const store_fn_analysis *a)
{
    char an[16], nr[16], fn[2 * OPS_FN_NAME_MAX + 2];
    date_text(a->analysed, an);
    date_text(a->next_review, nr);
    snprintf(fn, sizeof fn, "%s/%s", a->unit, a->role);
    int rc = buf_puts(b, "\"function\":");
    rc |= buf_json_str(b, fn);
    rc |= str_member(b, "unit", a->unit);
    rc |= str_member(b, "role", a->role);
    rc |= str_member(b, "process", a->process);
    rc |= buf_printf(b, ",\"version\":%lld,\"analysed\":\"%s\",\"next_review\":\"%s\"",
                     (long long)a->version, an, nr);
    rc |= buf_printf(b, ",\"impact\":%d,\"resilience\":%d,\"risk\":%d", a->impact, a->resilience,
                     a->risk);
    rc |= str_member(b, "band", a->band);
    rc |= buf_puts(b, ",\"answers\":");
    rc |= answers_json(b, a->answers);
    rc |= buf_puts(b, ",\"measures\":");
    rc |= measures_json(b, a->measures);
    rc |= str_member(b, "by", a->account);
    return rc;
}

int emit_fn_questions(buf *b, enum emit_format f)
{
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    int rc = 0;
    if (f == EMIT_TABLE)
        rc |= buf_printf(b, "%-12s  %-10s  %s\n", "KEY", "KIND", "QUESTION: 0 / 1 / 2 / 3");
    for (size_t i = 0; i < nq; i++) {
        const char *kind = i < FR_IMPACT_N ? "impact" : "resilience";
        if (f == EMIT_TABLE) {
            rc |= buf_printf(b, "%-12s  %-10s  %s: 0 %s / 1 %s / 2 %s / 3 %s\n", q[i].key, kind,
                             q[i].text, q[i].scale[0], q[i].scale[1], q[i].scale[2], q[i].scale[3]);
            continue;
        }
        rc |= buf_printf(b, "{\"key\":\"%s\",\"kind\":\"%s\"", q[i].key, kind);
        rc |= str_member(b, "text", q[i].text);
        rc |= buf_puts(b, ",\"scale\":");
        rc |= emit_json_list(b, q[i].scale, FR_SCALE_MAX + 1);
        rc |= buf_puts(b, "}\n");
    }
    return rc ? -1 : 0;
}

int emit_fn_list_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return buf_printf(b, "%-36s  %-20s  %6s  %10s  %4s  %-9s  %6s  %-10s  %-8s  %s\n", "FUNCTION",
                      "PROCESS", "IMPACT", "RESILIENCE", "RISK", "BAND", "PEOPLE", "NEXT_REVIEW",
                      "OVERDUE", "OPEN_MEASURES");
}

int emit_fn_row(buf *b, enum emit_format f, const store_fn_analysis *a, int64_t now)
{
    int64_t days = ops_fn_overdue_days(a->next_review, now);
    char nr[16];
    date_text(a->next_review, nr);
    if (f == EMIT_TABLE) {
        char fn[2 * OPS_FN_NAME_MAX + 2], od[32];
        snprintf(fn, sizeof fn, "%s/%s", a->unit, a->role);
        if (days)
            snprintf(od, sizeof od, "%lldd", (long long)days);
        else
            snprintf(od, sizeof od, "-");
        int rc = esc_printf(b, "%-36s  %-20s  %6d  %10d  %4d  %-9s  %6lld  %-10s  %-8s  ", fn,
                            *a->process ? a->process : "-", a->impact, a->resilience, a->risk,
                            a->band, (long long)a->people, nr, od);
        int nm = count_lines(a->measures);
        rc |= nm ? buf_printf(b, "(%d) ", nm) : buf_puts(b, "-");
        rc |= measures_text(b, a->measures);
        return rc | buf_puts(b, "\n");
    }
    int rc = buf_puts(b, "{");
    rc |= analysis_members(b, a);
    rc |= buf_printf(b, ",\"people\":%lld,\"overdue\":%s,\"overdue_days\":%lld}\n",
                     (long long)a->people, days ? "true" : "false", (long long)days);
    return rc;
}

int emit_fn_due_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return buf_printf(b, "%-36s  %-15s  %-11s  %6s  %6s  %4s  %s\n", "FUNCTION", "STATUS",
                      "NEXT_REVIEW", "DAYS", "PEOPLE", "RISK", "BAND");
}

int emit_fn_due(buf *b, enum emit_format f, const ops_fn_due *d)
{
    const char *status = d->a ? "overdue" : "never analysed";
    char nr[16] = "-";
    if (d->a) date_text(d->a->next_review, nr);
    if (f == EMIT_TABLE) {
        char fn[2 * OPS_FN_NAME_MAX + 2], risk[8] = "-";
        snprintf(fn, sizeof fn, "%s/%s", d->unit, d->role);
        if (d->a) snprintf(risk, sizeof risk, "%d", d->a->risk);
        return esc_printf(b, "%-36s  %-15s  %-11s  %6lld  %6lld  %4s  %s\n", fn, status, nr,
                          (long long)d->days, (long long)d->people, risk, d->a ? d->a->band : "-");
    }
    char fn[2 * OPS_FN_NAME_MAX + 2];
    snprintf(fn, sizeof fn, "%s/%s", d->unit, d->role);
    int rc = buf_puts(b, "{\"function\":");
    rc |= buf_json_str(b, fn);
    rc |= str_member(b, "unit", d->unit);
    rc |= str_member(b, "role", d->role);
    rc |= buf_printf(b, ",\"status\":\"%s\"", status);
    if (d->a) {
        rc |= buf_printf(b, ",\"next_review\":\"%s\",\"risk\":%d", nr, d->a->risk);
        rc |= str_member(b, "band", d->a->band);
    } else {
        rc |= buf_puts(b, ",\"next_review\":null,\"risk\":null,\"band\":null");
    }
    return rc | buf_printf(b, ",\"days\":%lld,\"people\":%lld}\n", (long long)d->days,
                           (long long)d->people);
}

int emit_fn_version_begin(buf *b, enum emit_format f)
{
    if (f != EMIT_TABLE) return 0;
    return buf_printf(b, "%7s  %-10s  %-11s  %6s  %10s  %4s  %-9s  %-12s  %s\n", "VERSION",
                      "ANALYSED", "NEXT_REVIEW", "IMPACT", "RESILIENCE", "RISK", "BAND", "BY",
                      "CHANGES");
}

int emit_fn_version(buf *b, enum emit_format f, const store_fn_analysis *a, const char *changes)
{
    if (f == EMIT_TABLE) {
        char an[16], nr[16];
        date_text(a->analysed, an);
        date_text(a->next_review, nr);
        return esc_printf(b, "%7lld  %-10s  %-11s  %6d  %10d  %4d  %-9s  %-12s  %s\n",
                          (long long)a->version, an, nr, a->impact, a->resilience, a->risk, a->band,
                          a->account, *changes ? changes : "(first analysis)");
    }
    int rc = buf_puts(b, "{");
    rc |= analysis_members(b, a);
    rc |= str_member(b, "changes", changes);
    return rc | buf_puts(b, "}\n");
}

int emit_fn_load(buf *b, enum emit_format f, const char *path, const ops_fn_load_counts *n)
{
    if (f == EMIT_TABLE)
        return esc_printf(b, "%s: %ld rows, %ld analyses added, %ld unchanged, %ld bad rows%s\n",
                          path, n->rows, n->added, n->unchanged, n->bad,
                          n->bad ? " (nothing stored)" : "");
    int rc = buf_puts(b, "{\"file\":");
    rc |= buf_json_str(b, path);
    return rc | buf_printf(b, ",\"rows\":%ld,\"added\":%ld,\"unchanged\":%ld,\"bad\":%ld}\n",
                           n->rows, n->added, n->unchanged, n->bad);
}

int emit_fn_weights(buf *b, enum emit_format f, const double w[FR_VERY_HIGH + 1])
{
    int rc = f == EMIT_TABLE ? buf_printf(b, "%-9s  %s\n", "BAND", "WEIGHT") : 0;
    for (int k = FR_LOW; k <= FR_VERY_HIGH; k++)
        rc |= f == EMIT_TABLE ? buf_printf(b, "%-9s  %g\n", fr_band_name((fr_band)k), w[k])
                              : buf_printf(b, "{\"band\":\"%s\",\"weight\":%g}\n",
                                           fr_band_name((fr_band)k), w[k]);
    return rc ? -1 : 0;
}
