/* wachter dossier open ACTOR --title T [ALERT...] | list [--status S] |
 * show ID | add ID ALERT... | note ID TEXT | assign ID NAME | close ID
 * --outcome T | reopen ID | report ID: integrity cases (ops/ops_dossier.h).
 * Who may run which is the dispatcher's check ("dossier SUBCOMMAND"). */
#include <string.h>

#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_dossier.h"
#include "normalise/ts.h"
#include "ops/ops_dossier.h"

static int page(cli *c, store *s, const char *id, int report)
{
    buf b = {0};
    emit_doc d;
    werr e = {0};
    int rc;
    if (report) {
        emit_dossier_report_begin(&d, &b, c->format);
        ops_dossier_report_fns fns;
        emit_dossier_report_fns(&fns);
        rc = ops_dossier_report(s, id, ts_now_ms(), &fns, &d, &e);
    } else {
        emit_dossier_show_begin(&d, &b, c->format);
        ops_dossier_show_fns fns;
        emit_dossier_show_fns(&fns);
        rc = ops_dossier_show(s, id, ts_now_ms(), &fns, &d, &e);
    }
    int code = CLI_EXIT_OK;
    if (rc < 0 && e.code)
        code = cli_fail(c, "dossier", &e);
    else if (cli_write(c, "dossier", &b, rc ? -1 : emit_dossier_end(&d)) < 0)
        code = CLI_EXIT_FAIL;
    buf_free(&b);
    return code;
}

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_row(const store_dossier *d, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "dossier", &o->b, emit_dossier(&o->b, o->c->format, d)) < 0;
}

static int list(cli *c, store *s, const char *status)
{
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "dossier", &o.b, emit_dossier_begin(&o.b, c->format)) < 0;
    if (rc == 0) rc = ops_dossier_list(s, status, print_row, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0 && e.code) code = cli_fail(c, "dossier", &e);
    buf_free(&o.b);
    return code;
}

static const char *const SUBS = "open, list, show, add, note, assign, close, reopen or report";

int cmd_dossier(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *title = NULL, *outcome = NULL, *status = NULL;
    const char *pos[1024];
    size_t npos = 0;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--title", &title)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--outcome", &outcome)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--status", &status)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage(c, "dossier", argv[i]);
        else if (!sub)
            sub = argv[i];
        else if (npos < sizeof pos / sizeof *pos)
            pos[npos++] = argv[i];
        else
            return cli_usage(c, "dossier", argv[i]);
    }
    static const struct {
        const char *name;
        size_t min, max;
        const char *usage;
    } subs[] = {
        {"open", 1, 1024, "dossier open ACTOR --title TEXT [ALERT...]"},
        {"list", 0, 0, "dossier list [--status open|closed]"},
        {"show", 1, 1, "dossier show ID"},
        {"add", 2, 1024, "dossier add ID ALERT..."},
        {"note", 2, 2, "dossier note ID TEXT"},
        {"assign", 2, 2, "dossier assign ID NAME"},
        {"close", 1, 1, "dossier close ID --outcome TEXT"},
        {"reopen", 1, 1, "dossier reopen ID"},
        {"report", 1, 1, "dossier report ID"},
    };
    int k = -1;
    for (size_t j = 0; sub && j < sizeof subs / sizeof *subs; j++)
        if (strcmp(sub, subs[j].name) == 0) k = (int)j;
    if (k < 0) {
        cli_say(c->err, "wachter dossier: %s%s%s (%s)\n",
                sub ? "unknown subcommand '" : "which subcommand?", sub ? sub : "", sub ? "'" : "",
                SUBS);
        return CLI_EXIT_USAGE;
    }
    if (npos < subs[k].min || npos > subs[k].max) {
        cli_say(c->err, "wachter dossier %s: usage: wachter %s\n", sub, subs[k].usage);
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int64_t now = ts_now_ms();
    int rc = 0, code = CLI_EXIT_OK;
    char id[32] = "";
    const char *actor = NULL;
    switch (k) {
    case 0:
        code = cli_pseud_arg(c, "dossier", pos[0], 0, &actor);
        if (!code)
            rc = ops_dossier_open(s, c->actor, actor, title, pos + 1, npos - 1, now, id, sizeof id,
                                  &e);
        break;
    case 1:
        code = list(c, s, status);
        break;
    case 3:
        rc = ops_dossier_add_alerts(s, c->actor, pos[0], pos + 1, npos - 1, now, &e);
        break;
    case 4:
        rc = ops_dossier_note(s, c->actor, pos[0], pos[1], now, &e);
        break;
    case 5:
        rc = ops_dossier_assign(s, c->actor, pos[0], pos[1], now, &e);
        break;
    case 6:
        rc = ops_dossier_status(s, c->actor, pos[0], "closed", outcome, now, &e);
        break;
    case 7:
        rc = ops_dossier_status(s, c->actor, pos[0], "open", NULL, now, &e);
        break;
    default:
        break;
    }
    if (rc < 0)
        code = cli_fail(c, "dossier", &e);
    else if (!code && k != 1)
        code = page(c, s, k == 0 ? id : pos[0], k == 8);
    store_close(s);
    return code;
}
