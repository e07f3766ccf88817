/* wachter load [--replace] DIR */
#include <string.h>

#include "cli/cli_refload.h"
#include "cli/commands.h"
#include "emit/emit_incident.h"
#include "emit/emit_load.h"
#include "investigate/incident_alerts.h"

/* Reads the new reference data once and keeps the compact copy, so that
 * ingests start in a fraction of a second. 0 or -1. */
static int cache_ref(cli *c, store *s)
{
    refdata *r;
    werr e = {0};
    if (refdata_load(s, 0, &r, &e) < 0) {
        cli_fail(c, "load", &e);
        return -1;
    }
    cli_cache_ref(c, "load", s, r);
    refdata_free(r);
    return 0;
}

/* Incidents this load added (or changed) are checked against history at
 * once: look-ups inside their look-back window raise alerts. 0 or -1. */
static int correlate_new(const cli *c, store *s)
{
    inv_incidents inc = {0};
    inv_raised r;
    buf b = {0};
    werr e = {0};
    int rc = inv_incidents_new(s, &inc, &e);
    if (rc < 0) {
        fprintf(c->err, "wachter load: cannot read new incidents: %s\n", e.msg);
    } else if (inc.n && inv_incident_alerts(s, &inc, INV_LOOKBACK_MS, &r, &e) < 0) {
        cli_fail(c, "load", &e);
        rc = -1;
    } else if (inc.n) {
        rc = cli_write(c, "load", &b, emit_incidents_new(&b, c->format, inc.n, &r));
    }
    buf_free(&b);
    inv_incidents_free(&inc);
    return rc;
}

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
    if (cli_open_store(c, &s) < 0) return CLI_EXIT_FAIL;
    refload_counts n;
    buf b = {0};
    werr e = {0};
    int rc = inv_incidents_mark(s, &e);
    if (rc < 0) cli_fail(c, "load", &e);
    if (rc == 0) rc = cli_refload(c, s, dir, replace, &n);
    if (rc == 0 && n.files) rc = cli_write(c, "load", &b, emit_load(&b, c->format, &n));
    if (rc == 0) rc = correlate_new(c, s);
    if (rc == 0 && n.files) rc = cache_ref(c, s);
    buf_free(&b);
    store_close(s);
    if (rc < 0) return CLI_EXIT_FAIL;
    if (n.files == 0) {
        fprintf(c->err,
                "wachter load: %s holds none of actors.csv, subjects.csv, cases.csv,"
                " case_assignments.csv, protected.csv, incidents.csv\n",
                dir);
        return CLI_EXIT_FAIL;
    }
    return n.bad ? CLI_EXIT_BAD_ROWS : CLI_EXIT_OK;
}
