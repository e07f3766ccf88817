/* cli — what every command shares: options, opening the store, output. */
#ifndef WACHTER_CLI_H
#define WACHTER_CLI_H
#include <stdio.h>

#include "enrich/refdata.h"
#include "store/store.h"

enum cli_format { FMT_TABLE, FMT_JSONL };

typedef struct cli {
    const char *db;        /* --db PATH */
    enum cli_format format; /* --format table|jsonl */
    FILE *out, *err;
} cli;

/* A command: argv[0] is its name. Returns the process exit code. */
typedef int (*cli_cmd_fn)(cli *c, int argc, char **argv);

typedef struct cli_command {
    const char *name, *args, *help;
    cli_cmd_fn fn;
} cli_command;

/* The command table, borrowed; *n receives its length. */
const cli_command *cli_commands(size_t *n);
/* Runs wachter with a full argument vector (argv[0] = program name). */
int cli_main(int argc, char **argv, FILE *out, FILE *err);

/* Opens the store named by --db, reporting failure on c->err. 0 or -1. */
int cli_open_store(const cli *c, store **s);
/* Opens the store and loads its reference data (threads as refdata_load
 * takes them). 0 or -1. */
int cli_open_ref(const cli *c, int threads, store **s, refdata **r);
/* Writes the cached copy of r when r was read from the tables, so that the
 * next command starts fast (enrich/refdata_cache.h). A failure is only
 * reported on c->err: the next start is merely slower. */
void cli_cache_ref(const cli *c, const char *cmd, store *s, const refdata *r);

/* Option parsing: if argv[*i] is name, takes its value (argv[*i + 1]) into
 * *val and advances *i. Returns 1 when matched, 0 when not, -1 when the
 * value is missing (reported). */
int cli_opt(const cli *c, int argc, char **argv, int *i, const char *name, const char **val);
/* Takes "--format X"; returns 1 matched, 0 not, -1 bad value. */
int cli_format_opt(cli *c, int argc, char **argv, int *i);
/* Reports an unexpected argument; returns exit code 2. */
int cli_usage(const cli *c, const char *cmd, const char *arg);
#endif
