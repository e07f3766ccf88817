/* cli — what every command shares: options, opening the store, output. */
#ifndef WACHTER_CLI_H
#define WACHTER_CLI_H
#include <stdio.h>

#include "emit/emit.h"
#include "enrich/refdata.h"
#include "store/store.h"
#include "util/werr.h"

/* util/buf.h's buffer, named here without its header: tests that include
 * this one have locals called buf. */
struct buf;

/* The process's exit statuses: what a script calling wachter may rely on
 * (README, "Exit statuses"). A failed operation's werr code is mapped to
 * one of them by cli_exit_status. */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,     /* the command failed (reported on stderr) */
    CLI_EXIT_USAGE = 2,    /* unknown command or option, missing or bad argument */
    CLI_EXIT_BAD_ROWS = 3, /* done, but bad rows were reported and skipped */
};

typedef struct cli {
    const char *db;          /* --db PATH */
    enum emit_format format; /* --format table|jsonl */
    FILE *out, *err;
    int wait_s; /* --wait[=SECONDS]: for another writer; 0 refuses at once, <0 no limit */
} cli;

/* Reads "--wait" (for as long as another writer holds the store) or
 * "--wait=SECONDS" into c. 1 when arg was it, 0 when not, -1 (said on
 * c->err) when its value is bad. */
int cli_wait_opt(cli *c, const char *arg);

/* A command: argv[0] is its name. Returns the process exit status
 * (enum cli_exit). */
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

/* Option parsing: if argv[*i] is name, takes its value (argv[*i + 1]) into
 * *val and advances *i. Returns 1 when matched, 0 when not, -1 when the
 * value is missing (reported). */
int cli_opt(const cli *c, int argc, char **argv, int *i, const char *name, const char **val);
/* Takes "--format X"; returns 1 matched, 0 not, -1 bad value. */
int cli_format_opt(cli *c, int argc, char **argv, int *i);
/* Reports an unexpected argument; returns CLI_EXIT_USAGE. */
int cli_usage(const cli *c, const char *cmd, const char *arg);

/* The exit status for a failed operation's error e (borrowed):
 * CLI_EXIT_OK when e holds none. The one place codes become statuses. */
int cli_exit_status(const werr *e);
/* Reports the failure e (borrowed) on c->err as "wachter CMD: message"
 * and returns cli_exit_status(e), CLI_EXIT_FAIL when e holds no code. */
int cli_fail(const cli *c, const char *cmd, const werr *e);
/* Writes what emit rendered into b (borrowed) to c->out. rendered is the
 * emit_* function's return: when it is -1 (out of memory, the output cut
 * short) that is reported, naming cmd, and -1 returned; else 0. */
int cli_write(const cli *c, const char *cmd, const struct buf *b, int rendered);
#endif
