/* wachter forward --to URL [--payload P] [--ca FILE] [--client-cert FILE
 * [--client-key FILE]] [--token-file FILE] [--batch N] [--follow [--every
 * SECONDS]] | --status: each new alert once to a SOC's collector or
 * webhook (ops/ops_forward.h), staff by pseudonym unless --reveal. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli_auth.h"
#include "cli/cli_pseud.h"
#include "cli/commands.h"
#include "emit/emit_forward.h"
#include "ops/ops_forward.h"

typedef struct fwd_cli {
    cli *c;
    store *s;
    buf b;
    int reveal;
} fwd_cli;

static int print_dest(const store_fwd *d, void *ctx)
{
    fwd_cli *f = ctx;
    buf_reset(&f->b);
    return cli_write(f->c, "forward", &f->b, emit_fwd_status(&f->b, f->c->format, d)) < 0;
}

static int status(cli *c)
{
    fwd_cli f = {c, NULL, {0}, 0};
    if (cli_open_store(c, STORE_EXISTING, &f.s) < 0) return CLI_EXIT_FAIL;
    werr e = {0};
    int rc = cli_write(c, "forward", &f.b, emit_fwd_status_begin(&f.b, c->format)) < 0;
    if (rc == 0) rc = ops_forward_status(f.s, print_dest, &f, &e);
    int code = rc == 0 ? CLI_EXIT_OK : rc < 0 ? cli_fail(c, "forward", &e) : CLI_EXIT_FAIL;
    buf_free(&f.b);
    store_close(f.s);
    return code;
}

/* The audit trail's record of a pass: what went where, how many. */
static void audit_pass(fwd_cli *f, const ops_fwd_result *r, const werr *failed)
{
    buf a = {0};
    int rc = buf_puts(&a, "{\"to\":") | buf_json_str(&a, r->dest);
    rc |= buf_puts(&a, ",\"payload\":") | buf_json_str(&a, r->payload ? r->payload : "");
    rc |= buf_printf(&a, ",\"sent\":%lld,\"first\":", (long long)r->sent);
    rc |= buf_json_str(&a, r->first) | buf_puts(&a, ",\"last\":") | buf_json_str(&a, r->last);
    rc |= buf_printf(&a, ",\"cursor\":%lld", (long long)r->cursor);
    if (failed) rc |= buf_puts(&a, ",\"error\":") | buf_json_str(&a, failed->msg);
    rc |= buf_puts(&a, f->reveal ? ",\"reveal\":true}" : "}");
    if (rc == 0) cli_audit_done(f->c, f->s, "forward", a.data);
    buf_free(&a);
}

static void on_pass(const ops_fwd_result *r, const werr *failed, void *ctx)
{
    fwd_cli *f = ctx;
    audit_pass(f, r, failed);
    buf_reset(&f->b);
    if (failed && f->c->format == EMIT_TABLE)
        cli_say(f->c->err, "wachter forward: %s (trying again)\n", failed->msg);
    cli_write(f->c, "forward", &f->b, emit_fwd_result(&f->b, f->c->format, r, failed));
    fflush(f->c->out);
}

/* SIGTERM and SIGINT, blocked in every thread, are waited for by one
 * that sets the flag: the pass under way ends with its cursor kept. */
typedef struct waiter {
    pthread_t t;
    sigset_t set;
    volatile sig_atomic_t stop;
} waiter;

static void *wait_signal(void *arg)
{
    waiter *w = arg;
    int sig;
    sigwait(&w->set, &sig);
    w->stop = 1;
    return NULL;
}

/* The key a webhook wants, from file (its first line) or
 * $WACHTER_FORWARD_TOKEN. Owned. 0, or -1 reported. */
static int read_token(cli *c, const char *file, char **out)
{
    *out = NULL;
    if (!file) {
        const char *env = getenv("WACHTER_FORWARD_TOKEN");
        if (env && *env && !(*out = strdup(env))) return -1;
        return 0;
    }
    FILE *fp = fopen(file, "r");
    char line[4096];
    if (!fp || !fgets(line, sizeof line, fp)) {
        cli_say(c->err, "wachter forward: cannot read the key in --token-file %s\n", file);
        if (fp) fclose(fp);
        return -1;
    }
    fclose(fp);
    line[strcspn(line, "\r\n")] = 0;
    if (!*line) {
        cli_say(c->err, "wachter forward: --token-file %s holds no key on its first line\n", file);
        return -1;
    }
    return (*out = strdup(line)) ? 0 : -1;
}

