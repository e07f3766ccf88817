/* wachter quarantine: every bad input line with its source, line number,
 * reason and the raw bytes. */
#include "cli/commands.h"
#include "emit/emit_quarantine.h"
#include "store/store_quarantine.h"

int cmd_quarantine(cli *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "quarantine", argv[i]);
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return CLI_EXIT_FAIL;
    store_quarantine_cursor *qc;
    if (store_quarantine_open(s, &qc) < 0) {
        int code = cli_fail_msg(c, "quarantine", store_errmsg(s));
        store_close(s);
        return code;
    }
    buf b = {0};
    int code = cli_write(c, "quarantine", &b, emit_quarantine_begin(&b, c->format)) < 0
                   ? CLI_EXIT_FAIL
                   : CLI_EXIT_OK;
    store_quarantined q;
    while (code == CLI_EXIT_OK && store_quarantine_next(qc, &q) == 1) {
        buf_reset(&b);
        if (cli_write(c, "quarantine", &b, emit_quarantined_line(&b, c->format, &q)) < 0)
            code = CLI_EXIT_FAIL;
    }
    buf_free(&b);
    store_quarantine_close(qc);
    store_close(s);
    return code;
}
