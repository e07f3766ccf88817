/* wachter quarantine: every bad input line with its source, line number,
 * reason and the raw bytes. */
#include "cli/commands.h"
#include "emit/emit_quarantine.h"
#include "ops/ops_quarantine.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

/* Returns 1 (stop) when the line could not be rendered (reported). */
static int print_line(const store_quarantined *q, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "quarantine", &o->b, emit_quarantined_line(&o->b, o->c->format, q)) < 0;
}

int cmd_quarantine(cli *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "quarantine", argv[i]);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "quarantine", &o.b, emit_quarantine_begin(&o.b, c->format)) < 0;
    if (rc == 0) rc = ops_quarantine_each(s, print_line, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "quarantine", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}
