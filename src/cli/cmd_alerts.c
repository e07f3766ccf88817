/* wachter alerts [--actor A] [--min-severity S] */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_alert(const store_alert *a, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    if (o->c->format == FMT_JSONL) {
        if (emit_alert_json(&o->b, a) < 0 || buf_puts(&o->b, "\n") < 0) return -1;
    } else if (emit_alert_row(&o->b, a) < 0) {
        return -1;
    }
    fwrite(o->b.data, 1, o->b.len, o->c->out);
    return 0;
}

int cmd_alerts(cli *c, int argc, char **argv)
{
    const char *actor = NULL, *v;
    int min_sev = 1;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--actor", &actor)) != 0) {
            if (rc < 0) return 2;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--min-severity", &v)) != 0) {
            if (rc < 0 || (min_sev = emit_severity_parse(v)) < 0) {
                fprintf(c->err, "wachter alerts: --min-severity takes low, medium, high or"
                                " critical\n");
                return 2;
            }
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return 2;
        } else
            return cli_usage(c, "alerts", argv[i]);
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return 1;
    out_ctx o = {c, {0}};
    if (c->format == FMT_TABLE) {
        emit_alert_header(&o.b);
        fwrite(o.b.data, 1, o.b.len, c->out);
    }
    int rc = store_each_alert(s, actor, min_sev, 0, print_alert, &o);
    if (rc < 0) fprintf(c->err, "wachter alerts: %s\n", store_errmsg(s));
    buf_free(&o.b);
    store_close(s);
    return rc < 0 ? 1 : 0;
}
