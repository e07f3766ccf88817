/* wachter incident add --id ID --subject S --ts T [--kind K] [--lookback 30d]:
 * records an incident and checks it against history at once: look-ups of
 * its subject in the look-back window raise "incident" alerts. */
#include <string.h>

#include "cli/cli_range.h"
#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_incident.h"
#include "input/refload.h"
#include "ops/ops_incident.h"

static int parse(cli *c, int argc, char **argv, inv_incident *x, int64_t *lookback)
{
    const char *ts = NULL;
    for (int i = 2; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--id", &x->id)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--subject", &x->subject)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--ts", &ts)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--kind", &x->kind)) != 0 ||
            (rc = cli_lookback_opt(c, argc, argv, &i, "incident add", lookback)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return -1;
        } else {
            cli_usage(c, "incident add", argv[i]);
            return -1;
        }
    }
    long long ms;
    if (!x->id || !x->subject || !ts || !x->id[0] || !x->subject[0]) {
        fprintf(c->err, "wachter incident add: needs --id, --subject and --ts\n");
        return -1;
    }
    if (refload_time(ts, 0, &ms) != 1) {
        cli_say(c->err, "wachter incident add: --ts takes a time, not '%s'\n", ts);
        return -1;
    }
    x->ts = ms;
    return 0;
}

int cmd_incident(cli *c, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "add") != 0) {
        fprintf(c->err, "wachter incident: usage: wachter incident add --id ID --subject S"
                        " --ts T [--kind K] [--lookback 30d]\n");
        return CLI_EXIT_USAGE;
    }
    inv_incident x = {NULL, NULL, "", 0};
    int64_t lookback = 0; /* the configured one (incident.lookback_days) */
    if (parse(c, argc, argv, &x, &lookback) < 0) return CLI_EXIT_USAGE;
    store *s;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    int bad = cli_pseud_arg(c, "incident add", x.subject, 1, &x.subject);
    if (bad) {
        store_close(s);
        return bad;
    }
    inv_raised r;
    werr e = {0};
    int rc = ops_incident_add(s, &x, &lookback, &r, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "incident add", &e);
    buf b = {0};
    int code = cli_write(c, "incident add", &b, emit_incident(&b, c->format, &x, lookback, &r)) == 0
                   ? CLI_EXIT_OK
                   : CLI_EXIT_FAIL;
    buf_free(&b);
    return code;
}
