/* The command table and the dispatcher. Adding a command is one file and
 * one line here. */
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"

static const cli_command table[] = {
    {"load", "[--replace] DIR", "load reference data CSVs (actors, subjects, cases, ...)",
     cmd_load},
    {"ingest", "[--detect-only] [--batch N] [--commit-after S] [--threads N] [FILE|-]",
     "ingest JSON Lines events, detect as they arrive, report counts", cmd_ingest},
    {"alerts", "[--actor A] [--min-severity low|medium|high|critical]", "list alerts", cmd_alerts},
    {"risk", "[--top N]", "actors ranked by risk", cmd_risk},
    {"quarantine", "", "list quarantined input lines with file, line and reason", cmd_quarantine},
    {"who-accessed", "SUBJECT [--from T] [--to T]",
     "every access to one subject, explained or not, and why", cmd_who},
    {"timeline", "ACTOR [--from T] [--to T]", "one actor's look-ups, explained, and their alerts",
     cmd_timeline},
    {"correlate", "[--incidents FILE] [--lookback 30d] [--explained-weight W] [--top N]",
     "actors ranked by how improbable their look-ups of incident subjects are", cmd_correlate},
    {"convergence",
     "[--from T] [--to T] [--min-shared N] [--max-accessors N] [--within D] [--max-p P]"
     " [--same-unit]",
     "groups of actors sharing unexplained subjects few others touched", cmd_converge},
    {"protocol", "SUBJECT [--from T] [--to T]",
     "a citizen's overview of accesses to their record, without employee identities", cmd_protocol},
    {"incident", "add --id ID --subject S --ts T [--kind K] [--lookback 30d]",
     "record an incident and raise alerts for earlier look-ups of its subject", cmd_incident},
    {"demo", "[--actors N] [--days D] [--seed S] [--dir DIR]",
     "build a synthetic organisation, run everything, print what was found", cmd_demo},
    {"help", "", "this list", cmd_help},
};

const cli_command *cli_commands(size_t *n)
{
    *n = sizeof table / sizeof *table;
    return table;
}

int cmd_help(cli *c, int argc, char **argv)
{
    fprintf(c->out,
            "usage: wachter [--db PATH] [--wait[=S]] [--format table|jsonl] COMMAND [ARGS]\n\n");
    for (size_t i = 0; i < sizeof table / sizeof *table; i++)
        fprintf(c->out, "  %-12s %-44s %s\n", table[i].name, table[i].args, table[i].help);
    fprintf(c->out, "\n--db PATH selects the store (default wachter.db).\n");
    fprintf(c->out, "--wait[=SECONDS] lets a command that writes (load, ingest, incident add,"
                    " demo) wait for\nanother that writes the store, instead of refusing at"
                    " once.\n");
    return CLI_EXIT_OK;
}

int cli_main(int argc, char **argv, FILE *out, FILE *err)
{
    cli c = {.db = "wachter.db", .format = EMIT_TABLE, .out = out, .err = err};
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *v;
        int rc = cli_opt(&c, argc, argv, &i, "--db", &v);
        if (rc == 1) {
            c.db = v;
            continue;
        }
        if (rc == 0 && (rc = cli_wait_opt(&c, argv[i])) == 1) continue;
        if (rc == 0) rc = cli_format_opt(&c, argc, argv, &i);
        if (rc == 1) continue;
        if (rc == 0) fprintf(err, "wachter: unknown option '%s'\n", argv[i]);
        return CLI_EXIT_USAGE;
    }
    if (i >= argc) {
        cmd_help(&c, 0, NULL);
        return CLI_EXIT_USAGE;
    }
    for (size_t k = 0; k < sizeof table / sizeof *table; k++)
        if (strcmp(table[k].name, argv[i]) == 0) return table[k].fn(&c, argc - i, argv + i);
    fprintf(err, "wachter: unknown command '%s' (see wachter help)\n", argv[i]);
    return CLI_EXIT_USAGE;
}
