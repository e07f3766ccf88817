/* wachter rights unused|leavers|movers|conflicts|list [--days N]
 * [--system S] [--unit U] [--actor A] [--at T]: the authorisation
 * reports (ops/ops_rights.h). Who may run which is the gate's check. */
#include <string.h>

#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_rights.h"
#include "ops/ops_rights.h"

int cmd_rights(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *system = NULL, *unit = NULL, *actor = NULL, *at = NULL;
    long long days = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "rights", "--days", 1, OPS_RIGHTS_DAYS_MAX,
                                &days)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--system", &system)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--unit", &unit)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--actor", &actor)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--at", &at)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (!sub && argv[i][0] != '-')
            sub = argv[i];
        else
            return cli_usage(c, "rights", argv[i]);
    }
    ops_rights_opts o = {.days = (long)days, .at = at, .system = system, .unit = unit};
    if (ops_rights_kind(sub, &o.kind) < 0) {
        cli_say(c->err, "wachter rights: %s%s%s (unused, leavers, movers, conflicts or list)\n",
                sub ? "unknown report '" : "which report?", sub ? sub : "", sub ? "'" : "");
        return CLI_EXIT_USAGE;
    }
    if (days && o.kind != STORE_RIGHTS_UNUSED) {
        fprintf(c->err, "wachter rights: --days is the unused report's (wachter rights unused"
                        " --days N)\n");
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int code = actor ? cli_pseud_arg(c, "rights", actor, 0, &o.actor) : CLI_EXIT_OK;
    if (code) {
        store_close(s);
        return code;
    }
    ops_rights_result r;
    werr e = {0};
    buf b = {0};
    if (ops_rights_report(s, &o, &r, &e) < 0)
        code = cli_fail(c, "rights", &e);
    else if (cli_write(c, "rights", &b, emit_rights(&b, c->format, &r)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    ops_rights_free(&r);
    store_close(s);
    return code;
}
