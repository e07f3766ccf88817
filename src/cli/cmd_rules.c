/* wachter rules [load FILE]: the rules with their parameters' values in
 * force, or a rules configuration file made the one in force. */
#include <string.h>

#include "cli/cli_range.h"
#include "cli/cli_report.h"
#include "cli/commands.h"
#include "detect/rules.h"
#include "emit/emit_rules.h"
#include "emit/emit_workflow.h"
#include "normalise/ts.h"
#include "ops/ops_workflow.h"
#include "ops/ops_rules.h"

static int load(cli *c, const char *file)
{
    store *s;
    if (cli_open_store(c, STORE_CREATE, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    size_t n;
    const char *kind;
    int rc = ops_rules_load(s, file, &n, &kind, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "rules", &e);
    buf b = {0};
    int wrote = cli_write(c, "rules", &b, emit_rules_loaded(&b, c->format, file, kind, n));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int show(cli *c)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    rule_conf *conf = NULL;
    cli_note_to to;
    ops_notes notes = cli_notes(c, "rules", &to);
    int rc = ops_rules_conf(s, &notes, &conf, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "rules", &e);
    size_t n;
    const rule_def *const *all = rules_all(&n);
    buf b = {0};
    int out = emit_rules_kind(&b, c->format, conf);
    for (size_t i = 0; i < n && out == 0; i++)
        out = emit_rule(&b, c->format, all[i], conf);
    int wrote = cli_write(c, "rules", &b, out);
    buf_free(&b);
    rule_conf_free(conf);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_rule(const store_wf_rule_row *r, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "rules", &o->b, emit_wf_rule(&o->b, o->c->format, r)) < 0;
}

/* Per rule, how its alerts were judged (ops/ops_workflow.h). */
static int effectiveness(cli *c, int64_t from, int64_t to)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "rules", &o.b, emit_wf_rules_begin(&o.b, c->format)) < 0;
    if (rc == 0)
        rc = ops_wf_effectiveness(s, from, to == CLI_TIME_MAX ? 0 : to, ts_now_ms(), print_rule, &o,
                                  &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0 && e.code) code = cli_fail(c, "rules", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}

int cmd_rules(cli *c, int argc, char **argv)
{
    const char *file = NULL;
    int loading = 0, effective = 0;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc = cli_format_opt(c, argc, argv, &i);
        if (rc < 0) return CLI_EXIT_USAGE;
        if (rc == 1) continue;
        if (effective && (rc = cli_range_opt(c, argc, argv, &i, "rules", &from, &to)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            continue;
        }
        if (i == 1 && strcmp(argv[i], "effectiveness") == 0)
            effective = 1;
        else if (i == 1 && strcmp(argv[i], "load") == 0)
            loading = 1;
        else if (loading && !file && argv[i][0] != '-')
            file = argv[i];
        else
            return cli_usage(c, "rules", argv[i]);
    }
    if (effective) return effectiveness(c, from, to);
    if (!loading) return show(c);
    if (!file) {
        fprintf(c->err, "wachter rules: which file? (wachter rules load FILE)\n");
        return CLI_EXIT_USAGE;
    }
    return load(c, file);
}
