#include "cli/cli.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli_pseud.h"
#include "store/store_lock.h"

#include "util/buf.h"
#include "util/esc.h"

/* A store's note (a schema upgrade under way) on the error stream ctx. */
static void print_note(const char *note, void *ctx)
{
    cli_say(ctx, "wachter: %s\n", note);
}

int cli_open_store(const cli *c, store_mode mode, store **s)
{
    werr e = {0};
    /* The store the gate opened is the same file at the same path: the
     * modes differ only where there is none yet. */
    if (c->held && *c->held) {
        *s = *c->held;
        *c->held = NULL;
    } else if (store_open_noting(c->db, mode, s, print_note, c->err, &e) < 0) {
        cli_say(c->err, "wachter: %s%s\n", e.msg,
                e.code == WERR_NOT_FOUND
                    ? " (create one with wachter load DIR or wachter ingest FILE)"
                    : "");
        return -1;
    }
    store_writer_wait(*s, c->wait_s);
    if (cli_pseud_load(c, *s) < 0) {
        store_close(*s);
        *s = NULL;
        return -1;
    }
    return 0;
}

int cli_wait_opt(cli *c, const char *arg)
{
    if (strcmp(arg, "--wait") == 0) {
        c->wait_s = -1;
        return 1;
    }
    if (strncmp(arg, "--wait=", 7) != 0) return 0;
    char *end;
    long v = strtol(arg + 7, &end, 10);
    if (end == arg + 7 || *end || v <= 0 || v > 86400 * 7) {
        fprintf(c->err, "wachter: --wait= takes a number of seconds (1 to 604800), not '%s'\n",
                arg + 7);
        return -1;
    }
    c->wait_s = (int)v;
    return 1;
}

int cli_opt(const cli *c, int argc, char **argv, int *i, const char *name, const char **val)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != 0) return 0;
    if (*i + 1 >= argc) {
        fprintf(c->err, "wachter: %s needs a value\n", name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int cli_count_opt(const cli *c, int argc, char **argv, int *i, const char *cmd, const char *name,
                  long long lo, long long hi, long long *out)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, name, &v);
    if (rc <= 0) return rc;
    /* strtoll alone would take " 5", "+5", "-5" and "5x" (as 5). */
    char *end = (char *)v;
    long long n = 0;
    errno = 0;
    if (v[0] >= '0' && v[0] <= '9') n = strtoll(v, &end, 10);
    if (end == v || *end || errno == ERANGE || n < lo || n > hi) {
        cli_say(c->err, "wachter %s: %s takes %s%lld %s %lld, not '%s'\n", cmd, name,
                hi == lo + 1 ? "" : "a whole number from ", lo, hi == lo + 1 ? "or" : "to", hi, v);
        return -1;
    }
    *out = n;
    return 1;
}

int cli_format_opt(cli *c, int argc, char **argv, int *i)
{
    const char *v;
    int rc = cli_opt(c, argc, argv, i, "--format", &v);
    if (rc <= 0) return rc;
    if (emit_format_parse(v, &c->format) < 0) {
        cli_say(c->err, "wachter: --format takes table or jsonl, not '%s'\n", v);
        return -1;
    }
    return 1;
}

void cli_say(FILE *to, const char *fmt, ...)
{
    buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    esc_vprintf(&b, fmt, ap); /* out of memory: what it rendered */
    va_end(ap);
    fwrite(b.data ? b.data : "", 1, b.len, to);
    buf_free(&b);
}

int cli_usage(const cli *c, const char *cmd, const char *arg)
{
    cli_say(c->err, "wachter %s: unexpected argument '%s' (see wachter %s --help)\n", cmd, arg,
            cmd);
    return CLI_EXIT_USAGE;
}

/* What each werr code makes the process exit with. Every failure of an
 * operation exits 1, whatever its kind (scripts have relied on that since
 * before the codes existed), except a refusal (WERR_FORBIDDEN: who acts
 * could not be told, or their role may not), which exits 4 so that a
 * script can tell "not allowed" from "failed". CLI_EXIT_USAGE,
 * CLI_EXIT_BAD_ROWS and CLI_EXIT_TAMPERED are not failures of an
 * operation: the commands return them themselves. */
static const int exit_of_code[] = {
    [WERR_OK] = CLI_EXIT_OK,
    [WERR_INPUT] = CLI_EXIT_FAIL,       /* a file or value given to the operation */
    [WERR_NOT_FOUND] = CLI_EXIT_FAIL,   /* a file, directory or record */
    [WERR_FORBIDDEN] = CLI_EXIT_DENIED, /* not allowed to this user or account */
    [WERR_CONFLICT] = CLI_EXIT_FAIL,    /* e.g. the store held by another writer */
    [WERR_UNAVAILABLE] = CLI_EXIT_FAIL, /* disk, lock, server */
    [WERR_INTERNAL] = CLI_EXIT_FAIL,    /* a bug, out of memory */
};

int cli_exit_status(const werr *e)
{
    if (!e) return CLI_EXIT_OK;
    unsigned code = (unsigned)e->code;
    return code < sizeof exit_of_code / sizeof *exit_of_code ? exit_of_code[code] : CLI_EXIT_FAIL;
}

int cli_fail(const cli *c, const char *cmd, const werr *e)
{
    cli_say(c->err, "wachter %s: %s\n", cmd, e->msg);
    /* An operation that failed without setting a code still failed. */
    return e->code == WERR_OK ? CLI_EXIT_FAIL : cli_exit_status(e);
}

int cli_write(const cli *c, const char *cmd, const buf *b, int rendered)
{
    if (cli_pseud_write(c, b->data ? b->data : "", b->len) < 0) rendered = -1;
    if (rendered < 0) {
        fprintf(c->err, "wachter %s: out of memory; the output is cut short\n", cmd);
        return -1;
    }
    return 0;
}

int cli_listen_value(const cli *c, const char *cmd, unsigned dflt, const char *v, char *addr,
                     size_t n, unsigned *port)
{
    const char *colon = strrchr(v, ':');
    const char *a = v, *a_end = colon;
    if (v[0] == '[') {
        a = v + 1;
        a_end = strchr(v, ']');
        if (!a_end || a_end[1] != ':') a_end = NULL;
    }
    char *end = NULL;
    long p = colon && a_end ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || !a_end || a_end == a || (size_t)(a_end - a) >= n || end == colon + 1 || *end ||
        p < 0 || p > 65535) {
        cli_say(c->err,
                "wachter %s: --listen takes ADDRESS:PORT (127.0.0.1:%u, [::1]:%u;"
                " port 0: any free one), not '%s'\n",
                cmd, dflt, dflt, v);
        return -1;
    }
    snprintf(addr, n, "%.*s", (int)(a_end - a), a);
    *port = (unsigned)p;
    return 0;
}

void cli_block_stop_signals(sigset_t *stop, sigset_t *old)
{
    sigemptyset(stop);
    sigaddset(stop, SIGINT);
    sigaddset(stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, stop, old);
    signal(SIGPIPE, SIG_IGN);
}
