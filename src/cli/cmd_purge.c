/* wachter purge [--dry-run]: the retention policy applied. */
#include <string.h>

#include "cli/cli_auth.h"
#include "cli/commands.h"
#include "emit/emit_retention.h"
#include "ops/ops_purge.h"

int cmd_purge(cli *c, int argc, char **argv)
{
    int dry = 0;
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 1) continue;
        if (strcmp(argv[i], "--dry-run") == 0)
            dry = 1;
        else
            return cli_usage(c, "purge", argv[i]);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    ops_purge_result res;
    int rc = ops_purge(s, dry, 0, &res, &e);
    buf b = {0};
    if (rc == 0 && !dry) {
        /* What went, and what was held, per kind: in the audit trail. */
        int bad = buf_puts(&b, "{\"deleted\":{");
        for (int k = 0; k < OPS_KINDS; k++)
            bad |= buf_printf(&b, "%s\"%s\":%lld", k ? "," : "", ops_kind_name((ops_kind)k),
                              (long long)res.deleted[k]);
        bad |= buf_puts(&b, "},\"held\":{");
        for (int k = 0; k < OPS_KINDS; k++)
            bad |= buf_printf(&b, "%s\"%s\":%lld", k ? "," : "", ops_kind_name((ops_kind)k),
                              (long long)res.held[k]);
        if (!(bad | buf_puts(&b, "}}"))) cli_audit_done(c, s, "purge done", b.data);
        buf_reset(&b);
    }
    store_close(s);
    if (rc < 0) {
        buf_free(&b);
        return cli_fail(c, "purge", &e);
    }
    int wrote = cli_write(c, "purge", &b, emit_purge(&b, c->format, &res));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
