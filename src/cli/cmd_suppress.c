/* wachter suppress add --rule R (--actor A | --subject S | --unit U)
 * --reason TEXT --until DATE | list [--active] | end ID: suppressions
 * (ops/ops_suppress.h). Who may run which is the dispatcher's check. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_workflow.h"
#include "normalise/ts.h"
#include "ops/ops_suppress.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
    int64_t now;
} out_ctx;

static int print_row(const store_suppression *p, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "suppress", &o->b, emit_suppression(&o->b, o->c->format, p, o->now)) < 0;
}

/* Shows suppression id (after a change), or lists them. */
static int show(cli *c, store *s, int64_t id, int active, int64_t now)
{
    out_ctx o = {c, {0}, now};
    werr e = {0};
    int rc = cli_write(c, "suppress", &o.b, emit_suppress_begin(&o.b, c->format)) < 0;
    if (rc == 0)
        rc = id ? ops_suppress_get(s, id, print_row, &o, &e)
                : ops_suppress_list(s, active, now, print_row, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0 && e.code) code = cli_fail(c, "suppress", &e);
    buf_free(&o.b);
    return code;
}

int cmd_suppress(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *pos = NULL, *rule = NULL, *actor = NULL, *subject = NULL, *unit = NULL,
               *reason = NULL, *until = NULL;
    int active = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--rule", &rule)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--actor", &actor)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--subject", &subject)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--unit", &unit)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--reason", &reason)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--until", &until)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--active") == 0)
            active = 1;
        else if (!sub && argv[i][0] != '-')
            sub = argv[i];
        else if (sub && !pos && argv[i][0] != '-')
            pos = argv[i];
        else
            return cli_usage(c, "suppress", argv[i]);
    }
    int k = !sub                       ? -1
            : strcmp(sub, "list") == 0 ? 0
            : strcmp(sub, "add") == 0  ? 1
            : strcmp(sub, "end") == 0  ? 2
                                       : -1;
    if (k < 0) {
        cli_say(c->err, "wachter suppress: %s%s%s (add, list or end)\n",
                sub ? "unknown subcommand '" : "which subcommand?", sub ? sub : "", sub ? "'" : "");
        return CLI_EXIT_USAGE;
    }
    if ((k == 2) != (pos != NULL)) {
        if (pos) return cli_usage(c, "suppress", pos);
        fprintf(c->err, "wachter suppress end: which? (its number: wachter suppress list)\n");
        return CLI_EXIT_USAGE;
    }
    int scopes = (actor != NULL) + (subject != NULL) + (unit != NULL);
    if (k == 1 && scopes != 1) {
        fprintf(c->err, "wachter suppress add: one of --actor A, --subject S or --unit U\n");
        return CLI_EXIT_USAGE;
    }
    long long id = 0;
    if (k == 2) {
        char *end;
        id = strtoll(pos, &end, 10);
        if (*end || id <= 0) {
            cli_say(c->err, "wachter suppress: '%s' is not a suppression's number\n", pos);
            return CLI_EXIT_USAGE;
        }
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int64_t now = ts_now_ms(), t = 0, made = 0;
    int code = 0;
    if (k == 1) {
        const char *scope = actor     ? "actor"
                            : subject ? "subject"
                                      : "unit",
                   *value = actor     ? actor
                            : subject ? subject
                                      : unit;
        if (actor) code = cli_pseud_arg(c, "suppress", actor, 0, &value);
        if (!code &&
            (ops_suppress_until(until, now, &t, &e) < 0 ||
             ops_suppress_add(s, c->actor, rule, scope, value, reason, t, now, &made, &e) < 0))
            code = cli_fail(c, "suppress", &e);
        if (!code) code = show(c, s, made, 0, now);
    } else if (k == 2) {
        if (ops_suppress_end(s, id, now, &e) < 0)
            code = cli_fail(c, "suppress", &e);
        else
            code = show(c, s, id, 0, now);
    } else
        code = show(c, s, 0, active, now);
    store_close(s);
    return code;
}
