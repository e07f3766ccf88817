/* wachter alerts [--actor A] [--min-severity S] */
#include <string.h>

#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_alerts.h"
#include "ops/ops_alerts.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

/* Returns 1 (stop) when the alert could not be rendered (reported). */
static int print_alert(const store_alert *a, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "alerts", &o->b, emit_alert(&o->b, o->c->format, a)) < 0;
}

int cmd_alerts(cli *c, int argc, char **argv)
{
    const char *actor = NULL, *v;
    int min_sev = 1;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--actor", &actor)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--min-severity", &v)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            if ((min_sev = emit_severity_parse(v)) < 0) {
                fprintf(c->err,
                        "wachter alerts: --min-severity takes low, medium, high or critical,"
                        " not '%s'\n",
                        v);
                return CLI_EXIT_USAGE;
            }
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "alerts", argv[i]);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = actor ? cli_pseud_arg(c, "alerts", actor, 0, &actor) : 0;
    if (bad) {
        store_close(s);
        return bad;
    }
    out_ctx o = {c, {0}};
    int rc = cli_write(c, "alerts", &o.b, emit_alerts_begin(&o.b, c->format)) < 0;
    werr e = {0};
    if (rc == 0) rc = ops_alerts_each(s, actor, min_sev, print_alert, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "alerts", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}
