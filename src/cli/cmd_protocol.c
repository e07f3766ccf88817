/* wachter protocol SUBJECT [--from T] [--to T]: the overview a citizen may
 * ask for (BRP protocollering): which unit, through which system, looked
 * at the record, when, for which purpose or case. No employee identities:
 * the rows inv_protocol_each hands out carry none. */
#include "cli/cli_range.h"
#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_protocol.h"
#include "investigate/protocol.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
    long n;
} out_ctx;

/* Returns 1 (stop) when the row could not be rendered (reported). */
static int print_row(const inv_protocol_row *r, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    o->n++;
    return cli_write(o->c, "protocol", &o->b, emit_protocol_row(&o->b, o->c->format, r)) < 0;
}

int cmd_protocol(cli *c, int argc, char **argv)
{
    const char *subject = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_range_opt(c, argc, argv, &i, "protocol", &from, &to)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!subject && argv[i][0] != '-')
            subject = argv[i];
        else
            return cli_usage(c, "protocol", argv[i]);
    }
    if (!subject || !*subject) {
        fprintf(c->err, "wachter protocol: whose record? (wachter protocol SUBJECT)\n");
        return CLI_EXIT_USAGE;
    }
    if (cli_range_check(c, "protocol", from, to) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = cli_pseud_arg(c, "protocol", subject, 1, &subject);
    if (bad) {
        store_close(s);
        return bad;
    }
    out_ctx o = {c, {0}, 0};
    int rc = cli_write(c, "protocol", &o.b, emit_protocol_begin(&o.b, c->format, subject)) < 0;
    werr e = {0};
    if (rc == 0) rc = inv_protocol_each(s, subject, from, to, print_row, &o, &e);
    if (rc == 0) {
        buf_reset(&o.b);
        rc = cli_write(c, "protocol", &o.b, emit_protocol_end(&o.b, c->format, o.n)) < 0;
    }
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "protocol", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}
