/* wachter dashboard [--days N] and wachter summary --month YYYY-MM: the
 * integrity office's overview and the monthly management summary
 * (ops/ops_dashboard.h). */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_dashboard.h"
#include "normalise/ts.h"
#include "ops/ops_dashboard.h"

int cmd_dashboard(cli *c, int argc, char **argv)
{
    long long days = 30;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "dashboard", "--days", 1, OPS_DASH_DAYS_MAX,
                                &days)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "dashboard", argv[i]);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    buf b = {0};
    emit_doc d;
    emit_dashboard_begin(&d, &b, c->format);
    ops_dashboard_fns fns;
    emit_dashboard_fns(&fns);
    werr e = {0};
    int rc = ops_dashboard(s, ts_now_ms(), (int)days, &fns, &d, &e), code = CLI_EXIT_OK;
    if (rc < 0 && e.code)
        code = cli_fail(c, "dashboard", &e);
    else if (cli_write(c, "dashboard", &b, rc ? -1 : emit_dashboard_end(&d)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    store_close(s);
    return code;
}

int cmd_summary(cli *c, int argc, char **argv)
{
    const char *month = NULL;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--month", &month)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "summary", argv[i]);
    }
    if (!month) {
        fprintf(c->err, "wachter summary: which month? (--month YYYY-MM)\n");
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    buf b = {0};
    emit_doc d;
    emit_summary_begin(&d, &b, c->format);
    ops_summary_fns fns;
    emit_summary_fns(&fns);
    werr e = {0};
    int rc = ops_summary(s, month, &fns, &d, &e), code = CLI_EXIT_OK;
    if (rc < 0 && e.code)
        code = cli_fail(c, "summary", &e);
    else if (cli_write(c, "summary", &b, rc ? -1 : emit_dashboard_end(&d)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    store_close(s);
    return code;
}
