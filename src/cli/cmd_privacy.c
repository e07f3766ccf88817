/* wachter privacy-report [--from T] [--to T]: the privacy report
 * (ops/ops_privacy.h), the unmaskings of the period. */
#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit_privacy.h"
#include "normalise/ts.h"
#include "ops/ops_privacy.h"

int cmd_privacy_report(cli *c, int argc, char **argv)
{
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc == 0) rc = cli_range_opt(c, argc, argv, &i, "privacy-report", &from, &to);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "privacy-report", argv[i]);
    }
    if (cli_range_check(c, "privacy-report", from, to) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    ops_privacy p;
    werr e = {0};
    int rc = ops_privacy_report(s, from, to, ts_now_ms(), &p, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "privacy-report", &e);
    buf b = {0};
    int wrote = cli_write(c, "privacy-report", &b, emit_privacy(&b, c->format, &p));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
