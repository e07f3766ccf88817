/* wachter who-accessed SUBJECT [--from T] [--to T]: the subject access
 * report, every access oldest first, each explained or not and why. */
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "investigate/who.h"
#include "normalise/ts.h"
#include "util/buf.h"

static const char *unit_of(const refdata *r, const char *actor)
{
    int32_t a = refdata_actor_find(r, actor);
    return a != REF_NONE ? refdata_unit_name(r, refdata_actor(r, a)->unit) : "";
}

static void row_json(buf *b, const refdata *r, const inv_access *x, const char *why)
{
    char ts[32];
    ts_format(x->ts, ts);
    buf_printf(b, "{\"ts\":\"%s\",\"actor\":", ts);
    buf_json_str(b, x->actor);
    const char *k[] = {"unit", "system", "action", "subject", "subject_type", "case", "purpose"};
    const char *v[] = {unit_of(r, x->actor), x->system,  x->action, x->subject,
                       x->subject_type,      x->case_id, x->purpose};
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        buf_printf(b, ",\"%s\":", k[i]);
        buf_json_str(b, v[i]);
    }
    buf_printf(b, ",\"explained\":%s,\"status\":\"%s\",\"by_case\":",
               x->ex.status == EX_NA     ? "null"
               : x->ex.status == EX_CASE ? "true"
                                         : "false",
               inv_explain_code(x->ex.status));
    if (x->ex.status == EX_CASE)
        buf_json_str(b, refdata_case(r, (uint32_t)x->ex.kase)->name);
    else
        buf_puts(b, "null");
    buf_puts(b, ",\"reason\":");
    buf_json_str(b, why);
    buf_puts(b, ",\"event\":");
    buf_json_str(b, x->id);
    buf_puts(b, "}\n");
}

static const char *yes_no(ex_status st)
{
    return st == EX_CASE ? "yes" : st == EX_NA ? "-" : st == EX_STATED ? "stated" : "NO";
}

static void row_table(buf *b, const refdata *r, const inv_access *x, const char *why)
{
    char ts[32];
    ts_format(x->ts, ts);
    buf_printf(b, "%-20s  %-12s  %-14s  %-6s  %-7s  %-12s  %-6s  %-14s  %s\n", ts, x->actor,
               unit_of(r, x->actor), x->system, x->action, x->case_id[0] ? x->case_id : "-",
               yes_no(x->ex.status), x->id, why);
}

static void report(const cli *c, const char *subject, const inv_accesses *a, const refdata *r)
{
    buf b = {0};
    long unexplained = 0;
    if (c->format == FMT_TABLE)
        buf_printf(&b, "%-20s  %-12s  %-14s  %-6s  %-7s  %-12s  %-6s  %-14s  %s\n", "TIME", "ACTOR",
                   "UNIT", "SYSTEM", "ACTION", "STATED CASE", "EXPL.", "EVENT", "EXPLANATION");
    for (size_t i = 0; i < a->n; i++) {
        char why[300];
        inv_explain_words(r, &a->v[i], why, sizeof why);
        unexplained += explain_is_unexplained(a->v[i].ex.status);
        if (c->format == FMT_JSONL)
            row_json(&b, r, &a->v[i], why);
        else
            row_table(&b, r, &a->v[i], why);
    }
    if (c->format == FMT_TABLE)
        buf_printf(&b, "%zu access%s to %s, %ld unexplained\n", a->n, a->n == 1 ? "" : "es",
                   subject, unexplained);
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
}

int cmd_who(cli *c, int argc, char **argv)
{
    const char *subject = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_range_opt(c, argc, argv, &i, "who-accessed", &from, &to)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return 2;
        } else if (!subject && argv[i][0] != '-')
            subject = argv[i];
        else
            return cli_usage(c, "who-accessed", argv[i]);
    }
    if (!subject) {
        fprintf(c->err, "wachter who-accessed: which subject? (wachter who-accessed SUBJECT)\n");
        return 2;
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    inv_accesses a = {0};
    refdata *r = NULL;
    werr e = {0};
    int code = 0;
    if (inv_who(s, subject, from, to, &a, &r, &e) < 0) {
        fprintf(c->err, "wachter who-accessed: %s\n", e.msg);
        code = 1;
    } else
        report(c, subject, &a, r);
    inv_accesses_free(&a);
    refdata_free(r);
    store_close(s);
    return code;
}
