/* cli — what every command shares: options, opening the store, output. */
#ifndef WACHTER_CLI_H
#define WACHTER_CLI_H
#include <signal.h>
#include <stdio.h>

#include "emit/emit.h"
#include "enrich/refdata.h"
#include "store/store.h"
#include "util/werr.h"

/* util/buf.h's buffer, named here without its header: tests that include
 * this one have locals called buf. */
struct buf;
struct ops_actor;

/* The process's exit statuses: what a script calling wachter may rely on
 * (README, "Exit statuses"). A failed operation's werr code is mapped to
 * one of them by cli_exit_status. */
enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAIL = 1,     /* the command failed (reported on stderr) */
    CLI_EXIT_USAGE = 2,    /* unknown command or option, missing or bad argument */
    CLI_EXIT_BAD_ROWS = 3, /* bad rows were reported; their files were refused whole */
    CLI_EXIT_DENIED = 4,   /* refused: who acts (--as, password, disabled) or their role */
    CLI_EXIT_TAMPERED = 5, /* wachter audit verify: the audit trail does not verify */
};

/* The most --top takes. */
#define CLI_TOP_MAX 1000000000

typedef struct cli {
    const char *db;          /* --db PATH */
    enum emit_format format; /* --format table|jsonl */
    FILE *out, *err;
    int wait_s;           /* --wait[=SECONDS]: for another writer; 0 refuses at once, <0 no limit */
    const char *key;      /* --key FILE, else $WACHTER_KEY; NULL: the store's path + ".key" */
    int reveal;           /* --reveal: real identities instead of pseudonyms */
    struct cli_pseud *ps; /* the pseudonyms in force (cli_pseud.h), owned by cli_main */
    const char *as;       /* --as NAME: the account acting; NULL: none given */
    /* Who acts, once the dispatcher let the command run (cli_auth.h): the
     * account, or "os:USER" on a store without accounts; who, the same
     * with its role (ops/ops_access.h). */
    const char *actor;
    const struct ops_actor *who;
    /* The store the gate opened to log in, kept for the command's own
     * cli_open_store (one open per command, not two); NULL once taken or
     * when there was none. */
    store **held;
} cli;

/* Reads "--wait" (for as long as another writer holds the store) or
 * "--wait=SECONDS" into c. 1 when arg was it, 0 when not, -1 (said on
 * c->err) when its value is bad. */
int cli_wait_opt(cli *c, const char *arg);

/* A command: argv[0] is its name. Returns the process exit status
 * (enum cli_exit). */
typedef int (*cli_cmd_fn)(cli *c, int argc, char **argv);

/* A command's entry in the table (commands.c), with what its usage shows
 * (wachter help COMMAND, wachter COMMAND --help). */
typedef struct cli_command {
    const char *name, *args, *help;
    cli_cmd_fn fn;
    const char *options; /* one line per option: "--name V\twhat it does\n" */
    const char *example; /* a whole command line */
} cli_command;

/* The command table, borrowed; *n receives its length. */
const cli_command *cli_commands(size_t *n);
/* Runs wachter with a full argument vector (argv[0] = program name). */
int cli_main(int argc, char **argv, FILE *out, FILE *err);

/* Opens the store named by --db, reporting failure on c->err. Commands
 * that only read open it STORE_EXISTING: where there is none they say so
 * (and how to make one) instead of creating an empty one. 0 or -1. */
int cli_open_store(const cli *c, store_mode mode, store **s);

/* Option parsing: if argv[*i] is name, takes its value (argv[*i + 1]) into
 * *val and advances *i. Returns 1 when matched, 0 when not, -1 when the
 * value is missing (reported). */
int cli_opt(const cli *c, int argc, char **argv, int *i, const char *name, const char **val);
/* For a command that runs until it is stopped (serve, receive, forward,
 * a stream's ingest): blocks SIGINT and SIGTERM in the calling thread,
 * and so in the threads it starts after, so that the command waits for
 * them (sigwait) instead of being killed mid-commit; *stop is the set,
 * *old (NULL: not kept) the mask before. A peer that hangs up fails a
 * write (EPIPE), not the process: SIGPIPE is ignored. */
void cli_block_stop_signals(sigset_t *stop, sigset_t *old);
/* --listen's value v, "ADDR:PORT" or "[V6]:PORT", into addr (n bytes)
 * and *port. 0, or -1 reported (naming cmd, with an example of its
 * default port dflt). */
int cli_listen_value(const cli *c, const char *cmd, unsigned dflt, const char *v, char *addr,
                     size_t n, unsigned *port);
/* Takes "NAME N", N a whole number from lo to hi: digits only (no sign,
 * no trailing characters), no overflow. Returns 1 matched, 0 not, -1 when
 * the value is missing or bad (reported, naming cmd, the option, what it
 * takes and the value given). */
int cli_count_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, const char *name,
                  long long lo, long long hi, long long *out);
/* Takes "--format X"; returns 1 matched, 0 not, -1 bad value. */
int cli_format_opt(cli *c, int argc, char **argv, int *i);
/* Writes a message to the stream to (stderr, mostly), formatted as
 * printf would, but with every %s argument shown as util/esc.h escapes
 * it: a value that quotes input (an argument, a field, a file name, a
 * werr message) cannot move the cursor or rewrite what the terminal
 * shows. The format itself is written as it is. Every message that
 * quotes input goes through here. */
void cli_say(FILE *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Reports an unexpected argument; returns CLI_EXIT_USAGE. */
int cli_usage(const cli *c, const char *cmd, const char *arg);
/* Prints the usage of the command named name (its synopsis, options and an
 * example) on c->out. CLI_EXIT_OK, or CLI_EXIT_USAGE when there is no
 * such command (reported). */
int cli_command_usage(const cli *c, const char *name);
/* "wachter VERSION": the build's version (the Makefile's
 * WACHTER_VERSION: git describe, or a fixed number outside a checkout). */
const char *cli_version(void);

/* The exit status for a failed operation's error e (borrowed):
 * CLI_EXIT_OK when e holds none. The one place codes become statuses. */
int cli_exit_status(const werr *e);
/* Reports the failure e (borrowed) on c->err as "wachter CMD: message"
 * and returns cli_exit_status(e), CLI_EXIT_FAIL when e holds no code. */
int cli_fail(const cli *c, const char *cmd, const werr *e);
/* Writes what emit rendered into b (borrowed) to c->out, every member of
 * staff named by their pseudonym unless --reveal was given (cli_pseud.h:
 * the one place output is pseudonymised). rendered is the
 * emit_* function's return: when it is -1 (out of memory, the output cut
 * short) that is reported, naming cmd, and -1 returned; else 0. */
int cli_write(const cli *c, const char *cmd, const struct buf *b, int rendered);
#endif
