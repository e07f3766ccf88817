/* wachter protocol SUBJECT [--from T] [--to T]: the overview a citizen may
 * ask for (BRP protocollering): which unit, through which system, looked
 * at the record, when, for which purpose or case. No employee identities:
 * the rows inv_protocol_each hands out carry none. */
#include "cli/cli_range.h"
#include "cli/commands.h"
#include "investigate/protocol.h"
#include "normalise/ts.h"
#include "util/buf.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
    long n;
} out_ctx;

static int print_row(const inv_protocol_row *r, void *ctx)
{
    out_ctx *o = ctx;
    char ts[32];
    ts_format(r->ts, ts);
    const char *unit = r->unit[0] ? r->unit : "(unit not registered)";
    buf_reset(&o->b);
    if (o->c->format == FMT_JSONL) {
        const char *k[] = {"unit", "system", "action", "purpose", "case"};
        const char *v[] = {unit, r->system, r->action, r->purpose, r->case_id};
        buf_printf(&o->b, "{\"ts\":\"%s\"", ts);
        for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
            buf_printf(&o->b, ",\"%s\":", k[i]);
            buf_json_str(&o->b, v[i]);
        }
        buf_puts(&o->b, "}\n");
    } else {
        buf_printf(&o->b, "%-20s  %-24s  %-8s  %-8s  %-24s  %s\n", ts, unit, r->system, r->action,
                   r->purpose[0] ? r->purpose : "-", r->case_id[0] ? r->case_id : "-");
    }
    fwrite(o->b.data, 1, o->b.len, o->c->out);
    o->n++;
    return 0;
}

int cmd_protocol(cli *c, int argc, char **argv)
{
    const char *subject = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_range_opt(c, argc, argv, &i, "protocol", &from, &to)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return 2;
        } else if (!subject && argv[i][0] != '-')
            subject = argv[i];
        else
            return cli_usage(c, "protocol", argv[i]);
    }
    if (!subject) {
        fprintf(c->err, "wachter protocol: whose record? (wachter protocol SUBJECT)\n");
        return 2;
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    out_ctx o = {c, {0}, 0};
    if (c->format == FMT_TABLE)
        fprintf(c->out, "Accesses to the record of %s\n%-20s  %-24s  %-8s  %-8s  %-24s  %s\n",
                subject, "TIME", "ORGANISATION UNIT", "SYSTEM", "ACTION", "PURPOSE", "CASE");
    werr e = {0};
    int rc = inv_protocol_each(s, subject, from, to, print_row, &o, &e);
    if (rc < 0)
        fprintf(c->err, "wachter protocol: %s\n", e.msg);
    else if (c->format == FMT_TABLE)
        fprintf(c->out, "%ld accesses\n", o.n);
    buf_free(&o.b);
    store_close(s);
    return rc < 0 ? 1 : 0;
}
