/* wachter correlate [--incidents FILE] [--lookback 30d] [--explained-weight W]
 *                   [--top N]: actors ranked by how improbable their
 * look-ups of incident subjects are by chance (investigate/correlate.h).
 * Without --incidents, the stored incidents are used. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit_correlate.h"
#include "investigate/correlate.h"
#include "investigate/incident_alerts.h"

typedef struct corr_args {
    const char *file;
    inv_corr_opts o;
    long long top;
} corr_args;

static int parse(cli *c, int argc, char **argv, corr_args *a)
{
    const char *v;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--incidents", &a->file)) != 0 ||
            (rc = cli_lookback_opt(c, argc, argv, &i, "correlate", &a->o.lookback)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--explained-weight", &v)) != 0) {
            char *end;
            if (rc < 0) return -1;
            a->o.explained_weight = strtod(v, &end);
            if (end == v || *end || !(a->o.explained_weight >= 0 && a->o.explained_weight <= 1)) {
                fprintf(c->err,
                        "wachter correlate: --explained-weight takes a number from 0 to 1,"
                        " not '%s'\n",
                        v);
                return -1;
            }
        } else if ((rc = cli_count_opt(c, argc, argv, &i, "correlate", "--top", 1, CLI_TOP_MAX,
                                       &a->top)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "correlate", argv[i]);
            return -1;
        }
    }
    return 0;
}

/* A bad row of the incidents file, on the error stream ctx (line 0: why
 * names the file itself). */
static void print_bad_row(const char *path, long line, const char *why, void *ctx)
{
    if (line > 0)
        cli_say(ctx, "%s:%ld: %s\n", path, line, why);
    else
        cli_say(ctx, "%s\n", why);
}

int cmd_correlate(cli *c, int argc, char **argv)
{
    corr_args a = {NULL, {INV_LOOKBACK_MS, 0.25}, 0};
    if (parse(c, argc, argv, &a) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    inv_incidents inc = {0};
    inv_correlation r = {0};
    buf b = {0};
    werr e = {0};
    long bad = 0;
    int code = CLI_EXIT_FAIL;
    if (a.file ? inv_incidents_read_csv(a.file, &inc, print_bad_row, c->err, &bad, &e) < 0
               : inv_incidents_stored(s, &inc, &e) < 0) {
        if (a.file) {
            cli_say(c->err, "wachter correlate: %s\n", e.msg);
            if (bad) code = CLI_EXIT_BAD_ROWS;
        } else
            code = cli_fail(c, "correlate", &e);
        goto done;
    }
    if (inc.n == 0) {
        fprintf(c->err, "wachter correlate: no incidents %s\n",
                a.file ? "in that file" : "stored (give --incidents FILE)");
        goto done;
    }
    if (inv_correlate(s, &inc, &a.o, &r, &e) < 0) {
        code = cli_fail(c, "correlate", &e);
        goto done;
    }
    if (cli_write(c, "correlate", &b, emit_correlate(&b, c->format, &inc, &a.o, &r, a.top)) < 0)
        goto done;
    code = CLI_EXIT_OK;
done:
    buf_free(&b);
    inv_correlation_free(&r);
    inv_incidents_free(&inc);
    store_close(s);
    return code;
}
