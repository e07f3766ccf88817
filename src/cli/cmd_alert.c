/* wachter alert show|ack|investigate|close|reopen|assign|note ID ... and
 * wachter alert bulk (--assign NAME | --close D) ID...: the workflow of
 * one alert, or of many (ops/ops_workflow.h). Who may run which is the
 * dispatcher's check (the action "alert SUBCOMMAND"); each change is in
 * the audit trail by then, and in the alert's history. */
#include <string.h>

#include "cli/commands.h"
#include "emit/emit_workflow.h"
#include "normalise/ts.h"
#include "ops/ops_workflow.h"

/* Shows alert id: its page (show) or its row (after a change). */
static int show(cli *c, store *s, const char *id, int page)
{
    buf b = {0};
    emit_doc d;
    emit_doc_begin(&d, &b, c->format);
    ops_wf_show_fns fns;
    emit_wf_show_fns(&fns);
    if (!page)
        fns.event = NULL, fns.note = NULL, fns.change = NULL, fns.similar = NULL,
        fns.dossier = NULL;
    werr e = {0};
    int rc = ops_wf_show(s, id, ts_now_ms(), &fns, &d, &e);
    int code = CLI_EXIT_OK;
    if (rc < 0 && e.code)
        code = cli_fail(c, "alert", &e);
    else if (cli_write(c, "alert", &b, rc ? -1 : emit_wf_show_end(&d)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    return code;
}

typedef struct bulk_out {
    const cli *c;
    buf b;
    int n;
} bulk_out;

static int bulk_fail(const char *id, const werr *why, void *ctx)
{
    bulk_out *o = ctx;
    return emit_wf_bulk_fail(&o->b, o->c->format, o->n++ == 0, id, why->msg);
}

static int bulk(cli *c, store *s, const char *const *ids, size_t n, const char *assign,
                const char *close)
{
    bulk_out o = {c, {0}, 0};
    int64_t changed = 0;
    werr e = {0};
    int code = CLI_EXIT_OK;
    if (ops_wf_bulk(s, c->actor, ids, n, assign, close, ts_now_ms(), bulk_fail, &o, &changed, &e) <
        0)
        code = cli_fail(c, "alert", &e);
    else if (cli_write(c, "alert", &o.b, emit_wf_bulk_end(&o.b, c->format, o.n > 0, changed)) < 0)
        code = CLI_EXIT_FAIL;
    else if (o.n)
        code = CLI_EXIT_FAIL; /* some failed: said on the output */
    buf_free(&o.b);
    return code;
}

static const char *const SUBS = "show, ack, investigate, close, reopen, assign, note or bulk";

int cmd_alert(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *note = NULL, *disp = NULL, *assign = NULL, *close = NULL;
    const char *pos[1024];
    size_t npos = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--note", &note)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--disposition", &disp)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--assign", &assign)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--close", &close)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--as-duplicate") == 0)
            disp = "duplicate";
        else if (strcmp(argv[i], "--confirmed") == 0)
            disp = "confirmed";
        else if (strcmp(argv[i], "--benign") == 0)
            disp = "benign";
        else if (strcmp(argv[i], "--false-positive") == 0)
            disp = "false_positive";
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage(c, "alert", argv[i]);
        else if (!sub)
            sub = argv[i];
        else if (npos < sizeof pos / sizeof *pos)
            pos[npos++] = argv[i];
        else
            return cli_usage(c, "alert", argv[i]);
    }
    static const struct {
        const char *name;
        size_t min, max;
    } subs[] = {{"show", 1, 1},   {"ack", 1, 1},    {"investigate", 1, 1}, {"close", 1, 1},
                {"reopen", 1, 1}, {"assign", 2, 2}, {"note", 2, 2},        {"bulk", 1, 1024}};
    int k = -1;
    for (size_t j = 0; sub && j < sizeof subs / sizeof *subs; j++)
        if (strcmp(sub, subs[j].name) == 0) k = (int)j;
    if (k < 0) {
        cli_say(c->err, "wachter alert: %s%s%s (%s)\n",
                sub ? "unknown subcommand '" : "which subcommand?", sub ? sub : "", sub ? "'" : "",
                SUBS);
        return CLI_EXIT_USAGE;
    }
    if (npos < subs[k].min || npos > subs[k].max) {
        cli_say(c->err, "wachter alert %s: %s\n", sub,
                k == 5   ? "takes the alert's id and an account (wachter alert assign ID NAME)"
                : k == 6 ? "takes the alert's id and the note's text (wachter alert note ID TEXT)"
                : k == 7 ? "which alerts? (their ids)"
                         : "takes one alert id");
        return CLI_EXIT_USAGE;
    }
    if (k == 7 && !assign && !close) {
        cli_say(c->err, "wachter alert bulk: --assign NAME or --close DISPOSITION\n");
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int64_t now = ts_now_ms();
    int rc = 0, code;
    switch (k) {
    case 1:
        rc = ops_wf_status(s, c->actor, pos[0], "acknowledged", NULL, note, now, &e);
        break;
    case 2:
        rc = ops_wf_status(s, c->actor, pos[0], "investigating", NULL, note, now, &e);
        break;
    case 3:
        rc = ops_wf_status(s, c->actor, pos[0], "closed", disp, note, now, &e);
        break;
    case 4:
        rc = ops_wf_status(s, c->actor, pos[0], "reopen", NULL, note, now, &e);
        break;
    case 5:
        rc = ops_wf_assign(s, c->actor, pos[0], pos[1], now, &e);
        break;
    case 6:
        rc = ops_wf_note(s, c->actor, pos[0], pos[1], now, &e);
        break;
    default:
        break;
    }
    if (k == 7)
        code = bulk(c, s, pos, npos, assign, close);
    else if (rc < 0)
        code = cli_fail(c, "alert", &e);
    else
        code = show(c, s, pos[0], k == 0 || k == 6);
    store_close(s);
    return code;
}
