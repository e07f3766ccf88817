#include "cli/cli_report.h"

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
