/* wachter quarantine: every bad input line with its source, line number,
 * reason and the raw bytes. */
#include "cli/commands.h"
#include "emit/emit_quarantine.h"

int cmd_quarantine(cli *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 0) return cli_usage(c, "quarantine", argv[i]);
    }
    store *s;
    if (cli_open_store(c, &s) < 0) return CLI_EXIT_FAIL;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT source, line, reason, raw, at FROM quarantine"
                           " ORDER BY source, line",
                           -1, &st, NULL) != SQLITE_OK) {
        int code = cli_fail_msg(c, "quarantine", store_errmsg(s));
        store_close(s);
        return code;
    }
    buf b = {0};
    int code = cli_write(c, "quarantine", &b, emit_quarantine_begin(&b, c->format)) < 0
                   ? CLI_EXIT_FAIL
                   : CLI_EXIT_OK;
    while (code == CLI_EXIT_OK && sqlite3_step(st) == SQLITE_ROW) {
        emit_quarantined q;
        q.source = (const char *)sqlite3_column_text(st, 0);
        q.line = (long)sqlite3_column_int64(st, 1);
        q.reason = (const char *)sqlite3_column_text(st, 2);
        q.raw = sqlite3_column_blob(st, 3);
        q.nraw = (size_t)sqlite3_column_bytes(st, 3);
        q.at = sqlite3_column_int64(st, 4);
        buf_reset(&b);
        if (cli_write(c, "quarantine", &b, emit_quarantined_line(&b, c->format, &q)) < 0)
            code = CLI_EXIT_FAIL;
    }
    buf_free(&b);
    sqlite3_finalize(st);
    store_close(s);
    return code;
}
