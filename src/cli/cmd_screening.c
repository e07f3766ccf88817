/* wachter screening due [--days N] [--unit U] [--at T] | unscreened
 * [--unit U] [--at T] | negative [--unit U] [--at T]: the screening
 * reports (ops/ops_screening.h). */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_screening.h"
#include "input/refload.h"
#include "ops/ops_screening.h"

typedef struct out_ctx {
    const cli *c;
    emit_screen_report k;
    buf b;
    long rows;
} out_ctx;

static int print_row(void *ctx, const ops_screen_row *r)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    o->rows++;
    return cli_write(o->c, "screening", &o->b, emit_screening_row(&o->b, o->c->format, o->k, r)) <
           0;
}

int cmd_screening(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *unit = NULL, *at_s = NULL;
    long long days = OPS_SCREEN_DAYS;
    int days_given = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--unit", &unit)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--at", &at_s)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "screening", "--days", 1,
                                       OPS_SCREEN_DAYS_MAX, &days)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            days_given = 1;
        } else if (!sub && argv[i][0] != '-')
            sub = argv[i];
        else
            return cli_usage(c, "screening", argv[i]);
    }
    emit_screen_report k = !sub                             ? (emit_screen_report)-1
                           : strcmp(sub, "due") == 0        ? EMIT_SCREEN_DUE
                           : strcmp(sub, "unscreened") == 0 ? EMIT_SCREEN_UNSCREENED
                           : strcmp(sub, "negative") == 0   ? EMIT_SCREEN_NEGATIVE
                                                            : (emit_screen_report)-1;
    if ((int)k < 0) {
        cli_say(c->err, "wachter screening: %s%s%s (due, unscreened or negative)\n",
                sub ? "unknown report '" : "which report?", sub ? sub : "", sub ? "'" : "");
        return CLI_EXIT_USAGE;
    }
    if (days_given && k != EMIT_SCREEN_DUE) {
        cli_say(c->err, "wachter screening %s: --days is for the due report\n", sub);
        return CLI_EXIT_USAGE;
    }
    long long at_ms = 0;
    if (at_s && refload_time(at_s, 0, &at_ms) != 1) {
        cli_say(c->err,
                "wachter screening: --at '%s' is not a time (2027-01-01, RFC 3339 or epoch ms)\n",
                at_s);
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    ops_screen_query q = {0, days, unit};
    out_ctx o = {c, k, {0}, 0};
    int rc = ops_screening_at(s, at_ms, &q.at, &e);
    if (rc == 0) rc = cli_write(c, "screening", &o.b, emit_screening_begin(&o.b, c->format, k));
    if (rc == 0)
        rc = k == EMIT_SCREEN_DUE          ? ops_screening_due(s, &q, print_row, &o, &e)
             : k == EMIT_SCREEN_UNSCREENED ? ops_screening_unscreened(s, &q, print_row, &o, &e)
                                           : ops_screening_negative(s, &q, print_row, &o, &e);
    int code = CLI_EXIT_OK;
    if (rc < 0 && e.code)
        code = cli_fail(c, "screening", &e);
    else if (rc)
        code = CLI_EXIT_FAIL;
    else {
        buf_reset(&o.b);
        if (cli_write(c, "screening", &o.b, emit_screening_end(&o.b, c->format, k, o.rows)) < 0)
            code = CLI_EXIT_FAIL;
    }
    buf_free(&o.b);
    store_close(s);
    return code;
}
