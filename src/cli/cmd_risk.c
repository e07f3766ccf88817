/* wachter risk [--top N] [--min SCORE | --all] */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_risk.h"
#include "score/risk.h"

int cmd_risk(cli *c, int argc, char **argv)
{
    long long top = 0, min = RISK_MIN_SCORE;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_count_opt(c, argc, argv, &i, "risk", "--top", 1, CLI_TOP_MAX, &top)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "risk", "--min", 0, 100000, &min)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--all") == 0) {
            min = 0;
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "risk", argv[i]);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    risk_row *rows;
    size_t n;
    werr e = {0};
    /* Every actor, to say how many the floor leaves out. */
    if (risk_rank(s, 0, 0, &rows, &n, &e) < 0) {
        int code = cli_fail(c, "risk", &e);
        store_close(s);
        return code;
    }
    size_t listed = risk_listed(rows, n, (double)min);
    buf b = {0};
    size_t shown = top && (size_t)top < listed ? (size_t)top : listed;
    int code = CLI_EXIT_OK;
    if (cli_write(c, "risk", &b, emit_risk(&b, c->format, rows, shown, n - listed, (double)min)) <
        0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    risk_free(rows, n);
    store_close(s);
    return code;
}
