/* wachter load [--replace] DIR */
#include <string.h>

#include "cli/cli_auth.h"
#include "cli/cli_report.h"
#include "cli/commands.h"
#include "emit/emit_incident.h"
#include "emit/emit_load.h"
#include "ops/ops_load.h"

int cmd_load(cli *c, int argc, char **argv)
{
    const char *dir = NULL;
    int replace = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--replace") == 0)
            replace = 1;
        else if (!dir && argv[i][0] != '-')
            dir = argv[i];
        else
            return cli_usage(c, "load", argv[i]);
    }
    if (!dir) {
        fprintf(c->err, "wachter load: which directory? (wachter load DIR)\n");
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    ops_load_result res;
    werr e = {0};
    refload_report rep = cli_refload_report(c);
    cli_note_to to;
    ops_notes notes = cli_notes(c, "load", &to);
    int rc = ops_load(s, dir, replace, &rep, &notes, &res, &e);
    buf b = {0};
    if (buf_puts(&b, "{\"dir\":") == 0 && buf_json_str(&b, dir) == 0 &&
        buf_printf(&b, ",\"files\":%ld,\"rows\":%ld,\"bad\":%ld,\"refused\":%ld,\"ok\":%s}",
                   res.counts.files, res.counts.rows, res.counts.bad, res.counts.refused,
                   rc < 0 ? "false" : "true") == 0)
        cli_audit_done(c, s, "load done", b.data);
    buf_reset(&b);
    store_close(s);
    int shown = 0;
    if (res.counts.files || res.counts.refused)
        shown = emit_load(&b, c->format, &res.counts, &res.rejudged);
    if (res.new_incidents && shown == 0)
        shown = emit_incidents_new(&b, c->format, res.new_incidents, res.lookback, &res.raised);
    int wrote = cli_write(c, "load", &b, shown);
    buf_free(&b);
    if (rc < 0) return cli_fail(c, "load", &e);
    if (wrote < 0) return CLI_EXIT_FAIL;
    return res.counts.bad ? CLI_EXIT_BAD_ROWS : CLI_EXIT_OK;
}