static int run(cli *c, ops_fwd_opts *o, const char *token_file, int follow, int every)
{
    char *token = NULL;
    if (read_token(c, token_file, &token) < 0) return CLI_EXIT_USAGE;
    o->bearer = token;
    werr e = {0};
    if (ops_forward_check(o, &e) < 0) {
        free(token);
        return cli_fail(c, "forward", &e);
    }
    pkey k;
    if (!c->reveal && cli_pseud_key(c, &k) < 0) {
        free(token);
        return CLI_EXIT_FAIL;
    }
    o->key = c->reveal ? NULL : &k;
    fwd_cli f = {c, NULL, {0}, c->reveal};
    int code = CLI_EXIT_OK;
    if (cli_open_store(c, STORE_EXISTING, &f.s) < 0) {
        code = CLI_EXIT_FAIL;
        goto done;
    }
    waiter w = {0};
    sigset_t old;
    cli_block_stop_signals(&w.set, &old);
    int waiting = pthread_create(&w.t, NULL, wait_signal, &w) == 0;
    o->stop = &w.stop;
    if (follow) {
        if (ops_forward_follow(f.s, o, every, on_pass, &f, &e) < 0)
            code = cli_fail(c, "forward", &e);
    } else {
        ops_fwd_result r;
        int rc = ops_forward_once(f.s, o, &r, &e);
        audit_pass(&f, &r, rc < 0 ? &e : NULL);
        if (rc < 0) code = cli_fail(c, "forward", &e);
        buf_reset(&f.b);
        if (cli_write(c, "forward", &f.b, emit_fwd_result(&f.b, c->format, &r, NULL)) < 0 &&
            code == CLI_EXIT_OK)
            code = CLI_EXIT_FAIL;
    }
    if (waiting) {
        if (!w.stop) pthread_kill(w.t, SIGTERM);
        pthread_join(w.t, NULL);
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    store_close(f.s);
done:
    if (!c->reveal) pkey_wipe(&k);
    buf_free(&f.b);
    free(token);
    return code;
}

int cmd_forward(cli *c, int argc, char **argv)
{
    ops_fwd_opts o = {.payload = -1};
    const char *v, *token_file = NULL;
    int follow = 0, show = 0;
    long long every = 5, batch = 0;
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    o.from = (emit_siem_from){cli_version(), host, (long)getpid()};
    for (int i = 1; i < argc; i++) {
        int rc;
        if ((rc = cli_opt(c, argc, argv, &i, "--to", &o.to)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--ca", &o.tls.ca)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--client-cert", &o.tls.cert)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--client-key", &o.tls.key)) != 0 ||
            (rc = cli_opt(c, argc, argv, &i, "--token-file", &token_file)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "forward", "--every", 1, 3600, &every)) != 0 ||
            (rc = cli_count_opt(c, argc, argv, &i, "forward", "--batch", 1, 10000, &batch)) != 0 ||
            (rc = cli_format_opt(c, argc, argv, &i)) != 0) {
            if (rc < 0) return CLI_EXIT_USAGE;
        } else if ((rc = cli_opt(c, argc, argv, &i, "--payload", &v)) != 0) {
            enum emit_siem p;
            if (rc < 0) return CLI_EXIT_USAGE;
            if (emit_siem_parse(v, 1, &p) < 0) {
                cli_say(c->err,
                        "wachter forward: --payload takes ecs, cef, syslog or thehive, not '%s'\n",
                        v);
                return CLI_EXIT_USAGE;
            }
            o.payload = (int)p;
        } else if (strcmp(argv[i], "--follow") == 0)
            follow = 1;
        else if (strcmp(argv[i], "--status") == 0)
            show = 1;
        else
            return cli_usage(c, "forward", argv[i]);
    }
    if (show) {
        if (o.to || follow) {
            fprintf(c->err, "wachter forward: --status lists the destinations; it takes no --to"
                            " or --follow\n");
            return CLI_EXIT_USAGE;
        }
        return status(c);
    }
    if (!o.to) {
        fprintf(c->err, "wachter forward: --to URL is needed (or --status)\n");
        return CLI_EXIT_USAGE;
    }
    o.batch = (int)batch;
    return run(c, &o, token_file, follow, (int)every);
}
