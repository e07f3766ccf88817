/* wachter audit [--from T] [--to T] [--account A] | verify [--head HASH] |
 * head: the audit trail, its verification and its head. */
#include <string.h>

#include "cli/cli_range.h"
#include "cli/commands.h"
#include "emit/emit_audit.h"
#include "ops/ops_audit.h"

typedef struct out_ctx {
    const cli *c;
    buf b;
} out_ctx;

static int print_entry(const store_audit_entry *en, void *ctx)
{
    out_ctx *o = ctx;
    buf_reset(&o->b);
    return cli_write(o->c, "audit", &o->b, emit_audit_entry(&o->b, o->c->format, en)) < 0;
}

static int list(cli *c, int64_t from, int64_t to, const char *account)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    out_ctx o = {c, {0}};
    werr e = {0};
    int rc = cli_write(c, "audit", &o.b, emit_audit_begin(&o.b, c->format)) < 0;
    if (rc == 0) rc = ops_audit_each(s, from, to, account, print_entry, &o, &e);
    int code = rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
    if (rc < 0) code = cli_fail(c, "audit", &e);
    buf_free(&o.b);
    store_close(s);
    return code;
}

static int verify(cli *c, const char *head)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    ops_audit_check chk;
    werr e = {0};
    int rc = ops_audit_verify(s, head, &chk, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "audit", &e);
    buf b = {0};
    int wrote = cli_write(c, "audit", &b, emit_audit_verify(&b, c->format, &chk));
    buf_free(&b);
    if (!chk.intact) cli_say(c->err, "wachter audit verify: the trail is broken: %s\n", chk.why);
    return !chk.intact ? CLI_EXIT_TAMPERED : wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int head(cli *c)
{
    store *s;
    if (cli_open_store(c, STORE_EXISTING, &s) < 0) return CLI_EXIT_FAIL;
    char h[65];
    int64_t n;
    werr e = {0};
    int rc = ops_audit_head(s, h, &n, &e);
    store_close(s);
    if (rc < 0) return cli_fail(c, "audit", &e);
    buf b = {0};
    int wrote = cli_write(c, "audit", &b, emit_audit_head(&b, c->format, h, n));
    buf_free(&b);
    return wrote < 0 ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

static int hex64(const char *s)
{
    if (strlen(s) != 64) return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f'))) return 0;
    return 1;
}

int cmd_audit(cli *c, int argc, char **argv)
{
    const char *sub = NULL, *account = NULL, *hd = NULL;
    int64_t from = 0, to = CLI_TIME_MAX;
    for (int i = 1; i < argc; i++) {
        int rc;
        if (i == 1 && (strcmp(argv[i], "verify") == 0 || strcmp(argv[i], "head") == 0))
            sub = argv[i];
        else if (!sub && ((rc = cli_range_opt(c, argc, argv, &i, "audit", &from, &to)) != 0 ||
                          (rc = cli_opt(c, argc, argv, &i, "--account", &account)) != 0)) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if (sub && strcmp(sub, "verify") == 0 &&
                   (rc = cli_opt(c, argc, argv, &i, "--head", &hd)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
            if (!hex64(hd)) {
                cli_say(c->err,
                        "wachter audit verify: --head takes a hash of 64 hex digits (what"
                        " wachter audit head prints), not '%s'\n",
                        hd);
                return CLI_EXIT_USAGE;
            }
        } else if ((rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else
            return cli_usage(c, "audit", argv[i]);
    }
    if (!sub) {
        if (cli_range_check(c, "audit", from, to) < 0) return CLI_EXIT_USAGE;
        return list(c, from, to, account);
    }
    return strcmp(sub, "verify") == 0 ? verify(c, hd) : head(c);
}
