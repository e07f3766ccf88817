/* wachter timeline ACTOR [--from T] [--to T]: one actor's look-ups, each
 * explained, interleaved with the alerts they raised. */
#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit.h"
#include "investigate/timeline.h"
#include "normalise/ts.h"
#include "util/buf.h"

static void access_row(buf *b, const cli *c, const inv_timeline *t, const inv_access *x)
{
    char ts[32], why[300];
    ts_format(x->ts, ts);
    inv_explain_words(t->ref, x, why, sizeof why);
    if (c->format == FMT_TABLE) {
        buf_printf(b, "%-20s  access  %-6s  %-7s  %-14s  %-12s  %s\n", ts, x->system, x->action,
                   x->subject[0] ? x->subject : "-", x->case_id[0] ? x->case_id : "-", why);
        return;
    }
    buf_printf(b, "{\"type\":\"access\",\"ts\":\"%s\",\"system\":", ts);
    buf_json_str(b, x->system);
    buf_puts(b, ",\"action\":");
    buf_json_str(b, x->action);
    buf_puts(b, ",\"subject\":");
    buf_json_str(b, x->subject);
    buf_puts(b, ",\"case\":");
    buf_json_str(b, x->case_id);
    buf_printf(b, ",\"explained\":%s,\"status\":\"%s\",\"reason\":",
               x->ex.status == EX_NA     ? "null"
               : x->ex.status == EX_CASE ? "true"
                                         : "false",
               inv_explain_code(x->ex.status));
    buf_json_str(b, why);
    buf_puts(b, ",\"event\":");
    buf_json_str(b, x->id);
    buf_puts(b, "}\n");
}

static void alert_row(buf *b, const cli *c, const inv_alert *a)
{
    char ts[32];
    ts_format(a->ts, ts);
    if (c->format == FMT_TABLE) {
        buf_printf(b, "%-20s  ALERT   %-12s %-8s %5.1f  %s  [%s]\n", ts, a->rule,
                   emit_severity_name(a->severity), a->score, a->reason, a->id);
        return;
    }
    buf_printf(b, "{\"type\":\"alert\",\"ts\":\"%s\",\"id\":", ts);
    buf_json_str(b, a->id);
    buf_puts(b, ",\"rule\":");
    buf_json_str(b, a->rule);
    buf_printf(b, ",\"severity\":\"%s\",\"score\":%.1f,\"events\":%zu,\"reason\":",
               emit_severity_name(a->severity), a->score, a->nevents);
    buf_json_str(b, a->reason);
    buf_puts(b, "}\n");
}

static void report(const cli *c, const char *actor, const inv_timeline *t)
{
    buf b = {0};
    long unexplained = 0;
    size_t i = 0, k = 0;
    if (c->format == FMT_TABLE)
        buf_printf(&b, "Timeline of %s\n%-20s  %-6s  %-6s  %-7s  %-14s  %-12s  %s\n", actor, "TIME",
                   "KIND", "SYSTEM", "ACTION", "SUBJECT", "STATED CASE", "EXPLANATION");
    /* Both lists are oldest first: merge them. */
    while (i < t->acc.n || k < t->nalerts) {
        if (k == t->nalerts || (i < t->acc.n && t->acc.v[i].ts <= t->alerts[k].ts)) {
            unexplained += explain_is_unexplained(t->acc.v[i].ex.status);
            access_row(&b, c, t, &t->acc.v[i++]);
        } else
            alert_row(&b, c, &t->alerts[k++]);
    }
    if (c->format == FMT_TABLE)
        buf_printf(&b, "%zu access%s (%ld unexplained), %zu alert%s\n", t->acc.n,
                   t->acc.n == 1 ? "" : "es", unexplained, t->nalerts, t->nalerts == 1 ? "" : "s");
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
}

int cmd_timeline(cli *c, int argc, char **argv)
{
    const char *actor = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_range_opt(c, argc, argv, &i, "timeline", &from, &to)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return 2;
        } else if (!actor && argv[i][0] != '-')
            actor = argv[i];
        else
            return cli_usage(c, "timeline", argv[i]);
    }
    if (!actor) {
        fprintf(c->err, "wachter timeline: whose? (wachter timeline ACTOR)\n");
        return 2;
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    inv_timeline t = {0};
    werr e = {0};
    int code = 0;
    if (inv_timeline_load(s, actor, from, to, &t, &e) < 0) {
        fprintf(c->err, "wachter timeline: %s\n", e.msg);
        code = 1;
    } else
        report(c, actor, &t);
    inv_timeline_free(&t);
    store_close(s);
    return code;
}
