/* wachter functions [list] | overdue | history UNIT ROLE | questions |
 * set ... | load FILE | weights | weight BAND FACTOR: the risk analysis of
 * functions (ops/ops_functions.h). Who may run which is the dispatcher's
 * check. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli_report.h"
#include "cli/commands.h"
#include "emit/emit_functions.h"
#include "normalise/ts.h"
#include "ops/ops_functions.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
    int64_t now;
} out_ctx;

static int put(out_ctx *o, int rendered)
{
    int rc = cli_write(o->c, "functions", &o->b, rendered) < 0;
    buf_reset(&o->b);
    return rc;
}

static int list_row(const store_fn_analysis *a, void *ctx)
{
    out_ctx *o = ctx;
    return put(o, emit_fn_row(&o->b, o->c->format, a, o->now));
}

static int due_row(const ops_fn_due *d, void *ctx)
{
    out_ctx *o = ctx;
    return put(o, emit_fn_due(&o->b, o->c->format, d));
}

static int version_row(const store_fn_analysis *a, const char *changes, void *ctx)
{
    out_ctx *o = ctx;
    return put(o, emit_fn_version(&o->b, o->c->format, a, changes));
}

/* The options of `functions set`: one per question, and the rest. */
typedef struct set_opts {
    ops_fn_entry x;
    const char *answer[FR_QUESTIONS];
    buf measures;
} set_opts;

/* Takes argv[*i] when it is one of set's options: 1, 0 not, -1 bad. */
static int set_opt(cli *c, int argc, char **argv, int *i, set_opts *s)
{
    int rc;
    const char *m = NULL;
    if ((rc = cli_opt(c, argc, argv, i, "--unit", &s->x.unit)) != 0 ||
        (rc = cli_opt(c, argc, argv, i, "--role", &s->x.role)) != 0 ||
        (rc = cli_opt(c, argc, argv, i, "--process", &s->x.process)) != 0 ||
        (rc = cli_opt(c, argc, argv, i, "--analysed", &s->x.analysed)) != 0 ||
        (rc = cli_opt(c, argc, argv, i, "--next-review", &s->x.next_review)) != 0)
        return rc;
    if ((rc = cli_opt(c, argc, argv, i, "--measure", &m)) != 0) {
        if (rc > 0 && (buf_puts(&s->measures, s->measures.len ? "\n" : "") < 0 ||
                       buf_puts(&s->measures, m) < 0))
            return -1;
        return rc;
    }
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    if (strncmp(argv[*i], "--", 2) != 0) return 0;
    char name[40];
    for (size_t k = 0; k < nq; k++) {
        snprintf(name, sizeof name, "--%s", q[k].key);
        for (char *p = name + 2; *p; p++)
            if (*p == '_') *p = '-';
        if ((rc = cli_opt(c, argc, argv, i, name, &s->answer[k])) != 0) return rc;
    }
    return 0;
}

/* The answers of s into s->x: -1 (said) when one is not a number. */
static int set_answers(cli *c, set_opts *s)
{
    size_t nq;
    const fr_question *q = fr_questions(&nq);
    for (size_t k = 0; k < nq; k++) {
        const char *v = s->answer[k];
        s->x.answers[k] = -1;
        if (!v) continue;
        if (!*v || strlen(v) > 2 || strspn(v, "0123456789") != strlen(v)) {
            cli_say(c->err, "wachter functions set: --%s takes 0 to %d, not '%s'\n", q[k].key,
                    FR_SCALE_MAX, v);
            return -1;
        }
        s->x.answers[k] = atoi(v);
    }
    s->x.measures = s->measures.data ? s->measures.data : "";
    return 0;
}

enum { S_LIST, S_OVERDUE, S_HISTORY, S_QUESTIONS, S_SET, S_LOAD, S_WEIGHTS, S_WEIGHT };
static const char *const subs[] = {"list", "overdue", "history", "questions",
                                   "set",  "load",    "weights", "weight"};
/* How many positional arguments each takes. */
static const int npos[] = {0, 0, 2, 0, 0, 1, 0, 2};

/* The index in subs of the subcommand named sub, or -1. */
static int sub_index(const char *sub)
{
    for (int j = 0; j < (int)(sizeof subs / sizeof *subs); j++)
        if (strcmp(sub, subs[j]) == 0) return j;
    return -1;
}

