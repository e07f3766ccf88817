/* wachter account add NAME --role ROLE | list | disable NAME | role NAME
 * ROLE: analysts' accounts. Who may run which is the dispatcher's check
 * (ops/ops_access.h); each change is in the audit trail by then. */
#include <sodium.h>
#include <string.h>

#include "cli/cli_auth.h"
#include "cli/commands.h"
#include "emit/emit_audit.h"
#include "ops/ops_accounts.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_account(const store_account *a, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "account", &o->b, emit_account(&o->b, o->c->format, a)) < 0;
}

static int list(cli *c)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "account", &o.b, emit_accounts_begin(&o.b, c->format)) < 0;
    if (rc == 0) rc = ops_accounts_each(s, print_account, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "account", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}

static int done(cli *c, const char *name, const char *what)
{
    buf b = {0};
    int wrote = cli_write(c, "account", &b, emit_account_done(&b, c->format, name, what));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int add(cli *c, const char *name, const char *role)
{
    char pw[256];
    if (cli_new_password(c, "account", name, pw, sizeof pw) < 0) return CLI_EXIT_FAIL;
    store *s;
    int code = CLI_EXIT_FAIL;
    if (cli_open_store(c, STORE_CREATE, &s) == 0) {
        werr e = {0};
        if (ops_account_add(s, name, role, pw, &e) < 0)
            code = cli_fail(c, "account", &e);
        else
            code = CLI_EXIT_OK;
        store_close(s);
    }
    sodium_memzero(pw, sizeof pw);
    if (code != CLI_EXIT_OK) return code;
    char what[64];
    snprintf(what, sizeof what, "added (%s)", role);
    return done(c, name, what);
}

static int change(cli *c, const char *name, const char *role)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int rc = role ? ops_account_role(s, name, role, &e) : ops_account_disable(s, name, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "account", &e);
    char what[64];
    if (role)
        snprintf(what, sizeof what, "role %s", role);
    else
        snprintf(what, sizeof what, "disabled");
    return done(c, name, what);
}

int cmd_account(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *pos[2] = {NULL, NULL}, *role = NULL;
    int npos = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (sub && strcmp(sub, "add") == 0 &&
             (rc = cli_opt(c, argc, argv, &i, "--role", &role)) != 0)) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!sub && argv[i][0] != '-')
            sub = argv[i];
        else if (sub && npos < 2 && argv[i][0] != '-')
            pos[npos++] = argv[i];
        else
            return cli_usage(c, "account", argv[i]);
    }
    int want = !sub                          ? -1
               : strcmp(sub, "list") == 0    ? 0
               : strcmp(sub, "add") == 0     ? 1
               : strcmp(sub, "disable") == 0 ? 1
               : strcmp(sub, "role") == 0    ? 2
                                             : -1;
    if (want < 0) {
        cli_say(c->err,
                "wachter account: %s%s%s (wachter account add NAME --role ROLE | list | disable"
                " NAME | role NAME ROLE)\n",
                sub ? "unknown subcommand '" : "which subcommand?", sub ? sub : "", sub ? "'" : "");
        return CLI_EXIT_USAGE;
    }
    if (npos != want) {
        if (npos > want) return cli_usage(c, "account", pos[want]);
        cli_say(c->err, "wachter account %s: which %s? (see wachter account --help)\n", sub,
                npos == 0 && want >= 1 ? "account" : "role");
        return CLI_EXIT_USAGE;
    }
    if (strcmp(sub, "list") == 0) return list(c);
    if (strcmp(sub, "add") == 0) {
        if (!role) {
            cli_say(c->err, "wachter account add: which role? (--role %s)\n", ops_role_names());
            return CLI_EXIT_USAGE;
        }
        return add(c, pos[0], role);
    }
    return change(c, pos[0], strcmp(sub, "role") == 0 ? pos[1] : NULL);
}
