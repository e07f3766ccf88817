/* wachter recert start|list|items|history|decide|bulk|close|overdue|export:
 * recertification campaigns (ops/ops_recert.h). Who may run which is the
 * dispatcher's check ("recert SUBCOMMAND"); who may decide in a campaign
 * (its owner, an administrator) the operation's. export writes real
 * account ids for the identity-management system: it is the one output
 * of wachter that does not go through the pseudonyms (cli_write), and
 * only an administrator may run it (README "Recertification"). */
#include <stdio.h>
#include <string.h>

#include "cli/cli_auth.h"
#include "cli/commands.h"
#include "emit/emit_recert.h"
#include "normalise/ts.h"
#include "ops/ops_recert.h"

static const char *const SUBS =
    "start, list, items, history, decide, bulk, close, overdue or export";

/* The campaigns (id 0: all) with their progress. */
static int campaigns(cli *c, store *s, int64_t id, int64_t now)
{
    store_recert_campaign *v;
    size_t n;
    werr e = {0};
    if (ops_recert_campaigns(s, id, &v, &n, &e) < 0) return cli_fail(c, "recert", &e);
    buf b = {0};
    int rc = emit_recert_campaigns_begin(&b, c->format);
    for (size_t i = 0; i < n; i++)
        rc |= emit_recert_campaign(&b, c->format, &v[i], now);
    store_recert_campaigns_free(v, n);
    int code = cli_write(c, "recert", &b, rc) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    buf_free(&b);
    return code;
}

static int items(cli *c, store *s, int64_t id, int undecided, int64_t now)
{
    store_recert_campaign *camp;
    store_recert_item *v;
    size_t nc, n;
    werr e = {0};
    if (ops_recert_campaigns(s, id, &camp, &nc, &e) < 0) return cli_fail(c, "recert", &e);
    int late = ops_recert_overdue_count(camp, now) > 0;
    store_recert_campaigns_free(camp, nc);
    if (ops_recert_items(s, id, undecided, &v, &n, &e) < 0) return cli_fail(c, "recert", &e);
    buf b = {0};
    int rc = emit_recert_items_begin(&b, c->format);
    for (size_t i = 0; i < n; i++)
        rc |= emit_recert_item(&b, c->format, &v[i], late && !*v[i].decision);
    store_recert_items_free(v, n);
    int code = cli_write(c, "recert", &b, rc) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    buf_free(&b);
    return code;
}

static int change_row(const store_recert_change *ch, void *ctx)
{
    const cli *c = ((void **)ctx)[0];
    buf *b = ((void **)ctx)[1];
    return emit_recert_change(b, c->format, ch);
}

static int history(cli *c, store *s, int64_t id)
{
    buf b = {0};
    void *ctx[2] = {c, &b};
    werr e = {0};
    int rc = emit_recert_history_begin(&b, c->format);
    int got = ops_recert_history(s, id, change_row, ctx, &e);
    int code;
    if (got < 0 && e.code)
        code = cli_fail(c, "recert", &e);
    else
        code = cli_write(c, "recert", &b, rc | got) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    buf_free(&b);
    return code;
}

static int overdue(cli *c, store *s, int64_t now)
{
    store_recert_campaign *camp;
    store_recert_item *v;
    size_t nc, n;
    werr e = {0};
    if (ops_recert_overdue(s, now, &v, &n, &camp, &nc, &e) < 0) return cli_fail(c, "recert", &e);
    buf b = {0};
    int rc = emit_recert_overdue_begin(&b, c->format);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < nc; j++)
            if (camp[j].id == v[i].campaign)
                rc |= emit_recert_overdue(&b, c->format, &v[i], &camp[j]);
    store_recert_items_free(v, n);
    store_recert_campaigns_free(camp, nc);
    int code = cli_write(c, "recert", &b, rc) < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    buf_free(&b);
    return code;
}

/* The revocation list with real account ids, written as it is (not
 * through cli_write's pseudonyms): the identity-management system acts
 * on the accounts. Recorded with its number of rows. */
static int export_csv(cli *c, store *s, int64_t id)
{
    store_recert_item *v;
    size_t n;
    werr e = {0};
    if (ops_recert_revocations(s, id, &v, &n, &e) < 0) return cli_fail(c, "recert", &e);
    buf b = {0};
    int rc = emit_recert_csv(&b, v, n);
    store_recert_items_free(v, n);
    if (rc < 0) {
        buf_free(&b);
        fprintf(c->err, "wachter recert: out of memory\n");
        return CLI_EXIT_FAIL;
    }
    fwrite(b.data ? b.data : "", 1, b.len, c->out);
    buf_free(&b);
    char params[96];
    snprintf(params, sizeof params, "{\"campaign\":%lld,\"rows\":%zu}", (long long)id, n);
    cli_audit_done(c, s, "recert export done", params);
    return CLI_EXIT_OK;
}

/* "1,2,3" into items (at most cap). The number, or -1 (reported). */
static long parse_items(const cli *c, const char *list, int64_t *items, size_t cap)
{
    char copy[4096];
    if (snprintf(copy, sizeof copy, "%s", list) >= (int)sizeof copy) {
        fprintf(c->err, "wachter recert bulk: --items is too long\n");
        return -1;
    }
    size_t n = 0;
    for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        werr e = {0};
        if (n == cap) {
            fprintf(c->err, "wachter recert bulk: at most %zu items at once\n", cap);
            return -1;
        }
        if (ops_recert_id("item", t, &items[n++], &e) < 0) {
            cli_say(c->err, "wachter recert bulk: %s\n", e.msg);
            return -1;
        }
    }
    return (long)n;
}