static int run(cli *c, store *s, int k, const char *pos[2], set_opts *so, int64_t now)
{
    out_ctx o = {c, {0}, now};
    werr e = {0};
    int rc = 0, code = CLI_EXIT_OK;
    enum emit_format f = c->format;
    switch (k) {
    case S_LIST:
        rc = put(&o, emit_fn_list_begin(&o.b, f));
        if (!rc) rc = ops_functions_list(s, now, list_row, &o, &e);
        break;
    case S_OVERDUE:
        rc = put(&o, emit_fn_due_begin(&o.b, f));
        if (!rc) rc = ops_functions_overdue(s, now, due_row, &o, &e);
        break;
    case S_HISTORY:
        rc = put(&o, emit_fn_version_begin(&o.b, f));
        if (!rc) rc = ops_functions_history(s, pos[0], pos[1], version_row, &o, &e);
        break;
    case S_QUESTIONS:
        rc = put(&o, emit_fn_questions(&o.b, f));
        break;
    case S_SET: {
        cli_note_to to;
        ops_notes notes = cli_notes(c, "functions set", &to);
        int64_t version;
        int added;
        rc = ops_functions_set(s, c->actor, &so->x, now, &notes, &version, &added, &e);
        if (!rc) {
            if (f == EMIT_TABLE)
                cli_say(c->err, "wachter functions set: %s/%s version %lld %s\n", so->x.unit,
                        so->x.role, (long long)version,
                        added ? "added" : "unchanged (stored already)");
            rc = put(&o, emit_fn_list_begin(&o.b, f));
            if (!rc) rc = store_fn_current_of(s, so->x.unit, so->x.role, now, list_row, &o) < 0;
        }
        break;
    }
    case S_LOAD: {
        cli_note_to to;
        ops_notes notes = cli_notes(c, "functions load", &to);
        refload_report rep = cli_refload_report(c);
        ops_fn_load_counts n;
        rc = ops_functions_load(s, c->actor, pos[0], now, &rep, &notes, &n, &e);
        if (!rc) {
            rc = put(&o, emit_fn_load(&o.b, f, pos[0], &n));
            if (n.bad) code = CLI_EXIT_BAD_ROWS;
        }
        break;
    }
    case S_WEIGHT:
        rc = ops_fn_weight_set(s, pos[0], pos[1], &e);
        /* FALLTHROUGH - show the weights in force */
    case S_WEIGHTS:
        if (!rc) {
            double w[FR_VERY_HIGH + 1];
            rc = ops_fn_weights(s, w, &e);
            if (!rc) rc = put(&o, emit_fn_weights(&o.b, f, w));
        }
        break;
    }
    buf_free(&o.b);
    if (rc && e.code) return cli_fail(c, "functions", &e);
    return rc ? CLI_EXIT_FAIL : code;
}

int cmd_functions(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *pos[2] = {NULL, NULL}, *at = NULL;
    int np = 0;
    set_opts so = {0};
    int code = CLI_EXIT_USAGE;
    int k = S_LIST;
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--at", &at)) != 0 ||
            (sub && k == S_SET && (rc = set_opt(c, argc, argv, &i, &so)) != 0)) {
            if (rc < 0) goto done;
        } else if (!sub && argv[i][0] != '-') {
            sub = argv[i];
            k = sub_index(sub);
        } else if (sub && np < 2 && argv[i][0] != '-')
            pos[np++] = argv[i];
        else {
            code = cli_usage(c, "functions", argv[i]);
            goto done;
        }
    }
    if (k < 0) {
        cli_say(c->err,
                "wachter functions: unknown subcommand '%s' (list, overdue, history, questions,"
                " set, load, weights or weight)\n",
                sub);
        goto done;
    }
    if (np != npos[k]) {
        if (np > npos[k]) {
            code = cli_usage(c, "functions", pos[npos[k]]);
            goto done;
        }
        cli_say(c->err, "wachter functions %s: %s\n", subs[k],
                k == S_HISTORY ? "which function? (wachter functions history UNIT ROLE)"
                : k == S_LOAD  ? "which file? (wachter functions load FILE)"
                               : "which band and factor? (wachter functions weight high 1.25)");
        goto done;
    }
    int64_t now = ts_now_ms();
    long long t;
    if (at && refload_time(at, 1, &t) != 1) {
        cli_say(c->err, "wachter functions: --at takes a date (YYYY-MM-DD), not '%s'\n", at);
        goto done;
    }
    if (at) now = t;
    if (k == S_SET && set_answers(c, &so) < 0) goto done;
    store *s;
    code = CLI_EXIT_FAIL;
    if (cli_open_store(c, k == S_SET || k == S_LOAD ? STORE_CREATE : STORE_EXISTING, &s) < 0)
        goto done;
    code = run(c, s, k, pos, &so, now);
    store_close(s);
done:
    buf_free(&so.measures);
    return code;
}
