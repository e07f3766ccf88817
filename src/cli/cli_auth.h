/* cli_auth — who runs a command, and its entry in the audit trail: the
 * dispatcher's gate (ops_session behind it), and passwords from the
 * environment or the terminal. */
#ifndef WACHTER_CLI_AUTH_H
#define WACHTER_CLI_AUTH_H
#include <stddef.h>

#include "cli/cli.h"
#include "ops/ops_access.h"
#include "util/buf.h"

/* What the gate let run, for cli_gate_after. */
typedef struct cli_gate {
    char action[64];  /* "alerts", "rules load", ... */
    buf params;       /* {"args":[...]} */
    int record_after; /* there was no store: record once the command made one */
    ops_actor actor;  /* who acts (c->actor points into it) */
    store *store;     /* opened to log in, for the command (c->held) */
} cli_gate;

/* Before command argv[0] (argc arguments) runs: opens the store if there
 * is one, logs in (--as, the password from WACHTER_PASSWORD or the
 * terminal), checks the role may run the command, and records it in the
 * audit trail (a refusal too). CLI_EXIT_OK to run it (c->actor set), else
 * the exit status (reported on c->err). cli_gate_done g in either case. */
int cli_gate_open(cli *c, int argc, char **argv, cli_gate *g);
/* After the command: where there was no store before and there is one now
 * (load, ingest, demo, account add made it), records the command. Frees
 * g. */
void cli_gate_done(cli *c, cli_gate *g);

/* Records what a command did with its counts (action "ingest done",
 * params a JSON object) in s's audit trail as c->actor; a failure is
 * reported on c->err (the command itself is done). */
void cli_audit_done(const cli *c, store *s, const char *action, const char *params_json);

/* A new account's password: WACHTER_NEW_PASSWORD, else asked twice on the
 * terminal without echo. 0 with pw (wipe it after use), or -1 (reported,
 * naming cmd). */
int cli_new_password(const cli *c, const char *cmd, const char *name, char *pw, size_t cap);
#endif
