/* wachter unmask request PSEUDONYM --reason TEXT [--about ID] | approve ID
 * [--note TEXT] | refuse ID [--note TEXT] | list: seeing who is behind a
 * pseudonym, four eyes (ops/ops_unmask.h). Who may run which is the
 * dispatcher's check (ops/ops_access.h); each is in the audit trail by
 * then. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_pseud.h"
#include "normalise/ts.h"
#include "cli/commands.h"
#include "emit/emit_unmask.h"
#include "ops/ops_access.h"
#include "ops/ops_unmask.h"

static int done(cli *c, int64_t id, const char *what)
{
    buf b = {0};
    int wrote = cli_write(c, "unmask", &b, emit_unmask_done(&b, c->format, id, what));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

/* Whether c's account may act with action (the table's word). */
static int may(const cli *c, const char *action)
{
    werr e = {0};
    return c->who && ops_access_check(c->who, action, &e) == 0;
}

static int request(cli *c, const char *pseudonym, const char *reason, const char *about)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    const char *actor;
    int code = cli_pseud_arg(c, "unmask", pseudonym, 0, &actor);
    int64_t id = 0;
    werr e = {0};
    if (code == 0 && ops_unmask_request(s, c->actor, actor, reason ? reason : "",
                                        about ? about : "", ts_now_ms(), &id, &e) < 0)
        code = cli_fail(c, "unmask", &e);
    store_close(s);
    return code ? code : done(c, id, "requested; another account decides (unmask approve)");
}

static int decide(cli *c, const char *idtext, int approve, const char *note)
{
    char *end;
    long long id = strtoll(idtext, &end, 10);
    if (*end || id <= 0) {
        cli_say(c->err, "wachter unmask: '%s' is not a request number\n", idtext);
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int rc = ops_unmask_decide(s, c->actor, may(c, "unmask approve"), id, approve, note ? note : "",
                               OPS_UNMASK_DAYS, ts_now_ms(), &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "unmask", &e);
    char what[96];
    if (approve)
        snprintf(what, sizeof what, "approved for %d days", OPS_UNMASK_DAYS);
    else
        snprintf(what, sizeof what, "refused");
    return done(c, id, what);
}

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_row(const ops_unmask_row *r, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "unmask", &o->b, emit_unmask_row(&o->b, o->c->format, r)) < 0;
}

/* Every request for those who decide or oversee them; one's own else. */
static int list(cli *c)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "unmask", &o.b, emit_unmask_begin(&o.b, c->format)) < 0;
    if (rc == 0)
        rc = ops_unmask_list(s, may(c, "unmask all") ? NULL : c->actor, ts_now_ms(), print_row, &o,
                             &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "unmask", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}

int cmd_unmask(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *pos = NULL, *reason = NULL, *about = NULL, *note = NULL;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--reason", &reason)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--about", &about)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--note", &note)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!sub && argv[i][0] != '-')
            sub = argv[i];
        else if (sub && !pos && argv[i][0] != '-')
            pos = argv[i];
        else
            return cli_usage(c, "unmask", argv[i]);
    }
    int want = !sub                          ? -1
               : strcmp(sub, "list") == 0    ? 0
               : strcmp(sub, "request") == 0 ? 1
               : strcmp(sub, "approve") == 0 ? 1
               : strcmp(sub, "refuse") == 0  ? 1
                                             : -1;
    if (want < 0) {
        cli_say(c->err,
                "wachter unmask: %s%s%s (wachter unmask request PSEUDONYM --reason TEXT | approve"
                " ID | refuse ID | list)\n",
                sub ? "unknown subcommand '" : "which subcommand?", sub ? sub : "", sub ? "'" : "");
        return CLI_EXIT_USAGE;
    }
    if (!pos && want == 1) {
        cli_say(c->err, "wachter unmask %s: %s\n", sub,
                strcmp(sub, "request") == 0 ? "whose? (a pseudonym, emp-...)"
                                            : "which request? (its number: wachter unmask list)");
        return CLI_EXIT_USAGE;
    }
    if (pos && want == 0) return cli_usage(c, "unmask", pos);
    if (strcmp(sub, "list") == 0) return list(c);
    if (strcmp(sub, "request") == 0) return request(c, pos, reason, about);
    return decide(c, pos, strcmp(sub, "approve") == 0, note);
}
