#include "cli/cli_pseud.h"

#include <stdlib.h>
#include <string.h>

#include "normalise/ts.h"
#include "ops/ops_unmask.h"
#include "store/store_staff.h"
#include "util/buf.h"

static int add_staff(const char *actor, const char *person, void *ctx)
{
    return pseud_map_add(ctx, actor, person) < 0;
}

static int show(const char *actor, void *ctx)
{
    return pseud_map_show(ctx, actor) < 0;
}

int cli_pseud_key(const cli *c, pkey *k)
{
    char dflt[4096];
    const char *path = c->key;
    if (!path) {
        if (snprintf(dflt, sizeof dflt, "%s.key", c->db) >= (int)sizeof dflt) {
            cli_say(c->err, "wachter: the store's path is too long for its key's: %s\n", c->db);
            return -1;
        }
        path = dflt;
    }
    werr e = {0};
    if (pkey_open(path, k, &e) < 0) {
        cli_say(c->err, "wachter: %s\n", e.msg);
        return -1;
    }
    return 0;
}

int cli_pseud_load(const cli *c, store *s)
{
    if (!c->ps) return 0;
    pseud_map_free(c->ps->map);
    c->ps->map = NULL;
    werr e = {0};
    pkey k;
    if (cli_pseud_key(c, &k) < 0) return -1;
    pseud_map *m = pseud_map_new(&k);
    pkey_wipe(&k);
    if (!m) {
        fprintf(c->err, "wachter: out of memory\n");
        return -1;
    }
    int64_t n = 0;
    if (store_staff_count(s, &n, &e) < 0 || pseud_map_reserve(m, (size_t)n + 64) < 0 ||
        store_staff_each(s, add_staff, m, &e) < 0) {
        if (!e.code) werr_set(&e, WERR_INTERNAL, "out of memory");
        pseud_map_free(m);
        cli_say(c->err, "wachter: %s\n", e.msg);
        return -1;
    }
    /* The identities an approved unmasking lets this account see. */
    if (c->actor && ops_unmask_shown(s, c->actor, ts_now_ms(), show, m, &e) != 0) {
        if (!e.code) werr_set(&e, WERR_INTERNAL, "out of memory");
        pseud_map_free(m);
        cli_say(c->err, "wachter: %s\n", e.msg);
        return -1;
    }
    c->ps->map = m;
    return 0;
}

void cli_pseud_free(cli_pseud *p)
{
    if (!p) return;
    pseud_map_free(p->map);
    if (p->out) buf_free(p->out);
    free(p->out);
}

int cli_pseud_write(const cli *c, const char *in, size_t n)
{
    cli_pseud *p = c->ps;
    if (c->reveal || !p || !p->map) {
        fwrite(in, 1, n, c->out);
        return 0;
    }
    if (!p->out && !(p->out = calloc(1, sizeof *p->out))) return -1; /* nothing shown raw */
    buf_reset(p->out);
    int rc = pseud_map_rewrite(p->map, in, n, p->out);
    fwrite(p->out->data ? p->out->data : "", 1, p->out->len, c->out);
    return rc;
}

int cli_pseud_arg(const cli *c, const char *cmd, const char *arg, int person, const char **real)
{
    *real = arg;
    if (!pseud_looks_like(arg)) return 0;
    if (!c->ps || !c->ps->map) return 0; /* no store opened: nothing to find it in */
    werr e = {0};
    if (pseud_map_resolve(c->ps->map, arg, person, real, &e) < 0) return cli_fail(c, cmd, &e);
    return 0;
}
