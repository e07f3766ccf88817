#include "cli/cli_report.h"

#include "cli/cli_auth.h"
#include "emit/emit_ingest.h"
#include "util/buf.h"

static void print_bad_row(void *ctx, const char *file, long line, const char *reason)
{
    FILE *err = ctx;
    if (line > 0)
        cli_say(err, "%s:%ld: %s\n", file, line, reason);
    else
        cli_say(err, "%s\n", reason); /* the reason names the file itself */
}

refload_report cli_refload_report(const cli *c)
{
    return (refload_report){print_bad_row, c->err};
}

void cli_quarantined(const char *source, long lineno, const char *why, void *err)
{
    cli_say(err, "%s:%ld: quarantined: %s\n", source, lineno, why);
}

static void print_note(const char *note, void *ctx)
{
    const cli_note_to *to = ctx;
    cli_say(to->err, "wachter %s: %s\n", to->cmd, note);
}

ops_notes cli_notes(const cli *c, const char *cmd, cli_note_to *to)
{
    *to = (cli_note_to){c->err, cmd};
    return (ops_notes){print_note, to};
}

int cli_ingest_done(cli *c, store *s, const char *cmd, const char *action, const char *source,
                    const ingest_stats *st, int detect_only)
{
    buf b = {0};
    if (buf_puts(&b, "{\"source\":") == 0 && buf_json_str(&b, source) == 0 &&
        buf_printf(&b,
                   ",\"read\":%ld,\"stored\":%ld,\"duplicates\":%ld,\"quarantined\":%ld,"
                   "\"alerts\":%ld}",
                   st->read, st->stored, st->duplicates, st->quarantined, st->alerts) == 0)
        cli_audit_done(c, s, action, (const char *)b.data);
    buf_reset(&b);
    int code = cli_write(c, cmd, &b, emit_ingest(&b, c->format, st, detect_only)) == 0
                   ? CLI_EXIT_OK
                   : CLI_EXIT_FAIL;
    buf_free(&b);
    return code;
}
