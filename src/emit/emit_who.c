#include "emit/emit_who.h"

#include "emit/emit_int.h"
#include "normalise/ts.h"
#include "util/esc.h"

static const char *unit_of(const refdata *r, const char *actor)
{
    int32_t a = refdata_actor_find(r, actor);
    return a != REF_NONE ? refdata_unit_name(r, refdata_actor(r, a)->unit) : "";
}

/* end: what closes the object ("}\n" for a line, "}" in an array). */
static int row_obj(buf *b, const refdata *r, const inv_access *x, const char *why, const char *end)
{
    char ts[32];
    ts_format(x->ts, ts);
    int rc = buf_printf(b, "{\"ts\":\"%s\",\"actor\":", ts);
    rc |= buf_json_str(b, x->actor);
    const char *k[] = {"unit", "system", "action", "subject", "subject_type", "case", "purpose"};
    const char *v[] = {unit_of(r, x->actor), x->system,  x->action, x->subject,
                       x->subject_type,      x->case_id, x->purpose};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        rc |= buf_printf(b, ",\"%s\":", k[i]);
        rc |= buf_json_str(b, v[i]);
    }
    rc |= buf_printf(b, ",\"explained\":%s,\"status\":\"%s\",\"by_case\":",
                     emit_json_explained(x->ex.status), inv_explain_code(x->ex.status));
    if (x->ex.status == EX_CASE)
        rc |= buf_json_str(b, refdata_case(r, (uint32_t)x->ex.kase)->name);
    else
        rc |= buf_puts(b, "null");
    rc |= buf_puts(b, ",\"reason\":");
    rc |= buf_json_str(b, why);
    rc |= buf_puts(b, ",\"event\":");
    rc |= buf_json_str(b, x->id);
    return rc | buf_puts(b, end);
}

static int row_json(buf *b, const refdata *r, const inv_access *x, const char *why)
{
    return row_obj(b, r, x, why, "}\n");
}

static const char *yes_no(ex_status st)
{
    return st == EX_CASE ? "yes" : st == EX_NA ? "-" : st == EX_UNVERIFIED ? "unverified" : "NO";
}

static int row_table(buf *b, const refdata *r, const inv_access *x, const char *why)
{
    char ts[32];
    ts_format(x->ts, ts);
    return esc_printf(b, "%-20s  %-14s  %-14s  %-6s  %-7s  %-12s  %-10s  %-14s  %s\n", ts, x->actor,
                      unit_of(r, x->actor), x->system, x->action, x->case_id[0] ? x->case_id : "-",
                      yes_no(x->ex.status), x->id, why);
}

int emit_who(buf *b, enum emit_format f, const char *subject, const inv_accesses *a,
             const refdata *r)
{
    long unexplained = 0;
    int rc = 0;
    if (f == EMIT_TABLE)
        rc |= esc_printf(b, "%-20s  %-14s  %-14s  %-6s  %-7s  %-12s  %-10s  %-14s  %s\n", "TIME",
                         "ACTOR", "UNIT", "SYSTEM", "ACTION", "STATED CASE", "EXPL.", "EVENT",
                         "EXPLANATION");
    for (size_t i = 0; i < a->n; i++) {
        char why[300];
        inv_explain_words(r, &a->v[i], why, sizeof why);
        unexplained += explain_is_unexplained(a->v[i].ex.status);
        rc |= f == EMIT_JSONL ? row_json(b, r, &a->v[i], why) : row_table(b, r, &a->v[i], why);
    }
    if (f == EMIT_TABLE)
        rc |= esc_printf(b, "%zu access%s to %s, %ld unexplained\n", a->n, a->n == 1 ? "" : "es",
                         subject, unexplained);
    return rc;
}

/* a's rows as a JSON array. */
static int rows_array(buf *b, const inv_accesses *a, const refdata *r)
{
    int rc = buf_puts(b, "[");
    for (size_t i = 0; i < a->n; i++) {
        char why[300];
        inv_explain_words(r, &a->v[i], why, sizeof why);
        if (i) rc |= buf_puts(b, ",");
        rc |= row_obj(b, r, &a->v[i], why, "}");
    }
    return rc | buf_puts(b, "]");
}

int emit_subject_page(buf *b, const inv_subject_page *p)
{
    int rc = buf_puts(b, "{\"subject\":");
    rc |= buf_json_str(b, p->self.subject);
    rc |= buf_puts(b, ",\"accesses\":");
    rc |= rows_array(b, &p->self.acc, p->self.ref);
    rc |= buf_puts(b, ",\"same_address\":[");
    for (size_t i = 0; i < p->nsame; i++) {
        rc |= buf_puts(b, i ? ",{\"subject\":" : "{\"subject\":");
        rc |= buf_json_str(b, p->same[i].subject);
        rc |= buf_puts(b, ",\"accesses\":");
        rc |= rows_array(b, &p->same[i].acc, p->same[i].ref);
        rc |= buf_puts(b, "}");
    }
    return rc | buf_puts(b, "]}");
}