typedef struct opts {
    const char *sub, *pos[2];
    size_t npos;
    const char *system, *unit, *owner, *due, *title, *reason, *items, *decision;
    long long unused, used;
    int undecided, force;
} opts;

static int parse(cli *c, int argc, char **argv, opts *o)
{
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_format_opt(c, argc, argv, &i)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--system", &o->system)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--unit", &o->unit)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--owner", &o->owner)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--due", &o->due)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--title", &o->title)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--reason", &o->reason)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--items", &o->items)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--decision", &o->decision)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "recert", "--unused", 1, OPS_RECERT_DAYS_MAX,
                                &o->unused)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "recert", "--used", 1, OPS_RECERT_DAYS_MAX,
                                &o->used)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (strcmp(argv[i], "--undecided") == 0)
            o->undecided = 1;
        else if (strcmp(argv[i], "--force") == 0)
            o->force = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage(c, "recert", argv[i]);
        else if (!o->sub)
            o->sub = argv[i];
        else if (o->npos < 2)
            o->pos[o->npos++] = argv[i];
        else
            return cli_usage(c, "recert", argv[i]);
    }
    return 0;
}

static const struct {
    const char *name;
    size_t min, max;
    const char *usage;
} subs[] = {
    {"start", 0, 0, "recert start --system S|--unit U --owner NAME --due DATE [--title T]"},
    {"list", 0, 1, "recert list [ID]"},
    {"items", 1, 1, "recert items ID [--undecided]"},
    {"history", 1, 1, "recert history ID"},
    {"decide", 2, 2, "recert decide ITEM keep|revoke [--reason TEXT]"},
    {"bulk", 1, 1,
     "recert bulk ID (--items 1,2,.. --decision keep|revoke | --unused DAYS | --used DAYS)"
     " [--reason TEXT]"},
    {"close", 1, 1, "recert close ID [--force]"},
    {"overdue", 0, 0, "recert overdue"},
    {"export", 1, 1, "recert export ID > revocations.csv"},
};

/* Runs subcommand k on the open store s. */
static int run(cli *c, store *s, int k, const opts *o, int64_t id, int64_t now)
{
    werr e = {0};
    int64_t item = 0, changed = 0, ids[1000];
    switch (k) {
    case 0: {
        ops_recert_spec spec = {o->title, o->system, o->unit, o->owner, o->due};
        if (ops_recert_start(s, c->who, &spec, now, &id, &e) < 0) return cli_fail(c, "recert", &e);
        return campaigns(c, s, id, now);
    }
    case 1:
        return campaigns(c, s, id, now);
    case 2:
        return items(c, s, id, o->undecided, now);
    case 3:
        return history(c, s, id);
    case 4:
        if (ops_recert_id("item", o->pos[0], &item, &e) < 0 ||
            ops_recert_decide(s, c->who, &id, item, o->pos[1], o->reason, now, &e) < 0)
            return cli_fail(c, "recert", &e);
        return campaigns(c, s, id, now);
    case 5: {
        ops_recert_bulk_spec b = {ids, 0, o->decision, o->reason, o->unused, o->used};
        if (o->items) {
            long got = parse_items(c, o->items, ids, sizeof ids / sizeof *ids);
            if (got < 0) return CLI_EXIT_USAGE;
            b.n = (size_t)got;
        }
        if (ops_recert_bulk(s, c->who, id, &b, now, &changed, &e) < 0)
            return cli_fail(c, "recert", &e);
        cli_say(c->err, "wachter recert bulk: %lld item%s decided\n", (long long)changed,
                changed == 1 ? "" : "s");
        return campaigns(c, s, id, now);
    }
    case 6:
        if (ops_recert_close(s, c->who, id, o->force, now, &e) < 0)
            return cli_fail(c, "recert", &e);
        return campaigns(c, s, id, now);
    case 7:
        return overdue(c, s, now);
    default:
        return export_csv(c, s, id);
    }
}

int cmd_recert(cli *c, int argc, char **argv)
{
    opts o = {0};
    int code = parse(c, argc, argv, &o);
    if (code) return code;
    int k = -1;
    for (size_t j = 0; o.sub && j < sizeof subs / sizeof *subs; j++)
        if (strcmp(o.sub, subs[j].name) == 0) k = (int)j;
    if (k < 0) {
        cli_say(c->err, "wachter recert: %s%s%s (%s)\n",
                o.sub ? "unknown subcommand '" : "which subcommand?", o.sub ? o.sub : "",
                o.sub ? "'" : "", SUBS);
        return CLI_EXIT_USAGE;
    }
    if (o.npos < subs[k].min || o.npos > subs[k].max) {
        cli_say(c->err, "wachter recert %s: usage: wachter %s\n", o.sub, subs[k].usage);
        return CLI_EXIT_USAGE;
    }
    int64_t id = 0;
    werr e = {0};
    /* Every subcommand but decide names a campaign first. */
    if (o.npos && k != 4 && ops_recert_id("campaign", o.pos[0], &id, &e) < 0) {
        cli_say(c->err, "wachter recert %s: %s\n", o.sub, e.msg);
        return CLI_EXIT_USAGE;
    }
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    code = run(c, s, k, &o, id, ts_now_ms());
    store_close(s);
    return code;
}
