/* wachter alerts [--actor A] [--min-severity S] [--status S|all]
 * [--rule R] [--unit U] [--assignee A] [--from T] [--to T]: without the
 * workflow's options, every alert newest first (as before the workflow);
 * with any of them, the queue (ops/ops_workflow.h): highest score first,
 * with status and assignee, and the counts per status. */
#include <string.h>
#include <unistd.h>

#include "cli/cli_pseud.h"
#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit_alerts.h"
#include "emit/emit_siem.h"
#include "emit/emit_workflow.h"
#include "normalise/ts.h"
#include "ops/ops_alerts.h"
#include "ops/ops_workflow.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
    /* --format ecs, cef or syslog (siem set): the SOC's formats */
    int siem;
    enum emit_siem sf;
    emit_siem_from from;
    store *s;
} out_ctx;

/* Returns 1 (stop) when the alert could not be rendered (reported). */
static int print_alert(const store_alert *a, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    int r =
        o->siem ? emit_siem_alert(&o->b, o->sf, &o->from, a) : emit_alert(&o->b, o->c->format, a);
    return cli_write(o->c, "alerts", &o->b, r) < 0;
}

static int print_wf(const store_wf_alert *a, void *ctx)
{
    out_ctx *o = ctx;
    if (o->siem) { /* the whole alert, as the store has it */
        werr e = {0};
        int rc = ops_alerts_one(o->s, a->id, print_alert, o, &e);
        if (rc < 0) cli_fail(o->c, "alerts", &e);
        return rc != 0;
    }
    buf_reset(&o->b);
    return cli_write(o->c, "alerts", &o->b, emit_wf_alert(&o->b, o->c->format, a)) < 0;
}

/* Takes "--format ecs|cef|syslog" into o; any other --format is
 * cli_format_opt's. 1 matched, 0 not, -1 bad. */
static int format_opt(cli *c, int argc, char **argv, int *i, out_ctx *o)
{
    if (strcmp(argv[*i], "--format") == 0 && *i + 1 < argc &&
        emit_siem_parse(argv[*i + 1], 0, &o->sf) == 0) {
        o->siem = 1;
        ++*i;
        return 1;
    }
    int rc = cli_format_opt(c, argc, argv, i);
    if (rc == 1) o->siem = 0;
    return rc;
}

/* The queue of f (its actor still as given). */
static int queue(cli *c, store_wf_filter *f, out_ctx *o)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = f->actor ? cli_pseud_arg(c, "alerts", f->actor, 0, &f->actor) : 0;
    if (bad) {
        store_close(s);
        return bad;
    }
    o->s = s;
    int64_t counts[STORE_WF_N], total;
    werr e = {0};
    int rc = o->siem ? 0 : cli_write(c, "alerts", &o->b, emit_wf_queue_begin(&o->b, c->format)) < 0;
    if (rc == 0) rc = ops_wf_queue(s, f, counts, &total, print_wf, o, &e);
    if (rc == 0 && !o->siem && c->format == EMIT_TABLE) {
        buf_reset(&o->b);
        rc = cli_write(c, "alerts", &o->b, emit_wf_counts(&o->b, c->format, counts, total)) < 0;
    }
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0 && e.code) code = cli_fail(c, "alerts", &e);
    buf_free(&o->b);
    store_close(s);
    return code;
}

int cmd_alerts(cli *c, int argc, char **argv)
{
    const char *actor = NULL, *v;
    int min_sev = 1, workflow = 0;
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    out_ctx o = {c, {0}, 0, EMIT_SIEM_ECS, {cli_version(), host, (long)getpid()}, NULL};
    store_wf_filter f = {0};
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--status", &f.status)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--rule", &f.rule)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--unit", &f.unit)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--assignee", &f.assignee)) != 0 ||
            (rc = cli_range_opt(c, argc, argv, &i, "alerts", &from, &to)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            workflow = 1;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--actor", &actor)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--min-severity", &v)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            if ((min_sev = emit_severity_parse(v)) < 0) {
                fprintf(c->err,
                        "wachter alerts: --min-severity takes low, medium, high or critical,"
                        " not '%s'\n",
                        v);
                return CLI_EXIT_USAGE;
            }
        } else if ((rc = format_opt(c, argc, argv, &i, &o)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "alerts", argv[i]);
    }
    if (workflow) {
        if (cli_range_check(c, "alerts", from, to) < 0) return CLI_EXIT_USAGE;
        f.actor = actor;
        f.min_severity = min_sev;
        f.from = from;
        f.to = to == CLI_TIME_MAX ? 0 : to;
        f.now = ts_now_ms();
        return queue(c, &f, &o);
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    int bad = actor ? cli_pseud_arg(c, "alerts", actor, 0, &actor) : 0;
    if (bad) {
        store_close(s);
        return bad;
    }
    o.s = s;
    int rc = o.siem ? 0 : cli_write(c, "alerts", &o.b, emit_alerts_begin(&o.b, c->format)) < 0;
    werr e = {0};
    if (rc == 0) rc = ops_alerts_each(s, actor, min_sev, print_alert, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "alerts", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}
